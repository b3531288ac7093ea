"""Alueet: a map and a ranking of the areas of one level by an indicator, and the chosen area over
time against the country and its peers. A click on an area (map or bar) chooses it everywhere."""

import streamlit as st

from kohtaanto import charts, charts_map, fmt, ui
from kohtaanto.db import run_query
from kohtaanto.i18n import name_column, t
from kohtaanto.panels.alueet import LEVELS, MEASURES, shown_as, snapshot

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
month = s.month
month_text = fmt.month(month.date(), lang)
measure_name = t(f"alueet.measures.{measure}", lang)
shown = shown_as(measure, lang)
unit = t("common.percent", lang) if shown["percent"] else t("alueet.ratio_unit", lang)
areas = run_query("area_list")
name_of = dict(zip(areas.area_code, areas[name_column(lang)], strict=True))
level_of = dict(zip(areas.area_code, areas.level, strict=True))
values = s.values.assign(name=s.values.area_code.map(name_of))
snap, reference, highlight, holders = s.snap, s.reference, s.highlight, s.holders
if f.area != "SSS" and level_of.get(f.area) != level:
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

note = charts.footnote(lang, snap.sources.dropna(), month, month, snap.status.dropna())
columns = {
    "area_code": t("alueet.col.code", lang),
    "name": t("alueet.col.area", lang),
    "period": t("alueet.col.month", lang),
    "value": measure_name,
}
table = snap[["area_code", "name", "value"]].rename(columns=columns)


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


def titled(sub: str) -> str:
    return f"{measure_name}<br><sup>{sub}</sup>"


with ui.guard("alueet.map_ranking", lang):
    boundaries = run_query("alueet_boundaries", level=level)
    if snap.value.notna().sum() == 0:
        st.info(t("common.no_data", lang), icon=":material/info:")
    elif boundaries.empty:
        st.info(t("alueet.no_boundaries", lang), icon=":material/map:")
        ranking()
    else:
        sub = t("alueet.map_sub", lang, by=t(f"alueet.by.{level}", lang), month=month_text)
        if highlight:
            many = t("alueet.within", lang, area=f.area_name, n=len(highlight))
            names = ", ".join(map(name_of.get, highlight)) if len(highlight) <= 2 else many
            sub += " · " + t("alueet.highlighted", lang, names=names)
        map_fig = charts_map.choropleth(
            snap,
            charts_map.feature_collection(boundaries),
            title=titled(sub),
            note=note,
            colour_title=unit if shown["percent"] else "",
            outline=highlight,
            missing_text=t("alueet.no_figure", lang),
            **shown,
        )
        map_col, bar_col = st.columns([2, 3])
        with map_col:
            ui.show_chart(map_fig, table, "alueet_map", lang, on_select=picker("alueet_map"))
        with bar_col:
            ranking()


with ui.guard("alueet.trend", lang):
    strong = [f.area, *holders]
    # A holder named like the chosen area (the employment area North Karelia holding the region)
    # is told apart by its level, in the title and in the legend.
    label = {
        c: f"{name_of[c]} ({t(f'level.{level_of[c]}', lang)})"
        for c in holders
        if name_of[c] == name_of.get(f.area)
    }
    names = [label.get(c, name_of[c]) for c in strong]
    names += [t("alueet.country_lc", lang)] if f.area != "SSS" else []
    peers = t(
        "alueet.other_peers" if level_of.get(f.area) == level else "alueet.all_peers",
        lang,
        peers=t(f"alueet.plural.{level}", lang),
    )
    title = t(
        "alueet.trend_title",
        lang,
        measure=measure_name,
        names=f"{', '.join(names)} {t('alueet.and', lang)} {peers}",
    )
    line = values[["area_code", "name", "period", "value"]].dropna(subset=["value"])
    line["name"] = [label.get(c, n) for c, n in zip(line.area_code, line.name, strict=True)]
    fig = charts_map.peer_trend(
        line,
        strong=strong,
        country=None if f.area == "SSS" else "SSS",
        title=title,
        y_title=unit,
        peers_label=t(f"alueet.levels.{level}", lang),
        note=charts.footnote(
            lang,
            values.sources.dropna(),
            *charts.span(line.period, f.start, f.end),
            values.status,
        ),
        **shown,
    )
    data = line.assign(period=line.period.dt.strftime("%Y-%m")).rename(columns=columns)
    ui.show_chart(fig, data, "alueet_trend", lang)
