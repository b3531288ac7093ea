-- Occupation levels (1–4 digits) that have monthly counts for the whole country, for the
-- level picker of the mismatch index.
-- Grain: one row per level. Parameters: none.
select distinct o.occupation_level as level
from coverage o
where o.occupation_level between 1 and 4
  and o.area_code = 'SSS' and o.by_occupation and o.frequency = 'month'
order by level
