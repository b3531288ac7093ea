"""The projects databank (tietopankki) and its monitoring reports: read, validate, write.

Inputs are the files of a raw folder's ``projects/`` (../shared/design/CONTRACT.md section 2b):
the EURA 2021 project search export and the coordination's own workbook (sheets ``hankkeet``,
``tulokset``, ``indikaattorit``). Both are recognised by their header names, never by column
position. Workbooks are read with openpyxl in read-only mode without evaluating anything: a
formula cell is an error, because its cached value may be stale or missing.

Every problem is an :class:`Issue` (``kohtaanto.projects.issues``): a message code naming file,
sheet, row and column, rendered in the reader's language by the app's workbook check and by
``python -m kohtaanto projects check FILE``, in English by the build's error. The rules for one
entry live in ``kohtaanto.projects.validate``, which the editable databank's forms share.
Nothing here needs Streamlit or a database.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from kohtaanto.projects.issues import MAX_ISSUES, MB, CellError, Issue, ProjectsError
from kohtaanto.projects.validate import (
    PERIODS,
    PRACTICE_KINDS,
    SEXES,
    TARGET_GROUPS,
    WORKBOOK_COLUMNS,
    Context,
    check_reports,
    convert_field,
    count_value,
    excel_date,
    link,
    parse_practice,
    parse_project,
    parse_report,
    split_list,
)
from kohtaanto.projects.validate import text as _text

__all__ = [
    "MAX_ISSUES",
    "PERIODS",
    "PRACTICE_KINDS",
    "SEXES",
    "TARGET_GROUPS",
    "WORKBOOK_COLUMNS",
    "Context",
    "Issue",
    "ProjectsError",
    "count_value",
    "excel_date",
    "split_list",
]

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 100  # columns read per row (the EURA export has 35)
MAX_UNPACKED = 100 * 1024 * 1024  # a small .xlsx that unpacks to more is refused (zip bomb)

WORKBOOK_SHEETS = ("hankkeet", "tulokset", "indikaattorit")
EURA = "eura2021"
WORKBOOK = "workbook"
# The EURA 2021 project card. Attested by the raw mirror's README (../shared/raw/README.md) and
# by another public project's notes on EURA data; the service is a single-page app, so the
# address could not be opened here. An export's own address (Hankekuvauksen osoite) comes first.
EURA_CARD = "https://www.eura2021.fi/hakutulokset/projektikortti?id={code}"

# EURA 2021 export header -> our field; the export writes "Hankekoodi " with a trailing space,
# so headers are compared stripped.
EURA_COLUMNS: dict[str, tuple[str, bool]] = {
    "Hankekoodi": ("project_code", True),
    "Hankkeen nimi": ("name_fi", True),
    "Rahasto": ("fund", False),
    "Et": ("specific_objective", False),
    "Toteuttajan nimi": ("implementer", False),
    "Toteuttajan Y-tunnus": ("business_id", False),
    "Rahoittava viranomainen": ("funding_authority", False),
    "Toiminnan tila": ("status", False),
    "Aloituspvm": ("start_date", True),
    "Päättymispvm": ("end_date", True),
    "Suunniteltu EU- ja valtion rahoitus": ("planned_eu_state_eur", True),
    "Toteutunut EU- ja valtion rahoitus": ("realised_eu_state_eur", True),
    "Suunniteltu rahoitus yhteensä": ("planned_total_eur", False),
    "Sijainti": ("sijainti", True),
    "Suunnitelman mukainen tiivistelmä hankkeen toteutuksesta": ("summary_fi", False),
    "Hankekuvauksen osoite": ("url", False),
}

PROJECT_COLUMNS = [
    "project_code",
    "name_fi",
    "name_sv",
    "name_en",
    "implementer",
    "business_id",
    "fund",
    "programme_period",
    "specific_objective",
    "funding_authority",
    "status",
    "start_date",
    "end_date",
    "planned_eu_state_eur",
    "realised_eu_state_eur",
    "planned_total_eur",
    "in_theme",
    "summary_fi",
    "url",
    "source",
]
PRACTICE_COLUMNS = [
    "practice_id",
    "project_code",
    "kind",
    "title_fi",
    "title_sv",
    "title_en",
    "description_fi",
    "adoption_fi",
    "evidence_fi",
    "url",
    "published",
]
REPORT_COLUMNS = ["project_code", "period_end", "indicator", "sex", "target", "achieved", "source"]
_TYPED = {
    "start_date",
    "end_date",
    "planned_eu_state_eur",
    "realised_eu_state_eur",
    "planned_total_eur",
    "in_theme",
}
# Facts where the official export wins over the workbook; the differences are listed.
OFFICIAL_FACTS = (
    "name_fi",
    "implementer",
    "business_id",
    "fund",
    "specific_objective",
    "start_date",
    "end_date",
    "planned_eu_state_eur",
    "realised_eu_state_eur",
    "planned_total_eur",
)


@dataclass
class Parsed:
    """The rows one file gave, as plain dicts, before the files are combined."""

    file: str
    kind: str  # 'eura2021' | 'workbook'
    projects: list[dict[str, Any]] = field(default_factory=list)
    practices: list[dict[str, Any]] = field(default_factory=list)
    reports: list[dict[str, Any]] = field(default_factory=list)
    exported: str | None = None  # the EURA footer's text (its export date)


@dataclass
class ProjectData:
    """Every projects table as a DataFrame, ready to be written (CONTRACT.md section 2b)."""

    projects: pd.DataFrame
    project_areas: pd.DataFrame
    project_target_groups: pd.DataFrame
    project_themes: pd.DataFrame
    practices: pd.DataFrame
    project_indicators: pd.DataFrame
    differences: pd.DataFrame
    files: pd.DataFrame


def _fail(code: str, file: str, **values: Any) -> ProjectsError:
    """A whole file refused: one issue of ``code`` naming the file."""
    return ProjectsError([Issue(code, file=file, values=tuple(values.items()))])


# ---------------------------------------------------------------------------------------------
# Files


def open_workbook(data: bytes, file: str) -> Any:
    """An openpyxl workbook in read-only mode; ProjectsError for anything that is not one."""
    import openpyxl

    if len(data) > MAX_BYTES:
        raise _fail("too_large", file, size=len(data) / MB, limit=MAX_BYTES / MB)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        # An encrypted .xlsx is an OLE container, as is an old .xls.
        raise _fail("protected_or_xls", file)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _fail("not_xlsx", file)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _fail("unreadable", file) from exc
    if unpacked > MAX_UNPACKED:
        raise _fail("unpacks_too_large", file, size=unpacked / MB, limit=MAX_UNPACKED / MB)
    try:
        return openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=False, keep_links=False
        )
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise _fail("unreadable", file) from exc


def _rows(
    ws: Any, file: str, issues: list[Issue]
) -> tuple[list[tuple[int, list[Any]]], list[tuple[int, int]]]:
    """The sheet's rows as (row number, values), and where formula cells are (row number,
    column index): a formula is left empty and reported once the header is known."""
    out: list[tuple[int, list[Any]]] = []
    formulas: list[tuple[int, int]] = []
    for number, row in enumerate(ws.iter_rows(max_col=MAX_COLUMNS), start=1):
        if number > MAX_ROWS + 1:
            issues.append(
                Issue("too_many_rows", file, ws.title, number, values=(("limit", MAX_ROWS),))
            )
            break
        values = []
        for index, cell in enumerate(row):
            if getattr(cell, "data_type", None) == "f":
                formulas.append((number, index))
                values.append(None)
            else:
                values.append(getattr(cell, "value", None))
        out.append((number, values))
    while out and all(_text(v) is None for v in out[-1][1]):
        out.pop()
    return out, formulas


def _formula_issues(
    formulas: list[tuple[int, int]], header: list[Any], file: str, sheet: str
) -> list[Issue]:
    """Each formula cell named by its column's header (or its letter beyond the header)."""
    from openpyxl.utils import get_column_letter

    names = [_text(v) for v in header]
    out = []
    for number, index in formulas:
        name = names[index] if index < len(names) and names[index] else None
        out.append(Issue("formula", file, sheet, number, name or get_column_letter(index + 1)))
    return out


