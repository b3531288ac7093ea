"""What the panels share: the result type, the constants and small helpers on the filters."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from kohtaanto import charts, fmt
from kohtaanto.charts import ages
from kohtaanto.db import run_query
from kohtaanto.filters import Filters
from kohtaanto.i18n import name_column, t

Context = Filters  # the name the storylines used

MISMATCH_LEVEL = 2  # the mismatch index's occupation level, as on the Kohtaanto page
SHORTAGE_LEVEL = 3  # 3 digits: named groups ("sairaanhoitajat, kätilöt ym.") with stable counts
NAME_WIDTH = 50  # longer occupation or industry names are cut in a takeaway sentence


@dataclass
class View:
    """One chart with its title, takeaway, footnote and the data behind it.

    A table panel (``panels.TABLES``: the key figures of Alueet) has no figure: ``html`` is the
    table as the screen and the printed page show it, ``data`` what its files hold."""

    title: str
    takeaway: str
    footnote: str
    figure: go.Figure | None
    data: pd.DataFrame
    html: str = ""


def _ok(x: object) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def _country(ctx: Context) -> str:
    return t("common.country", ctx.lang)


def _series(ctx: Context, data: pd.DataFrame) -> pd.DataFrame:
    """``data`` with ``series`` (the area's or the country's name) and ``period`` as timestamps."""
    names = {ctx.area: ctx.area_name, "SSS": _country(ctx)}
    return data.assign(series=data.area_code.map(names), period=pd.to_datetime(data.period))


def _note_of(fig: go.Figure) -> str:
    """The footnote a chart builder put under its figure, as one line of plain text."""
    note = next((a.text for a in fig.layout.annotations if a.name == "footnote"), "")
    return charts.plain(note or "")


def _name(name: object, lang: str) -> str:
    """An occupation or industry name inside a sentence: lower-case first letter (``ICT``
    stays), and a long name cut to its first item (``lähihoitajat ym.``) or at a word."""
    text = str(name)
    if len(text) > NAME_WIDTH:
        first = text.split(", ")[0]
        if first != text and len(first) <= NAME_WIDTH:
            text = f"{first} {t('story.etc', lang)}"
        else:
            cut = text.rfind(" ", 0, NAME_WIDTH)
            text = text[: cut if cut > 0 else NAME_WIDTH].rstrip(",;") + "…"
    return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


def _pair(ctx: Context) -> str:
    """Title keys name the area and the country, or only the country when that is the area."""
    return "one" if ctx.area == "SSS" else "pair"


def _retitle(view: View) -> View:
    """The figure carries the view's title (for a chart shown or exported on its own)."""
    charts.retitle(view.figure, view.title)
    return view


def _trend(ctx: Context) -> pd.DataFrame:
    data = run_query("area_trend", area=ctx.area, start=ctx.start, end=ctx.end)
    return _series(ctx, data)


def _compare(
    ctx: Context,
    data: pd.DataFrame,
    column: str,
    title: str,
    *,
    percent: bool,
    decimals: int,
    takeaway: str = "story.takeaway",
    y_title: str = "",
    extra: dict[str, str] | None = None,
) -> View | None:
    """A line of the area against the country, and a takeaway on the latest month of both."""
    shown = data[["series", "period", column, "area_code", "sources", "status"]].dropna(
        subset=[column]
    )
    mine = shown[shown.area_code == ctx.area]
    if mine.empty:
        return None
    note = charts.footnote(
        ctx.lang, shown.sources, *charts.span(shown.period, ctx.start, ctx.end), shown.status
    )
    fig = charts.line_chart(
        shown[["series", "period", column]],
        x="period",
        y=column,
        series="series",
        title=title,
        lang=ctx.lang,
        note=note,
        y_percent=percent,
        highlight=ctx.area_name,
        decimals=decimals,
        y_title=y_title or (t("common.percent", ctx.lang) if percent else ""),
    )
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
        **(extra or {}),
    }
    key = f"{takeaway}_level" if ctx.area == "SSS" or country.empty else f"{takeaway}_vs_country"
    return View(
        title,
        t(key, ctx.lang, **fields),
        charts.plain(note),
        fig,
        shown[["series", "period", column]],
    )


def _experienced_age(ctx: Context) -> str | None:
    """The chosen age group, or with all ages chosen the experienced group the sources have."""
    if ctx.age != "SSS":
        return ctx.age
    return ages.widest_experienced(run_query("age_list"))


@dataclass(frozen=True)
class _Cover:
    code: str
    name: str  # the covering area's own name
    where: str  # its name as a title says it: with the chosen area when it is another one
    month: dt.date


def _covering(ctx: Context) -> _Cover | None:
    """The nearest area with occupation figures (tyonv/12ti) for the chosen area: the area
    itself, else the first one up its parent chain (a municipality's region)."""
    cover = run_query("ammatit_coverage", area=ctx.area, start=ctx.start, end=ctx.end)
    if cover.empty:
        return None
    row = cover.iloc[0]
    if row.depth == 0:
        name = where = ctx.area_name
    elif row.area_code == "SSS":  # the whole country holds every area: no need to say so
        name = where = _country(ctx)
    else:
        name = str(row[name_column(ctx.lang)] or row.name_fi)
        where = t("story.covering", ctx.lang, covering=name, area=ctx.area_name)
    return _Cover(str(row.area_code), name, where, pd.Timestamp(row.last_month).date())
