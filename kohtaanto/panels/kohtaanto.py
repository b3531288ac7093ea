"""Panels of Kohtaanto: the Beveridge curve, tightness and the mismatch index.

:func:`model` holds what the page says beside the charts (the occupation levels, and per level
whether the area has occupation figures, or which regions do), once per filters and database
file. Queries: ``kohtaanto_area_month``, ``kohtaanto_levels``, ``kohtaanto_mismatch_occupation``,
``kohtaanto_mismatch_region``, ``kohtaanto_cover``.
Tests: tests/app/test_page_kohtaanto.py, tests/app/test_storyline.py."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from kohtaanto import charts, fmt
from kohtaanto.charts.matching import beveridge_chart, fit_half_width
from kohtaanto.db import run_query
from kohtaanto.i18n import name_column, t
from kohtaanto.note import Note
from kohtaanto.panels.common import (
    MISMATCH_LEVEL,
    Context,
    View,
    _country,
    _covering,
    _pair,
    _series,
    shared,
)


def half_width(fig: go.Figure) -> go.Figure:
    """A chart of this page laid out for a half-width column (the page's ``adapt``)."""
    return fit_half_width(fig)


@dataclass(frozen=True)
class Matching:
    """Beside the mismatch charts: the occupation levels (none: the database has no occupation
    figures), the one shown first, and for the chosen level either why the area has no chart
    (``missing``) or how many occupations the index is over (``explain``); the regions' note."""

    levels: list[str]
    default_level: str
    missing: str
    explain: str
    regions_explain: str


@shared
def model(f: Context, level: str = "") -> Matching:
    """What the Kohtaanto page says about its mismatch charts, for the filters and a level."""
    lang = f.lang
    levels = [str(v) for v in run_query("kohtaanto_levels")["level"]]
    if not levels:
        return Matching([], "", "", "", "")
    default = str(MISMATCH_LEVEL) if str(MISMATCH_LEVEL) in levels else levels[0]
    level = level if level in levels else default
    occ = run_query(
        "kohtaanto_mismatch_occupation", area=f.area, level=int(level), start=f.start, end=f.end
    )
    region = run_query("kohtaanto_mismatch_region", start=f.start, end=f.end)
    mine = occ[occ.area_code == f.area]
    missing = explain = ""
    if mine.empty:
        cover = run_query("kohtaanto_cover", area=f.area)
        regions = f" {t('kohtaanto.and', lang)} ".join(cover[name_column(lang)])
        key = "kohtaanto.no_occupation_cover" if regions else "kohtaanto.no_occupation"
        missing = t(key, lang, area=f.area_name, regions=regions)
    else:
        explain = t(
            "kohtaanto.mismatch_explain",
            lang,
            segments=int(mine.segments.max()),
            level=t("kohtaanto.level_in", lang, digits=level),
        )
    regions_explain = ""
    if len(region):
        segments = int(region.segments.max())
        regions_explain = t("kohtaanto.mismatch_region_explain", lang, segments=segments)
    return Matching(levels, default, missing, explain, regions_explain)


BEVERIDGE_KINDS = {
    "avg12": ("unemployment_share_12m", "vacancy_share_12m"),
    "monthly": ("unemployment_share", "vacancy_share"),
}


def beveridge(ctx: Context, kind: str = "auto") -> View | None:
    """The Beveridge curve of the area and the country. ``kind``: ``avg12`` (12-month moving
    values, where the sources have the 12 months before each month), ``monthly``, or ``auto``
    (the moving values where the area has them, else the monthly ones; the storylines' choice).
    Query: ``kohtaanto_area_month``."""
    month = _series(
        ctx, run_query("kohtaanto_area_month", area=ctx.area, start=ctx.start, end=ctx.end)
    )
    for kind_, (x, y) in BEVERIDGE_KINDS.items():
        if kind not in ("auto", kind_):
            continue
        data = month.dropna(subset=[x, y])
        mine = data[data.area_code == ctx.area]
        if len(mine) >= 2 or (kind_ == "monthly" and len(mine)) or (kind != "auto" and len(mine)):
            break
    else:
        return None
    kind = kind_
    lang = ctx.lang
    title = t(
        f"kohtaanto.beveridge_{_pair(ctx)}",
        lang,
        area=ctx.area_name,
        kind=t(f"kohtaanto.kind_{kind}", lang),
    )
    note = Note.of(data.sources.dropna(), data.period, data.status, start=ctx.start, end=ctx.end)
    shown = data[["series", "period", x, y]]
    fig = beveridge_chart(
        shown,
        series="series",
        x=x,
        y=y,
        lang=lang,
        note=note,
        title=title,
        x_title=t("kohtaanto.unemployment_share", lang),
        y_title=t("kohtaanto.vacancy_share", lang),
        highlight=ctx.area_name,
    )
    last = mine.iloc[-1]
    fields = {
        "area": ctx.area_name,
        "month": fmt.month_in(last.period.date(), lang),
        "u": fmt.percent(last[x], lang),
        "v": fmt.percent(last[y], lang),
    }
    country = data[(data.area_code == "SSS") & (data.period == last.period)]
    if ctx.area == "SSS" or country.empty:
        takeaway = t("story.takeaway_beveridge_level", lang, **fields)
    else:
        takeaway = t(
            "story.takeaway_beveridge_vs_country",
            lang,
            **fields,
            cu=fmt.percent(country[x].iloc[0], lang),
            cv=fmt.percent(country[y].iloc[0], lang),
        )
    return View(title, takeaway, note, fig, shown)


def _mismatch_line(
    ctx: Context, data: pd.DataFrame, title: str, y_title: str, highlight: str
) -> tuple[go.Figure, pd.DataFrame, str]:
    """A mismatch index over time (``data`` with ``series``), its table and footnote."""
    note = Note.of(data.sources.dropna(), data.period, data.status, start=ctx.start, end=ctx.end)
    shown = data[["series", "period", "mismatch_index"]]
    fig = charts.line_chart(
        shown,
        x="period",
        y="mismatch_index",
        series="series",
        lang=ctx.lang,
        title=title,
        note=note,
        y_title=y_title,
        y_percent=True,
        highlight=highlight,
        decimals=1,
    )
    return fig, shown, note


def mismatch_regions(ctx: Context) -> View | None:
    """The mismatch index across the regions: a figure of the whole country, whatever the area.
    Query: ``kohtaanto_mismatch_region``."""
    lang = ctx.lang
    data = run_query("kohtaanto_mismatch_region", start=ctx.start, end=ctx.end)
    if data.mismatch_index.dropna().empty:
        return None
    data = _series(ctx, data).assign(series=_country(ctx))
    title = t("kohtaanto.mismatch_region_title", lang)
    fig, shown, note = _mismatch_line(
        ctx, data, title, t("kohtaanto.index_axis", lang), _country(ctx)
    )
    last = data.dropna(subset=["mismatch_index"]).iloc[-1]
    takeaway = t(
        "story.takeaway_mismatch_regions",
        lang,
        area=_country(ctx),
        value=fmt.percent(last.mismatch_index, lang),
        segments=int(last.segments),
        month=fmt.month(last.period.date(), lang),
    )
    return View(title, takeaway, note, fig, shown)


def _mismatch_takeaway(ctx: Context, data: pd.DataFrame, code: str, where: str) -> str:
    """The area's latest index (``code``, named ``where``), against the country's that month."""
    mine = data[data.area_code == code].dropna(subset=["mismatch_index"])
    last = mine.iloc[-1]
    country = data[(data.area_code == "SSS") & (data.period == last.period)].dropna(
        subset=["mismatch_index"]
    )
    fields = {
        "area": where,
        "value": fmt.percent(last.mismatch_index, ctx.lang),
        "month": fmt.month(last.period.date(), ctx.lang),
    }
    if code == "SSS" or country.empty:
        return t("story.takeaway_mismatch_level", ctx.lang, **fields)
    return t(
        "story.takeaway_mismatch_vs_country",
        ctx.lang,
        **fields,
        country=fmt.percent(country.mismatch_index.iloc[0], ctx.lang),
    )


def mismatch_occupation(ctx: Context, level: str = "") -> View | None:
    """The mismatch index across occupations (``level`` digits; default the page's level) of
    the chosen area itself against the country; None where the area has no occupation figures.
    Queries: ``kohtaanto_levels``, ``kohtaanto_mismatch_occupation``."""
    lang = ctx.lang
    levels = [int(v) for v in run_query("kohtaanto_levels")["level"]]
    if not levels:
        return None
    digits = int(level) if level else MISMATCH_LEVEL
    digits = digits if digits in levels else levels[0]
    data = run_query(
        "kohtaanto_mismatch_occupation",
        area=ctx.area,
        level=digits,
        start=ctx.start,
        end=ctx.end,
    )
    if data[data.area_code == ctx.area].mismatch_index.dropna().empty:
        return None
    data = _series(ctx, data)
    title = t(
        f"kohtaanto.mismatch_occupation_{_pair(ctx)}",
        lang,
        area=ctx.area_name,
        level=t("kohtaanto.level_option", lang, digits=digits),
    )
    fig, shown, note = _mismatch_line(
        ctx, data, title, t("kohtaanto.index_axis", lang), ctx.area_name
    )
    takeaway = _mismatch_takeaway(ctx, data, ctx.area, ctx.area_name)
    return View(title, takeaway, note, fig, shown)


def mismatch(ctx: Context) -> View | None:
    """The mismatch index across occupations for the area (or the region that covers it)
    against the country; for the country, and where no area up the chain has occupation
    figures, across the regions."""
    cover = _covering(ctx) if ctx.area != "SSS" else None
    if cover is None or cover.code == "SSS":
        return mismatch_regions(ctx)
    lang = ctx.lang
    levels = [int(v) for v in run_query("kohtaanto_levels")["level"]]
    if not levels:
        return mismatch_regions(ctx)
    level = MISMATCH_LEVEL if MISMATCH_LEVEL in levels else levels[0]
    data = run_query(
        "kohtaanto_mismatch_occupation", area=cover.code, level=level, start=ctx.start, end=ctx.end
    ).dropna(subset=["mismatch_index"])
    names = {cover.code: cover.name, "SSS": _country(ctx)}
    data = data.assign(series=data.area_code.map(names), period=pd.to_datetime(data.period))
    if data[data.area_code == cover.code].empty:
        return mismatch_regions(ctx)
    title = t("story.title_mismatch", lang, area=cover.name)
    axis = t("story.index_level_axis", lang, level=t("kohtaanto.level_option", lang, digits=level))
    fig, shown, note = _mismatch_line(ctx, data, title, axis, cover.name)
    takeaway = _mismatch_takeaway(ctx, data, cover.code, cover.where)
    return View(title, takeaway, note, fig, shown)
