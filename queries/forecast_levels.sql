-- The area levels with outlooks (issue 20), and how many areas of each have one.
-- Grain: one row per area level. Parameters: none.
select a.level, count(distinct f.area_code) as areas
from forecasts f
join areas a using (area_code)
where f.measure = 'unemployed' and f.age_group = 'SSS'
group by a.level
