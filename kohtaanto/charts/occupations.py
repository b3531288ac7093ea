"""Occupations: who competes for which jobs. Pure functions, DataFrame in, figure or table out.

The input frame is one area and month of ``v_occupation_month`` with names (query
``ammatit_month``): columns ``occupation_code``, ``level`` (1–4 digits, 9 = the employment
service's X classes, which are not occupations), ``parent_code``, ``name_fi/sv/en``,
``unemployed``, ``open_vacancies``, ``tightness`` and ``status``. NULL means the source
suppressed a small cell; such an occupation is left out of a comparison rather than guessed.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from kohtaanto import charts, fmt
from kohtaanto.charts.maps import FOOTNOTE_LINE_PX, footnote_below, value_labels
from kohtaanto.i18n import name_column, t
from kohtaanto.note import Note

SHORTAGE = charts.ACCENT
SURPLUS = charts.AREA
MIN_NEAR_VACANCIES = 5  # a nearby occupation needs at least this many open vacancies
ZERO_FLOOR = 0.5  # where a 0 is drawn on a log axis (the smallest published count is 1)


ROW_PX = 28  # a bar's row in a ranking
UNIT_LINE_PX = 16  # a line of the 13 px axis title


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters with an ellipsis."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def with_labels(data: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A copy with ``name`` (in ``lang``, else Finnish, else the code) and ``label`` ("code name")."""
    out = data.copy()
    out["name"] = out[name_column(lang)].fillna(out["name_fi"]).fillna(out["occupation_code"])
    out["label"] = out["occupation_code"] + " " + out["name"]
    return out


def occupations_of(data: pd.DataFrame, level: int) -> pd.DataFrame:
    """The occupations of one level (1–4 digits), never the X classes."""
    return data[data["level"] == level]


def x_classes(data: pd.DataFrame) -> pd.DataFrame:
    """The X classes (no occupation, students, coaching…) with any jobseekers or vacancies."""
    rows = data[data["level"] == 9]
    return rows[rows["unemployed"].fillna(0) + rows["open_vacancies"].fillna(0) > 0]


TABLE_COLUMNS = {
    "label": "col_occupation",
    "unemployed": "col_unemployed",
    "open_vacancies": "col_vacancies",
    "tightness": "col_tightness",
    "status": "col_status",
}


