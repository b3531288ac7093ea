"""The databank's field rules: one project, one result or practice, one indicator report.

Each ``validate_*`` takes the fields of one entry by the workbook's column names (``hankekoodi``,
``nimi_fi``, …; CONTRACT.md section 2b) and returns its issues; each ``parse_*`` also returns the
entry as the tables' columns. The workbook reader calls them row by row and places the issues
on the sheet and row; a form of the editable databank calls them with its fields and gets the
same issues with the same messages (``kohtaanto.projects.issues``). Nothing here reads a file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from kohtaanto.projects.issues import CellError, Issue, issue

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
YES_NO = ("kyllä", "ei")

# Longest text a field takes (characters): codes, names and titles, links, longer texts.
MAX_CODE = 50
MAX_SHORT = 300
MAX_LINK = 1000
MAX_LONG = 5000

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


@dataclass
class Context:
    """What entries are checked against: known area codes (with their names, where known, so
    that ``MK12 Pohjois-Karjala`` from the template's list is read as ``MK12``), NUTS codes and
    ESF+ indicator codes."""

    areas: set[str]
    nuts: dict[str, str]
    indicators: set[str]
    area_names: Mapping[str, frozenset[str]] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# Cells


def text(value: Any) -> str | None:
    """A cell as trimmed text (``12.0`` → ``12``); None when empty."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        value = value.date()
    out = str(value).strip()
    return out or None


def typed(value: Any) -> str:
    """A cell's value as the person typed it, for a message that must let her find it."""
    return text(value) or ""


def excel_date(value: Any) -> dt.date | None:
    """A date from an Excel date cell, an Excel serial number, ``YYYY-MM-DD`` or ``D.M.YYYY``.

    Raises CellError (``not_a_date``) on anything else; None for an empty cell.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise CellError("not_a_date", value=typed(value))
    if isinstance(value, int | float):
        # Excel's day 1 is 1900-01-01 counted with its phantom 29 February 1900.
        if not 1 <= value < 2958466:
            raise CellError("not_a_date", value=typed(value))
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    shown = str(value).strip()
    try:
        match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?", shown)
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", shown)
        if match:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:  # 2025-02-30
        pass
    raise CellError("not_a_date", value=shown)


def count_value(value: Any) -> float | None:
    """A non-negative number from a cell (``1 234,5`` accepted); CellError otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool | dt.date):
        raise CellError("not_a_number", value=typed(value))
    if isinstance(value, int | float):
        number = float(value)
    else:
        cleaned = str(value).strip().replace("\u00a0", "").replace(" ", "").replace("€", "")
        cleaned = cleaned.replace(",", ".").replace("−", "-")
        try:
            number = float(cleaned)
        except ValueError:
            raise CellError("not_a_number", value=typed(value)) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise CellError("not_a_number", value=typed(value))
    if number < 0:
        raise CellError("negative", value=typed(value))
    return number


def split_list(value: Any) -> list[str]:
    """``"MK12, KU167"`` → ``["MK12", "KU167"]`` (commas or semicolons, duplicates dropped)."""
    shown = text(value)
    if shown is None:
        return []
    return list(dict.fromkeys(p.strip() for p in re.split(r"[,;]", shown) if p.strip()))


def programme_period(value: Any) -> str | None:
    """``2021-2027`` (any dash) → ``2021–2027``; CellError for another period."""
    shown = text(value)
    if shown is None:
        return None
    shown = re.sub(r"\s*[-‐‑–—]\s*", "–", shown)
    if shown not in PERIODS:
        raise CellError("bad_period", value=shown, options=PERIODS)
    return shown


def link(value: Any) -> str | None:
    """An address kept only if it is ``http(s)://`` with a host, and holds nothing that could
    end an attribute or start markup (spaces, quotes, ``<>``, backslashes); CellError
    otherwise."""
    shown = text(value)
    if shown is None:
        return None
    if not re.fullmatch(r"https?://[^\s<>\"'`\\]+", shown, flags=re.IGNORECASE):
        raise CellError("bad_link", value=shown[:200])
    try:
        host = urlsplit(shown).hostname
    except ValueError:
        host = None
    if not host:
        raise CellError("bad_link", value=shown[:200])
    return shown


def code_of(value: str, known: set[str]) -> str:
    """A code from a list entry: ``MK12`` or the template's ``MK12 Pohjois-Karjala`` → ``MK12``;
    anything else is returned as is (and found unknown by the caller)."""
    if value in known:
        return value
    head = value.split(maxsplit=1)[0] if value.split() else value
    return head if head in known else value


def sex_code(value: Any) -> str:
    """``SSS`` (empty), ``1`` or ``2`` (the template's ``1 miehet`` read as ``1``); CellError
    otherwise."""
    shown = text(value)
    if shown is None:
        return "SSS"
    shown = code_of(shown, set(SEXES))
    if shown not in SEXES:
        raise CellError("bad_sex", value=shown, options=SEXES)
    return shown


