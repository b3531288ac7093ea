-- The outlook's tables (issue 20), made by the forecast step (kohtaanto/pipeline/forecast.py).
-- Dropped and made again on every run, inside the step's one transaction; the build makes them
-- empty when the step fails (kohtaanto/pipeline/forecast_step.py), so that pages read no rows
-- instead of failing. Counts in persons (vacancies); unemployment_share in percent.

drop view if exists v_forecast_accuracy_level;
drop table if exists forecasts;
drop table if exists forecast_backtest;
drop table if exists forecast_accuracy;
drop table if exists forecast_series;

-- One row per series, forecast period and model: the outlook made at `origin`, the last month
-- of the series' last unbroken run of at least 36 monthly values; `period` is 1-12 months after.
create table forecasts (
    measure    varchar not null,
    area_code  varchar not null,
    age_group  varchar not null,
    origin     date    not null,   -- the last month of data the forecast uses
    period     date    not null,   -- the month forecast (first day), origin + 1..12 months
    value      double  not null,   -- never below 0
    lo80       double,             -- 80 % interval; NULL where too few backtest errors calibrate it
    hi80       double,
    model      varchar not null,   -- 'holt_winters' | 'seasonal_naive'
    status     varchar not null    -- weakest status of the observations used (demo in the demo)
);

-- The same columns for past origins: the rolling-origin backtest, both models, every series.
create table forecast_backtest (
    measure    varchar not null,
    area_code  varchar not null,
    age_group  varchar not null,
    origin     date    not null,   -- December of the year before the January origin it stands for
    period     date    not null,
    value      double  not null,
    lo80       double,
    hi80       double,
    model      varchar not null,
    status     varchar not null
);

-- One row per series and horizon: the track record over the scored origins (January 2012-2022).
create table forecast_accuracy (
    measure           varchar not null,
    area_code         varchar not null,
    age_group         varchar not null,
    horizon           integer not null,  -- months after the origin, 1-12
    n                 integer not null,  -- origins scored at this horizon
    mae_model         double,            -- mean absolute error of holt_winters
    mae_naive         double,            -- of the seasonal naive forecast
    rel_mae           double,            -- mae_model / mae_naive: below 1 beats the naive
    mase              double,            -- holt_winters' MASE (scale: training's mean |y_t - y_t-12|)
    mase_naive        double,
    coverage80        double,            -- share of actual values inside holt_winters' 80 % interval
    coverage80_naive  double,
    chosen_model      varchar not null   -- the model the series' forecasts use
);

-- One row per series the step considered (with or without a forecast): why, from when, which model.
create table forecast_series (
    measure      varchar not null,
    area_code    varchar not null,
    age_group    varchar not null,
    first_data   date,               -- first month with a value
    last_data    date,               -- last month with a value (later than origin after a gap)
    run_start    date,               -- first month of the unbroken run used (NULL: no forecast)
    origin       date,               -- last month of that run (NULL: no forecast)
    model        varchar,            -- chosen model (NULL: no forecast)
    rel_mae      double,             -- holt_winters' MAE / seasonal naive's, scored origins, h 1-12
    backtest_origins integer not null, -- scored origins (January 2012-2022) behind rel_mae
    reason       varchar not null,   -- latest | before_gap | too_short | gap | zeros
                                     -- | no_labour_force | failed
    status       varchar             -- weakest status of the observations used
);

-- The track record of a level of areas (the 19 regions, say), per measure and horizon.
create view v_forecast_accuracy_level as
select
    f.measure,
    f.age_group,
    a.level,
    f.horizon,
    count(*) as n_series,
    sum(f.n)::bigint as n,
    -- MAE of the pooled errors, relative to the naive's pooled MAE (big areas weigh more)
    sum(f.mae_model * f.n) / nullif(sum(f.mae_naive * f.n), 0) as rel_mae,
    -- geometric mean of the areas' own ratios (each area weighs the same)
    exp(avg(ln(nullif(f.rel_mae, 0)))) as rel_mae_geo,
    sum(f.mase * f.n) / sum(f.n) as mase,
    sum(f.mase_naive * f.n) / sum(f.n) as mase_naive,
    sum(f.coverage80 * f.n) / sum(f.n) as coverage80,
    sum(f.coverage80_naive * f.n) / sum(f.n) as coverage80_naive
from forecast_accuracy f
join areas a using (area_code)
group by all;
