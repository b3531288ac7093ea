"""/hankkeet at 1366×768 on the real database, fi and sv: every table fits the page's width
(text wraps in rows, no sideways scrolling). Screenshots: test-output/screenshots/
hankkeet-1366-<lang>.png."""
# ruff: noqa: F811  (fixtures imported from tests/projects_util.py are used by name)

from __future__ import annotations

import pytest

from kohtaanto import paths
from tests import browser_util as bu
from tests.projects_util import real_projects_db  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.timeout(400)]

SCREENSHOTS = paths.ROOT / "test-output" / "screenshots"
LOAD_MS = 120_000


@pytest.fixture(scope="module")
def server(real_projects_db, serve):
    return serve(real_projects_db, "fit-real")


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_project_tables_fit_1366(server, browser, lang):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    try:
        page = context.new_page()
        page.goto(f"{server.base}/hankkeet?lang={lang}", wait_until="domcontentloaded")
        page.wait_for_selector('[data-testid="stDataFrame"]', timeout=LOAD_MS)
        bu.wait_idle(page, LOAD_MS)
        # Each data grid's scroller (glide-data-grid's .dvn-scroller): content no wider than it.
        widths = page.eval_on_selector_all(
            '[data-testid="stDataFrame"] .dvn-scroller',
            "els => els.map(e => [e.scrollWidth, e.clientWidth])",
        )
        assert len(widths) == 3  # regional, national, and projects without an area
        assert all(content <= shown for content, shown in widths), widths
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        bu.full_screenshot(page, SCREENSHOTS / f"hankkeet-1366-{lang}.png")
    finally:
        context.close()
