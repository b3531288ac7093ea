"""The outlook's rows for the panels (issue 20): whether the database has one at all, one
series' twelve forecast months with the reason it has them or not, and the step that continues a
trend panel's line with them.

A database built before the forecast step, or one whose step failed, has no forecasts:
:func:`available` is False, :func:`series` returns None, and a page says once that no outlook is
available (:func:`unavailable_text`) while its charts stay as they were.
Queries: ``forecast_status``, ``forecast_area``. Tests: tests/app/test_page_ennakointi.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pandas as pd

from kohtaanto import charts
from kohtaanto.charts import outlook as chart
from kohtaanto.db import DatabaseUnavailable, run_query
from kohtaanto.forecast_scope import LEVELS, SERIES, SHARE
from kohtaanto.i18n import t
from kohtaanto.note import Forecast
from kohtaanto.panels.common import View

MODELLED = {*SERIES, (SHARE, "SSS")}  # (measure, age group) of the series with outlooks


@dataclass(frozen=True)
class Outlook:
    """One series' outlook (``measure``, ``area``, ``age``): why it has one or not, the model
    shown, the month it was made from and the latest month with data, and its months
    (``rows``: ``period`` as timestamps, ``value``, ``lo80``, ``hi80``; empty without one)."""

    measure: str
    area: str
    age: str
    reason: str
    model: str | None
    origin: dt.date | None
    last_data: dt.date | None
    status: str | None
    rel_mae: float | None
    rows: pd.DataFrame

    @property
    def shown(self) -> bool:
        return self.model is not None and self.origin is not None and not self.rows.empty

    def forecast(self, what: str = "") -> Forecast:
        """The note's account of this outlook (``what``: the series, when the chart has several)."""
        return Forecast(
            self.reason,
            self.model if self.shown else None,
            self.origin,
            self.last_data,
            demo=self.status == "demo",
            what=what,
        )

    def within(self, start: dt.date, end: dt.date) -> Outlook:
        """The outlook as a chart of ``start``–``end`` draws it: one made from a month outside
        the period is not drawn (reason ``outside``), so that a line never starts where the
        chart shows no data."""
        if not self.shown or start <= self.origin <= end:
            return self
        return replace(self, reason="outside", rows=self.rows.iloc[0:0])


def _day(value: object) -> dt.date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def available() -> bool:
    """Whether the database holds any forecasts (False: no forecast tables, a failed step)."""
    try:
        status = run_query("forecast_status")
    except DatabaseUnavailable:  # a database built before the forecast step existed
        return False
    return bool(len(status)) and int(status["forecasts"].iloc[0]) > 0


def demo() -> bool:
    """Whether the forecasts are made from demo figures."""
    return available() and bool(run_query("forecast_status")["demo"].iloc[0])


def series(area: str, measure: str, age: str = "SSS") -> Outlook | None:
    """The outlook of one series; None when the database has no outlook at all (the page says
    so once); an :class:`Outlook` without rows and with its reason when this series has none
    (``not_modelled`` for a series the step makes none for, ``not_modelled_area`` for an area
    of another level, ``too_short`` for one it did not consider: no monthly figures)."""
    if not available():
        return None
    rows = run_query("forecast_area", area=area)
    mine = rows[(rows.measure == measure) & (rows.age_group == age)]
    if mine.empty:
        if (measure, age) not in MODELLED:
            reason = "not_modelled"
        elif _level(area) not in LEVELS:
            reason = "not_modelled_area"
        else:
            reason = "too_short"
        empty = pd.DataFrame(columns=["period", "value", "lo80", "hi80"])
        return Outlook(measure, area, age, reason, None, None, None, None, None, empty)
    first = mine.iloc[0]
    months = mine.dropna(subset=["period", "value"])[["period", "value", "lo80", "hi80"]]
    months = months.assign(period=pd.to_datetime(months.period)).reset_index(drop=True)
    rel = first.rel_mae
    return Outlook(
        measure=measure,
        area=area,
        age=age,
        reason=str(first.reason),
        model=None if pd.isna(first.model) else str(first.model),
        origin=_day(first.origin),
        last_data=_day(first.last_data),
        status=None if pd.isna(first.status) else str(first.status),
        rel_mae=None if pd.isna(rel) else float(rel),
        rows=months,
    )


