"""Panels of the projects databank (the storyline "alueen hankkeet"): projects by region, the
reach of 55+ in the area's projects, and their good practices. Each returns a View, or None when
the database has no projects (or none for the area).
Queries: ``projects_list``, ``projects_by_region``, ``project_reports``, ``project_area_age``,
``projects_practices``, ``project_files``. Tests: tests/test_storyline.py, tests/test_page_hankkeet.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from kohtaanto import charts, fmt
from kohtaanto.charts import projects as cp
from kohtaanto.db import DatabaseUnavailable, run_query
from kohtaanto.export import files as downloads
from kohtaanto.i18n import name_column, t
from kohtaanto.note import Note
from kohtaanto.panels.common import Context, Number, View, one_month, shared
from kohtaanto.projects import databank
from kohtaanto.projects import monitoring as m
from kohtaanto.projects import workbook as wb

# The projects that concern an area: in it or its parts, of an area containing it, national.
CONCERNING = ("in", "containing", "national")


def _projects(ctx: Context) -> pd.DataFrame | None:
    ref = pd.Timestamp(run_query("data_status").iloc[0].last_month).date()
    try:
        rows = run_query("projects_list", area=ctx.area, ref=ref)
    except DatabaseUnavailable:  # a database built before the projects tables existed
        return None
    return rows


def _files_note(ctx: Context, remark: str = "") -> Note:
    """The databank's files and the day the database was built from them."""
    files = run_query("project_files")
    built = pd.Timestamp(run_query("data_status").iloc[0].built_at).date()
    return Note.databank(files.file, built, "note.publisher_databank", remark)


def projects_by_region(ctx: Context) -> View | None:
    """Projects per region, the chosen area's region highlighted."""
    rows = _projects(ctx)
    data = run_query("projects_by_region") if rows is not None else pd.DataFrame()
    if rows is None or data.empty:
        return None
    lang = ctx.lang
    data["name"] = data[name_column(lang)]
    highlight = data.set_index("area_code")["name"].get(ctx.area)
    title = t("story.title_projects_by_region", lang, area=ctx.area_name)
    note = _files_note(ctx, t("hankkeet.ranking_remark", lang))
    fig = cp.projects_by_region(data, lang=lang, title=title, note=note, highlight=highlight)
    here = int((rows.relation == "in").sum())
    national = int((rows.relation == "national").sum())
    if ctx.area == "SSS":
        top = data.iloc[0]
        takeaway = t(
            "story.takeaway_projects_country",
            lang,
            region=top["name"],
            n=int(top.projects),
            national=national,
        )
    else:
        takeaway = t(
            "story.takeaway_projects_area", lang, area=ctx.area_name, n=here, national=national
        )
    table = data[["area_code", "name", "projects", "planned_eu_state_eur", "with_funding"]]
    table = table.rename(columns=lambda c: t(f"hankkeet.rcol_{c}", lang))
    return View(title, takeaway, note, fig, table)


def project_reach(ctx: Context) -> View | None:
    """The 55+ share of participants in the projects that concern the area, as bars."""
    rows = _projects(ctx)
    if rows is None:
        return None
    codes = set(rows.project_code[rows.relation.isin(CONCERNING)])
    reports = run_query("project_reports")
    reports = reports[reports.project_code.isin(codes)]
    reach = m.reach(reports)
    if reach.empty:
        return None
    lang = ctx.lang
    names = dict(zip(rows.project_code, rows[f"name_{lang}"], strict=True))
    reach["name"] = [f"{c} {names.get(c, '')}"[:50] for c in reach.project_code]
    reach["share"] = reach.share_55 * 100
    # A bar and a shown participant count would give a hidden 55+ count back, and the total's
    # share in the takeaway a single hidden one: the same rule as /seuranta (monitoring.suppress).
    hidden = {}
    for indicator in ("EECO01", "EECO08"):
        cells = {
            (c, indicator): v for c, v in zip(reach.project_code, reach[indicator], strict=True)
        }
        cells[("total", indicator)] = float(reach[indicator].sum())
        hidden |= m.suppress(cells, [(("total", indicator), [k for k in cells if k[0] != "total"])])
    status = {i: [hidden.get((c, i)) for c in reach.project_code] for i in ("EECO01", "EECO08")}
    drawn = [a is None and b is None for a, b in zip(*status.values(), strict=True)]
    if not any(drawn):
        return None
    last = max(pd.Timestamp(d).date() for d in reach.period_end)
    latest = t("seuranta.latest_period", lang, date=fmt.day(last, lang))
    note = Note.databank(reports.source, None, "note.publisher_reports", latest)
    title = t("story.title_project_reach", lang, area=ctx.area_name)
    fig = charts.bar_chart(
        reach[drawn],
        label="name",
        value="share",
        title=title,
        lang=lang,
        note=note,
        x_title=t("seuranta.col_share_55", lang),
        percent=True,
    )
    total = reach.EECO08.sum() / reach.EECO01.sum() * 100
    takeaway = t(
        "story.takeaway_project_reach",
        lang,
        area=ctx.area_name,
        n=len(reach),
        share=fmt.percent(total, lang, 0),
    )
    table = reach[["project_code", "period_end", "EECO01", "EECO08", "share"]].copy()
    for indicator in ("EECO01", "EECO08"):
        table[indicator] = [
            m.shown(v, s, lang) for v, s in zip(reach[indicator], status[indicator], strict=True)
        ]
    table["share"] = [v if ok else None for v, ok in zip(reach.share, drawn, strict=True)]
    return View(title, takeaway, note, fig, table)


