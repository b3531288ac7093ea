"""Figures and sentences of the page Kokeneet osaajat 55+: experienced against younger talent.

Pure functions, no Streamlit: DataFrames in, Plotly figures or plain sentences out. Every figure
names the age break its source has ("Työnvälitysrekisteri, tyonv/1207: 15–24, 25–49, 50+"),
because the register's area tables, its archived five-year table and the Labour Force Survey
break ages differently and a reader must not compare groups that are not alike.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Iterable, Sequence

import pandas as pd
import plotly.graph_objects as go

from kohtaanto import charts, fmt
from kohtaanto.charts.ages import age_label, labels, present, upper_age
from kohtaanto.charts.maps import footnote_below, value_labels
from kohtaanto.i18n import t
from kohtaanto.note import Note

LFS_FOCUS, LFS_ALL = "55-64", "15-74"
# Muted colours for the other age groups; the chosen group is always charts.AREA.
OTHERS = ["#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#8C6D31", "#F0E442"]
DASHES = ["solid", "dot", "dash"]
LEVEL_ORDER = (
    "country",
    "coordinator_area",
    "region",
    "ely",
    "elinvoimakeskus",
    "employment_area",
    "major_region",
    "sub_region",
    "municipality",
)
SHARE_BAR = "#8FB8DE"
MAX_NAMED = 5
SUBTITLE_WIDTH = 64  # a half-width chart holds about 70 characters of the 13 px subtitle
HEIGHT = 460
FOOTNOTE_PX = 52


def source_kind(table: str, lang: str) -> str:
    """What kind of source a table is: the register, the Labour Force Survey, or demo data."""
    for prefix, kind in (("tyonv/", "register"), ("tyti/", "survey"), ("demo", "demo")):
        if table.startswith(prefix):
            return t(f"kokeneet.source_{kind}", lang)
    return ""


def break_subtitle(lang: str, table: str, age_labels: Iterable[str]) -> str:
    """``Työnvälitysrekisteri, tyonv/1207: 15–24, 25–49, 50+`` (demo data: ``Demoaineisto: …``)."""
    kind = source_kind(table, lang)
    where = kind if table == "demo" else ", ".join(filter(None, (kind, table)))
    ages = ", ".join(age_labels)
    return f"{where}: {ages}" if ages else where


def indexed(data: pd.DataFrame, *, value: str = "value", series: str = "age_group"):
    """``data`` with ``index`` = value / value in the base month × 100, and that base month.

    The base is the first month in which the most series have a positive value (all of them,
    unless a small group is suppressed), so the lines start at 100 together; a series without a
    value in that month gets no index. (data with NaN, None) when no month has a positive value.
    """
    wide = data.pivot_table(index="period", columns=series, values=value, aggfunc="first")
    positive = wide > 0
    counts = positive.sum(axis=1)
    if wide.empty or counts.max() == 0:
        return data.assign(index=math.nan), None
    base_period = counts.index[counts.argmax()]
    base = wide.loc[base_period].where(positive.loc[base_period])
    out = data.assign(index=100 * data[value] / data[series].map(base))
    return out, pd.Timestamp(base_period).date()


def _header(
    fig: go.Figure,
    subtitle: str,
    legend: Sequence[str] = (),
    height: int = HEIGHT,
    extra: int = 0,
) -> go.Figure:
    """Title, subtitle and legend stacked above the plot, the top margin sized to hold them, and
    the footnote (the first annotation) kept a fixed distance under the plot."""
    title_lines = charts.line_count(str(fig.layout.title.text))
    subtitle = charts.wrap_lines(subtitle, SUBTITLE_WIDTH)
    sub_lines = charts.line_count(subtitle)
    # A half-width chart fits about 440 px of legend items per row.
    widths = [48 + 8.5 * len(str(item)) for item in legend]
    legend_rows = 0 if len(widths) < 2 else max(1, math.ceil(sum(widths) / 440))
    top = 26 + 24 * title_lines + 18 * sub_lines + 6 + 24 * legend_rows + extra
    height += 24 * (title_lines - 1 + legend_rows) + 18 * (sub_lines - 1) + extra
    fig.update_layout(
        title={
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": 14, "l": 12},
            "subtitle": {"text": subtitle, "font": {"size": 13, "color": "#444"}},
        },
        margin_t=top,
        legend={"y": 1.0, "yanchor": "bottom"},
        height=height,
    )
    # In pixels, not a share of the plot: a PNG drawn taller than the page keeps its footnote.
    note = fig.layout.annotations[0]
    note.update(y=0, yanchor="top", yshift=-FOOTNOTE_PX, align=note.align or "left")
    return fig


def lines(
    data: pd.DataFrame,
    *,
    x: str,
    y: str,
    series: str,
    title: str,
    subtitle: str,
    lang: str,
    note: Note,
    highlight: str | None = None,
    reference: str | None = None,
    y_title: str = "",
    y_percent: bool = False,
    decimals: int = 0,
    x_format: str = "%m/%Y",
) -> go.Figure:
    """One line per series: ``highlight`` strong, ``reference`` (all ages, country) grey dashed.

    With three points or fewer the lines get markers, so a one-month period still shows.
    """
    fig = go.Figure()
    few = data[x].nunique() <= 3
    others = 0
    for name in dict.fromkeys(data[series]):
        freq = "YS" if x_format == "%Y" else "MS"  # the survey is yearly
        part = charts.with_gaps(data[data[series] == name], x, freq=freq)
        if name == highlight:
            line = {"color": charts.AREA, "width": 4}
        elif name == reference:
            line = {"color": charts.COUNTRY, "width": 2.5, "dash": "dash"}
        else:
            line = {
                "color": OTHERS[others % len(OTHERS)],
                "width": 1.8,
                "dash": DASHES[(others // len(OTHERS)) % len(DASHES)],
            }
            others += 1
        fig.add_scatter(
            x=part[x],
            y=part[y],
            name=str(name),
            line=line,
            mode="lines+markers" if few else "lines",
            hovertemplate=f"%{{y:,.{decimals}f}}"
            + ("%" if y_percent else "")
            + "<extra>%{fullData.name}</extra>",
        )
    if x_format == "%m/%Y":
        charts.month_axis(fig, data[x])
    else:
        fig.update_xaxes(tickformat=x_format)
    if few:
        fig.update_xaxes(tickvals=sorted(data[x].unique()))
    charts.layout(fig, title=title, lang=lang, note=note, y_title=y_title, y_percent=y_percent)
    return _header(fig, subtitle, list(dict.fromkeys(data[series])))


def share_bars(
    data: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    lang: str,
    note: Note,
    highlight: Collection[str],
    reference: float | None,
    reference_label: str,
) -> go.Figure:
    """Ranked bars of ``share`` by ``area``, each labelled with its value; the ``highlight`` areas
    in the area colour; the country as a dashed, labelled reference line under the bars."""
    fig = charts.bar_chart(
        data,
        label="area",
        value="share",
        title=title,
        lang=lang,
        note=note,
        percent=True,
        decimals=1,
        x_title=t("kokeneet.share_axis", lang),
    )
    bar = fig.data[0]
    bar.marker.color = [charts.AREA if a in set(highlight) else SHARE_BAR for a in bar.y]
    value_labels(bar, [fmt.percent(v, lang) for v in bar.x], list(bar.marker.color))
    if reference is not None:
        fig.add_vline(
            x=reference, line_dash="dash", line_color=charts.COUNTRY, line_width=2, layer="below"
        )
        fig.add_annotation(
            x=reference,
            y=1,
            xref="x",
            yref="paper",
            yanchor="bottom",
            text=reference_label,
            showarrow=False,
            font={"size": 12, "color": charts.COUNTRY},
        )
    fig = _header(fig, subtitle, height=max(380, 26 * len(data) + 220), extra=22)
    # Under the axis title, hung from the right edge: long area names push the plot right.
    return footnote_below(fig, gap=58, right=True)


def share_levels(latest: pd.DataFrame, related: Collection[str], area_code: str) -> list[str]:
    """The area levels whose areas in ``latest`` (one month of shares, ``area_code`` and
    ``level``) include the chosen area, an area that holds it or one within it (``related``):
    a ranking of areas elsewhere in the country says nothing about the chosen one. For the
    country every level."""
    rows = latest[latest.level != "country"]
    if area_code != "SSS":
        rows = rows[rows.area_code.isin(set(related))]
    present = set(rows.level)
    return [lv for lv in LEVEL_ORDER if lv in present]


def years_label(first: dt.date, last: dt.date) -> str:
    """``2018–2025``, or one year."""
    return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"


def coverage_text(coverage: pd.DataFrame, measure: str, lang: str, age: str | None = None) -> str:
    """Which source has ages for which areas, as a Markdown list after a blank line:
    ``- **tyonv/1207** (15–24, 25–49, 50+; 1/2006–6/2020): koko maa; kunta (3): Hattula, …``.
    With ``age`` (a label such as ``50+``) only the sources that have that age group, if any."""
    rows = coverage[coverage.measure == measure]
    if age is not None:
        having = rows[[age in str(groups).split(", ") for groups in rows.age_groups]]
        rows = having if len(having) else rows
    if rows.empty:
        return "\n\n" + t("kokeneet.no_age_source", lang)
    items = []
    for table, part in rows.groupby("source_table", sort=True):
        first = fmt.month_short(pd.Timestamp(part.first_period.iloc[0]).date())
        last = fmt.month_short(pd.Timestamp(part.last_period.iloc[0]).date())
        where = []
        for r in part.itertuples():
            level = t(f"level.{r.level}", lang)
            names = getattr(r, f"name_{lang}") or r.name_fi
            if r.level == "country":
                where.append(level)
            elif r.areas <= MAX_NAMED:
                where.append(f"{level} ({r.areas}): {names}")
            else:
                where.append(f"{level} ({r.areas})")
        items.append(
            f"- **{table}** ({part.age_groups.iloc[0]}; {first}–{last}): {'; '.join(where)}"
        )
    return "\n\n" + "\n".join(items)


def pick_level(levels: Sequence[str], area_level: str, counts: dict[str, int]) -> str:
    """The default level of the area ranking: the chosen area's own, else the one with most areas."""
    if area_level in levels:
        return area_level
    return max(levels, key=lambda lv: (counts.get(lv, 0), -LEVEL_ORDER.index(lv)))


