"""Aineisto: the sources with licence, periods and gaps, the definitions of every indicator, the
database schema for analysts, and downloads (CSV, Excel, Parquet) of the data behind the
current view, with their provenance in every file."""

import pandas as pd
import streamlit as st

from kohtaanto import fmt, ui
from kohtaanto.i18n import t
from kohtaanto.panels import aineisto

f = ui.filters()
lang = f.lang
m = aineisto.model(f)


def show(frame: pd.DataFrame, columns: list[str]) -> None:
    """A static table (text wraps, Markdown works) of ``columns`` headed by
    ``aineisto.col_<column>``."""
    headers = {c: t(f"aineisto.col_{c}", lang) for c in columns}
    st.table(frame[columns].rename(columns=headers), hide_index=True)


st.title(t("aineisto.title", lang))
st.caption(t("aineisto.lead", lang))
tabs = st.tabs(
    [t(f"aineisto.tab_{k}", lang) for k in ("sources", "definitions", "schema", "downloads")]
)

with tabs[0]:
    if m.demo:
        st.warning(t("aineisto.demo_statement", lang), icon=":material/science:")
        st.caption(
            t("aineisto.attribution_real", lang, attribution=t("aineisto.attribution", lang))
        )
    else:
        st.markdown(
            f"**{t('aineisto.attribution', lang)}**", help=t("aineisto.attribution_help", lang)
        )
    st.subheader(t("aineisto.sources_header", lang))
    show(
        m.sources, ["source_table", "title", "publisher", "licence", "coverage", "retrieved", "url"]
    )
    st.caption(t("aineisto.built", lang, built=m.built))
    for line in m.freshness:
        st.caption(line)
    if not m.unallocated.empty:
        st.subheader(t("aineisto.unallocated_header", lang))
        st.caption(t("aineisto.unallocated_caption", lang))
        show(m.unallocated, ["area", "area_name", "held", "coverage"])
    if m.project_files is not None:
        st.subheader(t("projects_doc.files_header", lang))
        if m.project_files.empty:
            st.caption(t("projects_doc.no_files", lang))
        else:
            st.table(m.project_files, hide_index=True)
            st.markdown(f"**{t('projects_doc.differences_header', lang)}**")
            if m.project_differences.empty:
                st.caption(t("projects_doc.no_differences", lang))
            else:
                st.table(m.project_differences, hide_index=True)

with tabs[1]:
    st.subheader(t("aineisto.measures_header", lang))
    show(
        m.measures,
        ["name", "measure", "unit", "kind", "description", "found_in", "frequency", "coverage"],
    )
    st.caption(t("aineisto.measures_caption", lang))
    st.subheader(t("aineisto.status_header", lang))
    show(m.statuses, ["status", "shown_as", "meaning"])
    st.caption(t("aineisto.status_caption", lang))
    st.subheader(t("aineisto.ages_header", lang))
    st.caption(t("aineisto.ages_caption", lang))
    if m.ages.empty:
        st.info(t("aineisto.ages_none", lang), icon=":material/info:")
    else:
        show(m.ages, ["source_table", "measure", "age_groups", "areas", "coverage"])
    record = m.record
    st.subheader(t("aineisto.record_header", lang))
    st.caption(record.lead)
    if record.none:
        st.info(record.none, icon=":material/info:")
    else:
        for sentence in record.sentences:
            st.markdown(f"- {sentence}")
        show(record.table, ["series", "areas", "horizon", "rel_mae", "interval_hit", "forecasts"])
        st.caption(t("aineisto.record_caption", lang))

with tabs[2]:
    st.markdown(t("aineisto.schema_intro", lang))
    st.markdown(f"**{t('aineisto.example_header', lang)}**")
    st.code(t("aineisto.example_sql", lang), language="sql")
    st.subheader(t("aineisto.tables_header", lang))
    show(m.tables, ["table", "table_kind", "rows", "columns", "about"])
    st.subheader(t("aineisto.columns_header", lang))
    columns = ["table", "column", "type", "nullable"]
    st.dataframe(
        m.columns,
        hide_index=True,
        width="stretch",
        column_config={c: t(f"aineisto.col_{c}", lang) for c in columns},
    )

with tabs[3]:
    d = m.downloads
    st.markdown(d.lead)
    st.subheader(t("aineisto.month_header", lang, rows=fmt.number(len(d.month), lang)))
    if d.month.empty:
        st.info(t("common.no_data", lang), icon=":material/info:")
    else:
        ui.offer_files(
            d.month, "monthly", lang, lambda ext: aineisto.file_name(f, "monthly", ext), d.meta
        )
    rows = fmt.number(len(d.age), lang)
    st.subheader(t("aineisto.age_header", lang, age=d.age_name, rows=rows))
    if d.age.empty:
        key = "aineisto.age_all" if f.age == "SSS" else "aineisto.age_empty"
        st.info(t(key, lang, age=d.age_name), icon=":material/info:")
    else:
        what = f"age{f.age}"
        ui.offer_files(d.age, what, lang, lambda ext: aineisto.file_name(f, what, ext), d.meta)
    st.subheader(t("aineisto.excel_header", lang))
    st.caption(t("aineisto.excel_caption", lang))
    ui.offer_workbook(
        lambda: d.sheets(lang),
        "excel_all",
        t("aineisto.download_excel", lang),
        aineisto.file_name(f, f"all-age{f.age}", "xlsx"),
    )
    st.caption(t("aineisto.format_note", lang))
