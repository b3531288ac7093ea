"""A chart's data as a table a person can read and hand to Excel, as pure functions.

``readable`` turns the data behind a chart into the table shown under it and written to files:
headers in the user's language (``columns.<name>`` in ``locales/table.toml``), periods as months
(``2023-10``), numbers rounded to the precision their source publishes, status in words, and the
source and status as columns when the data do not carry them. A column whose name is not a
known database name (a page may have named it already) keeps its name.

``xlsx_bytes`` and ``csv_bytes`` write that table; CSV follows ``downloads.csv_bytes`` (``;`` and
decimal comma in fi and sv, ``,`` and ``.`` in en, UTF-8 with BOM). ``file_name`` says what and
where: ``kohtaanto_tyottomien-osuus_MK12_2018-10_2023-10.xlsx``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font

from kohtaanto import charts
from kohtaanto.export import files as downloads
from kohtaanto.i18n import catalogue, t
from kohtaanto.note import Note

# Decimals each database column is published with: counts are whole persons; shares in per cent
# and the mismatch index (per cent) with one decimal as Statistics Finland writes rates; the
# tightness ratio with two, as the pages show it.
DECIMALS = {
    "value": None,
    "unemployed": 0,
    "labour_force": 0,
    "open_vacancies": 0,
    "new_vacancies": 0,
    "long_term_unemployed": 0,
    "employed_55_64": 0,
    "employed_15_64": 0,
    "unemployment_share": 1,
    "unemployment_share_12m": 1,
    "vacancy_share_12m": 1,
    "vacancy_share": 1,
    "long_term_share": 1,
    "age_share": 1,
    "share": 1,
    "unemployment_rate_lfs": 1,
    "mismatch_index": 1,
    "tightness": 2,
}
OTHER_DECIMALS = 2  # a measured column this module does not know: two decimals, never fifteen
PERIOD_COLUMNS = ("period",)
MAX_SLUG = 40


def column_label(name: str, lang: str) -> str:
    """The header of a column in ``lang``; a name without a text is kept as it is."""
    key = f"columns.{name}"
    return t(key, lang) if key in catalogue() else str(name)


def month_text(value: object) -> str | None:
    """``2023-10-01`` (a date or timestamp) → ``2023-10``; other values as text."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return None
    if isinstance(value, dt.date | pd.Timestamp):
        return f"{value.year:04d}-{value.month:02d}"
    return str(value)


def rounded(values: pd.Series, decimals: int | None) -> pd.Series:
    """Floats rounded to ``decimals``; whole numbers as integers (``Int64``, empty stays empty).
    ``None`` decides by the values: whole numbers stay whole, others get two decimals."""
    if not pd.api.types.is_float_dtype(values):
        return values
    whole = values.dropna().mod(1).eq(0).all()
    if decimals == 0 or (decimals is None and whole):
        return values.round(0).astype("Int64")
    return values.round(OTHER_DECIMALS if decimals is None else decimals)


def readable(data: pd.DataFrame, lang: str, *, note: Note | None = None) -> pd.DataFrame:
    """The table of a chart as people read it: translated headers with their units, months,
    numbers rounded to the precision their source publishes, status in words. With the view's
    ``note``, the columns a file carries beside the numbers: its source, the period it covers
    (when the rows have no month of their own) and its status (when the rows have none). The
    decimals of each number column are in ``attrs["decimals"]`` (for Excel's number formats)."""
    out = pd.DataFrame(index=data.index)
    decimals: dict[str, int] = {}
    for name in data.columns:
        values = data[name]
        label = column_label(name, lang)
        if name in PERIOD_COLUMNS or pd.api.types.is_datetime64_any_dtype(values):
            values = values.map(month_text)
        elif name in ("status", column_label("status", lang)):  # a page may have named it
            values = values.map(lambda s: status_words(s, lang))
        else:
            values = rounded(values, DECIMALS.get(name, OTHER_DECIMALS))
            if pd.api.types.is_numeric_dtype(values):
                decimals[label] = _decimals(values, DECIMALS.get(name, OTHER_DECIMALS))
        out[label] = values
    if note is not None:
        shown = note.columns(lang)
        if "source_table" not in data.columns:
            out[column_label("source", lang)] = shown["source"]
        has_months = any(n in PERIOD_COLUMNS for n in data.columns)
        if shown.get("period") and not has_months:
            out[column_label("period_covered", lang)] = shown["period"]
        if shown.get("status") and "status" not in data.columns:
            out[column_label("status", lang)] = shown["status"]
    out = out.reset_index(drop=True)
    out.attrs["decimals"] = decimals
    return out


