"""Panels of Yleiskuva: the area against the country (share, tightness, the experienced share).
Queries: ``area_trend``, ``age_trend``, ``age_list``. Tests: tests/test_page_yleiskuva... and test_storyline."""

from __future__ import annotations

from kohtaanto import charts_age as ca
from kohtaanto.db import run_query
from kohtaanto.i18n import t
from kohtaanto.panels.common import (
    Context,
    View,
    _compare,
    _experienced_age,
    _pair,
    _retitle,
    _series,
    _trend,
)
from kohtaanto.panels.kokeneet import experienced_trend


def share(ctx: Context) -> View | None:
    """The unemployment share of the labour force, area and country, month by month."""
    key = "yleiskuva.chart_share" if ctx.area != "SSS" else "story.title_share_one"
    return _compare(
        ctx, _trend(ctx), "unemployment_share", t(key, ctx.lang, area=ctx.area_name),
        percent=True, decimals=1,
    )  # fmt: skip


def tightness(ctx: Context) -> View | None:
    """Open vacancies per unemployed jobseeker, area and country, month by month."""
    key = "yleiskuva.chart_tightness" if ctx.area != "SSS" else "story.title_tightness_one"
    return _compare(
        ctx, _trend(ctx), "tightness", t(key, ctx.lang, area=ctx.area_name),
        percent=False, decimals=2, takeaway="story.takeaway_tightness",
        y_title=t("kohtaanto.tightness_axis", ctx.lang),
    )  # fmt: skip


def age_share(ctx: Context) -> View | None:
    """The experienced group's share of the unemployed jobseekers, area and country."""
    age = _experienced_age(ctx)
    if age is None:
        return None
    data = run_query("age_trend", area=ctx.area, age=age, start=ctx.start, end=ctx.end)
    if data.empty or data[data.area_code == ctx.area].empty:
        return None
    data = _series(ctx, data).assign(sources=data.source_table.to_numpy())
    label = ca.group_label(age, run_query("age_list").set_index("age_group"), ctx.lang)
    view = _compare(
        ctx, data.rename(columns={"share": "age_share"}), "age_share",
        t(f"story.title_age_{_pair(ctx)}", ctx.lang, age=label, area=ctx.area_name),
        percent=True, decimals=1, takeaway="story.takeaway_age", extra={"age": label},
    )  # fmt: skip
    return _retitle(view) if view else None


def experienced(ctx: Context) -> View | None:
    """The experienced share of the unemployed where the area has the chosen age group, else
    experienced against younger jobseekers in the age break the area has."""
    return age_share(ctx) or experienced_trend(ctx)
