"""Panels of Alueet: the regions ranked.
Queries: ``alueet_values``, ``area_list``, ``related_areas``. Tests: tests/test_page_alueet.py."""

from __future__ import annotations

import pandas as pd

from kohtaanto import charts, charts_map, fmt
from kohtaanto.db import run_query
from kohtaanto.i18n import name_column, t
from kohtaanto.panels.common import Context, View


def region_ranking(ctx: Context) -> View | None:
    """The unemployment share of every region in the latest month, ranked, the chosen area's
    region (or regions) highlighted and the country as the reference line."""
    lang = ctx.lang
    values = run_query("alueet_values", level="region", area=ctx.area, start=ctx.start, end=ctx.end)
    regions = values[(values.level == "region") & values.unemployment_share.notna()]
    if regions.empty:
        return None
    month = regions.period.max()
    snap = regions[regions.period == month].assign(
        name=lambda d: d[name_column(lang)].fillna(d.name_fi), value=lambda d: d.unemployment_share
    )
    country = values[(values.area_code == "SSS") & (values.period == month)].unemployment_share
    reference = country.iloc[0] if len(country.dropna()) else None
    levels = run_query("area_list").set_index("area_code").level
    if levels.get(ctx.area) == "region":
        highlight = [ctx.area]
    elif ctx.area != "SSS":
        rel = run_query("related_areas", area=ctx.area)
        rel = rel[(rel.level == "region") & (rel.relation != "self")]
        contains = list(rel[rel.relation == "contains"].area_code)
        highlight = contains or list(rel.area_code)
    else:
        highlight = []
    when = pd.Timestamp(month).date()
    note = charts.footnote(lang, snap.sources.dropna(), when, when, snap.status.dropna())
    title = t("story.title_region_ranking", lang, month=fmt.month(when, lang))
    shown = {"lang": lang, "percent": True, "decimals": 1}
    fig = charts_map.ranking(
        snap,
        title=title,
        note=note,
        x_title=t("common.percent", lang),
        highlight=highlight,
        reference=reference,
        reference_label=t(
            "alueet.reference", lang, value=charts_map.format_value(reference, **shown)
        ),
        **shown,
    )
    ordered = snap.sort_values(["value", "area_code"], ascending=[False, True])
    n = len(ordered)
    fields = {"month": fmt.month_in(when, lang), "country": fmt.percent(reference, lang)}
    marked = ordered[ordered.area_code.isin(highlight)]
    if len(marked):
        items = [
            t(
                "story.rank_item",
                lang,
                name=r.name,
                value=fmt.percent(r.value, lang),
                rank=int((ordered.value > r.value).sum()) + 1,
                n=n,
            )
            for r in marked.itertuples()
        ]
        joined = (
            items[0]
            if len(items) == 1
            else (", ".join(items[:-1]) + f" {t('kohtaanto.and', lang)} " + items[-1])
        )
        takeaway = t("story.takeaway_ranking", lang, items=joined, **fields)
    else:
        high, low = ordered.iloc[0], ordered.iloc[-1]
        takeaway = t(
            "story.takeaway_ranking_range",
            lang,
            **fields,
            high=high["name"],
            high_value=fmt.percent(high.value, lang),
            low=low["name"],
            low_value=fmt.percent(low.value, lang),
        )
    table = ordered[["area_code", "name", "value"]].rename(columns={"value": "unemployment_share"})
    return View(title, takeaway, charts.plain(note), fig, table)
