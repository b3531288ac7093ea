"""Panels of Alueet: the areas of a level on a map and ranked, and the chosen area's path among
its peers. Queries: ``alueet_values``, ``alueet_boundaries``, ``area_list``, ``related_areas``.
Tests: tests/test_page_alueet.py, tests/test_panels.py, tests/app/test_alueet_municipalities.py.

At the municipality level the areas shown are the municipalities of the chosen area (of its
region, for a municipality; all of them for the whole country), not every municipality: a
coordinator of North Karelia compares her 13 municipalities, and 309 bars read as none."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from types import SimpleNamespace

import pandas as pd

from kohtaanto import fmt
from kohtaanto.charts import bulletin, narrative
from kohtaanto.charts import maps as charts_map
from kohtaanto.db import run_query
from kohtaanto.i18n import name_column, t
from kohtaanto.note import Note
from kohtaanto.panels.common import Context, View, shared

LEVELS = ("region", "ely", "employment_area", "elinvoimakeskus", "municipality")
MEASURES = ("unemployment_share", "vacancy_share", "tightness", "long_term_share", "share_50")
# A ranking of more areas than this (the municipalities of a large area, or of the country) draws
# the END_BARS highest and lowest; every area stays in its table. 46 employment areas still read.
MAX_BARS = 50
END_BARS = 20


@dataclass(frozen=True)
class Snapshot:
    """The areas of one level in the latest month with figures for one measure."""

    level: str
    measure: str
    month: pd.Timestamp
    snap: pd.DataFrame  # every area shown (see scope), NaN where it has no figure that month
    values: pd.DataFrame  # the query's rows (the areas shown, the chosen area, the country)
    reference: float | None  # the country's value that month
    highlight: list[str]  # the chosen area, or the areas of the level related to it
    holders: list[str]  # those of them that hold the chosen area
    scope: str = "SSS"  # the area whose areas of the level are shown ('SSS': all of them)


def scope(ctx: Context, level: str) -> str:
    """The area whose areas of ``level`` are shown: the whole country (every area of the
    level), except at the municipality level: the chosen area, or for a municipality its
    region; an area without municipalities (outside the classifications) shows them all.
    Queries: ``area_list``, ``related_areas``."""
    if level != "municipality" or ctx.area == "SSS":
        return "SSS"
    rel = run_query("related_areas", area=ctx.area)
    areas = run_query("area_list")
    level_of = dict(zip(areas.area_code, areas.level, strict=True))
    if level_of.get(ctx.area) == "municipality":
        region = rel[(rel.level == "region") & (rel.relation == "contains")].area_code
        return str(region.iloc[0]) if len(region) else "SSS"
    within = rel[(rel.level == "municipality") & (rel.relation == "within")]
    return ctx.area if len(within) else "SSS"


def scope_areas(ctx: Context, level: str) -> list[str]:
    """The codes of the areas of ``level`` shown for the chosen area (see :func:`scope`), in
    code order. Queries: ``area_list``, ``related_areas``."""
    areas = run_query("area_list")
    of_level = areas[areas.level == level].area_code
    holder = scope(ctx, level)
    if holder == "SSS":
        return sorted(of_level)
    rel = run_query("related_areas", area=holder)
    within = set(rel[(rel.level == level) & (rel.relation == "within")].area_code)
    return sorted(c for c in of_level if c in within)


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
    shown = scope_areas(ctx, level)
    values = values[values.area_code.isin([*shown, ctx.area, "SSS"])]
    values = values.assign(period=pd.to_datetime(values.period), value=values[measure])
    having = values[(values.level == level) & values.area_code.isin(shown) & values.value.notna()]
    if having.empty:
        return None
    month = having.period.max()
    areas = run_query("area_list")
    name_of = dict(zip(areas.area_code, areas[name_column(ctx.lang)], strict=True))
    snap = pd.DataFrame({"area_code": shown}).merge(
        values[values.period == month], on="area_code", how="left"
    )
    snap["name"] = snap.area_code.map(name_of)
    country = values[(values.area_code == "SSS") & (values.period == month)].value.dropna()
    # An area of another level highlights the area of this level that holds it (a
    # municipality's region), else the areas it holds (a coordinator area's regions).
    holders: list[str] = []
    level_of = dict(zip(areas.area_code, areas.level, strict=True))
    highlight = [ctx.area] if level_of.get(ctx.area) == level else []
    # At the municipality level the areas shown are the chosen area's own: none stands out.
    if not highlight and ctx.area != "SSS" and level != "municipality":
        rel = run_query("related_areas", area=ctx.area)
        rel = rel[(rel.level == level) & (rel.relation != "self")]
        holders = list(rel[rel.relation == "contains"].area_code)
        highlight = holders or list(rel.area_code)
    reference = country.iloc[0] if len(country) else None
    return Snapshot(
        level, measure, month, snap, values, reference, highlight, holders, scope(ctx, level)
    )


@dataclass(frozen=True)
class Levels:
    """The levels the database has areas and figures for in the period, and per level the
    measures it offers."""

    options: list[str]
    default: str
    offered: dict[str, list[str]]


@shared
def levels(f: Context) -> Levels:
    """The Alueet page's level and measure choices for the filters ``f``.
    Query: ``alueet_levels``."""
    rows = run_query("alueet_levels", start=f.start, end=f.end).set_index("level")
    options = [lv for lv in LEVELS if lv in rows.index]
    offered = {lv: [m for m in MEASURES if rows.loc[lv, m] > 0] for lv in options}
    default = "region" if "region" in options else (options[0] if options else "")
    return Levels(options, default, offered)


def default_measure(offered: list[str]) -> str:
    return "unemployment_share" if "unemployment_share" in offered else offered[0]


@dataclass(frozen=True)
class Comparison:
    """What the Alueet page says around its map and ranking: the month's snapshot, the
    captions (which areas are shown, how the chosen area relates to them, which have no
    figure), whether a map can be drawn, and the area codes a click may choose."""

    snapshot: Snapshot
    captions: tuple[str, ...]
    has_values: bool
    has_boundaries: bool
    codes: frozenset[str]


@shared
def model(f: Context, level: str, measure: str) -> Comparison | None:
    """The Alueet page's model for the filters, a level and a measure; None without figures.
    Queries: those of :func:`snapshot`, ``area_list``, ``alueet_boundaries``."""
    s = snapshot(f, level, measure)
    if s is None:
        return None
    lang = f.lang
    areas = run_query("area_list")
    name_of = dict(zip(areas.area_code, areas[name_column(lang)], strict=True))
    level_of = dict(zip(areas.area_code, areas.level, strict=True))
    captions = []
    if s.scope != "SSS":  # the municipalities of the chosen area, or of a municipality's region
        own = level_of.get(f.area) == level
        captions.append(
            t(
                "alueet.scope_municipality" if own else "alueet.scope",
                lang,
                area=f.area_name,
                level=t(f"level.{level_of[f.area]}", lang),
                region=name_of[s.scope],
                n=len(s.snap),
            )
        )
    elif f.area != "SSS" and level_of.get(f.area) != level:
        captions.append(
            t(
                "alueet.related" if s.highlight else "alueet.unrelated",
                lang,
                area=f.area_name,
                level=t(f"level.{level_of[f.area]}", lang),
                names=", ".join(name_of[c] for c in s.highlight),
            )
        )
    if missing := sorted(s.snap[s.snap.value.isna()].name):
        month_text = fmt.month(s.month.date(), lang)
        captions.append(t("alueet.missing_areas", lang, month=month_text, names=", ".join(missing)))
    return Comparison(
        s,
        tuple(captions),
        bool(s.snap.value.notna().sum()),
        not run_query("alueet_boundaries", level=level).empty,
        frozenset(name_of),
    )


def clicked(selection: object, m: Comparison) -> str | None:
    """The area a click on the map or a bar chose (its code), if any."""
    return charts_map.clicked_area(selection, m.codes)


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
    note = Note.of(s.snap.sources.dropna(), [when], s.snap.status.dropna())
    name = t(f"alueet.measures.{s.measure}", lang)
    return shown_as(s.measure, lang), name, fmt.month(when, lang), note


def _scope_name(s: Snapshot, lang: str) -> str:
    """The name of the area whose areas a snapshot shows."""
    areas = run_query("area_list").set_index("area_code")
    return str(areas.at[s.scope, name_column(lang)] or areas.at[s.scope, "name_fi"])


def _scope_part(s: Snapshot, lang: str) -> str:
    """`` · Pohjois-Karjala`` in a subtitle when the areas shown are those of one area."""
    return "" if s.scope == "SSS" else f" · {_scope_name(s, lang)}"


# The titles of a map and a ranking of one area's municipalities: no "all".
WITHIN_TITLES = {
    "story.title_region_ranking": "alueet.title_ranking_within",
    "story.title_area_map": "alueet.title_map_within",
}


def _title(key: str, s: Snapshot, measure_name: str, month_text: str, lang: str) -> str:
    """A map's or a ranking's title: all areas of the level, or those of one area."""
    plural = t(f"alueet.plural.{s.level}", lang)
    if s.scope != "SSS":
        key = WITHIN_TITLES[key]
        plural = t("alueet.in_area", lang, levels=plural, area=_scope_name(s, lang))
    return t(key, lang, measure=measure_name, month=month_text, levels=plural)


def _ends(s: Snapshot) -> set[str] | None:
    """The areas a long ranking draws (the ``END_BARS`` highest and lowest, and the highlighted
    ones), or None when every area has its bar (up to ``MAX_BARS``)."""
    ranked = s.snap.dropna(subset=["value"]).sort_values("value", kind="stable")
    if len(ranked) <= MAX_BARS:
        return None
    codes = list(ranked.area_code)
    return {*codes[:END_BARS], *codes[-END_BARS:], *s.highlight}


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
    levels = t(f"alueet.levels.{level}", lang)
    keep = _ends(s)
    if keep is None:
        sub = t("alueet.ranking_sub", lang, levels=levels, month=month_text)
    else:
        total = int(s.snap.value.notna().sum())
        sub = t("alueet.ranking_ends", lang, levels=levels, n=END_BARS, total=total)
        sub += f", {month_text}"
    sub += _scope_part(s, lang)
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
        keep=keep,
        skipped_label=t("alueet.skipped", lang),
        **shown,
    )
    title = _title("story.title_region_ranking", s, measure_name, month_text, lang)
    columns = {
        "area_code": t("alueet.col.code", lang),
        "name": t("alueet.col.area", lang),
        "value": measure_name,
    }
    table = _rounded(s.snap[["area_code", "name", "value"]], shown).rename(columns=columns)
    return View(title, _rank_sentence(s, measure_name, lang), note, fig, table)


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
    sub += _scope_part(s, lang)
    if s.highlight:
        names = ", ".join(s.snap.set_index("area_code").name.reindex(s.highlight).fillna(""))
        if len(s.highlight) > 2:
            names = t("alueet.within", lang, area=ctx.area_name, n=len(s.highlight))
        marked = t("alueet.highlighted", lang, names=names)
        # With the area named too, the line ran off a half-width map: a line of its own.
        sub += f"</sup><br><sup>{marked}" if s.scope != "SSS" else f" · {marked}"
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
    title = _title("story.title_area_map", s, measure_name, month_text, lang)
    columns = _columns(measure_name, lang)
    table = _rounded(s.snap[["area_code", "name", "value"]], shown).rename(columns=columns)
    return View(title, _rank_sentence(s, measure_name, lang), note, fig, table)


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
    note = Note.of(
        values.sources.dropna(), line.period, values.status, start=ctx.start, end=ctx.end
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
    # The sentence reads the chosen area's line (the first line drawn is the peers', and would
    # have been told as "Regions: 13.1%", the value of one of them).
    mine = label.get(ctx.area, name_of.get(ctx.area))
    lines = [tr for tr in fig.data if tr.name == mine] or list(fig.data)
    takeaway = narrative.figure_takeaway(SimpleNamespace(layout=fig.layout, data=lines), lang)
    return View(title, takeaway, note, fig, data)


# The key figures of the bulletin's tables, in its order: (column, kind).
KEY_FIGURES = (
    ("unemployed", "count"),
    ("unemployment_share", "percent"),
    ("open_vacancies", "count"),
    ("tightness", "ratio"),
    ("long_term_unemployed", "count"),
    ("unemployed_50", "count"),
)
# Counts published only for some months; without a figure in the month their column is left out
# and a note says which months have them.
SOMETIMES = {"long_term_unemployed": "months_long_term", "unemployed_50": "months_50"}


def _key_figure_notes(
    data: pd.DataFrame, shown: list[bulletin.Measure], month: pd.Timestamp, lang: str
) -> list[str]:
    """What the table's reader needs to know about its months: which month and which one it is
    compared with, the changes missing and why, and the counts left out and which months the
    data have them for."""
    ago = pd.Timestamp(data.period_ago.iloc[0])
    month_text, ago_text = fmt.month_short(month.date()), fmt.month_short(ago.date())
    without = [m for m in shown if not m.change]
    if len(without) == len(shown):
        notes = [t("bulletin.note_month_only", lang, month=month_text)]
        notes.append(t("bulletin.note_no_change", lang, ago=ago_text))
    else:
        notes = [t("bulletin.note_month", lang, month=month_text, ago=ago_text)]
    if without and len(without) < len(shown):
        names = ", ".join(m.label for m in without)
        notes.append(t("bulletin.note_some_change", lang, names=names, ago=ago_text))
    for column, months_column in SOMETIMES.items():
        if column in {m.column for m in shown}:
            continue
        held = data[months_column].iloc[0]
        months = [] if held is None or not hasattr(held, "__len__") else list(held)
        what = t(f"bulletin.missing.{column}", lang)
        if not months:
            notes.append(t("bulletin.note_never", lang, what=what))
        else:
            listed = bulletin.month_list(months)
            key = "bulletin.note_only_one" if len(months) == 1 else "bulletin.note_only"
            notes.append(t(key, lang, what=what, month=month_text, months=listed))
    notes.append(t("bulletin.note_dash", lang))
    return notes


def key_figures(ctx: Context, level: str = "region") -> View | None:
    """The key figures of every area of ``level`` (at the municipality level those of the chosen
    area, see :func:`scope`), the chosen area and the country, with their change over a year, as
    the employment bulletin prints them: a table panel (``View.html``, no figure). Counts the
    data lack in that month are left out and the notes say why; the chosen area (or the areas
    of the level related to it) is marked. Queries: ``area_key_figures``, those of :func:`scope`
    and ``related_areas``."""
    if level not in LEVELS:
        return None
    lang = ctx.lang
    codes = scope_areas(ctx, level)
    data = run_query("area_key_figures", codes=codes, area=ctx.area, start=ctx.start, end=ctx.end)
    if data.empty:
        return None
    month = pd.Timestamp(data.period.iloc[0])
    ago = pd.Timestamp(data.period_ago.iloc[0])
    data = data.assign(name=data[name_column(lang)].fillna(data.name_fi))
    if level == "municipality":  # regions in their official order, municipalities by name
        order = data.role.map({"level": 0, "chosen": 1, "country": 2})
        data = data.assign(order=order, key=data.name.map(bulletin.sort_key))
        data = data.sort_values(["order", "key"]).reset_index(drop=True)
    month_text = fmt.month_short(month.date())
    shown: list[bulletin.Measure] = []
    for column, kind in KEY_FIGURES:
        if data[column].isna().all():
            continue
        data[f"{column}_change"] = data[column] - data[f"{column}_ago"]
        has_change = bool(data[f"{column}_change"].notna().any())
        label = t(f"bulletin.col.{column}", lang)
        shown.append(bulletin.Measure(column, kind, label, has_change))
    if not shown:
        return None
    marked = {ctx.area} | set(_related_marks(ctx, level, codes))
    scope_code = scope(ctx, level)
    plural = t(f"alueet.plural.{level}", lang)
    if scope_code != "SSS":
        names = run_query("area_list").set_index("area_code")
        plural = t(
            "alueet.in_area", lang, levels=plural, area=names.at[scope_code, name_column(lang)]
        )
    title = t("bulletin.title", lang, levels=plural, month=fmt.month(month.date(), lang))
    change_labels = {k: t(f"bulletin.change_{k}", lang) for k in ("count", "percent", "ratio")}
    notes = _key_figure_notes(data, shown, month, lang)
    table = bulletin.table_html(
        data,
        shown,
        caption=title,
        area_label=t("alueet.col.area", lang),
        month_label=month_text,
        change_labels=change_labels,
        marked=marked - {"SSS"},
        totals={"SSS"},
        marked_text=t("bulletin.marked", lang),
        lang=lang,
    )
    note = _key_figure_source(data, shown, month, ago)
    shown_notes = [*notes, note.plain(lang)]
    notes_html = "".join(f'<p class="kt-bulletin-note">{escape(n)}</p>' for n in shown_notes)
    files = _key_figure_files(data, shown, month, ago, lang)
    files["source_table"] = data.sources
    files["status"] = data.status
    for remark in notes:
        note = note.with_remark(remark)
    sentence = _key_figure_sentence(data, month, lang)
    return View(title, sentence, note, None, files, html=table + notes_html)


def _key_figure_source(
    data: pd.DataFrame,
    shown: list[bulletin.Measure],
    month: pd.Timestamp,
    ago: pd.Timestamp,
) -> Note:
    """The table's source, months and status: both months' when a change is shown, else the
    month's (the months between are not the table's, so none is said to be missing)."""
    rows = data.rename(columns={"sources": "sources_now", "status": "status_now"})
    when = ["now", "ago"] if any(m.change for m in shown) else ["now"]
    sources = pd.concat([rows[f"sources_{w}"] for w in when]).dropna()
    statuses = pd.concat([rows[f"status_{w}"] for w in when]).dropna()
    months = [ago, month] if "ago" in when else [month]
    return Note.of(sources, months, statuses, monthly=False)


def _key_figure_sentence(data: pd.DataFrame, month: pd.Timestamp, lang: str) -> str:
    """The highest and the lowest unemployment share among the areas of the level, and the
    country's; empty when none has one."""
    level_rows = data[data.role == "level"].dropna(subset=["unemployment_share"])
    if level_rows.empty:
        return ""
    high = level_rows.loc[level_rows.unemployment_share.idxmax()]
    low = level_rows.loc[level_rows.unemployment_share.idxmin()]
    country = data[data.area_code == "SSS"].unemployment_share.dropna()
    return t(
        "story.takeaway_ranking_range",
        lang,
        measure=t("alueet.measures.unemployment_share", lang),
        month=fmt.month_in(month.date(), lang),
        high=high["name"],
        high_value=fmt.percent(high.unemployment_share, lang),
        low=low["name"],
        low_value=fmt.percent(low.unemployment_share, lang),
        country=fmt.percent(country.iloc[0], lang) if len(country) else "–",
    )


