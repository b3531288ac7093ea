-- Age groups with monthly counts of unemployed jobseekers, for the age picker, with how many
-- areas have them (the default experienced group is the one most areas have).
-- Grain: one row per age group. Parameters: none.
-- measure_periods (a few thousand rows made at build time) has every area of every age group.
with coverage as (
    select age_group, count(distinct area_code) as areas
    from measure_periods
    where measure = 'unemployed' and frequency = 'month'
    group by age_group
)
select g.age_group, g.min_age, g.max_age, g.name_fi, g.name_sv, g.name_en, c.areas
from age_groups g
join coverage c using (age_group)
order by g.age_group <> 'SSS', g.max_age is not null, g.min_age desc, g.max_age
