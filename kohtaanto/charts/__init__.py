"""Charts as pure functions: DataFrame in, Plotly figure out, no Streamlit inside.

Every figure carries its title (what and where), axis units and a footnote with source, period
and status, so a PNG or a slide made from it still says where its numbers come from.
"""

from __future__ import annotations

import base64
import html
import json
import math
import re
import textwrap
from collections.abc import Iterable, Sequence
from urllib.parse import quote

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from kohtaanto import fmt
from kohtaanto.i18n import t
from kohtaanto.note import Note

# Plotly fetches a world base map (topojson) from its CDN for any map, even an invisible one;
# offline (a workshop without network) no map would be drawn. An empty topology as a data URL
# needs no network (the file name Plotly appends lands in the URL fragment, which is ignored).
NO_TOPOJSON = (
    "data:application/json,"
    + quote(json.dumps({"type": "Topology", "objects": {}, "arcs": []}), safe="")
    + "#"
)
# Plotly's toolbar keeps only Streamlit's full-screen button. Its other buttons (PNG, zoom, pan,
# zoom in and out, autoscale, reset) were seven Tab stops more per chart, labelled in English,
# and drew over the chart's title when focused. The page has its own PNG button and data table,
# a drag still zooms and a double-click zooms back out (Plotly says so, in the page's language:
# ``plotly_config``). On screen the button sits beside the plot, under the title
# (``toolbar_room`` and ui.show_chart).
MODEBAR_REMOVED = (
    "toImage",
    "zoom2d",
    "pan2d",
    "select2d",
    "lasso2d",
    "zoomIn2d",
    "zoomOut2d",
    "autoScale2d",
    "resetScale2d",
    "hoverClosestCartesian",
    "hoverCompareCartesian",
    "toggleSpikelines",
    "zoomInGeo",
    "zoomOutGeo",
    "resetGeo",
    "hoverClosestGeo",
    "resetViews",
    "toggleHover",
    "hoverClosestPie",
)
PLOTLY_CONFIG = {
    "displaylogo": False,
    "topojsonURL": NO_TOPOJSON,
    "modeBarButtonsToRemove": list(MODEBAR_REMOVED),
}
# Plotly's own messages that the reader can meet, by their English text (Plotly's dictionary
# keys) and the locale key of their translation.
PLOTLY_MESSAGES = {
    "Double-click to zoom back out": "chart_toolbar.zoom_back_out",
    "Double-click on legend to isolate one trace": "chart_toolbar.isolate_trace",
}
TOOLBAR_PX = 36  # the right margin that holds the full-screen button beside the plot (24 px)

# Colour-blind safe (Okabe–Ito), with the chosen area always in the strongest colour.
AREA = "#0060A8"
COUNTRY = "#6B6B6B"
ACCENT = "#D55E00"
INK = "#444444"  # axis text: 9.7:1 on white
PALETTE = ["#0060A8", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#6B6B6B", "#F0E442"]
FONT = "Source Sans Pro, Arial, sans-serif"
# Plotly wraps neither titles nor legends: a half-width chart (about 560 px at 1400 px) holds
# some 56 characters of its 18 px title and about 440 px of legend items in a row.
TITLE_WIDTH = 46
NOTE_WIDTH = 64  # characters of the 12 px footnote under a half-width plot
NOTE_LINE_PX = 16
# A break that only wraps a long line: plain text turns it into a space, while a "<br>" of the
# text itself separates parts (" · " in a footnote, " – " before a subtitle).
WRAP = "<br />"
TITLE_LINE_PX = 24
LEGEND_ROW_PX = 24
LEGEND_ROW_WIDTH = 440
# The plot of a half-width chart at 1366 px: a 445 px column less the margins and the toolbar.
HALF_PLOT_WIDTH = 340
LEGEND_SLACK_PX = 6  # under a legend drawn under the plot, before the footnote
# The width a legend has on a 390 px phone: the chart's 358 px less its side margins.
PHONE_LEGEND_WIDTH = 278
LABEL_WIDTH = 30  # characters of a category label on one line of a horizontal bar chart
LABEL_LINE_PX = 15  # a line of a 12 px tick label
BAR_ROW_PX = 26  # a row of bar_chart's (and the Toimialat dot chart's) height


def plotly_config(lang: str) -> dict:
    """Plotly's configuration for the screen in ``lang``: ``PLOTLY_CONFIG`` with Plotly's messages
    in that language (its ``locales`` dictionary, handed over with the chart: the Plotly that
    Streamlit ships registers no Finnish or Swedish). Numbers and dates keep the figure's own
    formats (``layout.separators``)."""
    dictionary = {english: t(key, lang) for english, key in PLOTLY_MESSAGES.items()}
    return {**PLOTLY_CONFIG, "locale": lang, "locales": {lang: {"dictionary": dictionary}}}


def toolbar_room(fig: go.Figure) -> go.Figure:
    """``fig`` with a right margin of at least ``TOOLBAR_PX``, where the screen's toolbar (the
    full-screen button) sits beside the top of the plot, under the title, covering neither."""
    right = fig.layout.margin.r
    if right is None or right < TOOLBAR_PX:
        fig.update_layout(margin_r=TOOLBAR_PX)
    # Plotly draws its icons at 30 % grey (1.6:1 on white); a control needs 3:1.
    fig.update_layout(modebar={"color": "#555555", "activecolor": AREA, "bgcolor": "white"})
    return fig


def plain_title(title: str) -> str:
    """A figure's title as one line of plain text for a screen heading, a slide or a file name:
    ``Työttömät<br><sup>maakunnittain</sup>`` → ``Työttömät – maakunnittain``; a break that only
    wraps a long title (:func:`wrap_title`) becomes a space."""
    text = re.sub(r"\s*<br\s*/?>\s*(?=<sup>)", " – ", title or "")
    text = re.sub(r"\s*<br\s*/?>\s*", " ", text)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text))
    return html.unescape(text).strip(" –")


