"""Ammatit: occupations as unemployed against vacancies, rankings, drill-down and transitions.

Expected numbers are worked out by hand from the tiny raw folder in conftest.py (table 12ti:
the country, regions 01 and 02; occupations 2221, 2222, 5321 and the X class X211).
"""

from __future__ import annotations

import json
import math
import shutil

import duckdb
import numpy as np
import pandas as pd
import pytest

from kohtaanto.charts import occupations as occ
from kohtaanto.i18n import t
from kohtaanto.note import Note
from tests.apptest_util import open_tables, refresh_derived, run_app, shown_tables, title_of
from tests.apptest_util import plotly_values as values

NBSP = "\u00a0"


def figures(at) -> dict[str, dict]:
    """The page's Plotly figures by the first line of their title."""
    out = {}
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        out[title_of(spec).split(" – ")[0]] = spec
    return out


def points(spec: dict) -> dict[str, list[tuple[float, float]]]:
    """Scatter points by trace name."""
    return {
        d["name"]: list(zip(values(d["x"]), values(d["y"]), strict=True))
        for d in spec["data"]
        if d.get("mode") == "markers+text"
    }


def bars(spec: dict) -> list[tuple[str, float, str]]:
    """Bars from the top of the chart down: label, length, text."""
    d = spec["data"][0]
    return list(zip(d["y"], values(d["x"]), d["text"], strict=True))[::-1]


# --- the page on the tiny database ---------------------------------------------------------


def test_region_at_four_digits(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="ammatit", area="MK01", lang="en", level="4")
    assert at.title[0].value == "Occupations: Region 01"
    spec = figures(at)["Unemployed jobseekers and open vacancies by occupation: Region 01"]
    # October 2023: 2221 has 12 jobseekers and 44 vacancies, 5321 31 and 21; the jobseekers of
    # 2222 are suppressed, so 2222 is left out. Counts span less than 100×: linear axes.
    assert points(spec) == {
        "More jobseekers than vacancies": [(31.0, 21.0)],
        "More vacancies than jobseekers": [(12.0, 44.0)],
    }
    assert spec["layout"]["xaxis"].get("type") != "log"
    assert "<br>tyonv/12ti · 10/2023" in spec["layout"]["annotations"][0]["text"]
    notes = t("ammatit.left_out", "en", n=1) + " " + t("ammatit.x_note", "en", n="110")
    assert notes in [c.value for c in at.caption]


def test_rankings_with_a_minimum_size(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="ammatit", area="MK01", lang="fi", level="4")
    got = figures(at)
    # Sizes 56 and 52: a quarter of the mean is 13.5, so the floor of 20 applies.
    assert t("ammatit.ranking_lead", "fi", size="20") in [c.value for c in at.caption]
    shortage = bars(got["Eniten avoimia paikkoja työtöntä kohden: Maakunta 01"])
    assert [(b[0], b[2]) for b in shortage] == [
        ("2221 Ammatti 2221", "3,67"),
        ("5321 Ammatti 5321", "0,68"),
    ]
    surplus = bars(got["Eniten työttömiä avointa paikkaa kohden: Maakunta 01"])
    assert [b[1] for b in surplus] == pytest.approx([31 / 21, 12 / 44])


def test_area_without_occupation_figures_shows_the_covering_area(tiny_db, monkeypatch):
    # Region 12 has no 12ti rows, nor has Itä-Suomi (KA4): the country covers it.
    at = run_app(tiny_db, monkeypatch, page="ammatit", area="MK12", lang="en")
    expected = t(
        "ammatit.covering",
        "en",
        area="Region 12",
        covering="Whole country",
        level=t("level.country", "en"),
    )
    assert expected in [i.value for i in at.info]
    spec = figures(at)["Unemployed jobseekers and open vacancies by occupation: Whole country"]
    # Two-digit groups of the country in October: 22 = 2221 + 2222, 53 = 5321.
    assert points(spec)["More jobseekers than vacancies"] == [(104.0, 62.0), (52.0, 31.0)]


