-- Which age groups each source table has, for which measures and areas, over which period:
-- the age breaks differ by source, so this says what can be compared.
-- Grain: one row per source table and measure. Parameters: none.
-- measure_periods (a few thousand rows made at build time) has every source, measure, age
-- group, area and frequency of observations with their first and last period. Each list is
-- made from its own distinct values (one group by each, not seven distinct aggregates in one).
with cells as (
    select o.source_table, o.measure, o.age_group, o.area_code, o.first_period, o.last_period,
        o.frequency
    from measure_periods o
    where o.age_group <> 'SSS' and o.area_code in (select area_code from areas)
),
spans as (
    select source_table, measure, min(first_period) as first_period,
        max(last_period) as last_period
    from cells
    group by source_table, measure
),
ages as (
    select source_table, measure, string_agg(age_group, ', ' order by age_group) as age_groups
    from (select distinct source_table, measure, age_group from cells)
    group by source_table, measure
),
frequencies as (
    select source_table, measure, string_agg(frequency, ', ' order by frequency) as frequencies
    from (select distinct source_table, measure, frequency from cells)
    group by source_table, measure
),
places as (
    select
        c.source_table,
        c.measure,
        count(*) as areas,
        string_agg(a.name_fi || ' (' || a.area_code || ')', ', '
            order by a.name_fi || ' (' || a.area_code || ')') as area_names_fi,
        string_agg(a.name_sv || ' (' || a.area_code || ')', ', '
            order by a.name_sv || ' (' || a.area_code || ')') as area_names_sv,
        string_agg(a.name_en || ' (' || a.area_code || ')', ', '
            order by a.name_en || ' (' || a.area_code || ')') as area_names_en
    from (select distinct source_table, measure, area_code from cells) c
    join areas a using (area_code)
    group by c.source_table, c.measure
)
select
    p.source_table,
    p.measure,
    g.age_groups,
    p.areas,
    p.area_names_fi,
    p.area_names_sv,
    p.area_names_en,
    s.first_period,
    s.last_period,
    f.frequencies
from places p
join spans s using (source_table, measure)
join ages g using (source_table, measure)
join frequencies f using (source_table, measure)
order by p.source_table, p.measure
