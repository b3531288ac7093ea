"""Seuranta: monitoring of the theme's sub-projects: ESF+ indicators against targets, progress
against time elapsed, participants per area, results as shares of leavers, late reports,
funding, and reach of 55+ beside the unemployed of the project's area. Counts under five, and
the counts they could be worked out from, are hidden (monitoring.suppress)."""

import datetime as dt

import pandas as pd
import streamlit as st

from kohtaanto import fmt, ui
from kohtaanto.charts import projects as cp
from kohtaanto.db import DatabaseUnavailable, run_query
from kohtaanto.i18n import t
from kohtaanto.note import Note
from kohtaanto.projects import databank
from kohtaanto.projects import monitoring as m
from kohtaanto.projects import monitoring_view as view

f = ui.filters()
lang = f.lang
st.title(t("seuranta.title", lang, area=f.area_name))
st.caption(t("seuranta.lead", lang))

status = run_query("data_status").iloc[0]
ref = pd.Timestamp(status.last_month).date()
try:
    listed = run_query("projects_list", area=f.area, ref=ref)
    reports = run_query("project_reports")
except DatabaseUnavailable:
    st.info(t("hankkeet.no_tables", lang), icon=":material/info:")
    st.stop()
for column in ("start_date", "end_date"):
    listed[column] = pd.to_datetime(listed[column]).dt.date
reports["period_end"] = pd.to_datetime(reports.period_end).dt.date

# The theme's sub-projects and any project that reports, in the chosen area or its parts (the
# whole theme for the country).
monitored = listed[listed.in_theme | listed.project_code.isin(reports.project_code)]
if f.area != "SSS":
    monitored = monitored[monitored.relation == "in"]
if monitored.empty:
    # Nothing to monitor here: one sentence, not a row of empty sections that contradict it.
    st.info(t("seuranta.no_projects", lang, area=f.area_name), icon=":material/info:")
    params = {"area": f.area} | ({"lang": lang} if lang != "fi" else {})
    st.page_link(
        "pages/hankkeet.py",
        label=t("seuranta.to_projects", lang, area=f.area_name),
        icon=":material/folder_special:",
        query_params=params,
    )
    st.stop()
names = dict(zip(monitored.project_code, monitored[f"name_{lang}"], strict=True))
code = ui.page_choice(
    "project",
    t("seuranta.project", lang),
    ["", *names],
    "",
    lambda c: f"{c} · {names[c]}" if c else t("seuranta.all_projects", lang),
)
if code:
    monitored = monitored[monitored.project_code == code]
reports = reports[reports.project_code.isin(monitored.project_code)]
st.caption(
    t(
        "seuranta.scope",
        lang,
        n=len(monitored),
        reporting=reports.project_code.nunique(),
        area=f.area_name,
    )
)
if reports.empty:
    st.info(t("seuranta.no_reports", lang), icon=":material/info:")

# Every count hidden by one decision: the totals per area and the projects' latest counts.
children = run_query("project_child_areas", area=f.area) if not code else pd.DataFrame()
national = monitored.project_code[monitored.relation == "national"]
rows = m.table_rows(children, list(monitored.project_code), national)
totals, hidden = view.hidden_counts(reports, rows)


def links(codes: pd.Series) -> list[str]:
    return view.links(list(codes), monitored, lang, f.area)


def columns(key: str) -> dict:
    """A table's widths (view.WIDTHS; a header cut short has its text as tooltip), and the
    project column's links: the code is shown, its official page or card opens."""
    config: dict = {
        t(f"seuranta.col_{c}", lang): st.column_config.Column(
            width=w, help=t(f"seuranta.col_{c}", lang)
        )
        for c, w in view.WIDTHS.get(key, {}).items()
    }
    config[t("seuranta.col_project_code", lang)] = st.column_config.LinkColumn(
        width=view.WIDTHS.get(key, {}).get("project_code"),
        display_text=databank.CODE_IN_LINK,
        help=t("seuranta.code_link_help", lang),
    )
    return config


def table(frame: pd.DataFrame, key: str, row_height: int | None = None) -> None:
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        key=key,
        column_config=columns(key),
        placeholder="–",
        row_height=row_height,
    )


