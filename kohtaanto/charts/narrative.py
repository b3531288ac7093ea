"""Plain sentences about what changed, generated from the numbers in the chosen language."""

from __future__ import annotations

import math
import numbers

import pandas as pd

from kohtaanto import fmt
from kohtaanto.charts import array_values, legend_items
from kohtaanto.i18n import t


def _ok(x: object) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def change_sentences(
    now: pd.Series, year_ago: pd.Series | None, area_name: str, lang: str
) -> list[str]:
    """Up to four sentences: unemployed, unemployment share, vacancies per unemployed, 50+."""
    month = fmt.month_in(pd.Timestamp(now["period"]).date(), lang)
    out: list[str] = []
    if _ok(now.get("unemployed")):
        if year_ago is not None and _ok(year_ago.get("unemployed")) and year_ago["unemployed"]:
            change = 100 * (now["unemployed"] / year_ago["unemployed"] - 1)
            key = "up" if change > 0.5 else "down" if change < -0.5 else "flat"
            out.append(
                t(
                    f"narrative.unemployed_{key}",
                    lang,
                    area=area_name,
                    month=month,
                    count=fmt.number(now["unemployed"], lang),
                    change=fmt.percent(abs(change), lang),
                )
            )
        else:
            out.append(
                t(
                    "narrative.unemployed_level",
                    lang,
                    area=area_name,
                    month=month,
                    count=fmt.number(now["unemployed"], lang),
                )
            )
    if (
        _ok(now.get("unemployment_share"))
        and year_ago is not None
        and _ok(year_ago.get("unemployment_share"))
    ):
        diff = now["unemployment_share"] - year_ago["unemployment_share"]
        out.append(
            t(
                "narrative.share",
                lang,
                share=fmt.percent(now["unemployment_share"], lang),
                diff=fmt.signed(diff, lang, 1),
                unit=t("narrative.points", lang),
            )
        )
    if _ok(now.get("tightness")):
        per = now["tightness"]
        key = "tight" if per >= 0.5 else "slack" if per < 0.2 else "middle"
        out.append(
            t(
                f"narrative.tightness_{key}",
                lang,
                ratio=fmt.number(per, lang, 2),
                per_hundred=fmt.number(100 * per, lang),
            )
        )
    if _ok(now.get("unemployed_50")) and _ok(now.get("share_50")):
        out.append(
            t(
                "narrative.over50",
                lang,
                count=fmt.number(now["unemployed_50"], lang),
                share=fmt.percent(now["share_50"], lang),
            )
        )
    return out


def _when(x: object, lang: str) -> str:
    """A time axis value in a sentence: a month (``lokakuussa 2023``), a survey year, or ``""``
    for anything else (a category, an area name), never a date read from a bare number."""
    if isinstance(x, numbers.Real) and not isinstance(x, bool):
        # a survey year on the axis, not nanoseconds since 1970
        return t("story.year_in", lang, year=int(x)) if 1900 <= x <= 2200 else ""
    if isinstance(x, str) or hasattr(x, "year") or hasattr(x, "dtype"):
        try:
            stamp = pd.Timestamp(x)
        except (ValueError, TypeError):
            return ""
        return fmt.month_in(stamp.date(), lang) if not pd.isna(stamp) else ""
    return ""


def figure_takeaway(fig: object, lang: str) -> str:
    """For a chart added from a page without its own sentence: the first line's latest value
    and its change since the start, in the axis' unit (``%``); for a chart that is not a line
    over time (a map, a ranking), a pointer to its table rather than a guess."""
    layout = getattr(fig, "layout", None)
    suffix = str(getattr(getattr(layout, "yaxis", None), "ticksuffix", None) or "")
    percent = "%" in suffix
    for trace in getattr(fig, "data", ()):
        if getattr(trace, "type", None) != "scatter" or trace.x is None or trace.y is None:
            continue
        pairs = [
            (x, float(y))
            for x, y in zip(list(trace.x), list(trace.y), strict=False)
            if isinstance(y, numbers.Real) and not isinstance(y, bool) and _ok(float(y))
        ]
        if len(pairs) < 2:
            continue
        (_, first), (last_x, last) = pairs[0], pairs[-1]
        if not _when(last_x, lang):  # not a line over time (a scatter of counts): no change
            continue
        decimals = 1 if percent or abs(last) < 100 else 0

        def show(v: float, *, signed: bool = False, decimals: int = decimals) -> str:
            unit = t("narrative.points", lang) if percent and signed else ""
            if signed:
                return fmt.signed(v, lang, decimals, f"{fmt.NBSP}{unit}" if unit else "")
            return fmt.percent(v, lang, decimals) if percent else fmt.number(v, lang, decimals)

        return t(
            "story.takeaway_generic",
            lang,
            series=trace.name or "",
            value=show(last),
            change=show(last - first, signed=True),
            month=_when(last_x, lang),
        )
    return t("story.takeaway_none", lang)


