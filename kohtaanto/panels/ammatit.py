"""Panels of Ammatit: shortage occupations.
Queries: ``ammatit_coverage``, ``ammatit_month``. Tests: tests/test_page_ammatit.py, tests/test_storyline.py."""

from __future__ import annotations

import numpy as np

from kohtaanto import charts, fmt
from kohtaanto import charts_occupations as occ
from kohtaanto.db import run_query
from kohtaanto.i18n import t
from kohtaanto.panels.common import SHORTAGE_LEVEL, Context, View, _covering, _name


def shortage(ctx: Context, level: str = "auto", occupation: str = "") -> View | None:
    """The occupations with the most open vacancies per unemployed jobseeker in the latest
    month, for the area or the region that covers it: the occupations of ``level`` (1–4 digits;
    ``auto``: 3 digits where the area has them, named groups with stable counts), or those
    within ``occupation``. Queries: ``ammatit_coverage``, ``ammatit_month``."""
    cover = _covering(ctx)
    if cover is None:
        return None
    lang = ctx.lang
    data = occ.with_labels(run_query("ammatit_month", area=cover.code, month=cover.month), lang)
    known = data[data.level.between(1, 4) & data.unemployed.notna() & data.open_vacancies.notna()]
    if known.empty or level not in ("auto", "1", "2", "3", "4"):
        return None
    have = set(known.level)
    digits = (
        (SHORTAGE_LEVEL if SHORTAGE_LEVEL in have else max(have)) if level == "auto" else int(level)
    )
    seg, scope = occ.segments(data, digits, occupation)
    shown = seg.dropna(subset=["unemployed", "open_vacancies"])
    if shown.empty:
        return None
    rank = occ.ranking(shown, "shortage", occ.min_size(shown))
    if rank.empty:
        return None
    of_level = occ.occupations_of(data, digits)
    labels = dict(zip(of_level.occupation_code, of_level.label, strict=True))
    scope_text = t(
        f"ammatit.scope_{scope}",
        lang,
        level=digits,
        occupation=occ.shorten(labels.get(occupation, ""), 40),
    )
    subtitle = f"<br><sup>{scope_text} · {fmt.month(cover.month, lang)}</sup>"
    note = charts.footnote(lang, data.sources.dropna(), cover.month, cover.month, seg.status)
    fig = occ.ranking_chart(
        rank,
        side="shortage",
        lang=lang,
        note=note,
        title=t("ammatit.chart_shortage", lang, area=cover.name) + subtitle,
    )
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
    title = t("story.title_shortage", lang, area=cover.name, month=fmt.month_short(cover.month))
    return View(title, t(key, lang, **fields), charts.plain(note), fig, occ.table(rank, lang))
