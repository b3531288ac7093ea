-- Age groups with monthly counts of unemployed jobseekers, for the age picker.
-- Grain: one row per age group. Parameters: none.
select g.age_group, g.min_age, g.max_age, g.name_fi, g.name_sv, g.name_en
from age_groups g
where g.age_group in (
    select distinct age_group from observations
    where measure = 'unemployed' and frequency = 'month'
)
order by g.age_group <> 'SSS', g.min_age desc nulls first, g.max_age nulls first
