"""Hankkeet: the projects databank on the real workbook and on a tiny made-up one."""

from __future__ import annotations

from kohtaanto.i18n import t
from kohtaanto.projects import workbook as projects
from tests.apptest_util import run_app
from tests.projects_util import workbook


def lists(at) -> dict[str, list[str]]:
    """Each project list under its heading: heading text → project codes."""
    headings = [m.value.strip("*") for m in at.markdown if m.value.startswith("**")]
    tables = [
        d.value for d in at.dataframe if d.value.columns[0] == t("hankkeet.col_project_code", "fi")
    ]
    shown = [
        h
        for h in headings
        if not h.endswith("(0)")
        and h.startswith(
            ("Alueella", "Laajemman", "Valtakunnalliset", "Alueelliset", "Hankkeet, joille")
        )
    ]
    return {h: list(d.iloc[:, 0]) for h, d in zip(shown, tables, strict=True)}


def test_tiny_database_practices_and_workbook_check(tiny_projects_db, monkeypatch):
    at = run_app(tiny_projects_db, monkeypatch, page="hankkeet", lang="en")
    practices = [
        d.value for d in at.dataframe if d.value.columns[0] == t("hankkeet.pcol_kind", "en")
    ]
    assert list(practices[0].iloc[0])[:3] == ["Good practice", "Kokeneiden mentorointi", "S1"]
    bad = workbook([{"hankekoodi": "S9", "nimi_fi": "X", "alueet": "MK77"}])
    at.file_uploader(key="check_upload").upload("bad.xlsx", bad)
    at.run()
    refused = t("hankkeet.check_refused", "en", limit=50, mb=5)  # shown only by the browser's CSS
    errors = [e.value for e in at.error if e.value != refused]
    assert errors == ["Problems in bad.xlsx: 1. Fix them and check the workbook again."]
    issues = next(d.value for d in at.dataframe if "To fix" in d.value.columns)
    assert issues.values.tolist() == [["hankkeet", "2", "alueet", "Unknown area code MK77"]]


def test_old_database_without_projects_says_so(tiny_db, monkeypatch, tmp_path):
    import shutil

    import duckdb

    db = tmp_path / "old.duckdb"
    shutil.copy(tiny_db, db)
    with duckdb.connect(str(db)) as con:
        for table in (
            "projects",
            "project_areas",
            "project_target_groups",
            "project_themes",
            "practices",
            "project_indicators",
            "project_differences",
            "project_files",
            "indicators",
        ):
            con.execute(f"drop table {table}")
    at = run_app(db, monkeypatch, page="hankkeet")
    assert [i.value for i in at.info] == [t("hankkeet.no_tables", "fi")]


def test_template_has_instructions_the_three_sheets_and_hidden_lists():
    import io

    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(projects.template_bytes()))
    assert wb.sheetnames == ["ohjeet", "hankkeet", "tulokset", "indikaattorit", "koodit"]
    assert wb["koodit"].sheet_state == "hidden"
    assert [c.value for c in wb["indikaattorit"][1]] == [
        "hankekoodi",
        "kausi_päättyy",
        "indikaattori",
        "sukupuoli",
        "tavoite",
        "toteuma",
    ]
