"""Panels of Kokeneet: experienced against younger jobseekers, the survey's rate of 55–64.
Queries: ``kokeneet_age_trend``, ``kokeneet_lfs_rate``. Tests: tests/test_page_kokeneet.py."""

from __future__ import annotations

import pandas as pd

from kohtaanto import charts_age as ca
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
    order, focus = ca.age_break(shown, ctx.age)
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
