-- Which age groups each source table has, for which measures and areas, over which period:
-- the age breaks differ by source, so this says what can be compared.
-- Grain: one row per source table and measure. Parameters: none.
-- measure_periods (a few thousand rows made at build time) has every source, measure, age
-- group, area and frequency of observations with their first and last period.
with cells as (
    select distinct o.source_table, o.measure, o.age_group, o.area_code, o.first_period,
        o.last_period, o.frequency
    from measure_periods o
    where o.age_group <> 'SSS'
)
select
    c.source_table,
    c.measure,
    string_agg(distinct c.age_group, ', ' order by c.age_group) as age_groups,
    count(distinct c.area_code) as areas,
    string_agg(distinct a.name_fi || ' (' || a.area_code || ')', ', '
        order by a.name_fi || ' (' || a.area_code || ')') as area_names_fi,
    string_agg(distinct a.name_sv || ' (' || a.area_code || ')', ', '
        order by a.name_sv || ' (' || a.area_code || ')') as area_names_sv,
    string_agg(distinct a.name_en || ' (' || a.area_code || ')', ', '
        order by a.name_en || ' (' || a.area_code || ')') as area_names_en,
    min(c.first_period) as first_period,
    max(c.last_period) as last_period,
    string_agg(distinct c.frequency, ', ' order by c.frequency) as frequencies
from cells c
join areas a using (area_code)
group by c.source_table, c.measure
order by c.source_table, c.measure
