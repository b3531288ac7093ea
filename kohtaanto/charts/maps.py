"""Figures of the Alueet page: a choropleth map, a ranking and a trend against peers.

Pure functions (DataFrame in, Plotly figure out, no Streamlit). The map draws the boundaries held
in the database with ``go.Choropleth`` on an invisible base map, so it needs no map tiles and
works offline, in a workshop without internet as well as in a PNG.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Collection, Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from kohtaanto import charts, fmt
from kohtaanto.note import Note

# Sequential and colour-blind safe: ColorBrewer Blues without its near-white end, so the lowest
# area still stands out from the page; light = low. The outline in the accent colour.
COLOUR_SCALE = [
    "#DEEBF7",
    "#C6DBEF",
    "#9ECAE1",
    "#6BAED6",
    "#4292C6",
    "#2171B5",
    "#08519C",
    "#08306B",
]
OUTLINE = charts.ACCENT
MISSING = "#E3E3E3"
BAR = "#8FB8DE"
PEER = "#C9CDD2"
NO_TOPOJSON = charts.NO_TOPOJSON
STRONG = [charts.AREA, charts.ACCENT, charts.PALETTE[2], charts.PALETTE[3], charts.PALETTE[4]]
FOOTNOTE_LINE_PX = 15  # one line of the 11 px footnote
# Four decimals of a degree are 5-11 m in Finland, far finer than the 1:4.5M boundaries drawn;
# the source files carry fifteen (a third of the map's bytes were digits no one can see).
COORDINATE_DECIMALS = 4


# Helpers shared by the ranked bars of several pages (Alueet, Ammatit, Toimialat, Kokeneet).


def text_colour(fill: str) -> str:
    """White on a dark fill, near-black on a light one (by the fill's relative luminance)."""
    try:
        r, g, b = (int(fill.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    except (ValueError, AttributeError):
        return "#1a1a1a"
    return "#ffffff" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 else "#1a1a1a"


def value_labels(bar: go.Bar, texts: list[str], fills: list[str]) -> None:
    """Value labels at the inner end of each horizontal bar, in a colour that reads on the bar;
    outside only where a bar is too short to hold its label. With the reference line drawn under
    the bars (``layer="below"``), the line never runs through a label."""
    bar.text = texts
    bar.textposition = "auto"
    bar.insidetextanchor = "end"
    bar.textangle = 0
    bar.constraintext = "none"
    bar.insidetextfont = {"color": [text_colour(f) for f in fills]}
    bar.outsidetextfont = {"color": "#333"}
    bar.cliponaxis = False


def footnote_below(fig: go.Figure, *, gap: int, right: bool = False) -> go.Figure:
    """The footnote ``gap`` pixels under the plot (below the axis labels and title), and a bottom
    margin that holds all its lines, so neither the page nor a PNG cuts it. ``right`` hangs it
    from the right edge, so a long source line runs left under the bar names."""
    note = next(a for a in fig.layout.annotations if a.name == "footnote")
    lines = charts.line_count(str(note.text))
    note.update(
        x=1 if right else 0,
        xanchor="right" if right else "left",
        xref="paper",
        y=0,
        yref="paper",
        yanchor="top",
        yshift=-gap,
        align="left",
    )
    fig.update_layout(margin_b=gap + FOOTNOTE_LINE_PX * lines + 12)
    return fig


def format_value(value: float | None, lang: str, *, percent: bool, decimals: int) -> str:
    """``12,7 %`` for a share, ``0,35`` for a ratio; a missing value is ``–``."""
    if value is None or pd.isna(value):
        return "–"
    return fmt.percent(value, lang, decimals) if percent else fmt.number(value, lang, decimals)


def _ring_area(ring: list) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in itertools.pairwise(ring))


def _rewind(geometry: dict[str, Any]) -> dict[str, Any]:
    """Rings wound as the map's drawing library expects: exterior clockwise, holes anticlockwise.

    GeoJSON (RFC 7946) winds the other way; a ring wound wrongly is drawn as the whole globe
    minus the area.
    """

    def polygon(rings: list) -> list:
        out = []
        for i, ring in enumerate(rings):
            clockwise = _ring_area(ring) < 0
            out.append(ring if clockwise == (i == 0) else ring[::-1])
        return out

    if geometry.get("type") == "Polygon":
        return {"type": "Polygon", "coordinates": polygon(geometry["coordinates"])}
    if geometry.get("type") == "MultiPolygon":
        return {
            "type": "MultiPolygon",
            "coordinates": [polygon(p) for p in geometry["coordinates"]],
        }
    return geometry


def _rounded(value: Any) -> Any:
    """Coordinates (nested lists of numbers) rounded to ``COORDINATE_DECIMALS``."""
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return round(value, COORDINATE_DECIMALS) if isinstance(value, float) else value


def feature_collection(boundaries: pd.DataFrame) -> dict[str, Any]:
    """A GeoJSON FeatureCollection from rows of ``area_code`` and ``geometry`` (GeoJSON text),
    coordinates rounded to ``COORDINATE_DECIMALS``."""
    features = []
    for code, text in zip(boundaries["area_code"], boundaries["geometry"], strict=True):
        try:
            geometry = json.loads(text)
        except (TypeError, ValueError):
            continue
        if isinstance(geometry, dict) and "coordinates" in geometry:
            geometry = {**geometry, "coordinates": _rounded(geometry["coordinates"])}
        features.append(
            {"type": "Feature", "id": code, "geometry": _rewind(geometry), "properties": {}}
        )
    return {"type": "FeatureCollection", "features": features}


def _subset(geojson: dict[str, Any], codes: Collection[str]) -> dict[str, Any]:
    """The features of ``geojson`` with an id in ``codes``: each trace of a map carries only the
    boundaries it draws (three traces each holding all 309 municipalities made 0.8 MB)."""
    wanted = set(codes)
    features = [f for f in geojson.get("features", []) if f.get("id") in wanted]
    return {"type": "FeatureCollection", "features": features}


def choropleth(
    values: pd.DataFrame,
    geojson: dict[str, Any],
    *,
    title: str,
    lang: str,
    note: Note,
    colour_title: str,
    percent: bool,
    decimals: int,
    outline: Collection[str] = (),
    missing_text: str = "–",
) -> go.Figure:
    """The areas of ``values`` (``area_code``, ``name``, ``value``) coloured by value.

    Areas with a boundary but no value (suppressed or not published) are grey, with a legend
    entry ``missing_text`` under the map; the areas in ``outline`` get a thick outline. Only the
    boundaries of the areas in ``values`` are drawn, each in the one trace that draws it.
    """
    drawn = {f["id"] for f in geojson.get("features", [])}
    data = values[values["area_code"].isin(drawn)]
    known = data.dropna(subset=["value"])
    unknown = data[data["value"].isna()]
    suffix = ("%" if lang == "en" else "\u00a0%") if percent else None

    fig = go.Figure()
    fig.add_choropleth(
        geojson=_subset(geojson, known["area_code"]),
        locations=list(known["area_code"]),
        z=list(known["value"]),
        colorscale=COLOUR_SCALE,
        marker={"line": {"color": "white", "width": 0.8}},
        hovertext=[
            f"<b>{n}</b><br>{format_value(v, lang, percent=percent, decimals=decimals)}"
            for n, v in zip(known["name"], known["value"], strict=True)
        ],
        hovertemplate="%{hovertext}<extra></extra>",
        colorbar={
            "title": {"text": colour_title},
            "ticksuffix": suffix,
            "thickness": 14,
            "len": 0.6,
            "x": 1.0,
        },
        selected={"marker": {"opacity": 1}},
        unselected={"marker": {"opacity": 1}},
        name="",
    )
    if len(unknown):
        fig.add_choropleth(
            geojson=_subset(geojson, unknown["area_code"]),
            locations=list(unknown["area_code"]),
            z=[0] * len(unknown),
            colorscale=[[0, MISSING], [1, MISSING]],
            showscale=False,
            marker={"line": {"color": "white", "width": 0.8}},
            hovertext=[f"<b>{n}</b><br>{missing_text}" for n in unknown["name"]],
            hovertemplate="%{hovertext}<extra></extra>",
            selected={"marker": {"opacity": 1}},
            unselected={"marker": {"opacity": 1}},
            name=missing_text,
            showlegend=True,
        )
    marked = [c for c in data["area_code"] if c in set(outline)]
    if marked:
        fig.add_choropleth(
            geojson=_subset(geojson, marked),
            locations=marked,
            z=[0] * len(marked),
            colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
            showscale=False,
            marker={"line": {"color": OUTLINE, "width": 3}},
            hoverinfo="skip",
            name="",
        )
    charts.layout(fig, title=title, lang=lang, note=note, height=720)
    # Room for the title and its subtitle, and for each further line of either.
    top = 80 + 18 * max(0, charts.line_count(fig.layout.title.text) - 2)
    fig.update_layout(
        hovermode="closest",
        showlegend=bool(len(unknown)),
        margin={"l": 10, "r": 10, "t": top},
        dragmode=False,
        # The grey areas' entry under the map, above the footnote, in the screen's copy, the
        # PNG and the slide alike (above the map it ran into the subtitle).
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 0, "yanchor": "top"},
    )
    footnote_below(fig, gap=6 + (charts.LEGEND_ROW_PX if len(unknown) else 0))
    fig.update_geos(visible=False, bgcolor="rgba(0,0,0,0)")
    box = bounds(geojson, set(data["area_code"]))
    if box is None:
        fig.update_geos(fitbounds="locations")
    else:
        # Plotly's fitbounds fits the areas into a world-shaped frame, leaving a tall country a
        # quarter of the height; ranges from the areas' own bounding box give the frame their
        # shape. Transverse Mercator centred on the areas, as in Finland's own map grid.
        (lon0, lon1), (lat0, lat1) = box
        fig.update_geos(
            projection={"type": "transverse mercator", "rotation": {"lon": (lon0 + lon1) / 2}},
            lonaxis={"range": [lon0, lon1]},
            lataxis={"range": [lat0, lat1]},
        )
    return fig


def bounds(
    geojson: dict[str, Any], codes: Collection[str]
) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """``((west, east), (south, north))`` of the features with an id in ``codes``, or None."""
    lons: list[float] = []
    lats: list[float] = []
    for feature in geojson.get("features", []):
        if feature.get("id") not in codes:
            continue
        geometry = feature["geometry"]
        kind = geometry.get("type")
        if kind not in ("Polygon", "MultiPolygon"):
            continue
        polygons = [geometry["coordinates"]] if kind == "Polygon" else geometry["coordinates"]
        for polygon in polygons:
            for lon, lat, *_ in polygon[0]:
                lons.append(lon)
                lats.append(lat)
    if not lons:
        return None
    return (min(lons), max(lons)), (min(lats), max(lats))


def ranking(
    values: pd.DataFrame,
    *,
    title: str,
    lang: str,
    note: Note,
    x_title: str,
    percent: bool,
    decimals: int,
    highlight: Collection[str] = (),
    reference: float | None = None,
    reference_label: str = "",
    keep: Collection[str] | None = None,
    skipped_label: str = "… {n} …",
) -> go.Figure:
    """Areas of ``values`` (``area_code``, ``name``, ``value``) ranked, largest at the top.

    Each bar carries its area code as ``customdata`` so a click can select the area; the
    ``highlight`` areas are in the area colour; ``reference`` is the country's value. ``keep``:
    only these areas get a bar (the ends of a long ranking); each run of areas left out between
    them is one empty row named by ``skipped_label`` (``{n}``: how many).
    """
    data = values.dropna(subset=["value"]).copy()
    duplicated = data["name"].duplicated(keep=False)
    data.loc[duplicated, "name"] = data["name"] + " (" + data["area_code"] + ")"
    every = data.sort_values("value", kind="stable")
    if keep is not None:
        data = every[every["area_code"].isin(set(keep))]
    fig = charts.bar_chart(
        data,
        label="name",
        value="value",
        title=title,
        lang=lang,
        note=note,
        x_title=x_title,
        percent=percent,
        reference=reference,
        reference_label=reference_label,
        decimals=decimals,
    )
    code_of = dict(zip(data["name"], data["area_code"], strict=True))
    value_of = dict(zip(data["name"], data["value"], strict=True))
    bar = fig.data[0]
    codes = [code_of[name] for name in bar.y]
    bar.customdata = codes
    bar.marker.color = [charts.AREA if c in set(highlight) else BAR for c in codes]
    texts = [format_value(value_of[n], lang, percent=percent, decimals=decimals) for n in bar.y]
    value_labels(bar, texts, list(bar.marker.color))
    bar.hovertemplate = "%{y}: %{text}<extra></extra>"
    bar.selected = {"marker": {"opacity": 1}}
    bar.unselected = {"marker": {"opacity": 1}}
    for shape in fig.layout.shapes:
        shape.layer = "below"
    if keep is not None and len(data) < len(every):
        rows = _rows_with_gaps(list(every["name"]), set(data["name"]), skipped_label)
        fig.update_yaxes(categoryorder="array", categoryarray=rows)
        fig.update_layout(height=fig.layout.height + charts.BAR_ROW_PX * (len(rows) - len(data)))
    labels = [a.text for a in fig.layout.annotations]
    if reference is not None and reference_label and reference_label not in labels:
        fig.add_annotation(
            x=reference,
            y=1,
            yref="paper",
            yanchor="bottom",
            showarrow=False,
            text=reference_label,
            font={"color": charts.COUNTRY},
        )
    # The title hangs from the top, with room under it for the reference line's label.
    fig.update_layout(
        dragmode=False,
        margin={"r": 30, "t": 84},
        title={"yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 12}},
    )
    # Under the axis title, hung from the right edge: a long source line runs left under the
    # area names instead of off a narrow chart.
    return footnote_below(fig, gap=58 if x_title else 30, right=True)


def _rows_with_gaps(ordered: list[str], kept: Collection[str], label: str) -> list[str]:
    """The rows of a ranking from the bottom up: the ``kept`` names of ``ordered``, and in place
    of each run of names left out one row named by ``label`` (told apart by invisible spaces,
    so that two runs of one length stay two rows)."""
    rows: list[str] = []
    skipped = 0
    for name in [*ordered, None]:
        if name is not None and name not in kept:
            skipped += 1
            continue
        if skipped:
            gaps = sum(1 for r in rows if r not in kept)
            rows.append(label.format(n=skipped) + "\u200b" * gaps)
            skipped = 0
        if name is not None:
            rows.append(name)
    return rows


def peer_trend(
    data: pd.DataFrame,
    *,
    strong: Iterable[str],
    country: str | None,
    peers_label: str,
    title: str,
    lang: str,
    note: Note,
    y_title: str,
    percent: bool,
    decimals: int,
) -> go.Figure:
    """One line per area of ``data`` (``area_code``, ``name``, ``period``, ``value``).

    The ``strong`` areas (the chosen one first) are in strong colours, ``country`` in grey, and
    every other area a thin muted line, all of them one trace (``peers_label``, in the legend
    once) broken between areas, for context; the hover names each area.
    """
    strong = [c for c in dict.fromkeys(strong) if c != country]
    suffix = ("%" if lang == "en" else "\u00a0%") if percent else ""
    value = f"%{{y:,.{decimals}f}}{suffix}"
    fig = go.Figure()
    peers = [c for c in dict.fromkeys(data["area_code"]) if c not in strong and c != country]
    if peers:
        # One trace, not one per area: the 309 municipalities' lines as traces made 1.3 MB.
        merged = _peer_lines(data, peers, decimals)
        mode, marker = charts.lone_points(merged["value"], PEER, size=4)
        fig.add_scatter(
            x=merged["period"],
            y=merged["value"],
            text=merged["name"],
            name=peers_label,
            mode=mode,
            marker=marker,
            line={"color": PEER, "width": 1},
            legendgroup="peers",
            legendrank=3000,
            hovertemplate=f"{value}<extra>%{{text}}</extra>",
        )
    for rank, code in enumerate([country, *strong]):
        part = charts.with_gaps(data[data["area_code"] == code], "period")
        if code is None or part.empty:
            continue
        is_country = code == country
        colour = charts.COUNTRY if is_country else STRONG[(rank - 1) % len(STRONG)]
        mode, marker = charts.lone_points(part["value"], colour)
        fig.add_scatter(
            x=part["period"],
            y=part["value"],
            name=str(part["name"].iloc[0]),
            mode=mode,
            marker=marker,
            line={
                "color": colour,
                "width": 2 if is_country else 3,
                "dash": "dash" if is_country else None,
            },
            legendrank=1000 + (100 if is_country else rank),
            hovertemplate=f"{value}<extra>%{{fullData.name}}</extra>",
        )
    charts.month_axis(fig, data["period"])
    charts.layout(fig, title=title, lang=lang, note=note, y_title=y_title, y_percent=percent)
    fig.update_layout(hovermode="closest")
    fig.update_annotations(selector={"name": "footnote"}, align="left")
    return fig


def _peer_lines(data: pd.DataFrame, peers: list[str], decimals: int) -> pd.DataFrame:
    """The peers' rows (``period`` as ``2023-10``, ``value`` rounded one decimal finer than
    shown, ``name``) one area after another in month order, an empty row wherever a line breaks:
    between two areas and where an area's months skip (a month without a figure)."""
    rank = {code: i for i, code in enumerate(peers)}
    rows = data[data["area_code"].isin(rank)].dropna(subset=["value", "period"])
    rows = rows.assign(rank=rows["area_code"].map(rank)).sort_values(["rank", "period"])
    periods = pd.to_datetime(rows["period"])
    month = (periods.dt.year * 12 + periods.dt.month).to_numpy()
    starts = (np.diff(rows["rank"].to_numpy(), prepend=-1) != 0) | (
        np.diff(month, prepend=month[:1] - 1) != 1
    )
    starts[:1] = False  # no break before the first row
    # Each row moves down by the breaks before it; the rows left between are the breaks.
    at = np.arange(len(rows)) + np.cumsum(starts)
    size = len(rows) + int(starts.sum())
    out = {
        "period": np.full(size, None, dtype=object),
        "value": np.full(size, None, dtype=object),
        "name": np.full(size, "", dtype=object),
    }
    out["period"][at] = periods.dt.strftime("%Y-%m").to_numpy()
    out["value"][at] = rows["value"].astype(float).round(decimals + 1).to_numpy()
    out["name"][at] = rows["name"].astype(str).to_numpy()
    # Object columns: pandas would make the months strings with NaN, which is not JSON's null.
    return pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in out.items()})


def clicked_area(event: Mapping[str, Any] | None, codes: Collection[str]) -> str | None:
    """The area code of the first clicked map area or bar in a ``st.plotly_chart`` selection.

    A map point carries its code as ``location``, a bar as ``customdata``; anything else, or a
    code not in ``codes``, gives None.
    """
    try:
        points = event["selection"]["points"]  # type: ignore[index]
    except (KeyError, TypeError):
        return None
    for point in points or []:
        if not isinstance(point, Mapping):
            continue
        for field in ("location", "customdata"):
            value = point.get(field)
            if isinstance(value, list | tuple):
                value = value[0] if value else None
            if isinstance(value, str) and value in codes:
                return value
    return None
