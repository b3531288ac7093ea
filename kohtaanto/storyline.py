"""Storylines for workshops: named sequences of views, each view a chart with one sentence of
takeaway generated from its numbers. Used by the presentation page and the slide deck.

A view builder takes a :class:`Context` and returns a :class:`View`, or None when the sources
have no data for it (the slide then says so instead of showing an empty chart). Views reuse the
pages' queries and pure chart builders; the titles are kept short because a slide prints them
in large type on one line, and the footnote travels with every view (source, period, status).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from kohtaanto import charts, charts_map, fmt
from kohtaanto import charts_age as ca
from kohtaanto import charts_industries as ind
from kohtaanto import charts_occupations as occ
from kohtaanto.charts_matching import beveridge_chart
from kohtaanto.db import run_query
from kohtaanto.i18n import name_column, t

if TYPE_CHECKING:  # python-pptx is imported only when a deck is built
    from kohtaanto import slides

MISMATCH_LEVEL = 2  # the mismatch index's occupation level, as on the Kohtaanto page
SHORTAGE_LEVEL = 3  # 3 digits: named groups ("sairaanhoitajat, kätilöt ym.") with stable counts
SHORTAGE_TOP = 10
LABEL_SIZE = 18  # text on the plot (month labels) in a view's figure
NAME_WIDTH = 50  # longer occupation or industry names are cut in a takeaway sentence


@dataclass(frozen=True)
class Context:
    """What a storyline is about: the shared filters."""

    lang: str
    area: str
    area_name: str
    start: dt.date
    end: dt.date
    age: str


@dataclass
class View:
    """One chart with its title, takeaway, footnote and the data behind it."""

    title: str
    takeaway: str
    footnote: str
    figure: go.Figure
    data: pd.DataFrame


def _ok(x: object) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def _country(ctx: Context) -> str:
    return t("common.country", ctx.lang)


def _series(ctx: Context, data: pd.DataFrame) -> pd.DataFrame:
    """``data`` with ``series`` (the area's or the country's name) and ``period`` as timestamps."""
    names = {ctx.area: ctx.area_name, "SSS": _country(ctx)}
    return data.assign(series=data.area_code.map(names), period=pd.to_datetime(data.period))


def _note_of(fig: go.Figure) -> str:
    """The footnote a chart builder put under its figure, as one line of plain text."""
    note = next((a.text for a in fig.layout.annotations if a.name == "footnote"), "")
    return charts.plain(note or "")


def _name(name: object, lang: str) -> str:
    """An occupation or industry name inside a sentence: lower-case first letter (``ICT``
    stays), and a long name cut to its first item (``lähihoitajat ym.``) or at a word."""
    text = str(name)
    if len(text) > NAME_WIDTH:
        first = text.split(", ")[0]
        if first != text and len(first) <= NAME_WIDTH:
            text = f"{first} {t('story.etc', lang)}"
        else:
            cut = text.rfind(" ", 0, NAME_WIDTH)
            text = text[: cut if cut > 0 else NAME_WIDTH].rstrip(",;") + "…"
    return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


def _demo_safe(note: str, statuses: pd.Series, publisher_key: str, lang: str) -> str:
    """A survey chart's footnote without a real publisher's name when the figures are demo data
    (the survey footnote helpers name the publisher whatever the status)."""
    if charts.weakest_status(statuses) != "demo":
        return note
    return note.replace(t(publisher_key, lang), t("common.publisher_demo", lang))


def _pair(ctx: Context) -> str:
    """Title keys name the area and the country, or only the country when that is the area."""
    return "one" if ctx.area == "SSS" else "pair"


def _retitle(view: View) -> View:
    """The figure carries the view's title (for a chart shown or exported on its own)."""
    view.figure.update_layout(title={"text": view.title})
    return view


# Area against the country: share, tightness, the experienced share.


