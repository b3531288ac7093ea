-- The source tables of the database with their licence, coverage and the frequencies of their
-- observations (so that a yearly table's period reads 2009–2025, not as months).
-- Grain: one row per source table. Parameters: none.
-- measure_periods (a few thousand rows made at build time) has every source table and frequency
-- of observations; coverage has a row per area and period.
with frequencies as (
    select o.source_table, string_agg(distinct o.frequency, ', ' order by o.frequency) as frequencies
    from measure_periods o
    group by o.source_table
)

select
    s.source_table,
    s.title,
    s.publisher,
    s.url,
    s.licence,
    s.retrieved_at,
    s.first_period,
    s.last_period,
    s.updated,
    f.frequencies
from sources s
left join frequencies f using (source_table)
order by s.source_table
