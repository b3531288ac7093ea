"""Panels of Toimialat: open vacancies by industry (the area, or the area up its chain that has
them) and the share of 55–64-year-olds among the employed by industry.

:func:`model` holds what the page says around the charts (whether and whose vacancies by
industry there are, the survey years), once per filters and database file.
Queries: ``toimialat_coverage``, ``toimialat_vacancies``, ``toimialat_employed_age``.
Tests: tests/app/test_page_toimialat.py, tests/app/test_panels.py."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kohtaanto import fmt
from kohtaanto.charts import industries as ind
from kohtaanto.charts import narrative
from kohtaanto.db import run_query
from kohtaanto.i18n import name_column, t
from kohtaanto.note import Note
from kohtaanto.panels.common import Context, View, _name, shared


@dataclass(frozen=True)
class Industries:
    """Around the Toimialat charts: a notice instead of the vacancy charts (``notice``, with its
    icon) or a note that they are of a covering area (``covering``); the survey years."""

    notice: str
    notice_icon: str
    covering: str
    years: list[int]
    scope: str  # which survey years the comparison shows


@shared
def model(f: Context) -> Industries:
    """What the Toimialat page says about its charts, for the filters ``f``."""
    lang = f.lang
    cover = run_query("toimialat_coverage", area=f.area, start=f.start, end=f.end).iloc[0]
    notice, icon, covering = "", "", ""
    if not cover.in_database:
        notice, icon = t("toimialat.no_12tw", lang), ":material/cloud_download:"
    elif pd.isna(cover.area_code):
        notice, icon = t("toimialat.no_vacancies_area", lang, area=f.area_name), ":material/info:"
    elif cover.depth:
        covering = t(
            "toimialat.covering",
            lang,
            area=f.area_name,
            covering=cover[name_column(lang)],
            level=t(f"level.{cover.level}", lang),
        )
    emp = employed_age(lang)
    years = [] if emp is None else sorted(int(y) for y in emp.period.dt.year.unique())
    scope = ""
    if len(years) > 1:
        scope = t("toimialat.age_scope", lang, year=years[-1], first=years[0])
    elif years:
        scope = t("toimialat.age_scope_one", lang, year=years[-1])
    return Industries(notice, icon, covering, years, scope)


def employed_age(lang: str) -> pd.DataFrame | None:
    """The survey's employed by industry and age, every year, with names in ``lang`` and the
    year as a date (``period``); None when the database has none. Query:
    ``toimialat_employed_age``."""
    emp = run_query("toimialat_employed_age")
    if emp.empty:
        return None
    return ind.with_names(emp, lang).assign(period=lambda d: pd.to_datetime(d.period))


def industry_55_64(ctx: Context) -> View | None:
    """The share of those aged 55–64 among the employed by industry in the latest survey year,
    whole country, all industries as the reference line. Query: ``toimialat_employed_age``."""
    lang = ctx.lang
    emp = employed_age(lang)
    if emp is None:
        return None
    year = int(emp.period.dt.year.max())
    rows = emp[emp.period.dt.year == year]
    parts = rows[rows.industry_code != "SSS"].dropna(subset=["share"])
    if parts.empty:
        return None
    total = rows.loc[rows.industry_code == "SSS", "share"]
    total_share = total.iloc[0] if len(total) else None
    title = t("story.title_industry", lang, year=year)
    note = Note.of(rows.sources, (), rows.status, survey=True, years=[year], monthly=False)
    fig = ind.share_chart(
        rows,
        lang=lang,
        total=total_share,
        title=t("toimialat.chart_share", lang, year=year),
        note=note,
    )
    ordered = parts.sort_values(["share", "industry_code"], ascending=[False, True])
    high, low = ordered.iloc[0], ordered.iloc[-1]
    takeaway = t(
        "story.takeaway_industry",
        lang,
        year=year,
        high=_name(high["name"], lang),
        high_share=fmt.percent(high.share, lang),
        low=_name(low["name"], lang),
        low_share=fmt.percent(low.share, lang),
        total=fmt.percent(total_share, lang),
    )
    table = ind.table(rows, ["name", "employed_55_64", "employed_15_64", "share", "status"], lang)
    return View(title, takeaway, note, fig, table)


@dataclass(frozen=True)
class Vacancies:
    """Open vacancies by industry of the area that has them for the chosen one."""

    area_name: str  # the chosen area, or the one up its chain whose figures these are
    month: pd.Timestamp  # the latest month with figures
    rows: pd.DataFrame  # every industry and month of the period, with names


def vacancies(ctx: Context) -> Vacancies | None:
    """Open vacancies by industry for the chosen area or the nearest area that has them; None
    when the database or the chain has none. Queries: ``toimialat_coverage``,
    ``toimialat_vacancies``."""
    cover = run_query("toimialat_coverage", area=ctx.area, start=ctx.start, end=ctx.end).iloc[0]
    if not cover.in_database or pd.isna(cover.area_code):
        return None
    name = cover[name_column(ctx.lang)] if cover.depth else ctx.area_name
    rows = run_query("toimialat_vacancies", area=cover.area_code, start=ctx.start, end=ctx.end)
    rows = ind.with_names(rows, ctx.lang).assign(period=lambda d: pd.to_datetime(d.period))
    return Vacancies(str(name), pd.Timestamp(cover.last_month), rows)


def industry_vacancies(ctx: Context) -> View | None:
    """Open vacancies by industry in the latest month, ranked. Queries: :func:`vacancies`."""
    v = vacancies(ctx)
    if v is None:
        return None
    lang = ctx.lang
    latest = v.rows[(v.rows.period == v.month) & v.rows.open_vacancies.notna()]
    if latest.empty:
        return None
    when = v.month.date()
    note = Note.of(latest.source_table, [when], latest.status)
    title = t("toimialat.chart_ranked", lang, area=v.area_name, month=fmt.month(when, lang))
    fig = ind.vacancy_bars(latest, lang=lang, note=note, title=title)
    table = ind.table(latest, ["name", "open_vacancies", "status"], lang)
    parts = latest[latest.industry_code != "SSS"].sort_values(
        ["open_vacancies", "industry_code"], ascending=[False, True]
    )
    if parts.empty:
        takeaway = narrative.figure_takeaway(fig, lang)
    else:
        top = parts.iloc[0]
        takeaway = t(
            "story.takeaway_industry_vacancies",
            lang,
            area=v.area_name,
            month=fmt.month_in(when, lang),
            name=_name(top["name"], lang),
            n=fmt.number(top.open_vacancies, lang),
        )
    return View(title, takeaway, note, fig, table)


def industry_trend(ctx: Context) -> View | None:
    """Open vacancies over the period in the industries with the most of them in the latest
    month. Queries: :func:`vacancies`."""
    v = vacancies(ctx)
    if v is None:
        return None
    lang = ctx.lang
    top = v.rows[v.rows.industry_code.isin(ind.top_industries(v.rows, v.month))].dropna(
        subset=["open_vacancies"]
    )
    if top.empty:
        return None
    note = Note.of(top.source_table, top.period, top.status, start=ctx.start, end=ctx.end)
    title = t("toimialat.chart_trend", lang, area=v.area_name)
    fig = ind.vacancy_trend(top, lang=lang, title=title, note=note)
    table = ind.table(top, ["name", "period", "open_vacancies"], lang)
    return View(title, narrative.figure_takeaway(fig, lang), note, fig, table)


def industry_share_years(ctx: Context) -> View | None:
    """The share of those aged 55–64 among the employed by industry in the first and the latest
    survey year; None with fewer than two years. Query: ``toimialat_employed_age``."""
    lang = ctx.lang
    emp = employed_age(lang)
    if emp is None:
        return None
    years = sorted(emp.period.dt.year.unique())
    if len(years) < 2:
        return None
    first, last = int(years[0]), int(years[-1])
    both = emp[emp.period.dt.year.isin([first, last])]
    note = Note.of(both.sources, (), both.status, survey=True, years=[first, last], monthly=False)
    title = t("toimialat.chart_years", lang, first=first, last=last)
    fig = ind.years_chart(both, lang=lang, title=title, note=note)
    table = ind.table(both, ["name", "period", "share"], lang)
    return View(title, narrative.figure_takeaway(fig, lang), note, fig, table)
