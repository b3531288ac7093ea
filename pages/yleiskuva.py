"""Yleiskuva: key figures of the latest month for the chosen area, with trends against the country."""

import pandas as pd
import streamlit as st

from kohtaanto import charts, fmt, ui
from kohtaanto.db import run_query
from kohtaanto.i18n import name_column, t
from kohtaanto.narrative import change_sentences
from kohtaanto.projects_ui import ongoing_projects_link

f = ui.filters()
lang = f.lang
trend = run_query("area_trend", area=f.area, start=f.start, end=f.end)
trend["period"] = pd.to_datetime(trend["period"])
mine = trend[trend.area_code == f.area]
country_name = t("common.country", lang)

st.title(t("yleiskuva.title", lang, area=f.area_name))
latest = mine.dropna(subset=["unemployed"]).tail(1)
if latest.empty:
    st.info(t("common.no_data", lang))
    st.stop()
now = latest.iloc[0]
ago_rows = mine[mine.period == now.period - pd.DateOffset(years=1)]
ago = ago_rows.iloc[0] if len(ago_rows) else None
st.caption(t("yleiskuva.lead", lang, month=fmt.month(now.period.date(), lang)))

age = run_query("age_trend", area=f.area, age=f.age, start=f.start, end=f.end)
age["period"] = pd.to_datetime(age["period"])
age_mine = age[(age.area_code == f.area) & (age.period == now.period)]
age_ago = age[(age.area_code == f.area) & (age.period == now.period - pd.DateOffset(years=1))]
age_name = run_query("age_list").set_index("age_group").loc[f.age, name_column(lang)]


def metric(col, label: str, value, before, *, kind: str = "count", inverse: bool = False) -> None:
    show = {"count": lambda v: fmt.number(v, lang), "ratio": lambda v: fmt.number(v, lang, 2),
            "percent": lambda v: fmt.percent(v, lang)}[kind]  # fmt: skip
    if value is None or pd.isna(value):
        col.metric(label, "–", help=t("yleiskuva.not_published", lang))
        return
    delta = None
    if before is not None and not pd.isna(before):
        diff = value - before
        delta = fmt.signed(diff, lang, 2 if kind == "ratio" else 1 if kind == "percent" else 0)
        # Streamlit reads the direction from a leading ASCII hyphen, not from a minus sign.
        delta = delta.replace("\u2212", "-")
    col.metric(label, show(value), delta, delta_color="inverse" if inverse else "normal",
               help=t("yleiskuva.delta_help", lang, month=fmt.month((now.period - pd.DateOffset(years=1)).date(), lang)))  # fmt: skip


def prev(column: str):
    return None if ago is None else ago[column]


cols = [*st.columns(3, border=True), *st.columns(3, border=True)]
metric(cols[0], t("yleiskuva.unemployed", lang), now.unemployed, prev("unemployed"), inverse=True)
metric(cols[1], t("yleiskuva.age_unemployed", lang, age=age_name.lower()),
       age_mine.value.iloc[0] if len(age_mine) else None,
       age_ago.value.iloc[0] if len(age_ago) else None, inverse=True)  # fmt: skip
metric(
    cols[2],
    t("yleiskuva.long_term", lang),
    now.long_term_unemployed,
    prev("long_term_unemployed"),
    inverse=True,
)
metric(cols[3], t("yleiskuva.open_vacancies", lang), now.open_vacancies, prev("open_vacancies"))
metric(cols[4], t("yleiskuva.tightness", lang), now.tightness, prev("tightness"), kind="ratio")
metric(cols[5], t("yleiskuva.unemployment_share", lang), now.unemployment_share,
       prev("unemployment_share"), kind="percent", inverse=True)  # fmt: skip

for sentence in change_sentences(now, ago, f.area_name, lang):
    st.markdown(f"- {sentence}")
ongoing_projects_link(f)

names = {f.area: f.area_name, "SSS": country_name}
trend["series"] = trend.area_code.map(names)
note = charts.footnote(lang, trend.sources.dropna(), f.start, f.end, trend.status)
left, right = st.columns(2)
with left:
    data = trend[["series", "period", "unemployment_share"]].dropna()
    fig = charts.line_chart(data, x="period", y="unemployment_share", series="series", lang=lang, note=note,
                            title=t("yleiskuva.chart_share", lang, area=f.area_name),
                            y_title=t("common.percent", lang), y_percent=True, highlight=f.area_name, decimals=1)  # fmt: skip
    ui.show_chart(fig, data, "share", lang)
with right:
    data = trend[["series", "period", "tightness"]].dropna()
    fig = charts.line_chart(data, x="period", y="tightness", series="series", lang=lang, note=note,
                            title=t("yleiskuva.chart_tightness", lang, area=f.area_name),
                            highlight=f.area_name, decimals=2)  # fmt: skip
    ui.show_chart(fig, data, "tightness", lang)

left, right = st.columns(2)
with left:
    counts = mine.melt(id_vars="period", value_vars=["unemployed", "open_vacancies", "long_term_unemployed"],
                       var_name="measure", value_name="value").dropna()  # fmt: skip
    counts["series"] = counts.measure.map(
        lambda m: t(f"yleiskuva.{'long_term' if m.startswith('long') else m}", lang)
    )
    fig = charts.line_chart(counts[["series", "period", "value"]], x="period", y="value", series="series",
                            lang=lang, note=charts.footnote(lang, mine.sources.dropna(), f.start, f.end, mine.status),
                            title=t("yleiskuva.chart_counts", lang, area=f.area_name), y_title=t("common.persons", lang))  # fmt: skip
    ui.show_chart(fig, counts[["series", "period", "value"]], "counts", lang)
with right:
    age["series"] = age.area_code.map(names)
    data = age[["series", "period", "share"]].dropna()
    fig = charts.line_chart(data, x="period", y="share", series="series", lang=lang, highlight=f.area_name,
                            note=charts.footnote(lang, age.source_table, f.start, f.end, age.status),
                            title=t("yleiskuva.chart_age", lang, age=age_name.lower(), area=f.area_name),
                            y_title=t("common.percent", lang), y_percent=True, decimals=1)  # fmt: skip
    # Without the area's own line the chart would show the country alone under the area's name.
    shown = data if (age.area_code == f.area).any() else data.iloc[0:0]
    missing = t("yleiskuva.age_missing", lang, age=age_name.lower())
    ui.show_chart(fig, shown, "age", lang, empty_text=missing)