def _pct(value: float, lang: str) -> str:
    return fmt.percent(value, lang)


def _signed_percent(value: float, lang: str) -> str:
    """A relative change: ``+5,2 %`` / ``+5.2%``."""
    return fmt.signed(value, lang, 1) + ("%" if lang == "en" else fmt.NBSP + "%")


def _signed_points(value: float, lang: str) -> str:
    """A change of a share: ``+0,8 %-yksikköä`` / ``+0.8 percentage points``."""
    return f"{fmt.signed(value, lang, 1)}\u00a0{t('kokeneet.unit_points', lang)}"


def share_sentence(trend: pd.DataFrame, focus: str, area: str, lang: str) -> str | None:
    """The focus group's share of the unemployed in its latest month, and the change in a year."""
    mine = trend[(trend.age_group == focus) & trend.share.notna()].sort_values("period")
    if mine.empty:
        return None
    now = mine.iloc[-1]
    month = fmt.month_in(pd.Timestamp(now.period).date(), lang)
    fields = {
        "area": area,
        "age": age_label(focus, now.min_age, now.max_age, lang),
        "share": _pct(now.share, lang),
        "count": fmt.number(now.value, lang),
        "month": month,
    }
    ago = mine[mine.period == now.period - pd.DateOffset(years=1)]
    if ago.empty:
        return t("kokeneet.sentence_share", lang, **fields)
    diff = now.share - ago.share.iloc[0]
    return t("kokeneet.sentence_share_change", lang, **fields, diff=_signed_points(diff, lang))