def _header(
    rows: list[tuple[int, list[Any]]],
    wanted: Iterable[str],
    required: Iterable[str],
    file: str,
    sheet: str,
    issues: list[Issue],
    header_row: int = 0,
) -> dict[str, int] | None:
    """Column positions by stripped header name; missing required columns are issues."""
    if not rows:
        issues.append(Issue("empty_sheet", file, sheet))
        return None
    names = [_text(v) for v in rows[header_row][1]]
    positions = {n: i for i, n in reversed(list(enumerate(names))) if n is not None}
    missing = [c for c in required if c not in positions]
    for column in missing:
        issues.append(Issue("missing_column", file, sheet, rows[header_row][0], column))
    if missing:
        return None
    return {c: positions[c] for c in wanted if c in positions}


def read_file(data: bytes, file: str, ctx: Context) -> Parsed:
    """Read one file of ``projects/``: the EURA 2021 export or the coordination's workbook."""
    wb = open_workbook(data, file)
    try:
        names = list(wb.sheetnames)
        if "hankkeet" in names:
            return _read_workbook(wb, file, ctx)
        first = wb[names[0]]
        head = [r for _, r in zip(range(5), first.iter_rows(values_only=True), strict=False)]
        for row in head:
            if "Hankekoodi" in {_text(v) for v in row}:
                return _read_eura(first, file, ctx)
        raise _fail("unknown_layout", file, sheets=names)
    finally:
        wb.close()


