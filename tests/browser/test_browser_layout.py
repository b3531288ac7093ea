"""The printed page and the phone, in headless Chromium on the demo database.

Print: a page view in A4 landscape takes few sheets, with charts two to a row (print.css,
print.js). Phone (390 px): a chart's legend sits under its plot, never on its title, and its
footnote stays inside the chart's width, right under the chart. Screenshots go to ``test-output/screenshots/``.
"""

from __future__ import annotations

import pytest

from kohtaanto import paths
from tests import browser_util as bu

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

SCREENSHOTS = paths.ROOT / "test-output" / "screenshots"
LOAD_MS = 90_000
PHONE = {"width": 390, "height": 844}
# An A4 landscape sheet inside print.css's 12 mm margins, in CSS pixels (96 per inch).
PRINTABLE = {"width": 1032, "height": 703}
MM_100 = 100 * 96 / 25.4
NARROW = {"width": 700, "height": 900}  # a narrow window: two narrow columns, no phone styles


@pytest.fixture(scope="module")
def server(demo_db, serve):
    return serve(demo_db, "layout")


def open_page(browser, url: str, viewport: dict):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(url, wait_until="domcontentloaded", timeout=LOAD_MS)
    page.wait_for_selector("h1", state="attached", timeout=LOAD_MS)
    bu.wait_chart(page, LOAD_MS)
    bu.wait_idle(page, LOAD_MS)
    boxes = page.locator('[data-testid="stException"]')
    assert boxes.count() == 0, boxes.first.inner_text()[:2000]
    return context, page


# Sheets measured on the demo database (Pohjois-Karjala): before print.css laid charts two to
# a row and print.js scaled them, / took 6 sheets and /kohtaanto 5; before it left out the
# choices above the charts, /kokeneet and /kohtaanto took 3. /ammatit has a full-width chart, two
# half-width ones, a notice and a list: more than two sheets hold. /alueet gained the key figures
# of every area of the level (the employment bulletin's table): a third sheet.
@pytest.mark.parametrize(
    ("path", "sheets"),
    [("", 2), ("alueet", 3), ("kokeneet", 2), ("kohtaanto", 2), ("toimialat", 2), ("ammatit", 3)],
)
def test_print_fits_few_a4_sheets(server, browser, path, sheets):
    context, page = open_page(browser, f"{server.base}/{path}?area=MK12", bu.VIEWPORT)
    try:
        pdf = bu.print_pdf(page)
        (SCREENSHOTS / f"print-{path or 'yleiskuva'}.pdf").parent.mkdir(parents=True, exist_ok=True)
        (SCREENSHOTS / f"print-{path or 'yleiskuva'}.pdf").write_bytes(pdf)
        assert bu.pdf_sheets(pdf) == sheets
        # After the print the charts are the screen's again (print.js's "afterprint").
        assert page.locator(".print-scaled, .main-svg[viewBox]").count() == 0
    finally:
        context.close()


def test_print_puts_two_charts_to_a_row(server, browser):
    context, page = open_page(browser, f"{server.base}/?area=MK12", bu.VIEWPORT)
    try:
        page.emulate_media(media="print")
        bu.wait_idle(page)
        boxes = [
            box
            for box in (
                c.bounding_box() for c in page.locator('[data-testid="stPlotlyChart"]').all()
            )
            if box
        ]
        assert len(boxes) == 4
        first, second = boxes[0], boxes[1]
        assert abs(first["y"] - second["y"]) <= 4, boxes
        assert second["x"] >= first["x"] + first["width"], boxes
        assert boxes[2]["y"] >= first["y"] + first["height"], boxes
    finally:
        context.close()


