-- Employed persons aged 55–64 as a share of the employed aged 15–64 by industry, whole country,
-- by year (Labour Force Survey); the row with industry 'SSS' is all industries.
-- Grain: one row per industry per year. Parameters: none.
with cells as (
    select
        o.period, o.industry_code,
        max(o.value) filter (where o.age_group = '55-64') as employed_55_64,
        max(o.value) filter (where o.age_group = '15-64') as employed_15_64,
        max(r.rank) as rank,
        string_agg(distinct o.source_table, ', ' order by o.source_table) as sources
    from observations o
    join status_rank r using (status)
    where o.measure = 'lfs_employed' and o.frequency = 'year' and o.area_code = 'SSS'
      and o.occupation_code = 'SSS' and o.sex = 'SSS' and o.age_group in ('55-64', '15-64')
    group by o.period, o.industry_code
)

select
    c.period, c.industry_code, i.name_fi, i.name_sv, i.name_en,
    c.employed_55_64, c.employed_15_64,
    100 * c.employed_55_64 / nullif(c.employed_15_64, 0) as share,
    r.status, c.sources
from cells c
join industries i using (industry_code)
join status_rank r on r.rank = c.rank
where c.employed_55_64 is not null and c.employed_15_64 is not null
order by c.period, c.industry_code
