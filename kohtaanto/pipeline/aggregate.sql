-- Sums that StatFin does not publish (cells.sql then makes one row per cell of them).
-- Runs inside the build on temp tables: stage (every source cell), occ_dim, measure_dim, agg_map,
-- age_up. The build runs it statement by statement; a statement with $first and $last (dates)
-- runs once per span of periods, so that its sums fit the build's memory however many months
-- and areas there are (each span's sums read and write only that span's rows).
-- Status: a sum over complete members is 'aggregated'; where some members are suppressed (NULL)
-- it is the sum of the published ones, marked 'estimated' (a lower bound); with none, NULL.
-- A sum is made only where every member has a row: a member missing altogether (a month or an
-- area no answer of the table has) is a gap, and a sum over the rest would pass a part off as
-- the whole. Areas outside the classifications (level 'unallocated') are never members.

-- 1. Occupations: 4-digit codes summed to their 3-, 2- and 1-digit groups.
create temp table occ_up as
with recursive up(code, ancestor) as (
    select occupation_code, parent_code from occ_dim where level = 4
    union all
    select up.code, o.parent_code
    from up join occ_dim o on o.occupation_code = up.ancestor
    where o.level in (2, 3)
)
select * from up;

-- How many 4-digit codes of each group a table has at all: the sum needs every one of them.
create temp table occ_n as
select s.source_table, u.ancestor, count(*) as parts
from (select distinct source_table, occupation_code from stage) s
join occ_up u on u.code = s.occupation_code
group by all;

insert into stage
select
    s.measure, s.period, s.frequency, s.area_code, s.age_group, u.ancestor, s.industry_code, s.sex,
    case when count(s.value) > 0 then sum(s.value) end,
    case when 0 < count(s.value) and count(s.value) < count(*) then 'estimated' else 'aggregated' end,
    s.source_table, s.priority
from stage s
join occ_up u on u.code = s.occupation_code
join occ_n n on n.source_table = s.source_table and n.ancestor = u.ancestor
join measure_dim m on m.measure = s.measure and m.additive
where s.period between $first and $last
group by s.measure, s.period, s.frequency, s.area_code, s.age_group, u.ancestor, s.industry_code,
    s.sex, s.source_table, s.priority, n.parts
having count(*) = n.parts;

-- 1b. Ages: 55+ from the age groups that tile it exactly (55-59, 60-64, 65- in 1205 and 12t8;
--     chosen by the build from each table's own codes into age_up), so the dashboard can show 55+
--     wherever a source allows it.
insert into stage
select
    s.measure, s.period, s.frequency, s.area_code, u.target, s.occupation_code, s.industry_code,
    s.sex,
    case when count(s.value) > 0 then sum(s.value) end,
    case when 0 < count(s.value) and count(s.value) < count(*) then 'estimated' else 'aggregated' end,
    s.source_table, s.priority
from stage s
join age_up u on u.source_table = s.source_table and u.age_group = s.age_group
join measure_dim m on m.measure = s.measure and m.additive
where s.period between $first and $last
group by s.measure, s.period, s.frequency, s.area_code, u.target, s.occupation_code,
    s.industry_code, s.sex, s.source_table, s.priority, u.parts
having count(*) = u.parts;

-- 2. Areas a table does not publish, from the published areas that make them up exactly.
--    A municipality merged since into another member (Pertunmaa into Mäntyharju) is not required:
--    after the merger its successor's figure includes it.
create temp table agg_size as
select source_table, area_code, count(*) filter (where required) as required
from agg_map group by all;

insert into stage
select
    s.measure, s.period, s.frequency, g.area_code, s.age_group, s.occupation_code, s.industry_code,
    s.sex,
    case when count(s.value) > 0 then sum(s.value) end,
    case
        when count(s.value) = 0 then 'aggregated'
        when count(s.value) < count(*) or bool_or(s.status = 'estimated') then 'estimated'
        else 'aggregated'
    end,
    s.source_table, s.priority
from stage s
join agg_map g on g.source_table = s.source_table and g.member_code = s.area_code
join agg_size n on n.source_table = g.source_table and n.area_code = g.area_code
join measure_dim m on m.measure = s.measure and m.additive
where s.period between $first and $last
group by s.measure, s.period, s.frequency, g.area_code, s.age_group, s.occupation_code,
    s.industry_code, s.sex, s.source_table, s.priority, n.required
having count(*) filter (where g.required) = n.required;
