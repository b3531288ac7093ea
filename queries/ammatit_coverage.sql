-- The nearest area with occupation figures (tyonv/12ti) for the chosen area: the area itself, else
-- the first area up its parent chain (municipality → sub-region → region → …) that has them.
-- Grain: one row, or none when no area up the chain has figures in the period.
-- Parameters: $area, $start, $end (dates).
-- The chain from area_ancestors, materialized, so that DuckDB knows its few areas and reads only
-- their rows of coverage (a filter it passes down to the scan); otherwise it scans all of it.
with chain as materialized (
    select ancestor_code as area_code, depth from area_ancestors where area_code = $area
),

covered as (
    select c.area_code, c.depth, max(o.period) as last_month
    from chain c
    join coverage o on o.area_code = c.area_code
    where o.by_occupation and o.frequency = 'month'
      and o.measure in ('unemployed', 'open_vacancies')
      and o.age_group = 'SSS' and not o.by_industry and o.sex = 'SSS'
      and o.has_value and o.period between $start and $end
    group by c.area_code, c.depth
)

select c.area_code, c.depth, c.last_month, a.level, a.name_fi, a.name_sv, a.name_en
from covered c
join areas a using (area_code)
order by c.depth
limit 1
