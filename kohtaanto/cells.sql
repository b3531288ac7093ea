-- One row per cell, after aggregate.sql: observed before summed, then the table with the higher
-- priority (the current table over the archived one). Most cells have one candidate: only those
-- whose key hash occurs more than once are ranked (a hash collision only adds candidates, and the
-- ranking is by the full key), which spares a sort of every row.
create temp table dup_keys as
select hash(measure, period, area_code, age_group, occupation_code, industry_code, sex) as k
from stage
group by k
having count(*) > 1;

-- Rows are stored by area, and within it by occupation: nearly every query asks for one area
-- (its rows then share a row group or two, the others skipped by their min/max), and the area's
-- rows of all occupations lie together. The former sort by every key column took 8 s more CPU of
-- the real mirror's build and gave the queries nothing more.
insert into observations
select measure, period, frequency, area_code, age_group, occupation_code, industry_code, sex,
    value, status, source_table
from (
    select * from stage
    where hash(measure, period, area_code, age_group, occupation_code, industry_code, sex)
        not in (select k from dup_keys)
    union all
    select * from stage
    where hash(measure, period, area_code, age_group, occupation_code, industry_code, sex)
        in (select k from dup_keys)
    qualify row_number() over (
        partition by measure, period, area_code, age_group, occupation_code, industry_code, sex
        order by case status when 'observed' then 0 when 'aggregated' then 1 else 2 end,
            priority desc, source_table
    ) = 1
)
order by area_code, occupation_code;
