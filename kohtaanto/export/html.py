"""A chart's data as the HTML table the screen shows under it ("show data"), as pure functions.

The table is :func:`kohtaanto.export.tables.readable` drawn as a real ``<table>``: its headers and
cells wrap, so it fits its column (a half-width chart's is about 410 px at 1366 px), where a data
grid cut its headers and scrolled sideways. Numbers are written for the language (Finnish and
Swedish ``1 234,5``, English ``1,234.5``) with the same decimals all down a column: the decimals
the source publishes where the column is known (``tables.DECIMALS``), else the fewest that write
every value of the column. Each number keeps its value in ``data-sort``, so sorting by a header
(static/a11y.js) orders numbers as numbers. Headers are buttons with ``aria-sort``.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from html import escape

import numpy as np
import pandas as pd

from kohtaanto import fmt
from kohtaanto.export.tables import DECIMALS, OTHER_DECIMALS, month_text, readable
from kohtaanto.i18n import LANGS, catalogue, t

# Columns of years: numbers, but written as years (2023, never 2 023).
YEAR_NAMES = ("year",)
YEAR_KEYS = ("kokeneet.col_year",)
# A table longer than this scrolls inside its box (its header stays in view).
SCROLL_ROWS = 15
NUM = ' class="num"'
WHOLE_CHARS = 12  # a column whose every cell is one word this short is never broken


LONG_WORD = 12  # a word this long may break, at a soft hyphen, in a narrow column
VOWELS = set("aeiouyäöåéAEIOUYÄÖÅÉ")


def soft_hyphens(text: str, long: int = LONG_WORD) -> str:
    """``text`` with soft hyphens (U+00AD) in its long words, where the browser may break them
    when a column is too narrow for the whole word ("Pitkäaikaistyöttömiä", "sysselsättnings-
    område"): before a consonant that starts a syllable (a consonant followed by a vowel, the
    Finnish rule, which suits Swedish and English compounds well enough), at least three
    letters from either end. Without them a narrow table was wider than its column."""
    return " ".join(_hyphenate(word) if len(word) >= long else word for word in text.split(" "))


@functools.lru_cache(maxsize=4096)
def _hyphenate(word: str) -> str:
    """A word's syllable breaks; a compound with hyphens (``osa-alueista``) part by part.
    Cached: a table repeats its words (area and series names) down its rows."""
    if "-" in word:
        return "-".join(_hyphenate(part) for part in word.split("-"))
    out = []
    for i, char in enumerate(word):
        starts = (
            3 <= i <= len(word) - 3
            and char.isalpha()
            and char not in VOWELS
            and word[i + 1] in VOWELS
            and word[i - 1].isalpha()
            and any(c in VOWELS for c in word[:i])
        )
        out.append("\u00ad" + char if starts else char)
    return "".join(out)


def _known_labels(lang: str) -> dict[str, str]:
    """The header of each database column in ``lang`` → the column's name: a panel that named
    its columns itself (``Työttömät työnhakijat``) still gets that column's decimals."""
    return {
        t(f"columns.{name}", lang): name
        for name in DECIMALS
        if f"columns.{name}" in catalogue() and DECIMALS[name] is not None
    }


def _year_labels() -> set[str]:
    return {t(key, lang) for key in YEAR_KEYS if key in catalogue() for lang in LANGS}


def fewest_decimals(values: pd.Series, most: int = OTHER_DECIMALS) -> int:
    """The fewest decimals (at most ``most``) that write every value exactly:
    ``[12.0, 12.3]`` → 1, ``[179.0, 246.0]`` → 0, ``[2.59, 1.2]`` → 2."""
    numbers = [float(v) for v in values if not pd.isna(v)]
    for decimals in range(most + 1):
        if all(_exact(v * 10**decimals) for v in numbers):
            return decimals
    return most


def _exact(scaled: float) -> bool:
    """Whether a value times a power of ten is whole, up to a float's rounding."""
    return abs(scaled - round(scaled)) < 1e-6 * max(1.0, abs(scaled))


def column_decimals(name: str, label: str, values: pd.Series, lang: str) -> int | None:
    """How many decimals a column's numbers are shown with; None for a column that is not
    numbers, or holds years. ``name`` is the column's name in the chart's data, ``label`` its
    header in ``lang``."""
    if pd.api.types.is_bool_dtype(values) or not pd.api.types.is_numeric_dtype(values):
        return None
    if name in YEAR_NAMES or label in _year_labels():
        return None
    known = DECIMALS.get(name)
    if known is None:
        known = DECIMALS.get(_known_labels(lang).get(label, ""))
    if known is not None:
        return known
    return fewest_decimals(values)


def _missing(value: object) -> bool:
    return (
        value is None
        or value is pd.NA
        or value is pd.NaT
        or (isinstance(value, float) and math.isnan(value))
    )


def _text(value: object, lang: str) -> str:
    """A cell that is not a number as text: yes/no in words, a date as its month."""
    if _missing(value):
        return ""
    if isinstance(value, bool | np.bool_):
        return t("table.yes" if value else "table.no", lang)
    if isinstance(value, dt.date | pd.Timestamp):
        return month_text(value) or ""
    return str(value)


def _column_cells(values: pd.Series, decimals: int | None, lang: str) -> list[str]:
    """The ``<td>`` cells of one column: numbers right-aligned with their value to sort by (a
    missing one "–", sorted last), a column of short words kept whole, other text that may
    break in its long words."""
    if decimals is not None:
        return [
            f'<td{NUM} data-sort="">–</td>'
            if _missing(v)
            else f'<td{NUM} data-sort="{float(v)!r}">{fmt.number(float(v), lang, decimals)}</td>'
            for v in values
        ]
    texts = [_text(v, lang) for v in values]
    # A column of short words (months, codes) keeps them whole: "2018-11" broke at its hyphen.
    if all(len(text) <= WHOLE_CHARS and " " not in text for text in texts):
        return [f'<td class="whole">{escape(text)}</td>' for text in texts]
    return [f"<td>{escape(soft_hyphens(text))}</td>" for text in texts]


def html_table(data: pd.DataFrame, lang: str, *, caption: str = "") -> str:
    """The readable table of a chart's ``data`` as sortable, wrapping HTML (see the module's
    docstring); ``caption`` names it for screen readers (the chart's title)."""
    table = readable(data, lang)
    decimals = [
        column_decimals(str(name), str(label), table[label], lang)
        for name, label in zip(data.columns, table.columns, strict=True)
    ]
    head = "".join(
        f'<th scope="col"{NUM if d is not None else ""}>'
        f'<button type="button">{escape(soft_hyphens(str(label)))}</button></th>'
        for label, d in zip(table.columns, decimals, strict=True)
    )
    columns = [
        _column_cells(table[label], d, lang)
        for label, d in zip(table.columns, decimals, strict=True)
    ]
    rows = "".join("<tr>" + "".join(row) + "</tr>" for row in zip(*columns, strict=True))
    box = "kt-table-box kt-scroll" if len(table) > SCROLL_ROWS else "kt-table-box"
    title = f'<caption class="kt-sr-only">{escape(caption)}</caption>' if caption else ""
    return (
        f'<div class="{box}"><table class="kt-table" lang="{escape(lang)}">{title}'
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
    )
