"""Storylines for workshops: named sequences of panels, each a chart with one sentence of
takeaway generated from its numbers. Used by the presentation page and the slide deck.

Storylines hold no chart code: each step names a panel of ``kohtaanto.panels`` (the same
definition a page draws) and its parameters. A panel that returns None becomes a slide saying the
sources have no figures for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from kohtaanto import fmt
from kohtaanto.filters import Filters
from kohtaanto.i18n import t
from kohtaanto.panels import PANELS, View, build

if TYPE_CHECKING:  # python-pptx is imported only when a deck is built
    from kohtaanto.export import slides

Context = Filters


# Storylines: id -> (title key, panel codes of kohtaanto.panels.PANELS).
STORYLINES: dict[str, tuple[str, list[str]]] = {
    "kuukausi": (
        "story.month",
        ["share", "experienced", "tightness", "region_ranking", "lfs_55_64"],
    ),
    "kohtaanto": ("story.matching", ["beveridge", "tightness", "mismatch", "shortage"]),
    "kokeneet": (
        "story.experienced",
        ["experienced_trend", "age_share", "lfs_55_64", "industry_55_64"],
    ),
    # The twelve-month outlook (issue 20): the trends continued by their forecasts, then the
    # areas ranked by their expected change with the interval.
    "ennakointi": (
        "story.outlook",
        ["share", "counts", "outlook_ranking", "experienced_trend"],
    ),
    "alueen_hankkeet": (
        "story.projects",
        ["projects_by_region", "experienced", "project_reach", "practices"],
    ),
    "kaikki": (
        "story.all",
        [
            "share",
            "experienced",
            "tightness",
            "region_ranking",
            "beveridge",
            "shortage",
            "lfs_55_64",
            "industry_55_64",
        ],
    ),
}


def build_views(
    story: str, ctx: Context, build: Callable[..., View | None] = build
) -> list[tuple[str, View | None]]:
    """The views of a storyline in order, each with its id (None: no figures for it);
    ``build`` builds a panel (the app passes its shared cache)."""
    return [(code, build(code, ctx)) for code in STORYLINES[story][1]]


def view_name(view_id: str, lang: str) -> str:
    """The name of a view, for the slide of a view without figures."""
    return t(PANELS[view_id].name_key, lang) if view_id in PANELS else view_id


def chart_slides(
    views: list[tuple[str, View | None]], images: list[bytes | str], lang: str
) -> list[slides.ChartSlide]:
    """One slide per view in the storyline's order. ``images`` are those of the views that have
    figures, in order (``export.figures_png``): PNG bytes, or why the image could not be drawn.
    A view without figures gets a slide that says the sources have none, and what to try."""
    from kohtaanto.export import slides

    drawn = iter(images)
    out = []
    for vid, view in views:
        if view is None:
            out.append(
                slides.ChartSlide(
                    view_name(vid, lang),
                    t("story.no_data", lang),
                    "",
                    t("story.no_data_hint", lang),
                )
            )
            continue
        if view.figure is None:  # one month: its figures as numbers, and why no line
            lines = [f"{n.label}: {n.value} ({n.period})" for n in view.numbers]
            text = "\n".join([*lines, view.why])
            out.append(slides.ChartSlide(view.title, view.takeaway, view.note.plain(lang), text))
            continue
        image = next(drawn)
        if not isinstance(image, bytes):
            image = t("story.missing_image", lang, reason=image)
        out.append(slides.ChartSlide(view.title, view.takeaway, view.note.plain(lang), image))
    return out


def deck(
    title: str,
    ctx: Context,
    chart: list[slides.ChartSlide],
    today: dt.date,
    *,
    demo: bool = False,
) -> slides.Deck:
    """The deck of a storyline: title slide (title, area and period, date), the chart slides
    (from :func:`chart_slides`, whose text in place of a missing image is final), and the
    closing slide with the sources and the licence. Demo data name no real publisher."""
    from kohtaanto.export import slides

    lang = ctx.lang
    source = t("story.source_line_demo" if demo else "story.source_line", lang)
    return slides.Deck(
        title=title,
        subtitle=f"{ctx.area_name} · {fmt.month_short(ctx.start)}–{fmt.month_short(ctx.end)}",
        date_line=fmt.day(today, lang),
        source_line=source,
        slides=chart,
        closing_title=t("story.closing", lang),
        closing_lines=[source, t("story.licence", lang)],
        missing_image="{reason}",
    )
