"""Streamlit pieces of the projects databank: the project card with its region's labour
market, the practices table, the workbook template and check, and a link other pages show."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kohtaanto import fmt, panels, paths, ui
from kohtaanto.db import DatabaseUnavailable, run_query
from kohtaanto.i18n import t
from kohtaanto.projects import databank, issues, reference
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
    st.subheader(t("hankkeet.card_title", lang, code=fmt.literal(code), name=fmt.literal(name)))
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
    # st.table reads Markdown in its cells: the values are people's text, shown as typed.
    table = pd.DataFrame(
        [
            (t(f"hankkeet.col_{k}", lang), fmt.literal(v))
            for k, v in facts.items()
            if v and v != "–"
        ],
        columns=[t("hankkeet.fact", lang), t("hankkeet.value", lang)],
    )
    st.table(table.set_index(table.columns[0]))
    if card.summary_fi:
        st.text(card.summary_fi)
    link = databank.official_card(code, card.url, card.programme_period, card.source)
    if link:
        st.link_button(t("hankkeet.official_card", lang), link, icon=":material/open_in_new:")
    mine = practices[practices.project_code == code]
    if len(mine):
        st.markdown(f"**{t('hankkeet.practices_title', lang)}**")
        show_practices(mine, lang, f"card_practices_{code}")
        practice_details(mine, lang)
    show_context(card, lang)


# A practice's description in Innokylä's order (the store keeps them all; a workbook has some).
INNOKYLA = (
    "description_fi",
    "target_fi",
    "environment_fi",
    "adoption_fi",
    "resources_fi",
    "evidence_fi",
    "contact_fi",
)


def practice_details(rows: pd.DataFrame, lang: str) -> None:
    """Each result or practice opened on its own: its description in Innokylä's structure, its
    link and its created and last changed dates, all as text."""
    for row in rows.itertuples(index=False):
        title = getattr(row, f"title_{lang}", None) or row.title_fi
        kind = t(f"hankkeet.kind_{row.kind}", lang)
        with st.expander(f"{kind}: {fmt.literal(title)}", key=f"practice_{row.practice_id}"):
            for name in INNOKYLA:
                value = getattr(row, name, None)
                if isinstance(value, str) and value.strip():
                    st.caption(t(f"edit.field_practice_{name}", lang))
                    st.text(value)
            url = getattr(row, "url", None)
            if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
                st.link_button(
                    t("hankkeet.practice_link", lang), url, icon=":material/open_in_new:"
                )
            dates = [
                t(f"hankkeet.practice_{name}", lang, date=fmt.day(pd.Timestamp(value).date(), lang))
                for name in ("created_on", "changed_on")
                if (value := getattr(row, name, None)) is not None and not pd.isna(value)
            ]
            if dates:
                st.caption(" · ".join(dates))


def show_context(card: pd.Series, lang: str) -> None:
    """Unemployed (50+ where there) and tightness of the project's area over its period: the
    registered panel ``project_context``, which a presentation draws alike."""
    f = ui.filters()
    code = str(card.project_code)
    context = panels.hankkeet.context_model(f, code)
    if context.missing:
        st.info(context.missing, icon=":material/info:")
        return
    st.markdown(f"**{t('hankkeet.context_title', lang, area=context.area_name)}**")
    if context.around:
        st.info(context.around, icon=":material/info:")
    if context.no_50:
        st.info(context.no_50, icon=":material/info:")
    view = ui.show_panel("project_context", f, key=f"project_context_{code}", project=code)
    if view is not None and view.figure is not None:
        st.caption(view.takeaway)


ROW_HEIGHT = 76  # three lines of text; Streamlit wraps cell text only in rows over 64 px (4rem)


def list_columns(lang: str) -> dict:
    """The project list's widths on screen (databank.LIST_ON_SCREEN); what is not named is
    hidden there (it is in the downloads and on the card)."""
    config: dict = {
        t(f"hankkeet.col_{c}", lang): st.column_config.Column(width=w)
        for c, w in databank.LIST_ON_SCREEN.items()
    }
    # A header does not wrap: the funding's long name is its tooltip, a short one its label.
    funding = t("hankkeet.col_planned_eu_state_eur", lang)
    config[funding] = st.column_config.Column(
        t("hankkeet.col_planned_eu_state_short", lang),
        width=databank.LIST_ON_SCREEN["planned_eu_state_eur"],
        help=funding,
    )
    return config


def show_list(rows: pd.DataFrame, lang: str, key: str) -> None:
    """One project list, fitted to the page by widths and wrapped text."""
    table = databank.screen_table(rows, lang)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        key=key,
        column_order=[t(f"hankkeet.col_{c}", lang) for c in databank.LIST_ON_SCREEN],
        column_config=list_columns(lang),
        row_height=ROW_HEIGHT,
        placeholder="",
    )


def practice_columns(lang: str) -> dict:
    """The practices table's widths: the long texts share what the short ones leave."""
    widths = {  # with the link's 50: 885 px, inside the 906 px of content at 1366 px
        "kind": 85,
        "title": 145,
        "project": 90,
        "description": 170,
        "adoption": 145,
        "evidence": 120,
        "published": 80,
    }
    config: dict = {
        t(f"hankkeet.pcol_{c}", lang): st.column_config.Column(width=w) for c, w in widths.items()
    }
    config[t("hankkeet.pcol_url", lang)] = st.column_config.LinkColumn(
        width=50, display_text=":material/open_in_new:"
    )
    return config


