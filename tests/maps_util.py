"""Square boundaries for the tiny database: the Alueet map's tests draw them."""

from __future__ import annotations

import json


def square(lon: float, lat: float, *, clockwise: bool = False) -> str:
    """A one-degree square as GeoJSON text, wound as RFC 7946 asks (anticlockwise) by default."""
    ring = [[lon, lat], [lon + 1, lat], [lon + 1, lat + 1], [lon, lat + 1], [lon, lat]]
    return json.dumps({"type": "Polygon", "coordinates": [ring[::-1] if clockwise else ring]})


# Region 04 has a boundary but no figures: it must be drawn grey, not left out.
SQUARES = {"MK01": (24, 60), "MK02": (22, 60), "MK04": (21, 61), "MK12": (29, 62)}
