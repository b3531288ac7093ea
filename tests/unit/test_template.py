"""The empty workbook: instructions in the chosen language, drop-down lists of codes, and a
template that passes the check as it is (kohtaanto/projects/template.py)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from kohtaanto.projects import reference
from kohtaanto.projects import workbook as projects


def load(lang: str):
    return openpyxl.load_workbook(io.BytesIO(projects.template_bytes(lang)))


@pytest.mark.parametrize(
    ("lang", "sheet", "title"),
    [
        ("fi", "ohjeet", "Kohtaannon tietopankki: hankkeiden työkirja"),
        ("sv", "anvisningar", "Kunskapsbanken om matchning: arbetsbok för projekt"),
        ("en", "instructions", "The matching databank: projects workbook"),
    ],
)
def test_instructions_in_the_chosen_language(lang, sheet, title):
    wb = load(lang)
    assert wb.sheetnames == [sheet, "hankkeet", "tulokset", "indikaattorit", "koodit"]
    ws = wb[sheet]
    assert ws["A1"].value == title
    columns = [(r[0].value, r[1].value) for r in ws.iter_rows(min_row=9) if r[1].value]
    assert len(columns) == 36 and columns[0] == ("hankkeet", "hankekoodi")
    assert ("indikaattorit", "toteuma") in columns
    assert wb["hankkeet"]["A1"].comment is not None  # the column's help on its header


def test_drop_down_lists_of_codes():
    wb = load("sv")
    lists = wb["koodit"]
    assert lists.sheet_state == "hidden"
    rules = {
        (sheet, str(dv.sqref)): (dv.formula1, dv.errorStyle)
        for sheet in ("hankkeet", "tulokset", "indikaattorit")
        for dv in wb[sheet].data_validations.dataValidation
    }
    assert rules == {
        ("hankkeet", "H2:H5001"): ("'koodit'!$A$2:$A$3", "stop"),  # ohjelmakausi
        ("hankkeet", "N2:N5001"): ("'koodit'!$B$2:$B$10", None),  # kohderyhmät
        ("hankkeet", "O2:O5001"): ("'koodit'!$C$2:$C$3", "stop"),  # kohtaanto_teema
        ("hankkeet", "L2:L5001"): ("'koodit'!$D$2:$D$481", None),  # alueet
        ("tulokset", "B2:B5001"): ("'koodit'!$E$2:$E$5", "stop"),  # tyyppi
        ("indikaattorit", "C2:C5001"): ("'koodit'!$F$2:$F$24", "information"),
        ("indikaattorit", "D2:D5001"): ("'koodit'!$G$2:$G$4", "stop"),  # sukupuoli
    }
    column = {lists.cell(1, c).value: c for c in range(1, 8)}
    areas = [lists.cell(r, column["areas"]).value for r in range(2, 482)]
    assert areas[:3] == ["SSS Hela landet", "KA1 Nyland", "KA2 Södra Finland"]
    assert "MK12 Norra Karelen" in areas and "KU167 Joensuu" in areas
    assert len(areas) == len(reference.shipped_areas())
    assert lists.cell(2, column["indicators"]).value == "EECO01 Deltagare totalt"
    assert [lists.cell(r, column["sexes"]).value for r in (2, 3, 4)] == ["SSS", "1", "2"]


def test_a_filled_template_passes_with_list_entries():
    wb = load("fi")
    wb["hankkeet"].append(
        [
            "S1",
            "Hanke",
            None,
            None,
            None,
            None,
            None,
            "2021–2027",
            None,
            "2025-01-01",
            "2025-12-31",
            "MK12 Pohjois-Karjala",
            None,
            "55+",
            "kyllä",
        ]
    )
    wb["indikaattorit"].append(["S1", "2025-06-30", "EECO01 Osallistujat yhteensä", "SSS", 10, 4])
    buffer = io.BytesIO()
    wb.save(buffer)
    ctx = reference.context_for_check(None, None)
    data = projects.check_bytes(buffer.getvalue(), "pohja.xlsx", ctx)
    assert list(data.project_areas.area_code) == ["MK12"]
    assert list(data.project_indicators.indicator) == ["EECO01"]
