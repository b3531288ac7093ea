"""Toimialat: open vacancies by industry, and the share of the employed aged 55–64 by industry."""

import streamlit as st

from kohtaanto import ui
from kohtaanto.i18n import t
from kohtaanto.panels import toimialat

f = ui.filters()
lang = f.lang
m = toimialat.model(f)
st.title(t("toimialat.title", lang, area=f.area_name))
st.caption(t("toimialat.lead", lang))

st.subheader(t("toimialat.vacancies_title", lang))
if m.notice:
    st.info(m.notice, icon=m.notice_icon)
else:
    if m.covering:
        st.info(m.covering, icon=":material/zoom_out_map:")
    left, right = st.columns(2)
    with left:
        ui.show_panel("industry_vacancies", f)
    with right:
        ui.show_panel("industry_trend", f)

st.subheader(t("toimialat.age_title", lang))
st.caption(t("toimialat.age_why", lang))
if not m.years:
    st.info(t("toimialat.no_lfs", lang), icon=":material/info:")
    st.stop()
# The comparison shows the first and the latest year, and the text names just those two.
st.caption(m.scope)
left, right = st.columns(2)
with left:
    ui.show_panel("industry_55_64", f, empty_text=t("toimialat.no_lfs", lang))
if len(m.years) > 1:
    with right:
        ui.show_panel("industry_share_years", f)
