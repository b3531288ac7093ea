"""Storylines for workshops: named sequences of panels, each a chart with one sentence of
takeaway generated from its numbers. Used by the presentation page and the slide deck.

Storylines hold no chart code: each step names a panel of ``kohtaanto.panels`` (the same
definition a page draws) and its parameters. A panel that returns None becomes a slide saying the
sources have no figures for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kohtaanto import fmt
from kohtaanto.charts.narrative import describe
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
    views: list[tuple[str, View | None]], images: list[bytes | str | None], lang: str
) -> list[slides.ChartSlide]:
    """One slide per view in the storyline's order. ``images`` are those of the views that have
    figures, in order (``images.render``): PNG bytes, or None (or a message) where the image
    could not be drawn; the slide then says so in ``lang``, without the technical cause (the
    server's log has it). A view without figures gets a slide that says the sources have none,
    and what to try. Each chart slide gets its picture's description and speaker notes."""
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
                    notes=t("story.no_data", lang),
                    why_none=t("story.no_data", lang),
                )
            )
            continue
        if view.figure is None:  # one month: its figures as numbers, and why no line
            lines = [f"{n.label}: {n.value} ({n.period})" for n in view.numbers]
            text = "\n".join([*lines, view.why])
            out.append(
                slides.ChartSlide(
                    view.title,
                    view.takeaway,
                    view.note.plain(lang),
                    text,
                    notes=speaker_notes(view, lang),
                )
            )
            continue
        image = next(drawn)
        if not isinstance(image, bytes):
            image = t("story.image_failed", lang)
        out.append(
            slides.ChartSlide(
                view.title,
                slide_takeaway(view, lang),
                view.note.plain(lang),
                image,
                alt=describe(view.figure, view.title, view.takeaway, lang),
                notes=speaker_notes(view, lang),
            )
        )
    return out


def slide_takeaway(view: View, lang: str) -> str:
    """The sentence under a slide's title: the view's takeaway, or where it only points to a
    table (a deck has none) what the chart shows instead."""
    if view.takeaway == t("story.takeaway_none", lang) and view.figure is not None:
        return describe(view.figure, view.title, "", lang)
    return view.takeaway


def speaker_notes(view: View, lang: str) -> str:
    """A chart slide's speaker notes: its takeaway, then its sources, period and status (the
    footnote, which begins "Lähde:")."""
    return "\n\n".join(p for p in (slide_takeaway(view, lang), view.note.plain(lang)) if p)


def zip_bytes(chart: list[slides.ChartSlide], lang: str) -> bytes:
    """The deck's images as a ZIP, with a list of the slides that have none in ``lang``."""
    from kohtaanto.export import slides

    return slides.build_zip(
        chart,
        missing_file=t("story.zip_missing_file", lang),
        missing_heading=t("story.zip_missing_heading", lang),
    )


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


@dataclass(frozen=True)
class DeckFiles:
    """A built deck: the PowerPoint, the images' ZIP, a file name, and how many charts failed."""

    pptx: bytes
    zip: bytes
    name: str
    failed: int


def deck_files(
    views: list[tuple[str, View | None]],
    title: str,
    ctx: Context,
    today: dt.date,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> DeckFiles:
    """The deck of ``views`` as PowerPoint and a ZIP of its images, drawn in one Chromium
    (``export.images.render``, offline); a chart that fails is said on its slide."""
    from kohtaanto import ui
    from kohtaanto.export import images, slides

    built = [v for _, v in views if v is not None and v.figure is not None]
    drawn = images.render(
        [ui.slide_figure(v.figure, images.SLIDE_SIZE["height"]) for v in built],
        **images.SLIDE_SIZE,
        progress=progress,
        names=[v.title for v in built],
    )
    chart = chart_slides(views, drawn, ctx.lang)
    made = deck(title, ctx, chart, today, demo=ctx.demo)
    return DeckFiles(
        slides.build_pptx(made),
        zip_bytes(chart, ctx.lang),
        slides.slug(made.title),
        sum(1 for image in drawn if image is None),
    )


def alt_text(view: View, lang: str) -> str:
    """A slide chart's text alternative: what it shows, where and when (as the deck's picture
    says it)."""
    return describe(view.figure, view.title, view.takeaway, lang)
