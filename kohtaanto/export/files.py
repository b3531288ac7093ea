"""Download files from DataFrames, as pure functions: CSV, Excel and Parquet bytes.

CSV is UTF-8 with a byte-order mark, so Excel shows ä, ö and å right when the file is opened
with a double click. In Finnish and Swedish the separator is a semicolon and the decimal mark a
comma: that is what Excel expects under those regional settings, where the comma is the decimal
mark, so the columns and numbers come out right without an import dialog. In English the file is
plain comma-separated with a decimal point, as most tools read by default. Dates are ISO 8601
(``2023-10-01``) in every language, which Excel and every analysis tool recognise.

Excel and Parquet carry the provenance with the numbers: the Excel file has sheets for the
sources and the columns, the Parquet file has them in its key-value metadata.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping
from datetime import date

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

BOM = "\ufeff"
CSV_FORMAT = {"fi": (";", ","), "sv": (";", ","), "en": (",", ".")}
MAX_COLUMN_WIDTH = 60


def whole_numbers(data: pd.DataFrame) -> pd.DataFrame:
    """Float columns holding only whole numbers (counts of persons) as integers, so a count
    reads ``2972``, not ``2972,0``; empty cells stay empty."""
    out = data.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_float_dtype(values) and values.dropna().mod(1).eq(0).all():
            out[column] = values.astype("Int64")
    return out


def csv_bytes(data: pd.DataFrame, lang: str) -> bytes:
    """``data`` as CSV for ``lang``: UTF-8 with BOM; ``;`` and decimal comma in fi and sv."""
    sep, decimal = CSV_FORMAT.get(lang, CSV_FORMAT["en"])
    text = whole_numbers(data).to_csv(
        index=False, sep=sep, decimal=decimal, date_format="%Y-%m-%d", lineterminator="\r\n"
    )
    return (BOM + text).encode("utf-8")


def excel_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """An .xlsx workbook with one sheet per item (name → frame), header row frozen and bold,
    columns wide enough to read, dates shown as ``YYYY-MM-DD``."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            sheet_name = excel_sheet_name(name)
            whole_numbers(frame).to_excel(writer, sheet_name=sheet_name, index=False)
            sheet = writer.sheets[sheet_name]
            sheet.freeze_panes = "A2"
            for i, column in enumerate(frame.columns, start=1):
                if pd.api.types.is_datetime64_any_dtype(frame[column]):
                    shown = frame[column].dt.strftime("%Y-%m-%d")
                    for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                        cell.number_format = "YYYY-MM-DD"
                else:
                    shown = frame[column].astype(str)
                cells = [str(column), *shown.head(200).fillna("")]
                width = min(MAX_COLUMN_WIDTH, max(len(c) for c in cells) + 2)
                sheet.column_dimensions[sheet.cell(row=1, column=i).column_letter].width = width
    return buffer.getvalue()


def excel_sheet_name(name: str) -> str:
    """A valid sheet name: at most 31 characters, none of ``[]:*?/\\``."""
    return re.sub(r"[\[\]:*?/\\]", "-", name)[:31] or "-"


def parquet_bytes(data: pd.DataFrame, metadata: Mapping[str, object] | None = None) -> bytes:
    """``data`` as Parquet; ``metadata`` (JSON-serialisable values) goes into the file's
    key-value metadata under ``kohtaanto.<key>``, beside pandas' own."""
    table = pa.Table.from_pandas(data, preserve_index=False)
    extra = {
        f"kohtaanto.{key}".encode(): json.dumps(value, ensure_ascii=False, default=str).encode()
        for key, value in (metadata or {}).items()
    }
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), **extra})
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def parquet_metadata(content: bytes) -> dict[str, object]:
    """The ``kohtaanto.*`` key-value metadata of a Parquet file made by :func:`parquet_bytes`."""
    schema = pq.read_schema(io.BytesIO(content))
    return {
        key.decode().removeprefix("kohtaanto."): json.loads(value)
        for key, value in (schema.metadata or {}).items()
        if key.startswith(b"kohtaanto.")
    }


def file_name(area: str, start: date, end: date, lang: str, what: str, ext: str) -> str:
    """``kohtaanto_MK12_2018-10_2023-10_monthly_fi.csv``: area, period, content and language,
    in characters every file system and browser accepts."""
    parts = [area, f"{start:%Y-%m}", f"{end:%Y-%m}", what, lang]
    safe = [re.sub(r"[^A-Za-z0-9-]+", "-", p).strip("-") or "x" for p in parts]
    return "kohtaanto_" + "_".join(safe) + "." + ext


def with_area_name(data: pd.DataFrame, name_column: str) -> pd.DataFrame:
    """The area's name in the chosen language beside its code, the other names dropped."""
    out = data.drop(columns=[c for c in ("name_fi", "name_sv", "name_en") if c in data.columns])
    if name_column in data.columns:
        out.insert(out.columns.get_loc("area_code") + 1, "area_name", data[name_column])
    return out


def used_sources(sources: pd.DataFrame, *tables: pd.Series) -> pd.DataFrame:
    """The rows of ``sources`` named in ``tables`` (columns like ``"tyonv/1207, tyonv/12r5"``)."""
    named = {
        code for column in tables for cell in column.dropna() for code in str(cell).split(", ")
    }
    return sources[sources.source_table.isin(named)].reset_index(drop=True)


def key_value(items: Mapping[str, object], key: str, value: str) -> pd.DataFrame:
    """A two-column sheet from a mapping, for the facts of a download."""
    return pd.DataFrame({key: list(items), value: [str(v) for v in items.values()]})
