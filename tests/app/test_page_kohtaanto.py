"""Kohtaanto: Beveridge curve, tightness and mismatch index, on the tiny, real and demo databases.

Expected numbers are worked out by hand from the tiny raw folder in conftest.py.
"""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from kohtaanto.charts.matching import beveridge_chart, fit_half_width, labelled_months
from kohtaanto.i18n import t
from kohtaanto.note import Note
from tests.apptest_util import plotly_values as values
from tests.apptest_util import run_app, title_of


def jackman_roper(u: list[float], v: list[float]) -> float:
    """0.5 * sum |u_i/U - v_i/V| in percent, written out independently of the SQL view."""
    return 100 * 0.5 * sum(abs(a / sum(u) - b / sum(v)) for a, b in zip(u, v, strict=True))


def figures(at) -> dict[str, dict]:
    """The page's Plotly figures by their title (line breaks removed)."""
    out = {}
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        out[title_of(spec)] = spec
    return out


def traces(spec: dict) -> dict[str, tuple[list, list]]:
    return {d["name"]: (values(d["x"]), values(d["y"])) for d in spec["data"]}


# --- the page on the tiny database ---------------------------------------------------------


def test_beveridge_monthly_values(tiny_db, monkeypatch):
    at = run_app(
        tiny_db, monkeypatch, page="kohtaanto", area="MK01", lang="en", beveridge="monthly"
    )
    spec = figures(at)["Beveridge curve (monthly values): Region 01 and the whole country"]
    got = traces(spec)
    # MK01: 900 and 1000 unemployed, 300 and 400 vacancies, labour force 9000 and 10000.
    assert got["Region 01"][0] == pytest.approx([10.0, 10.0])
    assert got["Region 01"][1] == pytest.approx([100 * 300 / 9000, 100 * 400 / 10000])
    assert got["Whole country"][1] == pytest.approx([100 * 345 / 12000, 100 * 460 / 13000])
    # Only the chosen area's line carries month labels; the country's months are in its hover.
    assert [d["text"] for d in spec["data"]] == [["", ""], ["9/2023", "10/2023"]]
    assert "tyonv/12r5" in spec["layout"]["annotations"][0]["text"]


def test_moving_average_needs_twelve_months(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="kohtaanto", area="MK01", lang="en")
    assert at.radio(key="p_beveridge").value == "avg12"
    assert t("kohtaanto.beveridge_missing_avg12", "en") in [i.value for i in at.info]
    # The tightness chart does not depend on the choice.
    got = traces(
        figures(at)["Open vacancies per unemployed jobseeker: Region 01 and the whole country"]
    )
    assert got["Region 01"][1] == pytest.approx([300 / 900, 400 / 1000])


def test_mismatch_across_occupations(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="kohtaanto", area="MK01", lang="en")
    spec = figures(at)[
        "Mismatch index across occupations (2-digit level): Region 01 and the whole country"
    ]
    got = traces(spec)
    # 2-digit groups 22 (2221 + 2222) and 53 (5321); X211 is not an occupation. In October
    # the unemployed of 2222 are suppressed and count as zero.
    assert got["Region 01"][1] == pytest.approx(
        [jackman_roper([10 + 5, 30], [40 + 6, 20]), jackman_roper([12 + 0, 31], [44 + 8, 21])]
    )
    # The country's 12ti rows are the same in every occupation: a perfect match.
    assert got["Whole country"][1] == pytest.approx([0.0, 0.0])
    captions = [c.value for c in at.caption]
    assert any("Segments: 2 occupation groups at the 2-digit level" in c for c in captions)


def test_mismatch_across_regions(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="kohtaanto", area="MK01", lang="fi")
    got = traces(figures(at)["Kohtaanto-ongelman indeksi maakuntien yli: koko maa"])
    # Regions with vacancies: MK01, MK02, MK09 (municipality 091), MK12 (none in October).
    assert got["Koko maa"][1] == pytest.approx(
        [
            jackman_roper([900, 90, 500, 130], [300, 30, 200, 10]),
            jackman_roper([1000, 100, 550, 127], [400, 50, 250, 0]),
        ]
    )
    assert any("Ryhmät: 4 maakuntaa" in c.value for c in at.caption)


def test_level_from_the_url(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="kohtaanto", area="MK01", lang="sv", level="4")
    assert at.radio(key="p_level").value == "4"
    title = "Matchningsindex över yrkesgrupper (4-siffernivå): Landskap 01 och hela landet"
    got = traces(figures(at)[title])
    # 4-digit: 2221, 2222 and 5321 each a segment.
    assert got["Landskap 01"][1][0] == pytest.approx(jackman_roper([10, 5, 30], [40, 6, 20]))
    assert at.query_params["level"] in ("4", ["4"])


@pytest.mark.parametrize(("param", "raw"), [("level", "7"), ("beveridge", "'><script>")])
def test_bad_page_parameter_falls_back_with_a_notice(tiny_db, monkeypatch, param, raw):
    at = run_app(tiny_db, monkeypatch, page="kohtaanto", area="MK01", lang="en", **{param: raw})
    notices = [i.value for i in at.info]
    assert any(f"parameter {param} =" in n and "not recognised" in n for n in notices)
    assert at.radio(key="p_level").value == "2"
    assert at.radio(key="p_beveridge").value == "avg12"


