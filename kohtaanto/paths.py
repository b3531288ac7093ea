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


# The editable databank (CONTRACT.md section 2c): its own database, apart from the statistics.
DEFAULT_STORE = DATA / "tietopankki.sqlite"
DEFAULT_ROLES = DATA / "roles.toml"


def store_url() -> str:
    """The store's SQLAlchemy URL: ``KOHTAANTO_STORE`` if set, else SQLite at
    ``data/tietopankki.sqlite`` (an absolute path, whatever the working directory)."""
    return os.environ.get("KOHTAANTO_STORE") or f"sqlite:///{DEFAULT_STORE}"


def roles_path() -> Path:
    """The roles file: ``KOHTAANTO_ROLES`` if set, else ``data/roles.toml``."""
    override = os.environ.get("KOHTAANTO_ROLES")
    return Path(override).expanduser().resolve() if override else DEFAULT_ROLES
