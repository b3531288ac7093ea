-- The rows of the chosen age group behind the current view: its unemployed (and long-term
-- unemployed) and their share of all ages, for the chosen area and the whole country, every
-- frequency and sex the sources have, with status and source table on every row.
-- Grain: one row per area, period, measure and sex. Parameters: $area, $age, $start, $end.
select
    s.area_code,
    a.name_fi,
    a.name_sv,
    a.name_en,
    s.period,
    s.frequency,
    s.measure,
    s.age_group,
    s.sex,
    s.value,
    s.all_ages,
    s.share,
    s.status,
    s.source_table
from v_age_share s
join areas a using (area_code)
where s.area_code in ($area, 'SSS') and s.age_group = $age
  and s.period between $start and $end
order by s.area_code = 'SSS', s.measure, s.sex, s.period