def _trend(ctx: Context) -> pd.DataFrame:
    data = run_query("area_trend", area=ctx.area, start=ctx.start, end=ctx.end)
    return _series(ctx, data)


def _compare(
    ctx: Context,
    data: pd.DataFrame,
    column: str,
    title: str,
    *,
    percent: bool,
    decimals: int,
    takeaway: str = "story.takeaway",
    y_title: str = "",
    extra: dict[str, str] | None = None,
) -> View | None:
    """A line of the area against the country, and a takeaway on the latest month of both."""
    shown = data[["series", "period", column, "area_code", "sources", "status"]].dropna(
        subset=[column]
    )
    mine = shown[shown.area_code == ctx.area]
    if mine.empty:
        return None
    note = charts.footnote(ctx.lang, shown.sources, ctx.start, ctx.end, shown.status)
    fig = charts.line_chart(
        shown[["series", "period", column]], x="period", y=column, series="series", title=title,
        lang=ctx.lang, note=note, y_percent=percent, highlight=ctx.area_name, decimals=decimals,
        y_title=y_title or (t("common.percent", ctx.lang) if percent else ""),
    )  # fmt: skip
    last = mine.iloc[-1]
    country = shown[(shown.area_code == "SSS") & (shown.period == last.period)]
    show = (
        (lambda v: fmt.percent(v, ctx.lang))
        if percent
        else (lambda v: fmt.number(v, ctx.lang, decimals))
    )
    fields = {
        "area": ctx.area_name,
        "month": fmt.month_in(last.period.date(), ctx.lang),
        "value": show(last[column]),
        "country": show(country[column].iloc[0]) if len(country) else "–",
        **(extra or {}),
    }
    key = f"{takeaway}_level" if ctx.area == "SSS" or country.empty else f"{takeaway}_vs_country"
    return View(
        title,
        t(key, ctx.lang, **fields),
        charts.plain(note),
        fig,
        shown[["series", "period", column]],
    )


def view_share(ctx: Context) -> View | None:
    """The unemployment share of the labour force, area and country, month by month."""
    key = "yleiskuva.chart_share" if ctx.area != "SSS" else "story.title_share_one"
    return _compare(
        ctx, _trend(ctx), "unemployment_share", t(key, ctx.lang, area=ctx.area_name),
        percent=True, decimals=1,
    )  # fmt: skip


def view_tightness(ctx: Context) -> View | None:
    """Open vacancies per unemployed jobseeker, area and country, month by month."""
    key = "yleiskuva.chart_tightness" if ctx.area != "SSS" else "story.title_tightness_one"
    return _compare(
        ctx, _trend(ctx), "tightness", t(key, ctx.lang, area=ctx.area_name),
        percent=False, decimals=2, takeaway="story.takeaway_tightness",
        y_title=t("kohtaanto.tightness_axis", ctx.lang),
    )  # fmt: skip


def _experienced_age(ctx: Context) -> str | None:
    """The chosen age group, or with all ages chosen the experienced group the sources have."""
    if ctx.age != "SSS":
        return ctx.age
    return ca.widest_experienced(run_query("age_list"))


def view_age_share(ctx: Context) -> View | None:
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


# Matching: the Beveridge curve, the mismatch index, shortage occupations, the regions.


