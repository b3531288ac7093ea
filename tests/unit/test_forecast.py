"""The forecast step (issue 20): models on known series, the gaps rule, the scores by hand, the
step on small databases, the build's survival of a failed step, and the real mirror."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from kohtaanto import paths
from kohtaanto.pipeline import forecast as fc
from kohtaanto.pipeline import forecast_models as fm
from kohtaanto.pipeline import forecast_step

PATTERN = np.array([1.10, 1.12, 1.08, 1.02, 1.05, 1.15, 1.20, 1.00, 0.92, 0.88, 0.90, 0.98])


def months(first: dt.date, n: int) -> list[dt.date]:
    start = fc.month_number(first)
    return [fc.month_date(start + i) for i in range(n)]


def make_db(path: Path, series: dict[tuple[str, str, str], tuple[dt.date, list]]) -> Path:
    """A database of the real schema holding only ``series`` (key: measure, area, age group;
    value: first month and values, None for a suppressed cell), areas of level ``region``
    (``SSS`` the country)."""
    con = duckdb.connect(str(path))
    con.execute(paths.SCHEMA_SQL.read_text(encoding="utf-8"))
    areas = sorted({area for _, area, _ in series})
    for area in areas:
        level = "country" if area == "SSS" else "region"
        con.execute(
            "insert into areas values (?, ?, ?, ?, ?, null)", [area, level, area, area, area]
        )
    for (measure, area, age), (first, values) in series.items():
        rows = [
            (measure, day, "month", area, age, "SSS", "SSS", "SSS", v, "observed", "test")
            for day, v in zip(months(first, len(values)), values, strict=True)
        ]
        con.executemany("insert into observations values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    con.close()
    return path


def table(db: Path, sql: str, params: list | None = None) -> pd.DataFrame:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).df()
    finally:
        con.close()


# --- models on known series ---------------------------------------------------------------------


def test_pure_seasonal_pattern_is_forecast_back():
    y = np.tile(1000 * PATTERN, 5)
    forecast = fm.holt_winters(y, 12)
    np.testing.assert_allclose(forecast, 1000 * PATTERN, rtol=1e-6)


def test_seasonal_naive_repeats_last_year():
    y = np.arange(30.0)
    np.testing.assert_array_equal(fm.seasonal_naive(y, 14), [*range(18, 30), 18, 19])


def test_level_break_forecast_follows_the_level_after_it():
    # Level 1000 for four years, then 1500 for two (with the same seasonal pattern): every
    # forecast month lies within 10 % of 1500 x pattern, so none near the old level (1000) or
    # the mean of all six years (1167).
    level = np.r_[np.full(48, 1000.0), np.full(24, 1500.0)]
    forecast = fm.holt_winters(level * np.tile(PATTERN, 6), 12)
    ratio = forecast / (1500 * PATTERN)
    assert np.all((ratio > 0.9) & (ratio < 1.1)), ratio


def test_trend_with_a_break_follows_the_level_after_the_break():
    # Rising 1 % a month, then 30 % lower from month 49 on and rising again. The forecast stays
    # within 10 % of the last level (times the pattern), far below where the trend before the
    # break would have led (a third higher): it follows the new level, not the old path.
    t = np.arange(72)
    level = 1000 * 1.01**t
    level[48:] *= 0.7
    forecast = fm.holt_winters(level * np.tile(PATTERN, 6), 12)
    after = forecast / (level[-1] * PATTERN)
    assert np.all((after > 0.9) & (after < 1.1)), after
    old_path = forecast / (1000 * 1.01 ** np.arange(72, 84) * PATTERN)
    assert np.all(old_path < 0.7), old_path


def test_zeros_give_no_negative_forecast():
    y = np.tile([0.0, 0.0, 3.0, 1.0, 0.0, 0.0, 0.0, 2.0, 0.0, 0.0, 1.0, 0.0], 4)
    for model in fm.MODELS:
        assert np.all(fm.forecast(model, y, 12) >= 0)
    np.testing.assert_array_equal(fm.holt_winters(np.zeros(36), 12), np.zeros(12))


# --- the gaps rule ------------------------------------------------------------------------------


def test_gap_rule_takes_the_last_run_of_36_months():
    # 40 months, 5 missing, 10 more: the outlook starts after month 40 (index 39).
    values = np.r_[np.ones(40), np.full(5, np.nan), np.ones(10)]
    run = fc.find_run(values, start=100)
    assert (run.first_data, run.last_data, run.run_start, run.origin) == (100, 154, 100, 139)
    assert run.reason == "before_gap"


def test_gap_rule_latest_when_the_run_reaches_the_last_month():
    values = np.r_[np.full(3, np.nan), np.ones(36)]
    run = fc.find_run(values, start=0)
    assert (run.run_start, run.origin, run.reason) == (3, 38, "latest")


def test_gap_rule_too_short_and_gap():
    assert fc.find_run(np.ones(35)).reason == "too_short"
    assert fc.find_run(np.ones(35)).origin is None
    # 50 values, but a suppressed one at month 31 leaves runs of 30 and 19.
    broken = np.r_[np.ones(30), np.nan, np.ones(19)]
    run = fc.find_run(broken)
    assert (run.reason, run.origin, run.last_data) == ("gap", None, 49)


def test_mirror_shape_origin_is_october_2023():
    # 2006M01-2023M10, then 2026M06 alone: the outlook is made at 2023-10.
    first = fc.month_number(dt.date(2006, 1, 1))
    n = fc.month_number(dt.date(2026, 6, 1)) - first + 1
    values = np.full(n, np.nan)
    values[: fc.month_number(dt.date(2023, 10, 1)) - first + 1] = 5.0
    values[-1] = 6.0
    run = fc.find_run(values, start=first)
    assert fc.month_date(run.origin) == dt.date(2023, 10, 1)
    assert fc.month_date(run.last_data) == dt.date(2026, 6, 1)


def test_backtest_origin_is_december_before_the_january():
    assert fc.month_date(fc.origin_month(2012)) == dt.date(2011, 12, 1)


# --- scores by hand -----------------------------------------------------------------------------


def test_scores_by_hand():
    o1, o2 = fc.origin_month(2012), fc.origin_month(2013)
    warm = fc.origin_month(2010)  # not scored
    rows = []
    # origin, horizon, model, value, actual, scale, lo80, hi80
    for o, h, model, value, actual, scale, lo, hi in [
        (o1, 1, "holt_winters", 110, 100, 10, 90, 120),  # |e| 10, scaled 1, inside
        (o1, 1, "seasonal_naive", 130, 100, 10, 120, 140),  # |e| 30, scaled 3, outside
        (o2, 1, "holt_winters", 95, 100, 20, 96, 99),  # |e| 5, scaled 0.25, outside
        (o2, 1, "seasonal_naive", 80, 100, 20, 70, 100),  # |e| 20, scaled 1, inside (edge)
        (o1, 2, "holt_winters", 100, 100, 10, 90, 110),  # |e| 0
        (o1, 2, "seasonal_naive", 90, 100, 10, 80, 100),  # |e| 10
        (warm, 1, "holt_winters", 1000, 100, 10, 0, 1),  # left out of every score
        (warm, 1, "seasonal_naive", 100, 100, 10, 0, 1),
    ]:
        rows.append(("unemployed", "MK12", "SSS", o, h, model, value, actual, scale, lo, hi))
    bt = pd.DataFrame(
        rows,
        columns=[
            "measure",
            "area_code",
            "age_group",
            "origin",
            "horizon",
            "model",
            "value",
            "actual",
            "scale",
            "lo80",
            "hi80",
        ],
    )
    scores = fc.score(bt).set_index("horizon")
    h1, h2 = scores.loc[1], scores.loc[2]
    assert h1["n"] == 2
    assert h1["mae_model"] == pytest.approx(7.5)  # (10 + 5) / 2
    assert h1["mae_naive"] == pytest.approx(25.0)  # (30 + 20) / 2
    assert h1["rel_mae"] == pytest.approx(0.3)
    assert h1["mase"] == pytest.approx(0.625)  # (1 + 0.25) / 2
    assert h1["mase_naive"] == pytest.approx(2.0)  # (3 + 1) / 2
    assert h1["coverage80"] == pytest.approx(0.5)
    assert h1["coverage80_naive"] == pytest.approx(0.5)
    assert (h2["n"], h2["rel_mae"], h2["mase"], h2["coverage80"]) == (1, 0.0, 0.0, 1.0)
    overall = fc.overall_rel_mae(bt).iloc[0]
    assert overall["rel_mae"] == pytest.approx((10 + 5 + 0) / (30 + 20 + 10))
    assert overall["backtest_origins"] == 2


def test_intervals_from_earlier_errors_only():
    # Errors of +1 scale unit at every earlier origin: the interval is the forecast moved up
    # by exactly one scale unit in logs at both ends; the first origin has no interval.
    rows = []
    for year in (2010, 2011, 2012):
        for area in ("A", "B"):
            rows.append(("unemployed", area, "SSS", fc.origin_month(year), 1, "holt_winters"))
    bt = pd.DataFrame(
        rows, columns=["measure", "area_code", "age_group", "origin", "horizon", "model"]
    )
    bt["value"] = 100.0
    bt["log_scale"] = 0.1
    bt["actual"] = np.expm1(np.log1p(100.0) + 0.1)
    old = fc.MIN_ERRORS
    try:
        fc.MIN_ERRORS = 2
        out = fc.calibrate_backtest(bt).sort_values(["origin", "area_code"])
    finally:
        fc.MIN_ERRORS = old
    assert out["lo80"].iloc[:2].isna().all()
    np.testing.assert_allclose(out["lo80"].iloc[2:], bt["actual"].iloc[2:])
    np.testing.assert_allclose(out["hi80"].iloc[2:], bt["actual"].iloc[2:])


# --- the step on small databases ----------------------------------------------------------------


@pytest.fixture
def few_errors(monkeypatch):
    """Small test databases have a handful of series: calibrate from as few as three errors."""
    monkeypatch.setattr(fc, "MIN_ERRORS", 3)


def seasonal(n: int, level: float = 1000.0) -> list[float]:
    return list(level * np.resize(PATTERN, n))


def test_step_on_a_pure_seasonal_series(tmp_path, few_errors):
    # 2006-01 to 2013-12: backtest origins 2008-12 ... 2012-12, outlook from 2013-12.
    first = dt.date(2006, 1, 1)
    db = make_db(
        tmp_path / "s.duckdb",
        {
            ("unemployed", "MK01", "SSS"): (first, seasonal(96)),
            ("labour_force", "MK01", "SSS"): (first, [10000.0] * 96),
            ("open_vacancies", "MK01", "SSS"): (first, seasonal(96, 50.0)),
        },
    )
    fc.run(db, progress=lambda _: None)
    out = table(db, "select * from forecasts where measure = 'unemployed' order by period")
    assert len(out) == 12
    assert set(out["origin"]) == {pd.Timestamp("2013-12-01")}
    assert list(out["period"]) == [pd.Timestamp(d) for d in months(dt.date(2014, 1, 1), 12)]
    np.testing.assert_allclose(out["value"], 1000 * PATTERN, rtol=1e-6)
    assert np.all(out["lo80"] <= 1000 * PATTERN * (1 + 1e-6))
    assert np.all(out["hi80"] >= 1000 * PATTERN * (1 - 1e-6))
    assert set(out["model"]) == {"holt_winters"}
    share = table(db, "select value from forecasts where measure = $1 order by period", [fc.SHARE])
    np.testing.assert_allclose(share["value"], 100 * 1000 * PATTERN / 10000, rtol=1e-6)
    origins = table(db, "select distinct origin from forecast_backtest order by 1")["origin"]
    assert [o.date() for o in origins] == [dt.date(y, 12, 1) for y in range(2008, 2013)]
    series = table(db, "select * from forecast_series where measure = 'unemployed'").iloc[0]
    assert (series["reason"], series["model"]) == ("latest", "holt_winters")
    assert series["backtest_origins"] == 2  # January 2012 and 2013 (origins 2011-12, 2012-12)


def test_step_gap_too_short_zeros_and_nulls(tmp_path, few_errors):
    first = dt.date(2010, 1, 1)
    gap = seasonal(48) + [None] * 6 + seasonal(4)  # forecast from 2013-12, last data 2014-10
    noisy = seasonal(60, 3.0)
    for i in (5, 17, 29, 30, 41):
        noisy[i] = 0.0
    noisy[2] = None  # an old suppressed cell: the run after it is still 57 months
    db = make_db(
        tmp_path / "g.duckdb",
        {
            ("unemployed", "MK01", "SSS"): (first, gap),
            ("unemployed", "MK02", "SSS"): (first, seasonal(20)),
            ("unemployed", "MK04", "SSS"): (first, [0.0] * 48),
            ("open_vacancies", "MK01", "SSS"): (first, noisy),
        },
    )
    report = fc.run(db, progress=lambda _: None)
    series = table(db, "select * from forecast_series").set_index(["measure", "area_code"])
    mk01 = series.loc[("unemployed", "MK01")]
    assert mk01["reason"] == "before_gap"
    assert mk01["origin"] == pd.Timestamp("2013-12-01")
    assert mk01["last_data"] == pd.Timestamp("2014-10-01")
    assert series.loc[("unemployed", "MK02"), "reason"] == "too_short"
    assert series.loc[("unemployed", "MK04"), "reason"] == "zeros"
    assert series.loc[(fc.SHARE, "MK01"), "reason"] == "no_labour_force"
    assert series.loc[("open_vacancies", "MK01"), "run_start"] == pd.Timestamp("2010-04-01")
    assert report.skipped == {"too_short": 2, "zeros": 2, "no_labour_force": 1}
    rows = table(db, "select * from forecasts union all select * from forecast_backtest")
    assert set(rows["area_code"]) == {"MK01"}
    assert (rows[["value", "lo80", "hi80"]].fillna(0) >= 0).all().all()
    gap_rows = table(db, "select * from forecasts where measure = 'unemployed'")
    assert gap_rows["period"].min() == pd.Timestamp("2014-01-01")


def test_step_replaces_earlier_tables(tmp_path, few_errors):
    first = dt.date(2006, 1, 1)
    db = make_db(tmp_path / "r.duckdb", {("unemployed", "MK01", "SSS"): (first, seasonal(60))})
    fc.run(db, progress=lambda _: None)
    fc.run(db, progress=lambda _: None)
    assert table(db, "select count(*) n from forecasts")["n"][0] == 12
    info = table(db, "select * from build_info where key like 'forecast%' order by key")
    assert list(info["key"]) == ["forecast_made_at", "forecast_status"]
    assert info["value"][1] == "ok"


# --- the step inside the build and the demo -------------------------------------------------------


def test_tiny_build_has_forecast_tables_and_says_why_none(tiny_db):
    assert table(tiny_db, "select count(*) n from forecasts")["n"][0] == 0
    series = table(tiny_db, "select distinct measure, reason from forecast_series order by 1")
    assert list(series["measure"]) == ["open_vacancies", "unemployed", fc.SHARE]
    assert set(series["reason"]) == {"too_short"}
    status = table(tiny_db, "select value from build_info where key = 'forecast_status'")
    assert list(status["value"]) == ["ok"]


def test_failed_step_leaves_build_and_empty_tables(tiny_raw, tmp_path, monkeypatch):
    from kohtaanto.pipeline.build import build

    monkeypatch.setenv(fc.FAIL_ENV, "1")
    out = tmp_path / "failed.duckdb"
    lines: list[str] = []
    build(tiny_raw, out, progress=lines.append)
    assert out.is_file()
    assert table(out, "select count(*) n from observations")["n"][0] > 0
    for name in ("forecasts", "forecast_backtest", "forecast_accuracy", "forecast_series"):
        assert table(out, f"select count(*) n from {name}")["n"][0] == 0
    info = dict(table(out, "select key, value from build_info").itertuples(index=False))
    assert info["forecast_status"] == "failed"
    assert "KOHTAANTO_FORECAST_FAIL" in info["forecast_reason"]
    assert any(line.startswith("forecast step failed") for line in lines)


def test_step_that_cannot_start_is_recorded(tmp_path, monkeypatch):
    first = dt.date(2006, 1, 1)
    db = make_db(tmp_path / "t.duckdb", {("unemployed", "MK01", "SSS"): (first, seasonal(60))})
    monkeypatch.setattr(forecast_step, "command", lambda _db: ["/nonexistent/python"])
    assert forecast_step.run_step(db, progress=lambda _: None) is False
    info = dict(table(db, "select key, value from build_info").itertuples(index=False))
    assert info["forecast_status"] == "failed"
    assert "could not start" in info["forecast_reason"]


def test_demo_forecasts_are_marked_demo(demo_db):
    rows = table(demo_db, "select status, model, count(*) n from forecasts group by all")
    assert rows["n"].sum() > 0
    assert set(rows["status"]) == {"demo"}
    assert set(table(demo_db, "select status from forecast_backtest")["status"]) == {"demo"}


# --- the real mirror ----------------------------------------------------------------------------