def _level(area: str) -> str:
    areas = run_query("area_list").set_index("area_code")
    return str(areas.level.get(area, ""))


def unavailable_text(lang: str) -> str:
    """The one line a page says when the database has no outlook."""
    return t("outlook.unavailable", lang)


def continue_view(
    view: View | None,
    outlook: Outlook | None,
    *,
    lang: str,
    line: str,
    series_column: str,
    value_column: str,
    period_column: str = "period",
    what: str = "",
    sentence_what: str = "",
    area: str = "",
    percent: bool = False,
    decimals: int = 0,
    scale: float = 1.0,
) -> View | None:
    """A trend panel's view with its outlook: the line named ``line`` (in ``view.data``'s
    ``series_column``; months in ``period_column``) continues as a dashed forecast from its origin month with the light 80 %
    band; the note says the model and the origin, the months missing after it, or why there is
    none; the table gets the forecast rows (the value and both bounds, each a series of its
    own); the takeaway ends with the forecast's last month in words. ``scale`` turns the
    forecast into the chart's units (an index). ``outlook`` None (no outlook in the database):
    the view as it is."""
    if view is None or outlook is None:
        return view
    note = view.note.with_forecast(outlook.forecast(what))
    if view.figure is not None:
        chart.renote(view.figure, note, lang)
    view.note = note
    if not outlook.shown or view.figure is None:
        return view
    rows = outlook.rows.assign(
        value=outlook.rows.value * scale,
        lo80=outlook.rows.lo80 * scale,
        hi80=outlook.rows.hi80 * scale,
    )
    data = view.data
    mine = data[data[series_column] == line]
    at_origin = mine[pd.to_datetime(mine[period_column]) == pd.Timestamp(outlook.origin)]
    at_origin = at_origin[value_column].dropna()
    anchor = (pd.Timestamp(outlook.origin), float(at_origin.iloc[0])) if len(at_origin) else None
    # The legend's name is short (the dashed line continues its series in its colour, and a
    # long name took a legend row of its own over the footnote); the table's says whose it is.
    name = chart.forecast_name(outlook.origin, outlook.model, lang, what)
    chart.add_outlook(
        view.figure,
        rows,
        name=chart.forecast_name(outlook.origin, outlook.model, lang),
        band_name=t("outlook.legend_band", lang),
        lang=lang,
        anchor=anchor,
        decimals=decimals,
        percent=percent,
        colour=_line_colour(view, line),
    )
    extra = [
        rows[["period", "value"]].assign(**{series_column: name}),
        rows[["period", "lo80"]]
        .rename(columns={"lo80": "value"})
        .assign(**{series_column: f"{name}, {t('outlook.table_lo', lang)}"}),
        rows[["period", "hi80"]]
        .rename(columns={"hi80": "value"})
        .assign(**{series_column: f"{name}, {t('outlook.table_hi', lang)}"}),
    ]
    extra = pd.concat(extra, ignore_index=True)
    if not pd.api.types.is_datetime64_any_dtype(data[period_column]):
        extra["period"] = [p.date() for p in extra.period]
    extra = extra.rename(columns={"value": value_column, "period": period_column})
    view.data = pd.concat([data, extra[list(data.columns)]], ignore_index=True)
    # In words the forecast is the measure itself (a count, not the chart's index).
    sentence = chart.outlook_sentence(
        outlook.rows.iloc[-1],
        origin=outlook.origin,
        what=sentence_what or what,
        area=area,
        lang=lang,
        percent=percent,
        decimals=decimals if scale == 1 else 0,
    )
    view.takeaway = f"{view.takeaway} {sentence}"
    return view


def _line_colour(view: View, name: str) -> str:
    """The colour of the trace ``name`` (the outlook continues it in its colour)."""
    for trace in view.figure.data:
        if trace.name == name and trace.line is not None and trace.line.color:
            return str(trace.line.color)
    return charts.AREA