def view_beveridge(ctx: Context) -> View | None:
    """The Beveridge curve of the area and the country: 12-month moving values where the sources
    have the 12 months before each month, else the monthly values."""
    month = _series(ctx, run_query("kohtaanto_area_month", area=ctx.area, start=ctx.start, end=ctx.end))  # fmt: skip
    for kind, x, y in (
        ("avg12", "unemployment_share_12m", "vacancy_share_12m"),
        ("monthly", "unemployment_share", "vacancy_share"),
    ):
        data = month.dropna(subset=[x, y])
        mine = data[data.area_code == ctx.area]
        if len(mine) >= 2 or (kind == "monthly" and len(mine)):
            break
    else:
        return None
    lang = ctx.lang
    title = t(f"story.title_beveridge_{_pair(ctx)}", lang, area=ctx.area_name,
              kind=t(f"story.kind_{kind}", lang))  # fmt: skip
    note = charts.footnote(lang, data.sources.dropna(), ctx.start, ctx.end, data.status)
    shown = data[["series", "period", x, y]]
    fig = beveridge_chart(shown, series="series", x=x, y=y, lang=lang, note=note, title=title,
                          x_title=t("kohtaanto.unemployment_share", lang),
                          y_title=t("kohtaanto.vacancy_share", lang), highlight=ctx.area_name)  # fmt: skip
    # A view is shown only in presentation mode and on slides: month labels for the back row.
    fig.update_traces(textfont_size=LABEL_SIZE)
    last = mine.iloc[-1]
    fields = {"area": ctx.area_name, "month": fmt.month_in(last.period.date(), lang),
              "u": fmt.percent(last[x], lang), "v": fmt.percent(last[y], lang)}  # fmt: skip
    country = data[(data.area_code == "SSS") & (data.period == last.period)]
    if ctx.area == "SSS" or country.empty:
        takeaway = t("story.takeaway_beveridge_level", lang, **fields)
    else:
        takeaway = t("story.takeaway_beveridge_vs_country", lang, **fields,
                     cu=fmt.percent(country[x].iloc[0], lang), cv=fmt.percent(country[y].iloc[0], lang))  # fmt: skip
    return View(title, takeaway, charts.plain(note), fig, shown)


@dataclass(frozen=True)
class _Cover:
    code: str
    name: str  # the covering area's own name
    where: str  # its name as a title says it: with the chosen area when it is another one
    month: dt.date


def _covering(ctx: Context) -> _Cover | None:
    """The nearest area with occupation figures (tyonv/12ti) for the chosen area: the area
    itself, else the first one up its parent chain (a municipality's region)."""
    cover = run_query("ammatit_coverage", area=ctx.area, start=ctx.start, end=ctx.end)
    if cover.empty:
        return None
    row = cover.iloc[0]
    if row.depth == 0:
        name = where = ctx.area_name
    elif row.area_code == "SSS":  # the whole country holds every area: no need to say so
        name = where = _country(ctx)
    else:
        name = str(row[name_column(ctx.lang)] or row.name_fi)
        where = t("story.covering", ctx.lang, covering=name, area=ctx.area_name)
    return _Cover(str(row.area_code), name, where, pd.Timestamp(row.last_month).date())


def _mismatch_regions(ctx: Context) -> View | None:
    """The mismatch index across the regions: a figure of the whole country."""
    lang = ctx.lang
    data = run_query("kohtaanto_mismatch_region", start=ctx.start, end=ctx.end)
    data = data.dropna(subset=["mismatch_index"])
    if data.empty:
        return None
    data = _series(ctx, data).assign(series=_country(ctx))
    note = charts.footnote(lang, data.sources.dropna(), ctx.start, ctx.end, data.status)
    title = t("kohtaanto.mismatch_region_title", lang)
    shown = data[["series", "period", "mismatch_index"]]
    fig = charts.line_chart(shown, x="period", y="mismatch_index", series="series", lang=lang,
                            title=title, note=note, y_title=t("kohtaanto.index_axis", lang),
                            y_percent=True, highlight=_country(ctx), decimals=1)  # fmt: skip
    last = data.iloc[-1]
    takeaway = t("story.takeaway_mismatch_regions", lang, area=_country(ctx),
                 value=fmt.percent(last.mismatch_index, lang), segments=int(last.segments),
                 month=fmt.month(last.period.date(), lang))  # fmt: skip
    return View(title, takeaway, charts.plain(note), fig, shown)


