"""Hankkeet and Seuranta in headless Chromium: both pages in fi/sv/en on the real and demo
databases, a project card by deep link, and the workbook check rejecting a bad file with the
row named. Screenshots go to ``test-output/screenshots/``."""

from __future__ import annotations

import pytest

from kohtaanto import paths
from kohtaanto.i18n import LANGS, t
from tests import browser_util as bu
from tests.projects_util import workbook

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

SCREENSHOTS = paths.ROOT / "test-output" / "screenshots"
LOAD_MS = 90_000


@pytest.fixture(scope="module")
def real_server(real_projects_db, serve):
    return serve(real_projects_db, "projects-real")


@pytest.fixture(scope="module")
def demo_server(demo_db, serve):
    return serve(demo_db, "projects-demo")


def open_page(page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded", timeout=LOAD_MS)
    page.wait_for_selector("h1", state="attached", timeout=LOAD_MS)
    bu.wait_idle(page, LOAD_MS)
    boxes = page.locator('[data-testid="stException"]')
    assert boxes.count() == 0, boxes.first.inner_text()[:2000]


@pytest.mark.parametrize("lang", LANGS)
def test_project_card_by_deep_link(real_server, page, lang):
    open_page(page, f"{real_server.base}/hankkeet?lang={lang}&project=S20762")
    bu.wait_chart(page, LOAD_MS)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    bu.full_screenshot(page, SCREENSHOTS / f"hankkeet-card-{lang}.png")
    text = page.locator('[data-testid="stApp"]').inner_text()
    assert "S20762: TYÖIKÄ – Työtä kaiken ikää" in text
    assert t("hankkeet.no_50", lang, area=area_name(lang), start="8/2016", end="7/2019") in text
    title = t("hankkeet.context_chart", lang, area=area_name(lang), start="8/2016", end="7/2019")
    # The chart's title as one line of text (the figure's own may wrap over several).
    assert page.locator(".chart-title-phone", has_text=title).count() == 1


def area_name(lang: str) -> str:
    return {"fi": "Kymenlaakso", "sv": "Kymmenedalen", "en": "Kymenlaakso"}[lang]


def test_workbook_check_rejects_a_bad_file_with_the_row(real_server, page, tmp_path):
    open_page(page, f"{real_server.base}/hankkeet?lang=en")
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(
        workbook(
            [{"hankekoodi": "S9", "nimi_fi": "X", "alkaa": "2025-01-01", "päättyy": "2024-01-01"}]
        )
    )
    page.locator('.st-key-check_upload input[type="file"]').set_input_files(str(bad))
    failed = t("hankkeet.check_failed", "en", file="bad.xlsx", n=1)
    page.get_by_text(failed).wait_for(timeout=LOAD_MS)
    # The issue table naming sheet, row and column is a data grid drawn on a canvas: its cells
    # are checked in tests/app/test_workbook_check.py; here, that it is under the sentence.
    assert page.locator('.st-key-check_result [data-testid="stDataFrame"]').count() == 1
    bu.full_screenshot(page, SCREENSHOTS / "hankkeet-check-en.png")


@pytest.mark.parametrize("lang", LANGS)
def test_seuranta_on_the_demo_database(demo_server, page, lang):
    open_page(page, f"{demo_server.base}/seuranta?lang={lang}")
    bu.wait_chart(page, LOAD_MS)
    bu.full_screenshot(page, SCREENSHOTS / f"seuranta-demo-{lang}.png")
    country = {"fi": "Koko maa", "sv": "Hela landet", "en": "Whole country"}[lang]
    assert page.locator("h1").first.inner_text().strip() == t("seuranta.title", lang, area=country)
    assert page.get_by_text(t("seuranta.progress_title", lang), exact=True).count() == 1


@pytest.mark.parametrize("lang", LANGS)
def test_hankkeet_on_the_demo_database(demo_server, page, lang):
    open_page(page, f"{demo_server.base}/hankkeet?lang={lang}&area=MK12")
    bu.wait_chart(page, LOAD_MS)
    bu.full_screenshot(page, SCREENSHOTS / f"hankkeet-demo-{lang}.png")
    text = page.locator('[data-testid="stApp"]').inner_text()
    area = {"fi": "Pohjois-Karjala", "sv": "Norra Karelen", "en": "North Karelia"}[lang]
    assert t("hankkeet.group_in", lang, area=area, n=2) in text
    assert t("hankkeet.group_national", lang, n=1) in text
