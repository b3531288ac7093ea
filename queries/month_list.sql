-- Months with unemployed jobseekers for the whole country, for the period slider.
-- Grain: one row per month. Parameters: none.
select distinct period
from coverage
where measure = 'unemployed' and frequency = 'month' and area_code = 'SSS'
  and age_group = 'SSS' and not by_occupation and not by_industry and sex = 'SSS'
  and has_value
order by period
