-- Every measure with its names, unit and description, whether it is derived (computed in a
-- view), and where its numbers are: the source tables, frequencies and period covered, or the
-- views that compute it.
-- Grain: one row per measure. Parameters: none.
-- Reads measure_periods (a few thousand rows made at build time), not coverage or observations,
-- whose scans grow with the data.
with stored as (
    select
        o.measure,
        string_agg(distinct o.source_table, ', ' order by o.source_table) as source_tables,
        string_agg(distinct o.frequency, ', ' order by o.frequency) as frequencies,
        min(o.first_period) as first_period,
        max(o.last_period) as last_period
    from measure_periods o
    group by o.measure
),
views(measure, source_views) as (
    values
        ('unemployment_share', 'v_area_month'),
        ('vacancy_share', 'v_area_month'),
        ('tightness', 'v_area_month, v_occupation_month'),
        ('age_share', 'v_age_share (share), v_area_month (share_50)'),
        ('long_term_share', 'v_area_month'),
        ('mismatch_index', 'v_mismatch_occupation, v_mismatch_region')
)
select
    m.measure,
    m.name_fi,
    m.name_sv,
    m.name_en,
    m.unit,
    m.derived,
    m.description_fi,
    m.description_sv,
    m.description_en,
    coalesce(s.source_tables, v.source_views) as found_in,
    s.frequencies,
    s.first_period,
    s.last_period
from measures m
left join stored s using (measure)
left join views v using (measure)
order by m.derived, m.measure
