-- Mismatch index across occupations (Jackman–Roper, X classes left out) for one area and the
-- whole country at one occupation level, with the source tables of the occupation counts.
-- Grain: one row per area per month. Parameters: $area, $level (1–4), $start, $end (dates).
-- The sources come from coverage (stored by area and period): the same source tables as the
-- area's observations by occupation, without reading its hundreds of thousands of them.
with sources as (
    select o.area_code, string_agg(distinct o.source_table, ', ' order by o.source_table) as sources
    from coverage o
    where o.area_code in ($area, 'SSS') and o.by_occupation
      and o.frequency = 'month' and o.period between $start and $end
    group by o.area_code
)
select
    m.area_code,
    m.period,
    m.level,
    m.mismatch_index,
    m.segments,
    m.status,
    s.sources
from v_mismatch_occupation m
left join sources s using (area_code)
where m.area_code in ($area, 'SSS') and m.level = $level and m.period between $start and $end
order by m.area_code = 'SSS', m.period
