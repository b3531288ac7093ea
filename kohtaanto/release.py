"""When the data were last refreshed and when the next month is expected.

The Employment Service Statistics (KEHA Centre; Työllisyyskatsaus) for a month are published in
the latter part of the following month, on dates confirmed in advance, and reach StatFin's tyonv
tables the same day (README, "Monthly refresh"). No fixed day is published, so the expectation
is a window: from the 20th to the last day of the month after the latest month in the database.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

# The first day of the window in which a month's figures are expected (the refresh timer's too).
WINDOW_START_DAY = 20


@dataclass(frozen=True)
class NextRelease:
    """The month expected next and the window in which its figures should appear."""

    month: dt.date  # first day of the data month
    earliest: dt.date
    latest: dt.date
    overdue: bool  # the window has passed without the month in the database


def next_release(latest_month: dt.date, today: dt.date) -> NextRelease:
    """The month after ``latest_month`` and its release window in the month after that.

    >>> next_release(dt.date(2026, 10, 1), dt.date(2026, 11, 5))
    NextRelease(month=datetime.date(2026, 11, 1), earliest=datetime.date(2026, 12, 20), latest=datetime.date(2026, 12, 31), overdue=False)
    """
    month = _add_months(latest_month.replace(day=1), 1)
    published = _add_months(month, 1)
    last_day = calendar.monthrange(published.year, published.month)[1]
    earliest = published.replace(day=WINDOW_START_DAY)
    latest = published.replace(day=last_day)
    return NextRelease(month, earliest, latest, today > latest)


@dataclass(frozen=True)
class RefreshStatus:
    """What the Aineisto page says about freshness (None where the database does not tell)."""

    retrieved: dt.datetime | None
    latest_month: dt.date | None
    next: NextRelease | None


def refresh_status(
    retrieved_at: Iterable[object], monthly_last_periods: Iterable[object], today: dt.date
) -> RefreshStatus:
    """Freshness from the sources table: the latest ``retrieved_at`` of any source, the latest
    month of the monthly sources, and the release expected after it."""
    stamps = [pd.Timestamp(v) for v in retrieved_at if v is not None and not pd.isna(v)]
    months = [pd.Timestamp(v) for v in monthly_last_periods if v is not None and not pd.isna(v)]
    retrieved = max(stamps).to_pydatetime() if stamps else None
    latest = max(months).date() if months else None
    upcoming = next_release(latest, today) if latest is not None else None
    return RefreshStatus(retrieved, latest, upcoming)


def _add_months(day: dt.date, n: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)
