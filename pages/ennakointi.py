"""Ennakointi: the twelve-month outlook. The areas of a level ranked by their expected change of
unemployed jobseekers and of the unemployment share with the 80 % interval, the chosen area's
series continued by their outlooks, and how well the forecasts have done there."""

import streamlit as st

from kohtaanto import ui
from kohtaanto.i18n import t
from kohtaanto.panels import ennakointi, outlook

f = ui.filters()
lang = f.lang
st.title(t("ennakointi.title", lang, area=f.area_name))
st.caption(t("ennakointi.lead", lang))
m = ennakointi.model(f)
if not m.available:
    st.info(outlook.unavailable_text(lang), icon=":material/info:")
    st.stop()

if m.levels:  # outlooks for areas, not for the country alone
    st.subheader(t("ennakointi.ranking_header", lang))
    level = ui.page_choice(
        "level",
        t("ennakointi.level_label", lang),
        m.levels,
        m.level,
        lambda lv: t(f"outlook.level_option.{lv}", lang),
        horizontal=True,
    )
    m = ennakointi.model(f, level)
    if m.related_text:
        st.caption(m.related_text)
    left, right = st.columns(2)
    with left:
        ui.show_panel("outlook_ranking", f, level=level, measure="unemployed")
    with right:
        ui.show_panel(
            "outlook_ranking",
            f,
            key="outlook_ranking_share",
            level=level,
            measure="unemployment_share",
        )
    st.caption(t("ennakointi.ranking_read", lang))
    if m.missing:
        st.caption(m.missing)

st.subheader(t("ennakointi.area_header", lang, area=f.area_name))
left, right = st.columns(2)
with left:
    ui.show_panel("outlook_trend", f, measure="unemployed")
with right:
    ui.show_panel("outlook_trend", f, key="outlook_trend_vacancies", measure="open_vacancies")

st.subheader(t("ennakointi.record_header", lang, area=f.area_name))
st.caption(t("ennakointi.record_lead", lang))
if m.record:
    for sentence in m.record:
        st.markdown(f"- {sentence}")
else:
    st.info(t("ennakointi.record_none", lang, area=f.area_name), icon=":material/info:")
st.page_link(
    "pages/aineisto.py",
    label=t("ennakointi.record_link", lang),
    icon=":material/table_view:",
    query_params={"area": f.area} | ({"lang": lang} if lang != "fi" else {}),
)
