"""Kohtaanto: the Beveridge curve, labour-market tightness and the mismatch index (across
occupations for the chosen area, across regions for the country), each against the country."""

import pandas as pd
import streamlit as st

from kohtaanto import charts, ui
from kohtaanto.charts_matching import fit_half_width
from kohtaanto.db import run_query
from kohtaanto.i18n import name_column, t

f = ui.filters()
lang = f.lang
names = {f.area: f.area_name, "SSS": t("common.country", lang)}
# Titles name the area and the country, or only the country when that is the chosen area.
pair = "one" if f.area == "SSS" else "pair"


def note(df: pd.DataFrame) -> str:
    return charts.footnote(
        lang, df.sources.dropna(), *charts.span(df.period, f.start, f.end), df.status
    )


def with_series(df: pd.DataFrame) -> pd.DataFrame:
    return df.assign(series=df.area_code.map(names), period=pd.to_datetime(df.period))


st.title(t("kohtaanto.title", lang, area=f.area_name))
st.caption(t("kohtaanto.lead", lang))

month = with_series(run_query("kohtaanto_area_month", area=f.area, start=f.start, end=f.end))
x_title, y_title = t("kohtaanto.unemployment_share", lang), t("kohtaanto.vacancy_share", lang)


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
occ = with_series(
    run_query(
        "kohtaanto_mismatch_occupation", area=f.area, level=int(level), start=f.start, end=f.end
    )
)
region = with_series(run_query("kohtaanto_mismatch_region", start=f.start, end=f.end))
mine = occ[occ.area_code == f.area]
left, right = st.columns(2)
with left, ui.guard("kohtaanto.3", lang):
    if mine.empty:
        cover = run_query("kohtaanto_cover", area=f.area)
        regions = f" {t('kohtaanto.and', lang)} ".join(cover[name_column(lang)])
        key = "kohtaanto.no_occupation_cover" if regions else "kohtaanto.no_occupation"
        st.info(t(key, lang, area=f.area_name, regions=regions), icon=":material/info:")
    else:
        data = occ[["series", "period", "mismatch_index"]]
        title = t(
            f"kohtaanto.mismatch_occupation_{pair}",
            lang,
            area=f.area_name,
            level=t("kohtaanto.level_option", lang, digits=level),
        )
        fig = charts.line_chart(
            data,
            x="period",
            y="mismatch_index",
            series="series",
            lang=lang,
            title=title,
            note=note(occ),
            y_title=t("kohtaanto.index_axis", lang),
            y_percent=True,
            highlight=f.area_name,
            decimals=1,
        )
        ui.show_chart(fit_half_width(fig), data, "mismatch_occupation", lang)
        st.caption(
            t(
                "kohtaanto.mismatch_explain",
                lang,
                segments=int(mine.segments.max()),
                level=t("kohtaanto.level_in", lang, digits=level),
            )
        )
with right, ui.guard("kohtaanto.4", lang):
    data = region[["series", "period", "mismatch_index"]]
    fig = charts.line_chart(
        data,
        x="period",
        y="mismatch_index",
        series="series",
        lang=lang,
        title=t("kohtaanto.mismatch_region_title", lang),
        note=note(region),
        y_title=t("kohtaanto.index_axis", lang),
        y_percent=True,
        highlight=names["SSS"],
        decimals=1,
    )
    ui.show_chart(fit_half_width(fig), data, "mismatch_region", lang)
    if not region.empty:
        segments = int(region.segments.max())
        st.caption(t("kohtaanto.mismatch_region_explain", lang, segments=segments))
