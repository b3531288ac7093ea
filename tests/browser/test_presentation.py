"""The presentation page on a projector, in Finnish and Swedish on the real database: the own
deck of six charts fits the screen at 1366×768, 1440×900 and 1920×1080 without scrolling
(sidebar collapsed, chart sized to the window), ← → move between slides, a button makes it full
screen, the browser's print gives the whole deck as a handout (one slide to an A4 landscape
sheet), and the picks live in the URL from the first "add to presentation".

Screenshots: ``test-output/screenshots/esitys-<lang>-<w>x<h>.png``; the handout as
``esitys-handout-<lang>.pdf`` and its sheets as ``esitys-handout-<lang>-<n>.png`` (with
``pdftoppm``, from poppler-utils, when installed).
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from kohtaanto import paths
from kohtaanto.i18n import t
from tests import browser_util as bu
from tests.app.test_deck_offline import outside_asked
from tests.offline import RefusingProxy

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]

SCREENSHOTS = paths.ROOT / "test-output" / "screenshots"
LOAD_MS = 120_000
PICKS = "share,tightness,area_map,region_ranking,beveridge,lfs_55_64"
DECK = f"/esitys?area=MK01&picks={PICKS}"
SIZES = [(1366, 768), (1440, 900), (1920, 1080)]


@pytest.fixture(scope="module")
def proxy():
    """The server's Kaleido (PNG buttons, decks) without network (tests/offline.py)."""
    with RefusingProxy() as refusing:
        yield refusing


@pytest.fixture(scope="module")
def server(real_db: Path, serve, proxy):
    with pytest.MonkeyPatch.context() as mp:  # the server process takes the environment
        mp.setenv("CHOREO_PROXY_SERVER", proxy.address)
        return serve(real_db, "presentation")


def open_deck(page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded", timeout=LOAD_MS)
    page.wait_for_selector(".st-key-presenter .esitys-title", state="attached", timeout=LOAD_MS)
    bu.wait_idle(page, LOAD_MS)
    assert page.locator('[data-testid="stException"]').count() == 0


def box(page, selector: str) -> dict:
    return page.evaluate(
        "s => { const e = document.querySelector(s); if (!e) return null;"
        " const b = e.getBoundingClientRect();"
        " return {top: b.top, bottom: b.bottom, height: b.height, width: b.width}; }",
        selector,
    )


def slide_title(page) -> str:
    return page.locator(".st-key-presenter .esitys-title").inner_text().strip()


@pytest.mark.parametrize("lang", ["fi", "sv"])
@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_slide_fits_the_screen(server, browser, lang, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        open_deck(page, f"{server.base}{DECK}&lang={lang}")
        # The own deck opens first, named with its count, at its first slide.
        story = page.locator(".st-key-p_story input[role='combobox']")
        assert story.input_value() == t("story.own_count", lang, n=6)
        assert page.locator(".st-key-p_slide input[role='combobox']").input_value() == "1 / 6"
        # The sidebar is collapsed: the slide has the window's width.
        sidebar = box(page, '[data-testid="stSidebar"]')
        assert sidebar is None or sidebar["width"] < 2, sidebar
        presenter = box(page, ".st-key-presenter")
        chart = box(page, ".st-key-slide_chart")
        title = box(page, ".st-key-presenter .esitys-title")
        source = box(page, ".st-key-presenter .esitys-source")
        # Title, takeaway, chart and source all inside the window, none on another.
        assert presenter["bottom"] <= height + 1, (presenter, height)
        assert title["top"] > 0 and title["bottom"] <= chart["top"]
        assert chart["bottom"] <= source["top"] + 1 and source["bottom"] <= height + 1
        # The chart takes what the texts leave: over half the window's height.
        assert chart["height"] >= 0.5 * height, (chart, height)
        drawn = box(page, ".st-key-slide_chart .main-svg")
        assert drawn["height"] >= chart["height"] - 4, (drawn, chart)
        if (width, height) == SIZES[0]:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"esitys-{lang}-{width}x{height}.png"))
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_arrow_keys_and_full_screen(server, browser, lang):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    try:
        open_deck(page, f"{server.base}{DECK}&lang={lang}")
        first = slide_title(page)
        runs = bu.count_runs(page)
        page.keyboard.press("ArrowRight")
        bu.wait_new_run(
            page,
            runs,
            "t => document.querySelector('.st-key-presenter .esitys-title')?.innerText.trim()"
            " !== t && location.search.includes('slide=2')",
            first,
        )
        second = slide_title(page)
        assert second != first
        assert page.locator(".st-key-p_slide input[role='combobox']").input_value() == "2 / 6"
        runs = bu.count_runs(page)
        page.keyboard.press("ArrowLeft")
        bu.wait_new_run(
            page,
            runs,
            "t => document.querySelector('.st-key-presenter .esitys-title')?.innerText.trim() === t",
            first,
        )
        assert "slide=" not in page.url  # slide 1 is the default
        # Full screen: the page's own button, then out again with the same button.
        button = page.locator(".kt-fullscreen")
        assert button.inner_text().strip() == t("story.fullscreen", lang)
        button.click()
        page.wait_for_function("() => document.fullscreenElement !== null", timeout=10_000)
        assert button.get_attribute("aria-pressed") == "true"
        assert button.inner_text().strip() == t("story.fullscreen_exit", lang)
        assert box(page, ".st-key-presenter")["bottom"] <= page.evaluate("innerHeight") + 1
        button.click()
        page.wait_for_function("() => document.fullscreenElement === null", timeout=10_000)
    finally:
        context.close()


