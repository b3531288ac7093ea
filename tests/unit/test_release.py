"""The release window shown on the Aineisto page."""

import datetime as dt

import pandas as pd
import pytest

from kohtaanto.release import NextRelease, next_release, refresh_status


@pytest.mark.parametrize(
    ("latest", "today", "expected"),
    [
        # October's figures come out in the latter part of November.
        ((2026, 10, 1), (2026, 11, 5), ((2026, 11, 1), (2026, 12, 20), (2026, 12, 31), False)),
        ((2026, 11, 1), (2026, 12, 6), ((2026, 12, 1), (2027, 1, 20), (2027, 1, 31), False)),
        ((2024, 1, 1), (2024, 3, 1), ((2024, 2, 1), (2024, 3, 20), (2024, 3, 31), False)),
        ((2023, 12, 1), (2024, 2, 29), ((2024, 1, 1), (2024, 2, 20), (2024, 2, 29), False)),
        ((2023, 10, 1), (2026, 12, 6), ((2023, 11, 1), (2023, 12, 20), (2023, 12, 31), True)),
    ],
)
def test_next_release_window(latest, today, expected):
    month, earliest, latest_day, overdue = expected
    assert next_release(dt.date(*latest), dt.date(*today)) == NextRelease(
        dt.date(*month), dt.date(*earliest), dt.date(*latest_day), overdue
    )


def test_refresh_status_from_the_sources_table():
    status = refresh_status(
        [pd.NaT, pd.Timestamp("2026-12-05 23:50:00"), pd.Timestamp("2026-11-28 07:00:00")],
        [pd.Timestamp("2026-10-01"), pd.Timestamp("2026-11-01"), None],
        dt.date(2026, 12, 6),
    )
    assert status.retrieved == dt.datetime(2026, 12, 5, 23, 50)
    assert status.latest_month == dt.date(2026, 11, 1)
    assert status.next == NextRelease(
        dt.date(2026, 12, 1), dt.date(2027, 1, 20), dt.date(2027, 1, 31), False
    )


def test_refresh_status_without_dates_says_nothing():
    status = refresh_status([None, pd.NaT], [], dt.date(2026, 12, 6))
    assert (status.retrieved, status.latest_month, status.next) == (None, None, None)
