"""Files into and out of the store, processes sharing one store, and the migrations: on SQLite
and on PostgreSQL."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
import time

import openpyxl
import pytest
import sqlalchemy as sa

from kohtaanto import paths
from kohtaanto.projects import issues, store_export, store_import
from kohtaanto.projects.roles import system_user
from kohtaanto.projects.store import (
    PermissionDenied,
    _alembic_config,
    current_revision,
    head_revision,
    make_engine,
    upgrade,
)
from kohtaanto.projects.workbook import Context, ProjectsError
from tests.projects_util import eura_export, eura_row, workbook
from tests.projects_util import project as row
from tests.store.conftest import ADMIN, EDITOR, KA1, KA4, TREE
from tests.store.test_store import practice, published_project

CTX = Context(
    areas=TREE.codes,
    nuts={"FI": "SSS", "FI1DC": "MK12", "pohjois-karjala": "MK12"},
    indicators=set(TREE.indicators),
)
CLI = system_user("import:tietopankki.xlsx")

RESULTS = [
    {
        "hankekoodi": "S1",
        "tyyppi": "hyvä_käytäntö",
        "otsikko_fi": "Kokeneiden mentorointi",
        "kuvaus_fi": "Kokeneet ohjaavat",
    },
    {"hankekoodi": "S1", "tyyppi": "työkalu", "otsikko_fi": "Osaamiskartta"},
]
REPORTS = [
    {"hankekoodi": "S1", "kausi_päättyy": "2024-06-30", "indikaattori": "EECO01", "toteuma": 20},
    {"hankekoodi": "S1", "kausi_päättyy": "2024-06-30", "indikaattori": "EECO08", "toteuma": 9},
]


def the_workbook(**changes) -> bytes:
    projects = [
        row("S1", **{"alueet": "KU167", **changes}),
        row("S2", alueet="ELY09", kohderyhmät="50+"),
    ]
    return workbook(projects, RESULTS, REPORTS)


def do_import(store, data: bytes, by=CLI, file: str = "tietopankki.xlsx"):
    plan = store_import.plan(store, by, data, file, CTX)
    return plan, store_import.apply(store, by, plan)


def test_a_workbook_is_imported_with_history_and_a_preview_writes_nothing(store):
    plan = store_import.plan(store, CLI, the_workbook(), "tietopankki.xlsx", CTX)
    assert plan.lines() == [
        "new project S1 (published)",
        "new project S2 (published)",
        "new practice S1-1 (published)",
        "new practice S1-2 (published)",
        "new report S1|2024-06-30|EECO01|SSS (published)",
        "new report S1|2024-06-30|EECO08|SSS (published)",
        "tietopankki.xlsx: 6 new, 0 changed, 0 unchanged",
    ]
    assert store.changes() == 0  # planning writes nothing
    assert store_import.apply(store, CLI, plan) == 6
    history = store.history(ADMIN, "project", "S1")
    assert [(h.number, h.action, h.author, h.note) for h in history] == [
        (1, "import", "import:tietopankki.xlsx", "import:tietopankki.xlsx")
    ]
    # The same file again changes nothing; a changed one adds a version with the changes.
    plan, written = do_import(store, the_workbook())
    assert (written, plan.unchanged) == (0, 6)
    plan, written = do_import(store, the_workbook(nimi_fi="Kokeneet töihin"), file="v2.xlsx")
    assert plan.lines() == [
        "project S1: name_fi (published)",
        "v2.xlsx: 0 new, 1 changed, 5 unchanged",
    ]
    assert [h.note for h in store.history(ADMIN, "project", "S1")] == [
        "import:tietopankki.xlsx",
        "import:v2.xlsx",
    ]


def test_an_official_export_keeps_the_workbooks_own_facts_and_wins_on_the_official(store):
    do_import(store, the_workbook())
    export = eura_export([eura_row("S1", Sijainti="FI1DC Pohjois-Karjala")])
    plan, written = do_import(store, export, file="eura.xlsx")
    assert written == 1
    assert [(d["field"], d["official_value"]) for d in plan.differences] == [
        ("name_fi", "Virallinen S1"),
        ("start_date", "2024-02-01"),
        ("end_date", "2026-01-31"),
    ]
    fields = store.entry(None, "project", "S1").fields
    assert (fields["name_fi"], fields["source"], fields["funding_authority"]) == (
        "Virallinen S1",
        "eura2021",
        "Lapin ELY-keskus",
    )
    # The workbook's own: finer areas, target groups, the theme.
    assert (fields["areas"], fields["target_groups"], fields["in_theme"]) == (
        ["KU167"],
        ["55+"],
        True,
    )
    # A workbook afterwards does not undo the official facts.
    plan, written = do_import(store, the_workbook(nimi_fi="Oma nimi"), file="v3.xlsx")
    assert written == 0
    assert store.entry(None, "project", "S1").fields["name_fi"] == "Virallinen S1"


def test_an_import_keeps_to_the_importers_permissions(store):
    do_import(store, the_workbook())
    with pytest.raises(PermissionDenied):  # S2 is not the editor's
        store_import.plan(store, EDITOR, the_workbook(nimi_fi="Muutos"), "x.xlsx", CTX)
    with pytest.raises(PermissionDenied):  # KU167 and ELY09 lie in KA4, not KA1
        store_import.plan(store, KA1, the_workbook(nimi_fi="Muutos"), "x.xlsx", CTX)
    _plan, written = do_import(store, the_workbook(nimi_fi="Muutos"), by=KA4)
    assert written == 1
    assert store.history(KA4, "project", "S1")[-1].author == KA4.lower()
    # Adding her area to another area's project does not make it hers.
    published_project(store, "S3", areas=["MK01"])
    moved = workbook([row("S3", alueet="MK01, KU167")])
    with pytest.raises(PermissionDenied):
        store_import.plan(store, KA4, moved, "x.xlsx", CTX)


def _formula_workbook() -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(the_workbook()))
    book["hankkeet"]["B2"] = '=HYPERLINK("https://example.com")'
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"hello, not a workbook", "not an Excel workbook (.xlsx)"),
        (b"PK\x03\x04" + b"\0" * (5 * 1024 * 1024 + 1), "a file to check may be at most 5 MB"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "the workbook is password-protected"),
        (_formula_workbook(), "a formula; enter the value itself"),
        (the_workbook(osoite="javascript:alert(1)"), "is not a web address"),
        (the_workbook(alueet="KU999"), "unknown area code KU999"),
        (
            workbook(
                [row("S1", alueet="KU167")],
                [{"hankekoodi": "S9", "tyyppi": "tulos", "otsikko_fi": "x"}],
            ),
            "project code 'S9' is not in any project list",
        ),
    ],
)
def test_a_broken_or_hostile_file_gets_the_checks_message_and_changes_nothing(store, data, message):
    published_project(store, "S1")
    before = store.all_versions()
    with pytest.raises(ProjectsError) as caught:
        do_import(store, data)
    assert any(message in str(i) for i in caught.value.issues), caught.value.issues
    assert store.all_versions() == before


def cells(data: bytes) -> dict[str, list[list]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {ws.title: [[c.value for c in r] for r in ws.iter_rows()] for ws in book.worksheets}


def test_an_export_read_back_into_an_empty_store_exports_the_same(new_url, open_store):
    first = open_store(new_url())
    do_import(first, the_workbook())
    v = first.save(KA4, "practice", practice(title_fi="=1+1 <script>x</script>"), base=None)
    first.save(EDITOR, "practice", practice(title_fi="Luonnos"), base=v.number, key=v.key)
    first.remove(KA4, "report", "S1|2024-06-30|EECO08|SSS", base=1)
    first.restore(KA4, "project", "S2", 1, base=1)
    exported = store_export.export_bytes(first, system_user("export"))

    second = open_store(new_url())
    plan = store_import.plan(second, CLI, exported, "backup.xlsx", CTX)
    assert plan.lines() == ["backup.xlsx: a backup: 7 entries with 10 versions"]
    assert store_import.apply(second, CLI, plan) == 10
    again = store_export.export_bytes(second, system_user("export"))
    assert cells(again) == cells(exported)
    assert second.all_versions() == first.all_versions()
    assert second.public_data().projects.equals(first.public_data().projects)
    table = cells(exported)
    assert [r[0] for r in table["tulokset"]] == ["hankekoodi", "S1", "S1"]
    history = [r for r in table["historia"] if r[1] == "S1-3"]
    assert [(r[3], r[4], r[6]) for r in history] == [
        (1, "draft", KA4.lower()),
        (2, "draft", EDITOR),
    ]
    assert history[0][table["historia"][0].index("title_fi")] == "=1+1 <script>x</script>"
    # A backup goes into an empty store only.
    with pytest.raises(store_import.ImportConflict):
        store_import.plan(second, CLI, exported, "backup.xlsx", CTX)


def test_a_broken_history_sheet_is_refused_row_by_row_in_the_readers_language(new_url, open_store):
    first = open_store(new_url())
    do_import(first, the_workbook())
    book = openpyxl.load_workbook(io.BytesIO(store_export.export_bytes(first, CLI)))
    ws = book["historia"]
    header = [c.value for c in ws[1]]
    ws.cell(2, header.index("state") + 1, "valmis")
    ws.cell(3, header.index("saved_at") + 1, "eilen")
    ws.cell(4, header.index("version") + 1, 0)
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(ProjectsError) as caught:
        store_import.plan(open_store(new_url()), CLI, buffer.getvalue(), "backup.xlsx", CTX)
    assert [issues.render(i, "fi") for i in caught.value.issues] == [
        "backup.xlsx, välilehti ”historia”, rivi 2, sarake ”state”: ”valmis” ei ole sallittu "
        "arvo (sallitut: draft, published, removed)",
        "backup.xlsx, välilehti ”historia”, rivi 3, sarake ”saved_at”: ”eilen” ei ole ajankohta "
        "(ISO 8601, esim. 2026-11-27T14:05:00+00:00)",
        "backup.xlsx, välilehti ”historia”, rivi 4, sarake ”version”: versionumeron on oltava "
        "kokonaisluku 1, 2, …",
    ]


def test_only_an_admin_exports_or_reads_back_a_backup(store):
    published_project(store)
    with pytest.raises(PermissionDenied):
        store_export.export_bytes(store, KA4)
    assert store_export.export_bytes(store, ADMIN)[:2] == b"PK"


def _in_process(url: str, roles, code: str) -> subprocess.CompletedProcess:
    script = textwrap.dedent(
        f"""
        from kohtaanto.projects.roles import RolesFile
        from kohtaanto.projects.store import Store, ConflictError
        from tests.store.conftest import TREE, ADMIN
        from tests.store.test_store import project
        store = Store({url!r}, roles=RolesFile({str(roles)!r}), areas=lambda: TREE)
        """
    ) + textwrap.dedent(code)
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_two_processes_share_one_store(store, store_url, roles_file):
    published_project(store)
    done = _in_process(
        store_url,
        roles_file,
        """
        v = store.save(ADMIN, "project", project(name_fi="Toisesta prosessista"), base=2)
        print(v.number)
        """,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "3"
    assert store.entry(ADMIN, "project", "S1").fields["name_fi"] == "Toisesta prosessista"
    store.publish(ADMIN, "project", "S1", base=3)
    seen = _in_process(
        store_url, roles_file, 'print(store.entry(None, "project", "S1").version.number)'
    )
    assert seen.stdout.strip() == "4", seen.stderr


def test_processes_saving_on_one_version_let_exactly_one_through(store, store_url, roles_file):
    published_project(store)
    folder = roles_file.parent
    code = f"""
        import os, pathlib, sys, time
        folder = pathlib.Path({str(folder)!r})
        (folder / f"ready-{{os.getpid()}}").write_text("")
        while not (folder / "go").exists():
            time.sleep(0.01)
        try:
            store.save(ADMIN, "project", project(name_fi="kilpa"), base=2)
        except ConflictError:
            sys.exit(3)
        """
    script = textwrap.dedent(
        f"""
        from kohtaanto.projects.roles import RolesFile
        from kohtaanto.projects.store import Store, ConflictError
        from tests.store.conftest import TREE, ADMIN
        from tests.store.test_store import project
        store = Store({store_url!r}, roles=RolesFile({str(roles_file)!r}), areas=lambda: TREE)
        """
    ) + textwrap.dedent(code)
    procs = [
        subprocess.Popen([sys.executable, "-c", script], cwd=paths.ROOT, stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    deadline = time.monotonic() + 120
    while len(list(folder.glob("ready-*"))) < 4 and time.monotonic() < deadline:
        time.sleep(0.05)  # every process has opened the store and waits for the word
    (folder / "go").write_text("")
    codes = sorted(p.wait(timeout=120) for p in procs)
    assert codes == [0, 3, 3, 3], [p.stderr.read() for p in procs]
    assert [h.number for h in store.history(ADMIN, "project", "S1")] == [1, 2, 3]


def test_migrations_bring_an_empty_database_to_the_schema_and_back(new_url):
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from kohtaanto.projects.schema import metadata

    engine = make_engine(new_url())
    try:
        assert current_revision(engine) is None
        assert upgrade(engine) == head_revision() == "0001"
        assert sorted(sa.inspect(engine).get_table_names()) == [
            "alembic_version",
            "entries",
            "entry_versions",
        ]
        with engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), metadata)
        assert differences == []
        with engine.begin() as conn:
            command.downgrade(_alembic_config(conn), "base")
        assert current_revision(engine) is None
        assert sorted(sa.inspect(engine).get_table_names()) == ["alembic_version"]
    finally:
        engine.dispose()


def test_the_published_tables_follow_the_import(store):
    do_import(store, the_workbook())
    data = store.public_data()
    assert list(data.projects.project_code) == ["S1", "S2"]
    assert list(data.practices.practice_id) == ["S1-1", "S1-2"]
    assert data.project_indicators.achieved.tolist() == [20.0, 9.0]
