-- Monthly unemployed jobseekers of one age group and of all ages, for one area and the country.
-- Grain: one row per area per month. Parameters: $area, $age, $start, $end.
select s.area_code, s.period, s.age_group, s.value, s.all_ages, s.share, s.status, s.source_table
from v_age_share s
where s.area_code in ($area, 'SSS') and s.age_group = $age and s.measure = 'unemployed'
  and s.sex = 'SSS' and s.frequency = 'month' and s.period between $start and $end
order by s.area_code = 'SSS', s.period
