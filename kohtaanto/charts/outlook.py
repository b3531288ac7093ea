"""The outlook in figures and words (issue 20), as pure functions: a trend line continued as a
dashed forecast with its light 80 % band, the areas ranked by their expected change with the
interval as error bars, and the sentences beside them.

A forecast is drawn from the last observed month it was made from (its origin), so that the
dashed line continues the solid one there and never crosses months without figures as if they
were data: after a gap (the mirror's 11/2023–5/2026) the outlook still starts at its origin.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import plotly.graph_objects as go

from kohtaanto import charts, fmt
from kohtaanto.i18n import t
from kohtaanto.note import Note

BAND_ALPHA = 0.16  # the band is light: the line is the message, the band its uncertainty
NO_LINE = "rgba(0,0,0,0)"
OTHERS = "#5B8DB8"  # the areas not chosen in the ranking: 3.9:1 on white, as graphics need 3:1


def band_colour(colour: str, alpha: float = BAND_ALPHA) -> str:
    """``#0060A8`` → ``rgba(0,96,168,0.16)``."""
    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def forecast_name(origin: dt.date, model: str, lang: str, what: str = "") -> str:
    """The legend's name of a dashed outlook, with its model and origin: ``Ennuste 10/2023,
    Holt-Winters``; with ``what``: ``Pohjois-Karjala: ennuste 10/2023, Holt-Winters``."""
    name = t(
        "outlook.legend_forecast",
        lang,
        origin=fmt.month_short(origin),
        model=t(f"outlook.model_short.{model}", lang),
    )
    return f"{what}: {name[0].lower()}{name[1:]}" if what else name


def _legend_rows(fig: go.Figure) -> int:
    items = charts.legend_items(fig)
    shown = fig.layout.showlegend is not False and len(items) > 1
    return charts.legend_rows(items) if shown else 0


def add_outlook(
    fig: go.Figure,
    rows: pd.DataFrame,
    *,
    name: str,
    band_name: str,
    lang: str,
    anchor: tuple[pd.Timestamp, float] | None = None,
    colour: str = charts.AREA,
    decimals: int = 0,
    percent: bool = False,
) -> go.Figure:
    """Add a forecast to a finished line chart: ``rows`` (``period``, ``value``, ``lo80``,
    ``hi80``, in the chart's units) as a dashed line named ``name`` and its 80 % interval as a
    light band named ``band_name``, both starting at ``anchor`` (the origin month's observed
    value) when given. The top margin and height grow by the legend rows the two items add, and
    the month axis covers the forecast months."""
    data = rows.sort_values("period")
    x = list(pd.to_datetime(data["period"]))
    y, lo, hi = list(data["value"]), list(data["lo80"]), list(data["hi80"])
    if anchor is not None and not pd.isna(anchor[1]):
        x, y = [pd.Timestamp(anchor[0]), *x], [anchor[1], *y]
        lo, hi = [anchor[1], *lo], [anchor[1], *hi]
    rows_before = _legend_rows(fig)
    unit = "%" if percent else ""
    number = f"%{{y:,.{decimals}f}}{unit}"
    if any(not pd.isna(v) for v in hi):
        # No legend group for the band's two edges: a group puts a gap (tracegroupgap) between
        # every legend row, and the lower edge, invisible and out of the legend, needs none.
        band = {"mode": "lines", "line": {"width": 0, "color": NO_LINE}, "hoverinfo": "skip"}
        fig.add_scatter(x=x, y=lo, name=band_name, showlegend=False, **band)
        fig.add_scatter(
            x=x,
            y=hi,
            name=band_name,
            legendrank=1002,  # after the dashed line it belongs to
            fill="tonexty",
            fillcolor=band_colour(colour),
            **band,
        )
        bounds = f"%{{customdata[0]:,.{decimals}f}}{unit}–%{{customdata[1]:,.{decimals}f}}{unit}"
        hover = f"{number} ({t('outlook.hover_interval', lang)} {bounds})"
        custom = [[a, b] for a, b in zip(lo, hi, strict=True)]
    else:
        hover, custom = number, None
    fig.add_scatter(
        x=x,
        y=y,
        name=name,
        mode="lines",
        line={"color": colour, "width": 2.5, "dash": "dash"},
        legendrank=1001,
        customdata=custom,
        hovertemplate=hover + "<extra>%{fullData.name}</extra>",
    )
    more = charts.LEGEND_ROW_PX * (_legend_rows(fig) - rows_before)
    if more:
        fig.update_layout(
            margin_t=(fig.layout.margin.t or 100) + more, height=(fig.layout.height or 440) + more
        )
    periods = [p for trace in fig.data if trace.x is not None for p in trace.x]
    fig.update_xaxes(tickvals=None, dtick=None, tick0=None)
    charts.month_axis(fig, periods)
    return fig