def trend_sentence(
    shown: pd.DataFrame, order: list[str], focus: str | None, lang: str
) -> str | None:
    """How the focus group's count changed over the shown months, against the younger groups'."""
    if focus is None or focus not in order or order.index(focus) == 0:
        return None
    younger = order[: order.index(focus)]
    wide = shown.pivot_table(index="period", columns="age_group", values="value", aggfunc="first")
    wide = wide.reindex(columns=[*younger, focus]).dropna()
    if len(wide) < 2 or (wide.iloc[0] <= 0).any():
        return None
    first, last = wide.iloc[0], wide.iloc[-1]
    change = 100 * (last[focus] / first[focus] - 1)
    change_young = 100 * (last[younger].sum() / first[younger].sum() - 1)
    ages = shown.drop_duplicates("age_group").set_index("age_group")
    lo = ages.loc[younger[0], "min_age"]
    hi = ages.loc[younger[-1], "max_age"]
    young_label = f"{int(lo)}–{int(hi)}"
    me = ages.loc[focus]
    return t(
        "kokeneet.sentence_trend",
        lang,
        first=fmt.month_short(pd.Timestamp(wide.index[0]).date()),
        last=fmt.month_short(pd.Timestamp(wide.index[-1]).date()),
        age=age_label(focus, me.min_age, me.max_age, lang),
        younger=young_label,
        change=_signed_percent(change, lang),
        change_younger=_signed_percent(change_young, lang),
    )


