-- Where an official export and the coordination's workbook disagree on a project's fact; the
-- official value is the one used.
-- Grain: one row per project and field. Parameters: none.
select project_code, field, workbook_value, official_value, official_source
from project_differences
order by project_code, field