def chart_kind(fig: object) -> str:
    """What kind of chart a figure is, for its description: ``map``, ``table``, ``bar``,
    ``line``, ``dots`` (markers on named rows), ``scatter`` or ``chart``."""
    traces = list(getattr(fig, "data", ()))
    types = {getattr(tr, "type", None) for tr in traces}
    for kind, trace_type in (("map", "choropleth"), ("table", "table"), ("bar", "bar")):
        if trace_type in types:
            return kind
    scatters = [tr for tr in traces if getattr(tr, "type", None) == "scatter"]
    if not scatters:
        return "chart"
    rows = [y for tr in scatters for y in array_values(tr.y)]
    if rows and all(isinstance(y, str) for y in rows):  # values on named rows (a dumbbell)
        return "dots"
    # The first trace is the data (a reference line comes later); Plotly draws a trace without
    # a mode as a line (with markers when it is short).
    return "line" if "lines" in (scatters[0].mode or "lines") else "scatter"


def _x_values(fig: object) -> list:
    out: list = []
    for tr in getattr(fig, "data", ()):
        if getattr(tr, "type", None) not in ("scatter", "bar"):
            continue
        if getattr(tr, "orientation", None) == "h":  # its x holds values, not time
            continue
        out.extend(array_values(tr.x))
    return out


def period_shown(fig: object) -> str:
    """The time a figure's x axis spans: ``1/2021–6/2026`` for months, ``2016–2025`` for survey
    years, ``""`` for an axis that is not time (a map, a ranking: their titles name the month)."""
    xs = _x_values(fig)
    if not xs:
        return ""
    if all(isinstance(x, numbers.Real) and not isinstance(x, bool) for x in xs):
        years = [int(x) for x in xs if 1900 <= x <= 2200 and float(x).is_integer()]
        if len(years) != len(xs):
            return ""
        low, high = min(years), max(years)
        return str(low) if low == high else f"{low}–{high}"
    if any(isinstance(x, numbers.Real) for x in xs):
        return ""
    stamps = pd.to_datetime(pd.Series(xs), errors="coerce").dropna()
    if len(stamps) != len(xs):
        return ""
    low, high = stamps.min().date(), stamps.max().date()
    if low == high:
        return fmt.month_short(low)
    return f"{fmt.month_short(low)}–{fmt.month_short(high)}"


def describe(fig: object, title: str, takeaway: str, lang: str) -> str:
    """A chart's text alternative where no table goes with it (a slide): its kind, what it shows
    and where (``title``), the period its axis spans, the series it draws, and its takeaway
    (unless that only points to a table): ``Viivakaavio, 1/2021–6/2026: Työttömien osuus
    työvoimasta: Uusimaa ja koko maa. Sarjat: Uusimaa, Koko maa. Uusimaa: 10,2 % …``."""
    kind = t(f"alt.{chart_kind(fig)}", lang)
    period = period_shown(fig)
    if period and period not in title:
        parts = [t("alt.sentence_period", lang, kind=kind, period=period, title=title)]
    else:
        parts = [t("alt.sentence", lang, kind=kind, title=title)]
    names = legend_items(fig)
    if names:
        parts.append(t("alt.series", lang, names=", ".join(names)))
    if takeaway and takeaway != t("story.takeaway_none", lang):
        parts.append(takeaway)
    return " ".join(parts)
