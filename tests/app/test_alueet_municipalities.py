"""Alueet at the municipality level, and the key figures table, on the tiny database.

The tiny raw folder (tests/conftest.py) has in 10/2023 Municipality 121 (Region 12) with 97
unemployed of 700 and its vacancies suppressed, Municipality 167 (Region 12) with 30 of 300 and
5 vacancies, Region 12 with 127 of 1000 and vacancies suppressed, Region 01 1000 of 10000 and
400, Region 02 100 of 1000 and 50, Region 09 (Municipality 091, summed) 550 of 5500 and 250, the
whole country 1300 of 13000 and 460. This module's copy adds square boundaries for five
municipalities (Municipality 041 of Region 04 without figures), and figures of 10/2022 and a
50+ count of 9/2023 so that the table has a change over a year and a count of another month.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from kohtaanto import charts, panels
from kohtaanto.charts import bulletin
from kohtaanto.charts import maps as charts_map
from kohtaanto.export import tables as table_export
from kohtaanto.note import Note
from tests.apptest_util import plotly_values, refresh_derived, run_app, title_of
from tests.maps_util import square

NBSP = "\u00a0"
MINUS = "\u2212"
SQUARES = {"KU011": (24, 60), "KU091": (25, 60), "KU041": (22, 61), "KU121": (29, 62)}
SQUARES["KU167"] = (30, 62)
# 10/2022: unemployed, labour force, open vacancies.
YEAR_AGO = {"MK01": (800, 10000, 500), "MK12": (120, 1000, 20), "SSS": (1000, 12500, 500)}
FIFTY_SEPTEMBER = {"MK01": 300, "MK02": 30, "MK12": 40}


@pytest.fixture(scope="module")
def muni_db(tiny_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("municipalities") / "muni.duckdb"
    shutil.copy(tiny_db, out)
    with duckdb.connect(str(out)) as con:
        for code, (lon, lat) in SQUARES.items():
            con.execute(
                "insert into boundaries values (?, 'municipality', ?)", [code, square(lon, lat)]
            )
        rows = [
            (measure, dt.date(2022, 10, 1), area, "SSS", value)
            for area, values in YEAR_AGO.items()
            for measure, value in zip(
                ("unemployed", "labour_force", "open_vacancies"), values, strict=True
            )
        ]
        rows += [
            ("unemployed", dt.date(2023, 9, 1), area, "50-", value)
            for area, value in FIFTY_SEPTEMBER.items()
        ]
        con.executemany(
            "insert into observations values (?, ?, 'month', ?, ?, 'SSS', 'SSS', 'SSS', ?, "
            "'observed', 'tyonv/12r5')",
            rows,
        )
        refresh_derived(con)
    return out


def figures(at) -> dict[str, dict]:
    """The page's figures by their first trace's type (choropleth, bar, scatter)."""
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return {s["data"][0]["type"]: s for s in specs}


def bars(spec: dict) -> dict[str, float]:
    bar = spec["data"][0]
    return dict(zip(bar["customdata"], plotly_values(bar["x"]), strict=True))


def bulletin_html(at) -> str:
    found = [h.proto.body for h in at.get("html") if "kt-bulletin" in h.proto.body]
    assert len(found) == 1
    return found[0]


def table_rows(html: str) -> dict[str, list[str]]:
    """The table's rows as the reader sees them: the area's name (without the text for screen
    readers) -> the cells' texts."""
    out = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html.split("<tbody>")[1]):
        name = re.sub(
            r'\s*<span class="kt-sr">.*?</span>', "", re.findall(r"<th[^>]*>(.*?)</th>", row)[0]
        )
        out[name] = re.findall(r"<td[^>]*>(.*?)</td>", row)
    return out


def marked_rows(html: str) -> list[str]:
    rows = re.findall(r'<tr class="([^"]*)"><th[^>]*>([^<]*)', html)
    return [name.strip() for classes, name in rows if "kt-marked" in classes]


# --- the municipality level ---------------------------------------------------------------