def _related_marks(ctx: Context, level: str, codes: list[str]) -> list[str]:
    """The areas of the table to mark besides the chosen one: at a level other than the chosen
    area's, those that hold it (its region), else those within it (a coordinator area's
    regions); none at the municipality level, where the rows are the chosen area's own."""
    if ctx.area == "SSS" or level == "municipality" or ctx.area in codes:
        return []
    rel = run_query("related_areas", area=ctx.area)
    rel = rel[(rel.level == level) & (rel.relation != "self")]
    holders = list(rel[rel.relation == "contains"].area_code)
    return holders or list(rel.area_code)


def _key_figure_files(
    data: pd.DataFrame,
    shown: list[bulletin.Measure],
    month: pd.Timestamp,
    ago: pd.Timestamp,
    lang: str,
) -> pd.DataFrame:
    """The table as its files hold it: headers with the unit, counts as whole numbers, shares
    and ratios rounded as shown, the month (``period``, which ``export.tables.readable`` names
    and writes as ``2026-06``) and the month compared with (only when a change is shown)."""
    out = pd.DataFrame(
        {
            t("alueet.col.code", lang): data.area_code,
            t("alueet.col.area", lang): data.name,
            "period": pd.Series(month, index=data.index),
        }
    )
    if any(m.change for m in shown):
        out[t("bulletin.col_compared", lang)] = pd.Series(ago, index=data.index)
    for m in shown:
        decimals = bulletin.DECIMALS[m.kind]
        columns = [(m.column, m.label)]
        if m.change:
            change = t(f"bulletin.change_{m.kind}", lang)
            columns.append((f"{m.column}_change", f"{m.label} – {change}"))
        for column, header in columns:
            values = data[column].round(decimals)
            out[header] = values.astype("Int64") if decimals == 0 else values
    return out
