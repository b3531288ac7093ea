-- Open vacancies by industry (tyonv/12tw): whether the database has them at all, and the nearest
-- area that has them for the chosen area (the area itself, else the first up its parent chain).
-- Grain: one row; the area columns are NULL when no area up the chain has figures in the period.
-- Parameters: $area, $start, $end (dates).
with chain as (
    select ancestor_code as area_code, depth from area_ancestors where area_code = $area
),

cells as (
    select area_code, period
    from coverage
    where measure = 'open_vacancies' and by_industry and frequency = 'month'
      and age_group = 'SSS' and not by_occupation and sex = 'SSS' and has_value
),

covered as (
    select c.area_code, c.depth, max(x.period) as last_month
    from chain c
    join cells x on x.area_code = c.area_code
    where x.period between $start and $end
    group by c.area_code, c.depth
    order by c.depth
    limit 1
)

select
    exists (select 1 from cells) as in_database,
    v.area_code, v.depth, v.last_month, a.level, a.name_fi, a.name_sv, a.name_en
from (select 1) one
left join covered v on true
left join areas a on a.area_code = v.area_code