def source_note(rows: pd.DataFrame) -> Note:
    """Which files and which reporting dates the figures come from."""
    last = max(rows.period_end) if len(rows) else None
    latest = t("seuranta.latest_period", lang, date=fmt.day(last, lang)) if last else ""
    return Note.databank(rows.source.dropna(), None, "note.publisher_reports", latest)


if not reports.empty:
    st.subheader(t("seuranta.progress_title", lang))
    indicator = ui.page_choice(
        "indicator",
        t("seuranta.indicator", lang),
        ["EECO01", "EECO08"],
        "EECO01",
        lambda c: t(f"seuranta.ind_{c}", lang),
        horizontal=True,
    )
    progress = m.progress(monitored, reports, indicator)
    if progress.empty:
        st.info(t("seuranta.no_indicator", lang), icon=":material/info:")
    else:
        progress["label"] = [f"{c} {names.get(c, '')}"[:60] for c in progress.project_code]
        drawn = progress[view.drawable(progress, hidden, indicator)]
        note = source_note(progress)
        fig = cp.progress_bars(
            drawn.dropna(subset=["progress", "elapsed"]),
            lang=lang,
            note=note,
            title=t(
                "seuranta.progress_chart", lang, indicator=t(f"seuranta.ind_{indicator}", lang)
            ),
        )
        shown = view.progress_table(progress, hidden, indicator, lang)
        ui.show_chart(fig, shown, f"progress_{indicator}", lang, note)
        st.caption(t("seuranta.verdict_rule", lang) + " " + t("seuranta.small_rule", lang))

    if not code:
        st.subheader(t("seuranta.totals_title", lang, area=f.area_name))
        area_names = dict(zip(children.area_code, children[f"name_{lang}"], strict=True))
        st.table(
            view.totals_table(totals, hidden, area_names, f.area_name, lang),
            hide_index=True,
        )
        st.caption(t("seuranta.totals_rule", lang) + " " + t("seuranta.small_rule", lang))

    st.subheader(t("seuranta.periods_title", lang))
    table(view.periods_table(reports, hidden, links, lang), "periods")

    st.subheader(t("seuranta.results_title", lang))
    results = m.result_shares(monitored, reports)
    if results.empty:
        st.info(t("seuranta.no_results", lang), icon=":material/info:")
    else:
        # Two lines of text: Streamlit wraps a cell only in rows taller than 64 px.
        table(view.results_table(results, hidden, links, lang), "results", row_height=66)
        st.caption(t("seuranta.results_rule", lang) + " " + source_note(reports).plain(lang))

st.subheader(t("seuranta.stale_title", lang))
today = dt.date.today()
late = m.stale(monitored, reports, today)
ongoing = m.ongoing(monitored, today)
if late.empty:
    key = "seuranta.stale_none" if ongoing else "seuranta.stale_none_ongoing"
    st.caption(t(key, lang, n=len(monitored), ongoing=ongoing, date=fmt.day(today, lang)))
else:
    table(view.stale_table(late, names, links, lang), "stale")
    st.caption(t("seuranta.stale_rule", lang, date=fmt.day(today, lang)))

st.subheader(t("seuranta.funding_title", lang))
money = m.funding(monitored)
if money.empty:
    st.caption(t("seuranta.no_funding", lang, n=len(monitored)))
else:
    sources = dict(zip(monitored.project_code, monitored.source, strict=True))
    table(view.funding_table(money, sources, links, lang), "funding")

st.subheader(t("seuranta.reach_title", lang))
reach = m.reach(reports)
if reach.empty:
    st.caption(t("seuranta.no_reach", lang))
else:
    area = m.area_share(run_query("project_area_age"))
    both = reach.merge(area, on="project_code", how="left")
    table(view.reach_table(both, hidden, links, lang), "reach")
    if (both.age_group == "50-").any():
        st.info(t("seuranta.age_breaks_differ", lang), icon=":material/info:")
    if both.age_group.isna().any():
        st.info(t("seuranta.no_area_age", lang), icon=":material/info:")
    st.caption(source_note(reports).plain(lang) + " · " + t("seuranta.reach_source", lang))
