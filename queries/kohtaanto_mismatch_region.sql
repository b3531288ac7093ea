-- Mismatch index across the regions (maakunnat) of the whole country, with the source tables
-- of the regional counts.
-- Grain: one row per month. Parameters: $start, $end (dates).
with sources as (
    select string_agg(distinct s.source, ', ' order by s.source) as sources
    from v_area_month m
    join areas a using (area_code)
    cross join unnest(string_split(m.sources, ', ')) as s(source)
    where a.level = 'region' and m.period between $start and $end
)
select r.area_code, r.period, r.mismatch_index, r.segments, r.status, s.sources
from v_mismatch_region r
cross join sources s
where r.period between $start and $end
order by r.period