def show_practices(rows: pd.DataFrame, lang: str, key: str) -> None:
    """Results and practices, fitted to the page by widths and wrapped text."""
    st.dataframe(
        practice_table(rows, lang),
        hide_index=True,
        width="stretch",
        key=key,
        column_config=practice_columns(lang),
        row_height=ROW_HEIGHT,
        placeholder="",
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


UPLOAD_LIMIT_MB = 50  # what the browser sends at all (.streamlit/config.toml server.maxUploadSize)
UPLOADER_CSS = paths.PACKAGE / "static" / "uploader.css"


def _css_text(value: str) -> str:
    """A CSS string literal (for ``content``) of a translated text."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def uploader_words(lang: str) -> None:
    """The uploader's own words in ``lang`` (kohtaanto/static/uploader.css says how)."""
    mb = projects.MAX_BYTES // 2**20
    words = {
        "--kt-upload-choose": t("hankkeet.upload_choose", lang),
        "--kt-upload-limits": t("hankkeet.upload_limits", lang, mb=mb),
        "--kt-upload-drop": t("hankkeet.upload_drop", lang),
    }
    props = "; ".join(f"{k}: {_css_text(v)}" for k, v in words.items())
    st.html(f"<style>:root {{ {props}; }}\n{UPLOADER_CSS.read_text(encoding='utf-8')}</style>")


def check_context() -> projects.Context:
    """The codes an uploaded file is checked against: the database's areas and indicators and
    the classification shipped with the code (so a demo database, which has no municipalities,
    does not refuse real municipality codes)."""
    frames = [run_query("area_list"), reference.shipped_areas()]
    indicators = run_query("indicator_list").indicator
    return reference.context_from_areas(frames, indicators, reference.shipped_nuts())


def issue_table(found: list[projects.Issue], lang: str) -> pd.DataFrame:
    """The issues as a table in ``lang``: sheet, row, column, and the problem as a sentence."""
    rows = [
        {
            "sheet": i.sheet or "",
            "row": "" if i.row is None else str(i.row),
            "column": i.column or "",
            "problem": _sentence(issues.message(i.code, lang, i.values)),
        }
        for i in found[: projects.MAX_ISSUES]
    ]
    frame = pd.DataFrame(rows, columns=["sheet", "row", "column", "problem"])
    return frame.rename(columns=lambda c: t(f"hankkeet.issue_{c}", lang))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def workbook_check(lang: str) -> None:
    """The empty template to download, and an uploaded workbook checked in memory, never
    saved. Every message is in ``lang``; a new file's result replaces the previous one."""
    st.download_button(
        t("hankkeet.template", lang),
        data=lambda: projects.template_bytes(lang),
        file_name=t("hankkeet.template_file", lang),
        key="template",
        icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
    )
    uploader_words(lang)
    # No type filter and a browser limit well above MAX_BYTES: a wrong or oversize file reaches
    # the check, which says what is wrong in the page's language, and replaces the previous
    # result. Only a file over UPLOAD_LIMIT_MB is refused by the browser itself (uploader.css).
    upload = st.file_uploader(
        t("hankkeet.check", lang),
        type=None,
        key="check_upload",
        max_upload_size=UPLOAD_LIMIT_MB,
        help=t(
            "hankkeet.check_help",
            lang,
            mb=projects.MAX_BYTES // 2**20,
            rows=fmt.number(projects.MAX_ROWS, lang),
        ),
    )
    with st.container(key="check_rejected"):
        st.error(
            t(
                "hankkeet.check_refused",
                lang,
                limit=UPLOAD_LIMIT_MB,
                mb=projects.MAX_BYTES // 2**20,
            ),
            icon=":material/error:",
        )
    if upload is None:
        return
    with st.container(key="check_result"):
        # Read into memory and checked there; nothing is written anywhere.
        try:
            data = projects.check_bytes(upload.getvalue(), upload.name, check_context())
        except projects.ProjectsError as exc:
            whole = [i for i in exc.issues if i.sheet is None]
            if whole:
                # The file as a whole (size, format, protection): one sentence each, no table.
                for found in whole:
                    problem = issues.message(found.code, lang, found.values)
                    text = t("hankkeet.check_unusable", lang, file=upload.name, problem=problem)
                    st.error(text, icon=":material/error:")
                return
            st.error(
                t("hankkeet.check_failed", lang, file=upload.name, n=len(exc.issues)),
                icon=":material/error:",
            )
            st.dataframe(
                issue_table(exc.issues, lang),
                hide_index=True,
                width="stretch",
                key="check_issues",
                row_height=ISSUE_ROW_HEIGHT,
                column_config=_issue_columns(lang),
            )
            if len(exc.issues) > projects.MAX_ISSUES:
                st.caption(t("check.more", lang, n=len(exc.issues) - projects.MAX_ISSUES))
            return
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


ISSUE_ROW_HEIGHT = 70  # three lines: Streamlit wraps cell text only in rows taller than 64 px


def _issue_columns(lang: str) -> dict:
    """Widths of the issue table: the problem takes what the place leaves."""
    return {
        t("hankkeet.issue_sheet", lang): st.column_config.TextColumn(width=110),
        t("hankkeet.issue_row", lang): st.column_config.TextColumn(width=55),
        t("hankkeet.issue_column", lang): st.column_config.TextColumn(width=170),
        t("hankkeet.issue_problem", lang): st.column_config.TextColumn(width="large"),
    }
