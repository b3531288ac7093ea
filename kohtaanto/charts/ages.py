"""Age groups: their labels, and the rules that choose which groups a chart shows.

One place for "which experienced group": the register gives 50+ for every area and 55+ for a
few, the Labour Force Survey 55–64, so a chart of "experienced talents" picks the group its
source has (:func:`experienced_age`, :func:`present`, :func:`age_break`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

from kohtaanto.i18n import t

# The experienced group shown when the chosen age group is not in an area's source.
EXPERIENCED = ("55-", "50-")


def _ok(x: object) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x)) and x is not pd.NA


def upper_age(value: object) -> float:
    """An open upper age (``50-``) as infinity."""
    return float(value) if _ok(value) else math.inf


def age_label(age_group: str, min_age: object, max_age: object, lang: str) -> str:
    """``15–24``, ``50+``; all ages in words. The same digits in every language."""
    if age_group == "SSS" or not _ok(min_age):
        return t("kokeneet.all_ages", lang)
    return f"{int(min_age)}+" if not _ok(max_age) else f"{int(min_age)}–{int(max_age)}"


def group_label(code: str | None, ages: pd.DataFrame, lang: str) -> str:
    """The label of an age group code from the age table (indexed by ``age_group``)."""
    if code is None or code not in ages.index:
        return "–"
    return age_label(code, ages.at[code, "min_age"], ages.at[code, "max_age"], lang)


def labels(data: pd.DataFrame, lang: str) -> pd.Series:
    """The age label of every row of a frame with ``age_group``, ``min_age``, ``max_age``."""
    return pd.Series(
        [
            age_label(a, lo, hi, lang)
            for a, lo, hi in zip(data.age_group, data.min_age, data.max_age, strict=True)
        ],
        index=data.index,
        dtype=object,
    )


def age_break(groups: pd.DataFrame, chosen: str) -> tuple[list[str], str | None]:
    """The age groups to draw side by side, and the one to highlight (the focus).

    ``groups`` has one row per age group available for the area (``age_group``, ``min_age``,
    ``max_age``, ``source_table``). The chosen group (or, when the area's source lacks it, the
    experienced group 55+ or 50+, else the oldest) is kept with the groups of the same source that
    do not overlap it: younger ones from the youngest up, then older ones. A source whose groups
    overlap (50+ and 55+) thus gives one clean break. The focus differs from ``chosen`` when the
    area's source lacks the chosen group; it is None only when the area has no age groups.
    """
    rows = groups[groups.age_group != "SSS"].drop_duplicates("age_group")
    if rows.empty:
        return [], None
    codes = list(rows.age_group)
    focus = chosen if chosen in codes else next((a for a in EXPERIENCED if a in codes), None)
    if focus is None:
        focus = rows.assign(_m=rows.min_age.astype(float)).sort_values("_m").age_group.iloc[-1]
    me = rows[rows.age_group == focus].iloc[0]
    pool = rows[(rows.source_table == me.source_table) & (rows.age_group != focus)]
    pool = pool.assign(lo=pool.min_age.astype(float), hi=[upper_age(v) for v in pool.max_age])
    pool = pool.sort_values(["lo", "hi"])
    lo, hi = float(me.min_age), upper_age(me.max_age)
    younger, older, last = [], [], -math.inf
    for g in pool.itertuples():
        if g.lo > last and g.hi < lo:
            younger.append(g.age_group)
            last = g.hi
    last = hi
    for g in pool.itertuples():
        if g.lo > last:
            older.append(g.age_group)
            last = g.hi
    return [*younger, focus, *older], focus


def widest_experienced(ages: pd.DataFrame) -> str | None:
    """The experienced group (55+, else 50+) that most areas have, from the ``age_list`` query
    (``age_group``, ``areas``): 55+ may exist for a few areas only, where 50+ covers the country."""
    coverage = dict(zip(ages["age_group"], ages["areas"], strict=True))
    found = [a for a in EXPERIENCED if a in coverage]
    return max(found, key=lambda a: coverage[a]) if found else None


def present(codes: Iterable[str], focus: str | None) -> str | None:
    """``focus`` if it is among ``codes``, else the experienced group (55+, 50+) that is."""
    codes = set(codes)
    if focus in codes:
        return focus
    return next((a for a in EXPERIENCED if a in codes), None)


def experienced_age(chosen: str, ages: pd.DataFrame) -> str | None:
    """The age group a chart of experienced talents shows: the chosen one, or with all ages
    chosen (``SSS``) the experienced group most areas have (:func:`widest_experienced`)."""
    return chosen if chosen != "SSS" else widest_experienced(ages)
