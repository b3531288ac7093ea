"""Missing figures said from the months the database has (kohtaanto/panels/reasons.py), and a
source table's periods with their gaps (kohtaanto/panels/aineisto.py)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kohtaanto.panels.aineisto import coverage_text, runs
from kohtaanto.panels.reasons import merged, runs_text

D = dt.date


def test_runs_of_months_merge_where_they_touch():
    assert merged([(D(2026, 6, 1), D(2026, 6, 1)), (D(2006, 1, 1), D(2020, 6, 1))]) == [
        (D(2006, 1, 1), D(2020, 6, 1)),
        (D(2026, 6, 1), D(2026, 6, 1)),
    ]
    assert merged([(D(2006, 1, 1), D(2020, 6, 1)), (D(2020, 7, 1), D(2026, 6, 1))]) == [
        (D(2006, 1, 1), D(2026, 6, 1))
    ]
    assert runs_text(merged([(D(2006, 1, 1), D(2020, 6, 1)), (D(2026, 6, 1), D(2026, 6, 1))])) == (
        "1/2006–6/2020, 6/2026"
    )


def test_a_tables_periods_name_its_gap():
    months = pd.date_range("2023-08-01", "2023-10-01", freq="MS").append(
        pd.DatetimeIndex(["2026-06-01"])
    )
    periods = pd.DataFrame({"frequency": "month", "period": months})
    assert coverage_text(periods, "fi") == "8/2023–10/2023, 6/2026"
    years = pd.DataFrame(
        {"frequency": "year", "period": pd.to_datetime(["2012-01-01", "2013-01-01", "2017-01-01"])}
    )
    assert coverage_text(years, "en") == "2012–2013, 2017"
    quarters = pd.to_datetime(["2013-01-01", "2013-04-01", "2013-10-01"])
    assert len(runs(pd.Series(quarters), "quarter")) == 2
