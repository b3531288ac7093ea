"""Sign-in end to end in real Chromium, through a real OpenID Connect provider on localhost
(oidc-provider-mock) and st.login, on the tiny database with a SQLite store:

1. the coordinator of Itä-Suomi (KA4) signs in and saves a good practice of a KA4 project as a
   draft; 2. a signed-out reader does not see it, and the coordinator of Uusimaa cannot edit it;
3. KA4 publishes it, and the reader sees it on the card with its script tag as text;
4. two browsers edit it at once: the second gets the conflict message and keeps its text, and an
   earlier version is restored.

Screenshots (1366x768) go to test-output/screenshots/signin-*.png.
"""

from __future__ import annotations

import pytest

from kohtaanto import paths
from kohtaanto.i18n import t
from tests import browser_util as bu
from tests.oidc_util import running_provider, secrets_toml, seed_store

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]

SCREENSHOTS = paths.ROOT / "test-output" / "screenshots"
VIEWPORT = {"width": 1366, "height": 768}
LOAD_MS = 180_000
KA4 = "koordinaattori.ita@example.fi"
KA1 = "koordinaattori.uusimaa@example.fi"
ROLES = f"""
[[user]]
email = "{KA4}"
role = "coordinator"
areas = ["KA4"]
[[user]]
email = "{KA1}"
role = "coordinator"
areas = ["KA1"]
"""
TITLE = "Mentorointi <script>window.hacked=1</script>"
IDEA = "Kokeneet osaajat ohjaavat nuorempia. <img src=x onerror=window.hacked=2>"


@pytest.fixture(scope="module")
def app(browser, tiny_projects_db, tmp_path_factory):
    """The app with sign-in through the local provider, a store and the roles file."""
    folder = tmp_path_factory.mktemp("signin")
    roles = folder / "roles.toml"
    roles.write_text(ROLES, encoding="utf-8")
    url = f"sqlite:///{folder}/tietopankki.sqlite"
    store = seed_store(url, roles, tiny_projects_db, folder)
    with running_provider(folder / "provider.log") as provider:
        port = bu.free_port()
        secrets = folder / "secrets.toml"
        secrets.write_text(secrets_toml(provider, port), encoding="utf-8")
        try:
            server = bu.start_server(
                folder / "server.log",
                db=tiny_projects_db,
                port=port,
                timeout=120,
                env={"KOHTAANTO_STORE": url, "KOHTAANTO_ROLES": str(roles)},
                options=["--secrets.files", str(secrets)],
            )
        except RuntimeError as exc:
            pytest.fail(str(exc))
        try:
            yield server, store
        finally:
            server.stop()
            store.close()


def new_page(browser):
    context = browser.new_context(viewport=VIEWPORT)
    return context, context.new_page()


def open_card(page, base: str) -> None:
    page.goto(f"{base}/hankkeet?project=S2", timeout=LOAD_MS)
    bu.wait_idle(page, LOAD_MS)


def sign_in(page, base: str, email: str) -> None:
    """Sign in on the card's page through the provider's form; back on the card after."""
    open_card(page, base)
    page.locator(".st-key-sign_in button").click()
    page.wait_for_selector('input[name="sub"]', timeout=LOAD_MS)
    page.fill('input[name="sub"]', email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_selector(".st-key-sign_out", timeout=LOAD_MS)
    page.wait_for_url("**/hankkeet?project=S2", timeout=LOAD_MS)
    bu.wait_idle(page, LOAD_MS)


def click(page, key: str) -> None:
    page.locator(f".st-key-{key} button").first.click()
    bu.wait_idle(page, LOAD_MS)


def fill(page, key: str, text: str) -> None:
    box = page.locator(f".st-key-{key} input, .st-key-{key} textarea").first
    box.fill(text)


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"signin-{name}.png"), full_page=False)


def body(page) -> str:
    return page.locator("[data-testid=stMain]").inner_text()


