"""The projects databank (tietopankki) and its monitoring reports: read, validate, write.

Inputs are the files of a raw folder's ``projects/`` (../shared/design/CONTRACT.md section 2b):
the EURA 2021 project search export and the coordination's own workbook (sheets ``hankkeet``,
``tulokset``, ``indikaattorit``). Both are recognised by their header names, never by column
position. Workbooks are read with openpyxl in read-only mode without evaluating anything: a
formula cell is an error, because its cached value may be stale or missing.

Every problem is an :class:`Issue` naming file, sheet, row and column; the same messages serve
the build (a BuildError), ``python -m kohtaanto projects check FILE`` and the app's workbook check.
Nothing here needs Streamlit or a database except :func:`write_tables`.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_ISSUES = 50
MAX_COLUMNS = 100  # columns read per row (the EURA export has 35)
MAX_UNPACKED = 100 * 1024 * 1024  # a small .xlsx that unpacks to more is refused (zip bomb)

WORKBOOK_SHEETS = ("hankkeet", "tulokset", "indikaattorit")
EURA = "eura2021"
WORKBOOK = "workbook"
PERIODS = ("2014–2020", "2021–2027")
TARGET_GROUPS = (
    "55+",
    "50+",
    "45+",
    "pitkäaikaistyöttömät",
    "työlliset",
    "työnantajat",
    "nuoret",
    "maahanmuuttajat",
    "muut",
)
PRACTICE_KINDS = ("hyvä_käytäntö", "tulos", "julkaisu", "työkalu")
SEXES = ("SSS", "1", "2")
EURA_CARD = "https://www.eura2021.fi/hakutulokset/projektikortti?id={code}"

# Column -> required? for each sheet of the coordination's workbook.
WORKBOOK_COLUMNS: dict[str, dict[str, bool]] = {
    "hankkeet": {
        "hankekoodi": True,
        "nimi_fi": True,
        "nimi_sv": False,
        "nimi_en": False,
        "toteuttaja": False,
        "y_tunnus": False,
        "rahasto": False,
        "ohjelmakausi": False,
        "erityistavoite": False,
        "alkaa": False,
        "päättyy": False,
        "alueet": False,
        "teemat": False,
        "kohderyhmät": False,
        "kohtaanto_teema": False,
        "suunniteltu_eu_valtio_eur": False,
        "toteutunut_eu_valtio_eur": False,
        "suunniteltu_kokonais_eur": False,
        "osoite": False,
        "tiivistelmä_fi": False,
    },
    "tulokset": {
        "hankekoodi": True,
        "tyyppi": True,
        "otsikko_fi": True,
        "otsikko_sv": False,
        "otsikko_en": False,
        "kuvaus_fi": False,
        "käyttöönotto_fi": False,
        "näyttö_fi": False,
        "osoite": False,
        "julkaistu": False,
    },
    "indikaattorit": {
        "hankekoodi": True,
        "kausi_päättyy": True,
        "indikaattori": True,
        "sukupuoli": False,
        "tavoite": False,
        "toteuma": False,
    },
}

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


@dataclass(frozen=True)
class Issue:
    """One problem in an input file; ``row`` is the spreadsheet's own row number (1 = header)."""

    file: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet is not None:
            where.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.message}"


class ProjectsError(ValueError):
    """One or more input files are unusable; ``issues`` lists each problem with its place."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        shown = "; ".join(str(i) for i in issues[:MAX_ISSUES])
        more = f" (and {len(issues) - MAX_ISSUES} more)" if len(issues) > MAX_ISSUES else ""
        super().__init__(shown + more)


@dataclass
class Context:
    """What a file is checked against: known area codes, NUTS codes and indicator codes."""

    areas: set[str]
    nuts: dict[str, str]
    indicators: set[str]


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


# ---------------------------------------------------------------------------------------------
# Cells


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def excel_date(value: Any) -> dt.date | None:
    """A date from an Excel date cell, an Excel serial number, ``YYYY-MM-DD`` or ``D.M.YYYY``.

    Raises ValueError on anything else; None for an empty cell.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a date")
    if isinstance(value, int | float):
        # Excel's day 1 is 1900-01-01 counted with its phantom 29 February 1900.
        if not 1 <= value < 2958466:
            raise ValueError(f"{value!r} is not a date")
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?", text)
    if match:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    if match:
        return dt.date(int(match[3]), int(match[2]), int(match[1]))
    raise ValueError(f"{text!r} is not a date (YYYY-MM-DD or an Excel date)")


