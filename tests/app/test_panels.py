"""One definition per chart: a chart on a page and the same panel on a slide are one figure.

The page is run as a person opens it (AppTest on the demo database); the panel is built again
with the filters that page run used, as the presentation builds it. The figures must agree:
title, every trace's name and values, and the footnote.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest

from kohtaanto import panels, picks, storyline, ui
from tests.apptest_util import plotly_values, run_app

# The panels each page draws (the rest of a page's charts are still page code). The demo has
# no boundaries, so Alueet's map (area_map) is compared on the real database below.
PAGE_PANELS = {
    "yleiskuva": ["share", "tightness", "counts", "age_share"],
    "alueet": [
        "region_ranking~level=region~measure=unemployment_share",
        "peer_trend~level=region~measure=unemployment_share",
    ],
    "ammatit": [
        "shortage~level=2",
        "surplus~level=2",
        "occupation_scatter~level=2",
    ],
    "kohtaanto": [
        "beveridge~kind=avg12",
        "tightness",
        "mismatch_occupation~level=2",
        "mismatch_regions",
    ],
    "kokeneet": [
        "experienced_trend~measure=index",
        "lfs_55_64",
        "age_share_areas~level=region",
        "long_term_age",
    ],
    "toimialat": [
        "industry_55_64",
        "industry_vacancies",
        "industry_trend",
        "industry_share_years",
    ],
}


def _values(array) -> list:
    return [] if array is None else plotly_values(array)


def _summary(spec: dict) -> dict:
    """What a reader sees of a figure: its title, each trace's name and points, its footnote."""
    layout = spec["layout"]
    notes = [a["text"] for a in layout.get("annotations", []) if a.get("name") == "footnote"]
    return {
        # A chart in half the page's width breaks its title after the colon.
        "title": layout["title"]["text"].replace(":<br>", ": "),
        "traces": [
            (d.get("name"), [str(x) for x in _values(d.get("x"))], _values(d.get("y")))
            for d in spec["data"]
        ],
        "footnote": notes,
    }


@pytest.mark.parametrize("lang", ["fi", "en"])
@pytest.mark.parametrize("page", sorted(PAGE_PANELS))
def test_page_chart_and_slide_are_the_same_figure(demo_db, monkeypatch, page, lang):
    at = run_app(demo_db, monkeypatch, page=page, lang=lang, area="MK12")
    f = at.session_state["filters"]
    shown = [_summary(json.loads(c.proto.spec)) for c in at.get("plotly_chart")]
    for item in PAGE_PANELS[page]:  # a panel code with its parameters, as in a link
        [(code, params)], _ = picks.parse(item, panels.PANELS)
        view = panels.build(code, f, **params)
        assert view is not None, code
        built = _summary(json.loads(view.figure.to_json()))
        assert built in shown, (code, built["title"], [s["title"] for s in shown])


def test_storylines_name_only_panels():
    for _, codes in storyline.STORYLINES.values():
        assert set(codes) <= set(panels.PANELS)


def test_a_failing_chart_block_leaves_the_rest_of_the_page(demo_db, monkeypatch, caplog):
    """Outside the tests (strict mode off) an error in one panel becomes a short message in
    the reader's language; the other charts are drawn and the full error goes to the log."""
    monkeypatch.setenv("KOHTAANTO_STRICT", "0")

    def broken(f):
        raise ZeroDivisionError("in the tightness panel")

    panel = panels.PANELS["tightness"]
    monkeypatch.setitem(
        panels.PANELS, "tightness", panels.Panel(panel.code, panel.page, panel.name_key, broken)
    )
    with caplog.at_level("ERROR", logger="kohtaanto.ui"):
        at = run_app(demo_db, monkeypatch, lang="en")
    assert [w.value for w in at.warning if "could not be drawn" in w.value]
    assert len(at.get("plotly_chart")) == 3  # share, counts and the age share still drawn
    assert "in the tightness panel" in caplog.text


def test_a_view_is_built_once_per_database_file_and_never_changed_by_a_page(
    demo_db, monkeypatch, tmp_path
):
    """Sessions share built views (ui.panel_view): the same filters on the same file give the
    very same view; a page's layout for its column (Kohtaanto's half-width title) goes on a copy;
    a rebuilt file (a new inode) gives views built anew."""
    db = tmp_path / "kohtaanto.duckdb"
    shutil.copy(demo_db, db)
    at = run_app(db, monkeypatch, page="kohtaanto", lang="en", area="MK12")
    f = at.session_state["filters"]
    view = ui.panel_view("tightness", f)
    assert ui.panel_view("tightness", f) is view
    title = view.figure.layout.title.text
    shown = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
    # The page broke its copy's title after the colon; the shared figure keeps its one line.
    assert title.replace(": ", ":<br>", 1) in shown, (title, shown)
    assert ":<br>" not in title

    shutil.copy(demo_db, tmp_path / "rebuilt.duckdb")
    os.replace(tmp_path / "rebuilt.duckdb", db)
    again = ui.panel_view("tightness", f)
    assert again is not view
    assert again.title == view.title