def test_a_region_shows_its_own_municipalities(muni_db, monkeypatch):
    at = run_app(muni_db, monkeypatch, page="alueet", area="MK12", level="municipality", lang="en")
    assert at.selectbox(key="p_level").value == "municipality"
    shown = figures(at)
    # Region 12 holds Municipality 121 (97 / 700) and Municipality 167 (30 / 300): no others.
    assert bars(shown["bar"]) == pytest.approx({"KU121": 100 * 97 / 700, "KU167": 10.0})
    assert shown["bar"]["data"][0]["text"] == ["10.0%", "13.9%"]
    # None of them stands out: they are all the chosen area's.
    assert set(shown["bar"]["data"][0]["marker"]["color"]) == {charts_map.BAR}
    assert title_of(shown["bar"]).startswith(
        "Unemployed as a share of the labour force – Municipalities ranked, October 2023 · Region 12"
    )
    coloured = shown["choropleth"]["data"][0]
    assert dict(zip(coloured["locations"], plotly_values(coloured["z"]), strict=True)) == (
        pytest.approx({"KU121": 100 * 97 / 700, "KU167": 10.0})
    )
    assert len(shown["choropleth"]["data"]) == 1  # all have figures, none is outlined
    assert [f["id"] for f in coloured["geojson"]["features"]] == ["KU121", "KU167"]
    captions = [c.value for c in at.caption]
    assert "The map and the ranking show the municipalities of Region 12 (2)." in captions
    view = panels.build("region_ranking", at.session_state["filters"], level="municipality")
    assert view.title == (
        "Unemployed as a share of the labour force, October 2023: municipalities in Region 12"
    )


def test_a_suppressed_figure_is_grey_with_a_legend_entry(muni_db, monkeypatch):
    at = run_app(
        muni_db,
        monkeypatch,
        page="alueet",
        area="MK12",
        level="municipality",
        measure="tightness",
        lang="fi",
    )
    shown = figures(at)
    coloured, grey = shown["choropleth"]["data"]
    assert coloured["locations"] == ["KU167"]
    assert plotly_values(coloured["z"]) == pytest.approx([5 / 30])
    # Municipality 121's vacancies are suppressed: "no figure" in the missing colour, never 0.
    assert grey["locations"] == ["KU121"]
    assert grey["name"] == "ei lukua" and grey["showlegend"] is True
    assert grey["colorscale"] == [[0, charts_map.MISSING], [1, charts_map.MISSING]]
    assert grey["hovertext"] == ["<b>Kunta 121</b><br>ei lukua"]
    assert bars(shown["bar"]) == pytest.approx({"KU167": 5 / 30})
    assert "Ei lukua (lokakuu 2023): Kunta 121." in [c.value for c in at.caption]


def test_a_municipality_shows_its_region_and_stands_out(muni_db, monkeypatch):
    at = run_app(muni_db, monkeypatch, page="alueet", area="KU167", level="municipality", lang="sv")
    shown = figures(at)
    bar = shown["bar"]["data"][0]
    colours = dict(zip(bar["customdata"], bar["marker"]["color"], strict=True))
    assert colours == {"KU121": charts_map.BAR, "KU167": charts.AREA}
    assert shown["choropleth"]["data"][-1]["locations"] == ["KU167"]  # the outline
    assert (
        "Kommun 167 (kommun): kartan och rangordningen visar kommunerna i Landskap 12, "
        "med Kommun 167 markerad."
    ) in [c.value for c in at.caption]


def test_the_whole_country_shows_every_municipality_with_figures(muni_db, monkeypatch):
    at = run_app(muni_db, monkeypatch, page="alueet", level="municipality", lang="en")
    shown = figures(at)
    # Municipality 021 is all of Region 02, so the build gives it the region's figures.
    assert bars(shown["bar"]) == pytest.approx(
        {"KU011": 10.0, "KU021": 10.0, "KU091": 10.0, "KU121": 100 * 97 / 700, "KU167": 10.0}
    )
    coloured, grey = shown["choropleth"]["data"]
    assert sorted(coloured["locations"]) == ["KU011", "KU091", "KU121", "KU167"]
    assert grey["locations"] == ["KU041"]  # a boundary without figures


