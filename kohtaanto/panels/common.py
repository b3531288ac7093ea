"""What the panels share: the result type, the constants and small helpers on the filters."""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import pandas as pd
import plotly.graph_objects as go

from kohtaanto import charts, fmt
from kohtaanto.charts import ages
from kohtaanto.db import data_stamp, run_query
from kohtaanto.filters import Filters
from kohtaanto.i18n import name_column, t
from kohtaanto.note import Note

Context = Filters  # the name the storylines used
M = TypeVar("M")

MISMATCH_LEVEL = 2  # the mismatch index's occupation level, as on the Kohtaanto page
SHORTAGE_LEVEL = 3  # 3 digits: named groups ("sairaanhoitajat, kätilöt ym.") with stable counts
NAME_WIDTH = 50  # longer occupation or industry names are cut in a takeaway sentence


@dataclass(frozen=True)
class Number:
    """A figure shown as a number (a chart's only month): what, how much, when."""

    label: str
    value: str
    period: str


@dataclass
class View:
    """One chart with its title, takeaway, where its numbers come from, and the data behind it.

    A view whose data have fewer points than its chart needs (one month for a line) has no
    figure: it shows its ``numbers`` with their period, and ``why`` says why there is no line.
    A table panel (``panels.TABLES``: the key figures of Alueet) has no figure either: ``html``
    is the table as the screen and the printed page show it, ``data`` what its files hold.
    """

    title: str
    takeaway: str
    note: Note
    figure: go.Figure | None
    data: pd.DataFrame
    numbers: tuple[Number, ...] = ()
    why: str = ""
    html: str = ""


def shared(build: Callable[..., M]) -> Callable[..., M]:
    """A page's model built once per filters (and the page's own choices, such as a level) and
    database file, and shared by every session (``model(f, *choices)``): the page lays it out
    and its panels draw from it. Treat it as read-only."""

    @functools.lru_cache(maxsize=64)
    def cached(f: Filters, choices: tuple, stamp: tuple) -> M:
        return build(f, *choices)

    @functools.wraps(build)
    def model(f: Filters, *choices: object) -> M:
        return cached(f, choices, data_stamp())

    model.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    MODELS.append(model)
    return model


MODELS: list[Callable] = []  # every page model, for tests that replace the database


def clear_models() -> None:
    """Forget every page model (tests that change a database in place)."""
    for model in MODELS:
        model.cache_clear()


def numbers_view(
    title: str,
    takeaway: str,
    note: Note,
    rows: pd.DataFrame,
    *,
    label: str,
    value: str,
    show: Callable[[float], str],
    lang: str,
) -> View:
    """A view of the one month its data have: each row's ``value`` as a number under its
    ``label``, and why no line is drawn."""
    month = pd.Timestamp(rows.period.max()).date()
    numbers = tuple(
        Number(str(r[label]), show(r[value]), fmt.month_short(month))
        for _, r in rows.iterrows()
        if _ok(r[value])
    )
    why = t("reason.one_month", lang, month=fmt.month_short(month))
    return View(title, takeaway, note, None, rows, numbers, why)


def one_month(data: pd.DataFrame) -> bool:
    """Whether a time series' rows (``period``) hold a single month: too few for a line."""
    return data.period.nunique() == 1


def _ok(x: object) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def _country(ctx: Context) -> str:
    return t("common.country", ctx.lang)


def _series(ctx: Context, data: pd.DataFrame) -> pd.DataFrame:
    """``data`` with ``series`` (the area's or the country's name) and ``period`` as timestamps."""
    names = {ctx.area: ctx.area_name, "SSS": _country(ctx)}
    return data.assign(series=data.area_code.map(names), period=pd.to_datetime(data.period))


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
    if view.figure is not None:
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
    note = Note.of(shown.sources, shown.period, shown.status, start=ctx.start, end=ctx.end)
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
    sentence = t(key, ctx.lang, **fields)
    table = shown[["series", "period", column]]
    if one_month(mine):
        rows = table[table.period == last.period]
        return numbers_view(
            title, sentence, note, rows, label="series", value=column, show=show, lang=ctx.lang
        )
    fig = charts.line_chart(
        table,
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
    return View(title, sentence, note, fig, table)


def _experienced_age(ctx: Context) -> str | None:
    """The chosen age group, or with all ages chosen the experienced group the sources have."""
    return ages.experienced_age(ctx.age, run_query("age_list"))


@dataclass(frozen=True)
class _Cover:
    code: str
    name: str  # the covering area's own name
    where: str  # its name as a title says it: with the chosen area when it is another one
    month: dt.date
    level: str = ""  # its level (region, …)


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
    month = pd.Timestamp(row.last_month).date()
    return _Cover(str(row.area_code), name, where, month, str(row.level))