def _limited(limit: int) -> Callable[[Any], str | None]:
    def convert(value: Any) -> str | None:
        shown = text(value)
        if shown is not None and len(shown) > limit:
            raise CellError("too_long", length=len(shown), limit=limit)
        return shown

    return convert


short_text = _limited(MAX_SHORT)
long_text = _limited(MAX_LONG)
code_text = _limited(MAX_CODE)


def convert_field(
    fields: Mapping[str, Any],
    column: str,
    convert: Callable[[Any], Any],
    issues: list[Issue],
    required: bool = False,
) -> Any:
    """One field converted; its problem (or its absence when required) becomes an issue."""
    try:
        value = convert(fields.get(column))
    except CellError as exc:
        issues.append(Issue(exc.code, column=column, values=tuple(exc.values.items())))
        return None
    if required and value is None:
        issues.append(issue("required", column))
    return value


# ---------------------------------------------------------------------------------------------
# Entries


def _areas(fields: Mapping[str, Any], ctx: Context, issues: list[Issue]) -> list[str]:
    """The ``alueet`` list as codes; unknown codes and names that do not fit are issues."""
    out, unknown = [], []
    for entry in split_list(fields.get("alueet")):
        code = code_of(entry, ctx.areas)
        if code not in ctx.areas:
            unknown.append(entry)
            continue
        name = entry[len(code) :].strip()
        names = ctx.area_names.get(code)
        if name and names and name.lower() not in names:
            issues.append(issue("area_name", "alueet", code=code, name=name))
        out.append(code)
    if unknown:
        issues.append(issue("unknown_area", "alueet", codes=unknown))
    return list(dict.fromkeys(out))


def parse_project(fields: Mapping[str, Any], ctx: Context) -> tuple[dict[str, Any], list[Issue]]:
    """A ``hankkeet`` entry as a ``projects`` row (with its lists), and its issues."""
    issues: list[Issue] = []
    row: dict[str, Any] = {
        "project_code": convert_field(fields, "hankekoodi", code_text, issues, required=True)
    }
    for column, key, convert in (
        ("nimi_fi", "name_fi", short_text),
        ("nimi_sv", "name_sv", short_text),
        ("nimi_en", "name_en", short_text),
        ("toteuttaja", "implementer", short_text),
        ("y_tunnus", "business_id", code_text),
        ("rahasto", "fund", short_text),
        ("erityistavoite", "specific_objective", short_text),
        ("osoite", "url", link),
        ("tiivistelmä_fi", "summary_fi", long_text),
    ):
        row[key] = convert_field(fields, column, convert, issues)
    named = any(row[k] for k in ("name_fi", "name_sv", "name_en"))
    if not named and not any(i.column and i.column.startswith("nimi_") for i in issues):
        # Kohesio gives some projects only an English name: one name in any language will do.
        issues.append(issue("name_required", "nimi_fi"))
    row["programme_period"] = convert_field(fields, "ohjelmakausi", programme_period, issues)
    row["start_date"] = convert_field(fields, "alkaa", excel_date, issues)
    row["end_date"] = convert_field(fields, "päättyy", excel_date, issues)
    if row["start_date"] and row["end_date"] and row["end_date"] < row["start_date"]:
        issues.append(
            issue("ends_before_start", "päättyy", end=row["end_date"], start=row["start_date"])
        )
    for column, key in (
        ("suunniteltu_eu_valtio_eur", "planned_eu_state_eur"),
        ("toteutunut_eu_valtio_eur", "realised_eu_state_eur"),
        ("suunniteltu_kokonais_eur", "planned_total_eur"),
    ):
        row[key] = convert_field(fields, column, count_value, issues)
    row["areas"] = _areas(fields, ctx, issues)
    groups = split_list(fields.get("kohderyhmät"))
    bad = [g for g in groups if g not in TARGET_GROUPS]
    if bad:
        issues.append(
            issue("unknown_target_group", "kohderyhmät", values=bad, options=TARGET_GROUPS)
        )
    row["target_groups"] = [g for g in groups if g in TARGET_GROUPS]
    row["themes"] = split_list(fields.get("teemat"))
    too_long = [s for s in row["themes"] if len(s) > MAX_SHORT]
    if too_long:
        issues.append(issue("too_long", "teemat", length=len(too_long[0]), limit=MAX_SHORT))
    theme = text(fields.get("kohtaanto_teema"))
    if theme is not None and theme.lower() not in YES_NO:
        issues.append(issue("bad_yes_no", "kohtaanto_teema", value=theme))
    row["in_theme"] = theme is not None and theme.lower() == "kyllä"
    row["funding_authority"] = None
    row["status"] = None
    return row, issues


