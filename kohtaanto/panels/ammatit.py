"""Panels of Ammatit: occupations by jobseekers and vacancies, where jobs go begging (shortage)
and where jobseekers pile up (surplus), and one occupation over time.

:func:`model` (the covering area and its occupations), :func:`segments` (a level's or an
occupation's rows) and :func:`transitions` are made once per filters, choices and database
file; the page lays them out and the panels draw from them.
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
from kohtaanto.note import Note
from kohtaanto.panels.common import (
    SHORTAGE_LEVEL,
    Context,
    View,
    _Cover,
    _covering,
    _name,
    shared,
)

LEVELS = ("1", "2", "3", "4")


@dataclass(frozen=True)
class Occupations:
    """The Ammatit page's area: the area itself or the one up its chain with occupation
    figures (``cover``; None: no area up the chain has them), what the page says about that,
    and every occupation of that area in its latest month, with labels."""

    cover: _Cover | None
    covering: str  # the notice that the figures are of a covering area, or ""
    data: pd.DataFrame


@shared
def model(f: Context) -> Occupations:
    """The covering area and its occupations for the filters ``f``."""
    cover = _covering(f)
    if cover is None:
        return Occupations(None, "", pd.DataFrame())
    covering = ""
    if cover.code != f.area:
        covering = t(
            "ammatit.covering",
            f.lang,
            area=f.area_name,
            covering=cover.name,
            level=t(f"level.{cover.level}", f.lang),
        )
    data = occ.with_labels(run_query("ammatit_month", area=cover.code, month=cover.month), f.lang)
    return Occupations(cover, covering, data)


@dataclass(frozen=True)
class Segments:
    """The occupations a chart of the area shows, in the latest month of the covering area,
    and what the page says beside them."""

    cover: _Cover  # the area itself, or the one up its chain with occupation figures
    data: pd.DataFrame  # every occupation of that area and month, with labels
    seg: pd.DataFrame  # the occupations of the level, or those within the chosen occupation
    shown: pd.DataFrame  # those of them with both counts
    labels: dict[str, str]  # code -> label of the level's occupations
    scope_text: str  # what is shown: "all 2-digit groups", "within 22 Terveyden…"
    subtitle: str  # what is shown and when, under a title
    note: Note
    notes: tuple[str, ...]  # under the scatter: occupations left out, both zero, X classes
    size: int  # the smallest count a ranked occupation has (occ.min_size)


@shared
def segments(ctx: Context, level: str = "auto", occupation: str = "") -> Segments | None:
    """The occupations of ``level`` (1–4 digits; ``auto``: 3 digits where the area has them,
    named groups with stable counts), or those within ``occupation``, for the area or the
    region that covers it. Queries: ``ammatit_coverage``, ``ammatit_month``."""
    base = model(ctx)
    cover, data = base.cover, base.data
    if cover is None:
        return None
    lang = ctx.lang
    known = data[data.level.between(1, 4) & data.unemployed.notna() & data.open_vacancies.notna()]
    if known.empty or level not in ("auto", *LEVELS):
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
    note = Note.of(data.sources.dropna(), [cover.month], seg.status)
    shown = seg.dropna(subset=["unemployed", "open_vacancies"])
    notes = [t("ammatit.left_out", lang, n=len(seg) - len(shown))] if len(seg) > len(shown) else []
    if len(empty := occ.both_zero(shown)):
        notes.append(t("ammatit.both_zero", lang, n=len(empty)))
    x_total = occ.x_classes(data).unemployed.sum()
    if scope == "level" and x_total > 0:
        notes.append(t("ammatit.x_note", lang, n=fmt.number(x_total, lang)))
    size = occ.min_size(shown) if len(shown) else 0
    return Segments(cover, data, seg, shown, labels, scope_text, subtitle, note, tuple(notes), size)


def level_labels(f: Context, level: str) -> dict[str, str]:
    """The occupations of a level (code → label), for the page's occupation choice."""
    data = model(f).data
    of_level = occ.occupations_of(data, int(level))
    return dict(zip(of_level.occupation_code, of_level.label, strict=True))


