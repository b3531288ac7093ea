"""The projects tables of the database: the reference data a file is checked against (areas,
NUTS codes, ESF+ indicators), and the tables the build creates and fills
(../shared/design/CONTRACT.md section 2b).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pandas as pd

from kohtaanto import paths
from kohtaanto.projects.workbook import (
    Context,
    ProjectData,
    combine,
    read_folder,
)

log = logging.getLogger(__name__)


def indicator_table(raw_dir: Path | None, reference_dir: Path = paths.REFERENCE) -> pd.DataFrame:
    """ESF+ common indicators: codes, kind and English names from the raw classification when
    present, Finnish and Swedish names from our own translations (data/reference)."""
    names = pd.read_csv(reference_dir / "esf_plus_indicator_names.csv", dtype=str)
    source = None if raw_dir is None else raw_dir / "classifications/esf_plus_common_indicators.csv"
    if source is not None and source.is_file():
        official = pd.read_csv(source, dtype=str).rename(columns={"code": "indicator"})
        frame = official[["indicator", "kind", "name_en", "unit"]].merge(
            names[["indicator", "name_fi", "name_sv"]], on="indicator", how="left"
        )
        frame["name_fi"] = frame["name_fi"].fillna(frame["name_en"])
    else:
        frame = names
    return frame[["indicator", "kind", "name_fi", "name_sv", "name_en", "unit"]]


def nuts_map(raw_dir: Path) -> dict[str, str]:
    """NUTS code (and region name, lower case) → area code, from the municipality keys.

    NUTS 3 is a region (``FI1D7`` → ``MK19``), NUTS 2 a major region, NUTS 1 and ``FI`` the
    country. Names catch codes of older NUTS versions (the EURA export writes ``FI193
    Keski-Suomi``; NUTS 2021 calls Keski-Suomi ``FI1D…``/``FI198``).
    """
    from kohtaanto import dimensions

    out: dict[str, str] = {"FI": "SSS", "FI1": "SSS"}
    for key in dimensions.municipality_keys(raw_dir).values():
        cols = set(key.columns)
        for row in key.itertuples(index=False):
            region = f"MK{int(float(row.maakunta_code)):02d}"
            if "nuts3_code" in cols and isinstance(row.nuts3_code, str):
                out[row.nuts3_code.strip()] = region
            for col in ("maakunta_name_fi", "maakunta_name_sv", "maakunta_name_en"):
                if col in cols and isinstance(getattr(row, col), str):
                    out[getattr(row, col).strip().lower()] = region
            has_nuts2 = "nuts2_code" in cols and "suuralue_code" in cols
            if (
                has_nuts2
                and isinstance(row.nuts2_code, str)
                and row.suuralue_code == row.suuralue_code
            ):
                out[row.nuts2_code.strip()] = f"SA{int(float(row.suuralue_code))}"
    return out


def write_tables(con: Any, data: ProjectData, indicators: pd.DataFrame) -> None:
    """Insert every projects table into an open DuckDB connection (schema already created)."""
    frames = {
        "indicators": indicators,
        "projects": data.projects,
        "project_areas": data.project_areas,
        "project_target_groups": data.project_target_groups,
        "project_themes": data.project_themes,
        "practices": data.practices,
        "project_indicators": data.project_indicators,
        "project_differences": data.differences,
        "project_files": data.files,
    }
    for name, frame in frames.items():
        if frame.empty:
            continue
        con.register("frame", frame)
        cols = ", ".join(f'"{c}"' for c in frame.columns)
        con.execute(f"insert into {name} ({cols}) select {cols} from frame")
        con.unregister("frame")


def empty_data() -> ProjectData:
    """A ProjectData with no rows, for a raw folder without ``projects/``."""
    return combine([])


PROJECTS_SQL = Path(__file__).with_name("projects.sql")


def context(raw_dir: Path, area_codes: set[str]) -> Context:
    """The codes a file is checked against, from a raw folder and the build's areas."""
    try:
        nuts = nuts_map(raw_dir)
    except ValueError:  # no municipality keys: the export's Sijainti cannot be placed
        nuts = {"FI": "SSS", "FI1": "SSS"}
    indicators = set(indicator_table(raw_dir)["indicator"])
    return Context(areas=set(area_codes), nuts=nuts, indicators=indicators)


def store_data(url: str | None = None, progress: Any = print) -> ProjectData | None:
    """The editable store's published databank (CONTRACT.md 2c); None when there is no store,
    it has no entries, or it cannot be reached (said in one line: the build goes on)."""
    from kohtaanto.projects.store import Store, StoreError

    try:
        store = Store(url, create=False)
    except StoreError as exc:
        log.warning("projects store unavailable, the build uses the raw folder: %s", exc)
        progress(f"projects: the store cannot be reached ({exc}); using the raw folder's files")
        return None
    try:
        if store.is_empty():
            return None
        return store.public_data()
    except Exception as exc:  # any failure of the store leaves the statistics build going
        log.warning("projects store unreadable, the build uses the raw folder: %s", exc)
        progress(f"projects: the store cannot be read ({exc}); using the raw folder's files")
        return None
    finally:
        store.close()


def build_tables(
    con: Any,
    raw_dir: Path,
    area_codes: set[str],
    progress: Any = print,
    store_url: str | None = None,
) -> ProjectData:
    """Create the projects tables in the database being built and fill them: from the
    editable store's published entries when it has any (``KOHTAANTO_STORE``), else from
    ``raw_dir/projects``; ProjectsError (with every issue) when a raw file is unusable."""
    con.execute(PROJECTS_SQL.read_text(encoding="utf-8"))
    data = store_data(store_url, progress)
    if data is not None:
        files = sorted((raw_dir / "projects").glob("*.xlsx"))
        if files:
            progress(
                f"projects: from the store; the {len(files)} files in {raw_dir / 'projects'} "
                "are not read (`python -m kohtaanto projects import FILE` brings them in)"
            )
    else:
        data = read_folder(raw_dir / "projects", context(raw_dir, area_codes)) or empty_data()
    write_tables(con, data, indicator_table(raw_dir))
    if len(data.projects):
        progress(
            f"projects: {len(data.projects)} projects, {len(data.practices)} results and "
            f"practices, {len(data.project_indicators)} indicator reports, "
            f"{len(data.differences)} differences from official exports"
        )
    return data


def context_for_check(raw_dir: Path | None, db: Path | None = None) -> Context:
    """Codes to check a file against without building (kohtaanto.projects.reference)."""
    from kohtaanto.projects.reference import context_for_check as shipped_context

    return shipped_context(raw_dir, db)
