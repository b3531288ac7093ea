"""`python -m kohtaanto projects check FILE` on a fresh clone: no raw folder, no database; the
area codes come from the classification shipped in data/reference (issue 19)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kohtaanto.__main__ import main
from tests.projects_util import project, workbook


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KOHTAANTO_DB", str(tmp_path / "none.duckdb"))
    return tmp_path / "raw-that-was-never-fetched"


def test_check_without_raw_folder_or_database(fresh, tmp_path, capsys):
    good = tmp_path / "hankkeet.xlsx"
    # A municipality (KU286 Kouvola) and a coordinator area: only the shipped file knows them.
    good.write_bytes(workbook([project("S1", alueet="KU286, KA4"), project("S2", alueet="SSS")]))
    assert main(["projects", "check", str(good), "--raw", str(fresh)]) == 0
    out = capsys.readouterr()
    assert out.out == (
        "hankkeet.xlsx: kunnossa, 2 hanketta, 0 tulosta tai käytäntöä, 0 indikaattoriraporttia\n"
    )
    assert out.err == ""


def test_errors_in_swedish_without_raw_folder(fresh, tmp_path, capsys):
    bad = tmp_path / "fel.xlsx"
    bad.write_bytes(workbook([project("S1", alueet="KU999", päättyy="2023-01-01")]))
    assert main(["projects", "check", str(bad), "--raw", str(fresh), "--lang", "sv"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "fel.xlsx, flik ”hankkeet”, rad 2, kolumn ”päättyy”: slutar (1.1.2023) innan det "
        "börjar (1.1.2024)",
        "fel.xlsx, flik ”hankkeet”, rad 2, kolumn ”alueet”: okänd områdeskod KU999",
    ]


def test_a_missing_file_is_said_in_finnish(fresh, tmp_path, capsys):
    assert main(["projects", "check", str(tmp_path / "ei.xlsx"), "--raw", str(fresh)]) == 1
    assert capsys.readouterr().err == f"{tmp_path / 'ei.xlsx'}: tiedostoa ei ole\n"


def test_the_database_in_use_adds_its_codes(tmp_path, tiny_db, monkeypatch, capsys):
    import shutil

    import duckdb

    db = tmp_path / "own.duckdb"
    shutil.copy(tiny_db, db)
    with duckdb.connect(str(db)) as con:
        con.execute("insert into areas values ('OMA1', 'region', 'Oma', 'Egen', 'Own', 'SSS')")
    monkeypatch.setenv("KOHTAANTO_DB", str(db))
    own = tmp_path / "oma.xlsx"
    own.write_bytes(workbook([project("S1", alueet="OMA1")]))
    assert main(["projects", "check", str(own), "--raw", str(tmp_path / "no-raw")]) == 0
