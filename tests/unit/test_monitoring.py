"""Monitoring arithmetic on hand-made reports: progress, results as shares, staleness, reach."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from kohtaanto.projects import monitoring as m

D = dt.date

PROJECTS = pd.DataFrame(
    {
        "project_code": ["A", "B", "C"],
        "start_date": [D(2024, 1, 1), D(2024, 1, 1), D(2025, 1, 1)],
        "end_date": [D(2025, 12, 31), D(2024, 12, 31), D(2026, 12, 31)],
        "planned_eu_state_eur": [200000.0, None, 100000.0],
        "realised_eu_state_eur": [50000.0, 10.0, 0.0],
    }
)


def report(code, end, indicator, target, achieved, sex="SSS"):
    return {
        "project_code": code,
        "period_end": end,
        "indicator": indicator,
        "sex": sex,
        "target": target,
        "achieved": achieved,
        "source": "t.xlsx",
    }


REPORTS = pd.DataFrame(
    [
        report("A", D(2024, 6, 30), "EECO01", 100, 10),
        report("A", D(2024, 12, 31), "EECO01", 100, 60),
        report("A", D(2024, 12, 31), "EECO08", 50, 30),
        report("A", D(2024, 12, 31), "EECO08", 20, 12, sex="2"),
        report("B", D(2024, 12, 31), "EECO01", 40, 40),
        report("B", D(2024, 12, 31), "EECO08", 20, 3),
        report("B", D(2024, 12, 31), "EECR04", None, 10),
        report("B", D(2024, 12, 31), "EECR05", None, 12),
        report("C", D(2025, 3, 31), "EECO01", 200, 10),
    ]
)


@pytest.mark.parametrize(
    ("value", "lang", "shown"),
    [
        (0, "fi", "0"),
        (1, "fi", "< 5"),
        (4, "en", "< 5"),
        (5, "fi", "5"),
        (1234, "fi", "1\u00a0234"),
        (None, "fi", "–"),
    ],
)
def test_small_counts_are_masked(value, lang, shown):
    assert m.masked(value, lang) == shown


def test_mask_counts_in_a_table():
    out = m.mask_counts(pd.DataFrame({"n": [3.0, 12.0], "x": [1, 2]}), ["n"], "en")
    assert list(out.n) == ["< 5", "12"] and list(out.x) == [1, 2]


def test_elapsed_share_and_verdict():
    assert m.elapsed_share(D(2024, 1, 1), D(2024, 1, 11), D(2024, 1, 6)) == 0.5
    assert m.elapsed_share(D(2024, 1, 1), D(2024, 1, 11), D(2023, 1, 1)) == 0.0
    assert m.elapsed_share(D(2024, 1, 1), D(2024, 1, 11), D(2025, 1, 1)) == 1.0
    assert m.elapsed_share(None, D(2024, 1, 11), D(2025, 1, 1)) is None
    assert m.verdict(0.60, 0.50) == "on_track"
    assert m.verdict(0.61, 0.50) == "ahead"
    assert m.verdict(0.39, 0.50) == "behind"
    assert m.verdict(None, 0.5) == "unknown"


def test_progress_uses_the_latest_report():
    out = m.progress(PROJECTS, REPORTS, "EECO01").set_index("project_code")
    assert out.loc["A", "achieved"] == 60 and out.loc["A", "progress"] == 0.6
    # 2024-01-01 to 2024-12-31 of 2024-01-01 to 2025-12-31: 365 of 730 days.
    assert out.loc["A", "elapsed"] == 0.5
    assert out.loc["A", "verdict"] == "on_track"
    assert out.loc["B", "verdict"] == "on_track"  # 100 % at the end
    # C: 10 of 200 (5 %) with 89 of 729 days gone (12.2 %): within ten points.
    assert out.loc["C", "progress"] == 0.05
    assert out.loc["C", "elapsed"] == pytest.approx(89 / 729)
    assert out.loc["C", "verdict"] == "on_track"
    eeco08 = m.progress(PROJECTS, REPORTS, "EECO08").set_index("project_code")
    assert eeco08.loc["A", "progress"] == 0.6  # both sexes, not the women's row
    assert eeco08.loc["B", "progress"] == 0.15 and eeco08.loc["B", "verdict"] == "behind"


def test_results_as_shares_of_leavers_only_after_the_end():
    out = m.result_shares(PROJECTS, REPORTS).set_index("project_code")
    assert out.loc["B", "leavers"] == 40
    assert out.loc["B", "share_on_leaving"] == 0.25
    assert out.loc["B", "share_after_6m"] == 0.3
    assert pd.isna(out.loc["A", "share_on_leaving"]) and out.loc["A", "reason"] == "still_running"


def test_stale_reports():
    out = m.stale(PROJECTS, REPORTS, today=D(2025, 10, 1))
    # A runs, latest report 2024-12-31: nine months; B has ended; C reported 2025-03-31: six
    # months exactly, not older than six.
    assert out.to_dict("records") == [
        {"project_code": "A", "last_report": D(2024, 12, 31), "months": 9}
    ]
    later = m.stale(PROJECTS, REPORTS, today=D(2025, 11, 1))
    assert list(later.project_code) == ["A", "C"]
    assert m.months_between(D(2025, 3, 31), D(2025, 10, 1)) == 6


def test_funding_and_reach():
    fund = m.funding(PROJECTS).set_index("project_code")
    assert list(fund.index) == ["A", "C"]
    assert fund.loc["A", "realised_share"] == 0.25 and fund.loc["C", "realised_share"] == 0.0
    reach = m.reach(REPORTS).set_index("project_code")
    assert reach.loc["A", "share_55"] == 0.5
    assert reach.loc["B", "share_55"] == 0.075
    assert "C" not in reach.index


def test_area_share_prefers_the_55_break():
    rows = pd.DataFrame(
        {
            "project_code": ["A", "A", "B"],
            "age_group": ["50-", "55-", "50-"],
            "months": [24, 3, 12],
            "older": [5000.0, 900.0, 300.0],
            "all_ages": [20000.0, 3000.0, 1000.0],
            "first": [D(2024, 1, 1)] * 3,
            "last": [D(2025, 12, 1)] * 3,
            "sources": ["s"] * 3,
        }
    )
    out = m.area_share(rows).set_index("project_code")
    assert out.loc["A", "age_group"] == "55-" and out.loc["A", "share"] == 0.3
    assert out.loc["B", "age_group"] == "50-" and out.loc["B", "share"] == 0.3
