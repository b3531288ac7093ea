-- One occupation's unemployed jobseekers and open vacancies month by month for one area.
-- Grain: one row per month. Parameters: $area, $occupation, $start, $end (dates).
with src as (
    select string_agg(distinct source_table, ', ' order by source_table) as sources
    from observations
    where area_code = $area and occupation_code = $occupation and frequency = 'month'
      and period between $start and $end and measure in ('unemployed', 'open_vacancies')
)

select m.period, m.unemployed, m.open_vacancies, m.tightness, m.status, src.sources
from v_occupation_month m
cross join src
where m.area_code = $area and m.occupation_code = $occupation
  and m.period between $start and $end
order by m.period
