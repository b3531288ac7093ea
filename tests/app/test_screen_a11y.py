"""Issue 17's keyboard and small items in the running app (AppTest on the tiny database):
the chart toolbar's configuration in the page's language, the texts handed to a11y.js, the
"show data" table with decimal commas, the area picker's labels and the overview's sentence."""

from __future__ import annotations

import json
import re

import pytest

from kohtaanto import charts
from kohtaanto.i18n import t
from tests.apptest_util import open_tables, run_app, shown_tables

NB = "\u00a0"


def page_texts(at) -> dict:
    """What ui.page_texts handed to a11y.js in this run."""
    for element in at.get("html"):
        found = re.search(r"window\.kohtaantoTexts = (\{.*?\});", element.proto.body)
        if found:
            return json.loads(found.group(1))
    raise AssertionError("no page texts in the page")


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_chart_toolbar_and_page_texts_in_the_language(tiny_db, monkeypatch, lang):
    at = run_app(tiny_db, monkeypatch, "yleiskuva", lang=lang, area="MK12")
    configs = [json.loads(c.proto.config) for c in at.get("plotly_chart")]
    # The tiny database has no age groups (no age share chart), and its tightness has two
    # months in MK12: shown as numbers, not drawn.
    assert len(configs) == 2
    assert all(c == charts.plotly_config(lang) for c in configs)
    assert page_texts(at) == {
        "lang": lang,
        "texts": {
            "skip": t("common.skip_to_main", lang),
            "fullscreen": t("chart_toolbar.fullscreen", lang),
            "close_fullscreen": t("chart_toolbar.close_fullscreen", lang),
        },
    }
    assert (
        page_texts(at)["texts"]["skip"]
        == {
            "fi": "Siirry pääsisältöön",
            "sv": "Hoppa till huvudinnehållet",
        }[lang]
    )


def test_show_data_table_in_finnish_has_decimal_commas(tiny_db, monkeypatch):
    at = open_tables(run_app(tiny_db, monkeypatch, "yleiskuva", area="MK12"))
    share = shown_tables(at)[0]
    assert list(share.columns) == ["Sarja", "Kuukausi", "Työttömien osuus työvoimasta, %"]
    # Maakunta 12: 130 and 127 unemployed of 1 000; the country 1 200 of 12 000 and 1 300 of
    # 13 000: one decimal all down the column, 10,0 not 10.
    assert share.values.tolist() == [
        ["Maakunta 12", "2023-09", "13,0"],
        ["Maakunta 12", "2023-10", "12,7"],
        ["Koko maa", "2023-09", "10,0"],
        ["Koko maa", "2023-10", "10,0"],
    ]


def test_area_picker_names_a_level_only_where_a_name_repeats(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, "yleiskuva", lang="sv", area="MK12")
    box = at.selectbox(key="f_area")
    assert box.value == "MK12"
    options = box.options
    # Names of their own: bare. The tiny database calls every major region "Storområde":
    # level and code tell them apart.
    assert {"Hela landet", "Landskap 12", "Kommun 167", "Ekonomisk region 12"} <= set(options)
    assert "Storområde · storområde (SA1)" in options
    assert [o for o in options if "·" in o and "Storområde" not in o] == []


@pytest.mark.parametrize(
    ("lang", "first"),
    [
        ("fi", "Maakunta 12: työttömiä työnhakijoita oli 127 lokakuussa 2023."),
        ("sv", "Landskap 12: 127 arbetslösa arbetssökande i oktober 2023."),
    ],
)
def test_overview_sentence_never_runs_a_month_into_a_count(tiny_db, monkeypatch, lang, first):
    at = run_app(tiny_db, monkeypatch, "yleiskuva", lang=lang, area="MK12")
    bullets = [m.value for m in at.markdown if m.value.startswith("- ")]
    assert bullets[0] == "- " + first