def test_area_inside_a_region_names_the_region(tiny_db, monkeypatch):
    # Municipality 091 lies in region 01, which has occupation figures; the municipality has not.
    at = run_app(tiny_db, monkeypatch, page="kohtaanto", area="KU091", lang="en")
    expected = t(
        "kohtaanto.no_occupation_cover", "en", area="Municipality 091", regions="Region 01"
    )
    assert expected in [i.value for i in at.info]
    assert not any(title.startswith("Mismatch index across occupations") for title in figures(at))


def test_region_without_occupation_figures(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="kohtaanto", area="MK12", lang="en")
    assert t("kohtaanto.no_occupation", "en", area="Region 12") in [i.value for i in at.info]


def test_country_alone_in_titles(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="kohtaanto", lang="fi", beveridge="monthly")
    titles = set(figures(at))
    assert "Beveridge-käyrä (kuukausiarvot): Koko maa" in titles
    assert "Avoimia työpaikkoja työtöntä kohden: Koko maa" in titles


# --- every kind of area on the real and the demo database ----------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"area": "MK12"},
        {"area": "SSS", "level": "1"},
        {"area": "KA5", "start": "2025-12", "end": "2025-12"},
    ],
)
def test_renders_on_demo_data(demo_db, monkeypatch, params):
    at = run_app(demo_db, monkeypatch, page="kohtaanto", lang="en", **params)
    assert any(
        "DEMO" in a["text"] for s in figures(at).values() for a in s["layout"]["annotations"]
    )


# --- the chart builders ----------------------------------------------------------------------


def months(start: str, end: str) -> pd.Series:
    return pd.Series(pd.date_range(start, end, freq="MS"))


def test_labelled_months_five_years():
    periods = months("2018-10-01", "2023-10-01")
    shown = [
        p.strftime("%Y-%m") for p, s in zip(periods, labelled_months(periods), strict=True) if s
    ]
    # Six calendar years: every second January (counted from the first year), so at most four
    # labels on a line.
    assert shown == ["2018-10", "2020-01", "2022-01", "2023-10"]


def test_labelled_months_thin_out_long_spans_and_crowded_ends():
    periods = months("2006-01-01", "2023-11-01")
    shown = [
        p.strftime("%Y-%m") for p, s in zip(periods, labelled_months(periods), strict=True) if s
    ]
    # 18 years: every fifth January; none within a quarter of the first or last month.
    assert shown == ["2006-01", "2011-01", "2016-01", "2021-01", "2023-11"]
    assert labelled_months(months("2023-12-01", "2024-02-01")) == [True, False, True]
    assert labelled_months(pd.Series([], dtype="datetime64[ns]")) == []


def test_beveridge_chart_traces():
    data = pd.DataFrame(
        {
            "series": ["Alue"] * 3 + ["Koko maa"] * 3,
            "period": list(months("2023-12-01", "2024-02-01")) * 2,
            "u": [12.0, 12.5, 12.1, 9.0, 9.2, 9.1],
            "v": [1.0, 2.0, 1.5, 2.0, 3.0, 2.5],
        }
    )
    fig = beveridge_chart(
        data,
        series="series",
        x="u",
        y="v",
        title="T: Alue",
        lang="fi",
        note=Note(),
        x_title="X",
        y_title="Y",
        highlight="Alue",
    )
    country, area = fig.data
    assert (country.name, area.name) == ("Koko maa", "Alue")  # the area drawn on top
    assert list(area.x) == [12.0, 12.5, 12.1] and list(area.y) == [1.0, 2.0, 1.5]
    assert list(area.text) == ["12/2023", "", "2/2024"]
    assert list(area.customdata) == ["joulukuu 2023", "tammikuu 2024", "helmikuu 2024"]
    assert area.marker.symbol == "arrow" and area.marker.angleref == "previous"
    assert list(area.marker.opacity) == [0.25, 0.625, 1.0]
    assert area.line.color == "#0060A8" and country.line.color == "#6B6B6B"
    assert fig.layout.hovermode == "closest"
    assert fig.layout.xaxis.ticksuffix == "\u00a0%"


def test_fit_half_width_wraps_long_titles_only():
    long = go.Figure(layout={"title": {"text": "A long description of the chart here: Area"}})
    fit_half_width(long, max_chars=20)
    assert long.layout.title.text == "A long description of the chart here:<br>Area"
    assert long.layout.margin.t == 14 + 2 * 24 + 30  # two title lines and the legend row
    assert (long.layout.title.yref, long.layout.title.y, long.layout.title.yanchor) == (
        "container",
        1,
        "top",
    )
    short = fit_half_width(go.Figure(layout={"title": {"text": "Short: Area"}}), max_chars=20)
    assert short.layout.title.text == "Short: Area"
