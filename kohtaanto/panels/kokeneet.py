"""Panels of Kokeneet: experienced against younger jobseekers, the experienced share by area,
long-term unemployment by age, the survey's rate of 55–64.
Queries: ``kokeneet_age_trend``, ``kokeneet_age_share_areas``, ``kokeneet_long_term``,
``kokeneet_lfs_rate``, ``related_areas``, ``age_list``. Tests: tests/test_page_kokeneet.py."""

from __future__ import annotations

import pandas as pd

from kohtaanto import charts
from kohtaanto.charts import age_figures as ca
from kohtaanto.charts import ages as age_rules
from kohtaanto.charts import narrative
from kohtaanto.db import run_query
from kohtaanto.i18n import t
from kohtaanto.panels.common import Context, View, _note_of


def experienced_trend(ctx: Context, measure: str = "index") -> View | None:
    """Experienced against younger unemployed jobseekers in the age break the area's source
    has: ``measure`` ``index`` (first month = 100), ``count`` or ``share`` of all ages; None
    where the area has no age groups. Query: ``kokeneet_age_trend``."""
    lang = ctx.lang
    trend = run_query("kokeneet_age_trend", area=ctx.area, start=ctx.start, end=ctx.end)
    trend = trend.assign(period=pd.to_datetime(trend.period))
    shown = trend[trend.period >= pd.Timestamp(ctx.start)]
    order, focus = age_rules.age_break(shown, ctx.age)
    shown = shown[shown.age_group.isin(order)]
    if shown.empty or focus is None or measure not in ("index", "count", "share"):
        return None
    fig, table = ca.trend_figure(
        shown,
        measure=measure,
        focus=focus,
        area=ctx.area_name,
        lang=lang,
        start=ctx.start,
        end=ctx.end,
    )
    if table.empty:
        return None
    title = t("story.title_experienced_trend", lang, area=ctx.area_name)
    takeaway = (
        ca.trend_sentence(shown, order, focus, lang)
        or ca.share_sentence(trend, focus, ctx.area_name, lang)
        or t("story.takeaway_none", lang)
    )
    return View(title, takeaway, _note_of(fig), fig, table)


def lfs_55_64(ctx: Context) -> View | None:
    """The Labour Force Survey's unemployment rate by age, yearly, whole country: 55–64 strong,
    all aged 15–74 as the reference. The survey years the chosen period touches, no later ones,
    so that the chart and its sentence speak of the same period as the rest of the page.
    Query: ``kokeneet_lfs_rate``."""
    lang = ctx.lang
    lfs = run_query("kokeneet_lfs_rate", first_year=ctx.start.year, last_year=ctx.end.year)
    lfs = lfs.dropna(subset=["value"]).assign(period=lambda d: pd.to_datetime(d.period))
    if lfs[lfs.age_group == ca.LFS_FOCUS].empty:
        return None
    fig, table = ca.lfs_figure(lfs, lang=lang)
    takeaway = ca.lfs_sentence(lfs, lang) or t("story.takeaway_none", lang)
    return View(t("story.title_lfs", lang), takeaway, _note_of(fig), fig, table)


def _load(name: str, **params: object) -> pd.DataFrame:
    data = run_query(name, **params)
    return data.assign(period=pd.to_datetime(data.period))


def experienced_group(ctx: Context) -> str | None:
    """The experienced group a chart of the area shows: the chosen age, or for all ages the
    experienced group (55+, else 50+) that most areas have. Query: ``age_list``."""
    return ctx.age if ctx.age != "SSS" else age_rules.widest_experienced(run_query("age_list"))


def age_share_areas(ctx: Context, level: str = "") -> View | None:
    """The experienced group's share of the unemployed across the areas of ``level`` (none: the
    area and the country over time) in the latest month, the chosen area and the areas related
    to it highlighted. Queries: ``kokeneet_age_share_areas``, ``related_areas``, ``age_list``."""
    wanted = experienced_group(ctx)
    shares = _load("kokeneet_age_share_areas", age=wanted or "", start=ctx.start, end=ctx.end)
    rel = run_query("related_areas", area=ctx.area)
    related = set(rel[rel.relation != "overlaps"].area_code)
    ages = run_query("age_list").set_index("age_group")
    fig, table = ca.area_share_figure(
        shares,
        level=level or None,
        highlight=related - {"SSS"} if ctx.area != "SSS" else set(),
        age=age_rules.group_label(wanted, ages, ctx.lang),
        lang=ctx.lang,
        start=ctx.start,
        end=ctx.end,
    )
    if table.empty:
        return None
    title = charts.plain_title(fig.layout.title.text or "")
    return View(title, narrative.figure_takeaway(fig, ctx.lang), _note_of(fig), fig, table)


def long_term_age(ctx: Context) -> View | None:
    """The long-term share of each age group's unemployed over time in the area, the
    experienced group highlighted, all ages as the reference.
    Queries: ``kokeneet_long_term``, ``kokeneet_age_trend``, ``age_list``."""
    trend = _load("kokeneet_age_trend", area=ctx.area, start=ctx.start, end=ctx.end)
    _, focus = age_rules.age_break(trend[trend.period >= pd.Timestamp(ctx.start)], ctx.age)
    long_term = _load("kokeneet_long_term", area=ctx.area, start=ctx.start, end=ctx.end)
    focus = focus or experienced_group(ctx)
    fig, table = ca.long_term_figure(
        long_term, focus=focus, area=ctx.area_name, lang=ctx.lang, start=ctx.start, end=ctx.end
    )
    if table.empty:
        return None
    title = charts.plain_title(fig.layout.title.text or "")
    takeaway = ca.long_term_sentence(long_term, focus, ctx.lang) or narrative.figure_takeaway(
        fig, ctx.lang
    )
    return View(title, takeaway, _note_of(fig), fig, table)
