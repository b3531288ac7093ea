"""Why a figure is missing, in words made from what the database knows (``measure_periods``):
"50+ for Uusimaa only 6/2026 in these data; choose 6/2026 or the whole country", not a
general remark that the register breaks ages out "for some areas only".
Query: ``figure_periods``. Tests: tests/app/test_reasons.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from kohtaanto import fmt
from kohtaanto.db import run_query
from kohtaanto.i18n import t

Run = tuple[dt.date, dt.date]


def _month_number(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def merged(runs: list[Run]) -> list[Run]:
    """Runs of months merged where they overlap or touch: ``[(1/2006, 6/2020), (6/2026,
    6/2026)]`` stays two runs; ``[(1/2006, 6/2020), (7/2020, 6/2026)]`` becomes one."""
    out: list[Run] = []
    for first, last in sorted(runs):
        if out and _month_number(first) <= _month_number(out[-1][1]) + 1:
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return out


def runs_text(runs: list[Run]) -> str:
    """``1/2006–6/2020, 6/2026``."""
    return ", ".join(
        fmt.month_short(a) if a == b else f"{fmt.month_short(a)}–{fmt.month_short(b)}"
        for a, b in runs
    )


@dataclass(frozen=True)
class Coverage:
    """The months with figures of one measure and age group for an area and the country."""

    area: list[Run]
    country: list[Run]

    def has(self, month: dt.date) -> bool:
        return any(a <= month <= b for a, b in self.area)

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        return any(a <= end and b >= start for a, b in self.area)


def coverage(measure: str, age: str, area: str) -> Coverage:
    """The runs of months with figures, for ``area`` and for the whole country."""
    rows = run_query("figure_periods", measure=measure, age=age, area=area)

    def runs(code: str) -> list[Run]:
        part = rows[rows.area_code == code]
        return merged(
            [
                (pd.Timestamp(a).date(), pd.Timestamp(b).date())
                for a, b in zip(part.first_valued, part.last_valued, strict=True)
            ]
        )

    return Coverage(runs(area), runs("SSS"))


def missing(
    what: str,
    measure: str,
    age: str,
    area: str,
    area_name: str,
    start: dt.date,
    end: dt.date,
    lang: str,
) -> str:
    """Why ``what`` (a figure's name: "työttömät 50+") has no figures for the area in the
    months ``start``–``end``, and what to choose instead."""
    cov = coverage(measure, age, area)
    country = runs_text(cov.country)
    if area != "SSS" and not cov.area:
        if cov.country:
            return t("reason.not_for_area", lang, what=what, area=area_name, periods=country)
        return t("reason.not_in_data", lang, what=what)
    if not cov.area:
        return t("reason.not_in_data", lang, what=what)
    if not cov.overlaps(start, end):
        latest = fmt.month_short(cov.area[-1][1])
        key = "reason.only_periods" if area != "SSS" else "reason.only_periods_country"
        return t(
            key,
            lang,
            what=what,
            area=area_name,
            periods=runs_text(cov.area),
            latest=latest,
        )
    return t("reason.suppressed", lang, what=what, area=area_name)
