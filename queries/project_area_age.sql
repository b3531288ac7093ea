-- For each project, the unemployed aged 55+ and 50+ beside all unemployed in its areas over
-- its own months (start to the end or its latest report, whichever is first), summed over the
-- areas (an area inside another of the project's areas is left out, so nothing counts twice)
-- and over the months where every one of its areas has both counts.
-- Grain: one row per project and age group the statistics have. Parameters: none.
with own_areas as (
    select pa.project_code, pa.area_code
    from project_areas pa
    where not exists (
        select 1
        from project_areas o
        join area_members m on m.area_code = o.area_code and m.member_code = pa.area_code
        where o.project_code = pa.project_code and o.area_code <> pa.area_code
    )
),

area_count as (
    select project_code, count(*) as areas from own_areas group by project_code
),

span as (
    select
        p.project_code,
        date_trunc('month', p.start_date) as first_month,
        date_trunc('month', least(p.end_date, coalesce(r.last_report, p.end_date))) as last_month
    from projects p
    left join (
        select project_code, max(period_end) as last_report from project_indicators group by project_code
    ) r using (project_code)
    where p.start_date is not null and p.end_date is not null
),

-- The older unemployed beside all ages, per area and month, are v_age_share's rows (stored by
-- area and period, about forty thousand): observations hold them among millions of rows by
-- occupation, which a scan of the project's areas would read too. Unemployed counts are monthly
-- only, so the all-ages count v_age_share joins is the same month's.
paired as (
    select
        s.project_code,
        v.age_group,
        v.period,
        count(*) as areas,
        sum(v.value) as older,
        sum(v.all_ages) as all_ages,
        string_agg(distinct v.source_table, ', ') as sources
    from span s
    join own_areas a using (project_code)
    join v_age_share v
        on v.area_code = a.area_code and v.period between s.first_month and s.last_month
    where v.measure = 'unemployed' and v.frequency = 'month' and v.age_group in ('55-', '50-')
        and v.sex = 'SSS' and v.value is not null and v.all_ages is not null
    group by s.project_code, v.age_group, v.period
)

select
    p.project_code,
    p.age_group,
    count(*) as months,
    sum(p.older) as older,
    sum(p.all_ages) as all_ages,
    min(p.period) as first,
    max(p.period) as last,
    string_agg(distinct p.sources, ', ') as sources
from paired p
join area_count c using (project_code)
where p.areas = c.areas
group by p.project_code, p.age_group
order by p.project_code, p.age_group
