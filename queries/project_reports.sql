-- Monitoring reports of every project, with the project's dates, and the indicator's names.
-- Reports are cumulative to the end of each reporting period.
-- Grain: one row per project, reporting period, indicator and sex. Parameters: none.
select
    r.project_code,
    r.period_end,
    r.indicator,
    r.sex,
    r.target,
    r.achieved,
    r.source,
    i.kind,
    i.name_fi as indicator_fi,
    i.name_sv as indicator_sv,
    i.name_en as indicator_en
from project_indicators r
left join indicators i using (indicator)
order by r.project_code, r.period_end, r.indicator, r.sex
