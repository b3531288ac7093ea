"""Seuranta: monitoring figures on the tiny database with a made-up workbook (tests/projects_util.py)."""

from __future__ import annotations

import json
import shutil

import duckdb

from kohtaanto.i18n import t
from tests.apptest_util import open_tables, refresh_derived, run_app, shown_tables
from tests.apptest_util import plotly_values as values

CARD = "https://www.eura2021.fi/hakutulokset/projektikortti?id={}"


def rows_of(at, column: str) -> list[list[str]]:
    """The rows (as text) of the first table that has a column headed ``column`` (English)."""
    tables = [d.value for d in at.dataframe] + shown_tables(at)  # "show data" is HTML
    return next(d.astype(str).values.tolist() for d in tables if column in d.columns)


def test_progress_results_funding_and_small_counts(tiny_projects_db, monkeypatch):
    at = open_tables(run_app(tiny_projects_db, monkeypatch, page="seuranta", lang="en"))
    progress = rows_of(at, "Assessment")
    # S1: 40 of 100 participants with 364 of 730 days gone; S2 reached its 30 at its end.
    assert progress[0] == [
        "S1",
        "2023-12-31",
        "100",
        "40",
        "40%",
        "50%",
        "On track",
        "tietopankki.xlsx",
    ]
    assert progress[1][:7] == [
        "S2",
        "2023-06-30",
        "30",
        "30",
        "100%",
        "100%",
        "On track",
    ]
    # Counts of 1–4 persons are not shown exactly: S1 had 3 participants aged 55+ in June 2023.
    periods = rows_of(at, "55+, achieved")
    assert periods[0][:2] == [CARD.format("S1"), "2023-06-30"] and "< 5" in periods[0]
    results = rows_of(at, "Share on leaving")
    assert results[-1][:6] == [CARD.format("S2"), "2023-06-30", "30", "9", "–", "30%"]
    assert results[0][-1] == t("seuranta.reason_still_running", "en")
    assert results[-1][-1] == ""  # S2 has its share: no note
    assert rows_of(at, "Realised share") == [
        [CARD.format("S1"), "200,000", "50,000", "25%", t("hankkeet.source_workbook", "en")],
        [CARD.format("S2"), "100,000", "100,000", "100%", t("hankkeet.source_workbook", "en")],
    ]
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert values(spec["data"][0]["x"]) == [40.0, 100.0]
    assert "tietopankki.xlsx" in spec["layout"]["annotations"][0]["text"]
    assert "31 December 2023" in spec["layout"]["annotations"][0]["text"]


def test_reach_beside_the_areas_50_plus_share(tiny_projects_db, monkeypatch, tmp_path):
    db = tmp_path / "with50.duckdb"
    shutil.copy(tiny_projects_db, db)
    with duckdb.connect(str(db)) as con:
        con.execute(
            "insert into observations values "
            "('unemployed', '2023-09-01', 'month', 'MK01', '50-', 'SSS', 'SSS', 'SSS', 300, 'observed', 'tyonv/12r5'), "
            "('unemployed', '2023-10-01', 'month', 'MK01', '50-', 'SSS', 'SSS', 'SSS', 320, 'observed', 'tyonv/12r5')"
        )
        refresh_derived(con)
    at = open_tables(run_app(db, monkeypatch, page="seuranta", lang="en", indicator="EECO08"))
    rows = rows_of(at, "Of the area's unemployed")
    # S1: 10 of 40 participants aged 55+; MK01 had 620 unemployed aged 50+ of 1 900 in 9–10/2023.
    assert rows[0] == [
        CARD.format("S1"),
        "2023-12-31",
        "40",
        "10",
        "25%",
        "33%",
        "50+",
        "9/2023–10/2023",
        "tyonv/12r5",
    ]
    assert rows[1][:6] == [CARD.format("S2"), "2023-06-30", "30", "12", "40%", "–"]
    notices = [i.value for i in at.info]
    assert t("seuranta.age_breaks_differ", "en") in notices
    assert t("seuranta.no_area_age", "en") in notices
    assert (
        rows_of(at, "Assessment")[0][6] == "Behind schedule"
    )  # S1: 10 of 50 aged 55+ (20 %) with half the time gone
