"""Issue 17's keyboard and small items, where the logic is pure: Plotly's toolbar and its
texts, the data table as HTML (decimals, sort keys, breaks), the area picker's labels, the
sentences that ran a month and a count together, and the scripts Streamlit's sanitiser keeps."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from kohtaanto import charts
from kohtaanto.export import html as table_html
from kohtaanto.export import tables as table_export
from kohtaanto.filters import area_labels
from kohtaanto.i18n import LANGS, catalogue, t
from kohtaanto.paths import PACKAGE

NB = "\u00a0"
SHY = "\u00ad"


# --- Plotly's toolbar ----------------------------------------------------------------------


def test_toolbar_keeps_only_the_full_screen_button():
    removed = set(charts.PLOTLY_CONFIG["modeBarButtonsToRemove"])
    # The seven buttons a 2-D chart had besides Streamlit's full-screen one, and the map's.
    assert {
        "toImage",
        "zoom2d",
        "pan2d",
        "zoomIn2d",
        "zoomOut2d",
        "autoScale2d",
        "resetScale2d",
        "zoomInGeo",
        "zoomOutGeo",
        "resetGeo",
    } <= removed
    assert charts.PLOTLY_CONFIG["displaylogo"] is False


@pytest.mark.parametrize(
    ("lang", "zoom_out"),
    [
        ("fi", "Kaksoisnapsautus palauttaa koko kuvan"),
        ("sv", "Dubbelklicka för att zooma ut igen"),
        ("en", "Double-click to zoom back out"),
    ],
)
def test_plotly_config_speaks_the_language(lang, zoom_out):
    config = charts.plotly_config(lang)
    assert config["locale"] == lang
    dictionary = config["locales"][lang]["dictionary"]
    assert dictionary["Double-click to zoom back out"] == zoom_out
    assert set(dictionary) == set(charts.PLOTLY_MESSAGES)
    # The shared configuration is not changed by it.
    assert "locale" not in charts.PLOTLY_CONFIG
    assert config["modeBarButtonsToRemove"] == charts.PLOTLY_CONFIG["modeBarButtonsToRemove"]


def test_toolbar_room_widens_only_a_narrow_right_margin():
    narrow = charts.toolbar_room(go.Figure(layout={"margin": {"r": 20, "t": 70}}))
    assert (narrow.layout.margin.r, narrow.layout.margin.t) == (charts.TOOLBAR_PX, 70)
    wide = charts.toolbar_room(go.Figure(layout={"margin": {"r": 80}}))
    assert wide.layout.margin.r == 80
    unset = charts.toolbar_room(go.Figure())
    assert unset.layout.margin.r == charts.TOOLBAR_PX
    # Icons dark enough to see (Plotly's 30 % grey is 1.6:1 on white).
    assert narrow.layout.modebar.color == "#555555"


# --- the data table on screen ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "decimals"),
    [
        ([12.0, 12.3], 1),
        ([179.0, 246.0, None], 0),
        ([2.59, 1.2], 2),
        ([0.1 + 0.2], 1),  # 0.30000000000000004
        ([1.23456], 2),
    ],
)
def test_fewest_decimals(values, decimals):
    assert table_html.fewest_decimals(pd.Series(values, dtype="float64")) == decimals


def test_column_decimals_by_name_label_data_and_years():
    share = pd.Series([32.1, 37.0])
    assert table_html.column_decimals("unemployment_share", "x", share, "fi") == 1
    # A panel that named its column itself: known by its header in the language.
    label = t("columns.unemployed", "sv")
    assert table_html.column_decimals(label, label, pd.Series([179.0]), "sv") == 0
    assert table_html.column_decimals("Indeksi", "Indeksi", pd.Series([100.0, 103.25]), "fi") == 2
    year = t("kokeneet.col_year", "fi")
    assert table_html.column_decimals(year, year, pd.Series([2019, 2020]), "fi") is None
    assert table_html.column_decimals("x", "x", pd.Series(["a"]), "fi") is None
    assert table_html.column_decimals("x", "x", pd.Series([True]), "fi") is None


def cells(html: str) -> list[list[str]]:
    """The cells' markup, row by row, without the soft hyphens (tested on their own)."""
    rows = re.findall(r"<tr>(.*?)</tr>", html.replace(SHY, ""))
    return [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in rows]


def test_html_table_writes_numbers_for_the_language_with_even_decimals():
    data = pd.DataFrame(
        {
            "series": ["Koko maa", "Uusimaa"],
            "period": pd.to_datetime(["2026-05-01", "2026-06-01"]),
            "unemployment_share": [32.1, 37.0],
            "unemployed": [352001.0, None],
        }
    )
    fi = table_html.html_table(data, "fi", caption="Työttömät")
    assert '<caption class="kt-sr-only">Työttömät</caption>' in fi
    head, first, second = cells(fi)
    assert head == [
        '<button type="button">Sarja</button>',
        '<button type="button">Kuukausi</button>',
        '<button type="button">Työttömien osuus työvoimasta, %</button>',
        '<button type="button">Työttömät työnhakijat</button>',
    ]
    assert first == ["Koko maa", "2026-05", "32,1", f"352{NB}001"]
    assert second == ["Uusimaa", "2026-06", "37,0", "–"]
    # Numbers keep their value to sort by; a missing one sorts last (an empty key).
    assert '<td class="num" data-sort="37.0">37,0</td>' in fi
    assert '<td class="num" data-sort="">–</td>' in fi
    assert '<td class="whole">2026-05</td>' in fi
    assert f"työ{SHY}voi{SHY}mas{SHY}ta," in fi  # a long word of a header may break
    en = cells(table_html.html_table(data, "en"))
    assert en[1][2:] == ["32.1", "352,001"]
    assert "<caption" not in table_html.html_table(data, "en")


