"""Alueet: map, ranking and trend of areas, on the tiny, real and demo databases.

Expected numbers are worked out by hand from the tiny raw folder in conftest.py: in 10/2023
Region 01 has 1000 unemployed of 10000 and 400 vacancies, Region 02 100 of 1000 and 50,
Region 09 550 of 5500 and 250, Region 12 127 of 1000 and its vacancies suppressed; the whole
country 1300 of 13000 and 460.
"""

from __future__ import annotations

import json
import socket

import pandas as pd
import pytest

from kohtaanto import charts
from kohtaanto.charts import maps as charts_map
from kohtaanto.note import Note
from tests.apptest_util import plotly_values as values
from tests.apptest_util import run_app, title_of
from tests.maps_util import square

NBSP = "\u00a0"


def figures(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def figure(at, trace_type: str) -> dict:
    """The page's one figure whose first trace is of ``trace_type`` (bar, choropleth, scatter)."""
    found = [s for s in figures(at) if s["data"] and s["data"][0]["type"] == trace_type]
    assert len(found) == 1, [title_of(s) for s in figures(at)]
    return found[0]


def bars(spec: dict) -> dict[str, float]:
    bar = spec["data"][0]
    return dict(zip(bar["customdata"], values(bar["x"]), strict=True))


# --- the page on the tiny database ---------------------------------------------------------


def test_ranking_of_regions_with_the_country_as_reference(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="alueet", area="MK12", lang="en")
    spec = figure(at, "bar")
    assert bars(spec) == pytest.approx({"MK01": 10.0, "MK02": 10.0, "MK09": 10.0, "MK12": 12.7})
    assert spec["data"][0]["y"][-1] == "Region 12"  # the largest at the top
    assert spec["data"][0]["text"][-1] == "12.7%"
    colours = dict(
        zip(spec["data"][0]["customdata"], spec["data"][0]["marker"]["color"], strict=True)
    )
    assert colours["MK12"] == charts.AREA and colours["MK01"] == charts_map.BAR
    assert spec["layout"]["shapes"][0]["x0"] == pytest.approx(10.0)
    assert "Whole country 10.0%" in [a["text"] for a in spec["layout"]["annotations"]]
    assert "Regions ranked, October 2023" in title_of(spec)
    assert "tyonv/12r5" in spec["layout"]["annotations"][0]["text"]
    # No boundaries in this database: an honest notice instead of an empty map.
    assert [i.value for i in at.info] == [
        "This database has no area boundaries, so the map is not shown. The ranking shows the "
        "same figures; click a bar to choose the area."
    ]


def test_tightness_leaves_out_a_suppressed_area_and_says_so(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="alueet", area="MK01", lang="fi", measure="tightness")
    spec = figure(at, "bar")
    assert bars(spec) == pytest.approx({"MK01": 0.4, "MK02": 0.5, "MK09": 250 / 550})
    assert spec["data"][0]["text"] == ["0,40", "0,45", "0,50"]
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Ei lukua (lokakuu 2023): ") and "Maakunta 12" in c for c in captions)


def test_trend_against_the_country_and_the_other_regions(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="alueet", area="MK12", lang="en")
    spec = figure(at, "scatter")
    assert title_of(spec) == (
        "Unemployed as a share of the labour force: Region 12, the whole country and the other regions"
    )
    lines = {d["name"]: values(d["y"]) for d in spec["data"]}
    assert lines["Region 12"] == pytest.approx([13.0, 12.7])
    assert lines["Whole country"] == pytest.approx([10.0, 10.0])
    # The other regions are one trace, broken between areas, the hover naming each one.
    peers = next(d for d in spec["data"] if d["name"] == "Regions")
    assert peers["y"] == [10.0, 10.0, None, 9.0, 10.0, None, 10.0, 10.0]
    assert peers["x"][:3] == ["2023-09", "2023-10", None]
    assert peers["text"] == ["Region 01"] * 2 + [""] + ["Region 02"] * 2 + [""] + ["Region 09"] * 2
    assert sorted(d["name"] for d in spec["data"]) == ["Region 12", "Regions", "Whole country"]
    assert at.markdown  # the page ran; the panel's sentence is about Region 12 (test_panels)


def test_a_municipality_highlights_its_region(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="alueet", area="KU167", lang="en")
    captions = [c.value for c in at.caption]
    assert (
        "Municipality 167 (municipality): the map and the ranking highlight Region 12." in captions
    )
    spec = figure(at, "bar")
    colours = dict(
        zip(spec["data"][0]["customdata"], spec["data"][0]["marker"]["color"], strict=True)
    )
    assert [c for c, colour in colours.items() if colour == charts.AREA] == ["MK12"]
    trend = figure(at, "scatter")
    assert title_of(trend).endswith(
        ": Municipality 167, Region 12, the whole country and the regions in grey"
    )
    lines = {d["name"]: values(d["y"]) for d in trend["data"]}
    assert lines["Municipality 167"] == pytest.approx([10.0, 10.0])


def test_the_country_is_the_strong_line_when_chosen(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="alueet", lang="en", level="ely")
    trend = figure(at, "scatter")
    assert title_of(trend).endswith(": Whole country and the ELY areas in grey")
    country = next(d for d in trend["data"] if d["name"] == "Whole country")
    assert country["line"]["color"] == charts.AREA


def test_url_parameters_open_the_same_view(tiny_db, monkeypatch):
    at = run_app(
        tiny_db,
        monkeypatch,
        page="alueet",
        area="MK02",
        lang="sv",
        level="ely",
        measure="vacancy_share",
    )
    assert at.selectbox(key="p_level").value == "ely"
    assert at.selectbox(key="p_measure").value == "vacancy_share"
    spec = figure(at, "bar")
    assert title_of(spec).startswith("De lediga arbetsplatsernas andel av arbetskraften")
    assert bars(spec)["ELY02"] == pytest.approx(5.0)
    assert dict(at.query_params).get("level") in ("ely", ["ely"])


@pytest.mark.parametrize(
    ("param", "raw"), [("level", "kunnat"), ("measure", "share_50"), ("measure", "bogus")]
)
def test_a_bad_or_unavailable_parameter_falls_back_with_a_notice(tiny_db, monkeypatch, param, raw):
    # share_50 is a real indicator, but the tiny data have no 50+ counts at the region level.
    at = run_app(tiny_db, monkeypatch, page="alueet", area="MK12", lang="en", **{param: raw})
    notices = [i.value for i in at.info]
    assert (
        f'The link\'s parameter {param} = "{raw}" was not recognised, so the default is used.'
        in notices
    )
    assert at.selectbox(key="p_level").value == "region"
    assert at.selectbox(key="p_measure").value == "unemployment_share"
    captions = [c.value for c in at.caption]
    assert any("Share aged 50 and over among the unemployed" in c for c in captions)


def test_the_map_from_the_boundaries(mapped_db, monkeypatch):
    at = run_app(mapped_db, monkeypatch, page="alueet", area="MK12", lang="fi")
    spec = figure(at, "choropleth")
    coloured, grey, outline = spec["data"]
    assert dict(zip(coloured["locations"], values(coloured["z"]), strict=True)) == pytest.approx(
        {"MK01": 10.0, "MK02": 10.0, "MK12": 12.7}
    )
    assert (
        coloured["hovertext"][coloured["locations"].index("MK12")]
        == f"<b>Maakunta 12</b><br>12,7{NBSP}%"
    )
    assert grey["locations"] == ["MK04"] and grey["hovertext"] == ["<b>Maakunta 04</b><br>ei lukua"]
    # No figure is a legend entry in the missing colour, never a 0 on the colour scale.
    assert grey["name"] == "ei lukua" and grey["showlegend"] is True
    assert grey["colorscale"] == [[0, charts_map.MISSING], [1, charts_map.MISSING]]
    assert spec["layout"]["showlegend"] is True
    assert outline["locations"] == ["MK12"]
    # Each trace carries only the boundaries it draws.
    assert [f["id"] for f in coloured["geojson"]["features"]] == ["MK01", "MK02", "MK12"]
    assert [f["id"] for f in grey["geojson"]["features"]] == ["MK04"]
    assert [f["id"] for f in outline["geojson"]["features"]] == ["MK12"]
    assert spec["layout"]["geo"]["visible"] is False
    assert spec["layout"]["geo"]["lonaxis"]["range"] == [21, 30]
    assert spec["layout"]["geo"]["lataxis"]["range"] == [60, 63]
    assert "korostettu: Maakunta 12" in title_of(spec)
    assert not at.info  # the map is shown, so no notice about missing boundaries
    figure(at, "bar")  # the ranking still beside it


# --- the page on the real and demo databases -----------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"area": "KA4", "measure": "share_50"},
        {"level": "ely", "measure": "long_term_share"},
        {"level": "employment_area"},
        {"start": "2025-12", "end": "2025-12"},
    ],
)
def test_demo_renders_the_ranking_without_boundaries(demo_db, monkeypatch, params):
    at = run_app(demo_db, monkeypatch, page="alueet", lang="en", **params)
    assert any("no area boundaries" in i.value for i in at.info)
    assert len(bars(figure(at, "bar"))) in (16, 19)
    assert figure(at, "scatter")["data"]


