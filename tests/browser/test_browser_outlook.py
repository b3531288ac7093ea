"""The outlook (issue 20) in headless Chromium on the real database: the dashed forecast and its
band on Yleiskuva for Pohjois-Karjala in every language, the ranking of the regions with the
interval as error bars on Ennakointi, and the track record on Aineisto.

The real database's outlook is made from 10/2023, its last month before the mirror's gap, so
every chart says that the later months are missing. Screenshots at 1366×768 go to
``test-output/screenshots/outlook-<what>-<lang>.png``.
"""

from __future__ import annotations

import re

import pytest

from kohtaanto import paths
from kohtaanto.i18n import LANGS, t
from tests import browser_util as bu

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

SCREENSHOTS = paths.ROOT / "test-output" / "screenshots"
LOAD_MS = 90_000
SCREEN = {"width": 1366, "height": 768}
NAMES = {"fi": "Pohjois-Karjala", "sv": "Norra Karelen", "en": "North Karelia"}

# Every drawn chart: its title, its traces (name, dash, fill, y, x, error bars, marker colour)
# as Plotly holds them once drawn, its legend's texts and its footnote.
CHARTS_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(p => ({
  title: (p.layout && p.layout.title && p.layout.title.text) || '',
  traces: (p._fullData || []).map(d => ({
    name: d.name || '', dash: (d.line && d.line.dash) || '', fill: d.fill || '',
    x: Array.from(d.x || []).map(String), y: Array.from(d.y || []),
    plus: d.error_x && d.error_x.visible ? Array.from(d.error_x.array || []) : [],
    color: (d.marker && typeof d.marker.color === 'string') ? d.marker.color : ''})),
  legend: [...p.querySelectorAll('.legendtext')].map(e => e.textContent),
  legendBottom: p.querySelector('.legend') ? p.querySelector('.legend').getBoundingClientRect().bottom : 0,
  noteTop: p.querySelector('.annotation') ? p.querySelector('.annotation').getBoundingClientRect().top : 1e9,
  footnote: [...p.querySelectorAll('.annotation-text')].map(e => {
    const lines = [...e.querySelectorAll('tspan.line')];
    return lines.length ? lines.map(l => l.textContent).join(' ') : e.textContent;
  }).join(' ')
}))"""


@pytest.fixture(scope="module")
def server(real_db, serve):
    return serve(real_db, "outlook")


def plain(text: str) -> str:
    """Text without markup, line breaks and no-break spaces: one space between words."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text).replace("\u00a0", " ")).strip()


def open_page(page, url: str) -> None:
    page.set_viewport_size(SCREEN)
    page.goto(url, wait_until="domcontentloaded", timeout=LOAD_MS)
    page.wait_for_selector("h1", state="attached", timeout=LOAD_MS)
    bu.wait_idle(page, LOAD_MS)
    assert page.locator('[data-testid="stException"]').count() == 0


def chart_titled(page, start: str) -> tuple[dict, int]:
    charts = page.evaluate(CHARTS_JS)
    for i, chart in enumerate(charts):
        if plain(chart["title"]).startswith(start):
            return chart, i
    raise AssertionError(f"no chart titled {start!r}: {[plain(c['title']) for c in charts]}")


def shoot(page, index: int, name: str) -> None:
    """The chart ``index`` scrolled to the top of a 1366×768 screen."""
    page.locator(".js-plotly-plot").nth(index).scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name))