def test_drill_down_from_the_url(tiny_db, monkeypatch):
    at = run_app(
        tiny_db, monkeypatch, page="ammatit", area="MK01", lang="en", level="1", occupation="2"
    )
    assert at.radio(key="p_level").value == "1"
    assert at.selectbox(key="p_occupation").value == "2"
    got = figures(at)
    # The children of major group 2 one level down: only 22 (2221 + 2222; 2222's jobseekers
    # suppressed in October, so the sum is 12 + nothing, an estimate).
    assert points(got["Unemployed jobseekers and open vacancies by occupation: Region 01"]) == {
        "More vacancies than jobseekers": [(12.0, 52.0)]
    }
    trend = got["2 Major group 2: Region 01"]
    series = {d["name"]: values(d["y"]) for d in trend["data"]}
    assert series == {"Unemployed jobseekers": [15.0, 12.0], "Open vacancies": [46.0, 52.0]}
    assert at.query_params["occupation"] in ("2", ["2"])


def test_four_digit_occupation_shows_its_group(tiny_db, monkeypatch):
    at = run_app(
        tiny_db, monkeypatch, page="ammatit", area="MK02", lang="en", level="4", occupation="2221"
    )
    spec = figures(at)["Unemployed jobseekers and open vacancies by occupation: Region 02"]
    assert "Occupation 2221 and nearby occupations" in title_of(spec)
    # 2221 and 2222 share the 3-digit group 222: 2 and 5, 1 and 2 in October.
    assert points(spec) == {"More vacancies than jobseekers": [(2.0, 5.0), (1.0, 2.0)]}


def test_another_level_clears_the_occupation(tiny_db, monkeypatch):
    at = run_app(
        tiny_db, monkeypatch, page="ammatit", area="MK01", lang="en", level="2", occupation="22"
    )
    assert at.selectbox(key="p_occupation").value == "22"
    at.radio(key="p_level").set_value("3").run()
    assert at.selectbox(key="p_occupation").value == ""
    assert "occupation" not in at.query_params
    assert not [i.value for i in at.info if "not recognised" in i.value]


@pytest.mark.parametrize(("param", "raw"), [("level", "9"), ("occupation", "X211")])
def test_bad_page_parameter_falls_back_with_a_notice(tiny_db, monkeypatch, param, raw):
    at = run_app(tiny_db, monkeypatch, page="ammatit", area="MK01", lang="en", **{param: raw})
    expected = t("common.bad_param", "en", param=param, value=raw)
    assert expected in [i.value for i in at.info]
    assert at.radio(key="p_level").value == "2"
    assert at.selectbox(key="p_occupation").value == ""


def test_no_age_break_is_said_plainly(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="ammatit", area="MK01", lang="sv")
    assert t("ammatit.no_age", "sv") in [i.value for i in at.info]
    assert at.subheader[-1].value == t("ammatit.transitions_title", "sv")


@pytest.fixture
def richer_db(tiny_db, tmp_path):
    """The tiny database with more 4-digit occupations in region 01 in October 2023."""
    path = tmp_path / "richer.duckdb"
    shutil.copy(tiny_db, path)
    con = duckdb.connect(str(path))
    rows = {"5322": (10, 20), "5311": (5, 40), "5312": (None, 50), "5313": (2, 3)}
    for code, (u, v) in rows.items():
        con.execute(
            "insert into occupations values (?, 4, ?, ?, ?, ?)",
            [code, code[:3], f"Ammatti {code}", f"Yrke {code}", f"Occupation {code}"],
        )
        for measure, value in (("unemployed", u), ("open_vacancies", v)):
            con.execute(
                "insert into observations values (?, date '2023-10-01', 'month', 'MK01', 'SSS',"
                " ?, 'SSS', 'SSS', ?, 'observed', 'tyonv/12ti')",
                [measure, code, value],
            )
    refresh_derived(con)
    con.close()
    return path


