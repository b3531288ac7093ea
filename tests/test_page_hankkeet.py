"""Hankkeet: the projects databank on the real workbook and on a tiny made-up one."""
# ruff: noqa: F811  (fixtures imported from tests/projects_util.py are used by name)

from __future__ import annotations

import json

import pytest

from kohtaanto.i18n import t
from kohtaanto.projects import workbook as projects
from tests.apptest_util import plotly_values as values
from tests.apptest_util import run_app, title_of
from tests.projects_util import real_projects_db, tiny_projects_db, workbook  # noqa: F401


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


def test_lapland_lists_its_projects_and_national_ones_apart(real_projects_db, monkeypatch):
    at = run_app(real_projects_db, monkeypatch, page="hankkeet", area="MK19")
    shown = lists(at)
    assert shown["Alueella Lappi tai sen osissa (3)"] == ["S21884", "S21641", "S20561"]
    assert shown["Valtakunnalliset hankkeet (4)"] == [
        "OMA-TTM",
        "S20578",
        "S20109",
        "OMA-TE-KOHTAANTO",
    ]
    assert (
        "**Laajemman tai osin päällekkäisen alueen hankkeet, jotka kattavat alueen Lappi (0)**"
        in [m.value for m in at.markdown]
    )


def test_project_card_shows_kymenlaakso_over_the_projects_period(real_projects_db, monkeypatch):
    at = run_app(real_projects_db, monkeypatch, page="hankkeet", project="S20762", lang="en")
    assert at.subheader[0].value == "S20762: TYÖIKÄ – Työtä kaiken ikää"
    assert t("hankkeet.no_50", "en", area="Kymenlaakso", start="8/2016", end="7/2019") in [
        i.value for i in at.info
    ]
    charts = {
        title_of(json.loads(c.proto.spec)): json.loads(c.proto.spec) for c in at.get("plotly_chart")
    }
    spec = charts["Kymenlaakso: unemployed and labour-market tightness 8/2016–7/2019"]
    names = [tr["name"] for tr in spec["data"]]
    assert names == [t("hankkeet.series_unemployed", "en"), t("hankkeet.series_tightness", "en")]
    unemployed = values(spec["data"][0]["y"])
    assert len(unemployed) == 36 and unemployed[0] == 12102 and unemployed[-1] == 9332
    # 12r5 for Kymenlaakso, July 2019: 1 035 open vacancies for 9 332 unemployed.
    assert values(spec["data"][1]["y"])[-1] == pytest.approx(1035 / 9332)
    assert spec["data"][1]["x"][0].startswith("2016-08-01")
    assert "tyonv/12r5" in spec["layout"]["annotations"][0]["text"]
    # A 2014–2020 project links to its source address (eura2014), not to EURA 2021.
    assert at.get("link_button")[0].proto.url == (
        "https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi=S20762"
    )


def test_filters_and_search_from_the_url(real_projects_db, monkeypatch):
    at = run_app(real_projects_db, monkeypatch, page="hankkeet", target="50+", period="2014–2020")
    assert lists(at) == {"Alueelliset hankkeet (2)": ["S20762", "S20363"]}
    at = run_app(real_projects_db, monkeypatch, page="hankkeet", q="urasuunnittelu")
    assert lists(at) == {"Alueelliset hankkeet (2)": ["S20561", "S20077"]}
    at = run_app(real_projects_db, monkeypatch, page="hankkeet", status="nonsense")
    assert t("common.bad_param", "fi", param="status", value="nonsense") in [
        i.value for i in at.info
    ]


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
