"""Aineisto: the sources with licence and coverage, the definitions of every indicator, the
database schema for analysts, and downloads (CSV, Excel, Parquet) of the data behind the
current view, with their provenance in every file."""

import datetime as dt

import pandas as pd
import streamlit as st

from kohtaanto import fmt, ui
from kohtaanto.db import DatabaseUnavailable, run_query
from kohtaanto.export import files as downloads
from kohtaanto.i18n import catalogue, name_column, t
from kohtaanto.pipeline import release

f = ui.filters()
lang = f.lang
name = name_column(lang)


def when(value, frequency: str) -> str:
    """A period as its source counts it: ``2025`` (a year), ``2023 Q3`` (a quarter), ``10/2023``."""
    day = pd.Timestamp(value).date()
    if frequency == "year":
        return str(day.year)
    if frequency == "quarter":
        return t("aineisto.quarter", lang, year=day.year, quarter=(day.month - 1) // 3 + 1)
    return fmt.month_short(day)


def span(first, last, frequency: object = "month") -> str:
    """``1/2006–10/2023``, ``2009–2025`` or ``2012 Q1–2023 Q3`` by the frequency (months where a
    source mixes frequencies); ``–`` without dates."""
    if pd.isna(first) or pd.isna(last):
        return "–"
    frequency = frequency if frequency in ("year", "quarter") else "month"
    first, last = when(first, frequency), when(last, frequency)
    return first if first == last else f"{first}–{last}"


def spans(frame: pd.DataFrame) -> list[str]:
    return [
        span(a, b, f)
        for a, b, f in zip(frame.first_period, frame.last_period, frame.frequencies, strict=True)
    ]


def publisher(value: object) -> str:
    """A known publisher in the chosen language (the locale's English text is the database
    value); any other as it is. Downloads keep the database value."""
    for key, texts in catalogue().items():
        if key.startswith("aineisto.publisher.") and texts.get("en") == value:
            return t(key, lang)
    return "" if pd.isna(value) else str(value)


def text(key: str, default: str = "") -> str:
    """A locale text that may be missing (a table or unit added later): ``default`` then."""
    return t(key, lang) if key in catalogue() else default


def code(values: pd.Series) -> list[str]:
    """Codes in a Markdown table cell, in monospace."""
    return [f"`{v}`" if isinstance(v, str) and v else "" for v in values]


def show(frame: pd.DataFrame, columns: list[str]) -> None:
    """A static table (text wraps, Markdown works) of ``columns`` headed by
    ``aineisto.col_<column>``."""
    headers = {c: t(f"aineisto.col_{c}", lang) for c in columns}
    st.table(frame[columns].rename(columns=headers), hide_index=True)


def show_freshness(sources: pd.DataFrame) -> None:
    """When the data were last fetched and when the next month's figures are expected."""
    monthly = sources.last_period[sources.frequencies.fillna("").str.contains("month")]
    status = release.refresh_status(sources.retrieved_at, monthly, dt.date.today())
    if status.retrieved is not None and status.latest_month is not None:
        when_ = fmt.day(status.retrieved.date(), lang)
        st.caption(
            t(
                "aineisto.refreshed",
                lang,
                retrieved=when_,
                month=fmt.month_short(status.latest_month),
            )
        )
    if status.next is not None:
        key = "aineisto.release_overdue" if status.next.overdue else "aineisto.next_release"
        days = {
            "earliest": fmt.day(status.next.earliest, lang),
            "latest": fmt.day(status.next.latest, lang),
        }
        st.caption(t(key, lang, month=fmt.month_short(status.next.month), **days))


def show_project_sources() -> None:
    """The projects databank's files, and where an official export overrode the workbook."""
    try:
        files = run_query("project_files")
        differences = run_query("project_differences")
    except DatabaseUnavailable:  # a database built before the projects tables existed
        return
    st.subheader(t("projects_doc.files_header", lang))
    if files.empty:
        st.caption(t("projects_doc.no_files", lang))
        return
    files = files.assign(kind=[t(f"hankkeet.source_{k}", lang) for k in files.kind])
    files = files.fillna("")
    st.table(files.rename(columns=lambda c: t(f"projects_doc.col_{c}", lang)), hide_index=True)
    st.markdown(f"**{t('projects_doc.differences_header', lang)}**")
    if differences.empty:
        st.caption(t("projects_doc.no_differences", lang))
    else:
        shown = differences.rename(columns=lambda c: t(f"projects_doc.col_{c}", lang))
        st.table(shown, hide_index=True)


st.title(t("aineisto.title", lang))
st.caption(t("aineisto.lead", lang))
build = run_query("aineisto_build").iloc[0]
sources = run_query("aineisto_sources")
tabs = st.tabs(
    [t(f"aineisto.tab_{k}", lang) for k in ("sources", "definitions", "schema", "downloads")]
)

with tabs[0]:
    if build.demo:
        st.warning(t("aineisto.demo_statement", lang), icon=":material/science:")
        st.caption(
            t("aineisto.attribution_real", lang, attribution=t("aineisto.attribution", lang))
        )
    else:
        st.markdown(
            f"**{t('aineisto.attribution', lang)}**", help=t("aineisto.attribution_help", lang)
        )
    st.subheader(t("aineisto.sources_header", lang))
    link = t("aineisto.open_link", lang)
    shown = sources.assign(
        source_table=code(sources.source_table),
        coverage=spans(sources),
        publisher=[publisher(p) for p in sources.publisher],
        url=[f"[{link}]({u})" if isinstance(u, str) and u else "" for u in sources.url],
        retrieved=[
            fmt.day(pd.Timestamp(d).date(), lang) if pd.notna(d) else "–"
            for d in sources.retrieved_at
        ],
    )
    show(shown, ["source_table", "title", "publisher", "licence", "coverage", "retrieved", "url"])
    built = f"{pd.Timestamp(build.built_at):%Y-%m-%d %H:%M} UTC" if build.built_at else "–"
    st.caption(t("aineisto.built", lang, built=built))
    if not build.demo:
        show_freshness(sources)
    outside = run_query("areas_unallocated")
    if not outside.empty:
        st.subheader(t("aineisto.unallocated_header", lang))
        st.caption(t("aineisto.unallocated_caption", lang))
        outside = outside.assign(
            area=code(outside.area_code),
            area_name=outside[name],
            held=outside[f"measures_{lang}"].fillna("–"),
            coverage=[
                span(a, b) for a, b in zip(outside.first_period, outside.last_period, strict=True)
            ],
        )
        show(outside, ["area", "area_name", "held", "coverage"])
    show_project_sources()

with tabs[1]:
    st.subheader(t("aineisto.measures_header", lang))
    measures = run_query("aineisto_measures")
    measures = measures.assign(
        name=measures[name],
        measure=code(measures.measure),
        coverage=spans(measures),
        unit=[text(f"aineisto.unit.{u}", u) for u in measures.unit],
        kind=[t(f"aineisto.kind_{'derived' if d else 'stored'}", lang) for d in measures.derived],
        description=measures[f"description_{lang}"].fillna(""),
        frequency=[
            ", ".join(text(f"aineisto.frequency.{x}", x) for x in v.split(", "))
            if isinstance(v, str)
            else ""
            for v in measures.frequencies
        ],
    )
    show(
        measures,
        ["name", "measure", "unit", "kind", "description", "found_in", "frequency", "coverage"],
    )
    st.caption(t("aineisto.measures_caption", lang))
    st.subheader(t("aineisto.status_header", lang))
    statuses = pd.DataFrame({"status": ["observed", "aggregated", "estimated", "demo"]})
    statuses["shown_as"] = [t(f"status.{s}", lang) for s in statuses.status]
    statuses["meaning"] = [t(f"aineisto.status_text.{s}", lang) for s in statuses.status]
    show(statuses.assign(status=code(statuses.status)), ["status", "shown_as", "meaning"])
    st.caption(t("aineisto.status_caption", lang))
    st.subheader(t("aineisto.ages_header", lang))
    st.caption(t("aineisto.ages_caption", lang))
    ages = run_query("aineisto_age_breaks")
    if ages.empty:
        st.info(t("aineisto.ages_none", lang), icon=":material/info:")
    else:
        ages = ages.assign(
            source_table=code(ages.source_table),
            measure=code(ages.measure),
            coverage=spans(ages),
            areas=[
                names if n <= 5 else t("aineisto.areas_count", lang, count=n)
                for names, n in zip(ages[f"area_names_{lang}"], ages.areas, strict=True)
            ],
        )
        show(ages, ["source_table", "measure", "age_groups", "areas", "coverage"])

with tabs[2]:
    st.markdown(t("aineisto.schema_intro", lang))
    st.markdown(f"**{t('aineisto.example_header', lang)}**")
    st.code(t("aineisto.example_sql", lang), language="sql")
    st.subheader(t("aineisto.tables_header", lang))
    tables = run_query("aineisto_tables")
    tables = tables.assign(
        about=[text(f"aineisto.table.{n}") for n in tables.table],
        table=code(tables.table),
        table_kind=[t(f"aineisto.table_kind.{k}", lang) for k in tables.kind],
        rows=[fmt.number(n, lang) if pd.notna(n) else "" for n in tables.rows],
    )
    show(tables, ["table", "table_kind", "rows", "columns", "about"])
    st.subheader(t("aineisto.columns_header", lang))
    columns = ["table", "column", "type", "nullable"]
    st.dataframe(
        run_query("aineisto_columns"),
        hide_index=True,
        width="stretch",
        column_config={c: t(f"aineisto.col_{c}", lang) for c in columns},
    )

with tabs[3]:
    age_names = run_query("aineisto_age_name", age=f.age)
    age_name = age_names[name].iloc[0].lower() if len(age_names) else f.age
    areas = (
        f.area_name if f.area == "SSS" else t("aineisto.area_and_country", lang, area=f.area_name)
    )
    period = span(f.start, f.end)
    st.markdown(t("aineisto.downloads_lead", lang, areas=areas, period=period, age=age_name))
    window = {"area": f.area, "start": f.start, "end": f.end}
    month = downloads.with_area_name(run_query("aineisto_download_month", **window), name)
    age = downloads.with_area_name(run_query("aineisto_download_age", age=f.age, **window), name)
    used = downloads.used_sources(sources, month.sources, age.source_table)
    describe = {c: text(f"aineisto.col_desc.{c}") for c in dict.fromkeys([*month, *age, *used])}
    params = f"?lang={lang}&area={f.area}&age={f.age}&start={f.start:%Y-%m}&end={f.end:%Y-%m}"
    facts = {
        t("aineisto.view_area", lang): areas,
        t("aineisto.view_period", lang): period,
        t("aineisto.view_age", lang): f"{age_name} ({f.age})",
        t("aineisto.view_params", lang): params,
        t("aineisto.view_built", lang): build.built_at,
        t("aineisto.view_demo", lang): t(f"aineisto.{'yes' if build.demo else 'no'}", lang),
        t("aineisto.view_attribution", lang): t(
            "status.demo" if build.demo else "aineisto.attribution", lang
        ),
    }
    meta = {"view": facts, "sources": used.to_dict("records"), "columns": describe}

    def offer(frame: pd.DataFrame, what: str) -> None:
        """CSV and Parquet buttons (each file built only when clicked) and a preview."""

        def file(ext: str) -> str:
            return downloads.file_name(f.area, f.start, f.end, lang, what, ext)

        row = st.container(horizontal=True)
        row.download_button(
            t("aineisto.download_csv", lang),
            data=lambda: downloads.csv_bytes(frame, lang),
            file_name=file("csv"),
            mime="text/csv",
            key=f"csv_{what}",
            icon=":material/download:",
            on_click="ignore",
        )
        row.download_button(
            t("aineisto.download_parquet", lang),
            data=lambda: downloads.parquet_bytes(frame, meta),
            file_name=file("parquet"),
            mime="application/vnd.apache.parquet",
            key=f"parquet_{what}",
            icon=":material/download:",
            on_click="ignore",
        )
        with st.expander(t("aineisto.preview", lang)):
            st.dataframe(frame.head(200), hide_index=True, width="stretch")

    st.subheader(t("aineisto.month_header", lang, rows=fmt.number(len(month), lang)))
    if month.empty:
        st.info(t("common.no_data", lang), icon=":material/info:")
    else:
        offer(month, "monthly")
    st.subheader(t("aineisto.age_header", lang, age=age_name, rows=fmt.number(len(age), lang)))
    if age.empty:
        st.info(
            t("aineisto.age_all" if f.age == "SSS" else "aineisto.age_empty", lang, age=age_name),
            icon=":material/info:",
        )
    else:
        offer(age, f"age{f.age}")
    st.subheader(t("aineisto.excel_header", lang))
    st.caption(t("aineisto.excel_caption", lang))
    sheets = {
        t("aineisto.sheet_month", lang): month,
        t("aineisto.sheet_age", lang): age,
        t("aineisto.sheet_sources", lang): used,
        t("aineisto.sheet_columns", lang): downloads.key_value(
            describe, t("aineisto.col_column", lang), t("aineisto.col_description", lang)
        ),
        t("aineisto.sheet_view", lang): downloads.key_value(
            facts, t("aineisto.view_key", lang), t("aineisto.view_value", lang)
        ),
    }
    st.download_button(
        t("aineisto.download_excel", lang),
        data=lambda: downloads.excel_bytes(sheets),
        file_name=downloads.file_name(f.area, f.start, f.end, lang, f"all-age{f.age}", "xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="excel_all",
        icon=":material/download:",
        on_click="ignore",
    )
    st.caption(t("aineisto.format_note", lang))
