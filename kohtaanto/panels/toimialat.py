"""Panels of Toimialat: the share of 55–64-year-olds among the employed by industry.
Queries: ``toimialat_employed_age``. Tests: tests/test_page_toimialat.py."""

from __future__ import annotations

import pandas as pd

from kohtaanto import charts, fmt
from kohtaanto import charts_industries as ind
from kohtaanto.db import run_query
from kohtaanto.i18n import t
from kohtaanto.panels.common import Context, View, _name


def industry_55_64(ctx: Context) -> View | None:
    """The share of those aged 55–64 among the employed by industry in the latest survey year,
    whole country, all industries as the reference line. Query: ``toimialat_employed_age``."""
    lang = ctx.lang
    emp = run_query("toimialat_employed_age")
    if emp.empty:
        return None
    emp = ind.with_names(emp, lang).assign(period=lambda d: pd.to_datetime(d.period))
    year = int(emp.period.dt.year.max())
    rows = emp[emp.period.dt.year == year]
    parts = rows[rows.industry_code != "SSS"].dropna(subset=["share"])
    if parts.empty:
        return None
    total = rows.loc[rows.industry_code == "SSS", "share"]
    total_share = total.iloc[0] if len(total) else None
    title = t("story.title_industry", lang, year=year)
    note = charts.footnote(lang, rows.sources, None, None, rows.status, survey=True, years=[year])
    fig = ind.share_chart(
        rows,
        lang=lang,
        total=total_share,
        title=t("toimialat.chart_share", lang, year=year),
        note=note,
    )
    ordered = parts.sort_values(["share", "industry_code"], ascending=[False, True])
    high, low = ordered.iloc[0], ordered.iloc[-1]
    takeaway = t(
        "story.takeaway_industry",
        lang,
        year=year,
        high=_name(high["name"], lang),
        high_share=fmt.percent(high.share, lang),
        low=_name(low["name"], lang),
        low_share=fmt.percent(low.share, lang),
        total=fmt.percent(total_share, lang),
    )
    table = ind.table(rows, ["name", "employed_55_64", "employed_15_64", "share", "status"], lang)
    note = charts.plain(note)
    return View(title, takeaway, note, fig, table)