def wrap_lines(text: str, width: int, *, colon: bool = False) -> str:
    """Each line of ``text`` longer than ``width`` broken at spaces with :data:`WRAP`: Plotly
    would cut it at the chart's edge. Never after a hyphen: "Pohjois-" and "Karjala" on two
    lines read as two words. ``colon``: after the first ": " first, when the part before it fits
    a line (a title). Lines holding markup (``<sup>…</sup>``) stay whole."""
    out = []
    for line in text.split("<br>"):
        if "<" in line or len(line) <= width:
            out.append(line)
            continue
        # "What: where" breaks after the colon when what fits a line, so that an area's name
        # is not split ("Vacancies per unemployed person: North" / "Karelia and …").
        head, _, tail = line.partition(": ")
        parts = [head + ":", tail] if colon and tail and len(head) < width else [line]
        out.append(
            WRAP.join(
                piece
                for part in parts
                for piece in textwrap.wrap(part, width, break_on_hyphens=False)
            )
        )
    return "<br>".join(out)


def wrap_title(title: str, width: int = TITLE_WIDTH) -> str:
    """A long title on several lines (:func:`wrap_lines`), "what:" on a line of its own when the
    whole does not fit one."""
    return wrap_lines(title, width, colon=True)


def retitle(fig: go.Figure, title: str) -> go.Figure:
    """Give a laid-out figure another title, wrapped, its top margin and height following the
    change in lines."""
    wrapped = wrap_title(title)
    more = TITLE_LINE_PX * (line_count(wrapped) - line_count(fig.layout.title.text or ""))
    fig.update_layout(
        title={"text": wrapped},
        margin_t=(fig.layout.margin.t or 60) + more,
        height=(fig.layout.height or 440) + more,
    )
    return fig


def line_count(text: str) -> int:
    """How many lines Plotly draws of ``text``."""
    return len(re.split(r"<br\s*/?>", text or ""))


def legend_rows(names: Iterable[str], row_width: int = LEGEND_ROW_WIDTH) -> int:
    """How many rows a horizontal legend of these item names takes (0 for fewer than two)."""
    widths = [48 + 8.5 * len(str(name)) for name in names]
    return 0 if len(widths) < 2 else max(1, math.ceil(sum(widths) / row_width))


