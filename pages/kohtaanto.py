"""Kohtaanto: the Beveridge curve, labour-market tightness and the mismatch index (across
occupations for the chosen area, across regions for the country), each against the country."""

import streamlit as st

from kohtaanto import ui
from kohtaanto.i18n import t
from kohtaanto.panels import kohtaanto

f = ui.filters()
lang = f.lang
st.title(t("kohtaanto.title", lang, area=f.area_name))
st.caption(t("kohtaanto.lead", lang))


@st.fragment
def beveridge_block() -> None:
    """The Beveridge curve with its own control: a change of it redraws this block only."""
    smooth = ui.page_choice(
        "beveridge",
        t("kohtaanto.beveridge_label", lang),
        list(kohtaanto.BEVERIDGE_KINDS),
        "avg12",
        lambda v: t(f"kohtaanto.beveridge_{v}", lang),
        horizontal=True,
    )
    ui.show_panel(
        "beveridge",
        f,
        kind=smooth,
        adapt=kohtaanto.half_width,
        empty_text=t(f"kohtaanto.beveridge_missing_{smooth}", lang),
    )
    st.caption(t("kohtaanto.beveridge_read", lang) + " " + t(f"kohtaanto.read_{smooth}", lang))


left, right = st.columns(2)
with left:
    beveridge_block()
with right:
    ui.show_panel(
        "tightness",
        f,
        adapt=kohtaanto.half_width,
        empty_text=t("kohtaanto.tightness_missing", lang),
    )
    st.caption(t("kohtaanto.tightness_read", lang))

st.subheader(t("kohtaanto.mismatch_header", lang))
m = kohtaanto.model(f)
if not m.levels:
    st.info(t("kohtaanto.no_levels", lang), icon=":material/info:")
    st.stop()
level = ui.page_choice(
    "level",
    t("kohtaanto.level_label", lang),
    m.levels,
    m.default_level,
    horizontal=True,
    format_func=lambda d: t("kohtaanto.level_option", lang, digits=d),
)
m = kohtaanto.model(f, level)
left, right = st.columns(2)
with left:
    if m.missing:
        st.info(m.missing, icon=":material/info:")
    elif ui.show_panel("mismatch_occupation", f, level=level, adapt=kohtaanto.half_width):
        st.caption(m.explain)
with right:
    if ui.show_panel("mismatch_regions", f, adapt=kohtaanto.half_width):
        st.caption(m.regions_explain)
