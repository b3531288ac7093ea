"""Editing the databank in the app (AppTest on the tiny database with a store): sign-in, a
practice saved as a draft, hidden from readers and other areas, published, shown as text;
two people on one entry; history and restore; the pages read the store at once."""

from __future__ import annotations

import pytest

from kohtaanto.i18n import t
from kohtaanto.projects import issues, store_import
from kohtaanto.projects.area_tree import area_tree
from kohtaanto.projects.roles import RolesFile, system_user
from kohtaanto.projects.store import Store
from tests.apptest_util import run_app
from tests.projects_util import TINY_PROJECTS, TINY_REPORTS, TINY_RESULTS, project, workbook

LANGS = ("fi", "sv", "en")
KA4 = "koordinaattori.ita@example.fi"
KA1 = "koordinaattori.uusimaa@example.fi"
EDITOR = "hanke@example.fi"
ROLES = f"""
[[user]]
email = "{KA4}"
role = "coordinator"
areas = ["KA4"]
[[user]]
email = "{KA1}"
role = "coordinator"
areas = ["KA1"]
[[user]]
email = "{EDITOR}"
role = "editor"
projects = ["S2"]
"""
AUTH = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "test-cookie-secret-of-enough-length-0123456789",
        "client_id": "kohtaanto",
        "client_secret": "secret",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    }
}
SCRIPT = "<script>alert('x')</script> [klikkaa](javascript:alert(1))"


@pytest.fixture
def live_store(tiny_projects_db, tmp_path, monkeypatch):
    """A store holding the tiny workbook (S1 in Uusimaa, S2 in Pohjois-Karjala), published."""
    url = f"sqlite:///{tmp_path}/tietopankki.sqlite"
    roles = tmp_path / "roles.toml"
    roles.write_text(ROLES, encoding="utf-8")
    monkeypatch.setenv("KOHTAANTO_STORE", url)
    monkeypatch.setenv("KOHTAANTO_ROLES", str(roles))
    monkeypatch.setenv("KOHTAANTO_DB", str(tiny_projects_db))
    store = Store(url, roles=RolesFile(roles), areas=lambda: area_tree(tiny_projects_db))
    data = workbook(TINY_PROJECTS, TINY_RESULTS, TINY_REPORTS)
    by = system_user("import:tietopankki.xlsx")
    ctx = store_import.context_for(store, tmp_path)
    store_import.apply(store, by, store_import.plan(store, by, data, "tietopankki.xlsx", ctx))
    yield store
    store.close()


def signed_in(email: str | None) -> dict:
    return {"is_logged_in": True, "email": email} if email else {"is_logged_in": False}


def page(db, monkeypatch, who: str | None, **params):
    return run_app(db, monkeypatch, page="hankkeet", user=signed_in(who), secrets=AUTH, **params)


def texts(at) -> str:
    """Everything a session was sent as text: markdown, text, captions, messages, tables."""
    parts = [e.value for e in (*at.markdown, *at.text, *at.caption, *at.error, *at.success)]
    parts += [e.label for e in at.expander]
    parts += [d.value.to_csv() for d in at.dataframe]
    parts += [w.value for w in (*at.text_input, *at.text_area) if w.value]
    return "\n".join(str(p) for p in parts)


def errors(at) -> list[str]:
    """The page's error messages, without the workbook check's refusal of a too big file (always
    on the page, shown by the browser only when it refuses one: projects_ui.workbook_check)."""
    return [e.value for e in at.error if not e.value.startswith(_REFUSED)]


_REFUSED = tuple(t("hankkeet.check_refused", lang, limit=0, mb=0)[:20] for lang in LANGS)


