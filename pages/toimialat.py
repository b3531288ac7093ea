"""Toimialat: open vacancies by industry, and the share of the employed aged 55–64 by industry."""

import pandas as pd
import streamlit as st

from kohtaanto import charts, fmt, ui
from kohtaanto import charts_industries as ind
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
    month = pd.Timestamp(cover.last_month)
    vac = ind.with_names(
        run_query("toimialat_vacancies", area=cover.area_code, start=f.start, end=f.end), lang
    )
    vac["period"] = pd.to_datetime(vac.period)
    latest = vac[(vac.period == month) & vac.open_vacancies.notna()]
    left, right = st.columns(2)
    with left, ui.guard("toimialat.1", lang):
        note = charts.footnote(lang, latest.source_table, month.date(), month.date(), latest.status)
        fig = ind.vacancy_bars(
            latest,
            lang=lang,
            note=note,
            title=t(
                "toimialat.chart_ranked", lang, area=area_name, month=fmt.month(month.date(), lang)
            ),
        )
        ui.show_chart(
            fig,
            ind.table(latest, ["name", "open_vacancies", "status"], lang),
            "industry_vacancies",
            lang,
        )
    with right, ui.guard("toimialat.2", lang):
        top = vac[vac.industry_code.isin(ind.top_industries(vac, month))].dropna(
            subset=["open_vacancies"]
        )
        fig = ind.vacancy_trend(
            top,
            lang=lang,
            title=t("toimialat.chart_trend", lang, area=area_name),
            note=charts.footnote(
                lang, top.source_table, *charts.span(top.period, f.start, f.end), top.status
            ),
        )
        ui.show_chart(
            fig, ind.table(top, ["name", "period", "open_vacancies"], lang), "industry_trend", lang
        )

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
rows = emp[emp.period.dt.year == year]
# The comparison shows the first and the latest year, and the text names just those two.
st.caption(
    t("toimialat.age_scope", lang, year=year, first=years[0])
    if len(years) > 1
    else t("toimialat.age_scope_one", lang, year=year)
)
left, right = st.columns(2)
with left, ui.guard("toimialat.3", lang):
    # The panel of kohtaanto/panels/toimialat.py, as in the storylines.
    ui.show_panel("industry_55_64", f, empty_text=t("toimialat.no_lfs", lang))
if len(years) > 1:
    both = emp[emp.period.dt.year.isin([years[0], year])]
    with right, ui.guard("toimialat.4", lang):
        fig = ind.years_chart(
            both,
            lang=lang,
            title=t("toimialat.chart_years", lang, first=years[0], last=year),
            note=charts.footnote(
                lang, both.sources, None, None, both.status, survey=True, years=[years[0], year]
            ),
        )
        ui.show_chart(
            fig, ind.table(both, ["name", "period", "share"], lang), "industry_share_years", lang
        )