def count_value(value: Any) -> float | None:
    """A non-negative number from a cell (``1 234,5`` accepted); ValueError otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool | dt.date):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace("€", "")
        text = text.replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"{str(value).strip()!r} is not a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(f"{value!r} is not a number")
    if number < 0:
        raise ValueError(f"{value!r} is negative")
    return number


def split_list(value: Any) -> list[str]:
    """``"MK12, KU167"`` → ``["MK12", "KU167"]`` (commas or semicolons, duplicates dropped)."""
    text = _text(value)
    if text is None:
        return []
    return list(dict.fromkeys(p.strip() for p in re.split(r"[,;]", text) if p.strip()))


def _period(value: Any) -> str | None:
    text = _text(value)
    if text is None:
        return None
    text = re.sub(r"\s*[-‐‑–—]\s*", "–", text)
    if text not in PERIODS:
        raise ValueError(f"{text!r} is not a programme period ({' or '.join(PERIODS)})")
    return text


# ---------------------------------------------------------------------------------------------
# Files


def open_workbook(data: bytes, file: str) -> Any:
    """An openpyxl workbook in read-only mode; ProjectsError for anything that is not one."""
    import openpyxl

    if len(data) > MAX_BYTES:
        raise ProjectsError(
            [Issue(file, f"the file is {len(data):,} bytes, over the limit of {MAX_BYTES:,}")]
        )
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        # An encrypted .xlsx is an OLE container, as is an old .xls.
        raise ProjectsError(
            [
                Issue(
                    file,
                    "the workbook is password-protected (or an old .xls): save it as an "
                    "unprotected .xlsx",
                )
            ]
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ProjectsError([Issue(file, "not an Excel workbook (.xlsx)")])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_UNPACKED:
        raise ProjectsError(
            [Issue(file, f"the workbook unpacks to {unpacked:,} bytes, over {MAX_UNPACKED:,}")]
        )
    try:
        return openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=False, keep_links=False
        )
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ProjectsError(
            [Issue(file, f"not a readable Excel workbook ({type(exc).__name__})")]
        ) from exc


def _rows(ws: Any, file: str, issues: list[Issue]) -> list[tuple[int, list[Any]]]:
    """The sheet's rows as (row number, values), formula cells reported and left empty."""
    out: list[tuple[int, list[Any]]] = []
    for number, row in enumerate(ws.iter_rows(max_col=MAX_COLUMNS), start=1):
        if number > MAX_ROWS + 1:
            issues.append(
                Issue(file, f"more than {MAX_ROWS:,} rows; split the file", ws.title, number)
            )
            break
        values = []
        for cell in row:
            if getattr(cell, "data_type", None) == "f":
                issues.append(
                    Issue(
                        file,
                        "a formula; enter the value itself (formulas are never evaluated)",
                        ws.title,
                        number,
                        getattr(cell, "column_letter", None),
                    )
                )
                values.append(None)
            else:
                values.append(getattr(cell, "value", None))
        out.append((number, values))
    while out and all(_text(v) is None for v in out[-1][1]):
        out.pop()
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
        issues.append(Issue(file, "the sheet is empty (no header row)", sheet))
        return None
    names = [_text(v) for v in rows[header_row][1]]
    positions = {n: i for i, n in reversed(list(enumerate(names))) if n is not None}
    missing = [c for c in required if c not in positions]
    for column in missing:
        issues.append(Issue(file, "required column is missing", sheet, rows[header_row][0], column))
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
        raise ProjectsError(
            [
                Issue(
                    file,
                    "unknown sheet layout: neither the coordination's workbook (a sheet "
                    f"'hankkeet'; sheets here: {', '.join(names)}) nor a EURA 2021 export "
                    "(a header 'Hankekoodi')",
                )
            ]
        )
    finally:
        wb.close()