def table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The shown rows with translated column names, for the accessible data table."""
    out = rows[list(TABLE_COLUMNS)].assign(tightness=rows.tightness.round(2))
    return out.rename(columns={c: t(f"ammatit.{k}", lang) for c, k in TABLE_COLUMNS.items()})


def segments(data: pd.DataFrame, level: int, occupation: str = "") -> tuple[pd.DataFrame, str]:
    """The occupations to compare and what they are.

    No occupation chosen: every occupation of ``level`` (scope ``"level"``). An occupation of
    1–3 digits: its children one level down (``"children"``). A 4-digit occupation has none, so
    its neighbours in the same 3-digit group, itself included (``"siblings"``).
    """
    if not occupation:
        return occupations_of(data, level), "level"
    children = data[(data["parent_code"] == occupation) & data["level"].between(1, 4)]
    if len(children):
        return children, "children"
    row = data[data["occupation_code"] == occupation]
    if row.empty:
        return data.iloc[0:0], "children"
    parent = row["parent_code"].iloc[0]
    return data[
        (data["parent_code"] == parent) & (data["level"] == row["level"].iloc[0])
    ], "siblings"


def min_size(seg: pd.DataFrame) -> int:
    """The smallest size (jobseekers plus vacancies) an occupation needs to enter a ranking.

    A quarter of the average size of the compared occupations, at least 20 and rounded to tens,
    so that an occupation with two jobseekers and five vacancies does not top the list.
    """
    known = seg.dropna(subset=["unemployed", "open_vacancies"])
    if known.empty:
        return 20
    total = float((known["unemployed"] + known["open_vacancies"]).sum())
    return max(20, int(round(total / (4 * len(known)), -1)))


def _ranked(seg: pd.DataFrame, side: str, size: int) -> pd.DataFrame:
    """The occupations of at least ``size`` with their ratio for ``side`` (see :func:`ranking`)."""
    known = seg.dropna(subset=["unemployed", "open_vacancies"])
    known = known[known["unemployed"] + known["open_vacancies"] >= size]
    num, den = (
        ("open_vacancies", "unemployed") if side == "shortage" else ("unemployed", "open_vacancies")
    )
    rows = known[known[num] > 0].copy()
    with np.errstate(divide="ignore"):
        rows["ratio"] = rows[num] / rows[den].astype(float)
    return rows.sort_values(["ratio", num, "occupation_code"], ascending=[False, False, True])


def ranking(seg: pd.DataFrame, side: str, size: int, top: int = 12) -> pd.DataFrame:
    """The ``top`` occupations with the most vacancies per jobseeker (``side="shortage"``) or the
    most jobseekers per vacancy (``"surplus"``), among those of at least ``size``.

    Only finite ratios rank: an occupation with no vacancies (or no jobseekers) has no ratio to
    compare and is listed by :func:`without_ratio` instead.
    """
    rows = _ranked(seg, side, size)
    return rows[np.isfinite(rows["ratio"])].head(top).reset_index(drop=True)


def without_ratio(seg: pd.DataFrame, side: str, size: int) -> pd.DataFrame:
    """The occupations of at least ``size`` whose ratio for ``side`` has a zero denominator:
    jobseekers but no published vacancies (``"surplus"``), or the other way round; the largest
    first."""
    rows = _ranked(seg, side, size)
    return rows[~np.isfinite(rows["ratio"])].reset_index(drop=True)


def ranking_chart(rank: pd.DataFrame, *, side: str, title: str, lang: str, note: Note) -> go.Figure:
    """Horizontal bars of a ranking, the largest on top, each labelled with its ratio at its
    inner end; the dashed line of one vacancy per jobseeker runs under the bars."""
    ordered = rank.iloc[::-1]
    top = max(float(ordered["ratio"].max()) if len(ordered) else 1.0, 1.0)
    decimals = 2 if side == "shortage" else 1
    hover = [
        t(
            "ammatit.hover_counts",
            lang,
            label=lab,
            unemployed=fmt.number(u, lang),
            vacancies=fmt.number(v, lang),
        )
        for lab, u, v in zip(
            ordered["label"], ordered["unemployed"], ordered["open_vacancies"], strict=True
        )
    ]
    colour = SHORTAGE if side == "shortage" else SURPLUS
    bar = go.Bar(
        x=ordered["ratio"],
        y=[shorten(lab, 60) for lab in ordered["label"]],
        orientation="h",
        marker={"color": colour},
        hovertext=hover,
        hoverinfo="text",
    )
    value_labels(
        bar, [fmt.number(r, lang, decimals) for r in ordered["ratio"]], [colour] * len(ordered)
    )
    fig = go.Figure(bar)
    fig.add_vline(x=1, line_dash="dash", line_color=charts.COUNTRY, layer="below")
    height = max(360, ROW_PX * len(ordered) + 170)
    # The unit on two lines: on a phone's narrow plot one line ran off the chart's right edge.
    unit = charts.wrap_lines(
        t(f"ammatit.{'tightness' if side == 'shortage' else 'looseness'}_unit", lang), 22
    )
    charts.layout(fig, title=title, lang=lang, note=note, height=height)
    fig.update_layout(hovermode="closest", showlegend=False, margin={"t": 80})
    fig.update_xaxes(title=unit, range=[0, top * 1.08], gridcolor="#e6e6e6")
    fig.update_yaxes(title=None, automargin=True)
    # Whole occupation names on two lines, not cut to 42 characters: on a phone the cut names
    # still took two thirds of the width.
    charts.wrap_category_labels(fig, row_px=ROW_PX)
    # Under the axis title, from the right edge so that a half-width chart does not cut it.
    gap = 58 + UNIT_LINE_PX * (charts.line_count(unit) - 1)
    return footnote_below(fig, gap=gap, right=True)


# Where a point's label may go, in order of preference (Plotly's scatter text positions).
LABEL_POSITIONS = (
    "top right",
    "bottom right",
    "top left",
    "bottom left",
    "middle right",
    "middle left",
    "top center",
    "bottom center",
)
CHAR_PX, LINE_PX = 6.3, 14  # an 11 px label: about 6.3 px per character, 14 px a line


def _label_box(x: float, y: float, width: float, position: str, gap: float):
    """The pixel box (x0, y0, x1, y1; y up) of a label of ``width`` at ``position`` of a point."""
    v, h = position.split()
    x0 = {"right": x + gap, "left": x - gap - width, "center": x - width / 2}[h]
    y0 = {"top": y + gap, "bottom": y - gap - LINE_PX, "middle": y - LINE_PX / 2}[v]
    return x0, y0, x0 + width, y0 + LINE_PX


def _overlap(a, b) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return max(w, 0.0) * max(h, 0.0)


def place_labels(
    xy: list[tuple[float, float]],
    texts: list[str],
    *,
    obstacles: list[tuple[float, float]] = (),
    lines: list[tuple[float, float]] = (),
    width: float,
    height: float,
    marker_px: float = 9,
    positions: tuple[str, ...] = LABEL_POSITIONS,
    keep: int = 0,
) -> list[str | None]:
    """A text position for each labelled point, or None where its label would cover another
    label or a point, or leave the plot: a greedy placement in pixels, the first points first.

    ``xy`` are the points in pixels of a ``width`` × ``height`` plot (origin bottom left); an
    empty text needs no place. ``obstacles`` are further points (pixels) to keep clear. ``lines``
    are points along thin lines: a label may cross one where nothing else is free, but crosses
    as little as it can. The first ``keep`` labels are always placed, where they cover least.
    """
    gap = marker_px / 2 / 0.8 + 1  # Plotly's offset of a text from its marker's centre
    r = marker_px / 2 + 1
    dots = [(px - r, py - r, px + r, py + r) for px, py in [*xy, *obstacles]]
    thin = [(px - 2, py - 2, px + 2, py + 2) for px, py in lines]
    placed: list[tuple[float, float, float, float]] = []
    out: list[str | None] = []
    for i, ((x, y), text) in enumerate(zip(xy, texts, strict=True)):
        if not text:
            out.append(None)
            continue
        best, best_cost = None, (math.inf, math.inf)
        for position in positions:
            box = _label_box(x, y, CHAR_PX * len(text), position, gap)
            outside = (max(0.0, -box[0]) + max(0.0, box[2] - width)) * LINE_PX + (
                max(0.0, -box[1]) + max(0.0, box[3] - height)
            ) * CHAR_PX * len(text)
            hard = outside + 4 * sum(_overlap(box, o) for o in placed)
            hard += sum(_overlap(box, d) for d in dots)
            cost = (hard, sum(_overlap(box, d) for d in thin))
            if cost < best_cost:
                best, best_cost = (position, box), cost
            if cost == (0, 0):
                break
        if best is not None and (best_cost[0] == 0 or i < keep):
            placed.append(best[1])
            out.append(best[0])
        else:
            out.append(None)
    return out


def densify(points: list[tuple[float, float]], step: float = 8) -> list[tuple[float, float]]:
    """``points`` and further points every ``step`` pixels along the line through them, so that
    a label keeps clear of the line, not only of its markers."""
    out = list(points)
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        k = int(math.hypot(x1 - x0, y1 - y0) // step)
        out += [
            (x0 + (x1 - x0) * i / (k + 1), y0 + (y1 - y0) * i / (k + 1)) for i in range(1, k + 1)
        ]
    return out


def to_pixels(values: pd.Series, lo: float, hi: float, size: float, log: bool) -> list[float]:
    """Data values as pixels along an axis of ``size`` pixels from ``lo`` to ``hi`` (log10 of
    the bounds on a log axis)."""
    v = np.log10(values.astype(float)) if log else values.astype(float)
    return list((v - lo) / (hi - lo) * size)


def drawn_points(seg: pd.DataFrame) -> pd.DataFrame:
    """The occupations the scatter draws: with both counts, not both zero."""
    known = seg.dropna(subset=["unemployed", "open_vacancies"])
    return known.drop(both_zero(known).index).copy()


def log_axes(seg: pd.DataFrame) -> bool:
    """Whether the scatter's axes are logarithmic: its counts span two orders of magnitude."""
    pts = drawn_points(seg)
    u, v = pts["unemployed"].astype(float), pts["open_vacancies"].astype(float)
    positive = pd.concat([u[u > 0], v[v > 0]])
    return len(positive) > 0 and positive.max() / positive.min() >= 100