def _cell(values: list[Any], cols: dict[str, int], name: str) -> Any:
    i = cols.get(name)
    return values[i] if i is not None and i < len(values) else None


# Each sheet's entries: the validation of one entry, and where its rows go.
_PARSERS = {
    "hankkeet": (parse_project, "projects"),
    "tulokset": (parse_practice, "practices"),
    "indikaattorit": (parse_report, "reports"),
}


def _read_workbook(wb: Any, file: str, ctx: Context) -> Parsed:
    """The coordination's workbook: every row of its three sheets validated as an entry;
    other sheets (the template's instructions and lists) are ignored."""
    issues: list[Issue] = []
    parsed = Parsed(file, WORKBOOK)
    for sheet in WORKBOOK_SHEETS:
        if sheet not in wb.sheetnames:
            continue
        spec = WORKBOOK_COLUMNS[sheet]
        rows, formulas = _rows(wb[sheet], file, issues)
        if rows:
            issues += _formula_issues(formulas, rows[0][1], file, sheet)
        cols = _header(rows, spec, [c for c, r in spec.items() if r], file, sheet, issues)
        if cols is None:
            continue
        parse, target = _PARSERS[sheet]
        for number, values in rows[1:]:
            if all(_text(v) is None for v in values):
                continue
            fields = {column: _cell(values, cols, column) for column in cols}
            row, found = parse(fields, ctx)
            issues += [i.at(file=file, sheet=sheet, row=number) for i in found]
            if not found:
                row["_row"] = number
                if sheet == "hankkeet":
                    row["source"] = WORKBOOK
                if sheet == "indikaattorit":
                    row["source"] = file
                getattr(parsed, target).append(row)
    if issues:
        raise ProjectsError(issues)
    issues += [i.at(file=file, sheet="indikaattorit") for i in check_reports(parsed.reports)]
    if issues:
        raise ProjectsError(issues)
    return parsed


def _nuts_areas(value: Any, ctx: Context, issues: list[Issue]) -> list[str]:
    """``FI193 Keski-Suomi`` → ``["MK13"]``: by NUTS code, else by the region's name."""
    out = []
    for part in split_list(value):
        match = re.fullmatch(r"(FI[0-9A-Z]*)\s*(.*)", part)
        code, name = (match[1], match[2].strip()) if match else (None, part)
        area = ctx.nuts.get(code or "") or ctx.nuts.get(name.lower())
        if area is None:
            issues.append(Issue("unplaceable_nuts", column="Sijainti", values=(("value", part),)))
        else:
            out.append(area)
    return list(dict.fromkeys(out))


def _eura_link(value: Any) -> str | None:
    """The export's own address of the project, kept only if it is http(s)."""
    try:
        return link(value)
    except CellError:
        return None


def _eura_row(values: list[Any], cols: dict[str, int], ctx: Context) -> tuple[dict, list[Issue]]:
    """One project of the export, and its issues (placed by the caller)."""
    fields = {header: _cell(values, cols, header) for header in cols}
    issues: list[Issue] = []
    row: dict[str, Any] = {"source": EURA, "programme_period": "2021–2027"}
    for header, (key, req) in EURA_COLUMNS.items():
        if key in ("start_date", "end_date", "sijainti", "url") or key.endswith("_eur"):
            continue
        row[key] = convert_field(fields, header, _text, issues, required=req)
    row["url"] = _eura_link(fields.get("Hankekuvauksen osoite"))
    row["start_date"] = convert_field(fields, "Aloituspvm", excel_date, issues, required=True)
    row["end_date"] = convert_field(fields, "Päättymispvm", excel_date, issues, required=True)
    if row["start_date"] and row["end_date"] and row["end_date"] < row["start_date"]:
        found = Issue(
            "ends_before_start",
            column="Päättymispvm",
            values=(("end", row["end_date"]), ("start", row["start_date"])),
        )
        issues.append(found)
    for header, (key, _req) in EURA_COLUMNS.items():
        if key.endswith("_eur"):
            row[key] = convert_field(fields, header, count_value, issues)
    row["areas"] = _nuts_areas(fields.get("Sijainti"), ctx, issues)
    row.update(name_sv=None, name_en=None, in_theme=False, target_groups=[], themes=[])
    return row, issues


