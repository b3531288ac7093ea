-- Unemployed jobseekers, open vacancies and tightness by occupation for one area and month: every
-- occupation level (1–4 digits) and the X classes (level 9), with names and the source tables.
-- Grain: one row per occupation. Parameters: $area, $month (date).
with src as (
    select string_agg(distinct source_table, ', ' order by source_table) as sources
    from observations
    where area_code = $area and period = $month and frequency = 'month'
      and occupation_code <> 'SSS' and measure in ('unemployed', 'open_vacancies')
)

select
    m.occupation_code, m.level, m.parent_code,
    o.name_fi, o.name_sv, o.name_en,
    m.unemployed, m.open_vacancies, m.tightness, m.status,
    src.sources
from v_occupation_month m
join occupations o using (occupation_code)
cross join src
where m.area_code = $area and m.period = $month
order by m.level, m.occupation_code
