-- Area codes the sources publish outside the classifications (level 'unallocated': MK91, KU199,
-- jobseekers or vacancies without a known area, MKJO, KUJOU ...), with what they hold. They are
-- kept as published and never enter maps, rankings or sums of areas.
-- Grain: one row per such area. Parameters: none.
-- What they hold: zeros and suppressed cells say nothing, so only periods with a value other
-- than zero count (first_nonzero, last_nonzero of measure_periods, made at build time so that
-- this does not scan observations).
with held as (
    select o.area_code, o.measure, min(o.first_nonzero) as first_period,
        max(o.last_nonzero) as last_period,
        string_agg(distinct o.source_table, ', ' order by o.source_table) as sources
    from measure_periods o
    join areas a using (area_code)
    where a.level = 'unallocated' and o.first_nonzero is not null
    group by o.area_code, o.measure
)

select
    a.area_code,
    a.name_fi,
    a.name_sv,
    a.name_en,
    string_agg(m.name_fi, ', ' order by h.measure) as measures_fi,
    string_agg(m.name_sv, ', ' order by h.measure) as measures_sv,
    string_agg(m.name_en, ', ' order by h.measure) as measures_en,
    min(h.first_period) as first_period,
    max(h.last_period) as last_period,
    string_agg(distinct h.sources, ', ' order by h.sources) as sources
from areas a
left join held h using (area_code)
left join measures m using (measure)
where a.level = 'unallocated'
group by a.area_code, a.name_fi, a.name_sv, a.name_en
order by a.area_code
