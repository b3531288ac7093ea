"""The real app in headless Chromium: every page in every language, filters in the URL, the
navigation, a bad link and the presentation page.

One server (``python -m kohtaanto serve`` on the real database, 127.0.0.1 only) and one browser
for the module; a fresh browser context for every check. Screenshots of every page and language
go to ``test-output/screenshots/<page>-<lang>.png``.

Needs Debian's ``/usr/bin/chromium`` (``.ci/run`` installs it): without it the tests are skipped
locally and fail in CI.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import duckdb
import pytest

from kohtaanto import fmt, paths
from kohtaanto.i18n import LANGS, catalogue, t
from tests import browser_util as bu

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

PAGES = bu.app_pages()
SCREENSHOTS = paths.ROOT / "test-output" / "screenshots"
LOAD_MS = 90_000  # first loads on a busy 2-core machine, with cold query caches
STEP_MS = 60_000
# Pages without a "<page>.title" h1: the locator of their own heading and its key.
OWN_HEADINGS = {"esitys": ('[data-testid="stHeading"] h3', "story.deck_heading")}
EXCEPTION = '[data-testid="stException"]'
# A missing text shows its key ("toimialat.chart_title"): any "<section>.<key>" that is not a
# file name in the visible text is one.
SECTIONS = sorted({key.split(".")[0] for key in catalogue()}, key=len, reverse=True)
RAW_KEY = re.compile(
    rf"\b(?:{'|'.join(map(re.escape, SECTIONS))})\.[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*\b"
)
FILE_SUFFIXES = ("duckdb", "py", "sql", "toml", "csv", "json", "png", "zip", "pptx", "xlsx", "fi")


@pytest.fixture(scope="module")
def area_names(real_db: Path) -> dict[str, dict[str, str]]:
    """``{area_code: {lang: name}}`` from the database the server reads."""
    with duckdb.connect(str(real_db), read_only=True) as con:
        rows = con.execute(
            "select area_code, name_fi, name_sv, name_en, level from areas"
        ).fetchall()
    return {
        code: {"fi": fi, "sv": sv, "en": en, "level": level} for code, fi, sv, en, level in rows
    }


@pytest.fixture(scope="module")
def months(real_db: Path) -> list[dt.date]:
    with duckdb.connect(str(real_db), read_only=True) as con:
        rows = con.execute(
            # The months the app offers (queries/month_list.sql): the country's.
            "select distinct period from observations where frequency = 'month'"
            " and measure = 'unemployed' and area_code = 'SSS' and age_group = 'SSS'"
            " and occupation_code = 'SSS' and industry_code = 'SSS' and sex = 'SSS'"
            " and value is not null order by period"
        ).fetchall()
    return [r[0] for r in rows]


@pytest.fixture(scope="module")
def server(real_db: Path, serve):
    return serve(real_db, "browser")


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def expected_h1(name: str, lang: str, area_name: str) -> str | None:
    key = f"{name}.title"
    return t(key, lang, area=area_name) if key in catalogue() else None


def open_page(page, url: str, *, chart: bool) -> None:
    """Open ``url`` and wait for the first chart (or the heading) and an idle script."""
    page.goto(url, wait_until="domcontentloaded", timeout=LOAD_MS)
    page.wait_for_selector("h1, .esitys-title", state="attached", timeout=LOAD_MS)
    if chart:
        bu.wait_chart(page, LOAD_MS)
    bu.wait_idle(page, LOAD_MS)


def no_exception(page, what: str) -> None:
    boxes = page.locator(EXCEPTION)
    assert boxes.count() == 0, f"{what}: exception shown: {boxes.first.inner_text()[:2000]}"


def h1_text(page) -> str:
    return page.locator("h1").first.inner_text().strip()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("name", "path"), PAGES, ids=[n for n, _ in PAGES])
def test_page_renders_in_language(server, page, real_db, area_names, name, path, lang):
    area = area_names["MK12"][lang]
    url = bu.page_url(server.base, name, path, f"lang={lang}&area=MK12")
    open_page(page, url, chart=bu.page_has_chart(name))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    bu.full_screenshot(page, SCREENSHOTS / f"{name}-{lang}.png")
    what = f"/{path}?lang={lang}"
    no_exception(page, what)

    nav = page.locator(
        '[data-testid="stSidebarNavLink"][aria-current="page"] [data-testid="stMarkdownContainer"]'
    )
    assert nav.inner_text().strip() == t(f"nav.{name}", lang), what
    title = expected_h1(name, lang, area)
    if title is not None:
        assert h1_text(page) == title, what
    else:
        assert name in OWN_HEADINGS, f"{what}: no '{name}.title' text and no known heading"
        selector, key = OWN_HEADINGS[name]
        assert page.locator(selector).first.inner_text().strip() == t(key, lang), what
    assert bu.combobox_value(page, "f_area") == bu.area_labels(real_db, lang)["MK12"], what

    text = page.locator('[data-testid="stApp"]').inner_text()
    raw = [k for k in RAW_KEY.findall(text) if not k.endswith(FILE_SUFFIXES)]
    assert not raw, f"{what}: untranslated text keys shown: {sorted(set(raw))}"


def first_metric(page) -> str:
    metric = page.locator('[data-testid="stMetric"]')
    return metric.first.inner_text().strip() if metric.count() else ""


def test_filter_change_is_in_url_and_link_opens_same_view(
    server, browser, page, real_db, area_names, months
):
    lang = "en"
    open_page(page, f"{server.base}/?lang={lang}&area=MK12", chart=True)
    before = h1_text(page)

    ka4 = area_names["KA4"]
    option = bu.area_labels(real_db, lang)["KA4"]
    bu.choose(page, "f_area", ka4[lang], option)
    title = expected_h1("yleiskuva", lang, ka4[lang])
    bu.wait_rerun(
        page,
        "([title]) => location.search.includes('area=KA4')"
        " && document.querySelector('h1')?.innerText.trim() === title",
        [title],
    )
    assert h1_text(page) != before

    start = months[-30]
    bu.choose(page, "f_start", fmt.month_short(start), fmt.month_short(start))
    code = f"{start:%Y-%m}"
    bu.wait_rerun(page, "([code]) => location.search.includes('start=' + code)", [code])
    no_exception(page, "after the filter change")
    params = query(page.url)
    assert params["area"] == "KA4"
    assert params["start"] == code
    assert params["lang"] == lang

    shared = page.url
    view = {
        "area": bu.combobox_value(page, "f_area"),
        "start": bu.combobox_value(page, "f_start"),
        "h1": h1_text(page),
        "metric": first_metric(page),
    }
    assert view["area"] == option
    assert view["metric"], "the overview shows no metric"

    other = browser.new_context(viewport=bu.VIEWPORT)
    try:
        fresh = other.new_page()
        open_page(fresh, shared, chart=True)
        no_exception(fresh, shared)
        assert {
            "area": bu.combobox_value(fresh, "f_area"),
            "start": bu.combobox_value(fresh, "f_start"),
            "h1": h1_text(fresh),
            "metric": first_metric(fresh),
        } == view
        assert query(fresh.url) == params
    finally:
        other.close()


def test_navigation_keeps_filters(server, page, real_db, area_names, months):
    lang = "sv"
    start = f"{months[-24]:%Y-%m}"
    open_page(page, f"{server.base}/?lang={lang}&area=MK12&start={start}", chart=True)
    for name, path in [p for p in PAGES if p[0] != bu.DEFAULT_PAGE][:2]:
        link = page.locator('[data-testid="stSidebarNavLink"]').filter(
            has_text=t(f"nav.{name}", lang)
        )
        link.first.click()
        expected = expected_h1(name, lang, area_names["MK12"][lang])
        bu.wait_rerun(
            page,
            "([path, title]) => location.pathname === '/' + path && (title === null"
            " || document.querySelector('h1')?.innerText.trim() === title)",
            [path, expected],
        )
        no_exception(page, f"/{path} after the navigation")
        params = query(page.url)
        assert (params.get("lang"), params.get("area"), params.get("start")) == (
            lang,
            "MK12",
            start,
        ), page.url
        assert bu.combobox_value(page, "f_area") == bu.area_labels(real_db, lang)["MK12"]


def test_bad_url_parameters_show_notice(server, page, area_names):
    open_page(page, f"{server.base}/?area=NOPE&start=2023-99", chart=True)
    no_exception(page, "a bad link")
    notices = " ".join(page.locator('[data-testid="stAlert"]').all_inner_texts())
    notices = " ".join(notices.split())
    for param, value in (("area", "NOPE"), ("start", "2023-99")):
        assert t("common.bad_param", "fi", param=param, value=value) in notices, notices
    assert h1_text(page) == t("yleiskuva.title", "fi", area=area_names["SSS"]["fi"])
    assert "area" not in query(page.url)


def slide_title(page) -> str:
    return page.locator(".esitys-title").first.inner_text().strip()


def test_presentation_steps_through_slides(server, browser, page):
    if "esitys" not in dict(PAGES):
        pytest.fail("the presentation page is missing from app.py PAGES or pages/")
    open_page(page, f"{server.base}/esitys?area=MK12", chart=False)
    no_exception(page, "/esitys")
    titles = [slide_title(page)]
    for slide in (2, 3):
        page.locator(".st-key-story_next button").click()
        bu.wait_rerun(
            page,
            "([n, before]) => location.search.includes('slide=' + n)"
            " && document.querySelector('.esitys-title')?.innerText.trim() !== before",
            [slide, titles[-1]],
        )
        no_exception(page, f"/esitys slide {slide}")
        titles.append(slide_title(page))
    assert query(page.url)["slide"] == "3"
    assert len(set(titles)) == 3, titles

    page.locator(".st-key-story_prev button").click()
    bu.wait_rerun(
        page,
        "([before]) => location.search.includes('slide=2')"
        " && document.querySelector('.esitys-title')?.innerText.trim() !== before",
        [titles[2]],
    )
    assert slide_title(page) == titles[1]

    other = browser.new_context(viewport=bu.VIEWPORT)
    try:
        fresh = other.new_page()
        open_page(fresh, f"{server.base}/esitys?area=MK12&slide=2", chart=False)
        no_exception(fresh, "/esitys?slide=2")
        assert slide_title(fresh) == titles[1]
        assert query(fresh.url)["slide"] == "2"
    finally:
        other.close()


def plotly_traces(page) -> list[list[dict]]:
    """Every drawn chart's traces as Plotly holds them once drawn (``_fullData``: arrays
    decoded; ``y`` null at a gap; text values of bar labels left out)."""
    return page.evaluate(
        "() => [...document.querySelectorAll('.js-plotly-plot')].map(p => (p._fullData || [])"
        ".map(d => ({name: d.name || '', x: Array.from(d.x || []).map(String),"
        " y: Array.from(d.y || []).map(v => typeof v === 'number' && !Number.isNaN(v) ? v"
        " : (v === null || typeof v === 'number' ? null : String(v)))})))"
    )


def _number(v) -> bool:
    try:
        float(v)
    except (TypeError, ValueError):
        return False
    return True


def test_kokeneet_for_a_region_draws_real_age_figures(server, page):
    # Issue 7: the live 12r5 answer of 2026-06 has TYOTTOMAT50 for every area.
    open_page(page, f"{server.base}/kokeneet?area=MK12", chart=True)
    no_exception(page, "kokeneet MK12")
    charts = plotly_traces(page)
    values = [
        v for chart in charts for trace in chart for v in trace["y"] + trace["x"] if _number(v)
    ]
    # The trend by age and long-term unemployment by age have 6/2026 alone for a region: shown
    # as numbers (issue 17); the share by area and the Labour Force Survey are drawn.
    assert len(charts) >= 2
    # The 50+ share of Pohjois-Karjala in 2026-06: 3 993 of 11 075 unemployed, 36.1 %.
    assert any(abs(float(v) - 36.05) < 0.01 for v in values), values[:20]


def test_overview_breaks_the_line_between_2023_10_and_2026_06(server, page):
    open_page(page, f"{server.base}/?start=2023-01&end=2026-06", chart=True)
    share = plotly_traces(page)[0][0]
    by_month = dict(zip([x[:7] for x in share["x"]], share["y"], strict=True))
    assert by_month["2023-10"] is not None
    assert by_month["2026-06"] is not None
    # Every month between has a null point, so Plotly draws no line across the gap.
    assert by_month["2024-06"] is None and by_month["2026-05"] is None
    assert all(by_month[m] is None for m in by_month if "2023-10" < m < "2026-06")
