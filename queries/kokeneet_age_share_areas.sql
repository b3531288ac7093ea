-- The share of one age group among the unemployed jobseekers, for every area that has it.
-- Grain: one row per area per month (both sexes). Parameters: $age, $start, $end.
with shares as (
    select s.area_code, s.period, s.value, s.all_ages, s.share, s.status, s.source_table
    from v_age_share s
    where s.age_group = $age and s.measure = 'unemployed' and s.sex = 'SSS'
      and s.frequency = 'month' and s.period between $start and $end
)
select s.*, a.level, a.name_fi, a.name_sv, a.name_en
from shares s
join areas a using (area_code)
order by s.period, s.area_code