def levels_with_figures(f: Context) -> list[int]:
    """The occupation levels that have jobseekers' figures (for the empty state)."""
    data = model(f).data
    return sorted(
        int(v) for v in data[data.level.between(1, 4) & data.unemployed.notna()].level.unique()
    )


def without_ratio(s: Segments, side: str, lang: str) -> str:
    """Under a ranking: the occupations too small for a ratio that still have the counted
    side (vacancies for shortage, jobseekers for surplus), or ""."""
    rest = occ.without_ratio(s.shown, side, s.size)
    if rest.empty:
        return ""
    count = "unemployed" if side == "surplus" else "open_vacancies"
    names = [
        t(f"ammatit.without_ratio_item_{side}", lang, label=r.label, n=fmt.number(r[count], lang))
        for _, r in rest.iterrows()
    ]
    return t(f"ammatit.without_ratio_{side}", lang, names="; ".join(names))


@dataclass(frozen=True)
class Transitions:
    """Nearby occupations with vacancies for the area's occupations with many jobseekers."""

    lead: str
    lines: tuple[str, ...]
    table: pd.DataFrame  # for "show data", headers in the language


@shared
def transitions(f: Context, occupation: str = "") -> Transitions | None:
    """The transitions' sentences and table, within ``occupation`` (all: "")."""
    base = model(f)
    if base.cover is None:
        return None
    lang, data = f.lang, base.data
    pairs = occ.transitions(data, scope=occupation)
    if pairs.empty:
        return None
    finest = int(data[data.level.between(1, 4) & data.unemployed.notna()].level.max())
    lead = t(
        "ammatit.transitions_lead",
        lang,
        digits=max(1, finest - 2),
        month=fmt.month(base.cover.month, lang),
        area=base.cover.name,
        min=occ.MIN_NEAR_VACANCIES,
    )
    lines = []
    for _, rows in pairs.groupby("occupation_code", sort=False):
        first = rows.iloc[0]
        near = [
            t(
                "ammatit.transition_near",
                lang,
                label=r.near_label,
                vacancies=fmt.number(r.near_vacancies, lang),
                ratio=occ.ratio_text(r.near_ratio, lang),
            )
            for r in rows.itertuples()
            if pd.notna(r.near_code)
        ]
        lines.append(
            t(
                "ammatit.transition_line",
                lang,
                label=first.label,
                unemployed=fmt.number(first.unemployed, lang),
                ratio=occ.ratio_text(first.ratio, lang, sentence=True),
                near="; ".join(near) or t("ammatit.transition_none", lang),
            )
        )
    table = pairs.drop(columns=["occupation_code", "near_code"]).round(2)
    table = table.rename(columns=lambda c: t(f"ammatit.pair_{c}", lang, digits=finest - 1))
    return Transitions(lead, tuple(lines), table)


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
    return View(title, t(key, lang, **fields), s.note, fig, occ.table(rank, lang))


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
    return View(title, takeaway, s.note, fig, occ.table(rank, lang))


def occupation_scatter(ctx: Context, level: str = "auto", occupation: str = "") -> View | None:
    """Unemployed jobseekers against open vacancies by occupation in the latest month, the
    chosen occupation highlighted (see :func:`segments`)."""
    s = segments(ctx, level, occupation)
    if s is None or s.shown.empty:
        return None
    lang = ctx.lang
    title = t("ammatit.chart_scatter", lang, area=s.cover.name)
    note = occ.scatter_note(s.shown, s.note, lang)
    fig = occ.scatter_chart(
        s.shown,
        title=title + s.subtitle,
        lang=lang,
        note=note,
        highlight=occupation,
        width=480 if occupation else 1000,
    )
    takeaway = narrative.figure_takeaway(fig, lang)
    return View(title, takeaway, note, fig, occ.table(s.shown, lang))


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
    note = Note.of(trend.sources.dropna(), trend.period, trend.status, start=ctx.start, end=ctx.end)
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
    return View(title, narrative.figure_takeaway(fig, lang), note, fig, long)