def scatter_note(seg: pd.DataFrame, note: Note, lang: str) -> Note:
    """The scatter's note: with log axes, the remark that says how a 0 is drawn."""
    return note.with_remark(t("ammatit.log_note", lang)) if log_axes(seg) else note


def scatter_chart(
    seg: pd.DataFrame,
    *,
    title: str,
    lang: str,
    note: Note,
    highlight: str = "",
    n_labels: int = 6,
    width: int = 1000,
) -> go.Figure:
    """Unemployed (x) against open vacancies (y), one point per occupation, with the line of one
    vacancy per jobseeker. Log axes when the counts span two orders of magnitude or more; a 0 is
    then drawn at the lower edge (the hover tells the true value).

    An occupation with neither jobseekers nor vacancies is not drawn (see :func:`both_zero`). The
    ``n_labels`` largest occupations (and the highlighted one) are labelled where the label
    covers no other label or point, in a plot about ``width`` pixels wide.
    """
    pts = drawn_points(seg)
    u, v = pts["unemployed"].astype(float), pts["open_vacancies"].astype(float)
    log = log_axes(seg)
    pts["x"] = u.where(u > 0, ZERO_FLOOR) if log else u
    pts["y"] = v.where(v > 0, ZERO_FLOOR) if log else v
    x_hi = float(pts["x"].max()) if len(pts) else 1.0
    y_hi = float(pts["y"].max()) if len(pts) else 1.0
    if log:
        edge = math.log10(ZERO_FLOOR) - 0.15
        x_range = [edge, math.log10(max(x_hi, 1.0)) + 0.15]
        y_range = [edge, math.log10(max(y_hi, 1.0)) + 0.2]
    else:
        x_range, y_range = [0.0, max(x_hi, 1.0) * 1.08], [0.0, max(y_hi, 1.0) * 1.12]
    # The plot's height in pixels: the figure less the title and the footnote under the axis.
    lines = charts.line_count(note.footnote(lang))
    plot_height = 560 - 100 - (62 + FOOTNOTE_LINE_PX * lines + 12)

    chosen = pts["occupation_code"] == highlight
    order = pd.concat(
        [pts[chosen], pts[~chosen].assign(_s=u + v).sort_values("_s", ascending=False)]
    )
    order = order.head(n_labels + int(chosen.any()))
    px = to_pixels(pts["x"], *x_range, width, log)
    py = to_pixels(pts["y"], *y_range, plot_height, log)
    where = dict(zip(pts.index, zip(px, py, strict=True), strict=True))
    texts = [shorten(lab, 28) for lab in order["label"]]
    others = [where[i] for i in pts.index if i not in order.index]
    # Labels cross the balance line (see below) only where nothing else is free.
    lo, hi = max(x_range[0], y_range[0]), min(x_range[1], y_range[1])
    corners = pd.Series([10**lo, 10**hi] if log else [lo, hi])
    diagonal = list(
        zip(
            to_pixels(corners, *x_range, width, log),
            to_pixels(corners, *y_range, plot_height, log),
            strict=True,
        )
    )
    spots = place_labels(
        [where[i] for i in order.index],
        texts,
        obstacles=others,
        lines=densify(diagonal, step=3),
        width=width,
        height=plot_height,
        keep=int(chosen.any()),
    )
    pts["text"], pts["position"] = "", "top center"
    for idx, text, spot in zip(order.index, texts, spots, strict=True):
        if spot is not None:
            pts.loc[idx, ["text", "position"]] = [text, spot]
    pts["hover"] = [
        t(
            "ammatit.hover_point",
            lang,
            label=lab,
            unemployed=fmt.number(a, lang),
            vacancies=fmt.number(b, lang),
            tightness=fmt.number(b / a, lang, 2) if a > 0 else "–",
        )
        for lab, a, b in zip(pts["label"], u, v, strict=True)
    ]
    fig = go.Figure()
    classes = (
        ("surplus", v < u, SURPLUS),
        ("even", v == u, charts.COUNTRY),
        ("shortage", v > u, SHORTAGE),
    )
    for side, mask, colour in classes:
        part = pts[mask]
        if part.empty:
            continue
        big = part["occupation_code"] == highlight
        fig.add_scatter(
            x=part["x"],
            y=part["y"],
            mode="markers+text",
            name=t(f"ammatit.legend_{side}", lang),
            text=part["text"],
            textposition=part["position"],
            textfont={"size": 11, "color": "#333"},
            marker={
                "color": colour,
                "size": np.where(big, 15, 9),
                "opacity": 0.8,
                "line": {"color": np.where(big, "#000", "#fff"), "width": np.where(big, 2, 1)},
            },
            hovertext=part["hover"],
            hoverinfo="text",
        )
    # The balance line runs corner to corner of the square both axes share, so it ends at the
    # edge of the plot, never above it.
    fig.add_scatter(
        x=list(corners),
        y=list(corners),
        mode="lines",
        name=t("ammatit.legend_balance", lang),
        cliponaxis=True,
        line={"color": charts.COUNTRY, "dash": "dash", "width": 1.5},
        hoverinfo="skip",
    )
    charts.layout(
        fig,
        title=title,
        lang=lang,
        note=note,
        height=560,
        x_title=t("ammatit.axis_unemployed", lang),
        y_title=t("ammatit.axis_vacancies", lang),
    )
    fig.update_layout(hovermode="closest", margin={"t": 100})
    footnote_below(fig, gap=62)  # under the axis title
    if log:
        fig.update_xaxes(type="log", dtick=1, range=x_range)
        fig.update_yaxes(type="log", dtick=1, range=y_range, rangemode="normal")
    else:
        fig.update_xaxes(range=x_range)
        fig.update_yaxes(range=y_range)
    return fig


