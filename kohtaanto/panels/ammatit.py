"""Panels of Ammatit: shortage occupations.
Queries: ``ammatit_coverage``, ``ammatit_month``. Tests: tests/test_page_ammatit.py, tests/test_storyline.py."""

from __future__ import annotations

import numpy as np

from kohtaanto import charts, fmt
from kohtaanto import charts_occupations as occ
from kohtaanto.db import run_query
from kohtaanto.i18n import t
from kohtaanto.panels.common import SHORTAGE_LEVEL, SHORTAGE_TOP, Context, View, _covering, _name


def shortage(ctx: Context) -> View | None:
    """The occupations with the most open vacancies per unemployed jobseeker in the latest
    month, for the area or the region that covers it (as on the Ammatit page)."""
    cover = _covering(ctx)
    if cover is None:
        return None
    lang = ctx.lang
    data = occ.with_labels(run_query("ammatit_month", area=cover.code, month=cover.month), lang)
    known = data[data.level.between(1, 4) & data.unemployed.notna() & data.open_vacancies.notna()]
    if known.empty:
        return None
    have = set(known.level)
    level = SHORTAGE_LEVEL if SHORTAGE_LEVEL in have else max(have)
    shown = known[known.level == level]
    rank = occ.ranking(shown, "shortage", occ.min_size(shown), top=SHORTAGE_TOP)
    if rank.empty:
        return None
    note = charts.footnote(lang, data.sources.dropna(), cover.month, cover.month, shown.status)
    title = t("story.title_shortage", lang, area=cover.name, month=fmt.month_short(cover.month))
    fig = occ.ranking_chart(rank, side="shortage", title=title, lang=lang, note=note)
    top = rank.iloc[0]
    if np.isfinite(top.ratio):
        ratio = fmt.number(top.ratio, lang, 2)
    else:
        ratio = t("story.no_jobseekers", lang, vacancies=fmt.number(top.open_vacancies, lang))
    more = int((shown.open_vacancies > shown.unemployed).sum())
    fields = {
        "area": cover.where,
        "month": fmt.month_in(cover.month, lang),
        "ratio": ratio,
        "n": more,
        "total": len(shown),
        "name": _name(top["name"], lang),
    }
    key = "story.takeaway_shortage" if more else "story.takeaway_shortage_none"
    table = rank[["label", "unemployed", "open_vacancies", "ratio", "status"]]
    return View(title, t(key, lang, **fields), charts.plain(note), fig, table)
