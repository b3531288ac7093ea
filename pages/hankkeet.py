"""Hankkeet: the projects databank: projects, results and good practices by area, theme and
target group, a project card with its region's labour market, downloads and a workbook check.
The page lays out its model (kohtaanto/panels/hankkeet.py) and the databank's UI modules."""

import streamlit as st

from kohtaanto import databank_live, editing_ui, fmt, projects_ui, signin, ui
from kohtaanto.i18n import t
from kohtaanto.panels import hankkeet as panel

f = ui.filters()
lang = f.lang
st.title(t("hankkeet.title", lang, area=f.area_name))
st.caption(t("hankkeet.lead", lang))
if databank_live.unavailable():
    st.info(t("databank.unavailable", lang), icon=":material/cloud_off:")

m = panel.model(f)
if m.rows is None:
    st.info(t("hankkeet.no_tables", lang), icon=":material/info:")
    st.stop()
rows, practices, ref = m.rows, m.practices, m.ref
if rows.empty:
    st.info(t("hankkeet.no_projects", lang), icon=":material/info:")


def choice(param: str, label: str, options: list[str], column) -> str:
    """A filter kept in the URL; ``all`` (the default) stays out of it."""

    def label_of(value: str) -> str:
        if value == panel.ALL:
            return t("hankkeet.all", lang)
        return t(f"hankkeet.status_{value}", lang) if param == "status" else value

    return ui.page_choice(
        param, label, [panel.ALL, *options], panel.ALL, label_of, container=column
    )


codes = list(rows.project_code)
names = dict(zip(rows.project_code, rows[f"name_{lang}"], strict=True))
# A signed-in editor also finds her projects that readers do not see yet.
drafts = editing_ui.draft_projects(signin.email())
codes += [c for c in drafts if c not in names]
names = drafts | names
code = ui.page_choice(
    "project",
    t("hankkeet.card_choose", lang),
    ["", *codes],
    "",
    lambda c: f"{c} · {names[c]}" if c else t("hankkeet.card_none", lang),
)
if code:
    with st.container(border=True):
        if code in set(rows.project_code):
            area_names = rows.set_index("project_code").loc[code, f"areas_{lang}"]
            projects_ui.project_card(code, lang, area_names, practices)
        else:
            editing_ui.draft_card(code, names[code], lang)
        editing_ui.project_editing(code, lang)

st.subheader(t("hankkeet.list_title", lang))
top = st.columns([2, 1, 1, 1, 1])
if "p_q" not in st.session_state:
    st.session_state["p_q"] = panel.clean_query(st.query_params.get("q"))
q = panel.clean_query(
    top[0].text_input(
        t("hankkeet.search", lang), key="p_q", placeholder=t("hankkeet.search_hint", lang)
    )
)
if q:
    st.query_params["q"] = q
elif "q" in st.query_params:
    del st.query_params["q"]
theme = choice("theme", t("hankkeet.theme", lang), m.themes, top[1])
target = choice("target", t("hankkeet.target", lang), m.targets, top[2])
state = choice("status", t("hankkeet.status", lang), panel.STATUSES, top[3])
period = choice("period", t("hankkeet.period", lang), panel.PERIODS, top[4])
chosen = panel.chosen(m, q=q, theme=theme, target=target, status=state, period=period)
st.caption(t("hankkeet.status_note", lang, month=fmt.month(ref, lang)))

shown, labels = [], []
for relation, key in panel.groups(f.area):
    part = chosen[chosen.relation == relation]
    st.markdown(f"**{t(key, lang, area=f.area_name, n=len(part))}**")
    if part.empty:
        st.caption(t("hankkeet.none_here", lang))
        continue
    projects_ui.show_list(part, lang, f"list_{relation}")
    shown.append(part)
    labels += [t(key, lang, area=f.area_name, n=len(part))] * len(part)

table = panel.download_table(chosen, shown, labels, lang)
row = st.container(horizontal=True)
file = f"kohtaanto_hankkeet_{f.area}_{lang}"
row.download_button(
    t("hankkeet.download_csv", lang),
    data=lambda: panel.csv_bytes(table, lang),
    file_name=f"{file}.csv",
    mime="text/csv",
    key="projects_csv",
    icon=":material/download:",
    on_click="ignore",
)
row.download_button(
    t("hankkeet.download_excel", lang),
    data=lambda: panel.excel_bytes(table, lang),
    file_name=f"{file}.xlsx",
    key="projects_xlsx",
    icon=":material/download:",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    on_click="ignore",
)

st.subheader(t("hankkeet.ranking_title", lang))
ui.show_panel("projects_by_region", f, empty_text=t("hankkeet.no_projects", lang))

st.subheader(t("hankkeet.practices_title", lang))
st.caption(t("hankkeet.practices_lead", lang))
if practices.empty:
    st.info(t("hankkeet.no_practices", lang), icon=":material/info:")
else:
    projects_ui.show_practices(practices, lang, "practices")

st.subheader(t("hankkeet.add_title", lang))
editing_ui.page_tools(lang)
st.markdown(t("hankkeet.add_steps", lang))
projects_ui.workbook_check(lang)
