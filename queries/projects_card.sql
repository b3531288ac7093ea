-- One project's facts, with its areas' names and the region whose labour market frames it:
-- the first of its areas that is a region, else the region an area lies in, else the country.
-- Grain: one row (none for an unknown code). Parameters: $project.
with regions as (
    select pa.area_code as region, 0 as rank
    from project_areas pa
    join areas a using (area_code)
    where pa.project_code = $project and a.level in ('region', 'country')
    union all
    select m.area_code, 1
    from project_areas pa
    join area_members m on m.member_code = pa.area_code
    join areas a on a.area_code = m.area_code
    where pa.project_code = $project and a.level = 'region'
)

select
    p.*,
    (select string_agg(area_code, ', ' order by area_code) from project_areas where project_code = $project) as area_codes,
    (select string_agg(target_group, ', ' order by target_group) from project_target_groups where project_code = $project) as target_groups,
    (select string_agg(theme, ', ' order by theme) from project_themes where project_code = $project) as themes,
    (select region from regions order by rank, region limit 1) as context_area
from projects p
where p.project_code = $project
