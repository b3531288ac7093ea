"""The forecast step (issue 20): a twelve-month outlook per area with calibrated 80 % intervals,
a rolling-origin backtest and its scores, written into the database by ``run()``.

``python -m kohtaanto forecast --db FILE`` runs it; the build and the demo run it in a process of
its own (``forecast_step.py``). Three sections, as in every pipeline step: load, process, save.

Rules (documented for readers in ``data/README.md``, "Outlook"):

- **Series**: monthly, all occupations, industries and both sexes, for the areas of
  ``LEVELS``; the measures and age groups of ``SERIES``. ``unemployment_share`` is derived from
  the forecast unemployed and the labour force of the origin month, held over the horizon (the
  register's labour force is a yearly figure, the same in every month of a year).
- **Gaps**: a forecast starts after the last month of the last unbroken run of at least
  ``MIN_RUN`` monthly values (a NULL, suppressed value breaks a run as a missing month does).
  Nothing is filled: months after a gap are simply not used.
- **Backtest**: the "January origin of year Y" is a forecast of January–December Y made with
  data up to and including December Y-1; its rows carry ``origin`` = December Y-1, like every
  origin in the tables (the last month of data used). Origins: January 2009–2022. 2012–2022 are
  scored; 2009–2011 only start the calibration of the intervals.
- **Intervals**: from the backtest's own errors, not the models'. An error is
  ``(log1p(actual) - log1p(forecast)) / s`` with ``s`` the training part's mean absolute
  seasonal difference of ``log1p(y)`` (lag 12); the 10th and 90th percentiles of the errors
  pooled over the series of a measure and age group (or over all series, if fewer than
  ``MIN_ERRORS``), per model and horizon, give the 80 % interval
  ``expm1(log1p(forecast) + q * s)``, clipped at 0. A backtest origin uses only the errors of
  earlier origins (what was known then); the outlook uses them all.
- **Choice**: a series whose Holt-Winters forecasts did not beat the seasonal naive on the
  scored origins (MAE ratio over horizons 1–12 at least 1) gets the naive forecast,
  ``model = 'seasonal_naive'``.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from kohtaanto.forecast_scope import LEVELS, SCORED_YEARS, SERIES, SHARE
from kohtaanto.pipeline import forecast_models as fm

log = logging.getLogger(__name__)

FORECAST_SQL = Path(__file__).with_name("forecast.sql")
MIN_RUN = 36
HORIZON = 12
BACKTEST_YEARS = range(2009, 2023)
MIN_ERRORS = 30
INTERVAL = (0.10, 0.90)
STATUS_RANK = {"observed": 0, "aggregated": 1, "estimated": 2, "demo": 3}
# Set by tests (and by anyone who wants to see the build survive a failed forecast step).
FAIL_ENV = "KOHTAANTO_FORECAST_FAIL"
WORKERS_ENV = "KOHTAANTO_FORECAST_WORKERS"

Progress = Callable[[str], None]
Key = tuple[str, str, str]  # measure, area_code, age_group


class ForecastError(RuntimeError):
    """The step could not make the outlook; the message says why."""


@dataclass
class Series:
    """One series as dense months from its first row: ``values[i]`` is month ``start + i``
    (month numbers are ``year * 12 + month - 1``); NaN where no row or a NULL value."""

    key: Key
    start: int
    values: np.ndarray
    statuses: np.ndarray  # status rank per month (-1: no row)


@dataclass
class Run:
    """Where a series' forecast starts, by the gaps rule (month numbers; None: no forecast)."""

    first_data: int | None
    last_data: int | None
    run_start: int | None
    origin: int | None
    reason: str


@dataclass
class StepReport:
    """What the step did, for the command line and the benchmark."""

    seconds: dict[str, float] = field(default_factory=dict)
    series: int = 0
    forecast: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    forecast_rows: int = 0
    backtest_rows: int = 0


# --- months -------------------------------------------------------------------------------------


def month_number(day: dt.date | pd.Timestamp) -> int:
    return day.year * 12 + day.month - 1


