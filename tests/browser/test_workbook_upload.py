"""The workbook check's uploader in real Chromium, in fi and sv on the real database: its own
words translated (kohtaanto/static/uploader.css), an oversize file answered with a sentence in
the page's language and the previous file's result gone, both when the check refuses the file
(over 5 MB) and when the browser does (over the 50 MB upload limit). Screenshots go to
test-output/screenshots/upload-<lang>-*.png."""
# ruff: noqa: F811  (fixtures imported from tests/projects_util.py are used by name)

from __future__ import annotations

import os

import pytest

from kohtaanto import paths
from kohtaanto.i18n import t
from kohtaanto.projects import issues
from kohtaanto.projects import workbook as projects
from tests import browser_util as bu
from tests.projects_util import project, real_projects_db, workbook  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]

SCREENSHOTS = paths.ROOT / "test-output" / "screenshots"
LOAD_MS = 180_000  # the first visitor of a fresh server on a busy machine waits long
UPLOAD = '.st-key-check_upload input[type="file"]'
BUTTON = '.st-key-check_upload [data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] p'
LIMITS = '.st-key-check_upload [data-testid="stFileUploaderDropzoneInstructions"] span'
OVERLAY = '.st-key-check_upload [data-testid="stFileUploaderDropzone"] > div > span:only-child'


@pytest.fixture(scope="module")
def server(real_projects_db, serve):
    return serve(real_projects_db, "upload-real")


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("uploads")
    good = folder / "hyva.xlsx"
    good.write_bytes(workbook([project("S9", alueet="MK01")]))
    big = folder / "iso.xlsx"
    big.write_bytes(os.urandom(6 * 1024 * 1024))  # 6 MB: sent, refused by the check
    huge = folder / "valtava.xlsx"
    huge.write_bytes(bytes(51 * 1024 * 1024))  # over the browser's 50 MB: never sent
    return {"good": good, "big": big, "huge": huge}


def after(page, selector: str) -> str:
    """The generated text of an element's ::after (the translated word)."""
    return page.eval_on_selector(selector, "e => getComputedStyle(e, '::after').content")


def upload(page, path) -> None:
    page.locator(UPLOAD).set_input_files(str(path))
    bu.wait_idle(page, LOAD_MS)


def shown(page, text: str) -> bool:
    found = page.get_by_text(text, exact=True)
    return found.count() > 0 and found.first.is_visible()


@pytest.mark.parametrize(
    ("lang", "choose", "limits", "drop"),
    [
        (
            "fi",
            "Valitse tiedosto",
            "tai vedä se tähän · .xlsx, enintään 5 Mt",
            "Pudota tiedosto tähän",
        ),
        ("sv", "Välj fil", "eller dra den hit · .xlsx, högst 5 MB", "Släpp filen här"),
    ],
)
def test_uploader_in_the_pages_language(server, page, files, lang, choose, limits, drop):
    page.goto(f"{server.base}/hankkeet?lang={lang}", wait_until="domcontentloaded")
    page.wait_for_selector(UPLOAD, state="attached", timeout=LOAD_MS)
    bu.wait_idle(page, LOAD_MS)
    page.locator(".st-key-check_upload").scroll_into_view_if_needed()

    # Streamlit's English words are not drawn; ours are drawn instead. ("Upload" stays the
    # button's accessible name, at no size: axe takes no name from generated content.)
    assert after(page, BUTTON) == f'"{choose}"'
    assert after(page, LIMITS) == f'"{limits}"'
    assert page.eval_on_selector(BUTTON, "e => [e.innerText, getComputedStyle(e).fontSize]") == [
        "Upload",
        "0px",
    ]
    assert not page.get_by_text("50MB per file", exact=False).first.is_visible()
    # A file dragged over the drop zone: the overlay's words too.
    transfer = page.evaluate_handle(
        "() => { const d = new DataTransfer(); d.items.add(new File(['x'], 'a.xlsx')); return d; }"
    )
    zone = '.st-key-check_upload [data-testid="stFileUploaderDropzone"]'
    page.dispatch_event(zone, "dragenter", {"dataTransfer": transfer})
    page.wait_for_selector(OVERLAY, state="attached", timeout=10_000)
    assert after(page, OVERLAY) == f'"{drop}"'
    page.dispatch_event(zone, "dragleave", {"dataTransfer": transfer})
    page.dispatch_event(
        zone, "drop", {"dataTransfer": page.evaluate_handle("() => new DataTransfer()")}
    )
    bu.wait_idle(page, LOAD_MS)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"upload-{lang}-labels.png"))

    ok = t("hankkeet.check_ok", lang, file="hyva.xlsx", projects=1, practices=0, reports=0)
    upload(page, files["good"])
    page.get_by_text(ok).wait_for(timeout=LOAD_MS)

    # Over 5 MB: the check says so in the page's language, and the previous result is gone.
    size = os.path.getsize(files["big"]) / issues.MB
    problem = issues.message(
        "too_large", lang, {"size": size, "limit": projects.MAX_BYTES / issues.MB}
    )
    too_large = t("hankkeet.check_unusable", lang, file="iso.xlsx", problem=problem)
    upload(page, files["big"])
    page.get_by_text(too_large).wait_for(timeout=LOAD_MS)
    assert not shown(page, ok)
    page.screenshot(path=str(SCREENSHOTS / f"upload-{lang}-oversize.png"))

    # Over the browser's limit: never sent; the page's sentence, and no older result under it.
    upload(page, files["good"])
    page.get_by_text(ok).wait_for(timeout=LOAD_MS)
    refused = t("hankkeet.check_refused", lang, limit=50, mb=5)
    assert not shown(page, refused)
    page.locator(UPLOAD).set_input_files(str(files["huge"]))
    page.wait_for_function(
        "t => [...document.querySelectorAll('[data-testid=stAlertContentError]')]"
        ".some(e => e.innerText.includes(t) && e.offsetParent !== null)",
        arg=refused[:40],
        timeout=LOAD_MS,
    )
    assert shown(page, refused)
    assert not shown(page, ok)
    page.screenshot(path=str(SCREENSHOTS / f"upload-{lang}-refused.png"))
