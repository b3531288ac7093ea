-- The expected change of each area of a level, and of the country, from the month its outlook
-- was made (its last month of data) to $horizon months later: the observed value in the origin
-- month, the forecast then and its 80 % interval (issue 20). Unemployed jobseekers and the
-- unemployment share (%), all ages; areas without an outlook have NULL forecasts and a reason.
-- Grain: one row per area and measure. Parameters: $level (an area level), $horizon (1-12).
with considered as (
    select s.*, a.level, a.name_fi, a.name_sv, a.name_en
    from forecast_series s
    join areas a using (area_code)
    where (a.level = $level or a.area_code = 'SSS')
        and s.measure in ('unemployed', 'unemployment_share')
        and s.age_group = 'SSS'
)
select
    c.measure,
    c.area_code,
    c.level,
    c.name_fi,
    c.name_sv,
    c.name_en,
    c.reason,
    c.origin,
    c.last_data,
    c.model,
    c.status,
    f.period,
    f.value,
    f.lo80,
    f.hi80,
    case c.measure when 'unemployed' then m.unemployed else m.unemployment_share end as at_origin,
    m.sources
from considered c
left join forecasts f
    on f.measure = c.measure
    and f.area_code = c.area_code
    and f.age_group = c.age_group
    and f.period = cast(c.origin + to_months($horizon) as date)
left join v_area_month m on m.area_code = c.area_code and m.period = c.origin
order by c.measure, c.area_code
