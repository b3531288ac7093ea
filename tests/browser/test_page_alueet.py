"""Browser tests of page alueet (the rest: tests/app/test_page_alueet.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.app.test_page_alueet import _free_port


@pytest.mark.browser
def test_clicking_an_area_on_the_map_chooses_it(mapped_db):
    """The map draws offline (no base map from the internet) and a click on an area selects it."""
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    chromium = shutil.which("chromium")
    if not chromium:
        pytest.skip("no system Chromium")
    port = _free_port()
    env = {
        **os.environ,
        "KOHTAANTO_DB": str(mapped_db),
        "STREAMLIT_SERVER_PORT": str(port),
        "STREAMLIT_SERVER_HEADLESS": "true",
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "kohtaanto", "serve"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1600, "height": 1200})
            page.goto(f"http://127.0.0.1:{port}/alueet?lang=en&area=MK12")
            page.wait_for_selector(".js-plotly-plot .choroplethlocation", timeout=60_000)
            assert page.locator(".js-plotly-plot .choroplethlocation").count() >= 4
            box = page.locator(".js-plotly-plot .choroplethlocation").first.bounding_box()
            assert box and box["width"] > 20  # drawn at a readable size, not a dot
            target = page.evaluate(
                """() => {
                  const gd = document.querySelector('.js-plotly-plot');
                  const paths = [...gd.querySelectorAll('.choroplethlocation')];
                  const i = gd.data[0].locations.indexOf('MK02');
                  const r = paths[i].getBoundingClientRect();
                  return {x: r.x + r.width / 2, y: r.y + r.height / 2};
                }"""
            )
            page.mouse.click(target["x"], target["y"])
            page.wait_for_function("() => location.search.includes('area=MK02')", timeout=30_000)
            page.wait_for_selector("h1:has-text('Comparing areas: Region 02')", timeout=30_000)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
