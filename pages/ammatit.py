"""Ammatit: occupations in the chosen area, where jobs go begging and where jobseekers pile up."""

import pandas as pd
import streamlit as st

from kohtaanto import fmt, ui
from kohtaanto.charts import occupations as occ
from kohtaanto.db import run_query
from kohtaanto.i18n import name_column, t

LEVELS = ["1", "2", "3", "4"]

f = ui.filters()
lang = f.lang
st.title(t("ammatit.title", lang, area=f.area_name))
cover = run_query("ammatit_coverage", area=f.area, start=f.start, end=f.end)
if cover.empty:
    st.info(t("ammatit.no_coverage", lang, area=f.area_name), icon=":material/info:")
    st.stop()
area, month = cover.area_code.iloc[0], pd.Timestamp(cover.last_month.iloc[0]).date()
area_name = cover[name_column(lang)].iloc[0] if cover.depth.iloc[0] else f.area_name
if cover.depth.iloc[0]:
    st.info(
        t(
            "ammatit.covering",
            lang,
            area=f.area_name,
            covering=area_name,
            level=t(f"level.{cover.level.iloc[0]}", lang),
        ),
        icon=":material/zoom_out_map:",
    )
st.caption(t("ammatit.lead", lang, month=fmt.month_in(month, lang)))
data = occ.with_labels(run_query("ammatit_month", area=area, month=month), lang)


left, right = st.columns([2, 3])
level = ui.page_choice(
    "level",
    t("ammatit.level", lang),
    LEVELS,
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
of_level = occ.occupations_of(data, int(level))
labels = dict(zip(of_level.occupation_code, of_level.label, strict=True))
occupation = ui.page_choice(
    "occupation",
    t("ammatit.occupation", lang),
    ["", *labels],
    "",
    lambda c: labels.get(c) or t("ammatit.all_of_level", lang),
    container=right,
)

seg, scope = occ.segments(data, int(level), occupation)
shown = seg.dropna(subset=["unemployed", "open_vacancies"])
if shown.empty and not occupation:
    have = sorted(data[data.level.between(1, 4) & data.unemployed.notna()].level.unique())
    st.info(t("ammatit.level_missing", lang, levels=", ".join(map(str, have)) or "–"))
    st.stop()
scope_text = t(
    f"ammatit.scope_{scope}",
    lang,
    level=level,
    occupation=occ.shorten(labels.get(occupation, ""), 40),
)

cols = st.columns(2) if occupation else [st.container()]
with cols[0]:
    ui.show_panel(
        "occupation_scatter",
        f,
        level=level,
        occupation=occupation,
        empty_text=t("ammatit.suppressed", lang, scope=scope_text, area=area_name),
    )
    notes = [t("ammatit.left_out", lang, n=len(seg) - len(shown))] if len(seg) > len(shown) else []
    if len(empty := occ.both_zero(shown)):
        notes.append(t("ammatit.both_zero", lang, n=len(empty)))
    x_total = occ.x_classes(data).unemployed.sum()
    if scope == "level" and x_total > 0:
        notes.append(t("ammatit.x_note", lang, n=fmt.number(x_total, lang)))
    if notes:
        st.caption(" ".join(notes))
if occupation:
    with cols[1]:
        ui.show_panel(
            "occupation_trend",
            f,
            level=level,
            occupation=occupation,
            empty_text=t("ammatit.suppressed", lang, scope=labels[occupation], area=area_name),
        )

if len(shown):
    size = occ.min_size(shown)
    st.subheader(t("ammatit.rankings_title", lang))
    st.caption(t("ammatit.ranking_lead", lang, size=fmt.number(size, lang)))
    for col, side in zip(st.columns(2), ("shortage", "surplus"), strict=True):
        with col:
            empty = t("ammatit.ranking_empty", lang, size=fmt.number(size, lang))
            ui.show_panel(
                side,
                f,
                key=f"occupation_{side}",
                empty_text=empty,
                level=level,
                occupation=occupation,
            )
            if len(rest := occ.without_ratio(shown, side, size)):
                count = "unemployed" if side == "surplus" else "open_vacancies"
                names = [
                    t(
                        f"ammatit.without_ratio_item_{side}",
                        lang,
                        label=r.label,
                        n=fmt.number(r[count], lang),
                    )
                    for _, r in rest.iterrows()
                ]
                st.caption(t(f"ammatit.without_ratio_{side}", lang, names="; ".join(names)))

st.subheader(t("ammatit.transitions_title", lang))
st.info(t("ammatit.no_age", lang), icon=":material/info:")
pairs = occ.transitions(data, scope=occupation)
if pairs.empty:
    st.info(t("ammatit.transitions_empty", lang))
    st.stop()
finest = int(data[data.level.between(1, 4) & data.unemployed.notna()].level.max())
st.caption(
    t(
        "ammatit.transitions_lead",
        lang,
        digits=max(1, finest - 2),
        month=fmt.month(month, lang),
        area=area_name,
        min=occ.MIN_NEAR_VACANCIES,
    )
)
lines = []
for _, rows in pairs.groupby("occupation_code", sort=False):
    first = rows.iloc[0]
    near = [
        t(
            "ammatit.transition_near",
            lang,
            label=r.near_label,
            vacancies=fmt.number(r.near_vacancies, lang),
            ratio=occ.ratio_text(r.near_ratio, lang),
        )
        for r in rows.itertuples()
        if pd.notna(r.near_code)
    ]
    lines.append(
        t(
            "ammatit.transition_line",
            lang,
            label=first.label,
            unemployed=fmt.number(first.unemployed, lang),
            ratio=occ.ratio_text(first.ratio, lang, sentence=True),
            near="; ".join(near) or t("ammatit.transition_none", lang),
        )
    )
st.markdown("\n".join(lines))
# Sent when opened, like a chart's table (ui.show_chart): a data grid drawn hidden on every
# load cost the browser more than a chart.
pairs_box = st.expander(t("common.show_data", lang), key="table_transitions", on_change="rerun")
if pairs_box.open:
    shown_pairs = pairs.drop(columns=["occupation_code", "near_code"]).round(2)
    ui.show_table(
        pairs_box,
        shown_pairs.rename(columns=lambda c: t(f"ammatit.pair_{c}", lang, digits=finest - 1)),
        lang,
        caption=t("ammatit.transitions_title", lang),
    )
