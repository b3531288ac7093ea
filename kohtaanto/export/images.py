"""Images of figures for download and slides: the one path from a figure to a PNG.

The PNG button of a chart, the presentation's slides and its image ZIP all call
:func:`render`: Kaleido with the system Chromium, every script and base map from this machine.
Kaleido's page would otherwise load MathJax from a CDN (kaleido 1.5's ``PageGenerator``
default), and Plotly fetches a world base map for any map from its CDN (plotly.js 4's
``topojsonURL``, ``https://cdn.plot.ly/un/``) unless it is given one: offline, on a server that
has no internet, the map could never be drawn ("Error 525: unexpected error while fetching
topojson file"). Here Kaleido gets ``charts.NO_TOPOJSON``, the same empty base map the screen's
charts get: the map draws our own boundaries (GeoJSON from the database) on it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path

import kaleido
import plotly
import plotly.graph_objects as go

from kohtaanto.charts import NO_TOPOJSON

log = logging.getLogger(__name__)

# Presentation resolution: 16:9 at 1600×900, drawn at twice the pixels for sharp projection.
WIDTH, HEIGHT, SCALE = 1600, 900, 2
# On a slide the image is about 9 inches wide: laid out at 1200×675 and drawn at the same
# 3200×1800 pixels, its text comes out a third larger, readable from the back of a room.
SLIDE_SIZE = {"width": 1200, "height": 675, "scale": 8 / 3}
# One image may take this long before it counts as failed (Kaleido's default is 90 s).
TIMEOUT_S = 60
# plotly.js as installed with plotly (Kaleido's default too; named so that no CDN is ever used).
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


class ImageFailed(RuntimeError):
    """A figure could not be drawn; the cause is in the server log, not in the message."""


def render(
    figs: list[go.Figure],
    *,
    width: int = WIDTH,
    height: int = HEIGHT,
    scale: float = SCALE,
    progress: Callable[[int, int], None] | None = None,
    names: list[str] | None = None,
) -> list[bytes | None]:
    """PNGs of ``figs`` drawn by one Chromium, in order; None for a figure that failed (its
    error is logged with its name from ``names``, else its title). The one path from a figure
    to an image.

    Starting Chromium costs about two seconds, drawing one figure a fifth of that: a deck is
    drawn by one process, not one per slide.
    """
    opts = {"format": "png", "width": width, "height": height, "scale": scale}

    async def draw() -> list[bytes | None]:
        out: list[bytes | None] = []
        async with kaleido.Kaleido(
            n=1, timeout=TIMEOUT_S, mathjax=False, plotlyjs=str(PLOTLY_JS)
        ) as k:
            for i, fig in enumerate(figs):
                try:
                    out.append(await k.calc_fig(fig, opts=opts, topojson=NO_TOPOJSON))
                except Exception:  # one bad figure must not stop the deck
                    name = names[i] if names else _name(fig)
                    log.exception("drawing figure %d of %d (%s) failed", i + 1, len(figs), name)
                    out.append(None)
                if progress:
                    progress(i + 1, len(figs))
        return out

    if not figs:
        return []
    try:
        return asyncio.run(draw())
    except Exception:  # Chromium missing or failing to start
        log.exception("the image renderer (Kaleido, Chromium) could not start")
        return [None for _ in figs]


def _name(fig: go.Figure) -> str:
    return str(fig.layout.title.text or fig.layout.meta or "untitled")


def figure_png(
    fig: go.Figure, width: int = WIDTH, height: int = HEIGHT, scale: float = SCALE
) -> bytes:
    """One figure as a PNG (a chart's download button); :class:`ImageFailed` when it cannot be
    drawn (the cause is logged)."""
    image = render([fig], width=width, height=height, scale=scale)[0]
    if image is None:
        raise ImageFailed("the chart could not be drawn")
    return image


def figures_png(
    figs: list[go.Figure],
    *,
    width: int = WIDTH,
    height: int = HEIGHT,
    scale: float = SCALE,
    progress: Callable[[int, int], None] | None = None,
    names: list[str] | None = None,
) -> list[bytes | None]:
    """Many figures as PNGs in one Chromium (a deck): :func:`render`."""
    return render(figs, width=width, height=height, scale=scale, progress=progress, names=names)
