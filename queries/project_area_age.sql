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

cells as (
    select s.project_code, o.area_code, o.period, o.age_group, o.value, o.source_table
    from span s
    join own_areas a using (project_code)
    join observations o
        on o.area_code = a.area_code and o.period between s.first_month and s.last_month
    where o.measure = 'unemployed' and o.frequency = 'month' and o.age_group in ('SSS', '55-', '50-')
        and o.sex = 'SSS' and o.occupation_code = 'SSS' and o.industry_code = 'SSS'
        and o.value is not null
),

paired as (
    select
        o.project_code, o.age_group, o.period,
        count(*) as areas,
        sum(o.value) as older,
        sum(a.value) as all_ages,
        string_agg(distinct o.source_table, ', ') as sources
    from cells o
    join cells a on a.project_code = o.project_code and a.area_code = o.area_code
        and a.period = o.period and a.age_group = 'SSS'
    where o.age_group <> 'SSS'
    group by o.project_code, o.age_group, o.period
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
