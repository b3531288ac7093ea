-- The five area indicators by month for every area of one level, the chosen area and the country.
-- Grain: one row per area per month. Parameters: $level, $area, $start, $end (dates).
select
    m.area_code,
    a.level,
    a.name_fi,
    a.name_sv,
    a.name_en,
    m.period,
    m.unemployment_share,
    m.vacancy_share,
    m.tightness,
    m.long_term_share,
    m.share_50,
    m.status,
    m.sources
from v_area_month m
join areas a using (area_code)
where (a.level = $level or m.area_code in ($area, 'SSS'))
  and m.period between $start and $end
order by m.area_code, m.period
