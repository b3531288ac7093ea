"""Toimialat: open vacancies by industry, and the share of the employed aged 55–64 by industry."""

import pandas as pd
import streamlit as st

from kohtaanto import ui
from kohtaanto.charts import industries as ind
from kohtaanto.db import run_query
from kohtaanto.i18n import name_column, t

f = ui.filters()
lang = f.lang
st.title(t("toimialat.title", lang, area=f.area_name))
st.caption(t("toimialat.lead", lang))

st.subheader(t("toimialat.vacancies_title", lang))
cover = run_query("toimialat_coverage", area=f.area, start=f.start, end=f.end).iloc[0]
if not cover.in_database:
    st.info(t("toimialat.no_12tw", lang), icon=":material/cloud_download:")
elif pd.isna(cover.area_code):
    st.info(t("toimialat.no_vacancies_area", lang, area=f.area_name), icon=":material/info:")
else:
    area_name = cover[name_column(lang)] if cover.depth else f.area_name
    if cover.depth:
        st.info(
            t(
                "toimialat.covering",
                lang,
                area=f.area_name,
                covering=area_name,
                level=t(f"level.{cover.level}", lang),
            ),
            icon=":material/zoom_out_map:",
        )
    left, right = st.columns(2)
    with left:
        ui.show_panel("industry_vacancies", f)
    with right:
        ui.show_panel("industry_trend", f)

st.subheader(t("toimialat.age_title", lang))
st.caption(t("toimialat.age_why", lang))
emp = run_query("toimialat_employed_age")
if emp.empty:
    st.info(t("toimialat.no_lfs", lang), icon=":material/info:")
    st.stop()
emp = ind.with_names(emp, lang)
emp["period"] = pd.to_datetime(emp.period)
years = sorted(emp.period.dt.year.unique())
year = years[-1]
# The comparison shows the first and the latest year, and the text names just those two.
st.caption(
    t("toimialat.age_scope", lang, year=year, first=years[0])
    if len(years) > 1
    else t("toimialat.age_scope_one", lang, year=year)
)
left, right = st.columns(2)
with left:
    ui.show_panel("industry_55_64", f, empty_text=t("toimialat.no_lfs", lang))
if len(years) > 1:
    with right:
        ui.show_panel("industry_share_years", f)
