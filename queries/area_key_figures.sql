-- Key figures of areas as the employment bulletin (Työllisyyskatsaus) prints them: for the given
-- areas of a level, the chosen area and the whole country, the counts and shares of the latest
-- month in the period in which those areas have unemployed counts, and of the same month a year
-- earlier (NULL where that month has no figure: suppressed, or not in the data). The columns
-- months_50 and months_long_term list the months in which most of the given areas have that
-- count (one municipality with a long series does not make a level's: Kangasala's 12r5 file),
-- so that a missing column can say which months have it.
-- Grain: one row per area (role 'level', then 'chosen', then 'country').
-- Parameters: $codes (area codes of the level, a list), $area (the chosen area), $start, $end.
with shown as (
    select unnest($codes::varchar[]) as area_code, 0 as role_rank, 'level' as role
    union all
    select $area, 1, 'chosen'
    where $area <> 'SSS' and not list_contains($codes::varchar[], $area)
    union all
    select 'SSS', 2, 'country'
),

month as (
    select max(m.period) as period
    from v_area_month m
    where m.area_code in (select unnest($codes::varchar[]))
      and m.unemployed is not null
      and m.period between $start and $end
),

counted as (
    select
        m.period,
        count(m.unemployed) as with_unemployed,
        count(m.unemployed_50) as with_50,
        count(m.long_term_unemployed) as with_long_term
    from v_area_month m
    where m.area_code in (select unnest($codes::varchar[]))
    group by m.period
),

-- A month has a count for these areas when more than half of them have it, counted against
-- the most areas with unemployed figures in any month.
coverage as (
    select
        list(period order by period) filter (where 2 * with_50 > most) as months_50,
        list(period order by period) filter (where 2 * with_long_term > most) as months_long_term
    from counted, (select max(with_unemployed) as most from counted)
),

now as (
    select m.*
    from v_area_month m
    where m.period = (select period from month)
      and m.area_code in (select area_code from shown)
),

ago as (
    select m.*
    from v_area_month m
    where m.period = (select period from month) - interval 12 month
      and m.area_code in (select area_code from shown)
)

select
    s.role,
    s.area_code,
    a.level,
    a.name_fi,
    a.name_sv,
    a.name_en,
    (select period from month) as period,
    cast((select period from month) - interval 12 month as date) as period_ago,
    n.unemployed,
    p.unemployed as unemployed_ago,
    n.unemployment_share,
    p.unemployment_share as unemployment_share_ago,
    n.open_vacancies,
    p.open_vacancies as open_vacancies_ago,
    n.tightness,
    p.tightness as tightness_ago,
    n.long_term_unemployed,
    p.long_term_unemployed as long_term_unemployed_ago,
    n.unemployed_50,
    p.unemployed_50 as unemployed_50_ago,
    n.status,
    p.status as status_ago,
    n.sources,
    p.sources as sources_ago,
    c.months_50,
    c.months_long_term
from shown s
join areas a using (area_code)
cross join coverage c
left join now n using (area_code)
left join ago p using (area_code)
where (select period from month) is not null
order by s.role_rank, s.area_code
