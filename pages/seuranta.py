"""Seuranta: monitoring of the theme's sub-projects: ESF+ indicators against targets, progress
against time elapsed, results as shares of leavers, late reports, funding, and reach of 55+
beside the unemployed of the project's area."""

import datetime as dt

import pandas as pd
import streamlit as st

from kohtaanto import fmt, ui
from kohtaanto.charts import projects as cp
from kohtaanto.db import DatabaseUnavailable, run_query
from kohtaanto.i18n import t
from kohtaanto.note import Note
from kohtaanto.projects import monitoring as m

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


def label(codes: pd.Series) -> list[str]:
    return [f"{c} {names.get(c, '')}"[:60] for c in codes]


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
    rows = m.progress(monitored, reports, indicator)
    if rows.empty:
        st.info(t("seuranta.no_indicator", lang), icon=":material/info:")
    else:
        rows["label"] = label(rows.project_code)
        with_target = rows.dropna(subset=["progress", "elapsed"])
        note = source_note(rows)
        fig = cp.progress_bars(
            with_target,
            lang=lang,
            note=note,
            title=t(
                "seuranta.progress_chart", lang, indicator=t(f"seuranta.ind_{indicator}", lang)
            ),
        )
        table = m.mask_counts(rows, ["target", "achieved"], lang)
        table["progress"] = [
            fmt.percent(v * 100, lang, 0) if v == v and v is not None else "–"
            for v in rows.progress
        ]
        table["elapsed"] = [
            fmt.percent(v * 100, lang, 0) if v == v and v is not None else "–" for v in rows.elapsed
        ]
        table["verdict"] = [t(f"seuranta.verdict_{v}", lang) for v in rows.verdict]
        table = table[
            [
                "project_code",
                "period_end",
                "target",
                "achieved",
                "progress",
                "elapsed",
                "verdict",
                "source",
            ]
        ]
        ui.show_chart(
            fig,
            table.rename(columns=lambda c: t(f"seuranta.col_{c}", lang)),
            f"progress_{indicator}",
            lang,
            note,
        )
        st.caption(t("seuranta.verdict_rule", lang))

    st.subheader(t("seuranta.periods_title", lang))
    wide = reports[(reports.sex == "SSS") & reports.indicator.isin(["EECO01", "EECO08"])]
    wide = wide.pivot_table(
        index=["project_code", "period_end", "source"],
        columns="indicator",
        values=["target", "achieved"],
    ).reset_index()
    wide.columns = ["_".join(c).strip("_") for c in wide.columns]
    counts = [c for c in wide.columns if c.startswith(("target_", "achieved_"))]
    shown = m.mask_counts(wide, counts, lang)
    st.dataframe(
        shown.rename(columns=lambda c: t(f"seuranta.col_{c}", lang)),
        hide_index=True,
        width="stretch",
        key="periods",
    )

    st.subheader(t("seuranta.results_title", lang))
    results = m.result_shares(monitored, reports)
    if results.empty:
        st.info(t("seuranta.no_results", lang), icon=":material/info:")
    else:
        out = m.mask_counts(results, ["leavers", "employed_on_leaving", "employed_after_6m"], lang)
        for column in ("share_on_leaving", "share_after_6m"):
            out[column] = [
                fmt.percent(v * 100, lang, 0) if v is not None and v == v else "–"
                for v in results[column]
            ]
        out["reason"] = [
            t(f"seuranta.reason_{r}", lang) if isinstance(r, str) else "" for r in results.reason
        ]
        st.dataframe(
            out.rename(columns=lambda c: t(f"seuranta.col_{c}", lang)),
            hide_index=True,
            width="stretch",
            key="results",
        )
        st.caption(
            t("seuranta.results_rule", lang) + " " + source_note(reports).plain(lang)
        )

st.subheader(t("seuranta.stale_title", lang))
today = dt.date.today()
late = m.stale(monitored, reports, today)
if late.empty:
    st.caption(t("seuranta.stale_none", lang, date=fmt.day(today, lang)))
else:
    late["name"] = [names.get(c, "") for c in late.project_code]
    late["months"] = [
        t("seuranta.never", lang) if pd.isna(v) else fmt.number(v, lang) for v in late.months
    ]
    st.dataframe(
        late[["project_code", "name", "last_report", "months"]].rename(
            columns=lambda c: t(f"seuranta.col_{c}", lang)
        ),
        hide_index=True,
        width="stretch",
        key="stale",
    )
    st.caption(t("seuranta.stale_rule", lang, date=fmt.day(today, lang)))

st.subheader(t("seuranta.funding_title", lang))
money = m.funding(monitored)
if money.empty:
    st.caption(t("seuranta.no_funding", lang))
else:
    out = money.assign(
        planned_eu_state_eur=[fmt.number(v, lang) for v in money.planned_eu_state_eur],
        realised_eu_state_eur=[fmt.number(v, lang) for v in money.realised_eu_state_eur],
        realised_share=[fmt.percent(v * 100, lang, 0) for v in money.realised_share],
        source=[
            t(f"hankkeet.source_{s}", lang)
            for s in monitored.set_index("project_code").loc[money.project_code, "source"]
        ],
    )
    st.dataframe(
        out.rename(columns=lambda c: t(f"seuranta.col_{c}", lang)),
        hide_index=True,
        width="stretch",
        key="funding",
    )

st.subheader(t("seuranta.reach_title", lang))
reach = m.reach(reports)
if reach.empty:
    st.caption(t("seuranta.no_reach", lang))
else:
    area = m.area_share(run_query("project_area_age"))
    both = reach.merge(area, on="project_code", how="left")
    rows = []
    for r in both.itertuples(index=False):
        known = isinstance(r.age_group, str)
        rows.append(
            {
                "project_code": r.project_code,
                "period_end": r.period_end,
                "participants": m.masked(r.EECO01, lang),
                "participants_55": m.masked(r.EECO08, lang),
                "share_55": fmt.percent(r.share_55 * 100, lang, 0),
                "area_share": fmt.percent(r.share * 100, lang, 0) if known else "–",
                "area_age": t(f"seuranta.age_{r.age_group}", lang) if known else "–",
                "area_months": (
                    f"{fmt.month_short(pd.Timestamp(r.first).date())}–{fmt.month_short(pd.Timestamp(r.last).date())}"
                    if known
                    else "–"
                ),
                "area_source": r.sources if known else "",
            }
        )
    table = pd.DataFrame(rows)
    st.dataframe(
        table.rename(columns=lambda c: t(f"seuranta.col_{c}", lang)),
        hide_index=True,
        width="stretch",
        key="reach",
    )
    if (both.age_group == "50-").any():
        st.info(t("seuranta.age_breaks_differ", lang), icon=":material/info:")
    if both.age_group.isna().any():
        st.info(t("seuranta.no_area_age", lang), icon=":material/info:")
    st.caption(
        source_note(reports).plain(lang) + " · " + t("seuranta.reach_source", lang)
    )
