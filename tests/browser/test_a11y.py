"""Browser tests of a11y (the rest: tests/unit/test_a11y.py)."""

from __future__ import annotations

import pytest

from tests import browser_util as bu
from tests.browser import test_browser as tb
from tests.browser.test_browser import LOAD_MS, open_page
from tests.unit.test_a11y import BLOCKING, WCAG_AA, contrast, rgb

server = tb.server  # test_browser's server on the demo database, for this module too


@pytest.mark.browser
@pytest.mark.timeout(300)
@pytest.mark.parametrize(("name", "path"), bu.app_pages(), ids=[n for n, _ in bu.app_pages()])
def test_axe_finds_no_serious_violation(server, page, name, path):
    from axe_playwright_python.sync_playwright import Axe

    open_page(
        page, bu.page_url(server.base, name, path, "area=MK12"), chart=bu.page_has_chart(name)
    )
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    blocking = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result.response["violations"]
        if v["impact"] in BLOCKING
    ]
    assert not blocking, "\n".join(blocking)


@pytest.mark.browser
@pytest.mark.timeout(300)
def test_small_text_contrast_size_focus_and_chart_alternatives(server, page):
    open_page(page, f"{server.base}/?area=MK12", chart=True)
    bu.wait_idle(page, LOAD_MS)
    # SVG text of the charts: tick labels, axis titles and the footnote annotation.
    texts = page.evaluate(
        """() => [...document.querySelectorAll(
              '.js-plotly-plot .xtick text, .js-plotly-plot .ytick text, .js-plotly-plot .annotation-text')]
           .map(e => { const s = getComputedStyle(e);
                       return {text: e.textContent, fill: s.fill, size: parseFloat(s.fontSize),
                               note: e.classList.contains('annotation-text')}; })"""
    )
    assert texts, "no chart text found"
    for item in texts:
        assert contrast(rgb(item["fill"]), (255, 255, 255)) >= 4.5, item
    notes = [i for i in texts if i["note"]]
    assert notes and all(i["size"] >= 12 for i in notes), notes

    captions = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stCaptionContainer"]')]
           .map(e => getComputedStyle(e).color)"""
    )
    assert captions
    for colour in captions:
        assert contrast(rgb(colour), (255, 255, 255)) >= 4.5, colour

    # Every chart has a text alternative beside it, read by screen readers.
    charts = page.locator('[data-testid="stPlotlyChart"]').count()
    alternatives = page.locator(".chart-alt").all_inner_texts()
    assert len(alternatives) == charts and all(a.strip() for a in alternatives), alternatives

    # Keyboard focus on a navigation link draws a clear outline.
    link = page.locator('[data-testid="stSidebarNavLink"]').nth(1)
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    outline = link.evaluate(
        "e => { const s = getComputedStyle(e); return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert outline[0] != "none" and outline[1] >= 2, outline
