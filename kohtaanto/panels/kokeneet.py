"""Kokeneet osaajat 55+: experienced against younger jobseekers, the experienced share by area,
long-term unemployment by age, the survey's rate of 55–64.

:func:`model` holds what the page and its panels derive from the filters, once per filters and
database file: the age break the area's source has, the group shown, the sentences at the top,
the ranking levels and the empty states' texts. The page lays it out; the panels draw from it.
Queries: ``kokeneet_age_trend``, ``kokeneet_age_share_areas``, ``kokeneet_long_term``,
``kokeneet_lfs_rate``, ``kokeneet_age_coverage``, ``related_areas``, ``age_list``,
``area_list``. Tests: tests/app/test_page_kokeneet.py."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from kohtaanto import charts, fmt
from kohtaanto.charts import age_figures as ca
from kohtaanto.charts import ages as age_rules
from kohtaanto.charts import narrative
from kohtaanto.db import run_query
from kohtaanto.i18n import t
from kohtaanto.panels import outlook
from kohtaanto.panels.common import Context, View, numbers_view, one_month, shared

MEASURES = ("index", "count", "share")


def _load(name: str, **params: object) -> pd.DataFrame:
    data = run_query(name, **params)
    return data.assign(period=pd.to_datetime(data.period))


@dataclass(frozen=True)
class Experienced:
    """What the Kokeneet page shows for one set of filters (see the module's docstring)."""

    trend: pd.DataFrame  # unemployed by age in the area's source, the months before too
    shown: pd.DataFrame  # the age break shown, in the chosen months
    order: list[str]  # its age groups, youngest first
    focus: str | None  # the group highlighted: the chosen one, or the experienced one there
    wanted: str | None  # the chosen group, or with all ages the widest experienced one
    ages: pd.DataFrame  # the age groups (``age_list``), indexed by code
    long_term: pd.DataFrame
    lfs: pd.DataFrame  # the survey's rates by age, yearly
    shares: pd.DataFrame  # the wanted group's share of the unemployed, every area
    related: frozenset[str]  # areas holding the chosen one or within it
    levels: list[str]  # ranking levels that include the chosen area or a related one
    level_counts: dict[str, int]
    area_level: str
    sentences: tuple[str, ...]
    caption: str  # says which group is highlighted when it is not the chosen one
    trend_missing: str
    share_missing: str
    share_not_here: str  # the areas have shares, but none related to the chosen area
    long_term_missing: str
    lfs_missing: str
    no_outlook: str = ""  # the database has no outlook (said once on the page)

    @property
    def experienced(self) -> str | None:
        return self.focus or self.wanted


def _texts(f: Context, m: dict) -> dict[str, str]:
    """The empty states' texts: which source has ages for which areas and months."""
    lang = f.lang
    period = f"{fmt.month_short(f.start)}–{fmt.month_short(f.end)}"
    coverage = run_query("kokeneet_age_coverage")
    age = age_rules.group_label(m["wanted"], m["ages"], lang)
    listed = ca.coverage_text(coverage, "unemployed", lang, age=age)
    missing = "kokeneet.share_missing" if m["wanted"] else "kokeneet.share_missing_any"
    return {
        "trend_missing": t(
            "kokeneet.trend_missing",
            lang,
            area=f.area_name,
            period=period,
            coverage=ca.coverage_text(coverage, "unemployed", lang),
        ),
        "share_missing": t(missing, lang, age=age, period=period, coverage=listed),
        "share_not_here": t(
            "kokeneet.share_not_here",
            lang,
            area=f.area_name,
            level=t(f"level.{m['area_level']}", lang) if m["area_level"] else "",
            age=age,
            period=period,
            coverage=listed,
        ),
        "long_term_missing": t(
            "kokeneet.long_term_missing",
            lang,
            area=f.area_name,
            period=period,
            coverage=ca.coverage_text(coverage, "long_term_unemployed", lang),
        ),
        "lfs_missing": t("kokeneet.lfs_missing", lang, years=ca.years_label(f.start, f.end)),
    }


@shared
def model(f: Context) -> Experienced:
    """The Kokeneet page's data for the filters ``f``, derived once."""
    lang = f.lang
    trend = _load("kokeneet_age_trend", area=f.area, start=f.start, end=f.end)
    shown = trend[trend.period >= pd.Timestamp(f.start)]
    order, focus = age_rules.age_break(shown, f.age)
    shown = shown[shown.age_group.isin(order)]
    age_list = run_query("age_list")
    ages = age_list.set_index("age_group")
    wanted = age_rules.experienced_age(f.age, age_list)
    long_term = _load("kokeneet_long_term", area=f.area, start=f.start, end=f.end)
    lfs = run_query("kokeneet_lfs_rate", first_year=f.start.year, last_year=f.end.year)
    lfs = lfs.dropna(subset=["value"]).assign(period=lambda d: pd.to_datetime(d.period))
    shares = _load("kokeneet_age_share_areas", age=wanted or "", start=f.start, end=f.end)
    latest = shares[(shares.period == shares.period.max()) & (shares.level != "country")]
    rel = run_query("related_areas", area=f.area)
    related = frozenset(rel[rel.relation != "overlaps"].area_code)
    area_level = run_query("area_list").set_index("area_code").level.get(f.area, "")
    sentences = [
        ca.share_sentence(trend, focus, f.area_name, lang) if focus else None,
        ca.trend_sentence(shown, order, focus, lang),
        ca.long_term_sentence(long_term, focus or wanted, lang),
        ca.lfs_sentence(lfs, lang) if not lfs[lfs.age_group == ca.LFS_FOCUS].empty else None,
    ]
    caption = ""
    if focus is not None and focus != f.age:
        key = "kokeneet.all_ages_chosen" if f.age == "SSS" else "kokeneet.age_not_here"
        caption = t(
            key,
            lang,
            age=age_rules.group_label(f.age, ages, lang),
            shown=age_rules.group_label(focus, ages, lang),
        )
    parts = {"wanted": wanted, "ages": ages, "area_level": area_level}
    return Experienced(
        trend=trend,
        shown=shown,
        order=order,
        focus=focus,
        wanted=wanted,
        ages=ages,
        long_term=long_term,
        lfs=lfs,
        shares=shares,
        related=related,
        levels=ca.share_levels(latest, related, f.area),
        level_counts=latest.level.value_counts().to_dict(),
        area_level=area_level,
        sentences=tuple(s for s in sentences if s),
        caption=caption,
        **_texts(f, parts),
        no_outlook="" if outlook.available() else outlook.unavailable_text(lang),
    )


def default_level(m: Experienced) -> str:
    """The ranking level shown first: the chosen area's own, else the one with most areas."""
    return ca.pick_level(m.levels, m.area_level, m.level_counts)


def experienced_trend(ctx: Context, measure: str = "index") -> View | None:
    """Experienced against younger unemployed jobseekers in the age break the area's source
    has: ``measure`` ``index`` (first month = 100), ``count`` or ``share`` of all ages; None
    where the area has no age groups. One month only: the counts as numbers. The experienced
    group's line continues as its outlook where the forecast tables have one for the area
    (as a count or an index; a share is not forecast), else the note says why."""
    view = _experienced_trend(ctx, measure)
    m = model(ctx)
    if view is None:
        return view
    found = outlook.series(ctx.area, "unemployed", m.focus)
    if found is not None and found.shown and measure == "share":
        found = replace(found, reason="count_only", rows=found.rows.iloc[0:0])
    focus = m.shown[m.shown.age_group == m.focus]
    label = str(age_rules.labels(focus.head(1), ctx.lang).iloc[0])
    scale = 1.0
    if measure == "index" and view.figure is not None:
        _, base = ca.indexed(m.shown)
        at_base = focus[focus.period == pd.Timestamp(base)].value if base else focus.value[:0]
        if at_base.empty or not at_base.iloc[0] > 0:
            return view
        scale = 100 / float(at_base.iloc[0])
    return outlook.continue_view(
        view,
        found.within(ctx.start, ctx.end) if found is not None else None,
        lang=ctx.lang,
        line=label,
        series_column=t("kokeneet.col_age", ctx.lang),
        period_column=t("kokeneet.col_period", ctx.lang),
        value_column=t(f"kokeneet.col_{measure}", ctx.lang),
        what=label,
        sentence_what=t("outlook.what_experienced", ctx.lang, age=label),
        area=ctx.area_name,
        decimals=1 if measure == "index" else 0,
        scale=scale,
    )


def _experienced_trend(ctx: Context, measure: str) -> View | None:
    lang = ctx.lang
    m = model(ctx)
    if m.shown.empty or m.focus is None or measure not in MEASURES:
        return None
    fig, table, note = ca.trend_figure(
        m.shown,
        measure=measure,
        focus=m.focus,
        area=ctx.area_name,
        lang=lang,
        start=ctx.start,
        end=ctx.end,
    )
    if table.empty:
        return None
    title = t("story.title_experienced_trend", lang, area=ctx.area_name)
    takeaway = (
        ca.trend_sentence(m.shown, m.order, m.focus, lang)
        or ca.share_sentence(m.trend, m.focus, ctx.area_name, lang)
        or t("story.takeaway_none", lang)
    )
    if one_month(m.shown):  # an index of one month is 100 for every group: say the counts
        rows = m.shown.assign(label=age_rules.labels(m.shown, lang))
        return numbers_view(
            title,
            takeaway,
            note,
            rows[["label", "period", "value"]],
            label="label",
            value="value",
            show=lambda v: fmt.number(v, lang),
            lang=lang,
        )
    return View(title, takeaway, note, fig, table)


def lfs_55_64(ctx: Context) -> View | None:
    """The Labour Force Survey's unemployment rate by age, yearly, whole country: 55–64 strong,
    all aged 15–74 as the reference. The survey years the chosen period touches, no later ones,
    so that the chart and its sentence speak of the same period as the rest of the page."""
    lang = ctx.lang
    lfs = model(ctx).lfs
    if lfs[lfs.age_group == ca.LFS_FOCUS].empty:
        return None
    fig, table, note = ca.lfs_figure(lfs, lang=lang)
    takeaway = ca.lfs_sentence(lfs, lang) or t("story.takeaway_none", lang)
    return View(t("story.title_lfs", lang), takeaway, note, fig, table)


def age_share_areas(ctx: Context, level: str = "") -> View | None:
    """The experienced group's share of the unemployed across the areas of ``level`` (none: the
    area and the country over time) in the latest month, the chosen area and the areas related
    to it highlighted."""
    m = model(ctx)
    fig, table, note = ca.area_share_figure(
        m.shares,
        level=level or None,
        highlight=m.related - {"SSS"} if ctx.area != "SSS" else set(),
        age=age_rules.group_label(m.wanted, m.ages, ctx.lang),
        lang=ctx.lang,
        start=ctx.start,
        end=ctx.end,
    )
    if table.empty:
        return None
    title = charts.plain_title(fig.layout.title.text or "")
    return View(title, narrative.figure_takeaway(fig, ctx.lang), note, fig, table)


def long_term_age(ctx: Context) -> View | None:
    """The long-term share of each age group's unemployed over time in the area, the
    experienced group highlighted, all ages as the reference. One month only: the shares as
    numbers."""
    lang = ctx.lang
    m = model(ctx)
    fig, table, note = ca.long_term_figure(
        m.long_term,
        focus=m.experienced,
        area=ctx.area_name,
        lang=lang,
        start=ctx.start,
        end=ctx.end,
    )
    if table.empty:
        return None
    title = charts.plain_title(fig.layout.title.text or "")
    takeaway = ca.long_term_sentence(m.long_term, m.experienced, lang) or (
        narrative.figure_takeaway(fig, lang)
    )
    rows = m.long_term.dropna(subset=["share"])
    if one_month(rows):
        rows = rows.assign(label=age_rules.labels(rows, lang))
        return numbers_view(
            title,
            takeaway,
            note,
            rows[["label", "period", "share"]],
            label="label",
            value="share",
            show=lambda v: fmt.percent(v, lang),
            lang=lang,
        )
    return View(title, takeaway, note, fig, table)
