"""The empty workbook a coordinator fills in: instructions, the three sheets, and code lists.

The first sheet explains every column in the chosen language (fi, sv or en); the sheets
``hankkeet``, ``tulokset`` and ``indikaattorit`` keep their Finnish headers (they are codes the
check reads). Columns that take codes get Excel drop-down lists (data validation) from a hidden
sheet ``koodit``: programme periods, target groups, yes/no, kinds of result, ESF+ indicators, sex
and area codes. A list entry may carry its name (``MK12 Pohjois-Karjala``, ``EECO01
Osallistujat yhteensä``): the check reads the code in front (kohtaanto.projects.validate). The
reader ignores the instructions and the lists, so a filled template is checked as it is.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from kohtaanto.i18n import t
from kohtaanto.projects.validate import (
    MAX_CODE,
    MAX_LINK,
    MAX_LONG,
    MAX_SHORT,
    PERIODS,
    PRACTICE_KINDS,
    SEXES,
    TARGET_GROUPS,
    WORKBOOK_COLUMNS,
    YES_NO,
)

SHEETS = ("hankkeet", "tulokset", "indikaattorit")
LISTS_SHEET = "koodit"
DATA_ROWS = 5000  # rows 2..5001 carry the drop-downs (the check reads at most 5 000 rows)
# Area levels in the order a coordinator looks for them (as the area filter lists them).
LEVEL_ORDER = (
    "country",
    "coordinator_area",
    "region",
    "ely",
    "elinvoimakeskus",
    "employment_area",
    "major_region",
    "sub_region",
    "municipality",
)


@dataclass(frozen=True)
class CodeList:
    """One drop-down: its entries, and how Excel treats another value (``stop`` refuses it,
    ``information`` lets it through after a note, None says nothing: lists of several codes
    such as ``MK12, KU167`` are typed, not picked)."""

    name: str
    entries: list[str]
    style: str | None


def _lists(lang: str) -> dict[str, CodeList]:
    from kohtaanto.projects.reference import shipped_areas
    from kohtaanto.projects.tables import indicator_table

    indicators = indicator_table(None)
    areas = shipped_areas()
    areas = areas[areas.level.isin(LEVEL_ORDER)].copy()
    areas["order"] = areas.level.map(LEVEL_ORDER.index)
    areas = areas.sort_values(["order", "area_code"])
    name = f"name_{lang}"
    return {
        "ohjelmakausi": CodeList("periods", list(PERIODS), "stop"),
        "kohderyhmät": CodeList("target_groups", list(TARGET_GROUPS), None),
        "kohtaanto_teema": CodeList("yes_no", list(YES_NO), "stop"),
        "alueet": CodeList(
            "areas", [f"{c} {n}" for c, n in zip(areas.area_code, areas[name], strict=True)], None
        ),
        "tyyppi": CodeList("kinds", list(PRACTICE_KINDS), "stop"),
        "indikaattori": CodeList(
            "indicators",
            [f"{c} {n}" for c, n in zip(indicators.indicator, indicators[name], strict=True)],
            "information",
        ),
        "sukupuoli": CodeList("sexes", list(SEXES), "stop"),
    }


def _column_help(sheet: str, column: str, lang: str) -> str:
    return t(f"template.col.{sheet}.{column}", lang)


def _instructions(wb, lang: str) -> None:
    """The first sheet: how to fill the workbook, and one row per column."""
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet(t("template.sheet_instructions", lang))
    ws.append([t("template.title", lang)])
    ws["A1"].font = Font(bold=True, size=14)
    for key in ("intro", "dates", "lists", "codes", "check"):
        ws.append([t(f"template.{key}", lang, rows=f"{DATA_ROWS:,}".replace(",", " "))])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=5)
        ws.cell(ws.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[ws.max_row].height = 45
    ws.append([])
    heads = ["sheet", "column", "required", "what", "limit"]
    ws.append([t(f"template.head_{h}", lang) for h in heads])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    limits = {"code": MAX_CODE, "short": MAX_SHORT, "long": MAX_LONG, "link": MAX_LINK}
    for sheet in SHEETS:
        for column, required in WORKBOOK_COLUMNS[sheet].items():
            kind = _limit_kind(column)
            limit = t(f"template.limit_{kind}", lang, n=limits.get(kind, 0)) if kind else ""
            ws.append(
                [
                    sheet,
                    column,
                    t("template.yes" if required else "template.no", lang),
                    _column_help(sheet, column, lang),
                    limit,
                ]
            )
            ws.cell(ws.max_row, 4).alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDE", (16, 26, 12, 80, 24), strict=True):
        ws.column_dimensions[letter].width = width


def _limit_kind(column: str) -> str | None:
    """Which length limit a column has (validate.py), for the instructions."""
    if column in ("hankekoodi", "y_tunnus"):
        return "code"
    if column == "osoite":
        return "link"
    if column in ("tiivistelmä_fi", "kuvaus_fi", "käyttöönotto_fi", "näyttö_fi"):
        return "long"
    if column.startswith(("nimi_", "otsikko_")) or column in (
        "toteuttaja",
        "rahasto",
        "erityistavoite",
    ):
        return "short"
    return None


def _ranges(lists: dict[str, CodeList]) -> dict[str, str]:
    """Each list's cells on the hidden sheet (one column per list): column name → range."""
    from openpyxl.utils import get_column_letter

    out = {}
    for index, (column, code_list) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        out[column] = f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(code_list.entries) + 1}"
    return out


def _code_lists(wb, lists: dict[str, CodeList]) -> None:
    """The hidden last sheet of code lists, one column each (as :func:`_ranges` says)."""
    ws = wb.create_sheet(LISTS_SHEET)
    for index, code_list in enumerate(lists.values(), start=1):
        ws.cell(1, index, code_list.name)
        for row, entry in enumerate(code_list.entries, start=2):
            ws.cell(row, index, entry)
    ws.sheet_state = "hidden"


def _data_sheet(wb, sheet: str, lists: dict[str, CodeList], ranges: dict[str, str], lang: str):
    """One of the three sheets: bold headers with their help as a comment, drop-downs."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = wb.create_sheet(sheet)
    columns = list(WORKBOOK_COLUMNS[sheet])
    ws.append(columns)
    for index, column in enumerate(columns, start=1):
        cell = ws.cell(1, index)
        cell.font = Font(bold=True)
        cell.comment = Comment(_column_help(sheet, column, lang), "kohtaanto", 160, 320)
        ws.column_dimensions[get_column_letter(index)].width = max(14, len(column) + 4)
        code_list = lists.get(column)
        if code_list is None:
            continue
        letter = get_column_letter(index)
        rule = DataValidation(
            type="list",
            formula1=ranges[column],
            allow_blank=True,
            showInputMessage=True,
            promptTitle=column[:32],
            prompt=t(f"template.prompt_{code_list.name}", lang)[:255],
            showErrorMessage=code_list.style is not None,
            errorStyle=code_list.style,
            errorTitle=t("template.error_title", lang)[:32],
            error=t(f"template.error_{code_list.name}", lang)[:255] if code_list.style else None,
        )
        rule.add(f"{letter}2:{letter}{DATA_ROWS + 1}")
        ws.add_data_validation(rule)
    ws.freeze_panes = "A2"


def template_bytes(lang: str = "fi") -> bytes:
    """The empty workbook as .xlsx bytes, its instructions and lists in ``lang``."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    lists = _lists(lang)
    ranges = _ranges(lists)
    _instructions(wb, lang)
    for sheet in SHEETS:
        _data_sheet(wb, sheet, lists, ranges, lang)
    _code_lists(wb, lists)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
