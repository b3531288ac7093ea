-- Whether the database holds an outlook (issue 20): how many series the forecast step considered
-- and how many forecast rows it wrote, whether they are demo, and the step's status. A database
-- built before the step existed has no such tables: the query fails and the app says that no
-- outlook is available. Grain: one row. Parameters: none.
select
    (select count(*) from forecast_series) as series,
    (select count(*) from forecasts) as forecasts,
    coalesce((select bool_or(status = 'demo') from forecasts), false) as demo,
    (select max(value) from build_info where key = 'forecast_status') as step_status
