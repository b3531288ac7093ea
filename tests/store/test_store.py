"""The editable store on SQLite and on PostgreSQL: versions, restore, removal, conflicts,
permissions, validation and what readers see."""

from __future__ import annotations

import logging
import threading

import pytest

from kohtaanto import fmt
from kohtaanto.projects import fields as F
from kohtaanto.projects.store import ConflictError, NotFound, PermissionDenied
from kohtaanto.projects.versions import FieldChange
from tests.store.conftest import ADMIN, EDITOR, KA1, KA4, READER

SECRET = "Salainen suunnitelma: Joensuun kokeilu"


def project(code: str = "S1", **values) -> dict:
    fields = {
        "project_code": code,
        "name_fi": f"Hanke {code}",
        "areas": ["KU167"],
        "start_date": "2024-01-01",
        "end_date": "2025-12-31",
        "target_groups": ["55+"],
        "in_theme": True,
    }
    fields.update(values)
    return fields


def practice(code: str = "S1", **values) -> dict:
    fields = {
        "project_code": code,
        "kind": "hyvä_käytäntö",
        "title_fi": "Kokeneiden mentorointi",
        "description_fi": "Kokeneet osaajat ohjaavat työnhakijoita.",
        "target_fi": "Yli 55-vuotiaat työnhakijat",
        "adoption_fi": "Nimeä mentori ja sovi tapaamiset.",
    }
    fields.update(values)
    return fields


def published_project(store, code: str = "S1", **values):
    v1 = store.save(ADMIN, "project", project(code, **values), base=None)
    return store.publish(ADMIN, "project", code, base=v1.number)


def test_every_save_is_a_version_and_an_earlier_one_is_restored(store):
    v1 = store.save(KA4, "project", project(), base=None)
    v2 = store.save(EDITOR, "project", project(name_fi="Kokeneet töihin"), base=v1.number)
    v3 = store.publish(KA4, "project", "S1", base=v2.number)
    assert (v1.number, v2.number, v3.number) == (1, 2, 3)
    history = store.history(KA4, "project", "S1")
    assert [(h.number, h.state, h.action, h.author) for h in history] == [
        (1, "draft", "save", KA4.lower()),
        (2, "draft", "save", EDITOR),
        (3, "published", "publish", KA4.lower()),
    ]
    assert history[0].fields["name_fi"] == "Hanke S1"
    assert store.entry(None, "project", "S1").fields["name_fi"] == "Kokeneet töihin"

    v4 = store.restore(KA4, "project", "S1", 1, base=3)
    assert (v4.number, v4.state, v4.action, v4.restored_from) == (4, "draft", "restore", 1)
    assert v4.fields == history[0].fields
    # Readers keep the published version until the restored one is published.
    assert store.entry(None, "project", "S1").fields["name_fi"] == "Kokeneet töihin"
    assert store.entry(KA4, "project", "S1").fields["name_fi"] == "Hanke S1"
    store.publish(KA4, "project", "S1", base=4)
    assert store.entry(None, "project", "S1").fields["name_fi"] == "Hanke S1"
    assert store.version(KA4, "project", "S1", 2).fields["name_fi"] == "Kokeneet töihin"
    with pytest.raises(NotFound):
        store.version(KA4, "project", "S1", 9)


def test_a_removal_is_a_version_and_is_restored(store):
    published_project(store)
    removed = store.remove(KA4, "project", "S1", base=2)
    assert (removed.number, removed.state, removed.fields["name_fi"]) == (3, "removed", "Hanke S1")
    assert store.entry(None, "project", "S1") is None
    assert store.entries(KA4) == []  # removed entries are listed only when asked
    assert [e.state for e in store.entries(KA4, removed=True)] == ["removed"]
    assert [h.state for h in store.history(ADMIN, "project", "S1")] == [
        "draft",
        "published",
        "removed",
    ]
    back = store.restore(KA4, "project", "S1", 2, base=3, publish=True)
    assert (back.number, back.state) == (4, "published")
    assert store.entry(None, "project", "S1").version.number == 4