def view_mismatch(ctx: Context) -> View | None:
    """The mismatch index across occupations for the area (or the region that covers it)
    against the country; for the country, and where no area up the chain has occupation
    figures, across the regions."""
    cover = _covering(ctx) if ctx.area != "SSS" else None
    if cover is None or cover.code == "SSS":
        return _mismatch_regions(ctx)
    lang = ctx.lang
    levels = [int(v) for v in run_query("kohtaanto_levels")["level"]]
    if not levels:
        return _mismatch_regions(ctx)
    level = MISMATCH_LEVEL if MISMATCH_LEVEL in levels else levels[0]
    data = run_query("kohtaanto_mismatch_occupation", area=cover.code, level=level,
                     start=ctx.start, end=ctx.end).dropna(subset=["mismatch_index"])  # fmt: skip
    names = {cover.code: cover.name, "SSS": _country(ctx)}
    data = data.assign(series=data.area_code.map(names), period=pd.to_datetime(data.period))
    mine = data[data.area_code == cover.code]
    if mine.empty:
        return _mismatch_regions(ctx)
    note = charts.footnote(lang, data.sources.dropna(), ctx.start, ctx.end, data.status)
    title = t("story.title_mismatch", lang, area=cover.name)
    shown = data[["series", "period", "mismatch_index"]]
    axis = t("story.index_level_axis", lang, level=t("kohtaanto.level_option", lang, digits=level))
    fig = charts.line_chart(shown, x="period", y="mismatch_index", series="series", lang=lang,
                            title=title, note=note, y_title=axis, y_percent=True,
                            highlight=cover.name, decimals=1)  # fmt: skip
    last = mine.iloc[-1]
    country = data[(data.area_code == "SSS") & (data.period == last.period)]
    fields = {"area": cover.where, "value": fmt.percent(last.mismatch_index, lang),
              "month": fmt.month(last.period.date(), lang)}  # fmt: skip
    if country.empty:
        takeaway = t("story.takeaway_mismatch_level", lang, **fields)
    else:
        takeaway = t("story.takeaway_mismatch_vs_country", lang, **fields,
                     country=fmt.percent(country.mismatch_index.iloc[0], lang))  # fmt: skip
    return View(title, takeaway, charts.plain(note), fig, shown)


def view_shortage(ctx: Context) -> View | None:
    """The occupations with the most open vacancies per unemployed jobseeker in the latest
    month, for the area or the region that covers it (as on the Ammatit page)."""
    cover = _covering(ctx)
    if cover is None:
        return None
    lang = ctx.lang
    data = occ.with_labels(run_query("ammatit_month", area=cover.code, month=cover.month), lang)
    known = data[data.level.between(1, 4) & data.unemployed.notna() & data.open_vacancies.notna()]
    if known.empty:
        return None
    have = set(known.level)
    level = SHORTAGE_LEVEL if SHORTAGE_LEVEL in have else max(have)
    shown = known[known.level == level]
    rank = occ.ranking(shown, "shortage", occ.min_size(shown), top=SHORTAGE_TOP)
    if rank.empty:
        return None
    note = charts.footnote(lang, data.sources.dropna(), cover.month, cover.month, shown.status)
    title = t("story.title_shortage", lang, area=cover.name, month=fmt.month_short(cover.month))
    fig = occ.ranking_chart(rank, side="shortage", title=title, lang=lang, note=note)
    top = rank.iloc[0]
    if np.isfinite(top.ratio):
        ratio = fmt.number(top.ratio, lang, 2)
    else:
        ratio = t("story.no_jobseekers", lang, vacancies=fmt.number(top.open_vacancies, lang))
    more = int((shown.open_vacancies > shown.unemployed).sum())
    fields = {"area": cover.where, "month": fmt.month_in(cover.month, lang), "ratio": ratio,
              "n": more, "total": len(shown), "name": _name(top["name"], lang)}  # fmt: skip
    key = "story.takeaway_shortage" if more else "story.takeaway_shortage_none"
    table = rank[["label", "unemployed", "open_vacancies", "ratio", "status"]]
    return View(title, t(key, lang, **fields), charts.plain(note), fig, table)