def layout(
    fig: go.Figure,
    *,
    title: str,
    lang: str,
    note: Note,
    y_title: str = "",
    x_title: str = "",
    y_percent: bool = False,
    height: int = 440,
) -> go.Figure:
    """The house layout: title top left (wrapped), the legend between it and the plot, the top
    margin sized to hold both, the note as the footnote under the plot, locale number
    separators."""
    title = wrap_title(title)
    title_lines = line_count(title)
    note = wrap_lines(note.footnote(lang), NOTE_WIDTH)
    extra_note = NOTE_LINE_PX * max(0, line_count(note) - 2)
    shown = [tr.name for tr in fig.data if tr.name and tr.showlegend is not False]
    rows = legend_rows(shown)
    top = 24 + TITLE_LINE_PX * title_lines + LEGEND_ROW_PX * rows
    height += TITLE_LINE_PX * (title_lines - 1) + LEGEND_ROW_PX * max(0, rows - 1) + extra_note
    fig.update_layout(
        title={
            "text": title,
            "x": 0,
            "xanchor": "left",
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": 14},
            "font": {"size": 18},
        },
        font={"family": FONT, "size": 13},
        separators=fmt.plotly_separators(lang),
        height=height,
        margin={"l": 60, "r": 20, "t": top, "b": 90 + extra_note},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "title": None},
        hovermode="x unified",
        plot_bgcolor="white",
        annotations=[
            {
                "name": "footnote",
                "text": note,
                # In pixels below the plot, so the footnote stays inside any export size.
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 0,
                "yshift": -62 if x_title else -42,
                "xanchor": "left",
                "yanchor": "top",
                "align": "left",
                "showarrow": False,
                "font": {"size": 12, "color": "#555"},
            }
        ],
    )
    # Tick and axis title colours set here: Streamlit's theme would draw them at 3.7:1 contrast.
    fig.update_xaxes(tickfont_color=INK, title_font_color=INK)
    fig.update_yaxes(tickfont_color=INK, title_font_color=INK)
    fig.update_xaxes(title=x_title or None, showgrid=False, linecolor="#999")
    fig.update_yaxes(
        title=y_title or None,
        gridcolor="#e6e6e6",
        zeroline=False,
        ticksuffix=("%" if lang == "en" else "\u00a0%") if y_percent else None,
        rangemode="tozero",
    )
    return fig


def legend_items(fig: go.Figure) -> list[str]:
    """The names a figure's legend shows: one per trace that has a name and is not left out of
    the legend, a legend group once."""
    names, groups = [], set()
    for trace in fig.data:
        group = getattr(trace, "legendgroup", None)
        if not trace.name or trace.showlegend is False or (group and group in groups):
            continue
        groups.add(group)
        names.append(str(trace.name))
    return names


def array_values(array: object) -> list:
    """A trace's data array as a list: a copy made by :func:`copy_figure` holds numbers as
    Plotly's typed arrays (``{"dtype": "f8", "bdata": "…"}``), which iterate as their keys."""
    if array is None:
        return []
    if isinstance(array, dict):
        if "bdata" not in array:
            return []
        data = base64.b64decode(array["bdata"])
        values = np.frombuffer(data, dtype=np.dtype(array.get("dtype", "f8"))).tolist()
        shape = array.get("shape")
        return values if not shape or "," not in str(shape) else []
    return list(array)


def copy_figure(fig: go.Figure) -> go.Figure:
    """A copy of a finished figure to change for one use (the screen, a slide). Its parts were
    validated when it was built, so they are not validated again: ``go.Figure(fig)`` took 11 ms
    a line chart, this about 2 ms, on every chart of every rerun."""
    return go.Figure(fig.to_dict(), _validate=False)


def legend_below(fig: go.Figure) -> go.Figure:
    """Move a horizontal legend from above the plot to under it, between the x axis and the
    footnote, for the screen: on a phone (390 px) a legend above the plot wraps into more rows
    than its margin holds and runs onto the title. The top margin gives back the legend's rows,
    the bottom margin takes them, so the figure keeps its height; the footnote moves down by as
    much and becomes the first annotation (app.css hides it on phones, where ``ui.show_chart``
    shows it as text that wraps). Done last, on the finished figure, because the chart modules
    size their own top margins; only for the screen, whose height is the figure's: drawn at
    another height (a PNG) the legend, placed in shares of the plot, would move onto the
    footnote, which is placed in pixels. A figure without a legend above its plot is left as
    it is."""
    legend = fig.layout.legend
    items = legend_items(fig)
    shown = fig.layout.showlegend is True or (fig.layout.showlegend is None and len(items) > 1)
    above = legend.y is not None and legend.y >= 1
    if not shown or not items or legend.orientation != "h" or not above:
        return fig
    legend_px = LEGEND_ROW_PX * screen_legend_rows(items) + LEGEND_SLACK_PX
    annotations = list(fig.layout.annotations)
    at = next((i for i, a in enumerate(annotations) if a.name == "footnote"), None)
    note = None if at is None else annotations[at]
    under_axis = -(note.yshift or 0) if note is not None else 42
    height = fig.layout.height or 440
    top = fig.layout.margin.t if fig.layout.margin.t is not None else 100
    bottom = fig.layout.margin.b if fig.layout.margin.b is not None else 80
    title_px = 24 + TITLE_LINE_PX * line_count(fig.layout.title.text or "")
    new_top = max(top - legend_px, min(top, title_px))
    height += legend_px - (top - new_top)
    bottom += legend_px
    plot_px = height - new_top - bottom
    fig.update_layout(
        height=height,
        margin_t=new_top,
        margin_b=bottom,
        legend={"yref": "paper", "y": -under_axis / plot_px, "yanchor": "top", "x": 0},
    )
    if note is not None:
        note.update(yshift=-(under_axis + legend_px))
        fig.layout.annotations = [note, *annotations[:at], *annotations[at + 1 :]]
    return fig