def renote(fig: go.Figure, note: Note, lang: str) -> go.Figure:
    """Give a finished figure another note: its footnote annotation's text, and the height and
    bottom margin following the change in lines (as :func:`charts.layout` sizes them)."""
    annotations = list(fig.layout.annotations)
    at = next((i for i, a in enumerate(annotations) if a.name == "footnote"), None)
    if at is None:
        return fig
    old = annotations[at].text or ""
    new = charts.wrap_lines(note.footnote(lang), charts.NOTE_WIDTH)
    more = charts.NOTE_LINE_PX * (charts.line_count(new) - charts.line_count(old))
    annotations[at].update(text=new)
    fig.update_layout(
        height=(fig.layout.height or 440) + more,
        margin_b=(fig.layout.margin.b if fig.layout.margin.b is not None else 80) + more,
    )
    return fig


def change_figure(
    data: pd.DataFrame,
    *,
    title: str,
    lang: str,
    note: Note,
    x_title: str,
    highlight: list[str],
    reference: float | None,
    reference_label: str,
    points: bool,
) -> go.Figure:
    """Areas ranked by their expected change (``data``: ``name``, ``change``, ``lo``, ``hi``),
    the largest at the top, each a dot with its 80 % interval as an error bar; ``highlight``
    (names) in the area colour; the country's expected change as a dashed reference line.
    ``points``: the change in percentage points (the share), else in per cent."""
    ordered = data.sort_values("change", ascending=True)
    decimals = 2 if points else 1
    unit = f"\u00a0{t('outlook.unit_points', lang)}" if points else "%"
    number = f"%{{x:+,.{decimals}f}}{unit}"
    bounds = f"%{{customdata[0]:+,.{decimals}f}}{unit}…%{{customdata[1]:+,.{decimals}f}}{unit}"
    fig = go.Figure()
    chosen = ordered["name"].isin(highlight)
    # One legend item explains both: the others' trace, or the chosen one's when it is alone.
    for part, colour, size, show in (
        (ordered[~chosen], OTHERS, 9, True),
        (ordered[chosen], charts.AREA, 13, bool(chosen.all())),
    ):
        if part.empty:
            continue
        fig.add_scatter(
            x=part["change"],
            y=part["name"],
            mode="markers",
            name=t("outlook.legend_ranking", lang),
            legendgroup="ranking",
            showlegend=show,
            marker={"color": colour, "size": size, "line": {"width": 1, "color": "white"}},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": (part["hi"] - part["change"]).clip(lower=0).tolist(),
                "arrayminus": (part["change"] - part["lo"]).clip(lower=0).tolist(),
                "color": colour,
                "thickness": 2.5 if colour == charts.AREA else 1.6,
                "width": 4,
            },
            customdata=part[["lo", "hi"]].to_numpy().tolist(),
            hovertemplate=f"%{{y}}: {number} ({t('outlook.hover_interval', lang)} {bounds})"
            "<extra></extra>",
        )
    height = max(360, charts.BAR_ROW_PX * len(ordered) + 180)
    charts.layout(fig, title=title, lang=lang, note=note, height=height, x_title=x_title)
    fig.add_vline(x=0, line_color="#999", line_width=1)
    if reference is not None and not math.isnan(reference):
        fig.add_vline(
            x=reference,
            line_dash="dash",
            line_color=charts.COUNTRY,
            annotation_text=reference_label,
            annotation_position="top",
        )
    # layout() moves the footnote 20 px lower for the axis title, but not its margin.
    fig.update_layout(
        hovermode="closest",
        showlegend=True,
        margin_b=fig.layout.margin.b + 20,
        height=fig.layout.height + 20,
    )
    fig.update_xaxes(
        title=x_title,
        ticksuffix=unit if not points else None,
        tickformat=f",.{0 if not points else 1}f",
        gridcolor="#e6e6e6",
        zeroline=False,
    )
    # In the ranking's order, whichever trace an area is drawn in (the chosen one comes last).
    fig.update_yaxes(
        title=None,
        automargin=True,
        rangemode=None,
        categoryorder="array",
        categoryarray=list(ordered["name"]),
    )
    return charts.wrap_category_labels(fig)


