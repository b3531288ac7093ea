"""Alueet at the municipality level in real Chromium on the real database, in Finnish and
Swedish: the map draws North Karelia's 13 municipalities, the ranking their bars, the key
figures table its rows with the region marked, and the table's Excel file is named by the month
it shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from kohtaanto.i18n import t
from tests import browser_util as bu

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]
LOAD_MS = 120_000
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


@pytest.fixture(scope="module")
def server(real_db: Path, serve):
    return serve(real_db, "municipalities")


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_north_karelias_municipalities_on_the_map_and_ranked(server, page, lang):
    page.goto(f"{server.base}/alueet?area=MK12&level=municipality&lang={lang}", timeout=LOAD_MS)
    page.wait_for_selector(".js-plotly-plot .choroplethlocation", timeout=LOAD_MS)
    bu.wait_idle(page, LOAD_MS)
    assert page.locator('[data-testid="stException"]').count() == 0
    # The map: one drawn area per municipality, each of a readable size.
    areas = page.locator(".js-plotly-plot .choroplethlocation")
    assert areas.count() == 13
    box = areas.first.bounding_box()
    assert box and box["width"] > 10 and box["height"] > 10
    # The ranking: one bar per municipality, Joensuu among them.
    bars = page.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot')]
              .map(gd => gd.data && gd.data[0])
              .filter(tr => tr && tr.type === 'bar')
              .map(tr => [...tr.customdata])"""
    )
    assert len(bars) == 1 and len(bars[0]) == 13 and "KU167" in bars[0]
    assert page.locator(".js-plotly-plot .bars .point").count() == 13
    # The level picker shows the level by its name in the page's language.
    assert bu.combobox_value(page, "p_level") == t("alueet.levels.municipality", lang)
    # The key figures: 13 municipalities, the region marked, the country as the total.
    table = page.locator(".kt-bulletin table")
    table.scroll_into_view_if_needed()
    assert table.locator("tbody tr").count() == 15
    marked = table.locator("tr.kt-marked th").inner_text()
    assert marked.startswith({"fi": "Pohjois-Karjala", "sv": "Norra Karelen"}[lang])
    assert table.locator("tr.kt-total th").inner_text() == t("common.country", lang)
    SHOTS.mkdir(parents=True, exist_ok=True)
    bu.full_screenshot(page, SHOTS / f"alueet-municipalities-{lang}.png")


def test_the_key_figures_download_is_named_by_its_month(server, page):
    page.goto(f"{server.base}/alueet?area=MK12&end=2023-10", timeout=LOAD_MS)
    page.wait_for_selector(".kt-bulletin table", timeout=LOAD_MS)
    bu.wait_idle(page, LOAD_MS)
    # The visible button (Streamlit keeps a second, zero-width one beside its tooltip target).
    button = page.locator(".st-key-xlsx_alueet_key_figures .stTooltipHoverTarget button")
    with page.expect_download(timeout=LOAD_MS) as info:
        button.click()
    # 10/2023 against 10/2022, whatever the sidebar's start month.
    assert info.value.suggested_filename == (
        "kohtaanto_tunnusluvut-alueittain_MK12_2022-10_2023-10.xlsx"
    )
