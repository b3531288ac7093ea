"""Issue 17's keyboard and small items in real Chromium on the real database, in Finnish and
Swedish: Tab stops to pass the charts, a focused toolbar clear of the title, decimal commas in a
sorted table that fits 1366 px, the area picker's label not cut (1366 and 390 px), the skip link
and the page's language, the overview's sentence, and the phone's scatter labels drawn whole.

Screenshots go to ``test-output/screenshots/a11y-*.png``.
"""

from __future__ import annotations

import contextlib
import re

import pytest

from kohtaanto import paths
from kohtaanto.i18n import t
from tests import browser_util as bu
from tests.browser import test_browser as tb
from tests.browser.test_browser import LOAD_MS, no_exception, open_page

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]

server = tb.server
SHOTS = paths.ROOT / "test-output" / "screenshots"
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
LANGS = ["fi", "sv"]
# A chart block's Tab stops: the toolbar's full-screen button, "show data", PNG, Excel, CSV
# and "add to presentation" (before: eight toolbar buttons, 13 stops a chart).
STOPS_PER_CHART = 6

# Where the focus is, against the page's charts: before the first, inside the blocks (the
# toolbar to the last chart's buttons), or past them; and what the focused element is.
WHERE = """() => {
  const a = document.activeElement;
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  const first = charts[0].closest('[data-testid="stElementContainer"]');
  const key = [...charts.at(-1).closest('[data-testid="stElementContainer"]').classList]
      .find(c => c.startsWith('st-key-chart_')).slice('st-key-chart_'.length);
  const end = document.querySelector('.st-key-buttons_' + key);
  let where = 'in';
  if (!a || a === document.body) where = 'none';
  else if (first.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_PRECEDING) where = 'before';
  else if (!end.contains(a) && (end.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING))
    where = 'after';
  return [where, a && a.classList.contains('modebar-btn') ? a.getAttribute('aria-label') : null];
}"""

OVERLAPS = """(plot) => {
  const m = plot.querySelector('.modebar').getBoundingClientRect();
  const title = plot.querySelector('.g-gtitle').getBoundingClientRect();
  const area = plot.querySelector('.draglayer .nsewdrag').getBoundingClientRect();
  const box = plot.getBoundingClientRect();
  const hit = (r) => m.left < r.right && r.left < m.right && m.top < r.bottom && r.top < m.bottom;
  return {title: hit(title), plot: hit(area),
          inside: m.left >= box.left && m.right <= box.right && m.top >= box.top,
          shown: getComputedStyle(plot.querySelector('.modebar-group:not(:empty)')).opacity};
}"""


def open_at(browser, url: str, viewport: dict, *, chart: bool = True):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    open_page(page, url, chart=chart)
    no_exception(page, url)
    return context, page


@pytest.mark.parametrize("lang", LANGS)
def test_tab_passes_a_chart_in_six_stops_and_its_toolbar_speaks_the_language(server, browser, lang):
    context, page = open_at(browser, f"{server.base}/?lang={lang}", DESKTOP)
    try:
        charts_n = page.locator('[data-testid="stPlotlyChart"]').count()
        assert charts_n == 4
        page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').focus()")
        inside, toolbar = 0, []
        for _ in range(200):
            page.keyboard.press("Tab")
            where, label = page.evaluate(WHERE)
            if where == "in":
                inside += 1
                if label is not None:
                    toolbar.append(label)
            elif inside:
                break
        assert toolbar == [t("chart_toolbar.fullscreen", lang)] * charts_n
        assert inside == STOPS_PER_CHART * charts_n  # 24; it was 52
        # No Plotly button is left in the page, hidden or not, but full screen.
        labels = page.evaluate(
            "() => [...document.querySelectorAll('.modebar-btn')]"
            ".map(b => b.getAttribute('aria-label'))"
        )
        assert set(labels) == {t("chart_toolbar.fullscreen", lang)}
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_focused_toolbar_never_covers_the_title_or_the_plot(server, browser, lang):
    # Kohtaanto: four half-width charts, titles of one to three lines.
    context, page = open_at(browser, f"{server.base}/kohtaanto?lang={lang}", DESKTOP)
    try:
        plots = page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot')
        assert plots.count() == 4
        for i in range(plots.count()):
            plot = plots.nth(i)
            plot.scroll_into_view_if_needed()
            plot.locator(".modebar-btn").focus()
            page.wait_for_function(
                "(p) => getComputedStyle(p.querySelector('.modebar-group:not(:empty)'))"
                ".opacity === '1'",
                arg=plot.element_handle(),
                timeout=5_000,
            )
            seen = plot.evaluate(OVERLAPS)
            assert seen == {"title": False, "plot": False, "inside": True, "shown": "1"}, i
            if i == 0:
                page.screenshot(path=str(SHOTS / f"a11y-toolbar-focus-{lang}.png"))
    finally:
        context.close()