def validate_project(fields: Mapping[str, Any], ctx: Context) -> list[Issue]:
    """The issues of one project entry (the ``hankkeet`` sheet's columns)."""
    return parse_project(fields, ctx)[1]


def parse_practice(
    fields: Mapping[str, Any], ctx: Context | None = None
) -> tuple[dict[str, Any], list[Issue]]:
    """A ``tulokset`` entry as a ``practices`` row, and its issues."""
    issues: list[Issue] = []
    row: dict[str, Any] = {
        "project_code": convert_field(fields, "hankekoodi", code_text, issues, required=True)
    }
    kind = convert_field(fields, "tyyppi", text, issues, required=True)
    if kind is not None and kind not in PRACTICE_KINDS:
        issues.append(issue("bad_kind", "tyyppi", value=kind, options=PRACTICE_KINDS))
    row["kind"] = kind
    row["title_fi"] = convert_field(fields, "otsikko_fi", short_text, issues, required=True)
    for column, key, convert in (
        ("otsikko_sv", "title_sv", short_text),
        ("otsikko_en", "title_en", short_text),
        ("kuvaus_fi", "description_fi", long_text),
        ("käyttöönotto_fi", "adoption_fi", long_text),
        ("näyttö_fi", "evidence_fi", long_text),
        ("osoite", "url", link),
    ):
        row[key] = convert_field(fields, column, convert, issues)
    row["published"] = convert_field(fields, "julkaistu", excel_date, issues)
    return row, issues


def validate_practice(fields: Mapping[str, Any], ctx: Context | None = None) -> list[Issue]:
    """The issues of one result or good practice (the ``tulokset`` sheet's columns)."""
    return parse_practice(fields, ctx)[1]


def parse_report(fields: Mapping[str, Any], ctx: Context) -> tuple[dict[str, Any], list[Issue]]:
    """An ``indikaattorit`` entry as a ``project_indicators`` row (without its source), and
    its issues."""
    issues: list[Issue] = []
    row: dict[str, Any] = {
        "project_code": convert_field(fields, "hankekoodi", code_text, issues, required=True)
    }
    row["period_end"] = convert_field(fields, "kausi_päättyy", excel_date, issues, required=True)
    indicator = convert_field(fields, "indikaattori", text, issues, required=True)
    if indicator is not None:
        indicator = code_of(indicator, ctx.indicators)
        if indicator not in ctx.indicators:
            issues.append(issue("unknown_indicator", "indikaattori", value=indicator))
    row["indicator"] = indicator
    row["sex"] = convert_field(fields, "sukupuoli", sex_code, issues)
    row["target"] = convert_field(fields, "tavoite", count_value, issues)
    row["achieved"] = convert_field(fields, "toteuma", count_value, issues)
    return row, issues


def validate_report(fields: Mapping[str, Any], ctx: Context) -> list[Issue]:
    """The issues of one indicator report (the ``indikaattorit`` sheet's columns)."""
    return parse_report(fields, ctx)[1]


def check_reports(reports: list[dict[str, Any]]) -> list[Issue]:
    """Rules across reports (each with its ``_row``): one report per project, period,
    indicator and sex; participants aged 55+ never above all participants. Issues are placed
    on their rows but not their file or sheet."""
    issues: list[Issue] = []
    seen: dict[tuple, int] = {}
    for r in reports:
        key = (r["project_code"], r["period_end"], r["indicator"], r["sex"])
        if key in seen:
            found = issue("duplicate_report", "indikaattori", other=str(seen[key]))
            issues.append(found.at(row=r["_row"]))
        else:
            seen[key] = r["_row"]
    by_key = {(r["project_code"], r["period_end"], r["indicator"], r["sex"]): r for r in reports}
    for r in reports:
        if r["indicator"] != "EECO08":
            continue
        total = by_key.get((r["project_code"], r["period_end"], "EECO01", r["sex"]))
        if total is None:
            continue
        for key, older, all_ in older_above_all(r, total):
            found = issue(
                "older_above_all",
                REPORT_COLUMN[key],
                value=f"{older:g}",
                total=f"{all_:g}",
                other=str(total["_row"]),
            )
            issues.append(found.at(row=r["_row"]))
    return issues


REPORT_COLUMN = {"achieved": "toteuma", "target": "tavoite"}


def older_above_all(
    older: Mapping[str, Any], total: Mapping[str, Any]
) -> list[tuple[str, float, float]]:
    """Where a report of participants aged 55+ (EECO08) is above the same period's report of
    all participants (EECO01): (``achieved`` or ``target``, the 55+ figure, the total)."""
    out = []
    for key in ("achieved", "target"):
        a, b = older.get(key), total.get(key)
        if a is not None and b is not None and a > b:
            out.append((key, a, b))
    return out
