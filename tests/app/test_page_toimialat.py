"""Toimialat: open vacancies by industry and the share of the employed aged 55–64 by industry.

The tiny database has neither: the page says so. A copy of it gets a few hand-made rows (table
12tw for region 01, Labour Force Survey rows for the country) to check exact values.
"""

from __future__ import annotations

import json
import shutil

import duckdb
import pandas as pd
import pytest

from kohtaanto.charts import industries as ind
from kohtaanto.i18n import t
from kohtaanto.note import Note
from tests.apptest_util import plotly_values as values
from tests.apptest_util import refresh_derived, run_app, title_of


def figures(at) -> dict[str, dict]:
    """The page's Plotly figures by their title."""
    return {
        title_of(json.loads(c.proto.spec)): json.loads(c.proto.spec) for c in at.get("plotly_chart")
    }


def test_tiny_database_has_honest_empty_states(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="toimialat", area="MK01", lang="en")
    notices = [i.value for i in at.info]
    assert t("toimialat.no_12tw", "en") in notices
    # Words for readers, not commands for developers: the table and who can fetch it.
    assert "tyonv/12tw" in notices[0] and "next data update" in notices[0]
    assert "python -m" not in notices[0]
    assert t("toimialat.no_lfs", "en") in notices
    assert not figures(at)


@pytest.fixture
def industry_db(tiny_db, tmp_path):
    """The tiny database with vacancies by industry in region 01 and LFS rows for 2013, 2017."""
    path = tmp_path / "industry.duckdb"
    shutil.copy(tiny_db, path)
    con = duckdb.connect(str(path))
    sql = "insert into observations values (?, ?, ?, ?, ?, 'SSS', ?, 'SSS', ?, 'observed', ?)"
    vacancies = {
        ("C", "2023-09-01"): 40,
        ("C", "2023-10-01"): 50,
        ("G", "2023-09-01"): 35,
        ("G", "2023-10-01"): 30,
    }
    for (industry, period), value in vacancies.items():
        con.execute(
            sql, ["open_vacancies", period, "month", "MK01", "SSS", industry, value, "tyonv/12tw"]
        )
    employed = {
        ("2013", "SSS"): (1000, 180),
        ("2013", "C"): (300, 60),
        ("2013", "G"): (200, 30),
        ("2017", "SSS"): (1000, 200),
        ("2017", "C"): (300, 90),
        ("2017", "G"): (200, 20),
    }
    for (year, industry), (all_ages, older) in employed.items():
        for age, value in (("15-64", all_ages), ("55-64", older)):
            con.execute(
                sql,
                [
                    "lfs_employed",
                    f"{year}-01-01",
                    "year",
                    "SSS",
                    age,
                    industry,
                    value,
                    "tyti/tau031",
                ],
            )
    refresh_derived(con)
    con.close()
    return path


def test_vacancies_of_a_municipality_come_from_its_region(industry_db, monkeypatch):
    at = run_app(industry_db, monkeypatch, page="toimialat", area="KU011", lang="en")
    expected = t(
        "toimialat.covering",
        "en",
        area="Municipality 011",
        covering="Region 01",
        level=t("level.region", "en"),
    )
    assert expected in [i.value for i in at.info]
    got = figures(at)
    bars = got["Open vacancies by industry: Region 01, October 2023"]["data"][0]
    assert list(bars["y"]) == ["Wholesale and retail trade", "Manufacturing"]
    assert values(bars["x"]) == [30, 50]
    trend = got["Open vacancies in the five largest industries: Region 01"]
    lines = {d["name"]: values(d["y"]) for d in trend["data"]}
    assert lines == {"Manufacturing": [40, 50], "Wholesale and retail trade": [35, 30]}
    assert "<br>tyonv/12tw · 9/2023–10/2023" in trend["layout"]["annotations"][0]["text"]


