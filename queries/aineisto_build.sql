-- When the database was built and whether it holds demo data.
-- Grain: one row. Parameters: none.
select
    (select b.value from build_info b where b.key = 'built_at') as built_at,
    coalesce((select b.value = 'true' from build_info b where b.key = 'demo'), false) as demo