def add_practice(at, title: str, idea: str):
    at.button(key="practice_new").click().run()
    at.text_input(key="practice_title_fi").input(title)
    at.text_area(key="practice_idea_fi").input(idea)
    at.text_area(key="practice_target_fi").input("Yli 55-vuotiaat työnhakijat")
    at.button(key="practice_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_without_auth_the_app_is_read_only(live_store, tiny_projects_db, monkeypatch):
    at = run_app(tiny_projects_db, monkeypatch, page="hankkeet", project="S2")
    keys = {b.key for b in at.button}
    assert not keys & {"sign_in", "sign_out", "practice_new"}


def test_a_coordinator_drafts_a_practice_that_readers_and_other_areas_do_not_see(
    live_store, tiny_projects_db, monkeypatch
):
    db = tiny_projects_db
    reader = page(db, monkeypatch, None, project="S2")
    assert "sign_in" in {b.key for b in reader.button}
    assert "practice_new" not in {b.key for b in reader.button}

    at = page(db, monkeypatch, KA4, project="S2")
    assert "sign_out" in {b.key for b in at.button}
    add_practice(at, "Mentorointi " + SCRIPT, "Kokeneet osaajat ohjaavat. " + SCRIPT)
    assert [s.value for s in at.success] == [t("edit.saved_draft", "fi", version=1)]
    (draft,) = [e for e in live_store.entries(KA4, kind="practice") if e.project_code == "S2"]
    assert (draft.state, draft.fields["title_fi"]) == ("draft", "Mentorointi " + SCRIPT)

    reader = page(db, monkeypatch, None, project="S2")
    assert "Mentorointi" not in texts(reader)
    other = page(db, monkeypatch, KA1, project="S2")
    assert "practice_new" not in {b.key for b in other.button}
    assert "Mentorointi" not in texts(other)
    # Her own page marks it as a draft.
    again = page(db, monkeypatch, KA4, project="S2")
    assert f"Mentorointi {SCRIPT} · {t('edit.state_draft', 'fi')}" in [x.value for x in again.text]

    # Published: the reader sees it on the card, the script as text.
    again.button(key=f"practice_edit_{draft.key}").click().run()
    again.button(key="practice_publish").click().run()
    assert [s.value for s in again.success] == [t("edit.published", "fi", version=2)]
    reader = page(db, monkeypatch, None, project="S2")
    shown = [x.value for x in reader.text]
    assert "Kokeneet osaajat ohjaavat. " + SCRIPT in shown
    label = next(e.label for e in reader.expander if e.label.startswith("Hyvä käytäntö"))
    assert label == "Hyvä käytäntö: Mentorointi \\<script\\>alert\\(\\'x\\'\\)\\</script\\> " + (
        "\\[klikkaa\\]\\(javascript\\:alert\\(1\\)\\)"
    )


def test_the_second_save_gets_what_the_other_changed_and_keeps_its_text(
    live_store, tiny_projects_db, monkeypatch
):
    db = tiny_projects_db
    first = page(db, monkeypatch, KA4, project="S1")
    # KA4 does not cover Uusimaa: the coordinator of KA1 edits S1's existing practice.
    assert "practice_new" not in {b.key for b in first.button}
    a = page(db, monkeypatch, KA1, project="S1")
    b = page(db, monkeypatch, KA1, project="S1")
    (key,) = [e.key for e in live_store.entries(KA1, kind="practice") if e.project_code == "S1"]
    for at in (a, b):
        at.button(key=f"practice_edit_{key}").click().run()
    a.text_input(key="practice_title_fi").input("Kokeneiden mentorointi Uudellamaalla")
    a.button(key="practice_save").click().run()
    b.text_area(key="practice_evidence_fi").input("Oma arvio: 14 työllistyi")
    b.button(key="practice_save").click().run()
    (error,) = errors(b)
    assert error.startswith(f"{KA1} tallensi tämän merkinnän sillä välin (")
    assert "muuttuneet kentät: Otsikko." in error
    conflict = next(d.value for d in b.dataframe if t("edit.col_theirs", "fi") in d.value.columns)
    assert conflict.values.tolist() == [
        ["Otsikko", "Kokeneiden mentorointi", "Kokeneiden mentorointi Uudellamaalla"]
    ]
    assert b.text_area(key="practice_evidence_fi").value == "Oma arvio: 14 työllistyi"

    # Saved over the other's version, then the history shows both, and version 2 comes back.
    b.button(key="practice_save_over").click().run()
    assert [s.value for s in b.success] == [t("edit.saved_draft", "fi", version=3)]
    b.button(key="practice_history").click().run()
    history = next(d.value for d in b.dataframe if t("edit.col_who", "fi") in d.value.columns)
    assert history[t("edit.col_version", "fi")].tolist() == [1, 2, 3]
    assert history[t("edit.col_who", "fi")].tolist()[1:] == [KA1, KA1]
    b.selectbox(key="practice_version").select(2).run()
    b.button(key="practice_restore").click().run()
    assert [s.value for s in b.success] == [t("edit.restored", "fi", number=2, version=4)]
    assert b.text_input(key="practice_title_fi").value == "Kokeneiden mentorointi Uudellamaalla"


def test_a_form_shows_the_workbook_checks_messages_under_its_fields(
    live_store, tiny_projects_db, monkeypatch
):
    at = page(tiny_projects_db, monkeypatch, KA4, project="S2", lang="sv")
    before = live_store.changes()
    at.button(key="practice_new").click().run()
    at.text_input(key="practice_url").input("javascript:alert(1)")
    at.button(key="practice_save").click().run()
    assert errors(at) == [
        "Värdet saknas men är obligatoriskt",
        "”javascript:alert(1)” är ingen webbadress: adressen ska börja med http:// eller https://",
        t("edit.fix_fields", "sv", n=2),
    ]
    assert live_store.changes() == before  # nothing written


def test_the_pages_read_the_store_at_once(live_store, tiny_projects_db, monkeypatch):
    at = run_app(tiny_projects_db, monkeypatch, page="seuranta", project="S1")
    before = live_store.changes()
    v = live_store.save(
        KA1,
        "project",
        {**live_store.entry(KA1, "project", "S1").fields, "name_fi": "Uusi nimi"},
        base=live_store.entry(KA1, "project", "S1").head,
    )
    live_store.publish(KA1, "project", "S1", base=v.number)
    assert live_store.changes() == before + 2
    at = run_app(tiny_projects_db, monkeypatch, page="hankkeet", project="S1")
    assert any("Uusi nimi" in h.value for h in at.subheader)


def test_a_stale_form_after_the_role_was_removed_is_refused_and_keeps_its_text(
    live_store, tiny_projects_db, monkeypatch, tmp_path, caplog
):
    at = page(tiny_projects_db, monkeypatch, KA4, project="S2")
    at.button(key="practice_new").click().run()
    at.text_input(key="practice_title_fi").input("Salainen luonnos")
    at.text_area(key="practice_idea_fi").input("Ei lokiin")
    # The admin takes the role away while the form is open: the server asks the file at the write.
    (tmp_path / "roles.toml").write_text(
        f'[[user]]\nemail = "{KA1}"\nrole = "coordinator"\nareas = ["KA1"]\n', encoding="utf-8"
    )
    before = live_store.changes()
    at.button(key="practice_save").click().run()
    assert not at.exception
    denied = t("check.msg.denied_reader", "fi")
    assert errors(at) == [denied[0].upper() + denied[1:]]
    assert at.text_input(key="practice_title_fi").value == "Salainen luonnos"
    assert live_store.changes() == before
    refused = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
    assert refused and all(KA4.lower() in r and "Salainen" not in r for r in refused)


def test_without_auth_there_is_no_sign_in_and_no_error(live_store, tiny_projects_db, monkeypatch):
    for name in ("hankkeet", "seuranta"):
        at = run_app(tiny_projects_db, monkeypatch, page=name, project="S2")
        assert not at.exception
        keys = {b.key for b in at.button}
        assert not keys & {"sign_in", "sign_out", "practice_new", "project_new"}
    # A signed-in identity without [auth] counts for nothing either.
    at = run_app(tiny_projects_db, monkeypatch, page="hankkeet", project="S2", user=signed_in(KA4))
    assert not {b.key for b in at.button} & {"sign_out", "practice_new"}


def test_an_unreachable_store_leaves_the_statistics_and_says_so_once(tiny_projects_db, monkeypatch):
    monkeypatch.setenv("KOHTAANTO_STORE", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    home = run_app(tiny_projects_db, monkeypatch)
    assert not home.exception
    assert t("databank.unavailable", "fi") not in [i.value for i in home.info]
    at = run_app(tiny_projects_db, monkeypatch, page="hankkeet", secrets=AUTH)
    assert not at.exception
    assert [i.value for i in at.info].count(t("databank.unavailable", "fi")) == 1
    assert len(at.dataframe) >= 1  # the list from the statistics file's copy


def test_an_editor_drafts_and_the_areas_coordinator_publishes(
    live_store, tiny_projects_db, monkeypatch
):
    db = tiny_projects_db
    at = page(db, monkeypatch, EDITOR, project="S2")
    add_practice(at, "Työkokeilu kokeneille", "Kokeilu ensin, sitten työsuhde")
    assert [s.value for s in at.success] == [t("edit.saved_draft", "fi", version=1)]
    assert at.button(key="practice_publish").disabled
    (draft,) = [e for e in live_store.entries(EDITOR, kind="practice") if e.state == "draft"]
    # S1 is not hers: no editing there.
    assert "practice_new" not in {b.key for b in page(db, monkeypatch, EDITOR, project="S1").button}
    # The coordinator of the area finds the draft and publishes it.
    ka4 = page(db, monkeypatch, KA4, project="S2")
    ka4.button(key=f"practice_edit_{draft.key}").click().run()
    assert not ka4.button(key="practice_publish").disabled
    ka4.button(key="practice_publish").click().run()
    assert [s.value for s in ka4.success] == [t("edit.published", "fi", version=2)]
    assert live_store.entry(EDITOR, "practice", draft.key).state == "published"


def test_an_indicator_report_is_checked_and_saved_as_a_draft(
    live_store, tiny_projects_db, monkeypatch
):
    at = page(tiny_projects_db, monkeypatch, KA4, project="S2", lang="en")
    before = live_store.changes()
    at.button(key="report_new").click().run()
    at.text_input(key="report_period_end").input("2023-12-31")
    at.text_input(key="report_indicator").input("EECO01")
    at.text_input(key="report_target").input("40")
    at.text_input(key="report_achieved").input("-3")
    at.button(key="report_save").click().run()
    # The workbook check's own message for the same cell, capitalised under its field.
    negative = issues.message("negative", "en", {"value": "-3"})
    assert errors(at) == [negative[0].upper() + negative[1:], t("edit.fix_fields", "en", n=1)]
    assert live_store.changes() == before
    at.text_input(key="report_achieved").input("12")
    at.button(key="report_save").click().run()
    assert errors(at) == []
    assert [s.value for s in at.success] == [t("edit.saved_draft", "en", version=1)]
    (draft,) = [e for e in live_store.entries(KA4, kind="report") if e.state == "draft"]
    assert (draft.key, draft.fields["achieved"]) == ("S2|2023-12-31|EECO01|SSS", 12)


def test_an_unverified_address_reads_only_and_is_told_why(
    live_store, tiny_projects_db, monkeypatch
):
    user = {"is_logged_in": True, "email": KA4, "email_verified": False}
    at = run_app(
        tiny_projects_db, monkeypatch, page="hankkeet", user=user, secrets=AUTH, project="S2"
    )
    keys = {b.key for b in at.button}
    assert "sign_out" in keys and not keys & {"sign_in", "practice_new"}
    assert t("signin.no_address", "fi") in [c.value for c in at.caption]


def test_a_coordinator_imports_a_workbook_from_the_app_after_a_preview(
    live_store, tiny_projects_db, monkeypatch
):
    at = page(tiny_projects_db, monkeypatch, KA4, project="S2")
    before = live_store.changes()
    # Not a workbook: the workbook check's message, and nothing written.
    at.file_uploader(key="import_upload").upload("tietopankki.xlsx", b"<script>x</script>").run()
    assert not at.exception
    (error,) = errors(at)
    assert error.startswith(t("hankkeet.check_unusable", "fi", file="tietopankki.xlsx", problem=""))
    assert "import_confirm" not in {b.key for b in at.button}
    assert live_store.changes() == before

    data = workbook([project("S9", alueet="KU167")])
    at.file_uploader(key="import_upload").clear().upload("uusi.xlsx", data).run()
    preview = t("edit.import_preview", "fi", file="uusi.xlsx", new=1, changed=0, unchanged=0)
    assert preview in [i.value for i in at.info]
    assert live_store.changes() == before  # a preview writes nothing
    at.button(key="import_confirm").click().run()
    assert [s.value for s in at.success] == [t("edit.import_done", "fi", n=1, file="uusi.xlsx")]
    s9 = live_store.entry(KA4, "project", "S9")
    assert (s9.state, s9.version.author) == ("published", KA4)


def test_a_removal_is_a_version_that_readers_do_not_see_and_that_comes_back(
    live_store, tiny_projects_db, monkeypatch
):
    db = tiny_projects_db
    (key,) = [e.key for e in live_store.entries(KA1, kind="practice") if e.project_code == "S1"]
    title = live_store.entry(KA1, "practice", key).fields["title_fi"]
    # The coordinator of the area takes it away from readers: a new version, nothing deleted.
    at = page(db, monkeypatch, KA1, project="S1")
    at.button(key=f"practice_edit_{key}").click().run()
    at.button(key="practice_remove").click().run()
    assert [s.value for s in at.success] == [t("edit.removed", "fi", version=2)]
    assert live_store.entry(KA1, "practice", key).state == "removed"
    assert title not in texts(page(db, monkeypatch, None, project="S1"))
    at.button(key="practice_history").click().run()
    at.selectbox(key="practice_version").select(1).run()
    at.button(key="practice_restore").click().run()
    assert [s.value for s in at.success] == [t("edit.restored", "fi", number=1, version=3)]
    at.button(key="practice_publish").click().run()
    assert [s.value for s in at.success] == [t("edit.published", "fi", version=4)]
    assert title in texts(page(db, monkeypatch, None, project="S1"))


def test_entra_ids_default_claims_sign_in_by_the_user_principal_name(
    live_store, tiny_projects_db, monkeypatch
):
    """Microsoft Entra ID sends no ``email`` claim unless the app registration adds it as an
    optional claim; its ID token carries the UPN in ``preferred_username`` (as typed in the
    directory, mixed case). The test provider sends ``email``: this is the stricter case."""
    user = {"is_logged_in": True, "preferred_username": KA4.title(), "name": "Koordinaattori"}
    at = run_app(
        tiny_projects_db, monkeypatch, page="hankkeet", user=user, secrets=AUTH, project="S2"
    )
    keys = {b.key for b in at.button}
    assert "practice_new" in keys and "sign_in" not in keys
    # A name without an address (a guest's opaque UPN) is no address: read-only, told why.
    user = {"is_logged_in": True, "preferred_username": "koordinaattori", "name": "K"}
    at = run_app(
        tiny_projects_db, monkeypatch, page="hankkeet", user=user, secrets=AUTH, project="S2"
    )
    keys = {b.key for b in at.button}
    assert "sign_out" in keys and "practice_new" not in keys
    assert t("signin.no_address", "fi") in [c.value for c in at.caption]