def test_a_second_save_on_the_same_version_is_refused_with_what_the_other_changed(store):
    published_project(store)  # version 2
    form_a = store.entry(KA4, "project", "S1")
    form_b = store.entry(EDITOR, "project", "S1")
    assert form_a.head == form_b.head == 2
    store.save(KA4, "project", project(name_fi="Uusi nimi", summary_fi="Tiivistelmä"), base=2)
    with pytest.raises(ConflictError) as caught:
        store.save(EDITOR, "project", project(name_fi="Hankkeen oma nimi"), base=form_b.head)
    conflict = caught.value.conflict
    assert (conflict.base, conflict.head, conflict.state_before, conflict.state_after) == (
        2,
        3,
        "published",
        "draft",
    )
    assert conflict.changes == [
        FieldChange("name_fi", "Hanke S1", "Uusi nimi"),
        FieldChange("summary_fi", None, "Tiivistelmä"),
    ]
    assert conflict.authors == [KA4.lower()]
    assert conflict.saves[0].number == 3
    when = fmt.moment(conflict.saves[0].saved_at, "fi")
    assert caught.value.text("fi") == (
        f"{KA4.lower()} tallensi tämän merkinnän sillä välin ({when}, versio 3); muuttuneet "
        "kentät: name_fi, summary_fi. Omaa tekstiäsi ei tallennettu, mutta se on yhä lomakkeella."
    )
    # Nothing of the refused save was written.
    assert [h.number for h in store.history(ADMIN, "project", "S1")] == [1, 2, 3]
    assert store.entry(ADMIN, "project", "S1").fields["name_fi"] == "Uusi nimi"


def test_creating_what_exists_is_a_conflict(store):
    store.save(ADMIN, "project", project(), base=None)
    with pytest.raises(ConflictError) as caught:
        store.save(KA4, "project", project(name_fi="Toinen"), base=None)
    assert caught.value.conflict.base is None
    assert caught.value.conflict.head == 1