def long_term_sentence(long_term: pd.DataFrame, focus: str | None, lang: str) -> str | None:
    """The long-term share of the focus group's unemployed (or of the experienced group the
    source has) in the latest month, against all ages."""
    focus = present(long_term.age_group, focus)
    if focus is None:
        return None
    mine = long_term[(long_term.age_group == focus) & long_term.share.notna()]
    if mine.empty:
        return None
    now = mine.sort_values("period").iloc[-1]
    fields = {
        "age": age_label(focus, now.min_age, now.max_age, lang),
        "share": _pct(now.share, lang),
        "month": fmt.month_in(pd.Timestamp(now.period).date(), lang),
    }
    everyone = long_term[(long_term.age_group == "SSS") & (long_term.period == now.period)]
    everyone = everyone[everyone.share.notna()]
    if everyone.empty:
        return t("kokeneet.sentence_long_term", lang, **fields)
    return t(
        "kokeneet.sentence_long_term_all", lang, **fields, all=_pct(everyone.share.iloc[0], lang)
    )


def lfs_sentence(lfs: pd.DataFrame, lang: str) -> str | None:
    """The survey's rate of those aged 55–64 against all aged 15–74 in the latest year."""
    both = lfs[lfs.age_group.isin([LFS_FOCUS, LFS_ALL]) & lfs.value.notna()]
    wide = both.pivot_table(index="period", columns="age_group", values="value", aggfunc="first")
    wide = wide.reindex(columns=[LFS_FOCUS, LFS_ALL]).dropna()
    if wide.empty:
        return None
    year = pd.Timestamp(wide.index[-1]).year
    now = wide.iloc[-1]
    return t(
        "kokeneet.sentence_lfs",
        lang,
        year=year,
        rate=_pct(now[LFS_FOCUS], lang),
        all=_pct(now[LFS_ALL], lang),
    )


# Whole figures for the page: each returns the figure and the table shown under it.


def _table(data: pd.DataFrame, columns: dict[str, str], lang: str) -> pd.DataFrame:
    """The accessible data table: the chosen columns under translated headers."""
    out = data[list(columns)].copy()
    if "period" in out:
        out["period"] = [pd.Timestamp(p).date() for p in out["period"]]
    return out.rename(columns={c: t(f"kokeneet.col_{k}", lang) for c, k in columns.items()})


def _ordered(data: pd.DataFrame, last: str | None = None) -> pd.DataFrame:
    """Rows by age group from the youngest (``last``, the reference, at the end), then period."""
    key = data.assign(
        _last=data.age_group == last,
        _lo=pd.to_numeric(data.min_age, errors="coerce"),
        _hi=[upper_age(v) for v in data.max_age],
    )
    return data.loc[key.sort_values(["_last", "_lo", "_hi", "period"]).index]


def trend_figure(
    shown: pd.DataFrame,
    *,
    measure: str,
    focus: str | None,
    area: str,
    lang: str,
    start: dt.date,
    end: dt.date,
) -> tuple[go.Figure, pd.DataFrame, Note]:
    """Unemployed jobseekers by age (one break) as an index, counts or shares of all ages."""
    data, base = indexed(shown) if measure == "index" else (shown, None)
    data = _ordered(data)
    y = {"index": "index", "count": "value", "share": "share"}[measure]
    data = data.dropna(subset=[y])
    data = data.assign(label=labels(data, lang))
    mine = data[data.age_group == focus]
    note = Note.of(data.source_table, data.period, data.status, start=start, end=end)
    fig = lines(
        data,
        x="period",
        y=y,
        series="label",
        lang=lang,
        highlight=mine.label.iloc[0] if len(mine) else None,
        title=t(
            f"kokeneet.chart_trend_{measure}",
            lang,
            area=area,
            base=fmt.month_short(base) if base else "",
        ),
        subtitle=break_subtitle(
            lang, ", ".join(sorted(set(data.source_table))), dict.fromkeys(data.label)
        ),
        note=note,
        y_title=t("story.index_axis", lang, base=fmt.month_short(base))
        if base
        else t({"count": "common.persons"}.get(measure, "common.percent"), lang),
        y_percent=measure == "share",
        decimals=0 if measure == "count" else 1,
    )
    return fig, _table(data, {"label": "age", "period": "period", y: measure}, lang), note


