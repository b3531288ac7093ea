"""Industries: open vacancies by industry, and the share of employed people aged 55–64.

Pure functions, DataFrame in, figure out. Inputs come from the queries ``toimialat_vacancies``
(one row per industry and month) and ``toimialat_employed_age`` (one row per industry and year,
the row ``SSS`` being all industries).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from kohtaanto import charts, fmt
from kohtaanto.charts.maps import footnote_below, value_labels
from kohtaanto.i18n import name_column, t
from kohtaanto.note import Note


def with_names(data: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A copy with ``name`` in ``lang`` (else Finnish, else the code)."""
    out = data.copy()
    out["name"] = out[name_column(lang)].fillna(out["name_fi"]).fillna(out["industry_code"])
    return out


def top_industries(vacancies: pd.DataFrame, month, n: int = 5) -> list[str]:
    """The codes of the ``n`` industries with the most open vacancies in ``month``."""
    latest = vacancies[(vacancies["period"] == month) & vacancies["open_vacancies"].notna()]
    ranked = latest.sort_values(["open_vacancies", "industry_code"], ascending=[False, True])
    return list(ranked["industry_code"].head(n))


def short_names(data: pd.DataFrame, width: int = 38) -> pd.DataFrame:
    """A copy whose ``name`` is cut to ``width`` characters, for axis labels and legends."""
    out = data.copy()
    out["name"] = [n if len(n) <= width else n[: width - 1].rstrip() + "…" for n in out["name"]]
    return out


AXIS_WIDTH = 22  # characters of an x axis title on one line: a phone's plot is narrow
AXIS_LINE_PX = 16  # a line of the 13 px axis title


def _under_axis(fig: go.Figure) -> go.Figure:
    """The footnote under the x axis title, however many lines the title has."""
    lines = charts.line_count(str(fig.layout.xaxis.title.text or ""))
    return footnote_below(fig, gap=58 + AXIS_LINE_PX * (lines - 1), right=True)


def vacancy_bars(latest: pd.DataFrame, *, title: str, lang: str, note: Note) -> go.Figure:
    """Open vacancies by industry in one month, ranked, largest on top; whole names on lines
    (cut at 38 characters they still took most of a phone's width)."""
    fig = charts.bar_chart(
        short_names(latest, 60),
        label="name",
        value="open_vacancies",
        title=title,
        lang=lang,
        note=note,
        x_title=charts.wrap_lines(t("common.vacancies_unit", lang), AXIS_WIDTH),
    )
    bar = fig.data[0]
    value_labels(bar, [fmt.number(v, lang) for v in bar.x], list(bar.marker.color))
    return _under_axis(charts.wrap_category_labels(fig))


def vacancy_trend(top: pd.DataFrame, *, title: str, lang: str, note: Note) -> go.Figure:
    """Open vacancies month by month, one line per industry."""
    fig = charts.line_chart(
        short_names(top, 32),
        x="period",
        y="open_vacancies",
        series="name",
        title=title,
        lang=lang,
        note=note,
        y_title=t("common.vacancies_unit", lang),
    )
    # Five long industry names take two or three legend rows: leave them room under the title.
    fig.update_layout(margin={"t": 140})
    return fig


def table(rows: pd.DataFrame, columns: list[str], lang: str) -> pd.DataFrame:
    """The shown rows with translated column names, for the accessible data table."""
    out = rows[columns].copy()
    numbers = out.select_dtypes("number").columns
    out[numbers] = out[numbers].round(1)
    return out.rename(columns=lambda c: t(f"toimialat.col_{c}", lang))


def share_chart(
    year_rows: pd.DataFrame, *, title: str, lang: str, note: Note, total: float | None
) -> go.Figure:
    """Ranked bars of the share aged 55–64 by industry for one year, with all industries as a
    dashed reference line."""
    rows = year_rows[year_rows["industry_code"] != "SSS"]
    fig = charts.bar_chart(
        rows,
        label="name",
        value="share",
        title=title,
        lang=lang,
        note=note,
        percent=True,
        x_title=charts.wrap_lines(t("toimialat.share_axis", lang), AXIS_WIDTH),
        decimals=1,
        reference=total,
        reference_label=t("toimialat.all_industries", lang, share=fmt.percent(total, lang)),
    )
    bar = fig.data[0]
    value_labels(bar, [fmt.percent(v, lang) for v in bar.x], list(bar.marker.color))
    for shape in fig.layout.shapes:  # the reference line under the bars and their labels
        shape.layer = "below"
    fig.update_xaxes(range=[0, float(rows["share"].max()) * 1.08] if len(rows) else None)
    return _under_axis(charts.wrap_category_labels(fig))


def years_chart(emp: pd.DataFrame, *, title: str, lang: str, note: Note) -> go.Figure:
    """The share aged 55–64 by industry in the first and the latest year, joined by a line, the
    industries ordered by the latest share."""
    years = sorted(emp["period"].dt.year.unique())
    first, last = years[0], years[-1]
    rows = emp[emp["industry_code"] != "SSS"]
    wide = rows.pivot_table(index="name", columns=rows["period"].dt.year, values="share")
    wide = wide.dropna(subset=[first, last]).sort_values(last)
    fig = go.Figure()
    for name, row in wide.iterrows():
        fig.add_scatter(
            x=[row[first], row[last]],
            y=[name, name],
            mode="lines",
            line={"color": "#bbbbbb", "width": 2},
            showlegend=False,
            hoverinfo="skip",
        )
    for year, colour in ((first, charts.COUNTRY), (last, charts.AREA)):
        fig.add_scatter(
            x=wide[year],
            y=wide.index,
            mode="markers",
            name=str(year),
            marker={"color": colour, "size": 11},
            hovertext=[f"{n}: {fmt.percent(v, lang)} ({year})" for n, v in wide[year].items()],
            hoverinfo="text",
        )
    height = max(360, charts.BAR_ROW_PX * len(wide) + 170)
    charts.layout(fig, title=title, lang=lang, note=note, height=height, y_percent=False)
    fig.update_layout(hovermode="closest")
    fig.update_xaxes(
        title=charts.wrap_lines(t("toimialat.share_axis", lang), AXIS_WIDTH),
        gridcolor="#e6e6e6",
        ticksuffix="%" if lang == "en" else "\u00a0%",
    )
    fig.update_yaxes(title=None, automargin=True, rangemode="normal")
    return _under_axis(charts.wrap_category_labels(fig))
