-- Every project with its names, period, derived status, areas, target groups, themes, the
-- text searched by the databank, and how it relates to the chosen area: 'in' (located in the
-- area or in its parts), 'containing' (a larger or overlapping area), 'national' (SSS), or
-- 'other'. Areas are compared by their municipalities (an area without member municipalities
-- is its own unit). Status compares the dates with the data's latest month $ref (a date):
-- ongoing, ended, upcoming, or unknown without dates.
-- Grain: one row per project. Parameters: $area (area code), $ref (date).
with units as (
    select area_code, member_code as unit
    from area_members
    where member_level = 'municipality'
    union
    select area_code, area_code as unit
    from areas
    where area_code not in (select area_code from area_members where member_level = 'municipality')
),

chosen as (
    select unit from units where area_code = $area
),

project_units as (
    select pa.project_code, pa.area_code, u.unit
    from project_areas pa
    join units u using (area_code)
),

area_relation as (
    select
        project_code,
        area_code,
        case
            when area_code = 'SSS' then 'national'
            when $area = 'SSS' then 'in'
            when count(*) filter (where unit not in (select unit from chosen)) = 0 then 'in'
            when count(*) filter (where unit in (select unit from chosen)) > 0 then 'containing'
            else 'other'
        end as relation
    from project_units
    group by project_code, area_code
),

relation as (
    select
        project_code,
        case min(case relation when 'in' then 0 when 'containing' then 1 when 'national' then 2 else 3 end)
            when 0 then 'in' when 1 then 'containing' when 2 then 'national' else 'other'
        end as relation
    from area_relation
    group by project_code
),

area_names as (
    select
        pa.project_code,
        string_agg(pa.area_code, ', ' order by pa.area_code) as area_codes,
        string_agg(a.name_fi, ', ' order by pa.area_code) as areas_fi,
        string_agg(coalesce(a.name_sv, a.name_fi), ', ' order by pa.area_code) as areas_sv,
        string_agg(coalesce(a.name_en, a.name_fi), ', ' order by pa.area_code) as areas_en
    from project_areas pa
    join areas a using (area_code)
    group by pa.project_code
),

groups as (
    select project_code, string_agg(target_group, ', ' order by target_group) as target_groups
    from project_target_groups
    group by project_code
),

themes as (
    select project_code, string_agg(theme, ', ' order by theme) as themes
    from project_themes
    group by project_code
),

practice_text as (
    select
        project_code,
        count(*) as practices,
        string_agg(concat_ws(' ', title_fi, title_sv, title_en, description_fi, adoption_fi, evidence_fi), ' ') as text
    from practices
    group by project_code
)

select
    p.project_code,
    coalesce(p.name_fi, p.name_en, p.name_sv) as name_fi,
    coalesce(p.name_sv, p.name_fi, p.name_en) as name_sv,
    coalesce(p.name_en, p.name_fi, p.name_sv) as name_en,
    p.implementer,
    p.fund,
    p.programme_period,
    p.start_date,
    p.end_date,
    p.planned_eu_state_eur,
    p.realised_eu_state_eur,
    p.planned_total_eur,
    p.in_theme,
    p.source,
    p.url,
    case
        when p.start_date is null and p.end_date is null then 'unknown'
        when p.end_date < $ref then 'ended'
        when p.start_date > last_day($ref) then 'upcoming'
        else 'ongoing'
    end as project_status,
    coalesce(r.relation, 'unplaced') as relation,
    n.area_codes,
    n.areas_fi,
    n.areas_sv,
    n.areas_en,
    g.target_groups,
    t.themes,
    coalesce(x.practices, 0) as practices,
    lower(concat_ws(' ', p.project_code, p.name_fi, p.name_sv, p.name_en, p.implementer, p.summary_fi, t.themes, x.text)) as search_text
from projects p
left join relation r using (project_code)
left join area_names n using (project_code)
left join groups g using (project_code)
left join themes t using (project_code)
left join practice_text x using (project_code)
order by p.start_date desc nulls last, p.project_code