def test_existing_levels_still_open_from_their_links(muni_db, monkeypatch):
    for level in ("region", "ely"):  # the levels the tiny data have
        at = run_app(muni_db, monkeypatch, page="alueet", area="MK12", level=level, lang="en")
        assert at.selectbox(key="p_level").value == level
        assert not [i.value for i in at.info if "not recognised" in i.value]


# --- the key figures table -------------------------------------------------------------------


def test_key_figures_of_the_regions_with_their_change_over_a_year(muni_db, monkeypatch):
    at = run_app(muni_db, monkeypatch, page="alueet", area="MK12", lang="fi")
    html = bulletin_html(at)
    assert "<caption>Tunnusluvut alueittain: maakunnat, lokakuu 2023</caption>" in html
    rows = table_rows(html)
    # unemployed, change; share, change (points); vacancies, change; tightness, change. Region 12's
    # vacancies are suppressed in 10/2023: "–", never 0.
    assert rows["Maakunta 12"] == [
        "127",
        "+7",
        f"12,7{NBSP}%",
        "+0,7",
        "–",
        "–",
        "–",
        "–",
    ]
    assert rows["Maakunta 01"] == [
        f"1{NBSP}000",
        "+200",
        f"10,0{NBSP}%",
        "+2,0",
        "400",
        f"{MINUS}100",
        "0,40",
        f"{MINUS}0,23",
    ]
    assert rows["Maakunta 02"] == ["100", "–", f"10,0{NBSP}%", "–", "50", "–", "0,50", "–"]
    assert rows["Koko maa"] == [
        f"1{NBSP}300",
        "+300",
        f"10,0{NBSP}%",
        "+2,0",
        "460",
        f"{MINUS}40",
        "0,35",
        f"{MINUS}0,15",
    ]
    assert list(rows)[-1] == "Koko maa" and len(rows) == 20  # 19 regions and the country
    assert marked_rows(html) == ["Maakunta 12"]
    assert '<tr class="kt-total"><th scope="row" class="kt-name">Koko maa</th>' in html
    assert '<span class="kt-sr">(valittu alue)</span>' in html
    notes = re.findall(r'<p class="kt-bulletin-note">(.*?)</p>', html)
    assert notes == [
        "Luvut kuukauden 10/2023 lopussa; muutos vuodessa on muutos kuukaudesta 10/2022.",
        "Taulukossa ei ole pitkäaikaistyöttömien lukuja: lähde ei julkaise niitä näille alueille.",
        "Taulukossa ei ole 50 vuotta täyttäneiden työttömien lukuja kuukaudelta 10/2023: "
        "aineistossa ne ovat näille alueille vain kuukaudelta 9/2023. Valitse "
        "loppukuukaudeksi 9/2023, niin ne ovat mukana.",
        "– = ei lukua (lähde ei julkaise sitä tai se puuttuu aineistosta).",
        # Both months; Region 09 is summed from its municipality, the weakest status shown.
        "Lähde: Tilastokeskus, KEHA-keskus / työnvälitystilasto · tyonv/12r5 · 10/2022–10/2023"
        " · laskettu osa-alueista",
    ]
    assert at.markdown[0].value.startswith(
        "Työttömien osuus työvoimasta lokakuussa 2023: suurin Maakunta 12 (12,7"
    )


def test_key_figures_of_the_month_that_has_the_50_count(muni_db, monkeypatch):
    at = run_app(muni_db, monkeypatch, page="alueet", area="MK12", lang="en", end="2023-09")
    html = bulletin_html(at)
    assert "Unemployed aged 50 and over" in html
    rows = table_rows(html)
    # No 9/2022 in the data: no change column at all, and a note that says why.
    assert rows["Region 12"] == ["130", "13.0%", "10", "0.08", "40"]
    assert rows["Region 09"] == ["500", "10.0%", "200", "0.40", "–"]
    assert "No change over a year: the data have no figures for these areas for 9/2022." in html


