-- Run at build time after views.sql (issue 9: every query under 50 ms on the real database).
-- views.sql stays the definition of the derived indicators; here each derived view is replaced
-- by a table of the same name holding its rows, so queries read stored rows instead of summing
-- millions of observations per call. Views that read other views come after them, so that they
-- read the stored rows too. Rows are stored by area and period, the way most queries filter.

create table materialised as select * from v_area_month order by area_code, period;
drop view v_area_month;
alter table materialised rename to v_area_month;

create table materialised as
select * from v_occupation_month order by area_code, period, occupation_code;
drop view v_occupation_month;
alter table materialised rename to v_occupation_month;

create table materialised as
select * from v_age_share order by area_code, period, age_group, sex, measure, source_table;
drop view v_age_share;
alter table materialised rename to v_age_share;

create table materialised as
select * from v_mismatch_occupation order by area_code, period, level;
drop view v_mismatch_occupation;
alter table materialised rename to v_mismatch_occupation;

create table materialised as select * from v_mismatch_region order by period;
drop view v_mismatch_region;
alter table materialised rename to v_mismatch_region;

-- What observations exist where, without their values: the coverage questions of the pickers,
-- empty states and the data page read this instead of scanning observations.
-- Grain: one row per measure, source table, frequency, age group, sex, area, occupation
-- (by_occupation: broken down by occupation; occupation_level: the level of those occupations,
-- 0 for all occupations, NULL for a code not in occupations), industry breakdown and period.
-- has_value: at least one of those observations has a number (the rest are suppressed cells).
create table coverage as
select
    o.measure,
    o.source_table,
    o.frequency,
    o.age_group,
    o.sex,
    o.area_code,
    o.occupation_code <> 'SSS' as by_occupation,
    c.level as occupation_level,
    o.industry_code <> 'SSS' as by_industry,
    o.period,
    bool_or(o.value is not null) as has_value
from observations o
left join occupations c using (occupation_code)
group by all
order by o.area_code, o.period;

-- Over which periods each measure has rows, per source table, frequency, area, age group and
-- sex: the data page's lists of measures, sources, age breaks and unallocated areas, the age
-- picker and the age empty states read these few thousand rows instead of scanning
-- observations or coverage (at 15 times the mirror both grow with the occupations by area).
-- Grain: one row per measure, source table, frequency, area, age group and sex.
-- first_period, last_period: of every observation (suppressed cells too); first_valued,
-- last_valued: of those with a number; first_nonzero, last_nonzero: of those with a number
-- other than zero. NULL when there is none.
create table measure_periods as
select
    o.measure,
    o.source_table,
    o.frequency,
    o.area_code,
    o.age_group,
    o.sex,
    min(o.period) as first_period,
    max(o.period) as last_period,
    min(o.period) filter (where o.value is not null) as first_valued,
    max(o.period) filter (where o.value is not null) as last_valued,
    min(o.period) filter (where o.value <> 0) as first_nonzero,
    max(o.period) filter (where o.value <> 0) as last_nonzero
from observations o
group by all
order by o.area_code, o.measure;

-- Every area's chain of parents, itself first (depth 0), then its parent (1) and so on up to the
-- country: one table the queries join instead of each walking the chain again.
-- Grain: one row per area and ancestor.
create table area_ancestors as
with recursive chain(area_code, ancestor_code, depth) as (
    select area_code, area_code, 0 from areas
    union all
    select c.area_code, a.parent_code, c.depth + 1
    from chain c
    join areas a on a.area_code = c.ancestor_code
    where a.parent_code is not null and c.depth < 10
)
select area_code, ancestor_code, depth from chain order by area_code, depth;

-- The periods each source table has observations for, whatever the area: the data page names a
-- table's gaps (12r5 of the mirror: 1/2006–10/2023 and 6/2026) without scanning coverage.
-- Grain: one row per source table, frequency and period.
create table source_periods as
select distinct source_table, frequency, period from coverage order by source_table, period;