def test_share_aged_55_64_by_industry(industry_db, monkeypatch):
    at = run_app(industry_db, monkeypatch, page="toimialat", area="MK12", lang="fi")
    got = figures(at)
    spec = got["55–64-vuotiaiden osuus työllisistä: koko maa, 2017"]
    bar = spec["data"][0]
    # 2017: manufacturing 90 / 300 = 30 %, trade 20 / 200 = 10 %, all industries 200 / 1000.
    assert values(bar["x"]) == pytest.approx([10.0, 30.0])
    assert list(bar["text"]) == ["10,0\u00a0%", "30,0\u00a0%"]
    assert (bar["textposition"], bar["insidetextanchor"]) == ("auto", "end")
    assert spec["layout"]["shapes"][0]["layer"] == "below"  # under the bars and their labels
    texts = [a["text"] for a in spec["layout"]["annotations"]]
    assert t("toimialat.all_industries", "fi", share="20,0\u00a0%") in texts
    assert texts[0] == "Lähde: Tilastokeskus, työvoimatutkimus<br>tyti/tau031 · 2017 · havaittu"
    years = got["55–64-vuotiaiden osuus, 2013 ja 2017: koko maa"]
    dots = {d["name"]: values(d["x"]) for d in years["data"] if d.get("mode") == "markers"}
    # Ordered by the latest share: trade (10 %) first, manufacturing (30 %) last.
    assert dots == {"2013": pytest.approx([15.0, 20.0]), "2017": pytest.approx([10.0, 30.0])}
    scope = t("toimialat.age_scope", "fi", year=2017, first=2013)
    assert scope in [c.value for c in at.caption]
    assert "vertailu vuosien 2013 ja 2017 välillä" in scope
    # Neither region 12 nor the areas above it (KA4, the country) have vacancies by industry.
    assert t("toimialat.no_vacancies_area", "fi", area="Maakunta 12") in [i.value for i in at.info]


def test_one_month_period(industry_db, monkeypatch):
    at = run_app(
        industry_db,
        monkeypatch,
        page="toimialat",
        area="MK01",
        lang="sv",
        start="2023-09",
        end="2023-09",
    )
    bars = figures(at)["Lediga arbetsplatser efter näringsgren: Landskap 01, september 2023"][
        "data"
    ][0]
    assert values(bars["x"]) == [35, 40]


# --- real and demo databases ----------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"area": "MK12", "lang": "fi"},
        {"area": "KA4", "lang": "en", "start": "2025-12", "end": "2025-12"},
        {"area": "SSS", "lang": "sv", "age": "SSS"},
    ],
)
def test_renders_on_demo_data(demo_db, monkeypatch, params):
    at = run_app(demo_db, monkeypatch, page="toimialat", **params)
    assert len(figures(at)) == 4


# --- the chart builders ---------------------------------------------------------------------


def vacancy_frame() -> pd.DataFrame:
    rows = [("2023-10-01", c, v) for c, v in zip("ABCDEFG", [5, 70, 10, 70, 1, 40, 3], strict=True)]
    df = pd.DataFrame(rows, columns=["period", "industry_code", "open_vacancies"])
    df["period"] = pd.to_datetime(df["period"])
    return df


def test_top_industries_break_ties_by_code():
    assert ind.top_industries(vacancy_frame(), pd.Timestamp("2023-10-01"), n=3) == ["B", "D", "F"]


def test_short_names():
    df = pd.DataFrame({"name": ["Lyhyt", "x" * 50]})
    assert list(ind.short_names(df, 10)["name"]) == ["Lyhyt", "x" * 9 + "…"]


def test_lfs_footnote_names_survey_years_and_status():
    note = Note.of(
        ["tyti/tau031"], (), ["observed", "estimated"], survey=True, years=[2017, 2012, 2017]
    )
    assert note.footnote("en") == t(
        "common.footnote",
        "en",
        publisher="Statistics Finland, Labour Force Survey",
        tables="tyti/tau031",
        period="2012, 2017",
        status=t("status.estimated", "en"),
    )
    # Demo figures never carry the real publisher's name.
    demo = Note.of(["demo"], (), ["observed", "demo"], survey=True, years=[2017])
    assert demo.footnote("en").startswith("Source: " + t("common.publisher_demo", "en") + "<br>")


def test_bars_show_whole_names_on_lines_and_the_unit_on_two():
    """On a phone the names cut at 38 characters still took most of the width, and the unit
    "share of the employed aged 15–64" ran off the chart: both wrap, the footnote under them."""
    latest = pd.DataFrame(
        {
            "name": ["Sähkö-, kaasu-, lämpö-, vesi-, viemäri- ja jätevesihuolto", "Koulutus"],
            "open_vacancies": [7.0, 28.0],
        }
    )
    fig = ind.vacancy_bars(latest, title="T", lang="fi", note=Note())
    # Ranked from the bottom: the smallest first; the category is the whole name.
    assert list(fig.data[0].y) == list(latest.name)
    shown = dict(zip(fig.layout.yaxis.tickvals, fig.layout.yaxis.ticktext, strict=True))
    assert shown[latest.name[0]] == "Sähkö-, kaasu-, lämpö-, vesi-,<br />viemäri- ja jätevesihuolto"
    rows = pd.DataFrame(
        {"industry_code": ["P", "SSS"], "name": ["Koulutus", "Kaikki"], "share": [23.6, 19.1]}
    )
    fig = ind.share_chart(rows, title="T", lang="en", note=Note(), total=19.1)
    assert fig.layout.xaxis.title.text == "share of the employed<br />aged 15–64"
    note = next(a for a in fig.layout.annotations if a.name == "footnote")
    assert note.yshift == -(58 + 16)
