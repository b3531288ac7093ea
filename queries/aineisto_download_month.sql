-- The monthly counts and indicators behind the current view: the chosen area and the whole
-- country over the chosen period, with status and source tables on every row.
-- Grain: one row per area per month. Parameters: $area, $start, $end (dates).
select
    m.area_code,
    a.name_fi,
    a.name_sv,
    a.name_en,
    m.period,
    m.unemployed,
    m.unemployed_50,
    m.unemployed_15_24,
    m.labour_force,
    m.open_vacancies,
    m.new_vacancies,
    m.long_term_unemployed,
    m.unemployment_share,
    m.vacancy_share,
    m.tightness,
    m.long_term_share,
    m.share_50,
    m.status,
    m.sources
from v_area_month m
join areas a using (area_code)
where m.area_code in ($area, 'SSS') and m.period between $start and $end
order by m.area_code = 'SSS', m.period