def month_date(number: int) -> dt.date:
    return dt.date(number // 12, number % 12 + 1, 1)


def origin_month(year: int) -> int:
    """The origin of the backtest's January ``year`` forecast: December of the year before."""
    return month_number(dt.date(year - 1, 12, 1))


# --- the gaps rule ------------------------------------------------------------------------------


def find_run(values: np.ndarray, start: int = 0, min_run: int = MIN_RUN) -> Run:
    """Apply the gaps rule to dense monthly ``values`` (NaN = missing or suppressed) whose first
    month is ``start``: the last unbroken run of at least ``min_run`` values."""
    valued = np.isfinite(np.asarray(values, dtype=float))
    if not valued.any():
        return Run(None, None, None, None, "too_short")
    index = np.flatnonzero(valued)
    first, last = int(index[0]), int(index[-1])
    # Runs of consecutive valued months: a new run starts wherever the index jumps.
    breaks = np.flatnonzero(np.diff(index) > 1)
    starts = np.concatenate(([index[0]], index[breaks + 1]))
    ends = np.concatenate((index[breaks], [index[-1]]))
    long = np.flatnonzero(ends - starts + 1 >= min_run)
    if len(long) == 0:
        reason = "too_short" if len(index) < min_run else "gap"
        return Run(start + first, start + last, None, None, reason)
    run_start, run_end = int(starts[long[-1]]), int(ends[long[-1]])
    reason = "latest" if run_end == last else "before_gap"
    return Run(start + first, start + last, start + run_start, start + run_end, reason)


# --- load ---------------------------------------------------------------------------------------


def load(con: duckdb.DuckDBPyConnection) -> tuple[list[Series], dict[str, Series]]:
    """The series to forecast, and the labour force by area (all ages) for the share."""
    keys = [f"{m}|{a}" for m, a in SERIES] + ["labour_force|SSS"]
    rows = con.execute(
        """
        select o.measure, o.area_code, o.age_group, o.period, o.value, o.status
        from observations o
        join areas a on a.area_code = o.area_code
        where o.frequency = 'month'
            and o.occupation_code = 'SSS'
            and o.industry_code = 'SSS'
            and o.sex = 'SSS'
            and list_contains($levels, a.level)
            and list_contains($keys, o.measure || '|' || o.age_group)
        order by o.measure, o.area_code, o.age_group, o.period
        """,
        {"levels": list(LEVELS), "keys": keys},
    ).df()
    series = [
        _dense(key, group) for key, group in rows.groupby(["measure", "area_code", "age_group"])
    ]
    labour = {s.key[1]: s for s in series if s.key[0] == "labour_force"}
    return [s for s in series if s.key[0] != "labour_force"], labour


def _dense(key: tuple, group: pd.DataFrame) -> Series:
    months = np.array([month_number(p) for p in group["period"]])
    start = int(months.min())
    values = np.full(int(months.max()) - start + 1, np.nan)
    values[months - start] = group["value"].to_numpy(dtype=float, na_value=np.nan)
    statuses = np.full(len(values), -1)
    statuses[months - start] = [STATUS_RANK.get(s, 3) for s in group["status"]]
    return Series((str(key[0]), str(key[1]), str(key[2])), start, values, statuses)


# --- process ------------------------------------------------------------------------------------


@dataclass
class Plan:
    """One series' run and, once fitted, its outlook from both models."""

    series: Series
    run: Run
    final: dict[str, np.ndarray] = field(default_factory=dict)
    scale: float = 1.0  # mean |seasonal difference| of log1p(y) in the run (interval width)

    def y(self, until: int | None = None) -> np.ndarray:
        """The run's values up to and including month ``until`` (default: the origin)."""
        end = self.run.origin if until is None else until
        s = self.series
        return s.values[self.run.run_start - s.start : end - s.start + 1]


def plan(series: list[Series]) -> list[Plan]:
    """The gaps rule for every series; a run whose last ``MIN_RUN`` values are all zero has
    nothing to forecast (``zeros``)."""
    plans = []
    for s in series:
        run = find_run(s.values, s.start)
        p = Plan(s, run)
        if run.origin is not None and not np.any(p.y()[-MIN_RUN:] > 0):
            p.run = Run(run.first_data, run.last_data, None, None, "zeros")
        plans.append(p)
    return plans


def log_scale(y: np.ndarray) -> float:
    """Mean absolute seasonal difference (lag 12) of ``log1p(y)``: the unit of the errors."""
    z = np.log1p(np.clip(y, 0.0, None))
    return max(float(np.mean(np.abs(z[fm.SEASON :] - z[: -fm.SEASON]))), 1e-3)


def mase_scale(y: np.ndarray) -> float:
    """MASE's scale: the mean absolute seasonal difference (lag 12) of the training values."""
    return float(np.mean(np.abs(y[fm.SEASON :] - y[: -fm.SEASON])))


def workers() -> int:
    """Processes that fit the models: ``KOHTAANTO_FORECAST_WORKERS``, else up to two cores."""
    return int(os.environ.get(WORKERS_ENV) or min(2, os.cpu_count() or 1))


def _map(func: Callable, items: list, processes: int) -> list:
    """``[func(i) for i in items]``, in forked processes when there are several.

    The fits are thousands of small independent tasks, so two cores halve the step's time. The
    children are forked after the database is closed and only compute; results come back pickled.
    """
    if processes <= 1 or len(items) < 2 * processes:
        return [func(item) for item in items]
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        return pool.map(func, items, chunksize=max(1, len(items) // (4 * processes)))


def _fit_one(p: Plan) -> dict[str, np.ndarray]:
    final = {}
    for model in fm.MODELS:
        try:
            final[model] = fm.forecast(model, p.y(), HORIZON)
        except fm.ModelError as exc:
            log.warning("%s at %s: %s", p.series.key, month_date(p.run.origin), exc)
    return final


def fit_final(plans: list[Plan], processes: int = 1) -> None:
    """Both models' outlook for every series with a run."""
    todo = [p for p in plans if p.run.origin is not None]
    if todo:
        fm.import_library()
    for p, final in zip(todo, _map(_fit_one, todo, processes), strict=True):
        p.final = final
        p.scale = log_scale(p.y())


def _backtest_one(p: Plan) -> list[pd.DataFrame]:
    """One frame of every backtest origin of a series (one frame, not one per origin: pandas'
    cost per frame is more than the naive forecast's)."""
    parts = [_backtest_origin(p, origin_month(year)) for year in BACKTEST_YEARS]
    parts = [part for part in parts if part is not None]
    if not parts:
        return []
    rows = [len(part["value"]) for part in parts]
    return [
        pd.DataFrame(
            {
                c: np.concatenate(
                    [np.broadcast_to(part[c], n) for part, n in zip(parts, rows, strict=True)]
                )
                for c in BACKTEST_COLUMNS
            }
        )
    ]


def backtest(plans: list[Plan], processes: int = 1) -> pd.DataFrame:
    """Both models' forecasts at every backtest origin inside each series' run, with the actual
    values and the scales: one row per series, origin, horizon and model."""
    todo = [p for p in plans if p.run.origin is not None]
    frames = [f for fs in _map(_backtest_one, todo, processes) for f in fs]
    if not frames:
        return _empty_backtest()
    return pd.concat(frames, ignore_index=True)


BACKTEST_COLUMNS = [
    "measure",
    "area_code",
    "age_group",
    "origin",
    "horizon",
    "model",
    "value",
    "actual",
    "log_scale",
    "scale",
    "status",
]


def _empty_backtest() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in BACKTEST_COLUMNS})


def _backtest_origin(p: Plan, origin: int) -> dict | None:
    """Both models' forecasts from ``origin`` as the columns of ``BACKTEST_COLUMNS`` (arrays,
    or one value for all rows); None where the origin is outside the run or a model failed."""
    if origin - p.run.run_start + 1 < MIN_RUN or origin >= p.run.origin:
        return None
    train = p.y(origin)
    actual = p.y(min(origin + HORIZON, p.run.origin))[len(train) :]
    try:
        forecasts = {m: fm.forecast(m, train, HORIZON)[: len(actual)] for m in fm.MODELS}
    except fm.ModelError as exc:
        # Both models or neither: an origin scored for one only would bias the comparison.
        log.warning("%s backtest at %s left out: %s", p.series.key, month_date(origin), exc)
        return None
    n = len(actual)
    measure, area, age = p.series.key
    status = _status(p, origin)
    return {
        "measure": measure,
        "area_code": area,
        "age_group": age,
        "origin": origin,
        "horizon": np.tile(np.arange(1, n + 1), len(fm.MODELS)),
        "model": np.repeat(fm.MODELS, n),
        "value": np.concatenate([forecasts[m] for m in fm.MODELS]),
        "actual": np.tile(actual, len(fm.MODELS)),
        "log_scale": log_scale(train),
        "scale": mase_scale(train),
        "status": status,
    }


def _status(p: Plan, until: int | None = None) -> str:
    """The weakest status of the observations a forecast used."""
    s = p.series
    end = p.run.origin if until is None else until
    ranks = s.statuses[p.run.run_start - s.start : end - s.start + 1]
    worst = int(ranks.max())
    return next(name for name, rank in STATUS_RANK.items() if rank == worst)


def standard_errors(bt: pd.DataFrame) -> pd.Series:
    """``(log1p(actual) - log1p(forecast)) / log_scale`` of each backtest row."""
    return (np.log1p(bt["actual"]) - np.log1p(bt["value"])) / bt["log_scale"]


def quantiles(errors: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The interval's quantiles from standardised errors (columns measure, age_group, model,
    horizon, error): by measure and age group where there are ``MIN_ERRORS``, and over all."""
    lo, hi = INTERVAL

    def q(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
        g = frame.groupby(by)["error"]
        out = pd.DataFrame({"n": g.size(), "q_lo": g.quantile(lo), "q_hi": g.quantile(hi)})
        return out[out["n"] >= MIN_ERRORS].drop(columns="n").reset_index()

    return (
        q(errors, ["measure", "age_group", "model", "horizon"]),
        q(errors, ["model", "horizon"]),
    )


def with_interval(rows: pd.DataFrame, errors: pd.DataFrame) -> pd.DataFrame:
    """``rows`` (measure, age_group, model, horizon, value, log_scale) with lo80 and hi80 from
    ``errors``; NULL where no pool has ``MIN_ERRORS`` errors."""
    own, pooled = quantiles(errors)
    out = rows.merge(own, how="left", on=["measure", "age_group", "model", "horizon"])
    out = out.merge(pooled, how="left", on=["model", "horizon"], suffixes=("", "_all"))
    q_lo = out["q_lo"].fillna(out["q_lo_all"])
    q_hi = out["q_hi"].fillna(out["q_hi_all"])
    z = np.log1p(out["value"])
    out["lo80"] = np.clip(np.expm1(z + q_lo * out["log_scale"]), 0.0, None)
    out["hi80"] = np.clip(np.expm1(z + q_hi * out["log_scale"]), 0.0, None)
    return out.drop(columns=["q_lo", "q_hi", "q_lo_all", "q_hi_all"])


def calibrate_backtest(bt: pd.DataFrame) -> pd.DataFrame:
    """Each backtest origin's intervals from the errors of the origins before it."""
    errors = bt.assign(error=standard_errors(bt))
    frames = []
    for origin, rows in bt.groupby("origin", sort=True):
        # Earlier origins' errors whose month had been observed by this origin.
        known = errors[
            (errors["origin"] < origin) & (errors["origin"] + errors["horizon"] <= origin)
        ]
        frames.append(with_interval(rows, known))
    if not frames:
        return bt.assign(lo80=np.nan, hi80=np.nan)
    return pd.concat(frames, ignore_index=True)


def score(bt: pd.DataFrame) -> pd.DataFrame:
    """The track record per series and horizon over the scored origins (``SCORED_YEARS``):
    MAE of both models, their ratio, MASE and the 80 % intervals' coverage.

    ``bt``: one row per series, origin, horizon and model with ``value``, ``actual``, ``scale``
    (MASE's), ``lo80`` and ``hi80``.
    """
    scored = {origin_month(y) for y in SCORED_YEARS}
    rows = bt[bt["origin"].isin(scored)].copy()
    if rows.empty:
        return pd.DataFrame(columns=ACCURACY_COLUMNS[:-1])
    keys = ["measure", "area_code", "age_group", "horizon"]
    rows["abs"] = (rows["value"] - rows["actual"]).abs()
    rows["scaled"] = rows["abs"] / rows["scale"].where(rows["scale"] > 0)
    inside = (rows["actual"] >= rows["lo80"]) & (rows["actual"] <= rows["hi80"])
    rows["inside"] = inside.astype(float).where(rows["lo80"].notna())
    g = rows.groupby([*keys, "model"]).agg(
        n=("abs", "size"), mae=("abs", "mean"), mase=("scaled", "mean"), cov=("inside", "mean")
    )
    wide = g.unstack("model")
    out = pd.DataFrame(
        {
            "n": wide[("n", fm.HOLT_WINTERS)],
            "mae_model": wide[("mae", fm.HOLT_WINTERS)],
            "mae_naive": wide[("mae", fm.SEASONAL_NAIVE)],
            "mase": wide[("mase", fm.HOLT_WINTERS)],
            "mase_naive": wide[("mase", fm.SEASONAL_NAIVE)],
            "coverage80": wide[("cov", fm.HOLT_WINTERS)],
            "coverage80_naive": wide[("cov", fm.SEASONAL_NAIVE)],
        }
    ).reset_index()
    out["rel_mae"] = out["mae_model"] / out["mae_naive"].where(out["mae_naive"] > 0)
    out["n"] = out["n"].astype(int)
    return out


def overall_rel_mae(bt: pd.DataFrame) -> pd.DataFrame:
    """Per series: Holt-Winters' MAE over every scored origin and horizon / the naive's, and
    the number of scored origins."""
    scored = {origin_month(y) for y in SCORED_YEARS}
    rows = bt[bt["origin"].isin(scored)]
    keys = ["measure", "area_code", "age_group"]
    err = (rows["value"] - rows["actual"]).abs()
    mae = err.groupby([rows[k] for k in [*keys, "model"]]).mean().unstack("model")
    origins = rows.groupby(keys)["origin"].nunique().rename("backtest_origins")
    out = pd.DataFrame(index=mae.index)
    if len(mae):
        naive = mae[fm.SEASONAL_NAIVE]
        out["rel_mae"] = mae[fm.HOLT_WINTERS] / naive.where(naive > 0)
    else:
        out["rel_mae"] = pd.Series(dtype=float)
    return out.join(origins).reset_index()


def choose(rel: float | None, final: dict[str, np.ndarray]) -> str | None:
    """Holt-Winters unless the backtest says it did not beat the naive, or it gave nothing."""
    if fm.HOLT_WINTERS in final and (rel is None or np.isnan(rel) or rel < 1.0):
        return fm.HOLT_WINTERS
    return fm.SEASONAL_NAIVE if fm.SEASONAL_NAIVE in final else None


# --- the unemployed share -----------------------------------------------------------------------


def share_rows(rows: pd.DataFrame, labour: dict[str, Series]) -> pd.DataFrame:
    """``unemployment_share`` (%) from rows of all-ages unemployed: value, bounds and actual
    divided by the labour force of the origin month (the actual by its own month's)."""
    u = rows[(rows["measure"] == "unemployed") & (rows["age_group"] == "SSS")].copy()
    if u.empty:
        return u
    lf_origin = [_labour_at(labour, a, o) for a, o in zip(u["area_code"], u["origin"], strict=True)]
    u["lf"] = lf_origin
    u = u[u["lf"] > 0]
    for column in ("value", "lo80", "hi80"):
        if column in u:
            u[column] = 100 * u[column] / u["lf"]
    if "actual" in u:
        months = u["origin"] + u["horizon"]
        lf_then = [_labour_at(labour, a, m) for a, m in zip(u["area_code"], months, strict=True)]
        u["actual"] = 100 * u["actual"] / np.array(lf_then, dtype=float)
    u["measure"] = SHARE
    return u.drop(columns="lf")


def _labour_at(labour: dict[str, Series], area: str, month: int) -> float:
    s = labour.get(area)
    if s is None or not s.start <= month < s.start + len(s.values):
        return np.nan
    return float(s.values[month - s.start])


def share_scales(
    bt_share: pd.DataFrame, plans: dict[Key, Plan], labour: dict[str, Series]
) -> pd.Series:
    """MASE's scale of the share at each backtest row: its training part's seasonal differences."""
    cache: dict[tuple[str, int], float] = {}
    out = []
    for area, origin in zip(bt_share["area_code"], bt_share["origin"], strict=True):
        if (area, origin) not in cache:
            p = plans[("unemployed", area, "SSS")]
            months = np.arange(p.run.run_start, origin + 1)
            lf = np.array([_labour_at(labour, area, m) for m in months])
            cache[(area, origin)] = mase_scale(100 * p.y(origin) / lf)
        out.append(cache[(area, origin)])
    return pd.Series(out, index=bt_share.index, dtype=float)


# --- the step -----------------------------------------------------------------------------------


@contextmanager
def _stage(report: StepReport, progress: Progress, name: str) -> Iterator[None]:
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    seconds = time.perf_counter() - wall
    report.seconds[name] = seconds
    progress(f"forecast {name}: {seconds:.1f} s ({time.process_time() - cpu:.1f} s CPU)")


def run(db: Path, *, progress: Progress = print) -> StepReport:
    """Make the outlook, its backtest and scores from ``db``'s observations and replace the
    forecast tables in ``db`` in one transaction; raise ``ForecastError`` when it cannot."""
    if os.environ.get(FAIL_ENV):
        raise ForecastError(f"forced to fail ({FAIL_ENV} is set)")
    report = StepReport()
    processes = workers()
    try:
        with _stage(report, progress, "read"):
            with _connect(db, read_only=True) as con:
                series, labour = load(con)
            plans = plan(series)
        with _stage(report, progress, "fit"):
            fit_final(plans, processes)
        with _stage(report, progress, "backtest"):
            bt = calibrate_backtest(backtest(plans, processes))
            tables = assemble(plans, bt, labour)
        with _stage(report, progress, "write"), _connect(db) as con:
            save(con, tables)
    except (duckdb.Error, OSError) as exc:
        raise ForecastError(f"{db}: {type(exc).__name__}: {exc}") from exc
    _summarise(report, tables)
    return report


@contextmanager
def _connect(db: Path, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    # Closed before the fits fork, opened again to write.
    con = duckdb.connect(
        str(db), read_only=read_only, config={"memory_limit": "200MB", "threads": 1}
    )
    try:
        con.execute("set enable_progress_bar = false")
        yield con
    finally:
        con.close()


def _summarise(report: StepReport, tables: dict[str, pd.DataFrame]) -> None:
    s = tables["forecast_series"]
    report.series = len(s)
    report.forecast = int(s["origin"].notna().sum())
    report.skipped = s[s["origin"].isna()]["reason"].value_counts().to_dict()
    report.forecast_rows = len(tables["forecasts"])
    report.backtest_rows = len(tables["forecast_backtest"])


def assemble(
    plans: list[Plan], bt: pd.DataFrame, labour: dict[str, Series]
) -> dict[str, pd.DataFrame]:
    """The four tables' rows from the fitted plans and the calibrated backtest."""
    by_key = {p.series.key: p for p in plans}
    bt_share = share_rows(bt, labour)
    if not bt_share.empty:
        bt_share["scale"] = share_scales(bt_share, by_key, labour)
    bt_all = pd.concat([bt, bt_share], ignore_index=True) if not bt_share.empty else bt
    accuracy = score(bt_all) if not bt_all.empty else pd.DataFrame()
    rel = overall_rel_mae(bt_all) if not bt_all.empty else pd.DataFrame()
    rel_of = {
        (r.measure, r.area_code, r.age_group): (r.rel_mae, r.backtest_origins)
        for r in rel.itertuples()
    }
    chosen = {
        key: choose(rel_of.get(key, (None, 0))[0], p.final)
        for key, p in by_key.items()
        if p.run.origin is not None
    }
    final = _final_rows(plans, chosen, bt)
    final_share = share_rows(final, labour)
    forecasts = pd.concat([final, final_share], ignore_index=True)
    series = _series_rows(plans, chosen, rel_of, labour)
    if not accuracy.empty:
        model_of = {k: m for k, m in chosen.items()}
        model_of.update(
            {
                (SHARE, k[1], "SSS"): m
                for k, m in chosen.items()
                if k[0] == "unemployed" and k[2] == "SSS"
            }
        )
        accuracy["chosen_model"] = [
            model_of.get((m, a, g)) or fm.SEASONAL_NAIVE
            for m, a, g in zip(
                accuracy["measure"], accuracy["area_code"], accuracy["age_group"], strict=True
            )
        ]
    return {
        "forecasts": _dated(forecasts),
        "forecast_backtest": _dated(bt_all),
        "forecast_accuracy": accuracy,
        "forecast_series": series,
    }


def _final_rows(plans: list[Plan], chosen: dict[Key, str | None], bt: pd.DataFrame) -> pd.DataFrame:
    errors = bt.assign(error=standard_errors(bt)) if not bt.empty else None
    frames = []
    for p in plans:
        model = chosen.get(p.series.key)
        if model is None:
            continue
        measure, area, age = p.series.key
        frames.append(
            pd.DataFrame(
                {
                    "measure": measure,
                    "area_code": area,
                    "age_group": age,
                    "origin": p.run.origin,
                    "horizon": np.arange(1, HORIZON + 1),
                    "model": model,
                    "value": p.final[model],
                    "log_scale": p.scale,
                    "status": _status(p),
                }
            )
        )
    if not frames:
        return pd.DataFrame(columns=[*BACKTEST_COLUMNS, "lo80", "hi80"])
    rows = pd.concat(frames, ignore_index=True)
    if errors is None:
        return rows.assign(lo80=np.nan, hi80=np.nan)
    return with_interval(rows, errors)


def _series_rows(
    plans: list[Plan],
    chosen: dict[Key, str | None],
    rel_of: dict[Key, tuple[float, int]],
    labour: dict[str, Series],
) -> pd.DataFrame:
    rows = []
    for p in plans:
        rows.append(_series_row(p, p.series.key, chosen.get(p.series.key), rel_of, p.run.reason))
        measure, area, age = p.series.key
        if measure == "unemployed" and age == "SSS":
            model = chosen.get(p.series.key)
            reason = p.run.reason
            if model is not None and not _labour_at(labour, area, p.run.origin) > 0:
                model, reason = None, "no_labour_force"
            rows.append(_series_row(p, (SHARE, area, age), model, rel_of, reason))
    return pd.DataFrame(rows, columns=SERIES_COLUMNS)


SERIES_COLUMNS = [
    "measure",
    "area_code",
    "age_group",
    "first_data",
    "last_data",
    "run_start",
    "origin",
    "model",
    "rel_mae",
    "backtest_origins",
    "reason",
    "status",
]


def _series_row(p: Plan, key: Key, model: str | None, rel_of: dict, reason: str) -> list:
    run = p.run
    forecast = model is not None
    rel, origins = rel_of.get(key, (None, 0))

    def day(month: int | None) -> dt.date | None:
        return None if month is None else month_date(month)

    return [
        *key,
        day(run.first_data),
        day(run.last_data),
        day(run.run_start) if forecast else None,
        day(run.origin) if forecast else None,
        model,
        None if rel is None or np.isnan(rel) else float(rel),
        int(origins),
        reason if forecast or reason not in ("latest", "before_gap") else "failed",
        _status(p) if forecast else None,
    ]


def _dated(rows: pd.DataFrame) -> pd.DataFrame:
    """Month numbers to dates and the tables' columns, in their order."""
    if rows.empty:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    out = rows.copy()
    out["period"] = [month_date(o + h) for o, h in zip(out["origin"], out["horizon"], strict=True)]
    out["origin"] = [month_date(o) for o in out["origin"]]
    return out[TABLE_COLUMNS]


TABLE_COLUMNS = [
    "measure",
    "area_code",
    "age_group",
    "origin",
    "period",
    "value",
    "lo80",
    "hi80",
    "model",
    "status",
]
ACCURACY_COLUMNS = [
    "measure",
    "area_code",
    "age_group",
    "horizon",
    "n",
    "mae_model",
    "mae_naive",
    "rel_mae",
    "mase",
    "mase_naive",
    "coverage80",
    "coverage80_naive",
    "chosen_model",
]


# --- save ---------------------------------------------------------------------------------------


def save(con: duckdb.DuckDBPyConnection, tables: dict[str, pd.DataFrame]) -> None:
    """Replace the forecast tables and the step's ``build_info`` rows in one transaction."""
    con.execute("begin transaction")
    try:
        con.execute(FORECAST_SQL.read_text(encoding="utf-8"))
        for name, frame in tables.items():
            if frame.empty:
                continue
            columns = ACCURACY_COLUMNS if name == "forecast_accuracy" else list(frame.columns)
            con.register("rows", frame[columns])
            con.execute(f"insert into {name} by name select * from rows")
            con.unregister("rows")
        con.execute("delete from build_info where key like 'forecast%'")
        con.execute(
            "insert into build_info values ('forecast_status', 'ok'), ('forecast_made_at', ?)",
            [dt.datetime.now(dt.UTC).isoformat(timespec="seconds")],
        )
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("checkpoint")
