-- The areas one level below $area in the coordinators' hierarchy (country -> coordinator
-- areas -> regions -> sub-regions -> municipalities), each with the projects that lie in it,
-- whole or in part (through their finest members: municipalities, else regions, as the demo
-- database has only these). A child area without projects has one row with a null
-- project_code; national projects (SSS) lie in none.
-- Grain: one row per child area and project. Parameters: $area (area code).
with with_municipalities as (
    select distinct area_code from area_members where member_level = 'municipality'
),

units as (
    select area_code, member_code as unit
    from area_members
    where member_level = 'municipality'
    union
    select area_code, member_code as unit
    from area_members
    where member_level = 'region' and area_code not in (select area_code from with_municipalities)
    union
    select area_code, area_code as unit
    from areas
    where area_code not in (select area_code from area_members)
),

children as (
    select c.area_code, c.name_fi, c.name_sv, c.name_en
    from areas c
    join areas p on p.area_code = c.parent_code
    where p.area_code = $area
      and c.level = case p.level
          when 'country' then 'coordinator_area'
          when 'coordinator_area' then 'region'
          when 'region' then 'sub_region'
          when 'sub_region' then 'municipality'
      end
),

lying_in as (
    select distinct c.area_code, pa.project_code
    from children c
    join units cu on cu.area_code = c.area_code
    join units pu on pu.unit = cu.unit
    join project_areas pa on pa.area_code = pu.area_code
    where pa.area_code <> 'SSS'
)

select c.area_code, c.name_fi, c.name_sv, c.name_en, l.project_code
from children c
left join lying_in l using (area_code)
order by c.area_code, l.project_code