def test_concurrent_saves_on_one_version_let_exactly_one_through(store):
    published_project(store)
    results: list[str] = []
    barrier = threading.Barrier(8)

    def edit(n: int) -> None:
        barrier.wait()
        try:
            store.save(ADMIN, "project", project(name_fi=f"Nimi {n}"), base=2)
            results.append("saved")
        except ConflictError:
            results.append("conflict")

    threads = [threading.Thread(target=edit, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["conflict"] * 7 + ["saved"]
    assert [h.number for h in store.history(ADMIN, "project", "S1")] == [1, 2, 3]


def test_concurrent_editors_who_retry_lose_no_save(store):
    published_project(store)
    per_thread, threads_n = 5, 6

    def edit(n: int) -> None:
        for i in range(per_thread):
            while True:
                head = store.entry(ADMIN, "project", "S1").head
                try:
                    store.save(ADMIN, "project", project(name_fi=f"{n}-{i}"), base=head)
                    break
                except ConflictError:
                    continue

    threads = [threading.Thread(target=edit, args=(n,)) for n in range(threads_n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    history = store.history(ADMIN, "project", "S1")
    assert [h.number for h in history] == list(range(1, 3 + per_thread * threads_n))
    names = sorted(h.fields["name_fi"] for h in history[2:])
    assert names == sorted(f"{n}-{i}" for n in range(threads_n) for i in range(per_thread))


def test_new_results_of_one_project_at_once_get_their_own_ids(store):
    published_project(store)
    barrier = threading.Barrier(5)
    keys: list[str] = []

    def add(n: int) -> None:
        barrier.wait()
        keys.append(store.save(KA4, "practice", practice(title_fi=f"Käytäntö {n}"), base=None).key)

    threads = [threading.Thread(target=add, args=(n,)) for n in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(keys) == ["S1-1", "S1-2", "S1-3", "S1-4", "S1-5"]


# ---------------------------------------------------------------------------------------------
# Permissions


def _refusals(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith("refused")]


@pytest.mark.parametrize(
    ("who", "write"),
    [
        (None, "save"),
        (READER, "save"),
        (EDITOR, "save other project"),
        (KA1, "save"),
        (EDITOR, "publish"),
        (EDITOR, "remove"),
        (KA1, "history"),
    ],
)
def test_refused_writes_are_logged_with_the_address_never_the_text(store, caplog, who, write):
    published_project(store)
    published_project(store, "S2")
    before = store.changes()
    caplog.set_level(logging.WARNING, logger="kohtaanto.projects.store")
    with pytest.raises(PermissionDenied):
        if write == "save":
            store.save(who, "project", project(summary_fi=SECRET), base=2)
        elif write == "save other project":
            store.save(who, "practice", practice("S2", description_fi=SECRET), base=None)
        elif write == "publish":
            store.publish(who, "project", "S1", base=2, fields=project(summary_fi=SECRET))
        elif write == "remove":
            store.remove(who, "project", "S1", base=2)
        else:
            store.history(who, "project", "S1")
    assert store.changes() == before
    logged = _refusals(caplog)
    assert len(logged) == 1
    assert (who or "signed-out").lower() in logged[0]
    assert SECRET not in caplog.text
    assert "Salainen" not in caplog.text


def test_a_role_removed_from_the_file_is_refused_at_the_next_write(store, roles_file, caplog):
    published_project(store)
    form = store.entry(EDITOR, "project", "S1")  # the form was opened while she was an editor
    assert form.editable
    block = f'[[user]]\nemail = "{EDITOR}"\nrole = "editor"\nprojects = ["S1"]\n'
    assert block in roles_file.read_text()
    roles_file.write_text(roles_file.read_text().replace(block, ""))
    caplog.set_level(logging.WARNING, logger="kohtaanto.projects.store")
    with pytest.raises(PermissionDenied) as caught:
        store.save(EDITOR, "project", project(summary_fi=SECRET), base=form.head)
    assert f"refused: {EDITOR} (reader)" in _refusals(caplog)[0]
    assert caught.value.text("sv") == (
        "du har ingen rätt att redigera databanken; inget sparades. Rättigheter ges av "
        "databankens administratör."
    )
    assert SECRET not in caplog.text
    assert store.entry(EDITOR, "project", "S1").editable is False


def test_a_coordinator_works_in_her_area_and_every_area_inside_it(store):
    for code, areas in (("S1", ["KU167"]), ("S2", ["ELY09"]), ("S3", ["MK12", "MK01"])):
        v = store.save(KA4, "project", project(code, areas=areas), base=None)
        assert store.publish(KA4, "project", code, base=v.number).state == "published"
    with pytest.raises(PermissionDenied) as caught:
        store.save(KA4, "project", project("S4", areas=["MK01"]), base=None)
    assert caught.value.text("fi") == (
        "tämä merkintä ei kuulu hankkeisiisi tai alueisiisi; mitään ei tallennettu"
    )
    with pytest.raises(PermissionDenied):
        store.save(KA4, "project", project("S5", areas=["SSS"]), base=None)
    # She may not move her project out of her area either.
    with pytest.raises(PermissionDenied):
        store.save(KA4, "project", project("S1", areas=["MK01"]), base=2)
    assert store.save(ADMIN, "project", project("S5", areas=["SSS"]), base=None).number == 1
    # The coordinator of Uusimaa shares the project that is in both areas.
    assert store.save(KA1, "project", project("S3", areas=["MK12", "MK01"]), base=2).number == 3


def test_an_editor_keeps_drafts_of_her_project_and_readers_never_see_them(store):
    published_project(store)
    draft = store.save(EDITOR, "practice", practice(), base=None)
    assert (draft.key, draft.state) == ("S1-1", "draft")
    assert [e.key for e in store.entries(None)] == ["S1"]
    assert [e.key for e in store.entries(READER)] == ["S1"]
    assert [e.key for e in store.entries(KA1)] == ["S1"]
    assert [(e.key, e.state) for e in store.entries(EDITOR, kind="practice")] == [("S1-1", "draft")]
    seen = store.entries(None)[0]
    assert (seen.version.author, seen.editable) == (None, False)
    store.publish(KA4, "practice", "S1-1", base=1)
    shown = store.entries(None, kind="practice")
    assert [(e.key, e.version.number, e.version.author) for e in shown] == [("S1-1", 2, None)]
    # A later draft leaves the published version to readers.
    store.save(EDITOR, "practice", practice(title_fi="Uusi otsikko"), base=2, key="S1-1")
    assert store.entry(None, "practice", "S1-1").fields["title_fi"] == "Kokeneiden mentorointi"
    mine = store.entry(EDITOR, "practice", "S1-1")
    assert (mine.fields["title_fi"], mine.has_draft, mine.public) == ("Uusi otsikko", True, 2)


def test_a_result_of_an_unpublished_project_stays_hidden(store):
    store.save(ADMIN, "project", project(), base=None)
    store.save(ADMIN, "practice", practice(), base=None)
    store.publish(ADMIN, "practice", "S1-1", base=1)
    assert store.entries(None) == []
    assert store.public_data().practices.empty


# ---------------------------------------------------------------------------------------------
# Rules


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"areas": ["KU999"]}, "areas", "unknown area code KU999"),
        ({"planned_eu_state_eur": -5}, "planned_eu_state_eur", "-5 is negative"),
        (
            {"end_date": "2023-01-01"},
            "end_date",
            "ends (1 January 2023) before it starts (1 January 2024)",
        ),
        ({"target_groups": ["vanhukset"]}, "target_groups", "unknown target group vanhukset"),
        ({"name_fi": None}, "name_fi", "a name is required (nimi_fi, nimi_sv or nimi_en)"),
        ({"start_date": "ensi vuonna"}, "start_date", "'ensi vuonna' is not a date"),
        ({"url": "javascript:alert(1)"}, "url", "is not a web address"),
        (
            {"name_fi": "x" * 501},
            "name_fi",
            "the text is 501 characters long; at most 300 are allowed",
        ),
    ],
)
def test_writes_run_the_workbook_checks_rules(store, values, field, message):
    with pytest.raises(F.ValidationError) as caught:
        store.save(ADMIN, "project", project(**values), base=None)
    assert any(message in m for m in caught.value.fields("en")[field]), caught.value.fields
    assert store.changes() == 0


def test_hostile_text_is_stored_as_text_and_unsafe_links_are_refused(store):
    published_project(store)
    payload = {
        "title_fi": "<script>alert('x')</script>",
        "description_fi": '<img src=x onerror="alert(1)"> [klikkaa](javascript:alert(1))',
        "adoption_fi": "![kuva](https://example.com/seuranta.png) <a href='javascript:x'>a</a>",
        "contact_fi": "Liisa\u202eKoordinaattori\x00",
        "url": "https://example.com/kaytanto?a=1&b=2",
    }
    saved = store.save(KA4, "practice", practice(**payload), base=None)
    got = store.entry(KA4, "practice", saved.key).fields
    for name in ("title_fi", "description_fi", "adoption_fi", "url"):
        assert got[name] == payload[name]
    assert got["contact_fi"] == "LiisaKoordinaattori"  # control and bidi characters dropped
    for url in (
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "[klikkaa](javascript:alert(1))",
        "//example.com/x",
        'https://example.com/" onmouseover="alert(1)',
        "https://example.com/<script>",
        "ftp://example.com/x",
    ):
        with pytest.raises(F.ValidationError) as caught:
            store.save(KA4, "practice", practice(url=url), base=None)
        assert list(caught.value.fields("en")) == ["url"]


def test_reports_keep_55_plus_within_all_participants(store):
    published_project(store)
    report = {"project_code": "S1", "period_end": "2024-06-30", "indicator": "EECO01"}
    store.save(KA4, "report", {**report, "target": 100, "achieved": 20}, base=None)
    with pytest.raises(F.ValidationError) as caught:
        store.save(KA4, "report", {**report, "indicator": "EECO08", "achieved": 21}, base=None)
    assert caught.value.fields("en") == {
        "achieved": [
            "participants aged 55+ (EECO08, 21) above all participants of the same period "
            "(EECO01, 20)"
        ]
    }
    saved = store.save(KA4, "report", {**report, "indicator": "EECO08", "achieved": 12}, base=None)
    assert saved.key == "S1|2024-06-30|EECO08|SSS"
    assert saved.fields["achieved"] == 12.0


def test_the_published_tables_hold_what_readers_see(store):
    published_project(store, "S1", areas=["KU167", "MK12"], themes=["mentorointi"])
    store.save(ADMIN, "project", project("S2"), base=None)  # a draft project
    v = store.save(KA4, "practice", practice(contact_fi="liisa@example.fi"), base=None)
    store.publish(KA4, "practice", v.key, base=1)
    data = store.public_data()
    assert list(data.projects.project_code) == ["S1"]
    assert data.projects.start_date.tolist()[0].isoformat() == "2024-01-01"
    assert sorted(data.project_areas.area_code) == ["KU167", "MK12"]
    assert list(data.project_themes.theme) == ["mentorointi"]
    row = data.practices.iloc[0]
    assert (row.practice_id, row.target_fi, row.contact_fi) == (
        "S1-1",
        "Yli 55-vuotiaat työnhakijat",
        "liisa@example.fi",
    )
    assert list(data.files.kind) == ["store"]
