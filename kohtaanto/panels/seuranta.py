"""Seuranta's model and its chart: the monitored sub-projects of an area, their reports with the
small counts hidden by one decision (``monitoring_view.hidden_counts``), the page's tables, and
the registered panel ``monitoring_progress`` (progress against target beside the time elapsed),
which the page and the presentation draw alike.

Queries: ``data_status``, ``projects_list``, ``project_reports``, ``project_child_areas``,
``project_area_age``. Tests: tests/app/test_page_seuranta.py, tests/app/test_seuranta_totals.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from kohtaanto import fmt
from kohtaanto.charts import projects as cp
from kohtaanto.db import DatabaseUnavailable, run_query
from kohtaanto.i18n import t
from kohtaanto.note import Note
from kohtaanto.panels.common import Context, View, shared
from kohtaanto.projects import databank
from kohtaanto.projects import monitoring as m
from kohtaanto.projects import monitoring_view as mv

INDICATORS = mv.INDICATORS
WIDTHS = mv.WIDTHS  # the wide tables' column widths (px)
CODE_IN_LINK = databank.CODE_IN_LINK  # a project link's shown text: its code


@dataclass(frozen=True)
class Area:
    """The projects monitored in an area: the theme's sub-projects and any project that
    reports, in the area or its parts (the whole theme for the country). ``available`` is
    False for a database without the projects tables."""

    available: bool
    monitored: pd.DataFrame
    reports: pd.DataFrame
    names: dict[str, str]


@shared
def area(f: Context) -> Area:
    """Seuranta's projects for the filters' area (the project picker's choices)."""
    ref = pd.Timestamp(run_query("data_status").iloc[0].last_month).date()
    try:
        listed = run_query("projects_list", area=f.area, ref=ref)
        reports = run_query("project_reports")
    except DatabaseUnavailable:
        empty = pd.DataFrame()
        return Area(False, empty, empty, {})
    for column in ("start_date", "end_date"):
        listed[column] = pd.to_datetime(listed[column]).dt.date
    reports["period_end"] = pd.to_datetime(reports.period_end).dt.date
    monitored = listed[listed.in_theme | listed.project_code.isin(reports.project_code)]
    if f.area != "SSS":
        monitored = monitored[monitored.relation == "in"]
    names = dict(zip(monitored.project_code, monitored[f"name_{f.lang}"], strict=True))
    return Area(True, monitored, reports, names)


@dataclass(frozen=True)
class Model:
    """What Seuranta shows for an area and a project ("" for all): the monitored projects and
    their reports, the totals per area and what is hidden, and each section's table (None when
    the section has nothing to show)."""

    monitored: pd.DataFrame
    reports: pd.DataFrame
    names: dict[str, str]
    children: pd.DataFrame
    totals: pd.DataFrame
    hidden: mv.Hidden
    totals_table: pd.DataFrame | None
    periods: pd.DataFrame | None
    results: pd.DataFrame | None
    stale: pd.DataFrame | None
    ongoing: int
    funding: pd.DataFrame | None
    reach: pd.DataFrame | None
    reach_age_differs: bool
    reach_area_missing: bool
    source_line: str  # the reports' source note as one line of text


@shared
def model(f: Context, project: str = "", today: dt.date | None = None) -> Model:
    """Seuranta for the filters, a project ("" for all) and the day that decides what is late."""
    lang = f.lang
    a = area(f)
    monitored = a.monitored
    if project:
        monitored = monitored[monitored.project_code == project]
    reports = a.reports[a.reports.project_code.isin(monitored.project_code)]
    children = run_query("project_child_areas", area=f.area) if not project else pd.DataFrame()
    national = monitored.project_code[monitored.relation == "national"]
    rows = m.table_rows(children, list(monitored.project_code), national)
    totals, hidden = mv.hidden_counts(reports, rows)

    def links(codes: pd.Series) -> list[str]:
        return mv.links(list(codes), monitored, lang, f.area)

    totals_table = periods = results = reach = None
    age_differs = area_missing = False
    if not reports.empty:
        if not project:
            area_names = dict(zip(children.area_code, children[f"name_{lang}"], strict=True))
            totals_table = mv.totals_table(totals, hidden, area_names, f.area_name, lang)
        periods = mv.periods_table(reports, hidden, links, lang)
        shares = m.result_shares(monitored, reports)
        if not shares.empty:
            results = mv.results_table(shares, hidden, links, lang)
        reached = m.reach(reports)
        if not reached.empty:
            both = reached.merge(
                m.area_share(run_query("project_area_age")), on="project_code", how="left"
            )
            reach = mv.reach_table(both, hidden, links, lang)
            age_differs = bool((both.age_group == "50-").any())
            area_missing = bool(both.age_group.isna().any())
    today = today or dt.date.today()
    late = m.stale(monitored, reports, today)
    stale = None if late.empty else mv.stale_table(late, a.names, links, lang)
    money = m.funding(monitored)
    funding = None
    if not money.empty:
        sources = dict(zip(monitored.project_code, monitored.source, strict=True))
        funding = mv.funding_table(money, sources, links, lang)
    return Model(
        monitored,
        reports,
        a.names,
        children,
        totals,
        hidden,
        totals_table,
        periods,
        results,
        stale,
        m.ongoing(monitored, today),
        funding,
        reach,
        age_differs,
        area_missing,
        source_note(reports, lang).plain(lang),
    )


def source_note(rows: pd.DataFrame, lang: str) -> Note:
    """Which files and which reporting dates the figures come from."""
    last = max(rows.period_end) if len(rows) else None
    latest = t("seuranta.latest_period", lang, date=fmt.day(last, lang)) if last else ""
    return Note.databank(rows.source.dropna(), None, "note.publisher_reports", latest)


def monitoring_progress(ctx: Context, indicator: str = "EECO01", project: str = "") -> View | None:
    """Each monitored project's progress against its target beside the share of its time
    elapsed (``indicator``: EECO01 participants, EECO08 participants aged 55+); a hidden count
    is neither a bar nor a percent. None without reports or without the indicator."""
    lang = ctx.lang
    if indicator not in INDICATORS:
        return None
    s = model(ctx, project, dt.date.today())  # the page's model, shared
    if s.reports.empty:
        return None
    progress = m.progress(s.monitored, s.reports, indicator)
    if progress.empty:
        return None
    progress["label"] = [f"{c} {s.names.get(c, '')}"[:60] for c in progress.project_code]
    drawn = progress[mv.drawable(progress, s.hidden, indicator)]
    note = source_note(progress, lang)
    name = t(f"seuranta.ind_{indicator}", lang)
    title = t("seuranta.progress_chart", lang, indicator=name)
    shown = drawn.dropna(subset=["progress", "elapsed"])
    fig = cp.progress_bars(shown, lang=lang, note=note, title=title)
    table = mv.progress_table(progress, s.hidden, indicator, lang)
    behind = sum(
        m.verdict(p, e) == "behind" for p, e in zip(shown.progress, shown.elapsed, strict=True)
    )
    takeaway = t(
        "seuranta.takeaway_progress",
        lang,
        area=ctx.area_name,
        n=len(shown),
        behind=behind,
        indicator=name,
    )
    return View(title, takeaway, note, fig, table)
