"""Streamlit pieces of the projects databank: the project card with its region's labour
market, the practices table, the workbook template and check, and a link other pages show."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kohtaanto import fmt, ui
from kohtaanto.charts import projects as cp
from kohtaanto.db import DatabaseUnavailable, run_query
from kohtaanto.i18n import name_column, t
from kohtaanto.note import Note
from kohtaanto.projects import databank
from kohtaanto.projects import workbook as projects
from kohtaanto.ui import Filters


def ongoing_projects_link(f: Filters) -> None:
    """The line "N ongoing projects in the area" as a link to /hankkeet with the area and language;
    nothing for a database built before the projects tables existed."""
    ref = pd.Timestamp(run_query("data_status").iloc[0].last_month).date()
    try:
        rows = run_query("projects_list", area=f.area, ref=ref)
    except DatabaseUnavailable:
        return
    ongoing = rows[rows.project_status == "ongoing"]
    here = int((ongoing.relation == "in").sum())
    national = int((ongoing.relation == "national").sum())
    if f.area == "SSS":  # every project is in the country: one count, and no capitalised name
        label = t("hankkeet.ongoing_link_country", f.lang, n=here + national)
    else:
        label = t("hankkeet.ongoing_link", f.lang, n=here, area=f.area_name, national=national)
    params = {"area": f.area, "status": "ongoing"} | ({"lang": f.lang} if f.lang != "fi" else {})
    st.page_link(
        "pages/hankkeet.py", label=label, icon=":material/folder_special:", query_params=params
    )


def project_card(code: str, lang: str, area_names: str, practices: pd.DataFrame) -> None:
    """Facts, results and practices, the official card, and the region's labour market over
    the project's own period."""
    card = run_query("projects_card", project=code).iloc[0]
    name = card.get(f"name_{lang}") or card.name_fi or card.name_en or card.name_sv
    st.subheader(t("hankkeet.card_title", lang, code=code, name=name))
    facts = {
        "implementer": card.implementer,
        "programme_period": card.programme_period,
        "fund": card.fund,
        "period": " – ".join(
            fmt.day(d, lang)
            for d in (card.start_date, card.end_date)
            if d is not None and not pd.isna(d)
        ),
        "areas": area_names,
        "target_groups": card.target_groups,
        "themes": card.themes,
        "planned_eu_state_eur": fmt.number(card.planned_eu_state_eur, lang),
        "realised_eu_state_eur": fmt.number(card.realised_eu_state_eur, lang),
        "planned_total_eur": fmt.number(card.planned_total_eur, lang),
        "source": t(f"hankkeet.source_{card.source}", lang),
    }
    table = pd.DataFrame(
        [(t(f"hankkeet.col_{k}", lang), v) for k, v in facts.items() if v and v != "–"],
        columns=[t("hankkeet.fact", lang), t("hankkeet.value", lang)],
    )
    st.table(table.set_index(table.columns[0]))
    if card.summary_fi:
        st.markdown(card.summary_fi)
    link = databank.official_card(code, card.url, card.programme_period)
    if link:
        st.link_button(t("hankkeet.official_card", lang), link, icon=":material/open_in_new:")
    mine = practices[practices.project_code == code]
    if len(mine):
        st.markdown(f"**{t('hankkeet.practices_title', lang)}**")
        st.dataframe(practice_table(mine, lang), hide_index=True, width="stretch")
    show_context(card, lang)


