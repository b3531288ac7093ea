-- The columns of every table and view of the database, in their order.
-- Grain: one row per table and column. Parameters: none.
select
    c.table_name as "table",
    c.column_name as "column",
    c.data_type as type,
    c.is_nullable as nullable
from duckdb_columns() c
where c.database_name = current_database() and c.schema_name = 'main'
order by c.table_name, c.column_index
