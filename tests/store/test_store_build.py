"""The build's copy of the store (the DuckDB projects tables for analysts) and the store's
commands: ``projects import | export | upgrade``."""

from __future__ import annotations

import logging
import shutil

import duckdb
import pytest

from kohtaanto.__main__ import main
from kohtaanto.pipeline.build import build
from kohtaanto.projects import store as store_module
from tests.pg_server import free_port
from tests.projects_util import project as row
from tests.projects_util import workbook
from tests.store.conftest import ADMIN, EDITOR, KA4, TREE
from tests.store.test_store import practice, project, published_project


def _rows(db, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_the_build_copies_the_published_entries_and_leaves_the_store_alone(
    tiny_raw, tmp_path, monkeypatch, open_store
):
    url = f"sqlite:///{tmp_path}/tietopankki.sqlite"
    store = open_store(url)
    published_project(store, "S1", areas=["KU167"], themes=["mentorointi"])
    store.save(ADMIN, "project", project("S2", areas=["MK01"]), base=None)  # a draft
    v = store.save(EDITOR, "practice", practice(environment_fi="Kunta ja TE-palvelut"), base=None)
    store.publish(KA4, "practice", v.key, base=v.number)
    store.save(EDITOR, "practice", practice(title_fi="Luonnos"), base=2, key=v.key)
    before = store.all_versions()
    raw = tmp_path / "raw"
    shutil.copytree(tiny_raw, raw)
    (raw / "projects").mkdir()
    (raw / "projects" / "vanha.xlsx").write_bytes(workbook([row("S9", alueet="MK01")]))
    monkeypatch.setenv("KOHTAANTO_STORE", url)
    lines: list[str] = []
    out = tmp_path / "stats.duckdb"
    build(raw, out, progress=lines.append)
    assert _rows(out, "select project_code, source, in_theme from projects") == [
        ("S1", "app", True)
    ]
    assert _rows(out, "select * from project_themes") == [("S1", "mentorointi")]
    assert _rows(
        out, "select practice_id, title_fi, environment_fi, changed_on is not null from practices"
    ) == [("S1-1", "Kokeneiden mentorointi", "Kunta ja TE-palvelut", True)]
    assert _rows(out, "select kind, projects, practices from project_files") == [("store", 1, 1)]
    assert any("from the store; the 1 files in" in line for line in lines)
    assert store.all_versions() == before


def test_without_its_store_the_build_uses_the_raw_folder_and_says_so_once(
    tiny_raw, tmp_path, monkeypatch, caplog
):
    raw = tmp_path / "raw"
    shutil.copytree(tiny_raw, raw)
    (raw / "projects").mkdir()
    (raw / "projects" / "tietopankki.xlsx").write_bytes(workbook([row("S9", alueet="MK01")]))
    closed = f"postgresql+psycopg://nobody@127.0.0.1:{free_port()}/tietopankki"
    monkeypatch.setenv("KOHTAANTO_STORE", closed)
    caplog.set_level(logging.WARNING)
    lines: list[str] = []
    out = tmp_path / "stats.duckdb"
    build(raw, out, progress=lines.append)
    assert _rows(out, "select project_code, source from projects") == [("S9", "workbook")]
    said = [line for line in lines if "store cannot be reached" in line]
    assert len(said) == 1
    assert len([r for r in caplog.records if "projects store unavailable" in r.getMessage()]) == 1


@pytest.fixture
def cli_store(tmp_path, monkeypatch, roles_file):
    """The command line's store: KOHTAANTO_STORE and KOHTAANTO_ROLES in a temporary folder,
    the test areas."""
    url = f"sqlite:///{tmp_path}/cli.sqlite"
    monkeypatch.setenv("KOHTAANTO_STORE", url)
    monkeypatch.setenv("KOHTAANTO_ROLES", str(roles_file))
    monkeypatch.setattr(store_module, "area_tree", lambda: TREE)
    return url


def test_the_commands_import_preview_export_and_read_back(cli_store, tmp_path, capsys, monkeypatch):
    book = tmp_path / "tietopankki.xlsx"
    book.write_bytes(workbook([row("S1", alueet="KU167"), row("S2", alueet="ELY09")]))
    raw = str(tmp_path / "no-raw")
    assert main(["projects", "import", str(book), "--preview", "--raw", raw]) == 0
    out = capsys.readouterr().out
    assert "new project S1 (published)" in out
    assert "preview: nothing was written" in out
    assert main(["projects", "import", str(book), "--raw", raw]) == 0
    assert "tietopankki.xlsx: 2 versions written" in capsys.readouterr().out
    backup = tmp_path / "varmuuskopio.xlsx"
    assert main(["projects", "export", str(backup)]) == 0
    assert f"{backup}: 2 entries with every version" in capsys.readouterr().out
    # Read back into an empty store.
    monkeypatch.setenv("KOHTAANTO_STORE", f"sqlite:///{tmp_path}/second.sqlite")
    assert main(["projects", "import", str(backup), "--raw", raw]) == 0
    assert "a backup: 2 entries with 2 versions" in capsys.readouterr().out
    assert main(["projects", "upgrade"]) == 0
    assert "store at migration 0001 (the code's: 0001)" in capsys.readouterr().out


def test_a_refused_file_leaves_the_store_as_it_was(cli_store, tmp_path, capsys):
    bad = tmp_path / "salasana.xlsx"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert main(["projects", "import", str(bad), "--raw", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "salasana.xlsx: the workbook is password-protected" in err
    assert "nothing was written" in err
    other = tmp_path / "muu.xlsx"
    other.write_bytes(workbook([row("S2", alueet="MK01")]))  # not the editor's project
    code = main(["projects", "import", str(other), "--by", EDITOR, "--raw", str(tmp_path)])
    assert code == 1
    assert "refused: hanke@example.fi may not import project S2" in capsys.readouterr().err
    assert store_module.Store(cli_store).is_empty()
