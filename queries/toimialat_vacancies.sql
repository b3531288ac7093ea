-- Open vacancies by industry, month by month, for one area (industries of the TOL 2008 sections).
-- Grain: one row per industry per month. Parameters: $area, $start, $end (dates).
select
    o.period, o.industry_code, i.name_fi, i.name_sv, i.name_en,
    o.value as open_vacancies, o.status, o.source_table
from observations o
join industries i using (industry_code)
where o.measure = 'open_vacancies' and o.industry_code <> 'SSS' and o.frequency = 'month'
  and o.age_group = 'SSS' and o.occupation_code = 'SSS' and o.sex = 'SSS'
  and o.area_code = $area and o.period between $start and $end
order by o.period, o.industry_code
