-- One row per cell, after aggregate.sql: observed before summed, then the table with the higher
-- priority (the current table over the archived one). The build runs this script once per span
-- of whole years ($first, $last), both statements for one span before the next: a cell's
-- candidates share its period, so each span is ranked and written on its own, and neither the
-- ranking nor the sort holds more than one span's rows (the sort of all 123 M rows at 15x took
-- 268 s of a 600 s build and more than 500 MB). Most cells have one candidate: only those whose
-- key hash occurs more than once are ranked (a hash collision only adds candidates, and the
-- ranking is by the full key), which spares a sort of every row.
create or replace temp table dup_keys as
select hash(measure, period, area_code, age_group, occupation_code, industry_code, sex) as k
from stage
where period between $first and $last
group by k
having count(*) > 1;

-- Rows are stored by span of years, and within it by area and occupation: nearly every query
-- asks for one area and a month or a run of months (its rows then share a row group or two per
-- span, the others skipped by their min/max), and the area's rows of all occupations lie
-- together.
insert into observations
select measure, period, frequency, area_code, age_group, occupation_code, industry_code, sex,
    value, status, source_table
from (
    select * from stage
    where period between $first and $last
      and hash(measure, period, area_code, age_group, occupation_code, industry_code, sex)
        not in (select k from dup_keys)
    union all
    select * from stage
    where period between $first and $last
      and hash(measure, period, area_code, age_group, occupation_code, industry_code, sex)
        in (select k from dup_keys)
    qualify row_number() over (
        partition by measure, period, area_code, age_group, occupation_code, industry_code, sex
        order by case status when 'observed' then 0 when 'aggregated' then 1 else 2 end,
            priority desc, source_table
    ) = 1
)
order by area_code, occupation_code;
