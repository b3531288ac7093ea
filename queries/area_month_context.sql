-- The labour-market context of an area over a period: unemployed, unemployed aged 50 or over,
-- open vacancies and tightness (open vacancies per unemployed), with sources and status.
-- Grain: one row per month. Parameters: $area, $start, $end (dates).
select period, unemployed, unemployed_50, open_vacancies, tightness, status, sources
from v_area_month
where area_code = $area and period between $start and $end
order by period
