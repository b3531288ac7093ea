-- Areas for the area picker, grouped by level (country first, municipalities last).
-- Grain: one row per area. Parameters: none.
select
    a.area_code, a.level, a.name_fi, a.name_sv, a.name_en, a.parent_code
from areas a
order by
    case a.level
        when 'country' then 0 when 'coordinator_area' then 1 when 'region' then 2
        when 'ely' then 3 when 'elinvoimakeskus' then 4 when 'employment_area' then 5
        when 'major_region' then 6 when 'sub_region' then 7 else 8
    end,
    a.area_code