def test_transitions_to_nearby_occupations(richer_db, monkeypatch):
    at = run_app(richer_db, monkeypatch, page="ammatit", area="MK01", lang="fi", level="4")
    lines = next(m.value for m in at.markdown if m.value.startswith("- **")).split("\n")
    assert lines[0] == (
        "- **5321 Ammatti 5321**: 31 työtöntä, 0,68 paikkaa työtöntä kohden → "
        "5311 Ammatti 5311 (40 paikkaa, 8,00 työtöntä kohden); "
        "5322 Ammatti 5322 (20 paikkaa, 2,00 työtöntä kohden)"
    )
    assert lines[1] == (
        "- **2221 Ammatti 2221**: 12 työtöntä, 3,67 paikkaa työtöntä kohden → "
        + t("ammatit.transition_none", "fi")
    )
    assert lines[2].startswith("- **5322 Ammatti 5322**: 10 työtöntä")
    assert lines[2].endswith("→ 5311 Ammatti 5311 (40 paikkaa, 8,00 työtöntä kohden)")

    # The pairs as a table are sent only once their expander is opened (then with every pair).
    def pairs_tables():
        wanted = t("ammatit.pair_near_label", "fi", digits=3)
        return [table for table in shown_tables(at) if wanted in table.columns]

    assert pairs_tables() == []
    open_tables(at)
    (table,) = pairs_tables()
    assert len(table) == 7 and table.iloc[0, 0] == "5321 Ammatti 5321"


# --- real and demo databases ----------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [{"area": "KA4", "lang": "sv"}, {"area": "SA1", "level": "1", "occupation": "2"}],
)
def test_renders_on_demo_data(demo_db, monkeypatch, params):
    at = run_app(demo_db, monkeypatch, page="ammatit", **params)
    assert len(figures(at)) >= 3


def test_demo_level_without_figures_says_which_levels_exist(demo_db, monkeypatch):
    at = run_app(demo_db, monkeypatch, page="ammatit", area="MK12", lang="en", level="4")
    assert t("ammatit.level_missing", "en", levels="1, 2") in [i.value for i in at.info]
    assert not figures(at)


# --- the chart builders ---------------------------------------------------------------------


def frame(rows: list[tuple]) -> pd.DataFrame:
    """An ``ammatit_month`` frame from (code, level, parent, unemployed, vacancies)."""
    df = pd.DataFrame(
        rows, columns=["occupation_code", "level", "parent_code", "unemployed", "open_vacancies"]
    )
    df["name_fi"] = "Ammatti " + df["occupation_code"]
    df["name_sv"] = None
    df["name_en"] = "Occupation " + df["occupation_code"]
    df["tightness"] = df["open_vacancies"] / df["unemployed"].replace(0, np.nan)
    df["status"] = "observed"
    return occ.with_labels(df, "sv")


SAMPLE = frame(
    [
        ("1", 1, "SSS", 400.0, 40.0),
        ("11", 2, "1", 300.0, 0.0),
        ("12", 2, "1", 100.0, 40.0),
        ("111", 3, "11", 300.0, 0.0),
        ("1111", 4, "111", 200.0, 0.0),
        ("1112", 4, "111", 100.0, 0.0),
        ("121", 3, "12", 100.0, 40.0),
        ("1211", 4, "121", 90.0, 10.0),
        ("1212", 4, "121", 10.0, 30.0),
        ("1213", 4, "121", 0.0, 0.0),
        ("1214", 4, "121", None, 8.0),
        ("X211", 9, "SSS", 50.0, 0.0),
    ]
)


def test_names_fall_back_to_finnish():
    assert SAMPLE.loc[0, "label"] == "1 Ammatti 1"


def test_segments_by_scope():
    seg, scope = occ.segments(SAMPLE, 2)
    assert (list(seg.occupation_code), scope) == (["11", "12"], "level")
    seg, scope = occ.segments(SAMPLE, 2, "12")
    assert (list(seg.occupation_code), scope) == (["121"], "children")
    seg, scope = occ.segments(SAMPLE, 4, "1212")
    assert (list(seg.occupation_code), scope) == (["1211", "1212", "1213", "1214"], "siblings")
    assert list(occ.x_classes(SAMPLE).occupation_code) == ["X211"]


def test_min_size_is_a_quarter_of_the_mean_at_least_twenty():
    seg, _ = occ.segments(SAMPLE, 4)
    # Known: 200, 100, 100, 40, 0 → total 440 over 5 occupations → 22 → rounded 20.
    assert occ.min_size(seg) == 20
    big = frame([(str(i), 4, "x", 1000.0, 1000.0) for i in range(4)])
    assert occ.min_size(big) == 500


