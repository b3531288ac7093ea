"""Panels of Alueet: the areas of a level on a map and ranked, and the chosen area's path among
its peers. Queries: ``alueet_values``, ``alueet_boundaries``, ``area_list``, ``related_areas``.
Tests: tests/test_page_alueet.py, tests/test_panels.py."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kohtaanto import charts, fmt
from kohtaanto.charts import maps as charts_map
from kohtaanto.charts import narrative
from kohtaanto.db import run_query
from kohtaanto.i18n import name_column, t
from kohtaanto.panels.common import Context, View

LEVELS = ("region", "ely", "employment_area", "elinvoimakeskus")
MEASURES = ("unemployment_share", "vacancy_share", "tightness", "long_term_share", "share_50")


@dataclass(frozen=True)
class Snapshot:
    """The areas of one level in the latest month with figures for one measure."""

    level: str
    measure: str
    month: pd.Timestamp
    snap: pd.DataFrame  # every area of the level, NaN where it has no figure that month
    values: pd.DataFrame  # the query's rows (the level, the chosen area, the country)
    reference: float | None  # the country's value that month
    highlight: list[str]  # the chosen area, or the areas of the level related to it
    holders: list[str]  # those of them that hold the chosen area


def shown_as(measure: str, lang: str) -> dict[str, object]:
    """How a measure's values are written: percent with one decimal, tightness with two."""
    return {
        "lang": lang,
        "percent": measure != "tightness",
        "decimals": 2 if measure == "tightness" else 1,
    }


def snapshot(ctx: Context, level: str, measure: str) -> Snapshot | None:
    """The latest month with figures of ``measure`` for the areas of ``level`` in the period
    (the latest month with data for that measure, not for any), and who is highlighted.
    Queries: ``alueet_values``, ``area_list``, ``related_areas``."""
    if level not in LEVELS or measure not in MEASURES:
        return None
    values = run_query("alueet_values", level=level, area=ctx.area, start=ctx.start, end=ctx.end)
    values = values.assign(period=pd.to_datetime(values.period), value=values[measure])
    having = values[(values.level == level) & values.value.notna()]
    if having.empty:
        return None
    month = having.period.max()
    areas = run_query("area_list")
    name_of = dict(zip(areas.area_code, areas[name_column(ctx.lang)], strict=True))
    snap = areas.loc[areas.level == level, ["area_code"]].merge(
        values[values.period == month], on="area_code", how="left"
    )
    snap["name"] = snap.area_code.map(name_of)
    country = values[(values.area_code == "SSS") & (values.period == month)].value.dropna()
    # An area of another level highlights the area of this level that holds it (a
    # municipality's region), else the areas it holds (a coordinator area's regions).
    holders: list[str] = []
    level_of = dict(zip(areas.area_code, areas.level, strict=True))
    highlight = [ctx.area] if level_of.get(ctx.area) == level else []
    if not highlight and ctx.area != "SSS":
        rel = run_query("related_areas", area=ctx.area)
        rel = rel[(rel.level == level) & (rel.relation != "self")]
        holders = list(rel[rel.relation == "contains"].area_code)
        highlight = holders or list(rel.area_code)
    reference = country.iloc[0] if len(country) else None
    return Snapshot(level, measure, month, snap, values, reference, highlight, holders)


