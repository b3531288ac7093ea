-- The tables and views of the database, for analysts who open the file with their own tools.
-- Grain: one row per table or view. Parameters: none.
select t.table_name as "table", 'table' as kind, t.estimated_size as rows, t.column_count as columns
from duckdb_tables() t
where t.database_name = current_database() and t.schema_name = 'main'
union all
select v.view_name, 'view', null, v.column_count
from duckdb_views() v
where v.database_name = current_database() and v.schema_name = 'main' and not v.internal
order by kind, "table"