def _read_eura(ws: Any, file: str, ctx: Context) -> Parsed:
    issues: list[Issue] = []
    parsed = Parsed(file, EURA)
    rows, formulas = _rows(ws, file, issues)
    start = next(i for i, (_, r) in enumerate(rows) if "Hankekoodi" in {_text(v) for v in r})
    issues += _formula_issues(formulas, rows[start][1], file, ws.title)
    required = [h for h, (_, req) in EURA_COLUMNS.items() if req]
    cols = _header(rows, EURA_COLUMNS, required, file, ws.title, issues, header_row=start)
    if cols is None:
        raise ProjectsError(issues)
    body = rows[start + 1 :]
    # The last two rows are a footer (the export date), not projects: one filled cell each.
    footer = []
    while body and len(footer) < 2 and sum(_text(v) is not None for v in body[-1][1]) <= 1:
        footer.insert(0, body.pop())
    parsed.exported = " ".join(_text(v) for _, r in footer for v in r if _text(v)) or None
    for number, values in body:
        if all(_text(v) is None for v in values):
            continue
        row, found = _eura_row(values, cols, ctx)
        issues += [i.at(file=file, sheet=ws.title, row=number) for i in found]
        if not found:
            row["_row"] = number
            parsed.projects.append(row)
    if issues:
        raise ProjectsError(issues)
    return parsed


# ---------------------------------------------------------------------------------------------
# Combining files


def _index_projects(
    parts: list[Parsed], issues: list[Issue]
) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """The official export's and the workbook's projects by code; duplicates become issues."""
    official: dict[str, dict[str, Any]] = {}
    own: dict[str, dict[str, Any]] = {}
    first_seen: dict[tuple[str, str], tuple[str, int]] = {}
    for part in parts:
        target = official if part.kind == EURA else own
        sheet = "hankkeet" if part.kind == WORKBOOK else None
        for row in part.projects:
            code = row["project_code"]
            if code in target:
                file, line = first_seen[(part.kind, code)]
                column = "hankekoodi" if sheet else "Hankekoodi"
                values = (("code", code), ("other_file", file), ("other", str(line)))
                issues.append(
                    Issue("duplicate_code", part.file, sheet, row["_row"], column, values)
                )
                continue
            target[code] = row
            first_seen[(part.kind, code)] = (part.file, row["_row"])
    return official, own


def _check_orphans(parts: list[Parsed], codes: set[str], issues: list[Issue]) -> None:
    """Results and reports must name a listed project."""
    for part in parts:
        for sheet, rows in (("tulokset", part.practices), ("indikaattorit", part.reports)):
            for row in rows:
                if row["project_code"] not in codes:
                    values = (("code", row["project_code"]),)
                    found = Issue("orphan", part.file, sheet, row["_row"], "hankekoodi", values)
                    issues.append(found)


def merge_official(
    code: str, mine: dict[str, Any], theirs: dict[str, Any], differences: list[dict[str, Any]]
) -> dict[str, Any]:
    """One project known to both: the official facts win, the differences are kept."""
    row = dict(theirs)
    for key in OFFICIAL_FACTS:
        a, b = mine.get(key), theirs.get(key)
        if a is not None and b is not None and a != b:
            differences.append(
                {
                    "project_code": code,
                    "field": key,
                    "workbook_value": str(a),
                    "official_value": str(b),
                    "official_source": EURA,
                }
            )
        if b is None:
            row[key] = a
    # What only the workbook knows: other languages, theme, target groups, and areas (which may
    # be finer than the export's region).
    for key in ("name_sv", "name_en", "in_theme", "target_groups", "themes"):
        if mine.get(key):
            row[key] = mine[key]
    # The export's own address of the project (its official page) before the workbook's.
    row["url"] = theirs.get("url") or mine.get("url")
    row["summary_fi"] = row.get("summary_fi") or mine.get("summary_fi")
    if mine["areas"]:
        row["areas"] = mine["areas"]
    row["programme_period"] = mine.get("programme_period") or row["programme_period"]
    return row