# --- the figure builders -------------------------------------------------------------------


def test_feature_collection_rewinds_rings_for_the_map():
    boundaries = pd.DataFrame(
        {
            "area_code": ["A", "B", "C"],
            "geometry": [square(0, 0), square(2, 0, clockwise=True), "not json"],
        }
    )
    fc = charts_map.feature_collection(boundaries)
    assert [f["id"] for f in fc["features"]] == ["A", "B"]
    for feature in fc["features"]:
        ring = feature["geometry"]["coordinates"][0]
        assert charts_map._ring_area(ring) < 0  # exterior clockwise, as the map library draws
    assert charts_map.bounds(fc, {"A", "B"}) == ((0, 3), (0, 1))
    assert charts_map.bounds(fc, {"Z"}) is None


def test_choropleth_traces():
    fc = charts_map.feature_collection(
        pd.DataFrame(
            {"area_code": ["A", "B", "C"], "geometry": [square(0, 0), square(1, 0), square(2, 0)]}
        )
    )
    data = pd.DataFrame(
        {
            "area_code": ["A", "B", "C", "D"],
            "name": ["Aa", "Bb", "Cc", "Dd"],
            "value": [1.25, None, 3.0, 4.0],
        }
    )
    fig = charts_map.choropleth(
        data,
        fc,
        title="T",
        lang="en",
        note=Note(),
        colour_title="%",
        percent=False,
        decimals=2,
        outline=["C"],
        missing_text="none",
    )
    coloured, grey, outline = fig.data
    assert list(coloured.locations) == ["A", "C"]  # D has no boundary, B no value
    assert list(coloured.z) == [1.25, 3.0]
    assert list(coloured.hovertext) == ["<b>Aa</b><br>1.25", "<b>Cc</b><br>3.00"]
    assert list(grey.locations) == ["B"] and list(grey.hovertext) == ["<b>Bb</b><br>none"]
    assert list(outline.locations) == ["C"] and outline.hoverinfo == "skip"
    assert fig.layout.geo.visible is False


