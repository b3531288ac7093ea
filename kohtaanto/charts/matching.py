"""Figures of the Kohtaanto page as pure functions: DataFrame in, Plotly figure out.

The Beveridge curve plots the unemployment share against the vacancy share month by month, one
connected line per area. Arrow markers point the way time runs and grow stronger towards the
latest month, so the direction reads without a legend. A few months of the chosen area's line
carry a label (the first, the last and some Januaries), each placed where it covers no other
label or point; every month of every line is in the hover.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from kohtaanto import charts, fmt
from kohtaanto.charts.occupations import densify, place_labels, to_pixels
from kohtaanto.note import Note

MAX_LABELLED_YEARS = 4
HEIGHT = 480
# The plot area of a half-width chart, in pixels, for placing the month labels.
PLOT_WIDTH, PLOT_HEIGHT = 470, 265


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
    note: Note,
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
    ranges = [_padded(data[x]), _padded(data[y])]
    pixels = {}
    for name in names:
        part = data[data[series] == name].sort_values("period")
        pixels[name] = list(
            zip(
                to_pixels(part[x], *ranges[0], PLOT_WIDTH, False),
                to_pixels(part[y], *ranges[1], PLOT_HEIGHT, False),
                strict=True,
            )
        )
    for i, name in enumerate(names):
        part = data[data[series] == name].sort_values("period")
        periods = pd.to_datetime(part["period"])
        mine = name == highlight or (highlight is None and i == len(names) - 1)
        colour = charts.AREA if mine else charts.COUNTRY
        n = len(part)
        texts = [""] * n
        spots: list[str | None] = [None] * n
        if mine:  # only the chosen area's line is labelled: two labelled lines would collide
            show = labelled_months(periods)
            texts = [
                fmt.month_short(p.date()) if s else "" for p, s in zip(periods, show, strict=True)
            ]
            others = [xy for other, pts in pixels.items() if other != name for xy in densify(pts)]
            # Unlabelled months of its own line are obstacles as much as the other lines are.
            # The first and the last month first (always kept), then the Januaries.
            order = sorted(range(n), key=lambda j: (j not in (0, n - 1), j))
            placed = place_labels(
                [pixels[name][j] for j in order],
                [texts[j] for j in order],
                obstacles=others + densify(pixels[name]),
                width=PLOT_WIDTH,
                height=PLOT_HEIGHT,
                marker_px=11,
                keep=2,
            )
            for j, spot in zip(order, placed, strict=True):
                spots[j] = spot
            texts = [text if spot else "" for text, spot in zip(texts, spots, strict=True)]
        fig.add_scatter(
            x=part[x],
            y=part[y],
            name=str(name),
            mode="lines+markers+text" if mine else "lines+markers",
            line={"color": colour, "width": 2.5 if mine else 1.5},
            marker={
                "symbol": "arrow",
                "angleref": "previous",
                "size": 11 if mine else 9,
                "color": colour,
                # Older months fade: time runs from pale to strong.
                "opacity": [0.25 + 0.75 * (j / (n - 1) if n > 1 else 1) for j in range(n)],
            },
            text=texts,
            textposition=[spot or "top center" for spot in spots],
            textfont={"size": 11, "color": colour},
            customdata=[fmt.month(p.date(), lang) for p in periods],
            hovertemplate=(
                f"<b>%{{fullData.name}}</b> · %{{customdata}}<br>{x_title}: %{{x:,.1f}}{pct}"
                f"<br>{y_title}: %{{y:,.1f}}{pct}<extra></extra>"
            ),
        )
    charts.layout(
        fig,
        title=title,
        lang=lang,
        note=note,
        y_title=y_title,
        x_title=x_title,
        y_percent=True,
        height=HEIGHT,
    )
    # The x-axis title sits where the house footnote would start: move the footnote below it
    # (in pixels, so it stays inside the figure at any export size).
    fig.update_layout(hovermode="closest", legend={"traceorder": "reversed"}, margin_b=120)
    fig.layout.annotations[0].yshift = -68
    fig.update_xaxes(
        ticksuffix=pct, showgrid=True, gridcolor="#e6e6e6", zeroline=False, range=ranges[0]
    )
    fig.update_yaxes(rangemode="normal", range=ranges[1])
    return fig


def _padded(values: pd.Series, share: float = 0.08) -> list[float]:
    """An axis range around ``values`` with ``share`` of their span (at least 0.1) on each side;
    0–1 without values."""
    if values.dropna().empty:
        return [0.0, 1.0]
    lo, hi = float(values.min()), float(values.max())
    pad = max((hi - lo) * share, 0.1)
    return [lo - pad, hi + pad]


TITLE_PAD, TITLE_LINE_PX, LEGEND_PX = 14, 24, 30


def fit_half_width(fig: go.Figure, max_chars: int = 56) -> go.Figure:
    """Wrap a long title after its last colon (Plotly does not wrap text) for a chart in half
    the page width. The title hangs from the top of the figure and the top margin holds its two
    lines and the legend row under them, so the title never touches the legend."""
    title = fig.layout.title.text or ""
    if len(title) > max_chars and ": " in title:
        what, where = title.rsplit(": ", 1)
        fig.update_layout(
            title={
                "text": f"{what}:<br>{where}",
                "yref": "container",
                "y": 1,
                "yanchor": "top",
                "pad": {"t": TITLE_PAD},
            },
            margin_t=TITLE_PAD + 2 * TITLE_LINE_PX + LEGEND_PX,
        )
    return fig