def view_region_ranking(ctx: Context) -> View | None:
    """The unemployment share of every region in the latest month, ranked, the chosen area's
    region (or regions) highlighted and the country as the reference line."""
    lang = ctx.lang
    values = run_query("alueet_values", level="region", area=ctx.area, start=ctx.start, end=ctx.end)  # fmt: skip
    regions = values[(values.level == "region") & values.unemployment_share.notna()]
    if regions.empty:
        return None
    month = regions.period.max()
    snap = regions[regions.period == month].assign(
        name=lambda d: d[name_column(lang)].fillna(d.name_fi), value=lambda d: d.unemployment_share
    )
    country = values[(values.area_code == "SSS") & (values.period == month)].unemployment_share
    reference = country.iloc[0] if len(country.dropna()) else None
    levels = run_query("area_list").set_index("area_code").level
    if levels.get(ctx.area) == "region":
        highlight = [ctx.area]
    elif ctx.area != "SSS":
        rel = run_query("related_areas", area=ctx.area)
        rel = rel[(rel.level == "region") & (rel.relation != "self")]
        contains = list(rel[rel.relation == "contains"].area_code)
        highlight = contains or list(rel.area_code)
    else:
        highlight = []
    when = pd.Timestamp(month).date()
    note = charts.footnote(lang, snap.sources.dropna(), when, when, snap.status.dropna())
    title = t("story.title_region_ranking", lang, month=fmt.month(when, lang))
    shown = {"lang": lang, "percent": True, "decimals": 1}
    fig = charts_map.ranking(
        snap, title=title, note=note, x_title=t("common.percent", lang), highlight=highlight,
        reference=reference, reference_label=t("alueet.reference", lang,
                                               value=charts_map.format_value(reference, **shown)),
        **shown,
    )  # fmt: skip
    ordered = snap.sort_values(["value", "area_code"], ascending=[False, True])
    n = len(ordered)
    fields = {"month": fmt.month_in(when, lang), "country": fmt.percent(reference, lang)}
    marked = ordered[ordered.area_code.isin(highlight)]
    if len(marked):
        items = [
            t("story.rank_item", lang, name=r.name, value=fmt.percent(r.value, lang),
              rank=int((ordered.value > r.value).sum()) + 1, n=n)
            for r in marked.itertuples()
        ]  # fmt: skip
        joined = items[0] if len(items) == 1 else (
            ", ".join(items[:-1]) + f" {t('kohtaanto.and', lang)} " + items[-1])  # fmt: skip
        takeaway = t("story.takeaway_ranking", lang, items=joined, **fields)
    else:
        high, low = ordered.iloc[0], ordered.iloc[-1]
        takeaway = t("story.takeaway_ranking_range", lang, **fields,
                     high=high["name"], high_value=fmt.percent(high.value, lang),
                     low=low["name"], low_value=fmt.percent(low.value, lang))  # fmt: skip
    table = ordered[["area_code", "name", "value"]].rename(columns={"value": "unemployment_share"})
    return View(title, takeaway, charts.plain(note), fig, table)


# Experienced talent: jobseekers by age, the survey's rate, the employed by industry.


