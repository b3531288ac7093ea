"""Accessibility (WCAG 2.1 AA): axe-core on every page in Finnish, the contrast and size of
captions and chart footnotes, visible focus, a text alternative per chart, and a deck whose
titles are title placeholders and whose pictures carry their takeaway as alt text.

axe-core comes with ``axe-playwright-python`` (pinned in requirements-dev.txt: axe-core 4.12.1).
"""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from kohtaanto.export import slides
from tests import browser_util as bu
from tests import test_browser as tb
from tests.test_browser import LOAD_MS, open_page
from tests.test_slides import deck

server = tb.server

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}


def contrast(rgb_a: tuple[float, ...], rgb_b: tuple[float, ...]) -> float:
    """The WCAG contrast ratio of two sRGB colours given as 0–255 triples."""

    def luminance(rgb: tuple[float, ...]) -> float:
        def channel(c: float) -> float:
            c = c / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(c) for c in rgb[:3])
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(rgb_a), luminance(rgb_b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula():
    assert round(contrast((0x82, 0x81, 0x80), (255, 255, 255)), 2) == 3.89
    assert round(contrast((0, 0, 0), (255, 255, 255)), 1) == 21.0


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


def rgb(css: str) -> tuple[float, ...]:
    return tuple(float(x) for x in css[css.index("(") + 1 : css.index(")")].split(",")[:3])


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


def test_deck_titles_are_placeholders_and_pictures_have_alt_text():
    built = slides.build_pptx(deck(2))
    prs = Presentation(io.BytesIO(built))
    for slide in prs.slides:
        title = slide.shapes.title
        assert title is not None and title.text_frame.text.strip()
        assert title.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
    spec = deck(2)
    chart_slides = list(prs.slides)[1:-1]
    assert [s.shapes.title.text_frame.text for s in chart_slides] == [c.title for c in spec.slides]
    pictures = [
        shape
        for s in chart_slides
        for shape in s.shapes
        if shape.shape_type == MSO_SHAPE_TYPE.PICTURE
    ]
    assert [p._element.nvPicPr.cNvPr.get("descr") for p in pictures] == [
        c.takeaway for c in spec.slides
    ]