def _cell(values: list[Any], cols: dict[str, int], name: str) -> Any:
    i = cols.get(name)
    return values[i] if i is not None and i < len(values) else None


def _read_workbook(wb: Any, file: str, ctx: Context) -> Parsed:
    issues: list[Issue] = []
    parsed = Parsed(file, WORKBOOK)
    unknown = [s for s in wb.sheetnames if s not in WORKBOOK_SHEETS]
    for sheet in WORKBOOK_SHEETS:
        if sheet not in wb.sheetnames:
            continue
        spec = WORKBOOK_COLUMNS[sheet]
        rows = _rows(wb[sheet], file, issues)
        cols = _header(rows, spec, [c for c, r in spec.items() if r], file, sheet, issues)
        if cols is None:
            continue
        for number, values in rows[1:]:
            if all(_text(v) is None for v in values):
                continue
            reader = {"hankkeet": _project_row, "tulokset": _practice_row}.get(sheet, _report_row)
            row = reader(values, cols, ctx, Issue(file, "", sheet, number), issues)
            if row is not None:
                target = {"hankkeet": parsed.projects, "tulokset": parsed.practices}
                target.get(sheet, parsed.reports).append(row)
    del unknown  # extra sheets (instructions, say) are allowed and ignored
    if issues:
        raise ProjectsError(issues)
    _check_reports(parsed.reports, file, issues)
    if issues:
        raise ProjectsError(issues)
    return parsed


def _at(where: Issue, column: str, message: str) -> Issue:
    return Issue(where.file, message, where.sheet, where.row, column)


def _get(values, cols, column, convert, where, issues, required=False) -> Any:
    raw = _cell(values, cols, column)
    try:
        value = convert(raw)
    except ValueError as exc:
        issues.append(_at(where, column, str(exc)))
        return None
    if required and value is None:
        issues.append(_at(where, column, "a value is required"))
    return value


def _project_row(values, cols, ctx: Context, where: Issue, issues: list[Issue]):
    n = len(issues)
    code = _get(values, cols, "hankekoodi", _text, where, issues, required=True)
    row: dict[str, Any] = {"project_code": code, "source": WORKBOOK, "_row": where.row}
    for column, key in (
        ("nimi_fi", "name_fi"),
        ("nimi_sv", "name_sv"),
        ("nimi_en", "name_en"),
        ("toteuttaja", "implementer"),
        ("y_tunnus", "business_id"),
        ("rahasto", "fund"),
        ("erityistavoite", "specific_objective"),
        ("osoite", "url"),
        ("tiivistelmä_fi", "summary_fi"),
    ):
        row[key] = _get(values, cols, column, _text, where, issues)
    if not (row["name_fi"] or row["name_sv"] or row["name_en"]):
        # Kohesio gives some projects only an English name: one name in any language will do.
        issues.append(_at(where, "nimi_fi", "a name is required (nimi_fi, nimi_sv or nimi_en)"))
    row["programme_period"] = _get(values, cols, "ohjelmakausi", _period, where, issues)
    row["start_date"] = _get(values, cols, "alkaa", excel_date, where, issues)
    row["end_date"] = _get(values, cols, "päättyy", excel_date, where, issues)
    if row["start_date"] and row["end_date"] and row["end_date"] < row["start_date"]:
        issues.append(
            _at(
                where, "päättyy", f"ends ({row['end_date']}) before it starts ({row['start_date']})"
            )
        )
    for column, key in (
        ("suunniteltu_eu_valtio_eur", "planned_eu_state_eur"),
        ("toteutunut_eu_valtio_eur", "realised_eu_state_eur"),
        ("suunniteltu_kokonais_eur", "planned_total_eur"),
    ):
        row[key] = _get(values, cols, column, count_value, where, issues)
    areas = split_list(_cell(values, cols, "alueet"))
    bad = [a for a in areas if a not in ctx.areas]
    if bad:
        issues.append(_at(where, "alueet", f"unknown area code {', '.join(bad)}"))
    row["areas"] = areas
    groups = split_list(_cell(values, cols, "kohderyhmät"))
    bad = [g for g in groups if g not in TARGET_GROUPS]
    if bad:
        issues.append(
            _at(
                where,
                "kohderyhmät",
                f"unknown target group {', '.join(bad)} (one of {', '.join(TARGET_GROUPS)})",
            )
        )
    row["target_groups"] = groups
    row["themes"] = split_list(_cell(values, cols, "teemat"))
    theme = _text(_cell(values, cols, "kohtaanto_teema"))
    if theme is not None and theme.lower() not in ("kyllä", "ei"):
        issues.append(_at(where, "kohtaanto_teema", f"{theme!r} is not 'kyllä' or 'ei'"))
    row["in_theme"] = theme is not None and theme.lower() == "kyllä"
    row["funding_authority"] = None
    row["status"] = None
    return row if len(issues) == n else None