def _decimals(values: pd.Series, decimals: int | None) -> int:
    """The decimals a rounded column is written with: its publication's, else 0 for whole
    numbers and two for others."""
    if decimals is not None:
        return decimals
    return 0 if pd.api.types.is_integer_dtype(values) else OTHER_DECIMALS


def status_words(status: object, lang: str) -> object:
    """A status code (``estimated``) in words (``arvio``); anything else as it is."""
    key = f"status.{status}"
    return t(key, lang) if isinstance(status, str) and key in catalogue() else status


def csv_bytes(table: pd.DataFrame, lang: str) -> bytes:
    """A readable table as CSV for Excel in ``lang`` (see ``downloads.csv_bytes``)."""
    return downloads.csv_bytes(table, lang)


def number_format(decimals: int) -> str:
    """Excel's format of a number column: ``#,##0`` for whole numbers, ``0.0`` for one decimal
    (Excel shows them with the reader's own separators: ``12 345`` and ``9,7`` in Finnish)."""
    return "#,##0" if decimals == 0 else "#,##0." + "0" * decimals


def xlsx_bytes(
    table: pd.DataFrame, title: str, note: Note | None = None, lang: str = "fi"
) -> bytes:
    """A one-sheet workbook: the chart's title in A1, where the numbers come from (source,
    period with the months missing inside it, status) under it, the table with a bold, frozen
    header and number formats by the decimals of each column, and the remarks on how the
    numbers are drawn in a notes row under the table."""
    book = Workbook()
    sheet = book.active
    sheet.title = downloads.excel_sheet_name(title) if title else "data"
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=12)
    about = note.columns(lang) if note is not None else {}
    row = 2
    for key, value in about.items():
        if value:
            label = column_label("period_covered" if key == "period" else key, lang)
            sheet.cell(row=row, column=1, value=label).font = Font(bold=True)
            sheet.cell(row=row, column=2, value=value)
            row += 1
    header_row = row + 1
    formats = {name: number_format(d) for name, d in table.attrs.get("decimals", {}).items()}
    for col, name in enumerate(table.columns, start=1):
        cell = sheet.cell(row=header_row, column=col, value=str(name))
        cell.font = Font(bold=True)
        shown = [str(name), *(str(v) for v in table[name].head(200) if v is not None)]
        width = min(downloads.MAX_COLUMN_WIDTH, max(len(s) for s in shown) + 2)
        sheet.column_dimensions[cell.column_letter].width = width
    for row, record in enumerate(table.itertuples(index=False), start=header_row + 1):
        for col, (name, value) in enumerate(zip(table.columns, record, strict=True), start=1):
            cell = sheet.cell(row=row, column=col, value=_cell(value))
            if name in formats and isinstance(cell.value, int | float):
                cell.number_format = formats[name]
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    remarks = note.remarks if note is not None else ()
    for i, remark in enumerate(remarks):
        at = header_row + len(table) + 2 + i
        sheet.cell(row=at, column=1, value=f"{t('table.remark', lang)}: {remark}")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(value: object) -> object:
    """A value openpyxl writes: numpy and pandas scalars as Python ones, missing as empty."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def slug(text: str) -> str:
    """``Työttömien osuus työvoimasta`` → ``tyottomien-osuus-tyovoimasta``: ASCII letters and
    digits joined by hyphens, at most ``MAX_SLUG`` characters, cut at a hyphen."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(words) > MAX_SLUG:
        words = words[:MAX_SLUG].rsplit("-", 1)[0]
    return words or "kuvio"


def plain_title(title: str) -> str:
    """A Plotly title as one line of text (``charts.plain_title``)."""
    return charts.plain_title(title or "")


def chart_name(title: str) -> str:
    """The "what" of a chart title, for its file name: markup and the part after the first
    line break or colon (the area, the period) left out."""
    first = re.split(r"<br\s*/?>\s*<sup>|:", title or "", maxsplit=1)[0]
    return slug(re.sub(r"<[^>]+>", " ", first))


def file_name(what: str, area: str, start: dt.date, end: dt.date, ext: str) -> str:
    """``kohtaanto_tyottomien-osuus_MK12_2018-10_2023-10.xlsx``."""
    area_part = re.sub(r"[^A-Za-z0-9-]+", "-", area).strip("-") or "x"
    return f"kohtaanto_{slug(what)}_{area_part}_{start:%Y-%m}_{end:%Y-%m}.{ext}"