# The width a scaled chart is drawn at: its SVG keeps its ratio inside its box ("meet").
DRAWN_WIDTHS = """() => [...document.querySelectorAll('.js-plotly-plot .svg-container')].map(b => {
  const r = b.getBoundingClientRect(); const ratio = r.width && r.height ? r.width / r.height : 0;
  const svg = b.querySelector('svg.main-svg'); const vb = svg.viewBox.baseVal;
  const own = vb && vb.height ? vb.width / vb.height : ratio;
  const width = Math.min(r.width, r.height * own);
  return {width: width, height: width / own, inColumn: !!b.closest('[data-testid="stColumn"]'),
          page: document.querySelector('[data-testid="stMainBlockContainer"]').clientWidth};
})"""


def test_print_full_width_chart_keeps_the_width(server, browser):
    """Ammatit's scatter has the page's width on the screen; it was printed at most 78 mm high,
    as a half-width chart, 44 % of the sheet's width. Now it fills the width or 100 mm of the
    sheet's height (a tall chart keeps its shape: Plotly drew it for the screen)."""
    context, page = open_page(browser, f"{server.base}/ammatit?area=MK12", PRINTABLE)
    try:
        page.emulate_media(media="print")
        bu.wait_idle(page)
        page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
        charts = page.evaluate(DRAWN_WIDTHS)
        full = [c for c in charts if not c["inColumn"]]
        half = [c for c in charts if c["inColumn"]]
        assert full and half, charts
        for c in full:
            assert c["width"] >= 0.98 * c["page"] or c["height"] >= 0.98 * MM_100, charts
            assert c["width"] >= 1.5 * max(h["width"] for h in half), charts
        assert all(c["width"] <= 0.55 * c["page"] for c in half), charts
    finally:
        context.close()


