-- Long-term unemployed (over a year) as a share of the unemployed of the same age group, for
-- one area; all ages ('SSS') included as the reference line.
-- Grain: one row per age group per month (both sexes). Parameters: $area, $start, $end.
with cells as (
    select o.period, o.age_group, o.measure, o.value, r.rank, o.source_table
    from observations o
    join status_rank r using (status)
    where o.area_code = $area and o.frequency = 'month' and o.sex = 'SSS'
      and o.occupation_code = 'SSS' and o.industry_code = 'SSS'
      and o.measure in ('long_term_unemployed', 'unemployed')
      and o.period between $start and $end
),
paired as (
    select
        period,
        age_group,
        max(value) filter (where measure = 'long_term_unemployed') as long_term,
        max(value) filter (where measure = 'unemployed') as unemployed,
        max(rank) as rank,
        string_agg(distinct source_table, ', ' order by source_table) as sources
    from cells
    group by period, age_group
    having count(*) filter (where measure = 'long_term_unemployed') > 0
)
select
    p.period, p.age_group, g.min_age, g.max_age, p.long_term, p.unemployed,
    100 * p.long_term / nullif(p.unemployed, 0) as share,
    r.status, p.sources
from paired p
join age_groups g using (age_group)
join status_rank r on r.rank = p.rank
order by p.period, p.age_group = 'SSS', g.min_age, g.max_age nulls last
