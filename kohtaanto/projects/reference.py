"""What a databank file is checked against when there is no raw folder: a fresh clone, the app.

The area codes and names of every level (country, coordinator areas, major regions, ELY and
elinvoimakeskus areas, regions, employment areas, sub-regions, municipalities, and the codes the
source publishes outside the classifications) and the NUTS codes of regions and major regions
are shipped with the code in ``data/reference/area_classification.csv`` and
``data/reference/nuts_codes.csv``. Both are made from the raw mirror's municipality keys by
:func:`write_reference` (``python -m kohtaanto.projects.reference RAW``) and checked against the
mirror by tests/realdata. A check takes the union of these, the database in use (demo or real)
and, when there is one, the raw folder: a code any of them knows is a known code.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from kohtaanto import paths
from kohtaanto.projects.validate import Context

AREAS_CSV = "area_classification.csv"
NUTS_CSV = "nuts_codes.csv"
AREA_COLUMNS = ["area_code", "level", "name_fi", "name_sv", "name_en", "parent_code"]
COUNTRY_NUTS = {"FI": "SSS", "FI1": "SSS"}


def write_reference(raw_dir: Path, reference_dir: Path = paths.REFERENCE) -> list[Path]:
    """The shipped classification from a raw folder's municipality keys (what the build makes
    of them), written as two CSV files; returns their paths."""
    from kohtaanto import dimensions
    from kohtaanto.projects.tables import nuts_map

    areas = dimensions.build_areas(raw_dir, reference_dir).table[AREA_COLUMNS]
    areas = areas.sort_values(["level", "area_code"]).reset_index(drop=True)
    nuts = nuts_map(raw_dir)
    codes = sorted((k, v) for k, v in nuts.items() if k[:2] == "FI" and k == k.upper())
    out = [reference_dir / AREAS_CSV, reference_dir / NUTS_CSV]
    areas.to_csv(out[0], index=False, lineterminator="\n")
    pd.DataFrame(codes, columns=["nuts_code", "area_code"]).to_csv(
        out[1], index=False, lineterminator="\n"
    )
    return out


def shipped_areas(reference_dir: Path = paths.REFERENCE) -> pd.DataFrame:
    """The shipped area classification (empty when the file is missing)."""
    path = reference_dir / AREAS_CSV
    if not path.is_file():
        return pd.DataFrame(columns=AREA_COLUMNS)
    frame = pd.read_csv(path, dtype=object, keep_default_na=False)
    return frame.astype(object).where(frame != "", None)


def shipped_nuts(reference_dir: Path = paths.REFERENCE) -> dict[str, str]:
    """NUTS code → area code from the shipped file, with the country's codes."""
    path = reference_dir / NUTS_CSV
    out = dict(COUNTRY_NUTS)
    if path.is_file():
        frame = pd.read_csv(path, dtype=str)
        out.update(zip(frame.nuts_code, frame.area_code, strict=True))
    return out


def context_from_areas(
    frames: Iterable[pd.DataFrame],
    indicators: Iterable[str],
    nuts: dict[str, str] | None = None,
) -> Context:
    """A Context from area tables (``area_code``, ``level``, ``name_*``): every code they hold,
    each code's names in lower case, and the regions' names as NUTS names (the EURA export
    writes ``FI193 Keski-Suomi``, an older NUTS code: the name places it)."""
    areas = pd.concat([f for f in frames if len(f)], ignore_index=True)
    out_nuts = dict(COUNTRY_NUTS) | (nuts or {})
    names: dict[str, set[str]] = {}
    for row in areas.itertuples(index=False):
        for lang in ("fi", "sv", "en"):
            name = getattr(row, f"name_{lang}", None)
            if isinstance(name, str) and name.strip():
                names.setdefault(row.area_code, set()).add(name.strip().lower())
                if row.level == "region":
                    out_nuts.setdefault(name.strip().lower(), row.area_code)
    return Context(
        areas=set(areas.area_code) if len(areas) else set(),
        nuts=out_nuts,
        indicators=set(indicators),
        area_names={code: frozenset(n) for code, n in names.items()},
    )


def _database_areas(db: Path | None) -> pd.DataFrame:
    """The areas of the database in use, if it can be opened (read-only)."""
    if db is None or not Path(db).is_file():
        return pd.DataFrame(columns=AREA_COLUMNS)
    import duckdb

    try:
        with duckdb.connect(str(db), read_only=True) as con:
            return con.execute(f"select {', '.join(AREA_COLUMNS)} from areas").df()
    except duckdb.Error:
        return pd.DataFrame(columns=AREA_COLUMNS)


def _raw_areas(raw_dir: Path | None) -> tuple[pd.DataFrame, dict[str, str]]:
    """The areas and NUTS codes of a raw folder, when it has municipality keys."""
    from kohtaanto import dimensions
    from kohtaanto.projects.tables import nuts_map

    if raw_dir is None:
        return pd.DataFrame(columns=AREA_COLUMNS), {}
    try:
        return dimensions.build_areas(raw_dir).table[AREA_COLUMNS], nuts_map(raw_dir)
    except (ValueError, OSError):  # no municipality keys: a fresh clone
        return pd.DataFrame(columns=AREA_COLUMNS), {}


def context_for_check(raw_dir: Path | None, db: Path | None = None) -> Context:
    """Codes to check a file against without building: the shipped classification, the
    database in use and the raw folder, whichever of them are there (never none: the shipped
    files are part of the code)."""
    from kohtaanto.projects.tables import indicator_table

    raw_areas, raw_nuts = _raw_areas(raw_dir)
    frames = [shipped_areas(), _database_areas(db), raw_areas]
    indicators = indicator_table(raw_dir if raw_dir is not None and raw_dir.is_dir() else None)
    return context_from_areas(frames, indicators.indicator, shipped_nuts() | raw_nuts)


if __name__ == "__main__":
    for written in write_reference(Path(sys.argv[1])):
        print(f"wrote {written}")
