"""The projects databank's import and validation, on small made-up workbooks (tests/projects_util.py)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest

from kohtaanto.projects import workbook as projects
from tests.projects_util import CONTEXT, eura_export, eura_row, project, workbook

D = dt.date


def check(data: bytes, file: str = "hankkeet.xlsx") -> projects.ProjectData:
    return projects.check_bytes(data, file, CONTEXT)


def problems(data: bytes, file: str = "hankkeet.xlsx") -> list[str]:
    with pytest.raises(projects.ProjectsError) as info:
        check(data, file)
    return [str(i) for i in info.value.issues]


def test_workbook_rows_become_tables():
    data = check(
        workbook(
            [
                project(
                    "S30001",
                    alueet="MK19, KU698",
                    kohderyhmät="55+, työnantajat",
                    teemat="kohtaanto, rekrytointi",
                    suunniteltu_eu_valtio_eur="250 000,50",
                    alkaa=dt.datetime(2024, 3, 1),
                    päättyy=45657,
                ),  # 45657 = 2024-12-31
                project(
                    "OMA-1",
                    alueet="SSS",
                    kohtaanto_teema="ei",
                    ohjelmakausi="2014-2020",
                    nimi_fi=None,
                    nimi_en="Only English",
                ),
            ],
            [
                {
                    "hankekoodi": "S30001",
                    "tyyppi": "hyvä_käytäntö",
                    "otsikko_fi": "Malli A",
                    "käyttöönotto_fi": "Näin",
                    "julkaistu": "2025-05-02",
                },
                {"hankekoodi": "S30001", "tyyppi": "työkalu", "otsikko_fi": "Työkalu B"},
            ],
            [
                {
                    "hankekoodi": "S30001",
                    "kausi_päättyy": "2024-06-30",
                    "indikaattori": "EECO01",
                    "tavoite": 100,
                    "toteuma": 40,
                },
                {
                    "hankekoodi": "S30001",
                    "kausi_päättyy": "2024-06-30",
                    "indikaattori": "EECO08",
                    "sukupuoli": "SSS",
                    "tavoite": 60,
                    "toteuma": 3,
                },
            ],
        )
    )
    p = data.projects.set_index("project_code")
    assert list(p.index) == ["OMA-1", "S30001"]
    assert p.loc["S30001", "start_date"] == D(2024, 3, 1)
    assert p.loc["S30001", "end_date"] == D(2024, 12, 31)
    assert p.loc["S30001", "planned_eu_state_eur"] == 250000.5
    assert bool(p.loc["S30001", "in_theme"]) is True
    assert bool(p.loc["OMA-1", "in_theme"]) is False
    assert p.loc["OMA-1", "programme_period"] == "2014–2020"
    assert p.loc["OMA-1", "name_fi"] is None and p.loc["OMA-1", "name_en"] == "Only English"
    assert p.loc["S30001", "source"] == "workbook"
    assert sorted(map(tuple, data.project_areas.values)) == [
        ("OMA-1", "SSS"),
        ("S30001", "KU698"),
        ("S30001", "MK19"),
    ]
    assert sorted(data.project_target_groups.target_group) == ["55+", "55+", "työnantajat"]
    assert sorted(data.project_themes.theme) == ["kohtaanto", "rekrytointi"]
    assert list(data.practices.practice_id) == ["S30001-1", "S30001-2"]
    assert data.practices.published.iloc[0] == D(2025, 5, 2)
    reports = data.project_indicators.set_index("indicator")
    assert reports.loc["EECO08", "achieved"] == 3 and reports.loc["EECO01", "target"] == 100
    assert (
        reports.loc["EECO01", "sex"] == "SSS" and reports.loc["EECO01", "source"] == "hankkeet.xlsx"
    )


def test_eura_export_by_header_name_with_footer_dates_and_nuts():
    data = check(
        eura_export(
            [
                eura_row("S30001"),
                # Dates as bare Excel serial numbers, the region by an older NUTS code's name.
                eura_row(
                    "S30002", Aloituspvm=45292, Päättymispvm=46022, Sijainti="FI193 Keski-Suomi"
                ),
                eura_row("S30003", Sijainti="FI1 Manner-Suomi"),
            ]
        ),
        "eura.xlsx",
    )
    p = data.projects.set_index("project_code")
    assert list(p.index) == ["S30001", "S30002", "S30003"]
    assert p.loc["S30001", "name_fi"] == "Virallinen S30001"
    assert p.loc["S30001", "start_date"] == D(2024, 2, 1)
    assert p.loc["S30002", "start_date"] == D(2024, 1, 1)
    assert p.loc["S30002", "end_date"] == D(2025, 12, 31)
    assert p.loc["S30001", "realised_eu_state_eur"] == 120000.5
    assert p.loc["S30001", "programme_period"] == "2021–2027"
    assert p.loc["S30001", "funding_authority"] == "Lapin ELY-keskus"
    assert p.loc["S30001", "source"] == "eura2021"
    areas = dict(zip(data.project_areas.project_code, data.project_areas.area_code, strict=True))
    assert areas == {"S30001": "MK19", "S30002": "MK13", "S30003": "SSS"}
    assert data.files.exported.iloc[0] == "Tiedot haettu 01.12.2026"


def test_eura_export_missing_column_is_named():
    data = eura_export([eura_row("S30001")])
    import io

    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data))
    wb.active.delete_cols(22)  # Sijainti
    buffer = io.BytesIO()
    wb.save(buffer)
    assert problems(buffer.getvalue(), "eura.xlsx") == [
        "eura.xlsx, sheet 'Hakutulokset', row 1, column 'Sijainti': required column is missing"
    ]


def test_official_export_wins_and_differences_are_listed():
    own = workbook(
        [
            project(
                "S30001",
                nimi_fi="Oma nimi",
                nimi_sv="Eget namn",
                alkaa="2024-01-01",
                alueet="KU698",
                suunniteltu_eu_valtio_eur=300000,
            )
        ]
    )
    parts = [
        projects.read_file(own, "tietopankki.xlsx", CONTEXT),
        projects.read_file(eura_export([eura_row("S30001")]), "eura.xlsx", CONTEXT),
    ]
    data = projects.combine(parts)
    p = data.projects.set_index("project_code").loc["S30001"]
    assert p["name_fi"] == "Virallinen S30001"  # official
    assert p["start_date"] == D(2024, 2, 1)  # official
    assert p["name_sv"] == "Eget namn"  # only the workbook has it
    assert bool(p["in_theme"]) is True
    assert p["source"] == "eura2021"
    assert list(data.project_areas.area_code) == ["KU698"]  # the workbook's finer area
    diffs = data.differences.set_index("field")
    assert sorted(diffs.index) == ["end_date", "name_fi", "start_date"]
    assert diffs.loc["name_fi", "workbook_value"] == "Oma nimi"
    assert diffs.loc["start_date", "official_value"] == "2024-02-01"


OK_REPORT = {
    "hankekoodi": "S1",
    "kausi_päättyy": "2024-06-30",
    "indikaattori": "EECO01",
    "tavoite": 10,
    "toteuma": 5,
}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            workbook([project("S1")], headers={"hankkeet": ["hankekoodi", "alkaa"]}),
            "hankkeet.xlsx, sheet 'hankkeet', row 1, column 'nimi_fi': required column is missing",
            id="missing-column",
        ),
        pytest.param(
            workbook([project("S1", alueet="MK19, MK99")]),
            "hankkeet.xlsx, sheet 'hankkeet', row 2, column 'alueet': unknown area code MK99",
            id="unknown-area",
        ),
        pytest.param(
            workbook([project("S1")], [], [dict(OK_REPORT, indikaattori="EECO99")]),
            "hankkeet.xlsx, sheet 'indikaattorit', row 2, column 'indikaattori': "
            "unknown indicator code 'EECO99'",
            id="unknown-indicator",
        ),
        pytest.param(
            workbook([project("S1")], [], [dict(OK_REPORT, toteuma=-3)]),
            "hankkeet.xlsx, sheet 'indikaattorit', row 2, column 'toteuma': -3 is negative; "
            "the number must be zero or more",
            id="negative-count",
        ),
        pytest.param(
            workbook([project("S1")], [], [dict(OK_REPORT, tavoite="paljon")]),
            "hankkeet.xlsx, sheet 'indikaattorit', row 2, column 'tavoite': "
            "'paljon' is not a number",
            id="non-numeric-count",
        ),
        pytest.param(
            workbook(
                [project("S1")],
                [],
                [OK_REPORT, dict(OK_REPORT, indikaattori="EECO08", tavoite=5, toteuma=6)],
            ),
            "hankkeet.xlsx, sheet 'indikaattorit', row 3, column 'toteuma': participants aged "
            "55+ (EECO08, 6) above all participants (EECO01 on row 2, 5)",
            id="55-above-all",
        ),
        pytest.param(
            workbook([project("S1", alkaa="2025-01-01", päättyy="2024-12-31")]),
            "hankkeet.xlsx, sheet 'hankkeet', row 2, column 'päättyy': ends (31 December 2024) "
            "before it starts (1 January 2025)",
            id="end-before-start",
        ),
        pytest.param(
            workbook([project("S1"), project("S1")]),
            "hankkeet.xlsx, sheet 'hankkeet', row 3, column 'hankekoodi': duplicate project "
            "code 'S1' (also hankkeet.xlsx row 2)",
            id="duplicate-code",
        ),
        pytest.param(
            workbook([project("S1")], [{"hankekoodi": "S2", "tyyppi": "tulos", "otsikko_fi": "X"}]),
            "hankkeet.xlsx, sheet 'tulokset', row 2, column 'hankekoodi': project code 'S2' is "
            "not in any project list (the sheet 'hankkeet' or a EURA 2021 export)",
            id="orphan-result",
        ),
        pytest.param(
            workbook([project("S1")], [], [dict(OK_REPORT, hankekoodi="S3")]),
            "hankkeet.xlsx, sheet 'indikaattorit', row 2, column 'hankekoodi': project code "
            "'S3' is not in any project list (the sheet 'hankkeet' or a EURA 2021 export)",
            id="orphan-report",
        ),
        pytest.param(
            workbook([project("S1")], [], [dict(OK_REPORT, toteuma="=2+3")]),
            "hankkeet.xlsx, sheet 'indikaattorit', row 2, column 'toteuma': a formula; enter the "
            "value itself (formulas are never evaluated)",
            id="formula",
        ),
        pytest.param(
            workbook([project("S1")], sheets=("Taul1",), headers={"Taul1": ["a", "b"]}),
            "hankkeet.xlsx: unknown sheet layout: neither the coordination's workbook (a sheet "
            "'hankkeet'; sheets here: Taul1) nor a EURA 2021 export (a header 'Hankekoodi')",
            id="unknown-layout",
        ),
        pytest.param(
            b"hankekoodi;nimi_fi\nS1;Hanke\n",
            "hankkeet.xlsx: not an Excel workbook (.xlsx): save it in Excel as .xlsx",
            id="not-a-workbook",
        ),
        pytest.param(
            # An encrypted .xlsx is an OLE compound file; its first eight bytes say so.
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
            "hankkeet.xlsx: the workbook is password-protected or an old .xls file: save it as "
            "an unprotected .xlsx workbook",
            id="password-protected",
        ),
    ],
)
def test_bad_input_is_named_by_file_sheet_row_and_column(data: bytes, expected: str):
    assert expected in problems(data)


def test_file_over_the_size_limit():
    data = b"x" * (projects.MAX_BYTES + 300_000)  # 5.3 MB: refused before anything is read
    assert problems(data) == [
        "hankkeet.xlsx: the file is 5.3 MB; a file to check may be at most 5 MB. Split the "
        "projects over several workbooks, or remove pictures and extra sheets from it."
    ]


def test_too_many_rows(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(projects, "MAX_ROWS", 2)
    data = workbook([project("S1"), project("S2"), project("S3")])
    assert problems(data) == [
        "hankkeet.xlsx, sheet 'hankkeet', row 4: more than 2 rows; split the file"
    ]


def test_template_is_an_empty_valid_workbook():
    data = check(projects.template_bytes(), "template.xlsx")
    assert len(data.projects) == 0 and len(data.practices) == 0


def test_cli_check(tiny_raw: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    from kohtaanto.__main__ import main

    good = tmp_path / "good.xlsx"
    good.write_bytes(workbook([project("S1", alueet="MK01")]))
    assert main(["projects", "check", str(good), "--raw", str(tiny_raw), "--lang", "en"]) == 0
    assert (
        capsys.readouterr().out
        == "good.xlsx: OK, 1 projects, 0 results and practices, 0 indicator reports\n"
    )
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(workbook([project("S1", alueet="MK01"), project("S2", alueet="MK77")]))
    assert main(["projects", "check", str(bad), "--raw", str(tiny_raw), "--lang", "en"]) == 1
    assert capsys.readouterr().err == (
        "bad.xlsx, sheet 'hankkeet', row 3, column 'alueet': unknown area code MK77\n"
    )
    # Finnish by default, from the same catalogue.
    assert main(["projects", "check", str(bad), "--raw", str(tiny_raw)]) == 1
    assert capsys.readouterr().err == (
        "bad.xlsx, välilehti ”hankkeet”, rivi 3, sarake ”alueet”: tuntematon aluekoodi MK77\n"
    )


def test_build_loads_projects_and_a_bad_file_leaves_the_old_database(
    tiny_raw: Path, tmp_path: Path
):
    from kohtaanto.pipeline.build import BuildError, build

    raw = tmp_path / "raw"
    shutil.copytree(tiny_raw, raw)
    (raw / "projects").mkdir()
    (raw / "projects" / "tietopankki.xlsx").write_bytes(
        workbook(
            [project("S1", alueet="MK01, KU091"), project("S2", alueet="SSS")],
            [],
            [dict(OK_REPORT), dict(OK_REPORT, indikaattori="EECO08", tavoite=4, toteuma=2)],
        )
    )
    out = tmp_path / "db.duckdb"
    build(raw, out, progress=lambda _: None)
    with duckdb.connect(str(out), read_only=True) as con:
        assert con.execute("select count(*) from projects").fetchone() == (2,)
        assert con.execute(
            "select area_code from project_areas where project_code = 'S1' order by 1"
        ).fetchall() == [("KU091",), ("MK01",)]
        assert con.execute(
            "select indicator, achieved from project_indicators order by 1"
        ).fetchall() == [("EECO01", 5.0), ("EECO08", 2.0)]
        assert con.execute(
            "select name_fi from indicators where indicator = 'EECO08'"
        ).fetchone() == ("55 vuotta täyttäneet osallistujat",)
    before = out.stat().st_mtime_ns
    (raw / "projects" / "tietopankki.xlsx").write_bytes(
        workbook([project("S1", alueet="MK01", alkaa="2026-01-01", päättyy="2025-01-01")])
    )
    with pytest.raises(
        BuildError, match=r"tietopankki.xlsx, sheet 'hankkeet', row 2, column 'päättyy'"
    ):
        build(raw, out, progress=lambda _: None)
    assert out.stat().st_mtime_ns == before


def test_aineisto_lists_where_the_official_export_won(tiny_raw: Path, tmp_path: Path, monkeypatch):
    from kohtaanto.pipeline.build import build
    from tests.apptest_util import run_app

    raw = tmp_path / "raw"
    shutil.copytree(tiny_raw, raw)
    (raw / "projects").mkdir()
    (raw / "projects" / "tietopankki.xlsx").write_bytes(
        workbook([project("S30001", nimi_fi="Oma nimi", alueet="KU091")])
    )
    # The tiny key has no NUTS codes: the export's region is placed by its name.
    row = eura_row("S30001", Sijainti="FI1B1 Maakunta 01")
    (raw / "projects" / "eura.xlsx").write_bytes(eura_export([row]))
    out = tmp_path / "db.duckdb"
    build(raw, out, progress=lambda _: None)
    at = run_app(out, monkeypatch, page="aineisto", lang="en")
    tables = [tb.value for tb in at.table]
    files = next(x for x in tables if "Exported" in x.columns)
    assert list(files.File) == ["eura.xlsx", "tietopankki.xlsx"]
    assert list(files.Exported) == ["Tiedot haettu 01.12.2026", ""]
    diffs = next(x for x in tables if "Official (used)" in x.columns)
    assert diffs.values.tolist() == [
        ["S30001", "end_date", "2025-12-31", "2026-01-31", "eura2021"],
        ["S30001", "name_fi", "Oma nimi", "Virallinen S30001", "eura2021"],
        ["S30001", "start_date", "2024-01-01", "2024-02-01", "eura2021"],
    ]


def test_workbook_unpacking_to_too_much_is_refused(monkeypatch: pytest.MonkeyPatch):
    import re

    monkeypatch.setattr(projects, "MAX_UNPACKED", 1024 * 1024)
    rows = [project(f"S{i}", tiivistelmä_fi="kokeneet osaajat " * 40) for i in range(2000)]
    issues = problems(workbook(rows))
    assert len(issues) == 1
    assert re.fullmatch(
        r"hankkeet\.xlsx: the workbook unpacks to \d\.\d MB, over 1 MB", issues[0]
    ), issues[0]


def test_the_exports_own_address_is_the_projects_official_page():
    card = "https://www.eura2021.fi/hakutulokset/projektikortti?id=S30001"
    own = workbook([project("S30001", osoite="https://hanke.example.fi")])
    parts = [
        projects.read_file(own, "tietopankki.xlsx", CONTEXT),
        projects.read_file(
            eura_export(
                [
                    eura_row("S30001", **{"Hankekuvauksen osoite": card}),
                    eura_row("S30002", **{"Hankekuvauksen osoite": "javascript:alert(1)"}),
                ]
            ),
            "eura.xlsx",
            CONTEXT,
        ),
    ]
    urls = projects.combine(parts).projects.set_index("project_code").url
    assert urls["S30001"] == card  # not the workbook's address
    assert urls["S30002"] is None  # only http(s) addresses are kept