@pytest.mark.parametrize("lang", LANGS)
def test_overview_continues_the_share_as_a_dashed_outlook_with_its_band(server, page, lang):
    open_page(page, f"{server.base}/?area=MK12&lang={lang}")
    title = t("yleiskuva.chart_share", lang, area=NAMES[lang])
    chart, index = chart_titled(page, plain(title).split(":")[0])
    name = t("outlook.legend_forecast", lang, origin="10/2023", model="Holt-Winters")
    [dashed] = [tr for tr in chart["traces"] if tr["dash"] == "dash"]
    assert dashed["name"] == name
    assert dashed["x"][0].startswith("2023-10") and dashed["x"][-1].startswith("2024-10")
    assert len(dashed["y"]) == 13 and all(isinstance(v, int | float) for v in dashed["y"])
    area = next(tr for tr in chart["traces"] if tr["name"] == NAMES[lang])
    observed = dict(zip([x[:7] for x in area["x"]], area["y"], strict=True))
    assert dashed["y"][0] == pytest.approx(observed["2023-10"])  # it starts at the origin
    band = [tr for tr in chart["traces"] if tr["fill"] == "tonexty"]
    assert [tr["name"] for tr in band] == [t("outlook.legend_band", lang)]
    # The legend names the forecast and the band; the footnote says the gap after it.
    assert name in chart["legend"] and t("outlook.legend_band", lang) in chart["legend"]
    footnote = plain(chart["footnote"])
    assert "10/2023" in footnote and "11/2023–5/2026" in footnote
    gap = t("note.forecast_gap", lang, origin="10/2023", months="11/2023–5/2026")
    assert plain(gap) in footnote
    # Every chart's legend, the forecast's items too, stays above its footnote.
    for drawn in page.evaluate(CHARTS_JS):
        assert drawn["legendBottom"] <= drawn["noteTop"] + 1, plain(drawn["title"])
    if lang == "fi":
        shoot(page, index, "outlook-overview-fi.png")


def test_ennakointi_ranks_the_regions_with_their_intervals(server, page):
    open_page(page, f"{server.base}/ennakointi?area=MK12")
    chart, index = chart_titled(page, "Työttömien työnhakijoiden ennustettu muutos")
    assert "10/2023–10/2024" in plain(chart["title"])
    names = [n for tr in chart["traces"] for n in tr["y"]]
    assert len(names) == 19 and len(set(names)) == 19
    chosen = [tr for tr in chart["traces"] if tr["color"] == "#0060A8"]
    assert [tr["y"] for tr in chosen] == [["Pohjois-Karjala"]]
    assert all(len(tr["plus"]) == len(tr["y"]) for tr in chart["traces"])  # error bars
    assert t("outlook.legend_ranking", "fi") in chart["legend"]
    share, _ = chart_titled(page, "Työttömien osuuden ennustettu muutos")
    assert len([n for tr in share["traces"] for n in tr["y"]]) == 19
    shoot(page, index, "outlook-ranking-fi.png")
    # Another level from the URL: the employment areas.
    open_page(page, f"{server.base}/ennakointi?area=MK12&level=employment_area")
    chart, _ = chart_titled(page, "Työttömien työnhakijoiden ennustettu muutos")
    assert plain(chart["title"]).endswith("työllisyysalueet")
    assert len([n for tr in chart["traces"] for n in tr["y"]]) > 19


def test_aineisto_tells_the_track_record_in_plain_words(server, page):
    open_page(page, f"{server.base}/aineisto")
    page.get_by_role("tab", name=t("aineisto.tab_definitions", "fi")).click()
    heading = page.get_by_role("heading", name=t("aineisto.record_header", "fi"))
    heading.wait_for(state="visible", timeout=LOAD_MS)
    text = page.locator('[data-testid="stMain"]').inner_text().replace("\u00a0", " ")
    # The regions' unemployed a month ahead: 25 % of the naive's error (v_forecast_accuracy_level).
    assert (
        "Työttömät työnhakijat (19 maakuntaa): kuukauden päähän ennusteen virhe oli keskimäärin "
        "25 % kausinaiivin ennusteen virheestä." in text
    )
    assert re.search(r"80 %:n välit osuivat \d+ %:iin toteutuneista arvoista\.", text)
    assert t("aineisto.col_horizon", "fi") in text
    heading.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "outlook-record-fi.png"))
