"""Images of figures for download and slides, rendered by Kaleido with the system Chromium."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import kaleido
import plotly.graph_objects as go
import plotly.io as pio

from kohtaanto.charts import NO_TOPOJSON

# Kaleido takes the base map's address from Plotly's defaults: none needed offline.
pio.defaults.topojson = NO_TOPOJSON

# Presentation resolution: 16:9 at 1600×900, drawn at twice the pixels for sharp projection.
WIDTH, HEIGHT, SCALE = 1600, 900, 2
# On a slide the image is about 9 inches wide: laid out at 1200×675 and drawn at the same
# 3200×1800 pixels, its text comes out a third larger, readable from the back of a room.
SLIDE_SIZE = {"width": 1200, "height": 675, "scale": 8 / 3}


def figure_png(
    fig: go.Figure, width: int = WIDTH, height: int = HEIGHT, scale: int = SCALE
) -> bytes:
    """The figure as a PNG; raises RuntimeError with a plain message when no browser is found."""
    try:
        return pio.to_image(fig, format="png", width=width, height=height, scale=scale)
    except Exception as exc:  # Kaleido raises several types when Chromium is missing or fails
        raise RuntimeError(f"Could not draw the image (is Chromium installed?): {exc}") from exc


def figures_png(
    figs: list[go.Figure],
    *,
    width: int = WIDTH,
    height: int = HEIGHT,
    scale: int = SCALE,
    progress: Callable[[int, int], None] | None = None,
) -> list[bytes | str]:
    """Render many figures in one Chromium process; a failed figure gives its error message.

    Starting Chromium costs about two seconds, drawing one figure a fifth of that: a deck is
    drawn by one process, not one per slide.
    """
    opts = {"format": "png", "width": width, "height": height, "scale": scale}

    async def render() -> list[bytes | str]:
        out: list[bytes | str] = []
        async with kaleido.Kaleido(n=1) as k:
            for i, fig in enumerate(figs):
                try:
                    out.append(await k.calc_fig(fig, opts=opts))
                except Exception as exc:  # one bad figure must not stop the deck
                    out.append(f"{type(exc).__name__}: {exc}")
                if progress:
                    progress(i + 1, len(figs))
        return out

    try:
        return asyncio.run(render())
    except Exception as exc:  # Chromium missing or failing to start
        message = f"Could not start the image renderer (is Chromium installed?): {exc}"
        return [message for _ in figs]
