"""Panels of Ammatit: occupations by jobseekers and vacancies, where jobs go begging (shortage)
and where jobseekers pile up (surplus), and one occupation over time.
Queries: ``ammatit_coverage``, ``ammatit_month``, ``ammatit_trend``.
Tests: tests/test_page_ammatit.py, tests/test_storyline.py, tests/test_panels.py."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kohtaanto import charts, fmt
from kohtaanto.charts import narrative
from kohtaanto.charts import occupations as occ
from kohtaanto.db import run_query
from kohtaanto.i18n import t
from kohtaanto.panels.common import SHORTAGE_LEVEL, Context, View, _Cover, _covering, _name


@dataclass(frozen=True)
class Segments:
    """The occupations a chart of the area shows, in the latest month of the covering area."""

    cover: _Cover  # the area itself, or the one up its chain with occupation figures
    data: pd.DataFrame  # every occupation of that area and month, with labels
    seg: pd.DataFrame  # the occupations of the level, or those within the chosen occupation
    shown: pd.DataFrame  # those of them with both counts
    labels: dict[str, str]  # code -> label of the level's occupations
    subtitle: str  # what is shown and when, under a title
    note: str  # the footnote


def segments(ctx: Context, level: str = "auto", occupation: str = "") -> Segments | None:
    """The occupations of ``level`` (1–4 digits; ``auto``: 3 digits where the area has them,
    named groups with stable counts), or those within ``occupation``, for the area or the
    region that covers it. Queries: ``ammatit_coverage``, ``ammatit_month``."""
    cover = _covering(ctx)
    if cover is None:
        return None
    lang = ctx.lang
    data = occ.with_labels(run_query("ammatit_month", area=cover.code, month=cover.month), lang)
    known = data[data.level.between(1, 4) & data.unemployed.notna() & data.open_vacancies.notna()]
    if known.empty or level not in ("auto", "1", "2", "3", "4"):
        return None
    have = set(known.level)
    digits = (
        (SHORTAGE_LEVEL if SHORTAGE_LEVEL in have else max(have)) if level == "auto" else int(level)
    )
    seg, scope = occ.segments(data, digits, occupation)
    of_level = occ.occupations_of(data, digits)
    labels = dict(zip(of_level.occupation_code, of_level.label, strict=True))
    scope_text = t(
        f"ammatit.scope_{scope}",
        lang,
        level=digits,
        occupation=occ.shorten(labels.get(occupation, ""), 40),
    )
    subtitle = f"<br><sup>{scope_text} · {fmt.month(cover.month, lang)}</sup>"
    note = charts.footnote(lang, data.sources.dropna(), cover.month, cover.month, seg.status)
    shown = seg.dropna(subset=["unemployed", "open_vacancies"])
    return Segments(cover, data, seg, shown, labels, subtitle, note)


def shortage(ctx: Context, level: str = "auto", occupation: str = "") -> View | None:
    """The occupations with the most open vacancies per unemployed jobseeker in the latest
    month (see :func:`segments` for ``level`` and ``occupation``)."""
    s = segments(ctx, level, occupation)
    if s is None or s.shown.empty:
        return None
    lang, cover, shown = ctx.lang, s.cover, s.shown
    rank = occ.ranking(shown, "shortage", occ.min_size(shown))
    if rank.empty:
        return None
    fig = occ.ranking_chart(
        rank,
        side="shortage",
        lang=lang,
        note=s.note,
        title=t("ammatit.chart_shortage", lang, area=cover.name) + s.subtitle,
    )
    top = rank.iloc[0]
    if np.isfinite(top.ratio):
        ratio = fmt.number(top.ratio, lang, 2)
    else:
        ratio = t("story.no_jobseekers", lang, vacancies=fmt.number(top.open_vacancies, lang))
    more = int((shown.open_vacancies > shown.unemployed).sum())
    fields = {
        "area": cover.where,
        "month": fmt.month_in(cover.month, lang),
        "ratio": ratio,
        "n": more,
        "total": len(shown),
        "name": _name(top["name"], lang),
    }
    key = "story.takeaway_shortage" if more else "story.takeaway_shortage_none"
    title = t("story.title_shortage", lang, area=cover.name, month=fmt.month_short(cover.month))
    return View(title, t(key, lang, **fields), charts.plain(s.note), fig, occ.table(rank, lang))


def surplus(ctx: Context, level: str = "auto", occupation: str = "") -> View | None:
    """The occupations with the most unemployed jobseekers per open vacancy in the latest month
    (see :func:`segments` for ``level`` and ``occupation``)."""
    s = segments(ctx, level, occupation)
    if s is None or s.shown.empty:
        return None
    rank = occ.ranking(s.shown, "surplus", occ.min_size(s.shown))
    if rank.empty:
        return None
    lang = ctx.lang
    title = t("ammatit.chart_surplus", lang, area=s.cover.name)
    fig = occ.ranking_chart(rank, side="surplus", lang=lang, note=s.note, title=title + s.subtitle)
    takeaway = narrative.figure_takeaway(fig, lang)
    return View(title, takeaway, charts.plain(s.note), fig, occ.table(rank, lang))


def occupation_scatter(ctx: Context, level: str = "auto", occupation: str = "") -> View | None:
    """Unemployed jobseekers against open vacancies by occupation in the latest month, the
    chosen occupation highlighted (see :func:`segments`)."""
    s = segments(ctx, level, occupation)
    if s is None or s.shown.empty:
        return None
    lang = ctx.lang
    title = t("ammatit.chart_scatter", lang, area=s.cover.name)
    fig = occ.scatter_chart(
        s.shown,
        title=title + s.subtitle,
        lang=lang,
        note=s.note,
        highlight=occupation,
        width=480 if occupation else 1000,
    )
    takeaway = narrative.figure_takeaway(fig, lang)
    return View(title, takeaway, charts.plain(s.note), fig, occ.table(s.shown, lang))


def occupation_trend(ctx: Context, level: str = "auto", occupation: str = "") -> View | None:
    """One occupation's unemployed jobseekers and open vacancies over the period in the area
    (or the one covering it); None without an occupation. Queries: those of :func:`segments`,
    ``ammatit_trend``."""
    s = segments(ctx, level, occupation) if occupation else None
    if s is None or occupation not in s.labels:
        return None
    lang = ctx.lang
    trend = run_query(
        "ammatit_trend", area=s.cover.code, occupation=occupation, start=ctx.start, end=ctx.end
    )
    long = trend.melt(
        id_vars="period",
        value_vars=["unemployed", "open_vacancies"],
        var_name="measure",
        value_name="value",
    ).dropna()
    if long.empty:
        return None
    long["series"] = long.measure.map(lambda m: t(f"ammatit.trend_{m}", lang))
    long = long[["series", "period", "value"]]
    title = t(
        "ammatit.chart_trend",
        lang,
        occupation=occ.shorten(s.labels[occupation], 48),
        area=s.cover.name,
    )
    note = charts.footnote(
        lang, trend.sources.dropna(), *charts.span(trend.period, ctx.start, ctx.end), trend.status
    )
    fig = charts.line_chart(
        long,
        x="period",
        y="value",
        series="series",
        lang=lang,
        title=title,
        note=note,
        y_title=t("ammatit.trend_unit", lang),
    )
    return View(title, narrative.figure_takeaway(fig, lang), charts.plain(note), fig, long)
