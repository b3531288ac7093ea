-- The source tables of the database with their licence and coverage.
-- Grain: one row per source table. Parameters: none.
select
    s.source_table,
    s.title,
    s.publisher,
    s.url,
    s.licence,
    s.retrieved_at,
    s.first_period,
    s.last_period
from sources s
order by s.source_table
