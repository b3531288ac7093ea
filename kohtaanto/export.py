"""Images of figures for download and slides, rendered by Kaleido with the system Chromium."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

# Presentation resolution: 16:9 at 1600×900, drawn at twice the pixels for sharp projection.
WIDTH, HEIGHT, SCALE = 1600, 900, 2


def figure_png(
    fig: go.Figure, width: int = WIDTH, height: int = HEIGHT, scale: int = SCALE
) -> bytes:
    """The figure as a PNG; raises RuntimeError with a plain message when no browser is found."""
    try:
        return pio.to_image(fig, format="png", width=width, height=height, scale=scale)
    except Exception as exc:  # Kaleido raises several types when Chromium is missing or fails
        raise RuntimeError(f"Could not draw the image (is Chromium installed?): {exc}") from exc