def open_table(page, key: str):
    """Open a chart's "show data" and return its table box."""
    summary = page.locator(f".st-key-table_{key} summary")
    summary.scroll_into_view_if_needed()
    summary.click()
    box = page.locator(f".st-key-table_{key} .kt-table-box")
    box.wait_for(state="visible", timeout=LOAD_MS)
    bu.wait_idle(page, LOAD_MS)
    return box


def column_cells(box, column: int) -> list[str]:
    return box.evaluate(
        "(b, i) => [...b.querySelectorAll('tbody tr')].map(r => r.cells[i].textContent)", column
    )


@pytest.mark.parametrize("lang", LANGS)
def test_show_data_has_decimal_commas_sorts_numbers_and_fits_1366(server, browser, lang):
    context, page = open_at(browser, f"{server.base}/kokeneet?lang={lang}", DESKTOP)
    try:
        box = open_table(page, "long_term_age")
        # Share, %: one decimal after a comma in every cell; counts with a no-break space.
        shares = column_cells(box, 2)
        assert shares and all(re.fullmatch(r"\d{1,3},\d", s) for s in shares), shares[:5]
        counts = column_cells(box, 4)
        assert all(re.fullmatch(r"\d{1,3}(\u00a0\d{3})*", c) for c in counts), counts[:5]
        # Sorted by the share's header: numbers by their value, the header says so.
        header = box.locator("th").nth(2)
        header.locator("button").click()
        assert header.get_attribute("aria-sort") == "ascending"
        keys = box.evaluate(
            "b => [...b.querySelectorAll('tbody tr')].map(r => Number(r.cells[2].dataset.sort))"
        )
        assert keys == sorted(keys) and keys[0] < keys[-1]
        header.locator("button").press("Enter")  # the keyboard sorts too
        assert header.get_attribute("aria-sort") == "descending"
        page.screenshot(path=str(SHOTS / f"a11y-table-{lang}.png"))
        # Every table of the page fits its column: it wraps, it does not scroll sideways.
        for key in ("age_trend", "age_share_areas", "lfs_55_64"):
            open_table(page, key)
        widths = page.evaluate(
            "() => [...document.querySelectorAll('.kt-table-box')]"
            ".map(b => [b.scrollWidth, b.clientWidth])"
        )
        assert len(widths) == 4 and all(s <= c for s, c in widths), widths
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_ammatit_tables_fit_1366(server, browser, lang):
    context, page = open_at(browser, f"{server.base}/ammatit?lang={lang}", DESKTOP)
    try:
        for key in ("occupation_shortage", "occupation_surplus", "transitions"):
            open_table(page, key)
        widths = page.evaluate(
            "() => [...document.querySelectorAll('.kt-table-box')]"
            ".map(b => [b.scrollWidth, b.clientWidth])"
        )
        assert len(widths) == 3 and all(s <= c for s, c in widths), widths
        # The occupations' status in words, not codes.
        status = column_cells(page.locator(".st-key-table_occupation_shortage .kt-table-box"), 4)
        assert not {"observed", "aggregated", "estimated"} & set(status), status
    finally:
        context.close()


PICKER = """() => { const i = document.querySelector('.st-key-f_area input');
  const g = i.closest('[role="group"]');
  return {value: i.value, fits: i.scrollWidth <= i.clientWidth, wrap: g.classList.contains('kt-wrap'),
          shown: g.dataset.ktFull || null, height: g.getBoundingClientRect().height}; }"""


def open_sidebar(page) -> None:
    """On a phone the sidebar starts closed; it slides open, its boxes growing to their width."""
    button = page.locator('[data-testid="stExpandSidebarButton"]')
    if button.count() and button.first.is_visible():
        button.first.click()
        page.locator(".st-key-f_area input").wait_for(state="visible", timeout=10_000)
    page.wait_for_function(
        "() => { const r = document.querySelector('[data-testid=\"stSidebar\"]')"
        ".getBoundingClientRect(); return r.left >= 0 && r.width > 250; }",
        timeout=10_000,
    )


