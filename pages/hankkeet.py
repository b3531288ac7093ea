"""Hankkeet: the projects databank: projects, results and good practices by area, theme and
target group, a project card with its region's labour market, downloads and a workbook check."""

import pandas as pd
import streamlit as st

from kohtaanto import charts, databank, downloads, fmt, projects, ui
from kohtaanto import charts_projects as cp
from kohtaanto.db import DatabaseUnavailable, run_query
from kohtaanto.i18n import name_column, t

f = ui.filters()
lang = f.lang
st.title(t("hankkeet.title", lang, area=f.area_name))
st.caption(t("hankkeet.lead", lang))

status = run_query("data_status").iloc[0]
ref = pd.Timestamp(status.last_month).date()
try:
    rows = run_query("projects_list", area=f.area, ref=ref)
except DatabaseUnavailable:
    st.info(t("hankkeet.no_tables", lang), icon=":material/info:")
    st.stop()
if rows.empty:
    st.info(t("hankkeet.no_projects", lang), icon=":material/info:")
for column in ("start_date", "end_date"):
    rows[column] = pd.to_datetime(rows[column]).dt.date


def choice(param: str, label: str, options: list[str], column) -> str:
    """A filter kept in the URL; ``all`` (the default) stays out of it."""

    def label_of(value: str) -> str:
        if value == databank.ALL:
            return t("hankkeet.all", lang)
        return t(f"hankkeet.status_{value}", lang) if param == "status" else value

    return ui.page_choice(
        param, label, [databank.ALL, *options], databank.ALL, label_of, container=column
    )


def project_card(code: str) -> None:
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
        "areas": rows.set_index("project_code").loc[code, f"areas_{lang}"],
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
        st.dataframe(practice_table(mine), hide_index=True, width="stretch")
    show_context(card)


def show_context(card: pd.Series) -> None:
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
    note = charts.footnote(lang, data.sources.dropna(), first, last, data.status.dropna())
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


def practice_table(rows: pd.DataFrame) -> pd.DataFrame:
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


practices = run_query("projects_practices")

codes = list(rows.project_code)
names = dict(zip(rows.project_code, rows[f"name_{lang}"], strict=True))
code = ui.page_choice(
    "project",
    t("hankkeet.card_choose", lang),
    ["", *codes],
    "",
    lambda c: f"{c} · {names[c]}" if c else t("hankkeet.card_none", lang),
)
if code:
    with st.container(border=True):
        project_card(code)

st.subheader(t("hankkeet.list_title", lang))
top = st.columns([2, 1, 1, 1, 1])
if "p_q" not in st.session_state:
    st.session_state["p_q"] = databank.clean_query(st.query_params.get("q"))
q = databank.clean_query(
    top[0].text_input(
        t("hankkeet.search", lang), key="p_q", placeholder=t("hankkeet.search_hint", lang)
    )
)
if q:
    st.query_params["q"] = q
elif "q" in st.query_params:
    del st.query_params["q"]
theme = choice("theme", t("hankkeet.theme", lang), databank.split(rows.themes), top[1])
target = choice(
    "target",
    t("hankkeet.target", lang),
    [g for g in projects.TARGET_GROUPS if g in databank.split(rows.target_groups)],
    top[2],
)
state = choice("status", t("hankkeet.status", lang), list(databank.STATUSES), top[3])
period = choice("period", t("hankkeet.period", lang), list(projects.PERIODS), top[4])
chosen = databank.filter_projects(
    rows, q=q, theme=theme, target=target, status=state, period=period
)
st.caption(t("hankkeet.status_note", lang, month=fmt.month(ref, lang)))

groups = [
    ("in", "hankkeet.group_in"),
    ("containing", "hankkeet.group_containing"),
    ("national", "hankkeet.group_national"),
]
if f.area == "SSS":
    groups = [
        ("in", "hankkeet.group_regional"),
        ("national", "hankkeet.group_national"),
        ("unplaced", "hankkeet.group_unplaced"),
    ]
shown = []
for relation, key in groups:
    part = chosen[chosen.relation == relation]
    st.markdown(f"**{t(key, lang, area=f.area_name, n=len(part))}**")
    if part.empty:
        st.caption(t("hankkeet.none_here", lang))
        continue
    st.dataframe(
        databank.list_table(part, lang), hide_index=True, width="stretch", key=f"list_{relation}"
    )
    shown.append(part.assign(relation_label=t(key, lang, area=f.area_name, n=len(part))))

listed = pd.concat(shown) if shown else chosen.iloc[0:0].assign(relation_label="")
table = databank.list_table(listed, lang)
table.insert(0, t("hankkeet.col_relation", lang), listed.relation_label.to_numpy())
row = st.container(horizontal=True)
file = f"kohtaanto_hankkeet_{f.area}_{lang}"
row.download_button(
    t("hankkeet.download_csv", lang),
    data=lambda: downloads.csv_bytes(table, lang),
    file_name=f"{file}.csv",
    mime="text/csv",
    key="projects_csv",
    icon=":material/download:",
    on_click="ignore",
)
row.download_button(
    t("hankkeet.download_excel", lang),
    data=lambda: downloads.excel_bytes({t("nav.hankkeet", lang): table}),
    file_name=f"{file}.xlsx",
    key="projects_xlsx",
    icon=":material/download:",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    on_click="ignore",
)

st.subheader(t("hankkeet.ranking_title", lang))
by_region = run_query("projects_by_region")
if by_region.empty:
    st.info(t("hankkeet.no_projects", lang), icon=":material/info:")
else:
    by_region["name"] = by_region[name_column(lang)]
    files = run_query("project_files")
    ranking_note = t(
        "hankkeet.ranking_note", lang, files=", ".join(files.file), built=str(status.built_at)[:10]
    )
    highlight = by_region.set_index("area_code").get("name", pd.Series()).get(f.area)
    fig = cp.projects_by_region(
        by_region,
        lang=lang,
        title=t("hankkeet.ranking_chart", lang),
        note=ranking_note,
        highlight=highlight,
    )
    data = by_region[["area_code", "name", "projects", "planned_eu_state_eur", "with_funding"]]
    ui.show_chart(
        fig,
        data.rename(columns=lambda c: t(f"hankkeet.rcol_{c}", lang)),
        "projects_by_region",
        lang,
    )

st.subheader(t("hankkeet.practices_title", lang))
st.caption(t("hankkeet.practices_lead", lang))
if practices.empty:
    st.info(t("hankkeet.no_practices", lang), icon=":material/info:")
else:
    st.dataframe(practice_table(practices), hide_index=True, width="stretch", key="practices")

st.subheader(t("hankkeet.add_title", lang))
st.markdown(t("hankkeet.add_steps", lang))
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
    ctx = projects.Context(set(areas.area_code), nuts, set(run_query("indicator_list").indicator))
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