def test_ranking_ranks_finite_ratios_and_lists_zero_denominators_apart():
    seg, _ = occ.segments(SAMPLE, 4)
    surplus = occ.ranking(seg, "surplus", 20)
    # 1111 and 1112 have jobseekers but no vacancies: no ratio, so not ranked; 1213 (nothing at
    # all) is below the minimum size.
    assert list(surplus.occupation_code) == ["1211", "1212"]
    assert list(surplus.ratio) == pytest.approx([9.0, 1 / 3])
    apart = occ.without_ratio(seg, "surplus", 20)
    assert list(apart.occupation_code) == ["1111", "1112"]  # the larger first
    assert list(apart.unemployed) == [200, 100]
    shortage = occ.ranking(seg, "shortage", 20)
    # 1212 (10 + 30 = 40) qualifies, 1213 has nothing, 1214's jobseekers are suppressed.
    assert list(shortage.occupation_code) == ["1212", "1211"]
    assert list(shortage.ratio) == pytest.approx([3.0, 1 / 9])
    assert occ.without_ratio(seg, "shortage", 20).empty


def test_ranking_chart_labels_bars_inside_and_draws_the_balance_line_under_them():
    seg, _ = occ.segments(SAMPLE, 4)
    fig = occ.ranking_chart(
        occ.ranking(seg, "surplus", 20), side="surplus", title="T", lang="fi", note=Note()
    )
    bar = fig.data[0]
    assert list(bar.text)[::-1] == ["9,0", "0,3"]
    assert list(bar.x)[::-1] == pytest.approx([9.0, 1 / 3])
    assert bar.textposition == "auto" and bar.insidetextanchor == "end"
    assert list(bar.insidetextfont.color) == ["#ffffff", "#ffffff"]  # white on the dark blue
    line = fig.layout.shapes[0]
    assert (line.x0, line.layer) == (1, "below")
    assert fig.layout.xaxis.range == pytest.approx((0, 9 * 1.08))


def test_ranking_chart_wraps_whole_names_and_its_unit_for_a_phone():
    seg, _ = occ.segments(SAMPLE, 4)
    rank = occ.ranking(seg, "surplus", 20)
    long = "1211 Metallirakenteiden ja hitsauksen asentajat sekä sepät"
    rank["label"] = [
        long if c == "1211" else lab
        for c, lab in zip(rank.occupation_code, rank.label, strict=True)
    ]
    fig = occ.ranking_chart(rank, side="surplus", title="T", lang="fi", note=Note())
    # The category is the whole name (it was cut at 42 characters), shown on lines of 30.
    assert long in list(fig.data[0].y)
    shown = dict(zip(fig.layout.yaxis.tickvals, fig.layout.yaxis.ticktext, strict=True))
    assert shown[long] == "1211 Metallirakenteiden ja<br />hitsauksen asentajat sekä<br />sepät"
    # The unit on two lines, and the footnote 16 px lower to stay under it.
    assert fig.layout.xaxis.title.text == "työttömiä avointa<br />paikkaa kohden"
    note = next(a for a in fig.layout.annotations if a.name == "footnote")
    assert note.yshift == -(58 + 16)


def test_scatter_uses_log_axes_for_wide_ranges_and_draws_zero_at_the_edge():
    seg = frame(
        [
            ("1", 1, "SSS", 1000.0, 0.0),
            ("2", 1, "SSS", 5.0, 20.0),
            ("3", 1, "SSS", 0.0, 0.0),
            ("4", 1, "SSS", None, 8.0),
        ]
    )
    fig = occ.scatter_chart(seg, title="T", lang="en", note=Note(), highlight="2")
    # Positive counts from 5 to 1000: log axes.
    assert fig.layout.xaxis.type == "log"
    by_name = {d.name: d for d in fig.data}
    surplus = by_name[t("ammatit.legend_surplus", "en")]
    # A zero sits at the lower edge; "3" (nothing at all) and "4" (jobseekers suppressed) are
    # not drawn.
    assert list(zip(surplus.x, surplus.y, strict=True)) == [(1000, occ.ZERO_FLOOR)]
    assert list(occ.both_zero(seg).occupation_code) == ["3"]
    shortage = by_name[t("ammatit.legend_shortage", "en")]
    assert list(shortage.marker.size) == [15]
    assert "Vacancies per unemployed jobseeker: 4.00" in shortage.hovertext[0]
    # The remark on how a 0 is drawn goes with the view's note (footnote, downloads, slides).
    assert occ.scatter_note(seg, Note(), "en").remarks == (t("ammatit.log_note", "en"),)
    balance = by_name[t("ammatit.legend_balance", "en")]
    assert list(balance.x) == list(balance.y)
    # The balance line ends where the lower of the two axes ends, inside the plot.
    assert math.log10(balance.y[-1]) == pytest.approx(
        min(fig.layout.xaxis.range[1], fig.layout.yaxis.range[1])
    )