def screen_legend_rows(names: Sequence[str]) -> int:
    """The rows a legend under the plot is given on the screen: as Plotly draws them in a
    half-width column at 1366 px (a grid of columns as wide as the widest item), at least the
    rows the figure was laid out with: an outlook's long names ("Ennuste 10/2023,
    Holt-Winters") took four rows where two were counted."""
    return max(1, legend_rows(names), drawn_legend_rows(names, HALF_PLOT_WIDTH))


def drawn_legend_rows(names: Iterable[str], width: int) -> int:
    """The rows Plotly draws a horizontal legend of these names in, ``width`` pixels wide: one
    when all fit, else a grid of columns as wide as its widest item (so three names can take
    three rows where ``legend_rows`` counts two). Item widths as Chromium draws the 13 px
    legend (``legend_rows`` allows more, to be safe on the desktop)."""
    widths = [48 + 7 * len(str(name)) for name in names]
    if len(widths) < 2 or sum(widths) <= width:
        return min(1, len(widths))
    columns = max(1, int(width // max(widths)))
    return math.ceil(len(widths) / columns)


def footnote_room(fig: go.Figure, width: int = PHONE_LEGEND_WIDTH) -> int:
    """The pixels a figure keeps under the top of its footnote (the footnote and the margin
    below it) that a legend under the plot does not take when drawn ``width`` pixels wide:
    blank on a phone, where ``ui.show_chart`` hides the figure's footnote and shows it as text
    under the chart. 0 for a figure without a footnote."""
    note = next((a for a in fig.layout.annotations if a.name == "footnote"), None)
    if note is None:
        return 0
    bottom = fig.layout.margin.b if fig.layout.margin.b is not None else 80
    room = bottom + (note.yshift or 0)
    legend = fig.layout.legend
    if legend.orientation == "h" and legend.y is not None and legend.y < 0:
        # legend_below made room for the rows of a half-width chart; a phone may draw more.
        items = legend_items(fig)
        more = drawn_legend_rows(items, width) - screen_legend_rows(items)
        # Plotly's rows of a wrapped legend are 19 px apart; 22 leaves a few to spare. Rows
        # given but not drawn on the phone are blank too.
        room -= 22 * more if more > 0 else LEGEND_ROW_PX * more
        room += LEGEND_SLACK_PX  # the gap above the footnote is blank on a phone too
    return max(0, int(room))


def with_gaps(part: pd.DataFrame, x: str, *, freq: str = "MS") -> pd.DataFrame:
    """One series' rows on a complete grid of months (``freq="YS"``: years) from its first to
    its last period, a missing period as a row of NaN: Plotly then breaks the line there
    instead of drawing a straight line across months without figures. Rows of a series whose
    periods are not on the grid (or not dates) are returned as they are."""
    if part.empty or not pd.api.types.is_datetime64_any_dtype(part[x]):
        return part
    periods = part[x]
    if periods.isna().any():
        return part
    grid = pd.date_range(periods.min(), periods.max(), freq=freq)
    if not set(periods).issubset(set(grid)):
        return part
    indexed = part.assign(**{x: periods}).drop_duplicates(subset=[x]).set_index(x)
    out = indexed.reindex(grid).rename_axis(x).reset_index()
    # Labels stay on the inserted rows (a trace's name, a series' code): only numbers are gaps.
    labels = [c for c in part.columns if c != x and not pd.api.types.is_numeric_dtype(part[c])]
    out[labels] = out[labels].ffill()
    return out


SHORT_SPAN_MONTHS = 8  # up to this many months, one tick per month


def month_axis(fig: go.Figure, periods: Iterable) -> go.Figure:
    """Months on the x axis as "06/2023". Over a short span Plotly would put ticks at half
    months and print each month twice; there, one tick per month."""
    months = pd.to_datetime(pd.Series(list(periods))).dropna()
    fig.update_xaxes(tickformat="%m/%Y")
    if len(months):
        first, last = months.min(), months.max()
        span = (last.year - first.year) * 12 + last.month - first.month + 1
        if span <= SHORT_SPAN_MONTHS:
            fig.update_xaxes(dtick="M1", tick0=first.strftime("%Y-%m-01"))
    return fig


def lone_points(values: pd.Series, colour: str, size: int = 7) -> tuple[str, dict]:
    """The ``mode`` and ``marker`` of a line whose months with figures but none either side
    (which draw no line, ``connectgaps`` being off) are shown as dots."""
    values = values.reset_index(drop=True)
    alone = values.notna() & values.shift(1).isna() & values.shift(-1).isna()
    marker = {"size": [size if a else 0 for a in alone], "color": colour}
    return ("lines+markers" if alone.any() else "lines"), marker


def line_chart(
    data: pd.DataFrame,
    *,
    x: str,
    y: str,
    series: str,
    title: str,
    lang: str,
    note: Note,
    y_title: str = "",
    y_percent: bool = False,
    highlight: str | None = None,
    decimals: int = 0,
) -> go.Figure:
    """One line per value of ``series``; ``highlight`` gets the area colour, the rest muted."""
    fig = go.Figure()
    names = list(dict.fromkeys(data[series]))
    for i, name in enumerate(names):
        part = with_gaps(data[data[series] == name], x)
        if highlight is None:
            colour = PALETTE[i % len(PALETTE)]
        else:
            colour = (
                AREA
                if name == highlight
                else COUNTRY
                if i <= 1
                else PALETTE[(i + 1) % len(PALETTE)]
            )
        mode, marker = lone_points(part[y], colour)
        fig.add_scatter(
            x=part[x],
            y=part[y],
            name=str(name),
            mode=mode,
            marker=marker,
            connectgaps=False,
            line={"color": colour, "width": 3 if name == highlight else 2},
            hovertemplate=f"%{{y:,.{decimals}f}}"
            + ("%" if y_percent else "")
            + "<extra>%{fullData.name}</extra>",
        )
    month_axis(fig, data[x])
    layout(fig, title=title, lang=lang, note=note, y_title=y_title, y_percent=y_percent)
    if decimals == 0 and not y_percent:
        fig.update_yaxes(tickformat=",.0f")  # 14 000, not Plotly's SI "14k"
    return fig


def bar_chart(
    data: pd.DataFrame,
    *,
    label: str,
    value: str,
    title: str,
    lang: str,
    note: Note,
    x_title: str = "",
    percent: bool = False,
    highlight: str | None = None,
    reference: float | None = None,
    reference_label: str = "",
    decimals: int = 0,
) -> go.Figure:
    """Horizontal bars ranked from the largest at the top; ``highlight`` in the area colour."""
    ordered = data.sort_values(value, ascending=True)
    colours = [AREA if lab == highlight else "#8FB8DE" for lab in ordered[label]]
    fig = go.Figure(
        go.Bar(
            x=ordered[value],
            y=ordered[label],
            orientation="h",
            marker_color=colours,
            hovertemplate=f"%{{y}}: %{{x:,.{decimals}f}}"
            + ("%" if percent else "")
            + "<extra></extra>",
        )
    )
    height = max(360, BAR_ROW_PX * len(ordered) + 160)
    layout(fig, title=title, lang=lang, note=note, height=height)
    if reference is not None:  # after layout(), which sets the annotations
        fig.add_vline(
            x=reference,
            line_dash="dash",
            line_color=COUNTRY,
            annotation_text=reference_label,
            annotation_position="top",
        )
    fig.update_layout(hovermode="closest", showlegend=False)
    fig.update_xaxes(
        title=x_title or None,
        ticksuffix=("%" if lang == "en" else "\u00a0%") if percent else None,
        gridcolor="#e6e6e6",
    )
    fig.update_yaxes(title=None, automargin=True)
    return fig


def wrap_category_labels(
    fig: go.Figure, width: int = LABEL_WIDTH, row_px: int = BAR_ROW_PX
) -> go.Figure:
    """Long category labels of a horizontal chart's y axis shown on two or more lines: a label
    of 55 characters ("Sähkö-, kaasu-, lämpö-, vesi-, viemäri- ja jätevesihuolto") took half
    a phone's width and was cut at its left edge, and the plot left was too narrow for its
    ticks. The categories themselves stay whole (hover texts, takeaways, tables read them);
    only the shown text wraps, and every row gets the height of the longest label (``row_px``:
    the height the chart gave a row)."""
    ys = (trace.y for trace in fig.data if trace.y is not None)
    names = list(dict.fromkeys(str(y) for values in ys for y in values))
    shown = [wrap_lines(name, width) for name in names]
    most = max((line_count(s) for s in shown), default=1)
    if most == 1:
        return fig
    # A label of two 12 px lines needs 34 px, or it runs onto the next row's label.
    row = LABEL_LINE_PX * most + 4
    fig.update_yaxes(tickmode="array", tickvals=names, ticktext=shown)
    fig.update_layout(height=(fig.layout.height or 440) + len(names) * max(0, row - row_px))
    return fig


# A slide's chart (export.images.SLIDE_SIZE): 1200×675 layout pixels, the plot between a 60 px
# top and a 70 px bottom margin; row labels may take two fifths of the width.
SLIDE_HEIGHT = 675
SLIDE_LABEL_PX = 480
SLIDE_LABEL_SIZES = (20, 18, 16, 15, 14)  # whole labels no smaller than 14 px
SLIDE_LABEL_CUT_SIZE = 16  # the largest size of one-line labels cut short when none fit whole


def for_slide(fig: go.Figure, height: int = SLIDE_HEIGHT) -> go.Figure:
    """A copy for a slide or the big screen: no title or footnote (the slide has its own),
    larger text and thicker lines, readable from the back of a room. ``height``: the height it
    is drawn at, which decides how large the row labels of a horizontal chart can be."""
    out = copy_figure(fig)
    out.update_layout(
        title=None,
        font={"size": 22},
        margin={"l": 90, "r": 40, "t": 60, "b": 70},
        # Above the plot, where the slide's title is not, even for a figure whose legend was
        # moved under the plot (legend_below) into a bottom margin this copy does not have.
        legend={"font": {"size": 22}, "yref": "paper", "y": 1.0, "yanchor": "bottom"},
    )
    out.layout.annotations = tuple(a for a in out.layout.annotations if a.name != "footnote")
    out.update_xaxes(tickfont={"size": 20}, title_font={"size": 20})
    out.update_yaxes(tickfont={"size": 20}, title_font={"size": 20})
    # Month labels on a curve (the Beveridge curve) readable from the back row too.
    out.update_traces(selector={"type": "scatter"}, line={"width": 5}, textfont={"size": 18})
    _fit_row_labels(out, height)
    return out


def _fit_row_labels(fig: go.Figure, height: int) -> None:
    """Row labels of a horizontal chart (a ranking, a dot chart) sized to their rows at the
    drawn ``height``: the page's chart grows a row for each label line (wrap_category_labels),
    a slide has a fixed height, and 21 labels of two 20 px lines ran into each other there.
    The largest size (20 to 14 px) whose wrapped labels fit their row; when none does, one line
    per label at the largest size that fits (16 px down to 9 px for the 46 employment areas), a
    long label cut with "…" (the table and the speaker notes keep the names whole)."""
    axis = fig.layout.yaxis
    if axis.tickvals is not None and axis.ticktext is not None:
        values = list(axis.tickvals)
        labels = [plain_title(str(text)) for text in axis.ticktext]
    else:
        rows = (
            array_values(trace.y)
            for trace in fig.data
            if (trace.type == "bar" and trace.orientation == "h") or trace.type == "scatter"
        )
        values = list(dict.fromkeys(y for ys in rows for y in ys if isinstance(y, str)))
        labels = values
    if not values or len(values) != len(labels):
        return
    row_px = (height - 150) / len(values)

    def chars(size: int) -> int:
        return max(12, int(SLIDE_LABEL_PX / (0.52 * size)))

    for size in SLIDE_LABEL_SIZES:
        shown = [wrap_lines(label, chars(size)) for label in labels]
        if max(line_count(text) for text in shown) * size * 1.2 <= row_px:
            break
    else:
        fits = [z for z in range(SLIDE_LABEL_CUT_SIZE, 8, -1) if z * 1.2 <= row_px]
        size = fits[0] if fits else 9
        width = chars(size)
        shown = [
            label if len(label) <= width else label[: width - 1].rstrip(" ,;") + "…"
            for label in labels
        ]
    fig.update_yaxes(tickmode="array", tickvals=values, ticktext=shown, tickfont={"size": size})
