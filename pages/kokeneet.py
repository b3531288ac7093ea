"""Kokeneet osaajat 55+: experienced talent against younger jobseekers, in the age breaks each
source has: jobseekers by age over time, the experienced share by area, long-term unemployment by
age (the register), and the unemployment rate of those aged 55–64 (the Labour Force Survey)."""

import streamlit as st

from kohtaanto import ui
from kohtaanto.i18n import t
from kohtaanto.panels import kokeneet

f = ui.filters()
lang = f.lang
m = kokeneet.model(f)
st.title(t("kokeneet.title", lang, area=f.area_name))
st.caption(t("kokeneet.lead", lang))
for sentence in m.sentences:
    st.markdown(f"- {sentence}")
if m.no_outlook:
    st.caption(m.no_outlook)


@st.fragment
def trend_block() -> None:
    """Jobseekers by age with its own measure control: a change of it redraws this block only."""
    with ui.guard("kokeneet.trend", lang):
        measure = "index"
        if m.shown.period.nunique() > 1:  # one month is shown as numbers, not as a measure
            measure = ui.page_choice(
                "measure",
                t("kokeneet.measure_label", lang),
                kokeneet.MEASURES,
                "index",
                lambda x: t(f"kokeneet.measure_{x}", lang),
                horizontal=True,
            )
        view = ui.show_panel(
            "experienced_trend",
            f,
            key="age_trend",
            measure=measure,
            empty_text=m.trend_missing,
        )
        if view is not None and m.caption:
            st.caption(m.caption)


left, right = st.columns(2)
with left:
    trend_block()
with right, ui.guard("kokeneet.2", lang):
    if m.level_counts and not m.levels:
        st.info(m.share_not_here, icon=":material/info:")
    else:
        level = ""
        if m.levels:
            level = ui.page_choice(
                "level",
                t("kokeneet.level_label", lang),
                m.levels,
                kokeneet.default_level(m),
                lambda lv: f"{t('level.' + lv, lang)} ({m.level_counts[lv]})",
                container=right,
            )
        ui.show_panel("age_share_areas", f, level=level, empty_text=m.share_missing)

left, right = st.columns(2)
with left:
    ui.show_panel("long_term_age", f, empty_text=m.long_term_missing)
with right:
    ui.show_panel("lfs_55_64", f, empty_text=m.lfs_missing)
    st.caption(t("kokeneet.lfs_caption", lang))