def test_html_table_words_for_yes_no_status_and_months_of_dates():
    data = pd.DataFrame(
        {
            "Ajankohta": [dt.date(2023, 10, 1)],
            "Tila": ["estimated"],  # a page's own status column, by its header
            "same": [True],
        }
    )
    (_, row) = cells(table_html.html_table(data, "fi"))
    assert row == ["2023-10", t("status.estimated", "fi"), "kyllä"]


def test_a_long_table_scrolls_in_its_box():
    rows = table_html.SCROLL_ROWS + 1
    long = table_html.html_table(pd.DataFrame({"value": range(rows)}), "fi")
    short = table_html.html_table(pd.DataFrame({"value": range(3)}), "fi")
    assert long.startswith('<div class="kt-table-box kt-scroll">')
    assert short.startswith('<div class="kt-table-box">')


@pytest.mark.parametrize(
    ("text", "broken"),
    [
        ("Pitkäaikaistyöttömiä", "Pit-käai-kais-työt-tö-miä"),
        ("Työttömät työnhakijat", "Työttömät työnhakijat"),  # no word of 12 letters
        ("osa-alueista", "osa-alueista"),  # part by part: "alueista" has no break
        ("2018-11", "2018-11"),
    ],
)
def test_soft_hyphens_in_long_words(text, broken):
    assert table_html.soft_hyphens(text).replace(SHY, "-") == broken


def test_readable_puts_a_page_named_status_column_in_words():
    data = pd.DataFrame({t("columns.status", "sv"): ["aggregated"]})
    table = table_export.readable(data, "sv")
    assert table.iloc[0, 0] == t("status.aggregated", "sv")


# --- the area picker -------------------------------------------------------------------------


def test_area_labels_name_the_level_only_where_a_name_repeats():
    rows = [
        ("SSS", "country", "Koko maa"),
        ("KA3", "coordinator_area", "Länsi-Suomi"),
        ("SA3", "major_region", "Länsi-Suomi"),
        ("MK12", "region", "Pohjois-Karjala"),
        ("TA08", "employment_area", "Helsinki"),
        ("SK011", "sub_region", "Helsinki"),
        ("KU091", "municipality", "Helsinki"),
        ("KUX1", "municipality", "Twin"),
        ("KUX2", "municipality", "Twin"),
    ]
    labels = area_labels(rows, lambda level: t(f"level.{level}", "fi"))
    assert labels == {
        "SSS": "Koko maa",
        "KA3": "Länsi-Suomi",
        "SA3": "Länsi-Suomi · suuralue",
        "MK12": "Pohjois-Karjala",
        "TA08": "Helsinki · työllisyysalue",
        "SK011": "Helsinki · seutukunta",
        "KU091": "Helsinki",
        "KUX1": "Twin · kunta (KUX1)",
        "KUX2": "Twin · kunta (KUX2)",
    }
    assert list(labels) == [code for code, _, _ in rows]


# --- sentences -------------------------------------------------------------------------------


def test_no_text_puts_a_number_right_after_a_month():
    """ "kesäkuussa 2026 352 001": a month's year and a count must not touch."""
    touching = re.compile(r"\{month\}\s*\{(count|share|value|n|total)\}")
    found = [
        (key, lang)
        for key, texts in catalogue().items()
        for lang in LANGS
        if touching.search(texts.get(lang, ""))
    ]
    assert found == []


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("fi", f"Länsi-Suomi: työttömiä työnhakijoita oli 352{NB}001 kesäkuussa 2026."),
        ("sv", f"Länsi-Suomi: 352{NB}001 arbetslösa arbetssökande i juni 2026."),
        ("en", "Länsi-Suomi: 352,001 unemployed jobseekers in June 2026."),
    ],
)
def test_the_overview_sentence_puts_the_count_before_the_month(lang, sentence):
    from kohtaanto.charts.narrative import change_sentences

    now = pd.Series({"period": pd.Timestamp("2026-06-01"), "unemployed": 352001.0})
    assert change_sentences(now, None, "Länsi-Suomi", lang)[0] == sentence


# --- the scripts -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["a11y.js", "print.js"])
def test_scripts_have_no_markup_that_the_sanitiser_drops(name):
    """Streamlit's st.html runs its text through DOMPurify, which drops a script whose text
    holds something like a tag (a "less than" sign before a letter or a slash): the whole
    script then silently never runs."""
    text = (PACKAGE / "static" / name).read_text(encoding="utf-8")
    assert re.findall(r"<[A-Za-z/!]", text) == []
