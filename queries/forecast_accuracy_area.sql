-- The outlook's track record of one area's series per horizon (forecast_accuracy, issue 20):
-- scored origins, the model's MAE relative to the seasonal naive's, the 80 % coverage, and the
-- model the outlook shows. Grain: one row per measure, age group and horizon.
-- Parameters: $area (an area code).
select measure, age_group, horizon, n, mae_model, mae_naive, rel_mae, coverage80, chosen_model
from forecast_accuracy
where area_code = $area
order by measure, age_group, horizon