def _rank_sentence(s: Snapshot, measure_name: str, lang: str) -> str:
    """Where the highlighted areas rank, or the highest and the lowest."""
    shown = shown_as(s.measure, lang)
    show = lambda v: charts_map.format_value(v, **shown)  # noqa: E731
    ordered = s.snap.dropna(subset=["value"]).sort_values(
        ["value", "area_code"], ascending=[False, True]
    )
    n = len(ordered)
    fields = {
        "measure": measure_name,
        "month": fmt.month_in(s.month.date(), lang),
        "country": show(s.reference),
    }
    marked = ordered[ordered.area_code.isin(s.highlight)]
    if len(marked):
        items = [
            t(
                "story.rank_item",
                lang,
                name=r.name,
                value=show(r.value),
                rank=int((ordered.value > r.value).sum()) + 1,
                n=n,
            )
            for r in marked.itertuples()
        ]
        joined = (
            items[0]
            if len(items) == 1
            else (", ".join(items[:-1]) + f" {t('kohtaanto.and', lang)} " + items[-1])
        )
        return t("story.takeaway_ranking", lang, items=joined, **fields)
    high, low = ordered.iloc[0], ordered.iloc[-1]
    return t(
        "story.takeaway_ranking_range",
        lang,
        **fields,
        high=high["name"],
        high_value=show(high.value),
        low=low["name"],
        low_value=show(low.value),
    )


def _words(s: Snapshot, lang: str) -> tuple[dict[str, object], str, str, str]:
    """How a snapshot's values are written, the measure's name, the month, and the footnote of
    a chart of that one month (the map's and the ranking's)."""
    when = s.month.date()
    note = charts.footnote(lang, s.snap.sources.dropna(), when, when, s.snap.status.dropna())
    name = t(f"alueet.measures.{s.measure}", lang)
    return shown_as(s.measure, lang), name, fmt.month(when, lang), note


def region_ranking(
    ctx: Context, level: str = "region", measure: str = "unemployment_share"
) -> View | None:
    """The areas of ``level`` ranked by ``measure`` in the latest month with its figures, the
    chosen area (or the areas related to it) highlighted, the country as the reference line.
    Queries: those of :func:`snapshot`."""
    s = snapshot(ctx, level, measure)
    if s is None:
        return None
    lang = ctx.lang
    shown, measure_name, month_text, note = _words(s, lang)
    sub = t("alueet.ranking_sub", lang, levels=t(f"alueet.levels.{level}", lang), month=month_text)
    unit = t("common.percent", lang) if shown["percent"] else t("alueet.ratio_unit", lang)
    reference_label = t(
        "alueet.reference", lang, value=charts_map.format_value(s.reference, **shown)
    )
    fig = charts_map.ranking(
        s.snap,
        title=f"{measure_name}<br><sup>{sub}</sup>",
        note=note,
        x_title=unit,
        highlight=s.highlight,
        reference=s.reference,
        reference_label=reference_label,
        **shown,
    )
    title = t(
        "story.title_region_ranking",
        lang,
        measure=measure_name,
        month=month_text,
        levels=t(f"alueet.plural.{level}", lang),
    )
    columns = {
        "area_code": t("alueet.col.code", lang),
        "name": t("alueet.col.area", lang),
        "value": measure_name,
    }
    table = _rounded(s.snap[["area_code", "name", "value"]], shown).rename(columns=columns)
    return View(title, _rank_sentence(s, measure_name, lang), charts.plain(note), fig, table)


def _rounded(table: pd.DataFrame, shown: dict[str, object]) -> pd.DataFrame:
    """The table's values with the decimals the chart shows (a share's one, tightness's two),
    not the fifteen of a computed share: the table's column is named after the measure, which
    the table export cannot know."""
    return table.assign(value=table["value"].round(int(shown["decimals"])))


def _columns(measure_name: str, lang: str) -> dict[str, str]:
    return {
        "area_code": t("alueet.col.code", lang),
        "name": t("alueet.col.area", lang),
        "period": t("alueet.col.month", lang),
        "value": measure_name,
    }


