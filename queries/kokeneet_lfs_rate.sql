-- The Labour Force Survey's yearly unemployment rate (%) by age group, whole country.
-- Grain: one row per age group per year. Parameters: $first_year, $last_year (integers).
select o.period, o.age_group, g.min_age, g.max_age, o.value, o.status, o.source_table
from observations o
join age_groups g using (age_group)
where o.measure = 'unemployment_rate_lfs' and o.frequency = 'year' and o.area_code = 'SSS'
  and o.sex = 'SSS' and o.occupation_code = 'SSS' and o.industry_code = 'SSS'
  and year(o.period) between $first_year and $last_year
order by o.period, g.min_age, g.max_age