def test_key_figures_of_one_regions_municipalities(muni_db, monkeypatch):
    at = run_app(muni_db, monkeypatch, page="alueet", area="KU167", level="municipality", lang="en")
    html = bulletin_html(at)
    assert (
        "<caption>Key figures by area: municipalities in Region 12, October 2023</caption>" in html
    )
    rows = table_rows(html)
    assert list(rows) == ["Municipality 121", "Municipality 167", "Whole country"]
    assert rows["Municipality 121"][:2] == ["97", "–"]
    assert marked_rows(html) == ["Municipality 167"]


def test_key_figures_files(muni_db, monkeypatch):
    at = run_app(muni_db, monkeypatch, page="alueet", area="MK12", lang="fi")
    view = panels.build("key_figures", at.session_state["filters"], level="region")
    assert view.figure is None and "key_figures" not in panels.PANELS  # never on a slide
    table = table_export.readable(view.data, "fi")
    mk12 = table[table["Koodi"] == "MK12"].iloc[0]
    assert mk12["Kuukausi"] == "2023-10" and mk12["Vertailukuukausi"] == "2022-10"
    assert mk12["Työttömät työnhakijat"] == 127
    assert mk12["Työttömät työnhakijat – muutos vuodessa"] == 7
    assert mk12["Työttömien osuus työvoimasta, %"] == pytest.approx(12.7)
    assert mk12["Työttömien osuus työvoimasta, % – muutos vuodessa, %-yks."] == pytest.approx(0.7)
    assert mk12["Tila"] == "havaittu"
    text = table_export.csv_bytes(table, "fi").decode("utf-8-sig").splitlines()
    assert "MK12;Maakunta 12;2023-10;2022-10;127;7;12,7;0,7;;;;;tyonv/12r5;havaittu" in text
    labels = [b.proto.label for b in at.get("download_button") if "key_figures" in b.proto.id]
    assert labels == ["Excel", "CSV"]  # the files' names: tests/browser/test_alueet_municipalities


def test_key_figures_cells():
    assert bulletin.value_text(256070, "count", "fi") == f"256{NBSP}070"
    assert bulletin.value_text(9.7, "percent", "fi") == f"9,7{NBSP}%"
    assert bulletin.value_text(9.7, "percent", "en") == "9.7%"
    assert bulletin.value_text(None, "ratio", "sv") == "–"
    assert bulletin.change_text(-0.04, "percent", "fi") == "±0,0"
    assert bulletin.change_text(1234, "count", "sv") == f"+1{NBSP}234"
    assert bulletin.change_text(-0.4, "percent", "fi") == f"{MINUS}0,4"
    assert (
        bulletin.month_list(
            [dt.date(2006, 1, 1), dt.date(2006, 2, 1), dt.date(2006, 3, 1), dt.date(2026, 6, 1)]
        )
        == "1/2006–3/2006, 6/2026"
    )
    assert bulletin.month_list([]) == ""


def test_a_long_ranking_keeps_its_ends():
    import pandas as pd

    data = pd.DataFrame(
        {
            "area_code": [f"A{i}" for i in range(8)],
            "name": [f"Area {i}" for i in range(8)],
            "value": [float(i) for i in range(8)],
        }
    )
    fig = charts_map.ranking(
        data,
        title="T",
        lang="en",
        note=Note(sources=("tyonv/12r5",)),
        x_title="%",
        percent=True,
        decimals=1,
        keep={"A0", "A1", "A4", "A6", "A7"},
        skipped_label="… {n} more …",
    )
    assert list(fig.data[0].customdata) == ["A0", "A1", "A4", "A6", "A7"]
    assert list(fig.layout.yaxis.categoryarray) == [
        "Area 0",
        "Area 1",
        "… 2 more …",
        "Area 4",
        "… 1 more …\u200b",  # told apart from any other run of one
        "Area 6",
        "Area 7",
    ]
