-- The outlook of every series of one area (issue 20): why it has one or not (the forecast
-- step's reason, origin and latest month with data, the model shown), and its twelve months
-- with the 80 % interval.
-- Grain: one row per measure, age group and forecast month; a series without an outlook has one
-- row with period NULL. Parameters: $area (an area code).
select
    s.measure,
    s.age_group,
    s.reason,
    s.origin,
    s.last_data,
    s.model,
    s.rel_mae,
    s.status,
    f.period,
    f.value,
    f.lo80,
    f.hi80
from forecast_series s
left join forecasts f
    on f.measure = s.measure
    and f.area_code = s.area_code
    and f.age_group = s.age_group
where s.area_code = $area
order by s.measure, s.age_group, f.period
