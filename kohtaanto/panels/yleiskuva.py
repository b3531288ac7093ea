"""Yleiskuva: the key figures of the latest month with their change over a year, and the area
against the country (share, tightness, the experienced share, counts).

:func:`model` holds the cards and sentences at the top of the page, derived once per filters and
database file; the panels draw the charts below them.
Queries: ``area_trend``, ``age_trend``, ``age_list``, ``projects_list``, ``data_status``.
Tests: tests/app/test_storyline.py, tests/app/test_app_frame.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from kohtaanto import charts, fmt
from kohtaanto.charts import ages
from kohtaanto.charts.narrative import change_sentences
from kohtaanto.db import DatabaseUnavailable, run_query
from kohtaanto.i18n import name_column, t
from kohtaanto.note import Note
from kohtaanto.panels import outlook, reasons
from kohtaanto.panels.common import (
    Context,
    View,
    _compare,
    _country,
    _experienced_age,
    _pair,
    _retitle,
    _series,
    _trend,
    shared,
)
from kohtaanto.panels.kokeneet import experienced_trend


@dataclass(frozen=True)
class Card:
    """A key figure: its value in the latest month and a year before (None: no figure), how it
    is written (``count``, ``ratio``, ``percent``), whether a rise is bad news (``inverse``),
    and the sentences of its help (``missing``: why there is no figure)."""

    label: str
    value: float | None
    before: float | None
    kind: str = "count"
    inverse: bool = False
    help: str = ""
    missing: str = ""


@dataclass(frozen=True)
class Overview:
    """The top of Yleiskuva: the latest month with figures, the month a year before and
    whether it has figures, the six cards, the sentences on what changed, the experienced
    group's name, the age chart's empty text, the ongoing projects' link, and the line saying
    that the database has no outlook (empty when it has)."""

    month: dt.date | None
    year_ago: dt.date | None
    has_year_ago: bool
    cards: tuple[Card, ...]
    sentences: tuple[str, ...]
    age_name: str
    age_missing: str
    projects: ProjectsLink | None
    no_outlook: str = ""


@dataclass(frozen=True)
class ProjectsLink:
    """ "N ongoing projects in the area" and the /hankkeet link's parameters."""

    label: str
    params: dict[str, str]


def _projects_link(f: Context) -> ProjectsLink | None:
    ref = pd.Timestamp(run_query("data_status").iloc[0].last_month).date()
    try:
        rows = run_query("projects_list", area=f.area, ref=ref)
    except DatabaseUnavailable:  # a database built before the projects tables existed
        return None
    ongoing = rows[rows.project_status == "ongoing"]
    here = int((ongoing.relation == "in").sum())
    national = int((ongoing.relation == "national").sum())
    if f.area == "SSS":  # every project is in the country: one count, and no capitalised name
        label = t("hankkeet.ongoing_link_country", f.lang, n=here + national)
    else:
        label = t("hankkeet.ongoing_link", f.lang, n=here, area=f.area_name, national=national)
    params = {"area": f.area, "status": "ongoing"} | ({"lang": f.lang} if f.lang != "fi" else {})
    return ProjectsLink(label, params)


def _age_name(f: Context, card_age: str, age_list: pd.DataFrame) -> str:
    known = age_list.set_index("age_group")
    if card_age in known.index:
        name = known.at[card_age, name_column(f.lang)] or known.at[card_age, "name_fi"]
        return str(name).lower()
    return ages.age_label(card_age, 55, None, f.lang)


