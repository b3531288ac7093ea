"""Charts of the projects databank and monitoring: pure functions, DataFrame in, figure out."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from kohtaanto import charts
from kohtaanto.i18n import t
from kohtaanto.note import Note


def projects_by_region(
    data: pd.DataFrame, *, lang: str, title: str, note: Note, highlight: str | None = None
) -> go.Figure:
    """Projects per region, ranked; ``data`` from ``projects_by_region`` with a ``name``."""
    fig = charts.bar_chart(
        data,
        label="name",
        value="projects",
        title=title,
        lang=lang,
        note=note,
        x_title=t("hankkeet.axis_projects", lang),
        highlight=highlight,
    )
    fig.update_xaxes(dtick=1, tickformat=",d")  # whole projects
    return fig


def context(
    data: pd.DataFrame, *, lang: str, title: str, note: Note, markers: bool = False
) -> go.Figure:
    """The area's unemployed (all ages and 50+ where the statistics have it) and tightness on a
    second axis, month by month over the project's own period (a month without figures is a
    break in the lines; ``markers`` when there are breaks, so that a lone month shows)."""
    fig = go.Figure()
    mode = "lines+markers" if markers else "lines"
    fig.add_scatter(
        x=data.period,
        y=data.unemployed,
        name=t("hankkeet.series_unemployed", lang),
        mode=mode,
        line={"color": charts.AREA, "width": 3},
    )
    if data.unemployed_50.notna().any():
        fig.add_scatter(
            x=data.period,
            y=data.unemployed_50,
            name=t("hankkeet.series_unemployed_50", lang),
            mode=mode,
            line={"color": charts.ACCENT, "width": 3},
        )
    fig.add_scatter(
        x=data.period,
        y=data.tightness,
        name=t("hankkeet.series_tightness", lang),
        mode=mode,
        yaxis="y2",
        line={"color": charts.COUNTRY, "width": 2, "dash": "dot"},
    )
    charts.layout(fig, title=title, lang=lang, note=note, y_title=t("hankkeet.axis_persons", lang))
    charts.month_axis(fig, data.period)
    fig.update_yaxes(tickformat=",.0f")
    fig.update_layout(
        yaxis2={
            "title": t("hankkeet.axis_tightness", lang),
            "overlaying": "y",
            "side": "right",
            "rangemode": "tozero",
            "showgrid": False,
            "tickformat": f".{_decimals(data.tightness.max())}f",
        }
    )
    return fig


def _decimals(top: float) -> int:
    """Decimals enough for an axis from 0 to ``top`` to label each tick differently (a tightness
    of 0.012 has ticks 0.002 apart: three decimals, not 0,01 twice)."""
    if top is None or not top > 0 or math.isnan(top):
        return 2
    return max(2, 1 - math.floor(math.log10(top)))


def progress_bars(data: pd.DataFrame, *, lang: str, title: str, note: Note) -> go.Figure:
    """Progress against target beside the share of time elapsed, one pair of bars per project."""
    fig = go.Figure()
    fig.add_bar(
        y=data.label,
        x=data.progress * 100,
        orientation="h",
        name=t("seuranta.series_progress", lang),
        marker_color=charts.AREA,
    )
    fig.add_bar(
        y=data.label,
        x=data.elapsed * 100,
        orientation="h",
        name=t("seuranta.series_elapsed", lang),
        marker_color="#B0B0B0",
    )
    charts.layout(fig, title=title, lang=lang, note=note, height=max(360, 48 * len(data) + 160))
    fig.update_layout(barmode="group", hovermode="closest")
    fig.update_xaxes(ticksuffix="%" if lang == "en" else "\u00a0%", gridcolor="#e6e6e6")
    fig.update_yaxes(automargin=True)
    return fig
