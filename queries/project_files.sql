-- The files the projects databank was built from, with an official export's export date.
-- Grain: one row per file. Parameters: none.
select file, kind, projects, practices, reports, exported
from project_files
order by file