@shared
def model(f: Context) -> Overview:
    """The cards and sentences of Yleiskuva for the filters ``f``."""
    lang = f.lang
    trend = run_query("area_trend", area=f.area, start=f.start, end=f.end)
    trend["period"] = pd.to_datetime(trend["period"])
    mine = trend[trend.area_code == f.area]
    latest = mine.dropna(subset=["unemployed"]).tail(1)
    age_list = run_query("age_list")
    # With all ages chosen, "of them, all ages" would repeat the first card: the card shows the
    # experienced group the sources have for most areas (55+, else 50+), as the age chart does.
    card_age = ages.experienced_age(f.age, age_list) or ages.EXPERIENCED[0]
    age_name = _age_name(f, card_age, age_list)
    what = t("yleiskuva.age_unemployed", lang, age=age_name)
    age_missing = reasons.missing(
        what, "unemployed", card_age, f.area, f.area_name, f.start, f.end, lang
    )
    no_outlook = "" if outlook.available() else outlook.unavailable_text(lang)
    if latest.empty:
        return Overview(
            None, None, False, (), (), age_name, age_missing, _projects_link(f), no_outlook
        )
    now = latest.iloc[0]
    year_ago = now.period - pd.DateOffset(years=1)
    ago_rows = mine[mine.period == year_ago]
    ago = ago_rows.iloc[0] if len(ago_rows) else None
    age = run_query("age_trend", area=f.area, age=card_age, start=f.start, end=f.end)
    age["period"] = pd.to_datetime(age["period"])
    age_now = age[(age.area_code == f.area) & (age.period == now.period)].value
    age_ago = age[(age.area_code == f.area) & (age.period == year_ago)].value
    month = now.period.date()

    def prev(column: str) -> float | None:
        return None if ago is None else ago[column]

    def value(rows: pd.Series) -> float | None:
        return rows.iloc[0] if len(rows) and pd.notna(rows.iloc[0]) else None

    age_help = t("yleiskuva.age_card_all", lang, age=age_name) if f.age == "SSS" else ""

    def card(label: str, now_value, before, measure: str, age_group: str = "SSS", **kw) -> Card:
        """A card; one without a figure says why, from the months the database has."""
        missing = ""
        if now_value is None or pd.isna(now_value):
            missing = reasons.missing(
                label, measure, age_group, f.area, f.area_name, month, month, lang
            )
        return Card(label, now_value, before, missing=missing, **kw)

    cards = (
        card(
            t("yleiskuva.unemployed", lang),
            now.unemployed,
            prev("unemployed"),
            "unemployed",
            inverse=True,
        ),
        card(
            what,
            value(age_now),
            value(age_ago),
            "unemployed",
            card_age,
            inverse=True,
            help=age_help,
        ),
        card(
            t("yleiskuva.long_term", lang),
            now.long_term_unemployed,
            prev("long_term_unemployed"),
            "long_term_unemployed",
            inverse=True,
        ),
        card(
            t("yleiskuva.open_vacancies", lang),
            now.open_vacancies,
            prev("open_vacancies"),
            "open_vacancies",
        ),
        card(
            t("yleiskuva.tightness", lang),
            now.tightness,
            prev("tightness"),
            "open_vacancies",
            kind="ratio",
        ),
        card(
            t("yleiskuva.unemployment_share", lang),
            now.unemployment_share,
            prev("unemployment_share"),
            "labour_force",
            kind="percent",
            inverse=True,
        ),
    )
    sentences = tuple(change_sentences(now, ago, f.area_name, lang))
    return Overview(
        month,
        year_ago.date(),
        ago is not None,
        cards,
        sentences,
        age_name,
        age_missing,
        _projects_link(f),
        no_outlook,
    )


def _within(found: outlook.Outlook | None, ctx: Context) -> outlook.Outlook | None:
    return found.within(ctx.start, ctx.end) if found is not None else None


def share(ctx: Context) -> View | None:
    """The unemployment share of the labour force, area and country, month by month; the area's
    line continues as its outlook (dashed, with the 80 % interval), or the note says why it has
    none. Queries: ``area_trend``, ``forecast_area``."""
    key = "yleiskuva.chart_share" if ctx.area != "SSS" else "story.title_share_one"
    view = _compare(
        ctx,
        _trend(ctx),
        "unemployment_share",
        t(key, ctx.lang, area=ctx.area_name),
        percent=True,
        decimals=1,
    )
    line = _country(ctx) if ctx.area == "SSS" else ctx.area_name
    return outlook.continue_view(
        view,
        _within(outlook.series(ctx.area, "unemployment_share"), ctx),
        lang=ctx.lang,
        line=line,
        series_column="series",
        value_column="unemployment_share",
        what=line,
        sentence_what=t("outlook.what_unemployment_share", ctx.lang),
        area=line,
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
    """Unemployed jobseekers, open vacancies and the long-term unemployed of the area, monthly;
    the unemployed continue as their outlook (the other two stay as they are: one band keeps the
    chart readable, and the vacancies' outlook barely beats the naive forecast beyond a month;
    the Ennakointi page has it). Queries: ``area_trend``, ``forecast_area``."""
    view = _counts(ctx)
    what = t("yleiskuva.unemployed", ctx.lang)
    return outlook.continue_view(
        view,
        _within(outlook.series(ctx.area, "unemployed"), ctx),
        lang=ctx.lang,
        line=what,
        series_column="series",
        value_column="value",
        what=what,
        sentence_what=t("outlook.what_unemployed", ctx.lang),
        area=_country(ctx) if ctx.area == "SSS" else ctx.area_name,
    )


def _counts(ctx: Context) -> View | None:
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
    note = Note.of(mine.sources.dropna(), data.period, mine.status, start=ctx.start, end=ctx.end)
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
    return View(title, takeaway, note, fig, shown)
