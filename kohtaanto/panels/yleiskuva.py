"""Panels of Yleiskuva: the area against the country (share, tightness, the experienced share).
Queries: ``area_trend``, ``age_trend``, ``age_list``. Tests: tests/test_page_yleiskuva... and test_storyline."""

from __future__ import annotations

from kohtaanto import charts, fmt
from kohtaanto.charts import ages
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
        ctx,
        _trend(ctx),
        "unemployment_share",
        t(key, ctx.lang, area=ctx.area_name),
        percent=True,
        decimals=1,
    )


def tightness(ctx: Context) -> View | None:
    """Open vacancies per unemployed jobseeker, area and country, month by month."""
    key = "yleiskuva.chart_tightness" if ctx.area != "SSS" else "story.title_tightness_one"
    return _compare(
        ctx,
        _trend(ctx),
        "tightness",
        t(key, ctx.lang, area=ctx.area_name),
        percent=False,
        decimals=2,
        takeaway="story.takeaway_tightness",
        y_title=t("kohtaanto.tightness_axis", ctx.lang),
    )


def age_share(ctx: Context) -> View | None:
    """The experienced group's share of the unemployed jobseekers, area and country."""
    age = _experienced_age(ctx)
    if age is None:
        return None
    data = run_query("age_trend", area=ctx.area, age=age, start=ctx.start, end=ctx.end)
    if data.empty or data[data.area_code == ctx.area].empty:
        return None
    data = _series(ctx, data).assign(sources=data.source_table.to_numpy())
    label = ages.group_label(age, run_query("age_list").set_index("age_group"), ctx.lang)
    view = _compare(
        ctx,
        data.rename(columns={"share": "age_share"}),
        "age_share",
        t(f"story.title_age_{_pair(ctx)}", ctx.lang, age=label, area=ctx.area_name),
        percent=True,
        decimals=1,
        takeaway="story.takeaway_age",
        extra={"age": label},
    )
    return _retitle(view) if view else None


def experienced(ctx: Context) -> View | None:
    """The experienced share of the unemployed where the area has the chosen age group, else
    experienced against younger jobseekers in the age break the area has."""
    return age_share(ctx) or experienced_trend(ctx)


def counts(ctx: Context) -> View | None:
    """Unemployed jobseekers, open vacancies and the long-term unemployed of the area, monthly.
    Query: ``area_trend``."""
    lang = ctx.lang
    mine = _trend(ctx)
    mine = mine[mine.area_code == ctx.area]
    columns = ["unemployed", "open_vacancies", "long_term_unemployed"]
    data = mine.melt(id_vars="period", value_vars=columns, var_name="measure").dropna()
    if data.empty:
        return None
    data["series"] = data.measure.map(
        lambda m: t(f"yleiskuva.{'long_term' if m.startswith('long') else m}", lang)
    )
    shown = data[["series", "period", "value"]]
    note = charts.footnote(
        lang, mine.sources.dropna(), *charts.span(data.period, ctx.start, ctx.end), mine.status
    )
    title = t("yleiskuva.chart_counts", lang, area=ctx.area_name)
    fig = charts.line_chart(
        shown,
        x="period",
        y="value",
        series="series",
        lang=lang,
        note=note,
        title=title,
        y_title=t("common.persons", lang),
    )
    last = mine.dropna(subset=["unemployed"])
    if last.empty:
        takeaway = t("story.takeaway_none", lang)
    else:
        row = last.iloc[-1]
        takeaway = t(
            "narrative.unemployed_level",
            lang,
            area=ctx.area_name,
            month=fmt.month_in(row.period.date(), lang),
            count=fmt.number(row.unemployed, lang),
        )
    return View(title, takeaway, charts.plain(note), fig, shown)
