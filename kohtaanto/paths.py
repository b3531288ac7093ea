"""Every path the project uses, built from this file's location, never from the working directory."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kohtaanto"
DATA = ROOT / "data"
RAW = DATA / "raw"
REFERENCE = DATA / "reference"
QUERIES = ROOT / "queries"
PIPELINE = PACKAGE / "pipeline"
SCHEMA_SQL = PIPELINE / "schema.sql"
VIEWS_SQL = PIPELINE / "views.sql"
MATERIALISE_SQL = PIPELINE / "materialise.sql"
TABLES_TOML = PIPELINE / "tables.toml"
DEFAULT_DB = DATA / "kohtaanto.duckdb"


def db_path() -> Path:
    """The database file: ``KOHTAANTO_DB`` if set, else ``data/kohtaanto.duckdb``."""
    override = os.environ.get("KOHTAANTO_DB")
    return Path(override).expanduser().resolve() if override else DEFAULT_DB
