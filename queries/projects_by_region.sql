-- Projects and their planned EU and state funding by region: a project counts in every region
-- it lies in (whole or in part, through its municipalities); national projects count in none.
-- Grain: one row per region with projects. Parameters: none.
with units as (
    select area_code, member_code as unit
    from area_members
    where member_level = 'municipality'
    union
    select area_code, area_code as unit
    from areas
    where area_code not in (select area_code from area_members where member_level = 'municipality')
),

project_regions as (
    select distinct pa.project_code, r.area_code as region
    from project_areas pa
    join units pu on pu.area_code = pa.area_code
    join units ru on ru.unit = pu.unit
    join areas r on r.area_code = ru.area_code and r.level = 'region'
    where pa.area_code <> 'SSS'
)

select
    r.region as area_code,
    a.name_fi,
    a.name_sv,
    a.name_en,
    count(*) as projects,
    sum(p.planned_eu_state_eur) as planned_eu_state_eur,
    count(p.planned_eu_state_eur) as with_funding
from project_regions r
join projects p using (project_code)
join areas a on a.area_code = r.region
group by all
order by projects desc, area_code
