"""Ammatit: occupations in the chosen area, where jobs go begging and where jobseekers pile up."""

import streamlit as st

from kohtaanto import fmt, ui
from kohtaanto.i18n import t
from kohtaanto.panels import ammatit

f = ui.filters()
lang = f.lang
st.title(t("ammatit.title", lang, area=f.area_name))
m = ammatit.model(f)
if m.cover is None:
    st.info(t("ammatit.no_coverage", lang, area=f.area_name), icon=":material/info:")
    st.stop()
if m.covering:
    st.info(m.covering, icon=":material/zoom_out_map:")
st.caption(t("ammatit.lead", lang, month=fmt.month_in(m.cover.month, lang)))

left, right = st.columns([2, 3])
level = ui.page_choice(
    "level",
    t("ammatit.level", lang),
    ammatit.LEVELS,
    "2",
    lambda lv: t(f"ammatit.level_{lv}", lang),
    container=left,
    horizontal=True,
)
# Another level makes the chosen occupation meaningless: start again from all of the level.
if st.session_state.get("ammatit_level") not in (None, level):
    st.session_state.pop("p_occupation", None)
    if "occupation" in st.query_params:
        del st.query_params["occupation"]
st.session_state["ammatit_level"] = level
labels = ammatit.level_labels(f, level)
occupation = ui.page_choice(
    "occupation",
    t("ammatit.occupation", lang),
    ["", *labels],
    "",
    lambda c: labels.get(c) or t("ammatit.all_of_level", lang),
    container=right,
)

s = ammatit.segments(f, level, occupation)
if (s is None or s.shown.empty) and not occupation:
    have = ", ".join(map(str, ammatit.levels_with_figures(f))) or "–"
    st.info(t("ammatit.level_missing", lang, levels=have))
    st.stop()
area_name = m.cover.name

cols = st.columns(2) if occupation else [st.container()]
with cols[0]:
    ui.show_panel(
        "occupation_scatter",
        f,
        level=level,
        occupation=occupation,
        empty_text=t("ammatit.suppressed", lang, scope=s.scope_text if s else "", area=area_name),
    )
    if s is not None and s.notes:
        st.caption(" ".join(s.notes))
if occupation:
    with cols[1]:
        ui.show_panel(
            "occupation_trend",
            f,
            level=level,
            occupation=occupation,
            empty_text=t("ammatit.suppressed", lang, scope=labels[occupation], area=area_name),
        )

if s is not None and len(s.shown):
    size = fmt.number(s.size, lang)
    st.subheader(t("ammatit.rankings_title", lang))
    st.caption(t("ammatit.ranking_lead", lang, size=size))
    for col, side in zip(st.columns(2), ("shortage", "surplus"), strict=True):
        with col:
            ui.show_panel(
                side,
                f,
                key=f"occupation_{side}",
                empty_text=t("ammatit.ranking_empty", lang, size=size),
                level=level,
                occupation=occupation,
            )
            if caption := ammatit.without_ratio(s, side, lang):
                st.caption(caption)

st.subheader(t("ammatit.transitions_title", lang))
st.info(t("ammatit.no_age", lang), icon=":material/info:")
moves = ammatit.transitions(f, occupation)
if moves is None:
    st.info(t("ammatit.transitions_empty", lang))
    st.stop()
st.caption(moves.lead)
st.markdown("\n".join(moves.lines))
# Sent when opened, like a chart's table (ui.show_chart): a data grid drawn hidden on every
# load cost the browser more than a chart.
pairs_box = st.expander(t("common.show_data", lang), key="table_transitions", on_change="rerun")
if pairs_box.open:
    ui.show_table(pairs_box, moves.table, lang, caption=t("ammatit.transitions_title", lang))
