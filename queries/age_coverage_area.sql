-- Age groups with at least one monthly count of unemployed jobseekers for an area in a period,
-- so the age picker can mark the groups without data there.
-- Grain: one row per age group. Parameters: $area, $start, $end (first days of months).
select distinct age_group
from coverage
where measure = 'unemployed'
    and frequency = 'month'
    and area_code = $area
    and period between $start and $end
    and has_value
