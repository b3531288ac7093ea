"""Storylines for workshops: named sequences of views, each view a chart with one sentence of
takeaway generated from its numbers. Used by the presentation page and the slide deck.

A view builder takes a :class:`Context` and returns a :class:`View`, or None when the sources
have no data for it (the slide then says so instead of showing an empty chart).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from kohtaanto import charts, fmt
from kohtaanto.db import run_query
from kohtaanto.i18n import name_column, t


@dataclass(frozen=True)
class Context:
    """What a storyline is about: the shared filters."""

    lang: str
    area: str
    area_name: str
    start: dt.date
    end: dt.date
    age: str


@dataclass
class View:
    """One chart with its title, takeaway, footnote and the data behind it."""

    title: str
    takeaway: str
    footnote: str
    figure: go.Figure
    data: pd.DataFrame


def _ok(x: object) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def _trend(ctx: Context) -> pd.DataFrame:
    data = run_query("area_trend", area=ctx.area, start=ctx.start, end=ctx.end)
    data["period"] = pd.to_datetime(data["period"])
    data["series"] = data.area_code.map(
        {ctx.area: ctx.area_name, "SSS": t("common.country", ctx.lang)}
    )
    return data


def _compare(
    ctx: Context, data: pd.DataFrame, column: str, title_key: str, *, percent: bool, decimals: int
) -> View | None:
    """A line of the area against the country, and a takeaway on the latest gap and change."""
    shown = data[["series", "period", column, "area_code", "sources", "status"]].dropna(
        subset=[column]
    )
    mine = shown[shown.area_code == ctx.area]
    if mine.empty:
        return None
    note = charts.footnote(ctx.lang, shown.sources, ctx.start, ctx.end, shown.status)
    title = t(title_key, ctx.lang, area=ctx.area_name)
    fig = charts.line_chart(
        shown[["series", "period", column]], x="period", y=column, series="series", title=title,
        lang=ctx.lang, note=note, y_percent=percent, highlight=ctx.area_name, decimals=decimals,
        y_title=t("common.percent", ctx.lang) if percent else "",
    )  # fmt: skip
    last = mine.iloc[-1]
    country = shown[(shown.area_code == "SSS") & (shown.period == last.period)]
    show = (
        (lambda v: fmt.percent(v, ctx.lang))
        if percent
        else (lambda v: fmt.number(v, ctx.lang, decimals))
    )
    fields = {
        "area": ctx.area_name,
        "month": fmt.month_in(last.period.date(), ctx.lang),
        "value": show(last[column]),
        "country": show(country[column].iloc[0]) if len(country) else "–",
    }
    key = (
        "story.takeaway_level"
        if ctx.area == "SSS" or country.empty
        else "story.takeaway_vs_country"
    )
    return View(
        title,
        t(key, ctx.lang, **fields),
        charts.plain(note),
        fig,
        shown[["series", "period", column]],
    )


def view_share(ctx: Context) -> View | None:
    return _compare(
        ctx, _trend(ctx), "unemployment_share", "yleiskuva.chart_share", percent=True, decimals=1
    )


def view_tightness(ctx: Context) -> View | None:
    return _compare(
        ctx, _trend(ctx), "tightness", "yleiskuva.chart_tightness", percent=False, decimals=2
    )


def view_age_share(ctx: Context) -> View | None:
    data = run_query("age_trend", area=ctx.area, age=ctx.age, start=ctx.start, end=ctx.end)
    if data.empty or data[data.area_code == ctx.area].empty:
        return None
    data["period"] = pd.to_datetime(data["period"])
    data["series"] = data.area_code.map(
        {ctx.area: ctx.area_name, "SSS": t("common.country", ctx.lang)}
    )
    data["sources"] = data["source_table"]
    age_names = run_query("age_list").set_index("age_group")[name_column(ctx.lang)]
    age_name = str(age_names.get(ctx.age, ctx.age)).lower()
    view = _compare(
        ctx, data.rename(columns={"share": "age_share"}), "age_share", "yleiskuva.chart_age",
        percent=True, decimals=1,
    )  # fmt: skip
    if view is not None:
        view.title = t("yleiskuva.chart_age", ctx.lang, age=age_name, area=ctx.area_name)
        view.figure.update_layout(title={"text": view.title})
    return view


# Storylines: id -> (title key, view ids). Views come from this module's REGISTRY.
STORYLINES: dict[str, tuple[str, list[str]]] = {
    "kuukausi": ("story.month", ["share", "age_share", "tightness"]),
}

REGISTRY: dict[str, tuple[str, Callable[[Context], View | None]]] = {
    "share": ("story.view_share", view_share),
    "tightness": ("story.view_tightness", view_tightness),
    "age_share": ("story.view_age_share", view_age_share),
}


def generic_takeaway(fig: go.Figure, lang: str) -> str:
    """For a chart added from a page: the first series' latest value and its change."""
    for trace in fig.data:
        ys = [y for y in (trace.y if trace.y is not None else []) if _ok(y)]
        if len(ys) >= 2 and trace.x is not None:
            xs = list(trace.x)
            last_x = pd.Timestamp(xs[len(xs) - 1]) if not isinstance(xs[-1], str) else None
            when = fmt.month_in(last_x.date(), lang) if last_x is not None else ""
            return t("story.takeaway_generic", lang, series=trace.name or "", value=fmt.number(ys[-1], lang, 1),
                     change=fmt.signed(ys[-1] - ys[0], lang, 1), month=when)  # fmt: skip
    return t("story.takeaway_none", lang)