def _practice_row(values, cols, ctx: Context, where: Issue, issues: list[Issue]):
    n = len(issues)
    row: dict[str, Any] = {"_row": where.row}
    row["project_code"] = _get(values, cols, "hankekoodi", _text, where, issues, required=True)
    kind = _get(values, cols, "tyyppi", _text, where, issues, required=True)
    if kind is not None and kind not in PRACTICE_KINDS:
        issues.append(_at(where, "tyyppi", f"{kind!r} is not one of {', '.join(PRACTICE_KINDS)}"))
    row["kind"] = kind
    row["title_fi"] = _get(values, cols, "otsikko_fi", _text, where, issues, required=True)
    for column, key in (
        ("otsikko_sv", "title_sv"),
        ("otsikko_en", "title_en"),
        ("kuvaus_fi", "description_fi"),
        ("käyttöönotto_fi", "adoption_fi"),
        ("näyttö_fi", "evidence_fi"),
        ("osoite", "url"),
    ):
        row[key] = _get(values, cols, column, _text, where, issues)
    row["published"] = _get(values, cols, "julkaistu", excel_date, where, issues)
    return row if len(issues) == n else None


def _sex(value: Any) -> str:
    text = _text(value)
    if text is None:
        return "SSS"
    if text not in SEXES:
        raise ValueError(f"{text!r} is not SSS, 1 or 2")
    return text


def _report_row(values, cols, ctx: Context, where: Issue, issues: list[Issue]):
    n = len(issues)
    row: dict[str, Any] = {"_row": where.row, "source": where.file}
    row["project_code"] = _get(values, cols, "hankekoodi", _text, where, issues, required=True)
    row["period_end"] = _get(values, cols, "kausi_päättyy", excel_date, where, issues, True)
    code = _get(values, cols, "indikaattori", _text, where, issues, required=True)
    if code is not None and code not in ctx.indicators:
        issues.append(_at(where, "indikaattori", f"unknown indicator code {code!r}"))
    row["indicator"] = code
    row["sex"] = _get(values, cols, "sukupuoli", _sex, where, issues)
    row["target"] = _get(values, cols, "tavoite", count_value, where, issues)
    row["achieved"] = _get(values, cols, "toteuma", count_value, where, issues)
    return row if len(issues) == n else None


def _check_reports(reports: list[dict[str, Any]], file: str, issues: list[Issue]) -> None:
    """One row per project, period, indicator and sex; 55+ never above all participants."""
    seen: dict[tuple, int] = {}
    for r in reports:
        key = (r["project_code"], r["period_end"], r["indicator"], r["sex"])
        if key in seen:
            issues.append(
                Issue(
                    file,
                    f"the same report is also on row {seen[key]}",
                    "indikaattorit",
                    r["_row"],
                    "indikaattori",
                )
            )
        else:
            seen[key] = r["_row"]
    by_key = {(r["project_code"], r["period_end"], r["indicator"], r["sex"]): r for r in reports}
    for r in reports:
        if r["indicator"] != "EECO08":
            continue
        total = by_key.get((r["project_code"], r["period_end"], "EECO01", r["sex"]))
        if total is None:
            continue
        for column, key in (("toteuma", "achieved"), ("tavoite", "target")):
            if r[key] is not None and total[key] is not None and r[key] > total[key]:
                issues.append(
                    Issue(
                        file,
                        f"participants aged 55+ (EECO08, {r[key]:g}) above all participants "
                        f"(EECO01 on row {total['_row']}, {total[key]:g})",
                        "indikaattorit",
                        r["_row"],
                        column,
                    )
                )


