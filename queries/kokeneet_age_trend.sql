-- Monthly unemployed jobseekers of every age group published for one area, with the group's
-- share of all the unemployed of the area (v_age_share), for the age-break chart and sentences.
-- The twelve months before $start are included so the sentences can compare with a year earlier.
-- Grain: one row per age group per month (both sexes). Parameters: $area, $start, $end.
with shares as (
    select s.period, s.age_group, s.value, s.all_ages, s.share, s.status, s.source_table
    from v_age_share s
    where s.area_code = $area and s.measure = 'unemployed' and s.sex = 'SSS'
      and s.frequency = 'month'
      and s.period between ($start::date - interval 12 month) and $end
)
select s.period, s.age_group, g.min_age, g.max_age, s.value, s.all_ages, s.share, s.status,
    s.source_table
from shares s
join age_groups g using (age_group)
order by s.period, g.min_age, g.max_age nulls last