def both_zero(seg: pd.DataFrame) -> pd.DataFrame:
    """The occupations with neither jobseekers nor vacancies: nothing to compare, so not drawn."""
    return seg[(seg["unemployed"] == 0) & (seg["open_vacancies"] == 0)]


def transitions(
    data: pd.DataFrame,
    scope: str = "",
    top: int = 6,
    per: int = 3,
    min_vacancies: int = MIN_NEAR_VACANCIES,
) -> pd.DataFrame:
    """Nearby occupations with more vacancies per jobseeker, for the occupations with the most
    jobseekers: ideas for moves between related jobs (all ages; the source has no age break).

    Works at the finest level with figures (4 digits in the register, fewer in the demo). Nearby
    means the same group two digits up (for a 4-digit occupation: the same 2-digit group, which
    holds its 3-digit group). ``scope`` restricts the starting occupations to those under one
    code. A neighbour needs at least ``min_vacancies`` vacancies, a published jobseeker count and
    more vacancies per jobseeker than the starting occupation. One row per pair; a starting
    occupation without such neighbours gets one row with empty neighbour columns.
    """
    known = data[data["level"].between(1, 4) & data["unemployed"].notna()]
    if known.empty:
        return pd.DataFrame()
    finest = int(known["level"].max())
    rows = data[data["level"] == finest].copy()
    group = max(1, finest - 2)
    rows["group"] = rows["occupation_code"].str[:group]
    with np.errstate(divide="ignore", invalid="ignore"):
        rows["ratio"] = rows["open_vacancies"] / rows["unemployed"].astype(float)
    starts = rows[rows["unemployed"].notna() & (rows["unemployed"] > 0)]
    if scope:
        starts = starts[starts["occupation_code"].str.startswith(scope)]
    starts = starts.sort_values(["unemployed", "occupation_code"], ascending=[False, True]).head(
        top
    )
    out = []
    for _, s in starts.iterrows():
        near = rows[
            (rows["group"] == s["group"])
            & (rows["occupation_code"] != s["occupation_code"])
            & rows["unemployed"].notna()
            & (rows["open_vacancies"] >= min_vacancies)
            & (rows["ratio"] > (s["ratio"] if pd.notna(s["ratio"]) else 0))
        ]
        near = near.sort_values(["ratio", "open_vacancies"], ascending=False).head(per)
        base = {
            "occupation_code": s["occupation_code"],
            "label": s["label"],
            "unemployed": s["unemployed"],
            "open_vacancies": s["open_vacancies"],
            "ratio": s["ratio"],
        }
        if near.empty:
            out.append(base)
        for _, n in near.iterrows():
            out.append(
                base
                | {
                    "near_code": n["occupation_code"],
                    "near_label": n["label"],
                    "near_unemployed": n["unemployed"],
                    "near_vacancies": n["open_vacancies"],
                    "near_ratio": n["ratio"],
                    "same_minor_group": n["occupation_code"][: finest - 1]
                    == s["occupation_code"][: finest - 1],
                }
            )
    columns = [
        "occupation_code",
        "label",
        "unemployed",
        "open_vacancies",
        "ratio",
        "near_code",
        "near_label",
        "near_unemployed",
        "near_vacancies",
        "near_ratio",
        "same_minor_group",
    ]
    return pd.DataFrame(out, columns=columns)


def ratio_text(value: float, lang: str, *, sentence: bool = False) -> str:
    """Vacancies per jobseeker as text: ``0,68`` (or with ``sentence`` ``0,68 paikkaa työtöntä
    kohden``); words when there are vacancies but no jobseekers; a plain word where the source suppressed the count."""
    if value is None or pd.isna(value):
        return t("ammatit.ratio_suppressed", lang)
    if np.isinf(value):  # vacancies but no jobseekers: words, not "∞ työtöntä kohden"
        return t("ammatit.ratio_no_jobseekers", lang)
    text = fmt.number(value, lang, 2)
    return t("ammatit.ratio_sentence", lang, ratio=text) if sentence else text