def test_ranking_bars_carry_codes_and_highlights():
    data = pd.DataFrame(
        {"area_code": ["A", "B", "C"], "name": ["Same", "Same", "Other"], "value": [2.0, 1.0, None]}
    )
    fig = charts_map.ranking(
        data,
        title="T",
        lang="fi",
        note=Note(),
        x_title="%",
        percent=True,
        decimals=1,
        highlight=["A"],
        reference=1.5,
        reference_label="Koko maa",
    )
    bar = fig.data[0]
    assert list(bar.y) == ["Same (B)", "Same (A)"]  # duplicate names told apart, C has no value
    assert list(bar.customdata) == ["B", "A"]
    assert list(bar.marker.color) == [charts_map.BAR, charts.AREA]
    assert list(bar.text) == [f"1,0{NBSP}%", f"2,0{NBSP}%"]
    assert "Koko maa" in [a.text for a in fig.layout.annotations]


def test_peer_trend_orders_and_colours_lines():
    periods = pd.to_datetime(["2023-09-01", "2023-10-01"])
    rows = [
        (code, name, p, v)
        for code, name, v in [
            ("P1", "Peer 1", 1.0),
            ("SSS", "Country", 2.0),
            ("X", "Mine", 3.0),
            ("P2", "Peer 2", 4.0),
            ("H", "Holder", 5.0),
        ]
        for p in periods
    ]
    data = pd.DataFrame(rows, columns=["area_code", "name", "period", "value"])
    fig = charts_map.peer_trend(
        data,
        strong=["X", "H"],
        country="SSS",
        peers_label="Others",
        title="T",
        lang="en",
        note=Note(),
        y_title="%",
        percent=True,
        decimals=1,
    )
    assert [d.name for d in fig.data] == ["Others", "Country", "Mine", "Holder"]
    assert [d.line.color for d in fig.data[1:]] == [charts.COUNTRY, charts.AREA, charts.ACCENT]
    # The peers are one trace, broken between areas, each point named for the hover.
    peers = fig.data[0]
    assert list(peers.y) == [1.0, 1.0, None, 4.0, 4.0]
    assert list(peers.x) == ["2023-09", "2023-10", None, "2023-09", "2023-10"]
    assert list(peers.text) == ["Peer 1", "Peer 1", "", "Peer 2", "Peer 2"]
    assert "%{text}" in peers.hovertemplate


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        # The shape Streamlit 1.67 gives for a clicked choropleth area and for a clicked bar.
        (
            {
                "selection": {
                    "points": [
                        {
                            "curve_number": 0,
                            "point_number": 3,
                            "point_index": 3,
                            "location": "MK12",
                            "z": 12.7,
                        }
                    ],
                    "point_indices": [3],
                    "box": [],
                    "lasso": [],
                }
            },
            "MK12",
        ),
        (
            {
                "selection": {
                    "points": [
                        {
                            "curve_number": 0,
                            "point_index": 1,
                            "x": 10.0,
                            "y": "Uusimaa",
                            "customdata": "MK01",
                        }
                    ]
                }
            },
            "MK01",
        ),
        ({"selection": {"points": [{"customdata": ["MK02", "x"]}]}}, "MK02"),
        ({"selection": {"points": [], "point_indices": [], "box": [], "lasso": []}}, None),
        ({"selection": {"points": [{"location": "XX99"}]}}, None),
        (None, None),
    ],
)
def test_clicked_area(event, expected):
    assert charts_map.clicked_area(event, {"MK01", "MK02", "MK12"}) == expected


# --- the click in a real browser -----------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
