"""Kokeneet osaajat 55+: experienced talent against younger jobseekers, in the age breaks each
source has: jobseekers by age over time, the experienced share by area, long-term unemployment by
age (the register), and the unemployment rate of those aged 55–64 (the Labour Force Survey)."""

import pandas as pd
import streamlit as st

from kohtaanto import fmt, ui
from kohtaanto.charts import age_figures as ca
from kohtaanto.charts import ages as age_rules
from kohtaanto.db import run_query
from kohtaanto.i18n import t

f = ui.filters()
lang, start, end = f.lang, f.start, f.end
period = f"{fmt.month_short(start)}–{fmt.month_short(end)}"
st.title(t("kokeneet.title", lang, area=f.area_name))
st.caption(t("kokeneet.lead", lang))


def load(name: str, **params) -> pd.DataFrame:
    data = run_query(name, **params)
    return data.assign(period=pd.to_datetime(data.period))


coverage = run_query("kokeneet_age_coverage")
trend = load("kokeneet_age_trend", area=f.area, start=start, end=end)
shown = trend[trend.period >= pd.Timestamp(start)]
order, focus = age_rules.age_break(shown, f.age)
shown = shown[shown.age_group.isin(order)]
long_term = load("kokeneet_long_term", area=f.area, start=start, end=end)
age_list = run_query("age_list")
ages = age_list.set_index("age_group")
wanted = f.age if f.age != "SSS" else age_rules.widest_experienced(age_list)
experienced = focus or wanted

lfs_view = ui.build_panel("lfs_55_64", f)
sentences = [
    ca.share_sentence(trend, focus, f.area_name, lang) if focus else None,
    ca.trend_sentence(shown, order, focus, lang),
    ca.long_term_sentence(long_term, experienced, lang),
    lfs_view.takeaway if lfs_view else None,
]
for sentence in filter(None, sentences):
    st.markdown(f"- {sentence}")


@st.fragment
def trend_block() -> None:
    """Jobseekers by age with its own measure control: a change of it redraws this block only."""
    with ui.guard("kokeneet.trend", lang):
        measure = "index"
        if len(shown):
            measure = ui.page_choice(
                "measure",
                t("kokeneet.measure_label", lang),
                ("index", "count", "share"),
                "index",
                lambda m: t(f"kokeneet.measure_{m}", lang),
                horizontal=True,
            )
        # The panel of kohtaanto/panels/kokeneet.py, as in the storylines.
        trend_view = ui.show_panel(
            "experienced_trend",
            f,
            key="age_trend",
            measure=measure,
            empty_text=t(
                "kokeneet.trend_missing",
                lang,
                area=f.area_name,
                period=period,
                coverage=ca.coverage_text(coverage, "unemployed", lang),
            ),
        )
        if trend_view is not None and focus != f.age:
            key = "kokeneet.all_ages_chosen" if f.age == "SSS" else "kokeneet.age_not_here"
            st.caption(
                t(
                    key,
                    lang,
                    age=age_rules.group_label(f.age, ages, lang),
                    shown=age_rules.group_label(focus, ages, lang),
                )
            )


left, right = st.columns(2)
with left:
    trend_block()
with right, ui.guard("kokeneet.2", lang):
    shares = load("kokeneet_age_share_areas", age=wanted or "", start=start, end=end)
    latest = shares[(shares.period == shares.period.max()) & (shares.level != "country")]
    counts = latest.level.value_counts().to_dict()
    # Only rankings that include the chosen area, an area holding it or areas within it.
    rel = run_query("related_areas", area=f.area)
    related = set(rel[rel.relation != "overlaps"].area_code)
    levels = ca.share_levels(latest, related, f.area)
    area_level = run_query("area_list").set_index("area_code").level.get(f.area, "")
    age = age_rules.group_label(wanted, ages, lang)
    coverage_text = ca.coverage_text(coverage, "unemployed", lang, age=age)
    if len(latest) and not levels:
        st.info(
            t(
                "kokeneet.share_not_here",
                lang,
                area=f.area_name,
                level=t(f"level.{area_level}", lang),
                age=age,
                period=period,
                coverage=coverage_text,
            ),
            icon=":material/info:",
        )
    else:
        level = None
        if levels:
            level = ui.page_choice(
                "level",
                t("kokeneet.level_label", lang),
                levels,
                ca.pick_level(levels, area_level, counts),
                lambda lv: f"{t('level.' + lv, lang)} ({counts[lv]})",
                container=right,
            )
        missing = "kokeneet.share_missing" if wanted else "kokeneet.share_missing_any"
        ui.show_panel(
            "age_share_areas",
            f,
            level=level or "",
            empty_text=t(missing, lang, age=age, period=period, coverage=coverage_text),
        )

left, right = st.columns(2)
with left:
    ui.show_panel(
        "long_term_age",
        f,
        empty_text=t(
            "kokeneet.long_term_missing",
            lang,
            area=f.area_name,
            period=period,
            coverage=ca.coverage_text(coverage, "long_term_unemployed", lang),
        ),
    )
with right:
    ui.show_panel(
        "lfs_55_64",
        f,
        built=lfs_view,
        empty_text=t("kokeneet.lfs_missing", lang, years=ca.years_label(start, end)),
    )
    st.caption(t("kokeneet.lfs_caption", lang))
