"""Kohtaanto: the Beveridge curve, labour-market tightness and the mismatch index (across
occupations for the chosen area, across regions for the country), each against the country."""

import streamlit as st

from kohtaanto import ui
from kohtaanto.charts.matching import fit_half_width
from kohtaanto.db import run_query
from kohtaanto.i18n import name_column, t

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
        ["avg12", "monthly"],
        "avg12",
        lambda v: t(f"kohtaanto.beveridge_{v}", lang),
        horizontal=True,
    )
    ui.show_panel(
        "beveridge",
        f,
        kind=smooth,
        adapt=fit_half_width,
        empty_text=t(f"kohtaanto.beveridge_missing_{smooth}", lang),
    )
    st.caption(t("kohtaanto.beveridge_read", lang) + " " + t(f"kohtaanto.read_{smooth}", lang))


left, right = st.columns(2)
with left:
    beveridge_block()
with right:
    ui.show_panel(
        "tightness", f, adapt=fit_half_width, empty_text=t("kohtaanto.tightness_missing", lang)
    )
    st.caption(t("kohtaanto.tightness_read", lang))

st.subheader(t("kohtaanto.mismatch_header", lang))
levels = [str(v) for v in run_query("kohtaanto_levels")["level"]]
if not levels:
    st.info(t("kohtaanto.no_levels", lang), icon=":material/info:")
    st.stop()
level = ui.page_choice(
    "level",
    t("kohtaanto.level_label", lang),
    levels,
    "2" if "2" in levels else levels[0],
    horizontal=True,
    format_func=lambda d: t("kohtaanto.level_option", lang, digits=d),
)
# The panels draw the charts; the page reads the same (cached) rows for its notes on them.
occ = run_query(
    "kohtaanto_mismatch_occupation", area=f.area, level=int(level), start=f.start, end=f.end
)
region = run_query("kohtaanto_mismatch_region", start=f.start, end=f.end)
left, right = st.columns(2)
with left:
    mine = occ[occ.area_code == f.area]
    if mine.empty:
        cover = run_query("kohtaanto_cover", area=f.area)
        regions = f" {t('kohtaanto.and', lang)} ".join(cover[name_column(lang)])
        key = "kohtaanto.no_occupation_cover" if regions else "kohtaanto.no_occupation"
        st.info(t(key, lang, area=f.area_name, regions=regions), icon=":material/info:")
    elif ui.show_panel("mismatch_occupation", f, level=level, adapt=fit_half_width):
        st.caption(
            t(
                "kohtaanto.mismatch_explain",
                lang,
                segments=int(mine.segments.max()),
                level=t("kohtaanto.level_in", lang, digits=level),
            )
        )
with right:
    if ui.show_panel("mismatch_regions", f, adapt=fit_half_width):
        segments = int(region.segments.max())
        st.caption(t("kohtaanto.mismatch_region_explain", lang, segments=segments))