def settled(page, condition: str) -> dict:
    """The picker once ``condition`` (JS over the PICKER state ``s``) holds, or as it is after
    Playwright's 30 s (a11y.js measures on the next frame after a change of size)."""
    from playwright.sync_api import TimeoutError as WaitedTooLong

    with contextlib.suppress(WaitedTooLong):
        page.wait_for_function(f"() => {{ const s = ({PICKER})(); return {condition}; }}")
    return page.evaluate(PICKER)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
@pytest.mark.parametrize("lang", LANGS)
def test_area_picker_label_is_never_cut(server, browser, real_db, lang, viewport):
    labels = bu.area_labels(real_db, lang)
    # The coordinator area of the report: its name alone now ("Länsi-Suomi"), and it fits.
    context, page = open_at(browser, f"{server.base}/?lang={lang}&area=KA3", viewport)
    try:
        open_sidebar(page)
        seen = settled(page, "s.fits && !s.wrap")
        assert seen["value"] == labels["KA3"] == {"fi": "Länsi-Suomi", "sv": "Västra Finland"}[lang]
        assert seen["fits"] and not seen["wrap"]
        page.locator('[data-testid="stSidebar"]').screenshot(
            path=str(SHOTS / f"a11y-sidebar-{lang}-{viewport['width']}.png")
        )
    finally:
        context.close()
    # A name too long for the box wraps onto more lines instead of being cut.
    long = {"fi": "EVK02", "sv": "TA12"}[lang]
    context, page = open_at(browser, f"{server.base}/?lang={lang}&area={long}", viewport)
    try:
        open_sidebar(page)
        seen = settled(page, "s.wrap && s.height > 50")
        assert seen["wrap"]
        assert seen["value"] == seen["shown"] == labels[long]
        assert seen["height"] > 50  # two lines or more
        # Still the control it was: typing picks another area.
        bu.choose(page, "f_area", labels["KA3"], labels["KA3"])
        bu.wait_rerun(page, "() => location.search.includes('area=KA3')")
        assert page.evaluate(PICKER)["value"] == labels["KA3"]
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_skip_link_language_and_overview_sentence(server, browser, lang):
    context, page = open_at(browser, f"{server.base}/?lang={lang}", DESKTOP)
    try:
        page.wait_for_function(
            "(lang) => document.documentElement.lang === lang", arg=lang, timeout=10_000
        )
        skip = page.locator('[data-testid="stSkipToContent"]')
        assert skip.text_content() == t("common.skip_to_main", lang)
        assert skip.get_attribute("href") == "#stMain"  # still Streamlit's working link
        # The count before the month: "352 001 kesäkuussa 2026", never "kesäkuussa 2026 352 001".
        first = page.locator('[data-testid="stMarkdownContainer"] li').first.inner_text()
        pattern = {
            "fi": r"työttömiä työnhakijoita oli \d{1,3}(\u00a0\d{3})* \w+ssa \d{4}[,.]",
            "sv": r": \d{1,3}(\u00a0\d{3})* arbetslösa arbetssökande i \w+ \d{4}[,.]",
        }[lang]
        assert re.search(pattern, first), first
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_phone_scatter_labels_are_drawn_whole(server, browser, lang):
    context, page = open_at(browser, f"{server.base}/ammatit?lang={lang}&area=MK12", PHONE)
    try:
        chart = page.locator(".st-key-chart_occupation_scatter")
        chart.scroll_into_view_if_needed()
        seen = chart.evaluate(
            """c => { const area = c.querySelector('.draglayer .nsewdrag').getBoundingClientRect();
              return [...c.querySelectorAll('.scatterlayer .textpoint text')]
                .filter(e => e.textContent && e.style.display !== 'none')
                .map(e => { const r = e.getBoundingClientRect();
                  return [e.textContent, r.left >= area.left - 1 && r.right <= area.right + 1
                          && r.top >= area.top - 1 && r.bottom <= area.bottom + 1]; }); }"""
        )
        assert seen, "no label drawn"
        assert all(inside for _, inside in seen), seen
        chart.screenshot(path=str(SHOTS / f"a11y-ammatit-scatter-{lang}-390.png"))
    finally:
        context.close()
