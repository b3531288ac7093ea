-- Unemployment share, vacancy share and tightness for one area and the whole country, monthly
-- and as 12-month moving values (the Beveridge curve without the strong seasonality of
-- vacancies), with the source tables of the counts they are made of.
-- The moving shares sum the counts of the 12 months ending in the month and divide (summed
-- numerators over summed denominators); they are empty unless all 12 months are there.
-- Grain: one row per area per month. Parameters: $area, $start, $end (dates).
with months as (
    select m.area_code, m.period, m.unemployed, m.labour_force, m.open_vacancies,
        m.unemployment_share, m.vacancy_share, m.tightness, m.status
    from v_area_month m
    where m.area_code in ($area, 'SSS')
      and m.period between $start::date - interval 11 month and $end
),
moving as (
    select
        *,
        sum(case when unemployed is not null and labour_force is not null
                  and open_vacancies is not null then 1 else 0 end) over w as months_in,
        100 * sum(unemployed) over w / nullif(sum(labour_force) over w, 0) as unemployment_share_12m,
        100 * sum(open_vacancies) over w / nullif(sum(labour_force) over w, 0) as vacancy_share_12m
    from months
    window w as (partition by area_code order by period
                 range between interval 11 month preceding and current row)
),
-- The source tables from coverage (stored by area and period): observations hold the area's
-- rows by occupation among its all-occupations ones, and a scan would read them all.
sources as (
    select o.area_code, string_agg(distinct o.source_table, ', ' order by o.source_table) as sources
    from coverage o
    where o.area_code in ($area, 'SSS') and o.frequency = 'month'
      and o.measure in ('unemployed', 'labour_force', 'open_vacancies')
      and o.age_group = 'SSS' and not o.by_occupation and not o.by_industry
      and o.sex = 'SSS' and o.period between $start::date - interval 11 month and $end
    group by o.area_code
)
select
    m.area_code,
    m.period,
    m.unemployment_share,
    m.vacancy_share,
    m.tightness,
    case when m.months_in = 12 then m.unemployment_share_12m end as unemployment_share_12m,
    case when m.months_in = 12 then m.vacancy_share_12m end as vacancy_share_12m,
    m.status,
    s.sources
from moving m
left join sources s using (area_code)
where m.period between $start and $end
order by m.area_code = 'SSS', m.period