def show_context(card: pd.Series, lang: str) -> None:
    """Unemployed (50+ where there) and tightness of the project's region over its period."""
    area = card.context_area
    if area is None or pd.isna(card.start_date) or pd.isna(card.end_date):
        st.info(t("hankkeet.no_context", lang), icon=":material/info:")
        return
    start = card.start_date.replace(day=1)
    end = card.end_date.replace(day=1)
    data = run_query("area_month_context", area=area, start=start, end=end)
    areas = run_query("area_list")
    area_name = areas.set_index("area_code").loc[area, name_column(lang)]
    if data.empty:
        st.info(t("hankkeet.context_none", lang, area=area_name), icon=":material/info:")
        return
    data["period"] = pd.to_datetime(data.period)
    first, last = data.period.min().date(), data.period.max().date()
    st.markdown(f"**{t('hankkeet.context_title', lang, area=area_name)}**")
    if data.unemployed_50.isna().all():
        st.info(
            t(
                "hankkeet.no_50",
                lang,
                area=area_name,
                start=fmt.month_short(first),
                end=fmt.month_short(last),
            ),
            icon=":material/info:",
        )
    note = Note.of(data.sources.dropna(), data.period, data.status.dropna(), start=first, end=last)
    title = t(
        "hankkeet.context_chart",
        lang,
        area=area_name,
        start=fmt.month_short(first),
        end=fmt.month_short(last),
    )
    fig = cp.context(data, lang=lang, title=title, note=note)
    shown = data[["period", "unemployed", "unemployed_50", "open_vacancies", "tightness"]]
    ui.show_chart(
        fig,
        shown.rename(columns=lambda c: t(f"hankkeet.ctx_{c}", lang)),
        f"project_context_{card.project_code}",
        lang,
        note,
    )
    mean = data.unemployed.mean()
    st.caption(
        t(
            "hankkeet.context_summary",
            lang,
            area=area_name,
            unemployed=fmt.number(mean, lang),
            tightness=fmt.number(data.tightness.mean(), lang, 2),
        )
    )


def practice_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Results and practices as shown and downloaded: kind, title, project, adoption, evidence."""
    title = rows[f"title_{lang}"].fillna(rows.title_fi)
    out = pd.DataFrame(
        {
            "kind": [t(f"hankkeet.kind_{k}", lang) for k in rows.kind],
            "title": title,
            "project": rows.project_code,
            "description": rows.description_fi,
            "adoption": rows.adoption_fi,
            "evidence": rows.evidence_fi,
            "url": rows.url,
            "published": rows.published,
        }
    )
    return out.rename(columns=lambda c: t(f"hankkeet.pcol_{c}", lang))


def workbook_check(lang: str) -> None:
    """The empty template to download, and an uploaded workbook checked in memory, never saved."""
    st.download_button(
        t("hankkeet.template", lang),
        data=projects.template_bytes,
        file_name="tietopankki_pohja.xlsx",
        key="template",
        icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
    )
    upload = st.file_uploader(
        t("hankkeet.check", lang),
        type=["xlsx"],
        key="check_upload",
        max_upload_size=projects.MAX_BYTES // 2**20,  # the browser refuses bigger files up front
        help=t(
            "hankkeet.check_help",
            lang,
            mb=projects.MAX_BYTES // 2**20,
            rows=fmt.number(projects.MAX_ROWS, lang),
        ),
    )
    if upload is not None:
        # Read into memory and checked there; nothing is written anywhere.
        content = upload.getvalue()
        areas = run_query("area_list")
        regions = areas[areas.level == "region"]
        nuts = {"FI": "SSS", "FI1": "SSS"} | {
            str(n).lower(): c
            for col in ("name_fi", "name_sv", "name_en")
            for c, n in zip(regions.area_code, regions[col], strict=True)
            if isinstance(n, str)
        }
        ctx = projects.Context(
            set(areas.area_code), nuts, set(run_query("indicator_list").indicator)
        )
        try:
            data = projects.check_bytes(content, upload.name, ctx)
        except projects.ProjectsError as exc:
            st.error(t("hankkeet.check_failed", lang, n=len(exc.issues)), icon=":material/error:")
            st.code("\n".join(str(i) for i in exc.issues[: projects.MAX_ISSUES]), language=None)
        else:
            st.success(
                t(
                    "hankkeet.check_ok",
                    lang,
                    file=upload.name,
                    projects=len(data.projects),
                    practices=len(data.practices),
                    reports=len(data.project_indicators),
                ),
                icon=":material/check_circle:",
            )