def view_experienced_trend(ctx: Context) -> View | None:
    """Experienced against younger unemployed jobseekers as an index (first month = 100), in
    the age break the area's source has; None where the area has no age groups."""
    lang = ctx.lang
    trend = run_query("kokeneet_age_trend", area=ctx.area, start=ctx.start, end=ctx.end)
    trend = trend.assign(period=pd.to_datetime(trend.period))
    shown = trend[trend.period >= pd.Timestamp(ctx.start)]
    order, focus = ca.age_break(shown, ctx.age)
    shown = shown[shown.age_group.isin(order)]
    if shown.empty or focus is None:
        return None
    fig, table = ca.trend_figure(shown, measure="index", focus=focus, area=ctx.area_name,
                                 lang=lang, start=ctx.start, end=ctx.end)  # fmt: skip
    if table.empty:
        return None
    _, base = ca.indexed(shown)
    title = t("story.title_experienced_trend", lang, area=ctx.area_name)
    fig.update_yaxes(title_text=t("story.index_axis", lang, base=fmt.month_short(base)))
    takeaway = (
        ca.trend_sentence(shown, order, focus, lang)
        or ca.share_sentence(trend, focus, ctx.area_name, lang)
        or t("story.takeaway_none", lang)
    )
    return _retitle(View(title, takeaway, _note_of(fig), fig, table))


def view_experienced(ctx: Context) -> View | None:
    """The experienced share of the unemployed where the area has the chosen age group, else
    experienced against younger jobseekers in the age break the area has."""
    return view_age_share(ctx) or view_experienced_trend(ctx)


def view_lfs_55_64(ctx: Context) -> View | None:
    """The Labour Force Survey's unemployment rate of those aged 55–64 against all aged 15–74,
    whole country, yearly (survey years from the start of the period on, as on the page)."""
    lang = ctx.lang
    latest = run_query("month_list").period.max()
    last_year = 9999 if _ok(latest) and pd.Timestamp(ctx.end) >= pd.Timestamp(latest) else ctx.end.year  # fmt: skip
    lfs = run_query("kokeneet_lfs_rate", first_year=ctx.start.year, last_year=last_year)
    lfs = lfs[lfs.age_group.isin([ca.LFS_FOCUS, ca.LFS_ALL])].dropna(subset=["value"])
    if lfs[lfs.age_group == ca.LFS_FOCUS].empty:
        return None
    lfs = lfs.assign(period=pd.to_datetime(lfs.period))
    fig, table = ca.lfs_figure(lfs, lang=lang)
    title = t("story.title_lfs", lang)
    takeaway = ca.lfs_sentence(lfs, lang) or t("story.takeaway_none", lang)
    note = _demo_safe(_note_of(fig), lfs.status, "common.publisher", lang)
    return _retitle(View(title, takeaway, note, fig, table))


def view_industry_55_64(ctx: Context) -> View | None:
    """The share of those aged 55–64 among the employed by industry in the latest survey year,
    whole country, all industries as the reference line."""
    lang = ctx.lang
    emp = run_query("toimialat_employed_age")
    if emp.empty:
        return None
    emp = ind.with_names(emp, lang).assign(period=lambda d: pd.to_datetime(d.period))
    year = int(emp.period.dt.year.max())
    rows = emp[emp.period.dt.year == year]
    parts = rows[rows.industry_code != "SSS"].dropna(subset=["share"])
    if parts.empty:
        return None
    total = rows.loc[rows.industry_code == "SSS", "share"]
    total_share = total.iloc[0] if len(total) else None
    title = t("story.title_industry", lang, year=year)
    note = ind.lfs_footnote(lang, rows.sources, [year], rows.status)
    fig = ind.share_chart(rows, lang=lang, total=total_share, title=title, note=note)
    ordered = parts.sort_values(["share", "industry_code"], ascending=[False, True])
    high, low = ordered.iloc[0], ordered.iloc[-1]
    takeaway = t("story.takeaway_industry", lang, year=year,
                 high=_name(high["name"], lang), high_share=fmt.percent(high.share, lang),
                 low=_name(low["name"], lang),
                 low_share=fmt.percent(low.share, lang), total=fmt.percent(total_share, lang))  # fmt: skip
    table = ordered[
        ["industry_code", "name", "employed_55_64", "employed_15_64", "share", "status"]
    ]
    note = _demo_safe(charts.plain(note), rows.status, "toimialat.lfs_publisher", lang)
    return View(title, takeaway, note, fig, table)


