"""The filters every page, panel and slide takes: one type, no Streamlit inside."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kohtaanto import urlparams


@dataclass(frozen=True)
class Filters:
    """The shared filters: language, area (code and name in that language), period, age group;
    ``demo`` when the database holds demo figures, ``problems`` the URL values that were ignored.
    """

    lang: str
    area: str
    area_name: str
    start: dt.date
    end: dt.date
    age: str
    demo: bool = False
    problems: tuple[urlparams.Problem, ...] = field(default=(), compare=False)


# The level whose area keeps its bare name when areas of several levels share a name: what a
# name means first (Länsi-Suomi the coordinator area, Etelä-Karjala the region, Kuopio the
# municipality); the others say their level ("Länsi-Suomi · suuralue", "Kuopio · seutukunta").
BARE_NAME_FIRST = (
    "country",
    "coordinator_area",
    "region",
    "municipality",
    "elinvoimakeskus",
    "ely",
    "employment_area",
    "sub_region",
    "major_region",
)


def area_labels(
    areas: Iterable[tuple[str, str, str]], level_name: Callable[[str], str]
) -> dict[str, str]:
    """The area picker's label of each area from its ``(code, level, name)``: the name alone,
    and the level's name after it (``level_name(level)``) only where another area has the same
    name. A label says which area it is without running out of the sidebar's box
    ("Western Finland · coordinator are…" was cut at every width); areas of one level and one
    name also get their code."""
    rows = list(areas)
    by_name: dict[str, list[tuple[str, str]]] = {}
    for code, level, name in rows:
        by_name.setdefault(name, []).append((code, level))
    rank = {level: i for i, level in enumerate(BARE_NAME_FIRST)}
    labels = {}
    for name, same in by_name.items():
        levels = [level for _, level in same]
        first = min(levels, key=lambda level: rank.get(level, len(rank)))
        for code, level in same:
            if len(same) == 1 or (level == first and levels.count(level) == 1):
                labels[code] = name
            elif levels.count(level) > 1:
                labels[code] = f"{name} · {level_name(level)} ({code})"
            else:
                labels[code] = f"{name} · {level_name(level)}"
    return {code: labels[code] for code, _, _ in rows}
