"""What the outlook covers, shared by the build's forecast step (``kohtaanto.pipeline.forecast``)
and the pages that show it (``kohtaanto.panels.outlook``, ``aineisto``): the area levels, the
series modelled, the derived share, and the years whose January origins are scored."""

from __future__ import annotations

LEVELS = (
    "country",
    "region",
    "ely",
    "elinvoimakeskus",
    "coordinator_area",
    "employment_area",
)
SERIES = (
    ("unemployed", "SSS"),
    ("unemployed", "50-"),
    ("unemployed", "55-"),
    ("open_vacancies", "SSS"),
    ("long_term_unemployed", "SSS"),
)
SHARE = "unemployment_share"  # measures.csv's name for unemployed / labour force (%)
SCORED_YEARS = range(2012, 2023)