def practices(ctx: Context) -> View | None:
    """The good practices of the projects that concern the area, as a table figure."""
    rows = _projects(ctx)
    if rows is None:
        return None
    codes = set(rows.project_code[rows.relation.isin(CONCERNING)])
    practices = run_query("projects_practices")
    practices = practices[practices.project_code.isin(codes)].head(8)
    if practices.empty:
        return None
    lang = ctx.lang
    titles = practices[f"title_{lang}"].fillna(practices.title_fi)
    headers = [t(f"hankkeet.pcol_{c}", lang) for c in ("title", "project", "adoption")]
    cells = [list(titles), list(practices.project_code), list(practices.adoption_fi.fillna("–"))]
    # Colours of its own: Streamlit's Plotly template holds placeholders (#000038) that only its
    # frontend replaces, and a PNG or slide drew the table as a dark block.
    line = {"color": "#D0D7DE"}
    fig = go.Figure(
        go.Table(
            header={
                "values": headers,
                "align": "left",
                "fill": {"color": "#E8EEF5"},
                "font": {"color": charts.INK},
                "line": line,
            },
            cells={
                "values": cells,
                "align": "left",
                "fill": {"color": "white"},
                "font": {"color": charts.INK},
                "line": line,
            },
        )
    )
    title = t("story.title_practices", lang, area=ctx.area_name)
    note = _files_note(ctx)
    charts.layout(fig, title=title, lang=lang, note=note)
    takeaway = t("story.takeaway_practices", lang, n=len(practices), area=ctx.area_name)
    table = pd.DataFrame(dict(zip(headers, cells, strict=True)))
    return View(title, takeaway, note, fig, table)


# ---------------------------------------------------------------------------------------------
# The page's model: what /hankkeet lays out (pages/hankkeet.py)


@dataclass(frozen=True)
class Databank:
    """The databank as /hankkeet shows it for the filters: the projects concerning the area
    (None: a database without the projects tables), every published result and practice, the
    month their status is judged at, and the themes and target groups offered as filters."""

    ref: dt.date
    rows: pd.DataFrame | None
    practices: pd.DataFrame
    themes: list[str]
    targets: list[str]


ALL = databank.ALL
STATUSES = list(databank.STATUSES)
PERIODS = list(wb.PERIODS)
clean_query = databank.clean_query


@shared
def model(f: Context) -> Databank:
    """The page's data, built once per filters and version of the data (the statistics file and
    the live databank: ``db.data_stamp``)."""
    ref = pd.Timestamp(run_query("data_status").iloc[0].last_month).date()
    try:
        rows = run_query("projects_list", area=f.area, ref=ref)
    except DatabaseUnavailable:  # a database built before the projects tables existed
        return Databank(ref, None, pd.DataFrame(), [], [])
    rows = rows.copy()
    for column in ("start_date", "end_date"):
        rows[column] = pd.to_datetime(rows[column]).dt.date
    present = databank.split(rows.target_groups)
    return Databank(
        ref=ref,
        rows=rows,
        practices=run_query("projects_practices"),
        themes=databank.split(rows.themes),
        targets=[g for g in wb.TARGET_GROUPS if g in present],
    )


def chosen(m: Databank, **picks: str) -> pd.DataFrame:
    """The projects the search and filters leave (``q``, ``theme``, ``target``, ``status``,
    ``period``)."""
    return databank.filter_projects(m.rows, **picks)


def groups(area: str) -> list[tuple[str, str]]:
    """The list's groups for the area: (relation, its heading's key)."""
    if area == "SSS":
        return [
            ("in", "hankkeet.group_regional"),
            ("national", "hankkeet.group_national"),
            ("unplaced", "hankkeet.group_unplaced"),
        ]
    return [
        ("in", "hankkeet.group_in"),
        ("containing", "hankkeet.group_containing"),
        ("national", "hankkeet.group_national"),
    ]


def download_table(
    chosen: pd.DataFrame, parts: list[pd.DataFrame], labels: list[str], lang: str
) -> pd.DataFrame:
    """The listed projects (``parts`` of ``chosen``, in the order shown) as a table to download,
    each with the group it is listed under (``labels``, one a row)."""
    listed = pd.concat(parts) if parts else chosen.iloc[0:0]
    table = databank.list_table(listed, lang)
    table.insert(0, t("hankkeet.col_relation", lang), labels)
    return table


def csv_bytes(table: pd.DataFrame, lang: str) -> bytes:
    return downloads.csv_bytes(table, lang)


def excel_bytes(table: pd.DataFrame, lang: str) -> bytes:
    return downloads.excel_bytes({t("nav.hankkeet", lang): table})