def test_a_coordinator_drafts_publishes_and_two_editors_conflict(app, browser):
    server, store = app
    base = server.base
    ka4_context, ka4 = new_page(browser)
    reader_context, reader = new_page(browser)
    other_context, other = new_page(browser)
    try:
        # 1. KA4 signs in and saves a practice of S2 (Pohjois-Karjala) as a draft.
        sign_in(ka4, base, KA4)
        assert KA4 in ka4.locator("[data-testid=stSidebar]").inner_text()
        ka4.locator(".st-key-sign_out").scroll_into_view_if_needed()
        shot(ka4, "00-signed-in")
        click(ka4, "practice_new")
        fill(ka4, "practice_title_fi", TITLE)
        fill(ka4, "practice_idea_fi", IDEA)
        fill(ka4, "practice_target_fi", "Yli 55-vuotiaat työnhakijat")
        ka4.get_by_text(t("edit.title", "fi"), exact=True).scroll_into_view_if_needed()
        shot(ka4, "0-form")
        click(ka4, "practice_save")
        ka4.get_by_text(t("edit.saved_draft", "fi", version=1)).wait_for(timeout=LOAD_MS)
        ka4.get_by_text(t("edit.saved_draft", "fi", version=1)).scroll_into_view_if_needed()
        shot(ka4, "1-draft-saved")
        (draft,) = [
            e
            for e in store.entries(KA4, kind="practice")
            if e.project_code == "S2" and e.fields["title_fi"] == TITLE
        ]
        assert draft.state == "draft"

        # 2. A signed-out reader does not see it; the coordinator of Uusimaa cannot edit it.
        open_card(reader, base)
        assert reader.locator(".st-key-sign_in").count() == 1
        assert "Mentorointi" not in body(reader)
        assert "Mentorointi" not in reader.content()
        sign_in(other, base, KA1)
        assert other.locator(".st-key-practice_new").count() == 0
        assert "Mentorointi" not in other.content()

        # 3. KA4 publishes it: the reader sees it on the card, its tags as text.
        open_card(ka4, base)
        click(ka4, f"practice_edit_{draft.key}")
        click(ka4, "practice_publish")
        ka4.get_by_text(t("edit.published", "fi", version=2)).wait_for(timeout=LOAD_MS)
        open_card(reader, base)
        label = t("hankkeet.kind_hyvä_käytäntö", "fi") + ": " + TITLE
        reader.get_by_text(label, exact=True).first.click()
        details = reader.locator("[data-testid=stExpanderDetails]")
        details.get_by_text(IDEA, exact=True).wait_for(timeout=LOAD_MS)
        assert reader.evaluate("() => window.hacked === undefined")
        assert reader.locator("[data-testid=stMain] img[src=x]").count() == 0
        shot(reader, "2-reader-sees-published")

        # 4. Two browsers (KA4 in both) edit it at once: the second save is refused.
        second_context, second = new_page(browser)
        try:
            sign_in(second, base, KA4)
            for p in (ka4, second):
                open_card(p, base)
                click(p, f"practice_edit_{draft.key}")
            fill(ka4, "practice_title_fi", "Mentorointi Pohjois-Karjalassa")
            click(ka4, "practice_save")
            ka4.get_by_text(t("edit.saved_draft", "fi", version=3)).wait_for(timeout=LOAD_MS)
            fill(second, "practice_evidence_fi", "Oma arvio: 14 työllistyi")
            click(second, "practice_save")
            box = second.locator(".st-key-edit_conflict_box")
            box.wait_for(timeout=LOAD_MS)
            assert t("edit.conflict_title", "fi", version=3) in box.inner_text()
            main = body(second)
            assert f"{KA4} tallensi tämän merkinnän sillä välin" in main
            assert (
                second.locator(".st-key-practice_evidence_fi textarea").input_value()
                == "Oma arvio: 14 työllistyi"
            )
            box.scroll_into_view_if_needed()
            shot(second, "3-conflict")

            # The history, and version 2 (the published one) restored.
            click(second, "practice_history")
            hist = second.locator(".st-key-edit_history_box")
            hist.wait_for(timeout=LOAD_MS)
            hist.scroll_into_view_if_needed()
            shot(second, "4-history")
            second.locator(".st-key-practice_version").click()
            second.get_by_role("option", name="2", exact=True).click()
            bu.wait_idle(second, LOAD_MS)
            click(second, "practice_restore")
            restored = t("edit.restored", "fi", number=2, version=4)
            second.get_by_text(restored).wait_for(timeout=LOAD_MS)
            assert second.locator(".st-key-practice_title_fi input").input_value() == TITLE
        finally:
            second_context.close()
        versions = store.history(KA4, "practice", draft.key)
        assert [(v.number, v.action, v.restored_from) for v in versions][-1] == (
            4,
            "restore",
            2,
        )
    finally:
        for c in (ka4_context, reader_context, other_context):
            c.close()