def pdf_pages_text(pdf: Path) -> list[str] | None:
    """The text of each sheet of ``pdf`` (pdftotext, poppler-utils), or None without it."""
    if not shutil.which("pdftotext"):
        return None
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [" ".join(sheet.split()) for sheet in text.split("\f")[:-1]]


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_printing_gives_the_whole_deck_one_slide_to_a_sheet(server, browser, lang):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    try:
        # Printed from the third slide: the handout still starts at the first.
        open_deck(page, f"{server.base}{DECK}&lang={lang}&slide=3")
        titles = [
            (title.text_content() or "").strip()  # out of sight on the screen: its text
            for title in page.locator(".st-key-handout .esitys-title").all()
        ]
        assert len(titles) == 6 and titles[2] == slide_title(page)
        page.emulate_media(media="print")
        bu.wait_idle(page, LOAD_MS)
        # Each shown chart redrawn for the sheet's width before print.js reads its size.
        page.wait_for_function(
            "() => [...document.querySelectorAll('.js-plotly-plot')].filter(p => p.offsetParent)"
            ".every(p => { const svg = p.querySelector('.main-svg');"
            " return svg && Math.abs(Number(svg.getAttribute('width')) - p.clientWidth) <= 2; })",
            timeout=30_000,
            polling=100,
        )
        pdf = page.pdf(format="A4", landscape=True, print_background=True)
        assert bu.pdf_sheets(pdf) == 6
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        out = SCREENSHOTS / f"esitys-handout-{lang}.pdf"
        out.write_bytes(pdf)
        sheets = pdf_pages_text(out)
        if sheets is not None:  # each sheet holds its slide and its source, in order
            assert len(sheets) == 6
            for sheet, title in zip(sheets, titles, strict=True):
                assert sheet.startswith(" ".join(title.split())), (title, sheet[:200])
                assert sheet.count(t("story.closing", lang)) == 0
                assert ("Lähde:" if lang == "fi" else "Källa:") in sheet
        if shutil.which("pdftoppm"):
            subprocess.run(
                ["pdftoppm", "-r", "60", "-png", str(out), str(out.with_suffix(""))], check=True
            )
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_the_first_pick_is_in_the_link_and_survives_a_reload(server, browser, lang):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    try:
        page.goto(f"{server.base}/alueet?area=MK01&lang={lang}", timeout=LOAD_MS)
        bu.wait_chart(page, LOAD_MS)
        bu.wait_idle(page, LOAD_MS)
        page.locator(".st-key-story_alueet_map button").first.click()
        page.wait_for_function("() => location.search.includes('picks=area_map')", timeout=30_000)
        bu.wait_idle(page, LOAD_MS)
        page.reload(wait_until="domcontentloaded")
        bu.wait_chart(page, LOAD_MS)
        bu.wait_idle(page, LOAD_MS)
        assert "picks=area_map" in page.url
        page.locator('[data-testid="stSidebarNav"] a[href$="/esitys"]').click()
        page.wait_for_selector(".st-key-presenter .esitys-title", timeout=LOAD_MS)
        bu.wait_idle(page, LOAD_MS)
        assert "picks=area_map" in page.url
        story = page.locator(".st-key-p_story input[role='combobox']")
        assert story.input_value() == t("story.own_count", lang, n=1)
        assert page.locator(".st-key-p_slide input[role='combobox']").input_value() == "1 / 1"
        assert box(page, '[data-testid="stSidebar"]')["width"] < 2  # collapsed for the slide
        # Back on the map page the sidebar (its filters) is there again.
        page.go_back()
        page.wait_for_function("() => location.pathname.endsWith('/alueet')", timeout=30_000)
        bu.wait_idle(page, LOAD_MS)
        page.wait_for_function(
            "() => document.querySelector('[data-testid=stSidebar]')"
            "?.getBoundingClientRect().width > 200",
            timeout=10_000,
        )
    finally:
        context.close()


def test_the_maps_png_button_draws_it_offline(server, browser, proxy):
    """The PNG button takes the path of the deck (images.render): the map on /alueet is drawn
    by the server's Kaleido with the network blocked."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(f"{server.base}/alueet?area=MK01", timeout=LOAD_MS)
        bu.wait_chart(page, LOAD_MS)
        bu.wait_idle(page, LOAD_MS)
        with page.expect_download(timeout=LOAD_MS) as download:
            page.locator(".st-key-png_alueet_map button").first.click()
        png = Path(download.value.path()).read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", png[16:24]) == (3200, 1800)
        assert download.value.suggested_filename.endswith(".png")
        assert not outside_asked(proxy), proxy.asked
    finally:
        context.close()
