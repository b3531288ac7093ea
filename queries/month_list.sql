-- Months with unemployed jobseekers for the whole country, for the period slider.
-- Grain: one row per month. Parameters: none.
select distinct period
from observations
where measure = 'unemployed' and frequency = 'month' and area_code = 'SSS'
  and age_group = 'SSS' and occupation_code = 'SSS' and industry_code = 'SSS' and sex = 'SSS'
  and value is not null
order by period
