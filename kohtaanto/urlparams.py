"""Validation of URL parameters, without Streamlit: every value from a link is untrusted.

Each ``parse_*`` returns the value to use and, when the raw value was unusable, a
:class:`Problem` that the page shows as a short notice. Nothing here raises on bad input.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
MAX_SHOWN = 40


@dataclass(frozen=True)
class Problem:
    """A URL parameter that was ignored: its name and a printable, shortened raw value."""

    param: str
    raw: str


def shown(raw: object) -> str:
    """A raw value safe to print in a notice: shortened, without control or markup characters."""
    text = str(raw)
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    text = re.sub(r"[\\`*{}\[\]()<>#+!|~$]", "?", text)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def parse_choice(
    param: str, raw: str | None, allowed: Iterable[str], default: str
) -> tuple[str, Problem | None]:
    """``raw`` if it is one of ``allowed``; else ``default`` (with a problem unless absent)."""
    if raw is None or raw == "":
        return default, None
    if raw in set(allowed):
        return raw, None
    return default, Problem(param, shown(raw))


def parse_month(raw: str | None) -> dt.date | None:
    """``YYYY-MM`` → the first day of that month; anything else → None."""
    if raw is None:
        return None
    match = MONTH.match(raw)
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not (1 <= month <= 12 and 1900 <= year <= 2200):
        return None
    return dt.date(year, month, 1)


def month_code(value: dt.date) -> str:
    return f"{value.year:04d}-{value.month:02d}"


def parse_range(
    raw_start: str | None,
    raw_end: str | None,
    months: Sequence[dt.date],
    default: tuple[dt.date, dt.date],
) -> tuple[tuple[dt.date, dt.date], list[Problem]]:
    """A period range inside the months the data have; bad or reversed values fall back."""
    problems: list[Problem] = []
    start, end = default
    available = set(months)
    for param, raw in (("start", raw_start), ("end", raw_end)):
        if raw is None or raw == "":
            continue
        value = parse_month(raw)
        if value is None or value not in available:
            problems.append(Problem(param, shown(raw)))
        elif param == "start":
            start = value
        else:
            end = value
    if start > end:
        problems.append(Problem("start", shown(raw_start)))
        start, end = default
    return (start, end), problems


def view_link(base: str | None, params: Mapping[str, str]) -> str:
    """The link that opens this view for anyone: the page's address and its parameters, those
    with a value only, in the given order (``https://…/alueet?area=MK12&level=ely``)."""
    query = urlencode({k: v for k, v in params.items() if v})
    return (base or "") + (f"?{query}" if query else "")
