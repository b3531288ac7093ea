-- The periods each source table has observations for (made at build time from coverage), so
-- the data page can name each table's runs of periods and the gaps between them.
-- Grain: one row per source table, frequency and period. Parameters: none.
select source_table, frequency, period
from source_periods
order by source_table, frequency, period
