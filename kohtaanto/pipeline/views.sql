-- Derived indicators, as views over observations. Shares are in percent, tightness is a ratio.
-- Rates of a summed area come from its summed numerator and denominator, never from averaged
-- rates. A derived row's status is the weakest of its inputs: demo > estimated > aggregated >
-- observed.

create view status_rank as
select * from (values ('observed', 0), ('aggregated', 1), ('estimated', 2), ('demo', 3)) t(status, rank);

-- One row per area per month: the counts and the indicators derived from them (all ages,
-- all occupations, all industries, both sexes; plus the 50+ and under-25 counts where published).
create view v_area_month as
with cells as (
    select o.area_code, o.period, o.measure, o.age_group, o.value, r.rank, o.source_table
    from observations o join status_rank r using (status)
    where o.frequency = 'month' and o.occupation_code = 'SSS' and o.industry_code = 'SSS'
      and o.sex = 'SSS'
      and (o.age_group = 'SSS' or (o.measure = 'unemployed' and o.age_group in ('50-', '15-24')))
),
wide as (
    select
        area_code,
        period,
        max(value) filter (where measure = 'unemployed' and age_group = 'SSS') as unemployed,
        max(value) filter (where measure = 'unemployed' and age_group = '50-') as unemployed_50,
        max(value) filter (where measure = 'unemployed' and age_group = '15-24') as unemployed_15_24,
        max(value) filter (where measure = 'labour_force') as labour_force,
        max(value) filter (where measure = 'open_vacancies') as open_vacancies,
        max(value) filter (where measure = 'new_vacancies') as new_vacancies,
        max(value) filter (where measure = 'long_term_unemployed' and age_group = 'SSS')
            as long_term_unemployed,
        -- Status and sources of the all-ages counts; the age columns have theirs in v_age_share.
        max(rank) filter (where age_group = 'SSS') as rank,
        string_agg(distinct source_table, ', ' order by source_table) filter (where age_group = 'SSS')
            as sources
    from cells
    group by area_code, period
)
select
    w.area_code,
    w.period,
    w.unemployed,
    w.unemployed_50,
    w.unemployed_15_24,
    w.labour_force,
    w.open_vacancies,
    w.new_vacancies,
    w.long_term_unemployed,
    100 * w.unemployed / nullif(w.labour_force, 0) as unemployment_share,
    100 * w.open_vacancies / nullif(w.labour_force, 0) as vacancy_share,
    w.open_vacancies / nullif(w.unemployed, 0) as tightness,
    100 * w.long_term_unemployed / nullif(w.unemployed, 0) as long_term_share,
    100 * w.unemployed_50 / nullif(w.unemployed, 0) as share_50,
    r.status,
    w.sources
from wide w join status_rank r on r.rank = w.rank;

-- One row per area, period, age group and sex: the age group's share of all the unemployed
-- of that sex, from the same table.
create view v_age_share as
select
    a.area_code, a.period, a.frequency, a.age_group, a.sex, a.measure,
    a.value,
    t.value as all_ages,
    100 * a.value / nullif(t.value, 0) as share,
    case when greatest(ra.rank, rt.rank) = 3 then 'demo'
         when greatest(ra.rank, rt.rank) = 2 then 'estimated'
         when greatest(ra.rank, rt.rank) = 1 then 'aggregated' else 'observed' end as status,
    a.source_table
from observations a
join observations t
  on t.measure = a.measure and t.period = a.period and t.area_code = a.area_code
 and t.sex = a.sex and t.occupation_code = a.occupation_code
 and t.industry_code = a.industry_code and t.age_group = 'SSS'
join status_rank ra on ra.status = a.status
join status_rank rt on rt.status = t.status
where a.age_group <> 'SSS' and a.measure in ('unemployed', 'long_term_unemployed')
  and a.occupation_code = 'SSS' and a.industry_code = 'SSS';

-- One row per area, month and occupation: unemployed, open vacancies and tightness.
create view v_occupation_month as
with cells as (
    select o.area_code, o.period, o.occupation_code, o.measure, o.value, r.rank
    from observations o join status_rank r using (status)
    where o.frequency = 'month' and o.age_group = 'SSS' and o.industry_code = 'SSS'
      and o.sex = 'SSS' and o.occupation_code <> 'SSS'
      and o.measure in ('unemployed', 'open_vacancies')
)
select
    c.area_code, c.period, c.occupation_code, d.level, d.parent_code,
    max(c.value) filter (where c.measure = 'unemployed') as unemployed,
    max(c.value) filter (where c.measure = 'open_vacancies') as open_vacancies,
    max(c.value) filter (where c.measure = 'open_vacancies')
        / nullif(max(c.value) filter (where c.measure = 'unemployed'), 0) as tightness,
    case max(c.rank) when 3 then 'demo' when 2 then 'estimated' when 1 then 'aggregated'
        else 'observed' end as status
from cells c join occupations d using (occupation_code)
group by c.area_code, c.period, c.occupation_code, d.level, d.parent_code;

-- One row per area, month and occupation level (1–4 digits): the Jackman–Roper mismatch index
-- 0.5 * sum |u_i/U - v_i/V| in percent over the occupations of that level; X classes are not
-- occupations and are left out; suppressed cells count as zero.
create view v_mismatch_occupation as
with seg as (
    select area_code, period, level, occupation_code,
        coalesce(unemployed, 0) as u, coalesce(open_vacancies, 0) as v, status
    from v_occupation_month
    where level between 1 and 4
),
tot as (
    select area_code, period, level, sum(u) as uu, sum(v) as vv from seg group by all
)
select
    s.area_code, s.period, s.level,
    100 * 0.5 * sum(abs(s.u / t.uu - s.v / t.vv)) as mismatch_index,
    count(*) as segments,
    case max(sr.rank) when 3 then 'demo' when 2 then 'estimated' when 1 then 'aggregated'
        else 'observed' end as status
from seg s
join tot t using (area_code, period, level)
join status_rank sr on sr.status = s.status
where t.uu > 0 and t.vv > 0
group by s.area_code, s.period, s.level;

-- One row per month: the mismatch index across the regions (maakunnat) of the country.
create view v_mismatch_region as
with seg as (
    select m.period, m.area_code, coalesce(m.unemployed, 0) as u, coalesce(m.open_vacancies, 0) as v,
        m.status
    from v_area_month m join areas a using (area_code)
    where a.level = 'region'
),
tot as (select period, sum(u) as uu, sum(v) as vv from seg group by period)
select
    'SSS' as area_code, s.period,
    100 * 0.5 * sum(abs(s.u / t.uu - s.v / t.vv)) as mismatch_index,
    count(*) as segments,
    case max(sr.rank) when 3 then 'demo' when 2 then 'estimated' when 1 then 'aggregated'
        else 'observed' end as status
from seg s
join tot t using (period)
join status_rank sr on sr.status = s.status
where t.uu > 0 and t.vv > 0
group by s.period;
