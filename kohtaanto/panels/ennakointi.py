"""Ennakointi: the twelve-month outlook (issue 20). The areas of a level ranked by the expected
change of unemployed jobseekers (per cent) and of the unemployment share (percentage points)
from the month each outlook was made to twelve months later, with the 80 % interval; the
chosen area's series continued by their outlooks; and its track record in plain words.

:func:`model` holds what the page derives for the filters and a level, once per database file:
whether there is an outlook at all, the levels that have one, each area's change, who is
highlighted, the areas without an outlook and why, and the area's track record. The panels draw
from it. Queries: ``forecast_change``, ``forecast_accuracy_area``, ``forecast_status``,
``forecast_area``, ``forecast_levels``, ``area_list``, ``related_areas``, ``area_trend``.
Tests: tests/app/test_page_ennakointi.py."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kohtaanto import charts, fmt
from kohtaanto.charts import outlook as chart
from kohtaanto.db import run_query
from kohtaanto.i18n import name_column, t
from kohtaanto.note import NO_FORECAST, Forecast, Note
from kohtaanto.panels import outlook
from kohtaanto.panels.common import Context, View, _country, _trend, shared

LEVELS = ("region", "ely", "elinvoimakeskus", "coordinator_area", "employment_area")
RANKED = ("unemployed", "unemployment_share")  # per cent, percentage points
TRENDS = ("unemployed", "open_vacancies", "unemployment_share", "long_term_unemployed")
HORIZON = 12
RECORD = (  # the area's series whose track record the page tells, in this order
    ("unemployed", "SSS"),
    ("unemployment_share", "SSS"),
    ("open_vacancies", "SSS"),
    ("unemployed", "55-"),
    ("unemployed", "50-"),
    ("long_term_unemployed", "SSS"),
)


@dataclass(frozen=True)
class Outlooks:
    """The Ennakointi page for one set of filters and a level (see the module's docstring)."""

    available: bool
    levels: list[str]  # levels with at least one area's outlook, in LEVELS' order
    level: str  # the level shown
    changes: pd.DataFrame  # per area of the level and the country, measure: change, lo, hi
    highlight: list[str]  # names of the chosen area, or of the areas of the level related to it
    related_text: str  # says who is highlighted when the chosen area is of another level
    missing: str  # the areas of the level without an outlook, and why
    record: tuple[str, ...]  # the chosen area's track record, a sentence per series


def _changes(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Each area's expected change over the horizon: per cent of the origin month's count for
    the unemployed, percentage points for the share; the interval's bounds the same way."""
    out = rows.assign(
        name=rows[name_column(lang)].fillna(rows.name_fi),
        origin=pd.to_datetime(rows.origin),
        last_data=pd.to_datetime(rows.last_data),
    )
    count = out.measure == "unemployed"
    base = out.at_origin.where(out.at_origin > 0)
    for column, source in (("change", "value"), ("lo", "lo80"), ("hi", "hi80")):
        out[column] = (100 * (out[source] / base - 1)).where(count, out[source] - out.at_origin)
    return out


def _related(f: Context, level: str, names: dict[str, str]) -> tuple[list[str], str]:
    """The chosen area when it is of ``level``, else the areas of ``level`` that hold it (or
    that it holds), and a line saying so."""
    areas = run_query("area_list")
    level_of = dict(zip(areas.area_code, areas.level, strict=True))
    if f.area == "SSS" or level_of.get(f.area) == level:
        return ([names[f.area]] if f.area in names else []), ""
    rel = run_query("related_areas", area=f.area)
    rel = rel[(rel.level == level) & (rel.relation != "self")]
    holders = list(rel[rel.relation == "contains"].area_code) or list(rel.area_code)
    chosen = [names[c] for c in holders if c in names]
    key = "outlook.related" if chosen else "outlook.unrelated"
    text = t(
        key,
        f.lang,
        area=f.area_name,
        level=t(f"level.{level_of.get(f.area, 'country')}", f.lang),
        names=", ".join(chosen),
    )
    return chosen, text


def _missing(changes: pd.DataFrame, lang: str) -> str:
    """The areas of the level without an outlook of the unemployed, grouped by why."""
    rows = changes[(changes.measure == "unemployed") & (changes.area_code != "SSS")]
    none = rows[rows.value.isna()]
    if none.empty:
        return ""
    parts = []
    for reason, group in none.groupby("reason", sort=True):
        known = reason if reason in NO_FORECAST else "failed"
        why = t(f"outlook.reason.{known}", lang)
        parts.append(f"{', '.join(sorted(group.name))} ({why})")
    return t("outlook.ranking_missing", lang, areas="; ".join(parts))


def _record(f: Context) -> tuple[str, ...]:
    """The chosen area's track record, a sentence per series it has one for."""
    rows = run_query("forecast_accuracy_area", area=f.area)
    out = []
    for measure, age in RECORD:
        mine = rows[(rows.measure == measure) & (rows.age_group == age)]
        if mine.empty or mine.rel_mae.isna().all():
            continue
        what = t(f"outlook.series.{measure}", f.lang) + _age_suffix(age, f.lang)
        out.append(chart.record_sentence(mine, what=what, lang=f.lang))
    return tuple(out)


def _age_suffix(age: str, lang: str) -> str:
    return "" if age == "SSS" else f" ({t(f'outlook.age.{age}', lang)})"


@shared
def model(f: Context, level: str = "") -> Outlooks:
    """The Ennakointi page's data for the filters ``f`` and ``level`` (default: regions)."""
    if not outlook.available():
        return Outlooks(False, [], "", pd.DataFrame(), [], "", "", ())
    lang = f.lang
    counts = run_query("forecast_levels").set_index("level").areas
    levels = [lv for lv in LEVELS if counts.get(lv, 0)]
    if not levels:  # outlooks for the country alone
        return Outlooks(True, [], "", pd.DataFrame(), [], "", "", _record(f))
    level = level if level in levels else ("region" if "region" in levels else levels[0])
    rows = run_query("forecast_change", level=level, horizon=HORIZON)
    changes = _changes(rows, lang)
    names = dict(zip(changes.area_code, changes.name, strict=False))
    highlight, related_text = _related(f, level, names)
    return Outlooks(
        available=True,
        levels=levels,
        level=level,
        changes=changes,
        highlight=highlight,
        related_text=related_text,
        missing=_missing(changes, lang),
        record=_record(f),
    )


def _span(origins: pd.Series) -> str:
    """``10/2023–10/2024`` when every area's outlook starts in one month, else ``12 kk``."""
    first = origins.dropna().unique()
    if len(first) != 1:
        return ""
    start = pd.Timestamp(first[0]).date()
    end = (pd.Timestamp(start) + pd.DateOffset(months=HORIZON)).date()
    return f"{fmt.month_short(start)}–{fmt.month_short(end)}"


def _ranking_note(shown: pd.DataFrame, lang: str, missing: str) -> Note:
    """The ranking's provenance: the origin months' sources and status, the outlook's model and
    origin (the most common), the areas shown with another model or origin, those without."""
    note = Note.of(shown.sources.dropna(), shown.origin, shown.status.dropna())
    origin = shown.origin.mode().iloc[0]
    at_origin = shown[shown.origin == origin]
    gap = at_origin[at_origin.reason == "before_gap"]
    model = at_origin.model.mode().iloc[0]
    forecast = Forecast(
        "before_gap" if len(gap) else "latest",
        str(model),
        origin.date(),
        gap.last_data.max().date() if len(gap) else None,
        demo=bool((shown.status == "demo").any()),
    )
    note = note.with_forecast(forecast)
    naive = shown[shown.model != model]
    if len(naive):
        key = f"outlook.other_model.{naive.model.iloc[0]}"
        note = note.with_remark(t(key, lang, areas=", ".join(sorted(naive.name))))
    other = shown[shown.origin != origin]
    if len(other):
        items = [f"{r.name} {fmt.month_short(r.origin.date())}" for r in other.itertuples()]
        note = note.with_remark(t("outlook.other_origin", lang, areas=", ".join(sorted(items))))
    return note.with_remark(missing)


def outlook_ranking(ctx: Context, level: str = "", measure: str = "unemployed") -> View | None:
    """The areas of ``level`` (default: regions) ranked by the expected change of ``measure``
    (``unemployed``: per cent; ``unemployment_share``: percentage points) from the month each
    outlook was made to twelve months later, the 80 % interval as error bars, the chosen area
    (or the areas of the level related to it) highlighted, the country as the reference line.
    None without outlooks."""
    m = model(ctx, level)
    if not m.available or not m.levels or measure not in RANKED:
        return None
    lang = ctx.lang
    rows = m.changes[m.changes.measure == measure].dropna(subset=["change"])
    shown = rows[rows.area_code != "SSS"]
    if shown.empty:
        return None
    points = measure == "unemployment_share"
    span = _span(shown.origin)
    span_text = t("outlook.span", lang, span=span) if span else t("outlook.span_any", lang)
    title = t(
        f"outlook.ranking_title.{measure}",
        lang,
        span=span_text,
        level=t(f"outlook.levels.{m.level}", lang),
    )
    country = rows[rows.area_code == "SSS"]
    reference = float(country.change.iloc[0]) if len(country) else None
    note = _ranking_note(shown, lang, m.missing)
    axis = t(f"outlook.axis.{measure}", lang, span=span_text)
    table = shown[["name", "origin", "at_origin", "value", "lo80", "hi80", "change", "lo", "hi"]]
    fig = chart.change_figure(
        shown,
        title=title,
        lang=lang,
        note=note,
        x_title=axis,
        highlight=m.highlight,
        reference=reference,
        reference_label=(
            f"{_country(ctx)} {chart.change_text(reference, lang, points=points)}"
            if reference is not None
            else ""
        ),
        points=points,
    )
    takeaway = chart.ranking_sentence(
        shown,
        what=t(f"outlook.series.{measure}", lang),
        span=span_text,
        lang=lang,
        points=points,
        chosen=m.highlight,
    )
    labels = {c: t(f"outlook.col.{c}", lang) for c in table.columns}
    table = table.sort_values("change", ascending=False).rename(columns=labels)
    return View(title, takeaway, note, fig, table.reset_index(drop=True))


def outlook_trend(ctx: Context, measure: str = "unemployed") -> View | None:
    """The chosen area's monthly ``measure`` (unemployed jobseekers, open vacancies, the
    unemployment share, the long-term unemployed) continued by its outlook with the 80 %
    interval; the note says the model and the origin, or why there is none. Queries:
    ``area_trend``, ``forecast_area``."""
    if measure not in TRENDS:
        return None
    lang = ctx.lang
    data = _trend(ctx)
    mine = data[data.area_code == ctx.area].dropna(subset=[measure])
    if mine.empty:
        return None
    percent = measure == "unemployment_share"
    decimals = 1 if percent else 0
    what = t(f"outlook.series.{measure}", lang)
    line = _country(ctx) if ctx.area == "SSS" else ctx.area_name
    shown = mine.assign(series=line)[["series", "period", measure]]
    note = Note.of(mine.sources.dropna(), mine.period, mine.status, start=ctx.start, end=ctx.end)
    title = t("outlook.trend_title", lang, what=what, area=line)
    fig = charts.line_chart(
        shown,
        x="period",
        y=measure,
        series="series",
        title=title,
        lang=lang,
        note=note,
        y_percent=percent,
        highlight=line,
        decimals=decimals,
        y_title=t("common.percent" if percent else "common.persons", lang),
    )
    last = mine.iloc[-1]
    show = fmt.percent(last[measure], lang) if percent else fmt.number(last[measure], lang)
    takeaway = t(
        "outlook.trend_takeaway",
        lang,
        area=line,
        what=t(f"outlook.what_{measure}", lang),
        month=fmt.month_short(last.period.date()),
        value=show,
    )
    view = View(title, takeaway, note, fig, shown)
    found = outlook.series(ctx.area, measure)
    return outlook.continue_view(
        view,
        found.within(ctx.start, ctx.end) if found is not None else None,
        lang=lang,
        line=line,
        series_column="series",
        value_column=measure,
        what=line,
        sentence_what=t(f"outlook.what_{measure}", lang),
        area=line,
        percent=percent,
        decimals=decimals,
    )