# Per chart: its box, its legend's, its plot area's, its visible titles' and footnotes' boxes.
CHART_BOXES = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].map(chart => {
  const box = (e) => { if (!e) return null; const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 ? {left: r.left, right: r.right, top: r.top,
      bottom: r.bottom, text: e.textContent.trim().slice(0, 60)} : null; };
  const own = chart.closest('[data-testid="stElementContainer"]');
  let before = own.previousElementSibling, after = own.nextElementSibling;
  while (before && !before.querySelector('.chart-title-phone')) before = before.previousElementSibling;
  while (after && !after.querySelector('.chart-note-phone') && !after.querySelector('details')) after = after.nextElementSibling;
  return {
    chart: box(chart),
    legend: box(chart.querySelector('.legend')),
    plot: box(chart.querySelector('.draglayer .nsewdrag')),
    titles: [box(before && before.querySelector('.chart-title-phone')),
             box(chart.querySelector('.gtitle'))].filter(Boolean),
    notes: [...chart.querySelectorAll('.infolayer .annotation'), after && after.querySelector('.chart-note-phone')]
      .map(box).filter(Boolean),
    phoneNote: box(after && after.querySelector('.chart-note-phone')),
    drawnBottom: Math.max(...[...chart.querySelectorAll('.main-svg text, .draglayer .nsewdrag')]
      .map(e => e.getBoundingClientRect()).filter(r => r.width > 0 && r.height > 0).map(r => r.bottom)),
  };
})"""


def overlap(a: dict, b: dict) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )


@pytest.mark.parametrize("path", ["", "kokeneet", "kohtaanto"])
def test_phone_legend_under_plot_and_footnote_inside(server, browser, path):
    context, page = open_page(browser, f"{server.base}/{path}?area=MK12", PHONE)
    try:
        bu.full_screenshot(page, SCREENSHOTS / f"phone-{path or 'yleiskuva'}.png")
        charts = page.evaluate(CHART_BOXES)
        assert len(charts) >= 3
        legends = 0
        for i, c in enumerate(charts):
            what = f"/{path} chart {i}: {c}"
            assert c["titles"], what  # the phone's own title is shown
            assert c["notes"], what  # and a footnote
            if c["legend"]:
                legends += 1
                assert not any(overlap(c["legend"], title) for title in c["titles"]), what
                assert c["legend"]["top"] >= c["plot"]["bottom"], what
            for note in c["notes"]:
                assert note["right"] <= c["chart"]["right"] + 1, what
            # The footnote's text follows what the chart draws, over none of it, with no blank
            # between (the figure kept about 40 px for the footnote it hides on a phone).
            below = c["phoneNote"]["top"] - c["drawnBottom"]
            assert 0 <= below <= 40, (below, what)
        assert legends >= 2
    finally:
        context.close()


def test_phone_page_link_in_the_text_wraps_whole(server, browser):
    """Yleiskuva's sentence on ongoing projects is a page link; Streamlit cut its label with an
    ellipsis at the right edge of a phone ("…dessutom 1 riksomfat")."""
    context, page = open_page(browser, f"{server.base}/?area=MK12&lang=sv", PHONE)
    try:
        links = page.evaluate(
            "() => [...document.querySelectorAll("
            '\'[data-testid="stMain"] [data-testid="stPageLink-NavLink"] p\')]'
            ".map(p => ({text: p.innerText, cut: p.scrollWidth > p.clientWidth + 1,"
            " right: p.getBoundingClientRect().right}))"
        )
        assert links, "Yleiskuva has no page link in its text"
        for link in links:
            assert not link["cut"] and link["right"] <= PHONE["width"], link
    finally:
        context.close()


def test_chart_buttons_wrap_rather_than_cut_their_labels(server, browser):
    """In a narrow column (the map's two fifths of the page on Alueet) the four
    buttons under a chart read "P.", "E.", "C.", "Lisää esityk…"; they now wrap to a new row.
    A 700 px window gives half-width charts such a column."""
    context, page = open_page(browser, f"{server.base}/kokeneet?area=MK12", NARROW)
    try:
        labels = page.evaluate(
            '() => [...document.querySelectorAll(\'[data-testid="stMain"] '
            '.stDownloadButton button, [data-testid="stMain"] .stButton button\')]'
            ".map(b => ({text: b.innerText, cut: [b, ...b.querySelectorAll('*')]"
            ".some(e => e.scrollWidth > e.clientWidth + 1)}))"
        )
        assert len(labels) >= 16, labels
        assert [label for label in labels if label["cut"]] == []
    finally:
        context.close()


@pytest.mark.parametrize(("viewport", "per_row"), [(PHONE, 2), ({"width": 1400, "height": 900}, 3)])
def test_key_figures_sit_in_full_rows(server, browser, viewport, per_row):
    """Yleiskuva's six cards: three to a row on a wide screen, two on a phone (two rows of three
    had left a lone card on every other phone line), none cut at the right edge and no label
    broken inside a word ("Pitkäaikaistyöttömä / t")."""
    context, page = open_page(browser, f"{server.base}/?area=MK12", viewport)
    try:
        # A word broken over two lines has client rects on two lines.
        cards = page.evaluate(
            """() => [...document.querySelectorAll('[data-testid="stMetric"]')].map(m => {
              const r = m.getBoundingClientRect();
              const l = m.querySelector('[data-testid="stMetricLabel"] p');
              const text = l.firstChild, broken = [];
              for (const match of text.textContent.matchAll(/\\S+/g)) {
                const range = document.createRange();
                range.setStart(text, match.index);
                range.setEnd(text, match.index + match[0].length);
                const tops = new Set([...range.getClientRects()].map(c => Math.round(c.top)));
                if (tops.size > 1) broken.push(match[0]);
              }
              return {top: Math.round(r.top), right: r.right, broken};
            })"""
        )
        assert len(cards) == 6, cards
        rows: dict[int, int] = {}
        for card in cards:
            rows[card["top"]] = rows.get(card["top"], 0) + 1
            assert card["right"] <= viewport["width"], card
            assert not card["broken"], card
        assert sorted(rows.values()) == [per_row] * (6 // per_row), rows
    finally:
        context.close()
