-- Map levels with data in the period: the latest month with figures at each level, and how many
-- areas of the level have each indicator in that month (0 = the indicator is not offered).
-- Grain: one row per level. Parameters: $start, $end (dates).
with level_areas as (
    select a.area_code, a.level
    from areas a
    where a.level in ('region', 'ely', 'employment_area', 'elinvoimakeskus', 'municipality')
),

level_month as (
    select l.level, max(m.period) as period
    from v_area_month m
    join level_areas l using (area_code)
    where m.period between $start and $end
      and coalesce(m.unemployment_share, m.vacancy_share, m.tightness, m.long_term_share,
                   m.share_50) is not null
    group by l.level
)

select
    lm.level,
    lm.period,
    count(distinct l.area_code) as areas,
    count(m.unemployment_share) as unemployment_share,
    count(m.vacancy_share) as vacancy_share,
    count(m.tightness) as tightness,
    count(m.long_term_share) as long_term_share,
    count(m.share_50) as share_50
from level_month lm
join level_areas l on l.level = lm.level
left join v_area_month m on m.area_code = l.area_code and m.period = lm.period
group by lm.level, lm.period
order by lm.level