def area_map(
    ctx: Context, level: str = "region", measure: str = "unemployment_share"
) -> View | None:
    """The areas of ``level`` on a map, coloured by ``measure`` in the latest month with its
    figures, the chosen area (or those related to it) outlined; None without figures or without
    boundaries for the level. Queries: those of :func:`snapshot`, ``alueet_boundaries``."""
    s = snapshot(ctx, level, measure)
    if s is None or s.snap.value.notna().sum() == 0:
        return None
    boundaries = run_query("alueet_boundaries", level=level)
    if boundaries.empty:
        return None
    lang = ctx.lang
    shown, measure_name, month_text, note = _words(s, lang)
    sub = t("alueet.map_sub", lang, by=t(f"alueet.by.{level}", lang), month=month_text)
    if s.highlight:
        names = ", ".join(s.snap.set_index("area_code").name.reindex(s.highlight).fillna(""))
        if len(s.highlight) > 2:
            names = t("alueet.within", lang, area=ctx.area_name, n=len(s.highlight))
        sub += " · " + t("alueet.highlighted", lang, names=names)
    unit = t("common.percent", lang) if shown["percent"] else t("alueet.ratio_unit", lang)
    fig = charts_map.choropleth(
        s.snap,
        charts_map.feature_collection(boundaries),
        title=f"{measure_name}<br><sup>{sub}</sup>",
        note=note,
        colour_title=unit if shown["percent"] else "",
        outline=s.highlight,
        missing_text=t("alueet.no_figure", lang),
        **shown,
    )
    title = t(
        "story.title_area_map",
        lang,
        measure=measure_name,
        month=month_text,
        levels=t(f"alueet.plural.{level}", lang),
    )
    columns = _columns(measure_name, lang)
    table = _rounded(s.snap[["area_code", "name", "value"]], shown).rename(columns=columns)
    return View(title, _rank_sentence(s, measure_name, lang), charts.plain(note), fig, table)


def peer_trend(
    ctx: Context, level: str = "region", measure: str = "unemployment_share"
) -> View | None:
    """The chosen area (or the areas of ``level`` that hold it) over time by ``measure``,
    against the country and the other areas of the level as thin lines.
    Queries: those of :func:`snapshot`."""
    s = snapshot(ctx, level, measure)
    if s is None:
        return None
    lang = ctx.lang
    shown = shown_as(measure, lang)
    measure_name = t(f"alueet.measures.{measure}", lang)
    areas = run_query("area_list")
    name_of = dict(zip(areas.area_code, areas[name_column(lang)], strict=True))
    level_of = dict(zip(areas.area_code, areas.level, strict=True))
    strong = [ctx.area, *s.holders]
    # A holder named like the chosen area (the employment area North Karelia holding the region)
    # is told apart by its level, in the title and in the legend.
    label = {
        c: f"{name_of[c]} ({t(f'level.{level_of[c]}', lang)})"
        for c in s.holders
        if name_of[c] == name_of.get(ctx.area)
    }
    names = [label.get(c, name_of[c]) for c in strong]
    names += [t("alueet.country_lc", lang)] if ctx.area != "SSS" else []
    peers = t(
        "alueet.other_peers" if level_of.get(ctx.area) == level else "alueet.all_peers",
        lang,
        peers=t(f"alueet.plural.{level}", lang),
    )
    title = t(
        "alueet.trend_title",
        lang,
        measure=measure_name,
        names=f"{', '.join(names)} {t('alueet.and', lang)} {peers}",
    )
    values = s.values.assign(name=s.values.area_code.map(name_of))
    line = values[["area_code", "name", "period", "value"]].dropna(subset=["value"])
    line["name"] = [label.get(c, n) for c, n in zip(line.area_code, line.name, strict=True)]
    note = charts.footnote(
        lang, values.sources.dropna(), *charts.span(line.period, ctx.start, ctx.end), values.status
    )
    unit = t("common.percent", lang) if shown["percent"] else t("alueet.ratio_unit", lang)
    fig = charts_map.peer_trend(
        line,
        strong=strong,
        country=None if ctx.area == "SSS" else "SSS",
        title=title,
        y_title=unit,
        peers_label=t(f"alueet.levels.{level}", lang),
        note=note,
        **shown,
    )
    data = _rounded(line.assign(period=line.period.dt.strftime("%Y-%m")), shown)
    data = data.rename(columns=_columns(measure_name, lang))
    takeaway = narrative.figure_takeaway(fig, lang)
    return View(title, takeaway, charts.plain(note), fig, data)
