"""Yleiskuva: key figures of the latest month for the chosen area, with trends against the country."""

import streamlit as st

from kohtaanto import fmt, ui
from kohtaanto.i18n import t
from kohtaanto.panels import yleiskuva

f = ui.filters()
lang = f.lang
m = yleiskuva.model(f)

st.title(t("yleiskuva.title", lang, area=f.area_name))
if m.month is None:
    st.info(t("common.no_data", lang))
    st.stop()
st.caption(t("yleiskuva.lead", lang, month=fmt.month(m.month, lang)))
if not m.has_year_ago:  # the change over a year needs that month's figures, not the nearest ones
    st.caption(t("yleiskuva.no_year_ago", lang, month=fmt.month(m.year_ago, lang)))
ui.key_figures(m.cards, lang, m.year_ago)
for card in m.cards:  # a figure the source lacks: why, from the months the database has
    if card.missing:
        st.caption(card.missing)
for sentence in m.sentences:
    st.markdown(f"- {sentence}")
if m.projects is not None:
    st.page_link(
        "pages/hankkeet.py",
        label=m.projects.label,
        icon=":material/folder_special:",
        query_params=m.projects.params,
    )

# The charts: panels of kohtaanto/panels/yleiskuva.py, the same ones the storylines show.
if m.no_outlook:  # said once, not under every chart that would have had one
    st.caption(m.no_outlook)
left, right = st.columns(2)
with left:
    ui.show_panel("share", f)
with right:
    ui.show_panel("tightness", f)
left, right = st.columns(2)
with left:
    ui.show_panel("counts", f)
with right:
    ui.show_panel("age_share", f, empty_text=m.age_missing)
