-- Monthly counts and indicators for one area and the whole country, within a period.
-- Grain: one row per area per month. Parameters: $area, $start, $end (dates).
select m.*, a.name_fi, a.name_sv, a.name_en
from v_area_month m
join areas a using (area_code)
where m.area_code in ($area, 'SSS') and m.period between $start and $end
order by m.area_code = 'SSS', m.period
