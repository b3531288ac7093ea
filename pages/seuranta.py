"""Seuranta: monitoring of the theme's sub-projects: ESF+ indicators against targets, progress
against time elapsed, participants per area, results as shares of leavers, late reports,
funding, and reach of 55+ beside the unemployed of the project's area. Counts under five, and
the counts they could be worked out from, are hidden (monitoring.suppress). The page lays out
``panels.seuranta.model``; its chart is the registered panel ``monitoring_progress``."""

import datetime as dt

import pandas as pd
import streamlit as st

from kohtaanto import fmt, ui
from kohtaanto.i18n import t
from kohtaanto.panels import seuranta

f = ui.filters()
lang = f.lang
st.title(t("seuranta.title", lang, area=f.area_name))
st.caption(t("seuranta.lead", lang))

a = seuranta.area(f)
if not a.available:
    st.info(t("hankkeet.no_tables", lang), icon=":material/info:")
    st.stop()
if a.monitored.empty:
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
names = a.names
code = ui.page_choice(
    "project",
    t("seuranta.project", lang),
    ["", *names],
    "",
    lambda c: f"{c} · {names[c]}" if c else t("seuranta.all_projects", lang),
)
today = dt.date.today()
s = seuranta.model(f, code, today)
st.caption(
    t(
        "seuranta.scope",
        lang,
        n=len(s.monitored),
        reporting=s.reports.project_code.nunique(),
        area=f.area_name,
    )
)
if s.reports.empty:
    st.info(t("seuranta.no_reports", lang), icon=":material/info:")


def columns(key: str) -> dict:
    """A table's widths (a header cut short has its text as tooltip), and the project column's
    links: the code is shown, its official page or card opens."""
    widths = seuranta.WIDTHS.get(key, {})
    config: dict = {
        t(f"seuranta.col_{c}", lang): st.column_config.Column(
            width=w, help=t(f"seuranta.col_{c}", lang)
        )
        for c, w in widths.items()
    }
    config[t("seuranta.col_project_code", lang)] = st.column_config.LinkColumn(
        width=widths.get("project_code"),
        display_text=seuranta.CODE_IN_LINK,
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


if not s.reports.empty:
    st.subheader(t("seuranta.progress_title", lang))
    indicator = ui.page_choice(
        "indicator",
        t("seuranta.indicator", lang),
        list(seuranta.INDICATORS),
        "EECO01",
        lambda c: t(f"seuranta.ind_{c}", lang),
        horizontal=True,
    )
    shown = ui.show_panel(
        "monitoring_progress",
        f,
        key=f"progress_{indicator}",
        empty_text=t("seuranta.no_indicator", lang),
        indicator=indicator,
        project=code,
    )
    if shown is not None:
        st.caption(t("seuranta.verdict_rule", lang) + " " + t("seuranta.small_rule", lang))

    if s.totals_table is not None:
        st.subheader(t("seuranta.totals_title", lang, area=f.area_name))
        st.table(s.totals_table, hide_index=True)
        st.caption(t("seuranta.totals_rule", lang) + " " + t("seuranta.small_rule", lang))

    st.subheader(t("seuranta.periods_title", lang))
    table(s.periods, "periods")

    st.subheader(t("seuranta.results_title", lang))
    if s.results is None:
        st.info(t("seuranta.no_results", lang), icon=":material/info:")
    else:
        # Two lines of text: Streamlit wraps a cell only in rows taller than 64 px.
        table(s.results, "results", row_height=66)
        st.caption(t("seuranta.results_rule", lang) + " " + s.source_line)

st.subheader(t("seuranta.stale_title", lang))
if s.stale is None:
    key = "seuranta.stale_none" if s.ongoing else "seuranta.stale_none_ongoing"
    st.caption(t(key, lang, n=len(s.monitored), ongoing=s.ongoing, date=fmt.day(today, lang)))
else:
    table(s.stale, "stale")
    st.caption(t("seuranta.stale_rule", lang, date=fmt.day(today, lang)))

st.subheader(t("seuranta.funding_title", lang))
if s.funding is None:
    st.caption(t("seuranta.no_funding", lang, n=len(s.monitored)))
else:
    table(s.funding, "funding")

st.subheader(t("seuranta.reach_title", lang))
if s.reach is None:
    st.caption(t("seuranta.no_reach", lang))
else:
    table(s.reach, "reach")
    if s.reach_age_differs:
        st.info(t("seuranta.age_breaks_differ", lang), icon=":material/info:")
    if s.reach_area_missing:
        st.info(t("seuranta.no_area_age", lang), icon=":material/info:")
    st.caption(s.source_line + " · " + t("seuranta.reach_source", lang))