# Storylines: id -> (title key, view ids). Views come from this module's REGISTRY; a view that
# returns None becomes a slide saying the sources have no figures for it.
STORYLINES: dict[str, tuple[str, list[str]]] = {
    "kuukausi": ("story.month", ["share", "experienced", "tightness", "region_ranking", "lfs_55_64"]),
    "kohtaanto": ("story.matching", ["beveridge", "tightness", "mismatch", "shortage"]),
    "kokeneet": ("story.experienced", ["experienced_trend", "age_share", "lfs_55_64", "industry_55_64"]),
    "kaikki": ("story.all", ["share", "experienced", "tightness", "region_ranking", "beveridge",
                             "shortage", "lfs_55_64", "industry_55_64"]),
}  # fmt: skip

REGISTRY: dict[str, tuple[str, Callable[[Context], View | None]]] = {
    "share": ("story.view_share", view_share),
    "tightness": ("story.view_tightness", view_tightness),
    "age_share": ("story.view_age_share", view_age_share),
    "experienced": ("story.view_experienced", view_experienced),
    "beveridge": ("story.view_beveridge", view_beveridge),
    "mismatch": ("story.view_mismatch", view_mismatch),
    "shortage": ("story.view_shortage", view_shortage),
    "region_ranking": ("story.view_region_ranking", view_region_ranking),
    "experienced_trend": ("story.view_experienced_trend", view_experienced_trend),
    "lfs_55_64": ("story.view_lfs_55_64", view_lfs_55_64),
    "industry_55_64": ("story.view_industry_55_64", view_industry_55_64),
}


def build_views(story: str, ctx: Context) -> list[tuple[str, View | None]]:
    """The views of a storyline in order, each with its id (None: no figures for it)."""
    return [(vid, REGISTRY[vid][1](ctx)) for vid in STORYLINES[story][1]]


def view_name(view_id: str, lang: str) -> str:
    """The name of a view, for the slide of a view without figures."""
    return t(REGISTRY[view_id][0], lang) if view_id in REGISTRY else view_id


def chart_slides(
    views: list[tuple[str, View | None]], images: list[bytes | str], lang: str
) -> list[slides.ChartSlide]:
    """One slide per view in the storyline's order. ``images`` are those of the views that have
    figures, in order (``export.figures_png``): PNG bytes, or why the image could not be drawn.
    A view without figures gets a slide that says the sources have none, and what to try."""
    from kohtaanto import slides

    drawn = iter(images)
    out = []
    for vid, view in views:
        if view is None:
            out.append(slides.ChartSlide(view_name(vid, lang), t("story.no_data", lang), "",
                                         t("story.no_data_hint", lang)))  # fmt: skip
            continue
        image = next(drawn)
        if not isinstance(image, bytes):
            image = t("story.missing_image", lang, reason=image)
        out.append(slides.ChartSlide(view.title, view.takeaway, view.footnote, image))
    return out


def deck(
    title: str,
    ctx: Context,
    chart: list[slides.ChartSlide],
    today: dt.date,
    *,
    demo: bool = False,
) -> slides.Deck:
    """The deck of a storyline: title slide (title, area and period, date), the chart slides
    (from :func:`chart_slides`, whose text in place of a missing image is final), and the
    closing slide with the sources and the licence. Demo data name no real publisher."""
    from kohtaanto import slides

    lang = ctx.lang
    source = t("story.source_line_demo" if demo else "story.source_line", lang)
    return slides.Deck(
        title=title,
        subtitle=f"{ctx.area_name} · {fmt.month_short(ctx.start)}–{fmt.month_short(ctx.end)}",
        date_line=fmt.day(today, lang),
        source_line=source,
        slides=chart,
        closing_title=t("story.closing", lang),
        closing_lines=[source, t("story.licence", lang)],
        missing_image="{reason}",
    )
