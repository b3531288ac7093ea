-- Results and good practices with their project's names, newest first.
-- Grain: one row per practice. Parameters: none.
select
    x.*,
    coalesce(p.name_fi, p.name_en, p.name_sv) as project_name_fi,
    coalesce(p.name_sv, p.name_fi, p.name_en) as project_name_sv,
    coalesce(p.name_en, p.name_fi, p.name_sv) as project_name_en,
    p.source as project_source
from practices x
join projects p using (project_code)
order by x.published desc nulls last, x.practice_id