def _nuts_areas(value: Any, ctx: Context, where: Issue, issues: list[Issue]) -> list[str]:
    """``FI193 Keski-Suomi`` → ``["MK13"]``: by NUTS code, else by the region's name."""
    out = []
    for part in split_list(value):
        match = re.fullmatch(r"(FI[0-9A-Z]*)\s*(.*)", part)
        code, name = (match[1], match[2].strip()) if match else (None, part)
        area = ctx.nuts.get(code or "") or ctx.nuts.get(name.lower())
        if area is None:
            issues.append(_at(where, "Sijainti", f"{part!r} is not a NUTS area we can place"))
        else:
            out.append(area)
    return list(dict.fromkeys(out))


def _read_eura(ws: Any, file: str, ctx: Context) -> Parsed:
    issues: list[Issue] = []
    parsed = Parsed(file, EURA)
    rows = _rows(ws, file, issues)
    start = next(i for i, (_, r) in enumerate(rows) if "Hankekoodi" in {_text(v) for v in r})
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
        where = Issue(file, "", ws.title, number)
        n = len(issues)
        row: dict[str, Any] = {"source": EURA, "_row": number, "programme_period": "2021–2027"}
        for header, (key, req) in EURA_COLUMNS.items():
            if key in ("start_date", "end_date", "sijainti") or key.endswith("_eur"):
                continue
            row[key] = _get(values, cols, header, _text, where, issues, required=req)
        row["start_date"] = _get(values, cols, "Aloituspvm", excel_date, where, issues, True)
        row["end_date"] = _get(values, cols, "Päättymispvm", excel_date, where, issues, True)
        if row["start_date"] and row["end_date"] and row["end_date"] < row["start_date"]:
            issues.append(_at(where, "Päättymispvm", "ends before it starts"))
        for header, (key, _req) in EURA_COLUMNS.items():
            if key.endswith("_eur"):
                row[key] = _get(values, cols, header, count_value, where, issues)
        row["areas"] = _nuts_areas(_cell(values, cols, "Sijainti"), ctx, where, issues)
        row.update(name_sv=None, name_en=None, in_theme=False, target_groups=[], themes=[])
        if len(issues) == n:
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
                message = f"duplicate project code {code!r} (also {file} row {line})"
                issues.append(Issue(part.file, message, sheet, row["_row"], column))
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
                    message = f"project code {row['project_code']!r} is not in any project list"
                    issues.append(Issue(part.file, message, sheet, row["_row"], "hankekoodi"))


def _merge_one(
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
    for key in ("name_sv", "name_en", "in_theme", "target_groups", "themes", "url"):
        if mine.get(key):
            row[key] = mine[key]
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
            merged.append(_merge_one(code, mine, theirs, differences))

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
        raise ProjectsError(
            [Issue(path.name, f"the file is {size:,} bytes, over the limit of {MAX_BYTES:,}")]
        )
    return path.read_bytes()


def check_bytes(data: bytes, file: str, ctx: Context) -> ProjectData:
    """Validate one file on its own, in memory (the CLI's and the app's workbook check)."""
    return combine([read_file(data, file, ctx)])


def template_bytes() -> bytes:
    """The empty workbook a coordinator fills in: three sheets, one header row each."""
    import openpyxl
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sheet in WORKBOOK_SHEETS:
        ws = wb.create_sheet(sheet)
        ws.append(list(WORKBOOK_COLUMNS[sheet]))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def summary(data: ProjectData) -> str:
    """One line on what a valid file holds."""
    return (
        f"{len(data.projects)} projects, {len(data.practices)} results and practices, "
        f"{len(data.project_indicators)} indicator reports"
    )


def read_path(path: Path) -> bytes:
    """A file's bytes for checking; a missing file or one over the size limit is an issue."""
    path = Path(path)
    if not path.is_file():
        raise ProjectsError([Issue(str(path), "no such file")])
    return _read_bytes(path)
