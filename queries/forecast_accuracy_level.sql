-- The outlook's track record pooled over the areas of a level (the 19 regions, say), per
-- measure, age group and horizon (v_forecast_accuracy_level, issue 20): the model's MAE
-- relative to the seasonal naive forecast's, and how often the 80 % intervals held the actual
-- value. Grain: one row per measure, age group and horizon. Parameters: $level (an area level).
select
    measure,
    age_group,
    horizon,
    n_series,
    n,
    rel_mae,
    rel_mae_geo,
    mase,
    mase_naive,
    coverage80,
    coverage80_naive
from v_forecast_accuracy_level
where level = $level
order by measure, age_group, horizon
