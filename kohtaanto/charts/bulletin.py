"""The key figures of areas as a table, as the employment bulletin (Työllisyyskatsaus) prints
them: one row per area, each measure with its value and its change over a year.

Pure functions (DataFrame in, text out, no Streamlit): the cells written for the language
(``256 070``, ``9,7 %``, ``+1 234``, ``−0,4``), and the table as HTML for the screen and the
printed page, with the chosen area's row marked (in colour and in words, for screen readers)
and the country's as the total.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from html import escape

import pandas as pd

from kohtaanto import fmt

# How a kind of measure is written: decimals of the value and of its change.
DECIMALS = {"count": 0, "percent": 1, "ratio": 2}


@dataclass(frozen=True)
class Measure:
    """A measure of the table: its column, kind (count, percent, ratio), header, and whether its
    change over a year is shown (a column ``<column>_change`` of the frame)."""

    column: str
    kind: str
    label: str
    change: bool


def value_text(value: float | None, kind: str, lang: str) -> str:
    """A value as the table writes it: ``256 070``, ``9,7 %``, ``0,16``; missing is ``–``."""
    if value is None or pd.isna(value):
        return "–"
    if kind == "percent":
        return fmt.percent(value, lang, DECIMALS[kind])
    return fmt.number(value, lang, DECIMALS[kind])


def change_text(value: float | None, kind: str, lang: str) -> str:
    """A change with its sign and a real minus: ``+7 859``, ``−0,4``, ``±0``; missing is ``–``.
    A share's change is in percentage points, which the header says."""
    if value is None or pd.isna(value):
        return "–"
    decimals = DECIMALS[kind]
    value = round(value, 9)  # 0.4 - 0.625 is -0.22499999999999998: a change of -0.225
    if round(value, decimals) == 0:
        value = 0.0
    return fmt.signed(value, lang, decimals)


def table_html(
    frame: pd.DataFrame,
    measures: Sequence[Measure],
    *,
    caption: str,
    area_label: str,
    month_label: str,
    change_labels: dict[str, str],
    marked: Collection[str] = (),
    totals: Collection[str] = (),
    marked_text: str = "",
    lang: str,
) -> str:
    """``frame`` (``area_code``, ``name``, each measure's column and ``<column>_change``) as an
    HTML table: a header of measures over their month and change columns, one row per area,
    the ``marked`` areas' rows highlighted (with ``marked_text`` for screen readers), the
    ``totals`` (the country) as total rows. ``change_labels``: the change header per kind."""
    head_top = [f'<th scope="col" rowspan="2" class="kt-name">{escape(area_label)}</th>']
    head_sub = []
    for m in measures:
        span = 2 if m.change else 1
        head_top.append(f'<th scope="colgroup" colspan="{span}">{escape(m.label)}</th>')
        head_sub.append(f'<th scope="col">{escape(month_label)}</th>')
        if m.change:
            # "%-yks." is one word: a no-break hyphen keeps it from splitting at the line's end.
            change = escape(change_labels[m.kind]).replace("%-", "%\u2011")
            head_sub.append(f'<th scope="col">{change}</th>')
    body = []
    marked, totals = set(marked), set(totals)
    for row in frame.itertuples(index=False):
        code = str(row.area_code)
        classes = [
            c for c, on in (("kt-marked", code in marked), ("kt-total", code in totals)) if on
        ]
        name = escape(str(row.name))
        if code in marked and marked_text:
            name += f' <span class="kt-sr">({escape(marked_text)})</span>'
        cells = [f'<th scope="row" class="kt-name">{name}</th>']
        for m in measures:
            cells.append(f"<td>{value_text(getattr(row, m.column), m.kind, lang)}</td>")
            if m.change:
                change = getattr(row, f"{m.column}_change")
                cells.append(f'<td class="kt-change">{change_text(change, m.kind, lang)}</td>')
        attrs = f' class="{" ".join(classes)}"' if classes else ""
        body.append(f"<tr{attrs}>{''.join(cells)}</tr>")
    return (
        f'<div class="kt-bulletin" role="region" aria-label="{escape(caption)}" tabindex="0">'
        f'<table lang="{lang}"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{''.join(head_top)}</tr><tr>{''.join(head_sub)}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


# Å, Ä and Ö after Z, in that order, as Finnish and Swedish alphabets have them.
_NORDIC = str.maketrans({"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}", "ü": "y"})


def sort_key(name: str) -> str:
    """A name's place in Finnish and Swedish alphabetical order (Å, Ä, Ö after Z)."""
    return str(name).lower().translate(_NORDIC)


def month_list(months: Sequence[object]) -> str:
    """Months as short text, runs of consecutive months as one span:
    ``1/2006–6/2020, 6/2026``; empty for none."""
    stamps = sorted({pd.Timestamp(m).to_period("M") for m in months if m is not None})
    runs: list[list[pd.Period]] = []
    for month in stamps:
        if runs and month.ordinal - runs[-1][-1].ordinal == 1:
            runs[-1].append(month)
        else:
            runs.append([month])
    parts = []
    for run in runs:
        first, last = run[0].to_timestamp().date(), run[-1].to_timestamp().date()
        text = fmt.month_short(first)
        parts.append(text if first == last else f"{text}–{fmt.month_short(last)}")
    return ", ".join(parts)
