"""Alueet: a map and a ranking of the areas of one level by an indicator (at the municipality
level, the municipalities of the chosen area), the chosen area over time against the country and
its peers, and the key figures of every area of the level as the employment bulletin prints them.
A click on an area (map or bar) chooses it everywhere."""

import streamlit as st

from kohtaanto import ui
from kohtaanto.i18n import t
from kohtaanto.panels import alueet

f = ui.filters()
lang = f.lang
st.title(t("alueet.title", lang, area=f.area_name))
st.caption(t("alueet.lead", lang))
choices = alueet.levels(f)
if not choices.options:
    st.info(t("common.no_data", lang), icon=":material/info:")
    st.stop()
left, right = st.columns(2)
level = ui.page_choice(
    "level",
    t("alueet.level", lang),
    choices.options,
    choices.default,
    lambda v: t(f"alueet.levels.{v}", lang),
    container=left,
)
offered = choices.offered[level]
measure = ui.page_choice(
    "measure",
    t("alueet.measure", lang),
    offered,
    alueet.default_measure(offered),
    lambda v: t(f"alueet.measures.{v}", lang),
    container=right,
)
if absent := [t(f"alueet.measures.{m}", lang) for m in alueet.MEASURES if m not in offered]:
    right.caption(t("alueet.not_offered", lang, names=", ".join(absent)))

# The latest month with figures of this measure (the ranking panel's own snapshot, so the map,
# the ranking and the sentence speak of one month).
m = alueet.model(f, level, measure)
if m is None:
    st.info(t("common.no_data", lang), icon=":material/info:")
    st.stop()
for caption in m.captions:
    st.caption(caption)


def picker(key: str):
    """A click on a map area or a bar makes it the sidebar's area (on every page)."""

    def pick() -> None:
        if code := alueet.clicked(st.session_state.get(f"chart_{key}"), m):
            st.session_state["f_area"] = code

    return pick


def ranking() -> None:
    """The ranking: the panel of kohtaanto/panels/alueet.py, as in the storylines."""
    ui.show_panel(
        "region_ranking",
        f,
        key="alueet_ranking",
        on_select=picker("alueet_ranking"),
        level=level,
        measure=measure,
    )


with ui.guard("alueet.map_ranking", lang):
    if not m.has_values:
        st.info(t("common.no_data", lang), icon=":material/info:")
    elif not m.has_boundaries:
        st.info(t("alueet.no_boundaries", lang), icon=":material/map:")
        ranking()
    else:
        map_col, bar_col = st.columns([2, 3])
        with map_col:
            ui.show_panel(
                "area_map",
                f,
                key="alueet_map",
                on_select=picker("alueet_map"),
                level=level,
                measure=measure,
            )
        with bar_col:
            ranking()

ui.show_panel("peer_trend", f, key="alueet_trend", level=level, measure=measure)

# The bulletin's table here, not on Yleiskuva: it lists every area of a level, and this page
# holds the level (and at the municipality level the same municipalities as the map).
st.caption(t("bulletin.lead", lang))
ui.show_table_panel("key_figures", f, key="alueet_key_figures", level=level)