def area_share_figure(
    shares: pd.DataFrame,
    *,
    level: str | None,
    highlight: Collection[str],
    age: str,
    lang: str,
    start: dt.date,
    end: dt.date,
) -> tuple[go.Figure, pd.DataFrame, Note]:
    """The age group's share of the unemployed across the areas of one level in the latest
    month (ranked bars, the country as reference); with one or two areas, lines over time. The
    areas with a code in ``highlight`` are in the area colour."""
    shares = shares.assign(area=shares[f"name_{lang}"])
    latest = shares[shares.period == shares.period.max()]
    rows = latest[(latest.level == level) & latest.share.notna()]
    country = latest[(latest.area_code == "SSS") & latest.share.notna()]
    strong = list(dict.fromkeys(rows[rows.area_code.isin(set(highlight))].area))
    cols = {
        "area": "area",
        "period": "period",
        "share": "share",
        "value": "count",
        "all_ages": "all_ages",
    }
    if len(rows) >= 3:
        month = pd.Timestamp(latest.period.iloc[0]).date()
        ref = country.share.iloc[0] if len(country) else None
        note = Note.of(rows.source_table, rows.period, rows.status)
        fig = share_bars(
            rows,
            lang=lang,
            highlight=strong,
            reference=ref,
            title=t(
                "kokeneet.chart_share_bars",
                lang,
                age=age,
                month=fmt.month_short(month),
                count=len(rows),
                level=t(f"level.{level}", lang),
            ),
            subtitle=break_subtitle(lang, ", ".join(sorted(set(rows.source_table))), [age]),
            note=note,
            reference_label=f"{country.area.iloc[0]} {fmt.percent(ref, lang)}"
            if len(country)
            else "",
        )
        return fig, _table(rows.sort_values("share", ascending=False), cols, lang), note
    data = shares[shares.area_code.isin({*rows.area_code, "SSS"}) & shares.share.notna()]
    data = data.assign(_country=data.area_code == "SSS").sort_values(["_country", "period"])
    note = Note.of(data.source_table, data.period, data.status, start=start, end=end)
    fig = lines(
        data,
        x="period",
        y="share",
        series="area",
        lang=lang,
        highlight=strong[0] if strong else None,
        reference=country.area.iloc[0] if len(country) else None,
        title=t(
            "kokeneet.chart_share_lines",
            lang,
            age=age,
            areas=", ".join(dict.fromkeys(data.area)) or "–",
        ),
        subtitle=break_subtitle(lang, ", ".join(sorted(set(data.source_table))), [age]),
        note=note,
        y_title=t("common.percent", lang),
        y_percent=True,
        decimals=1,
    )
    return fig, _table(data, cols, lang), note


def long_term_figure(
    long_term: pd.DataFrame,
    *,
    focus: str | None,
    area: str,
    lang: str,
    start: dt.date,
    end: dt.date,
) -> tuple[go.Figure, pd.DataFrame, Note]:
    """The long-term share of each age group's unemployed over time; all ages as reference."""
    data = _ordered(long_term.dropna(subset=["share"]), last="SSS")
    data = data.assign(label=labels(data, lang))
    groups = data[data.age_group != "SSS"].drop_duplicates("age_group")
    mine = data[data.age_group == present(data.age_group, focus)]
    note = Note.of(data.sources, data.period, data.status, start=start, end=end)
    fig = lines(
        data,
        x="period",
        y="share",
        series="label",
        lang=lang,
        highlight=mine.label.iloc[0] if len(mine) else None,
        reference=t("kokeneet.all_ages", lang),
        title=t("kokeneet.chart_long_term", lang, area=area),
        subtitle=break_subtitle(
            lang, ", ".join(sorted({s.split(", ")[0] for s in data.sources})), labels(groups, lang)
        ),
        note=note,
        y_title=t("common.percent", lang),
        y_percent=True,
        decimals=1,
    )
    cols = {
        "label": "age",
        "period": "period",
        "share": "share",
        "long_term": "long_term",
        "unemployed": "count",
    }
    return fig, _table(data, cols, lang), note


def lfs_figure(lfs: pd.DataFrame, *, lang: str) -> tuple[go.Figure, pd.DataFrame, Note]:
    """The survey's unemployment rate by age, yearly: 55–64 strong, all aged 15–74 dashed."""
    data = _ordered(lfs.dropna(subset=["value"]), last=LFS_ALL)
    data = data.assign(label=labels(data, lang), year=[p.year for p in data.period])
    name = dict(zip(data.age_group, data.label, strict=False))
    years = [p.year for p in data.period]
    note = Note.of(data.source_table, (), data.status, survey=True, years=years, monthly=False)
    fig = lines(
        data,
        x="period",
        y="value",
        series="label",
        lang=lang,
        highlight=name.get(LFS_FOCUS),
        reference=name.get(LFS_ALL),
        title=t("kokeneet.chart_lfs", lang),
        subtitle=break_subtitle(
            lang, ", ".join(sorted(set(data.source_table))), dict.fromkeys(data.label)
        )
        + t("kokeneet.lfs_subtitle", lang),
        note=note,
        y_title=t("common.percent", lang),
        y_percent=True,
        decimals=1,
        x_format="%Y",
    )
    fig.update_xaxes(dtick="M12")
    return fig, _table(data, {"label": "age", "year": "year", "value": "rate"}, lang), note
