-- One fact about how the database was built, e.g. fallback_reason (why the app runs on demo data).
-- Grain: zero or one row. Parameters: $key (a build_info key).
select value
from build_info
where key = $key
