"""Every "add to presentation" button on every page, clicked on the demo database: no traceback.

A chart added from a page gets a takeaway sentence read from its figure; a map or a ranked bar
chart has no time axis, and the sentence must still be built (it crashed once on a map).
"""

from __future__ import annotations

import json

import pytest

from tests.apptest_util import run_app

PAGES = ("yleiskuva", "alueet", "ammatit", "toimialat", "kohtaanto", "kokeneet")


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_add_to_presentation_button(demo_db, monkeypatch, page, lang):
    at = run_app(demo_db, monkeypatch, page=page, lang=lang)
    keys = [b.key for b in at.button if b.key and b.key.startswith("story_")]
    assert keys, "the page shows no chart with an add button"
    for n, key in enumerate(keys, start=1):
        at.button(key=key).click().run()
        assert not at.exception, (key, [e.value for e in at.exception])
        assert not at.error, (key, [e.value for e in at.error])
        added = len(at.session_state["own_views"]) + len(at.session_state["own_picks"])
        assert added == n, key
    takeaways = [v.takeaway for v in at.session_state["own_views"]]
    assert all(takeaways) and not any("1970" in s for s in takeaways), takeaways
    # Titles as a heading, a slide and a file name show them: no Plotly markup.
    titles = [v.title for v in at.session_state["own_views"]]
    assert not any("<" in title or ">" in title for title in titles), titles


REAL_PUBLISHERS = ("Tilastokeskus", "Statistikcentralen", "Statistics Finland", "KEHA")


@pytest.mark.parametrize("page", PAGES)
def test_demo_figures_name_no_real_publisher(demo_db, monkeypatch, page):
    """Every chart footnote on the demo database says demo data, never a real publisher."""
    at = run_app(demo_db, monkeypatch, page=page, lang="en")
    notes = [
        a["text"]
        for chart in at.get("plotly_chart")
        for a in json.loads(chart.proto.spec)["layout"].get("annotations", [])
        if a.get("name") == "footnote"
    ]
    assert notes
    assert not [n for n in notes if any(p in n for p in REAL_PUBLISHERS)], notes