def combine(parts: list[Parsed]) -> ProjectData:
    """The tables from every file: official export over workbook, codes checked across files."""
    issues: list[Issue] = []
    official, own = _index_projects(parts, issues)
    codes = set(official) | set(own)
    _check_orphans(parts, codes, issues)
    if issues:
        raise ProjectsError(issues)

    merged: list[dict[str, Any]] = []
    differences: list[dict[str, Any]] = []
    for code in sorted(codes):
        mine, theirs = own.get(code), official.get(code)
        if theirs is None:
            merged.append(mine)
        elif mine is None:
            merged.append(dict(theirs))
        else:
            merged.append(merge_official(code, mine, theirs, differences))

    projects = pd.DataFrame(merged, columns=[*PROJECT_COLUMNS, "areas", "target_groups", "themes"])
    for column in ("start_date", "end_date"):
        projects[column] = pd.to_datetime(projects[column]).dt.date
    projects["in_theme"] = projects["in_theme"].fillna(False).astype(bool)
    for column in ("planned_eu_state_eur", "realised_eu_state_eur", "planned_total_eur"):
        projects[column] = pd.to_numeric(projects[column]).astype(float)
    text = [c for c in PROJECT_COLUMNS if c not in _TYPED]
    projects[text] = projects[text].astype(object).where(projects[text].notna(), None)

    def pairs(column: str, name: str) -> pd.DataFrame:
        rows = [(r.project_code, v) for r in projects.itertuples() for v in getattr(r, column)]
        return pd.DataFrame(rows, columns=["project_code", name])

    practices = []
    counter: dict[str, int] = {}
    for part in parts:
        for row in part.practices:
            counter[row["project_code"]] = counter.get(row["project_code"], 0) + 1
            practice = {k: row.get(k) for k in PRACTICE_COLUMNS}
            practice["practice_id"] = f"{row['project_code']}-{counter[row['project_code']]}"
            practices.append(practice)
    reports = [{k: r[k] for k in REPORT_COLUMNS} for p in parts for r in p.reports]
    files = [
        {
            "file": p.file,
            "kind": p.kind,
            "projects": len(p.projects),
            "practices": len(p.practices),
            "reports": len(p.reports),
            "exported": p.exported,
        }
        for p in parts
    ]
    return ProjectData(
        projects=projects[PROJECT_COLUMNS],
        project_areas=pairs("areas", "area_code"),
        project_target_groups=pairs("target_groups", "target_group"),
        project_themes=pairs("themes", "theme"),
        practices=pd.DataFrame(practices, columns=PRACTICE_COLUMNS),
        project_indicators=pd.DataFrame(reports, columns=REPORT_COLUMNS),
        differences=pd.DataFrame(
            differences,
            columns=[
                "project_code",
                "field",
                "workbook_value",
                "official_value",
                "official_source",
            ],
        ),
        files=pd.DataFrame(
            files, columns=["file", "kind", "projects", "practices", "reports", "exported"]
        ),
    )


def read_folder(folder: Path, ctx: Context) -> ProjectData | None:
    """Every ``*.xlsx`` in ``folder`` (sorted by name); None when there is none."""
    files = sorted(p for p in Path(folder).glob("*.xlsx") if not p.name.startswith("~$"))
    if not files:
        return None
    parts: list[Parsed] = []
    issues: list[Issue] = []
    for path in files:
        try:
            parts.append(read_file(_read_bytes(path), path.name, ctx))
        except ProjectsError as exc:
            issues += exc.issues
    if issues:
        raise ProjectsError(issues)
    return combine(parts)


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise _fail("too_large", path.name, size=size / MB, limit=MAX_BYTES / MB)
    return path.read_bytes()


def check_bytes(data: bytes, file: str, ctx: Context) -> ProjectData:
    """Validate one file on its own, in memory (the CLI's and the app's workbook check)."""
    return combine([read_file(data, file, ctx)])


def template_bytes(lang: str = "fi") -> bytes:
    """The empty workbook a coordinator fills in (kohtaanto.projects.template)."""
    from kohtaanto.projects.template import template_bytes as build

    return build(lang)


def read_path(path: Path) -> bytes:
    """A file's bytes for checking; a missing file or one over the size limit is an issue."""
    path = Path(path)
    if not path.is_file():
        raise _fail("no_such_file", str(path))
    return _read_bytes(path)
