"""Alueet: a map and a ranking of the areas of one level by an indicator (at the municipality
level, the municipalities of the chosen area), the chosen area over time against the country and
its peers, and the key figures of every area of the level as the employment bulletin prints them.
A click on an area (map or bar) chooses it everywhere."""

import streamlit as st

from kohtaanto import fmt, ui
from kohtaanto.charts import maps as charts_map
from kohtaanto.db import run_query
from kohtaanto.i18n import name_column, t
from kohtaanto.panels.alueet import LEVELS, MEASURES, snapshot

f = ui.filters()
lang = f.lang
st.title(t("alueet.title", lang, area=f.area_name))
st.caption(t("alueet.lead", lang))
levels = run_query("alueet_levels", start=f.start, end=f.end).set_index("level")
options = [lv for lv in LEVELS if lv in levels.index]
if not options:
    st.info(t("common.no_data", lang), icon=":material/info:")
    st.stop()
left, right = st.columns(2)
level = ui.page_choice(
    "level",
    t("alueet.level", lang),
    options,
    "region" if "region" in options else options[0],
    lambda v: t(f"alueet.levels.{v}", lang),
    container=left,
)
row = levels.loc[level]
offered = [m for m in MEASURES if row[m] > 0]
measure = ui.page_choice(
    "measure",
    t("alueet.measure", lang),
    offered,
    "unemployment_share" if "unemployment_share" in offered else offered[0],
    lambda v: t(f"alueet.measures.{v}", lang),
    container=right,
)
if absent := [t(f"alueet.measures.{m}", lang) for m in MEASURES if m not in offered]:
    right.caption(t("alueet.not_offered", lang, names=", ".join(absent)))

# The latest month with figures of this measure (the ranking panel's own snapshot, so the map,
# the ranking and the sentence speak of one month).
s = snapshot(f, level, measure)
if s is None:
    st.info(t("common.no_data", lang), icon=":material/info:")
    st.stop()
month_text = fmt.month(s.month.date(), lang)
areas = run_query("area_list")
name_of = dict(zip(areas.area_code, areas[name_column(lang)], strict=True))
level_of = dict(zip(areas.area_code, areas.level, strict=True))
snap, highlight = s.snap, s.highlight
if s.scope != "SSS":  # the municipalities of the chosen area, or of a municipality's region
    own = level_of.get(f.area) == level
    st.caption(
        t(
            "alueet.scope_municipality" if own else "alueet.scope",
            lang,
            area=f.area_name,
            level=t(f"level.{level_of[f.area]}", lang),
            region=name_of[s.scope],
            n=len(snap),
        )
    )
elif f.area != "SSS" and level_of.get(f.area) != level:
    st.caption(
        t(
            "alueet.related" if highlight else "alueet.unrelated",
            lang,
            area=f.area_name,
            level=t(f"level.{level_of[f.area]}", lang),
            names=", ".join(name_of[c] for c in highlight),
        )
    )
if missing := sorted(snap[snap.value.isna()].name):
    st.caption(t("alueet.missing_areas", lang, month=month_text, names=", ".join(missing)))


def picker(key: str):
    """A click on a map area or a bar makes it the sidebar's area (on every page)."""

    def pick() -> None:
        if code := charts_map.clicked_area(st.session_state.get(f"chart_{key}"), name_of):
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
    if snap.value.notna().sum() == 0:
        st.info(t("common.no_data", lang), icon=":material/info:")
    elif run_query("alueet_boundaries", level=level).empty:
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
