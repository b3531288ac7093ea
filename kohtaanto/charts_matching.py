"""Figures of the Kohtaanto page as pure functions: DataFrame in, Plotly figure out.

The Beveridge curve plots the unemployment share against the vacancy share month by month, one
connected line per area. Arrow markers point the way time runs and grow stronger towards the
latest month, so the direction reads without a legend; a few months carry a label (every
January, the first and the last month) and every month is in the hover.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from kohtaanto import charts, fmt

MAX_LABELLED_YEARS = 8


def labelled_months(periods: pd.Series) -> list[bool]:
    """Which months get a text label: the first, the last and every ``k``-th January.

    ``k`` grows with the span so that no more than about ``MAX_LABELLED_YEARS`` Januaries are
    labelled per line. ``periods`` must be sorted.
    """
    dates = pd.to_datetime(pd.Series(periods)).reset_index(drop=True)
    if dates.empty:
        return []
    years = dates.dt.year
    step = max(1, math.ceil((years.iloc[-1] - years.iloc[0] + 1) / MAX_LABELLED_YEARS))
    last = len(dates) - 1
    out = []
    for i, when in enumerate(dates):
        january = when.month == 1 and (when.year - years.iloc[0]) % step == 0
        out.append(i in (0, last) or january)
    # A January within a quarter of the first or the last month would print on top of its label.
    for i in range(1, last):
        if (dates[i] - dates[0]).days < 92 or (dates[last] - dates[i]).days < 92:
            out[i] = False
    return out


def beveridge_chart(
    data: pd.DataFrame,
    *,
    series: str,
    title: str,
    x: str = "unemployment_share",
    y: str = "vacancy_share",
    lang: str,
    note: str,
    x_title: str,
    y_title: str,
    highlight: str | None = None,
) -> go.Figure:
    """The Beveridge curve: the unemployment share ``x`` against the vacancy share ``y``, in %.

    ``data`` has the columns ``series``, ``period``, ``x`` and ``y``; one line per value of
    ``series``, ``highlight`` in the area colour and drawn on top of the others.
    """
    fig = go.Figure()
    names = list(dict.fromkeys(data[series]))
    # The chosen area last, so its line and labels sit on top of the country's.
    names.sort(key=lambda n: n == highlight)
    pct = "%" if lang == "en" else "\u00a0%"
    for i, name in enumerate(names):
        part = data[data[series] == name].sort_values("period")
        periods = pd.to_datetime(part["period"])
        mine = name == highlight or (highlight is None and i == len(names) - 1)
        colour = charts.AREA if mine else charts.COUNTRY
        show = labelled_months(periods)
        n = len(part)
        fig.add_scatter(
            x=part[x],
            y=part[y],
            name=str(name),
            mode="lines+markers+text",
            line={"color": colour, "width": 2.5 if mine else 1.5},
            marker={
                "symbol": "arrow",
                "angleref": "previous",
                "size": 11 if mine else 9,
                "color": colour,
                # Older months fade: time runs from pale to strong.
                "opacity": [0.25 + 0.75 * (j / (n - 1) if n > 1 else 1) for j in range(n)],
            },
            text=[
                fmt.month_short(p.date()) if s else "" for p, s in zip(periods, show, strict=True)
            ],
            textposition="top center" if mine else "bottom center",
            textfont={"size": 11, "color": colour},
            customdata=[fmt.month(p.date(), lang) for p in periods],
            hovertemplate=(
                f"<b>%{{fullData.name}}</b> · %{{customdata}}<br>{x_title}: %{{x:,.1f}}{pct}"
                f"<br>{y_title}: %{{y:,.1f}}{pct}<extra></extra>"
            ),
        )
    charts.layout(fig, title=title, lang=lang, note=note, y_title=y_title, x_title=x_title,
                  y_percent=True, height=480)  # fmt: skip
    # The x-axis title sits where the house footnote would start: move the footnote below it
    # (in pixels, so it stays inside the figure at any export size).
    fig.update_layout(hovermode="closest", legend={"traceorder": "reversed"}, margin_b=120)
    fig.layout.annotations[0].yshift = -68
    fig.update_xaxes(ticksuffix=pct, showgrid=True, gridcolor="#e6e6e6", zeroline=False)
    fig.update_yaxes(rangemode="normal")
    return fig


def fit_half_width(fig: go.Figure, max_chars: int = 70) -> go.Figure:
    """Wrap a long title after its last colon (Plotly does not wrap text) for a chart in half
    the page width, with room made above the plot."""
    title = fig.layout.title.text or ""
    if len(title) > max_chars and ": " in title:
        what, where = title.rsplit(": ", 1)
        fig.update_layout(title_text=f"{what}:<br>{where}", margin_t=95)
    return fig
