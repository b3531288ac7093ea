"""Alueet at the municipality level and the key figures table on the real database (built from
the mirror, or ``KOHTAANTO_TEST_REAL_DB``): the right municipalities, values as the database
holds them, and a map and a trend light enough to send."""

from __future__ import annotations

import json
import re

import duckdb
import pytest

from tests.apptest_util import plotly_values, run_app

NBSP = "\u00a0"


def figures(at) -> dict[str, tuple[dict, int]]:
    """The page's figures by their first trace's type, with the size of their JSON."""
    out = {}
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        out[spec["data"][0]["type"]] = (spec, len(chart.proto.spec))
    return out


def members(db, area: str) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "select member_code from area_members m join areas a on a.area_code = m.member_code "
            "where m.area_code = ? and a.level = 'municipality' order by 1",
            [area],
        ).fetchall()
    return [r[0] for r in rows]


def share(db, area: str, month: str) -> float:
    """Unemployed per labour force in percent, from the observations themselves."""
    with duckdb.connect(str(db), read_only=True) as con:
        (value,) = con.execute(
            "select 100 * max(value) filter (where measure = 'unemployed') "
            "/ max(value) filter (where measure = 'labour_force') from observations "
            "where area_code = ? and period = ? and frequency = 'month' and age_group = 'SSS' "
            "and occupation_code = 'SSS' and industry_code = 'SSS' and sex = 'SSS'",
            [area, month],
        ).fetchone()
    return value


def test_north_karelia_ranks_its_own_municipalities(real_db, monkeypatch):
    at = run_app(real_db, monkeypatch, page="alueet", area="MK12", level="municipality", lang="fi")
    shown = figures(at)
    bar = shown["bar"][0]["data"][0]
    ranked = dict(zip(bar["customdata"], plotly_values(bar["x"]), strict=True))
    expected = members(real_db, "MK12")
    assert len(expected) == 13 and "KU167" in expected  # Joensuu
    assert sorted(ranked) == expected
    assert ranked["KU167"] == pytest.approx(share(real_db, "KU167", "2026-06-01"))
    assert ranked["KU167"] == pytest.approx(100 * 6159 / 37011, abs=0.01)  # 16,6 %
    choropleth, size = shown["choropleth"]
    assert sorted(choropleth["data"][0]["locations"]) == expected
    assert size < 100_000  # 13 municipalities' boundaries, not 309


def test_the_whole_country_keeps_the_map_light_and_the_ranking_readable(real_db, monkeypatch):
    at = run_app(real_db, monkeypatch, page="alueet", level="municipality", lang="en")
    shown = figures(at)
    spec, size = shown["choropleth"]
    drawn = [c for trace in spec["data"] for c in trace["locations"]]
    assert len(drawn) == 309 and len(set(drawn)) == 309
    assert size < 1_000_000
    grey = spec["data"][1]
    assert (
        grey["name"] == "no figure" and len(grey["locations"]) == 5
    )  # 4 suppressed in 6/2026, 1 without a row
    assert shown["scatter"][1] < 1_000_000  # the 309 grey lines are one trace
    bar, _ = shown["bar"]
    assert len(bar["data"][0]["customdata"]) == 40
    rows = bar["layout"]["yaxis"]["categoryarray"]
    assert len(rows) == 41 and rows[20] == "… 264 more …"


def test_key_figures_of_north_karelias_municipalities(real_db, monkeypatch):
    at = run_app(real_db, monkeypatch, page="alueet", area="MK12", level="municipality", lang="fi")
    (html,) = [h.proto.body for h in at.get("html") if "kt-bulletin" in h.proto.body]
    names = re.findall(r'<th scope="row" class="kt-name">([^<]*)', html)
    assert len(names) == 15 and names[-2:] == ["Pohjois-Karjala ", "Koko maa"]
    # Municipalities by name (Outokumpu's code, KU309, comes before Lieksa's, KU422).
    assert names[:13] == sorted(names[:13]) and names[6:8] == ["Lieksa", "Liperi"]
    joensuu = re.search(r"Joensuu</th>((?:<td[^>]*>[^<]*</td>)+)", html).group(1)
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", joensuu)
    # 6/2026: unemployed, share, vacancies, tightness, long-term, 50+ (no 6/2025 in the data).
    assert cells == [f"6{NBSP}159", f"16,6{NBSP}%", "204", "0,03", f"2{NBSP}621", f"1{NBSP}818"]
    assert "aineistossa ei ole näiden alueiden lukuja kuukaudelta 6/2025" in html


def test_key_figures_say_where_the_50_count_is(real_db, monkeypatch):
    at = run_app(real_db, monkeypatch, page="alueet", area="MK12", lang="sv", end="2023-10")
    (html,) = [h.proto.body for h in at.get("html") if "kt-bulletin" in h.proto.body]
    assert "Arbetslösa 50 år och äldre" not in html
    assert (
        "Tabellen saknar tal för arbetslösa 50 år och äldre för 10/2023: för dessa områden finns "
        "de i uppgifterna bara för 6/2026. Välj 6/2026 som slutmånad för att få med dem."
    ) in html
    north_karelia = re.search(
        r"Norra Karelen <span[^>]*>[^<]*</span></th>((?:<td[^>]*>[^<]*</td>)+)", html
    )
    assert north_karelia, "the chosen region's row is marked"
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", north_karelia.group(1))
    assert cells[:2] == [f"9{NBSP}024", "+568"]  # 8 456 in 10/2022
