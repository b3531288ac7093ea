-- Occupation levels (1–4 digits) that have monthly counts for the whole country, for the
-- level picker of the mismatch index.
-- Grain: one row per level. Parameters: none.
select distinct c.level
from occupations c
where c.level between 1 and 4
  and c.occupation_code in (
      select o.occupation_code
      from observations o
      where o.area_code = 'SSS' and o.occupation_code <> 'SSS' and o.frequency = 'month'
  )
order by c.level
