-- Which sources break the unemployed (and the long-term unemployed) down by age, at which area
-- levels and months: the text of the honest empty states.
-- Grain: one row per measure, source table and area level. Parameters: none.
-- Cells with a number (first_valued, last_valued of measure_periods, a few thousand rows made
-- at build time, where coverage has a row per area and month).
with cells as (
    select o.measure, o.source_table, o.area_code, o.age_group, o.first_valued, o.last_valued
    from measure_periods o
    where o.measure in ('unemployed', 'long_term_unemployed') and o.age_group <> 'SSS'
      and o.frequency = 'month' and o.sex = 'SSS' and o.first_valued is not null
),
groups as (
    select distinct c.measure, c.source_table, g.min_age, g.max_age,
        case when g.max_age is null then g.min_age || '+' else g.min_age || '–' || g.max_age end
            as label
    from cells c join age_groups g using (age_group)
),
per_source as (
    select
        g.measure,
        g.source_table,
        string_agg(g.label, ', ' order by g.min_age, g.max_age nulls last) as age_groups,
        (select min(first_valued) from cells c
         where c.measure = g.measure and c.source_table = g.source_table) as first_period,
        (select max(last_valued) from cells c
         where c.measure = g.measure and c.source_table = g.source_table) as last_period
    from groups g
    group by g.measure, g.source_table
),
per_level as (
    select distinct c.measure, c.source_table, a.level, c.area_code, a.name_fi, a.name_sv, a.name_en
    from cells c join areas a using (area_code)
)
select
    s.measure, s.source_table, s.age_groups, s.first_period, s.last_period, l.level,
    count(*) as areas,
    string_agg(l.name_fi, ', ' order by l.name_fi) as name_fi,
    string_agg(l.name_sv, ', ' order by l.name_sv) as name_sv,
    string_agg(l.name_en, ', ' order by l.name_en) as name_en
from per_source s
join per_level l using (measure, source_table)
group by s.measure, s.source_table, s.age_groups, s.first_period, s.last_period, l.level
order by s.measure desc, s.source_table,
    case l.level when 'country' then 0 when 'coordinator_area' then 1 when 'region' then 2
        when 'ely' then 3 when 'elinvoimakeskus' then 4 when 'employment_area' then 5
        when 'major_region' then 6 when 'sub_region' then 7 else 8 end,
    l.level  -- municipality and unallocated share 8: without this their order was a toss-up