def change_text(value: float, lang: str, *, points: bool) -> str:
    """``+3,2 %`` or ``−0,41 %-yks.`` (the share's change in percentage points)."""
    if points:
        return fmt.signed(value, lang, 2, "\u00a0" + t("outlook.unit_points", lang))
    return fmt.signed(value, lang, 1, "\u00a0%" if lang != "en" else "%")


def interval_text(lo: float, hi: float, lang: str, *, points: bool) -> str:
    """``−4,1 … +9,0 %`` style: both bounds with their signs."""
    return f"{change_text(lo, lang, points=points)} … {change_text(hi, lang, points=points)}"


def ranking_sentence(
    data: pd.DataFrame, *, what: str, span: str, lang: str, points: bool, chosen: list[str]
) -> str:
    """Where the change is expected largest and smallest, the chosen areas' change with its
    interval, and how many areas' intervals hold both a rise and a fall."""
    ordered = data.sort_values("change", ascending=False)
    top, bottom = ordered.iloc[0], ordered.iloc[-1]
    parts = [
        t(
            "outlook.ranking_sentence",
            lang,
            what=what,
            span=span,
            top=top["name"],
            top_change=change_text(top["change"], lang, points=points),
            bottom=bottom["name"],
            bottom_change=change_text(bottom["change"], lang, points=points),
        )
    ]
    for _, row in ordered[ordered["name"].isin(chosen)].head(3).iterrows():
        parts.append(
            t(
                "outlook.ranking_chosen",
                lang,
                area=row["name"],
                change=change_text(row["change"], lang, points=points),
                interval=interval_text(row["lo"], row["hi"], lang, points=points),
            )
        )
    both = int(((data["lo"] < 0) & (data["hi"] > 0)).sum())
    if both:
        parts.append(t("outlook.ranking_both_ways", lang, n=both, total=len(data)))
    return " ".join(parts)


def outlook_sentence(
    last: pd.Series,
    *,
    origin: dt.date,
    what: str,
    area: str,
    lang: str,
    percent: bool,
    decimals: int,
) -> str:
    """The forecast's last month in words: ``Pohjois-Karjala: 10/2023 tehdyn ennusteen mukaan
    … on 10/2024 13,7 % (80 %:n väli 12,0–15,9 %).`` (``last``: ``period``, ``value``,
    ``lo80``, ``hi80``)."""

    def show(v: float) -> str:
        return fmt.percent(v, lang, decimals) if percent else fmt.number(v, lang, decimals)

    fields = {
        "what": what,
        "area": area,
        "origin": fmt.month_short(origin),
        "month": fmt.month_short(pd.Timestamp(last["period"]).date()),
        "value": show(last["value"]),
    }
    if pd.isna(last["lo80"]) or pd.isna(last["hi80"]):
        return t("outlook.sentence_no_band", lang, **fields)
    return t("outlook.sentence", lang, **fields, lo=show(last["lo80"]), hi=show(last["hi80"]))


def ratio_text(value: float, lang: str) -> str:
    """A relative error as a share of the naive's: ``0.25`` → ``25 %``."""
    return fmt.percent(100 * value, lang, 0)


def record_sentence(rows: pd.DataFrame, *, what: str, lang: str) -> str:
    """The track record of one series in plain words (``rows``: one per horizon with
    ``horizon``, ``rel_mae``, ``coverage80``, ``n``): the error a month and a year ahead as a
    share of the seasonal naive forecast's, and how often the 80 % intervals held the actual
    value: ``Työttömät: kuukauden päähän ennusteen virhe oli keskimäärin 25 % … 12 kuukauden
    päähän 98 %. 80 %:n välit osuivat 71 %:iin toteutuneista arvoista.``"""
    scored = rows.dropna(subset=["rel_mae"]).set_index("horizon").sort_index()
    parts = [f"{what}:"]
    for i, h in enumerate(dict.fromkeys([scored.index.min(), scored.index.max()])):
        rel = float(scored.at[h, "rel_mae"])
        key = "outlook.record_first" if i == 0 and h == 1 else "outlook.record_h"
        text = t(key, lang, months=int(h), share=ratio_text(rel, lang))
        if rel >= 1:
            text = text.rstrip(".") + " " + t("outlook.record_worse", lang) + "."
        parts.append(text)
    cover = rows.dropna(subset=["coverage80"])
    if len(cover) and cover["n"].sum() > 0:
        pooled = float((cover["coverage80"] * cover["n"]).sum() / cover["n"].sum())
        parts.append(t("outlook.record_coverage", lang, share=fmt.percent(100 * pooled, lang, 0)))
    return " ".join(parts)