@dataclass(frozen=True)
class ProjectContext:
    """The labour market of a project's area over its own period: the area's name and months
    (empty when none), or why there are none (``missing``), and the notice when the statistics
    have no 50+ figures for it (``no_50``)."""

    area_name: str
    data: pd.DataFrame
    missing: str = ""
    no_50: str = ""
    around: str = ""  # the months shown lie around the project's period: which, and why


AROUND_YEARS = 2  # a project's period with too few months of data: these years before it too


@shared
def context_model(f: Context, project: str) -> ProjectContext:
    """The project card's labour-market context (queries ``projects_card``,
    ``area_month_context``)."""
    lang = f.lang
    card = run_query("projects_card", project=project)
    if card.empty:
        return ProjectContext("", pd.DataFrame(), t("hankkeet.no_context", lang))
    card = card.iloc[0]
    area = card.context_area
    if area is None or pd.isna(area) or pd.isna(card.start_date) or pd.isna(card.end_date):
        return ProjectContext("", pd.DataFrame(), t("hankkeet.no_context", lang))
    start = pd.Timestamp(card.start_date).date().replace(day=1)
    end = pd.Timestamp(card.end_date).date().replace(day=1)
    data = run_query("area_month_context", area=area, start=start, end=end)
    areas = run_query("area_list").set_index("area_code")
    area_name = str(areas.loc[area, name_column(lang)])
    around = ""
    if data.period.nunique() < 2:  # too few for a line: the years before the project too
        earlier = start.replace(year=start.year - AROUND_YEARS)
        wider = run_query("area_month_context", area=area, start=earlier, end=end)
        if wider.period.nunique() >= 2:
            inside = data.period.nunique()
            data = wider
            shown = Note.of((), pd.to_datetime(data.period))
            around = t(
                "hankkeet.context_around",
                lang,
                start=fmt.month_short(start),
                end=fmt.month_short(end),
                inside=inside,
                shown=shown.period_text(),
            )
    if data.empty:
        return ProjectContext(area_name, data, t("hankkeet.context_none", lang, area=area_name))
    data["period"] = pd.to_datetime(data.period)
    no_50 = ""
    if data.unemployed_50.isna().all():
        first, last = data.period.min().date(), data.period.max().date()
        no_50 = t(
            "hankkeet.no_50",
            lang,
            area=area_name,
            start=fmt.month_short(first),
            end=fmt.month_short(last),
        )
    return ProjectContext(area_name, data, no_50=no_50, around=around)


def project_context(ctx: Context, project: str = "") -> View | None:
    """Unemployed (50+ where there) and tightness of the project's area over its period, on
    the project card; one month is shown as numbers, not as a chart. None when the project has
    no area or dates or the statistics have no months of its period."""
    if not project:
        return None
    c = context_model(ctx, project)
    if c.data.empty:
        return None
    lang = ctx.lang
    data = c.data
    first, last = data.period.min().date(), data.period.max().date()
    note = Note.of(data.sources.dropna(), data.period, data.status.dropna(), start=first, end=last)
    title = t(
        "hankkeet.context_chart",
        lang,
        area=c.area_name,
        start=fmt.month_short(first),
        end=fmt.month_short(last),
    )
    shown = data[["period", "unemployed", "unemployed_50", "open_vacancies", "tightness"]]
    table = shown.assign(period=shown.period.dt.strftime("%Y-%m"))
    table = table.rename(columns=lambda col: t(f"hankkeet.ctx_{col}", lang))
    if one_month(data):
        row = data.iloc[0]
        month = fmt.month_short(first)
        takeaway = t(
            "hankkeet.context_one_month",
            lang,
            area=c.area_name,
            month=fmt.month_in(first, lang),
            unemployed=fmt.number(row.unemployed, lang),
            tightness=fmt.number(row.tightness, lang, 2),
        )
        numbers = tuple(
            Number(t(f"hankkeet.ctx_{col}", lang), show, month)
            for col, show in (
                ("unemployed", fmt.number(row.unemployed, lang)),
                ("unemployed_50", fmt.number(row.unemployed_50, lang)),
                ("open_vacancies", fmt.number(row.open_vacancies, lang)),
                ("tightness", fmt.number(row.tightness, lang, 2)),
            )
            if not pd.isna(row[col])
        )
        why = t("reason.one_month_project", lang, month=month)
        return View(title, takeaway, note, None, table, numbers, why)
    takeaway = t(
        "hankkeet.context_summary_around" if c.around else "hankkeet.context_summary",
        lang,
        period=note.period_text(),
        area=c.area_name,
        unemployed=fmt.number(data.unemployed.mean(), lang),
        tightness=fmt.number(data.tightness.mean(), lang, 2),
    )
    # Months missing inside (the mirror's 12r5 lacks 11/2023–5/2026) break the lines, not
    # bridge them: the chart gets a row per month, with markers so a lone month shows.
    months = pd.date_range(first, last, freq="MS")
    drawn = data.set_index("period").reindex(months).rename_axis("period").reset_index()
    fig = cp.context(drawn, lang=lang, title=title, note=note, markers=bool(note.missing))
    return View(title, takeaway, note, fig, table)