def test_scatter_classes_an_even_occupation_apart():
    fig = occ.scatter_chart(
        frame([("1", 1, "SSS", 10.0, 10.0), ("2", 1, "SSS", 30.0, 15.0)]),
        title="T",
        lang="en",
        note=Note(),
    )
    by_name = {d.name: d for d in fig.data}
    assert list(by_name[t("ammatit.legend_even", "en")].x) == [10.0]
    assert list(by_name[t("ammatit.legend_surplus", "en")].x) == [30.0]


def test_labels_avoid_each_other_and_points():
    # Two points side by side: the second label cannot go where the first one went.
    spots = occ.place_labels(
        [(100, 100), (110, 100)], ["A long label", "Another label"], width=1000, height=400
    )
    assert spots[0] == "top right"
    assert spots[1] not in (None, "top right")
    # A label that would leave the plot on the right goes left.
    assert occ.place_labels([(990, 100)], ["Label"], width=1000, height=400) == ["top left"]
    # No free place at all: the label is dropped, unless it must be kept.
    crowd = [(x, y) for x in range(0, 400, 6) for y in range(0, 200, 6)]
    assert occ.place_labels([(200, 100)], ["Label"], obstacles=crowd, width=400, height=200) == [
        None
    ]
    assert occ.place_labels(
        [(200, 100)], ["Label"], obstacles=crowd, width=400, height=200, keep=1
    ) != [None]
    # A thin line is crossed only where nothing else is free, and then as little as can be.
    line = [(x, 108) for x in range(0, 400)]
    assert occ.place_labels([(200, 100)], ["Label"], lines=line, width=400, height=200) == [
        "bottom right"
    ]
    walls = [(x, y) for x in range(0, 400) for y in (82, 118)]
    boxed = occ.place_labels(
        [(200, 100)],
        ["Label"],
        lines=line + [(206, y) for y in range(0, 200)],
        obstacles=walls,
        width=400,
        height=200,
    )
    assert boxed == ["middle left"]  # the only place that crosses neither wall, only a line


def test_scatter_stays_linear_for_narrow_ranges():
    fig = occ.scatter_chart(
        frame([("1", 1, "SSS", 10.0, 20.0), ("2", 1, "SSS", 30.0, 15.0)]),
        title="T",
        lang="en",
        note=Note(),
    )
    assert fig.layout.xaxis.type != "log"
    assert list(fig.layout.yaxis.range) == pytest.approx([0, 20 * 1.12])


def test_transitions_within_the_two_digit_group():
    pairs = occ.transitions(SAMPLE, top=2)
    # The two largest: 1111 (200) and 1112 (100), no vacancies. Neighbours in group 12… are not
    # in the same 2-digit group 11, so none; 1211's neighbour 1212 is in group 12.
    assert list(pairs.occupation_code) == ["1111", "1112"]
    assert pairs.near_code.isna().all()
    pairs = occ.transitions(SAMPLE, scope="12")
    assert list(pairs.occupation_code) == ["1211", "1212"]
    first = pairs.iloc[0]
    assert (first.near_code, first.near_vacancies, bool(first.same_minor_group)) == (
        "1212",
        30,
        True,
    )
    assert pd.isna(pairs.iloc[1].near_code)


def test_ratio_text():
    assert occ.ratio_text(0.684, "fi") == "0,68"
    assert occ.ratio_text(np.inf, "en") == "vacancies, no jobseekers"
    assert occ.ratio_text(np.inf, "fi", sentence=True) == "avoimia paikkoja, ei työttömiä"
    assert occ.ratio_text(np.nan, "en", sentence=True) == t("ammatit.ratio_suppressed", "en")
    assert occ.ratio_text(2, "sv", sentence=True) == "2,00 lediga arbetsplatser per arbetslös"
