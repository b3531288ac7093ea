-- Whether the database holds demo data, when it was built and its latest month.
-- Grain: one row. Parameters: none.
select
    coalesce((select value = 'true' from build_info where key = 'demo'), false) as demo,
    (select value from build_info where key = 'built_at') as built_at,
    (select max(period) from coverage
     where measure = 'unemployed' and frequency = 'month' and area_code = 'SSS') as last_month
