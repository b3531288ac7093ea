"""Occupations: who competes for which jobs. Pure functions, DataFrame in, figure or table out.

The input frame is one area and month of ``v_occupation_month`` with names (query
``ammatit_month``): columns ``occupation_code``, ``level`` (1–4 digits, 9 = the employment
service's X classes, which are not occupations), ``parent_code``, ``name_fi/sv/en``,
``unemployed``, ``open_vacancies``, ``tightness`` and ``status``. NULL means the source
suppressed a small cell; such an occupation is left out of a comparison rather than guessed.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from kohtaanto import charts, fmt
from kohtaanto.i18n import name_column, t

SHORTAGE = charts.ACCENT
SURPLUS = charts.AREA
MIN_NEAR_VACANCIES = 5  # a nearby occupation needs at least this many open vacancies
ZERO_FLOOR = 0.5  # where a 0 is drawn on a log axis (the smallest published count is 1)


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


def ranking(seg: pd.DataFrame, side: str, size: int, top: int = 12) -> pd.DataFrame:
    """The ``top`` occupations with the most vacancies per jobseeker (``side="shortage"``) or the
    most jobseekers per vacancy (``"surplus"``), among those of at least ``size``.

    ``ratio`` is infinite where the denominator is 0 (vacancies but no jobseekers, or the other
    way round); such occupations rank first, the larger first.
    """
    known = seg.dropna(subset=["unemployed", "open_vacancies"])
    known = known[known["unemployed"] + known["open_vacancies"] >= size]
    num, den = (
        ("open_vacancies", "unemployed") if side == "shortage" else ("unemployed", "open_vacancies")
    )
    rows = known[known[num] > 0].copy()
    with np.errstate(divide="ignore"):
        rows["ratio"] = rows[num] / rows[den].astype(float)
    rows = rows.sort_values(["ratio", num, "occupation_code"], ascending=[False, False, True])
    return rows.head(top).reset_index(drop=True)


def ranking_chart(rank: pd.DataFrame, *, side: str, title: str, lang: str, note: str) -> go.Figure:
    """Horizontal bars of a ranking, the largest on top; an infinite ratio is a hatched bar at the
    end of the axis labelled with what it means ("no vacancies"), never a made-up number."""
    ordered = rank.iloc[::-1]
    finite = ordered["ratio"][np.isfinite(ordered["ratio"])]
    top = max(float(finite.max()) if len(finite) else 1.0, 1.0)
    cap = top * 1.15
    infinite = ~np.isfinite(ordered["ratio"])
    decimals = 2 if side == "shortage" else 1
    zero_text = t(f"ammatit.{'no_jobseekers' if side == 'shortage' else 'no_vacancies'}", lang)
    text = [zero_text if inf else fmt.number(r, lang, decimals)
            for r, inf in zip(ordered["ratio"], infinite, strict=True)]  # fmt: skip
    hover = [
        t("ammatit.hover_counts", lang, label=lab, unemployed=fmt.number(u, lang),
          vacancies=fmt.number(v, lang))
        for lab, u, v in zip(ordered["label"], ordered["unemployed"], ordered["open_vacancies"], strict=True)
    ]  # fmt: skip
    colour = SHORTAGE if side == "shortage" else SURPLUS
    fig = go.Figure(
        go.Bar(
            x=np.where(infinite, cap, ordered["ratio"]),
            y=[shorten(lab, 42) for lab in ordered["label"]],
            orientation="h",
            marker={
                "color": ["#ffffff" if i else colour for i in infinite],
                "line": {"color": colour, "width": 1},
                "pattern": {"shape": ["/" if i else "" for i in infinite], "fgcolor": colour,
                            "fgopacity": 0.35},
            },
            text=text,
            textposition=["inside" if i else "outside" for i in infinite],
            insidetextanchor="middle",
            insidetextfont={"color": "#222"},
            cliponaxis=False,
            hovertext=hover,
            hoverinfo="text",
        )
    )  # fmt: skip
    fig.add_vline(x=1, line_dash="dash", line_color=charts.COUNTRY)
    height = max(360, 28 * len(ordered) + 170)
    unit = t(f"ammatit.{'tightness' if side == 'shortage' else 'looseness'}_unit", lang)
    charts.layout(fig, title=title, lang=lang, note=note, height=height)
    fig.update_layout(hovermode="closest", showlegend=False, margin={"t": 80, "b": 110})
    fig.update_xaxes(title=unit, range=[0, cap * 1.22], gridcolor="#e6e6e6")
    fig.update_yaxes(title=None, automargin=True)
    # Under the axis title, right-aligned so that a half-width chart does not cut it.
    fig.layout.annotations[0].update(y=0, yshift=-62, x=1, xanchor="right", align="right")
    return fig


def scatter_chart(
    seg: pd.DataFrame,
    *,
    title: str,
    lang: str,
    note: str,
    highlight: str = "",
    n_labels: int = 8,
) -> go.Figure:
    """Unemployed (x) against open vacancies (y), one point per occupation, with the line of one
    vacancy per jobseeker. Log axes when the counts span two orders of magnitude or more; a 0 is
    then drawn at the lower edge (the hover tells the true value)."""
    pts = seg.dropna(subset=["unemployed", "open_vacancies"]).copy()
    u, v = pts["unemployed"].astype(float), pts["open_vacancies"].astype(float)
    positive = pd.concat([u[u > 0], v[v > 0]])
    log = len(positive) > 0 and positive.max() / positive.min() >= 100
    pts["x"] = u.where(u > 0, ZERO_FLOOR) if log else u
    pts["y"] = v.where(v > 0, ZERO_FLOOR) if log else v
    big = list((u + v).sort_values(ascending=False).index[:n_labels])
    big += list(pts.index[(pts["occupation_code"] == highlight) & ~pts.index.isin(big)])
    pts["text"] = ""
    pts.loc[big, "text"] = pts.loc[big, "label"].map(lambda s: shorten(s, 28))
    pts["position"] = "top center"
    # Labels point away from the right edge and alternate above and below among neighbours.
    where = np.log10(pts["x"].astype(float)) if log else pts["x"].astype(float)
    right = where > where.min() + 0.55 * (where.max() - where.min())
    for i, idx in enumerate(pts.loc[big].sort_values("y").index):
        side = "left" if right[idx] else "right"
        pts.loc[idx, "position"] = ("top " if i % 2 else "bottom ") + side
    pts["hover"] = [
        t("ammatit.hover_point", lang, label=lab, unemployed=fmt.number(a, lang),
          vacancies=fmt.number(b, lang), tightness=fmt.number(b / a, lang, 2) if a > 0 else "–")
        for lab, a, b in zip(pts["label"], u, v, strict=True)
    ]  # fmt: skip
    fig = go.Figure()
    for side, mask, colour in (("surplus", v <= u, SURPLUS), ("shortage", v > u, SHORTAGE)):
        part = pts[mask]
        if part.empty:
            continue
        chosen = part["occupation_code"] == highlight
        fig.add_scatter(
            x=part["x"], y=part["y"], mode="markers+text", name=t(f"ammatit.legend_{side}", lang),
            text=part["text"], textposition=part["position"], textfont={"size": 11, "color": "#333"},
            marker={"color": colour, "size": np.where(chosen, 15, 9), "opacity": 0.8,
                    "line": {"color": np.where(chosen, "#000", "#fff"), "width": np.where(chosen, 2, 1)}},
            hovertext=part["hover"], hoverinfo="text",
        )  # fmt: skip
    lo = ZERO_FLOOR if log else 0.0
    x_hi = float(pts["x"].max()) if len(pts) else 1.0
    y_hi = float(pts["y"].max()) if len(pts) else 1.0
    hi = max(x_hi, y_hi, 1.0)
    fig.add_scatter(
        x=[lo, hi], y=[lo, hi], mode="lines", name=t("ammatit.legend_balance", lang),
        line={"color": charts.COUNTRY, "dash": "dash", "width": 1.5}, hoverinfo="skip",
    )  # fmt: skip
    if log:
        note = note + "<br>" + t("ammatit.log_note", lang)
    charts.layout(fig, title=title, lang=lang, note=note, height=560,
                  x_title=t("ammatit.axis_unemployed", lang), y_title=t("ammatit.axis_vacancies", lang))  # fmt: skip
    fig.update_layout(hovermode="closest", margin={"t": 100, "b": 120})
    fig.layout.annotations[0].update(y=0, yshift=-62)  # under the axis title
    # Each axis fits its own data; the balance line is cut at the edge of the plot.
    if log:
        edge = math.log10(ZERO_FLOOR) - 0.15
        fig.update_xaxes(type="log", dtick=1, range=[edge, math.log10(max(x_hi, 1.0)) + 0.15])
        fig.update_yaxes(type="log", dtick=1, range=[edge, math.log10(max(y_hi, 1.0)) + 0.2],
                         rangemode="normal")  # fmt: skip
    else:
        fig.update_xaxes(range=[0, max(x_hi, 1.0) * 1.08])
        fig.update_yaxes(range=[0, max(y_hi, 1.0) * 1.12])
    return fig


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
        near = rows[(rows["group"] == s["group"]) & (rows["occupation_code"] != s["occupation_code"])
                    & rows["unemployed"].notna() & (rows["open_vacancies"] >= min_vacancies)
                    & (rows["ratio"] > (s["ratio"] if pd.notna(s["ratio"]) else 0))]  # fmt: skip
        near = near.sort_values(["ratio", "open_vacancies"], ascending=False).head(per)
        base = {"occupation_code": s["occupation_code"], "label": s["label"],
                "unemployed": s["unemployed"], "open_vacancies": s["open_vacancies"], "ratio": s["ratio"]}  # fmt: skip
        if near.empty:
            out.append(base)
        for _, n in near.iterrows():
            out.append(base | {
                "near_code": n["occupation_code"], "near_label": n["label"],
                "near_unemployed": n["unemployed"], "near_vacancies": n["open_vacancies"],
                "near_ratio": n["ratio"],
                "same_minor_group": n["occupation_code"][: finest - 1] == s["occupation_code"][: finest - 1],
            })  # fmt: skip
    columns = ["occupation_code", "label", "unemployed", "open_vacancies", "ratio", "near_code",
               "near_label", "near_unemployed", "near_vacancies", "near_ratio", "same_minor_group"]  # fmt: skip
    return pd.DataFrame(out, columns=columns)


def ratio_text(value: float, lang: str, *, sentence: bool = False) -> str:
    """Vacancies per jobseeker as text: ``0,68`` (or with ``sentence`` ``0,68 paikkaa työtöntä
    kohden``); ``∞`` with no jobseekers; a plain word where the source suppressed the count."""
    if value is None or pd.isna(value):
        return t("ammatit.ratio_suppressed", lang)
    text = "∞" if np.isinf(value) else fmt.number(value, lang, 2)
    return t("ammatit.ratio_sentence", lang, ratio=text) if sentence else text
