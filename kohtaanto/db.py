"""The one module that talks to DuckDB for the app.

Pages call ``run_query("name", **params)`` and get a DataFrame. SQL lives in ``queries/name.sql``
with named parameters (``$area``), bound by DuckDB, never formatted into the text. The connection
is read-only and cached per database file; when the file is replaced by a rebuild (a new inode)
the next query opens the new file, so a running app picks up new data without a restart.

The databank's queries (``DATABANK_QUERIES``: the projects tables of CONTRACT.md 2b) read the
editable store's published entries when the app has one in use (:func:`use_databank`): the
same SQL on an in-memory DuckDB that holds the store's tables and attaches the statistics file
read-only for the areas and figures, built once per store version (``Store.changes()``), so an
edit shows on every page at once, with no rebuild.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from kohtaanto import paths


class DatabaseUnavailable(RuntimeError):
    """The database file is missing or cannot be opened; the message says what to do."""


@functools.cache
def query_text(name: str) -> str:
    """The SQL of ``queries/<name>.sql``; a name with a path in it is refused."""
    if not name.replace("_", "").isalnum():
        raise ValueError(f"bad query name {name!r}")
    path = paths.QUERIES / f"{name}.sql"
    if not path.is_file():
        raise ValueError(f"no query {name!r} in {paths.QUERIES}")
    return path.read_text(encoding="utf-8")


def _stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise DatabaseUnavailable(
            f"The database {path} does not exist. Build it with `make run` (demo data offline), "
            "or `python -m kohtaanto fetch` and `python -m kohtaanto build`."
        ) from None
    return stat.st_ino, stat.st_mtime_ns


class _Holder:
    """The open connection to one database path, swapped when the file is replaced.

    DuckDB keeps one database instance per path in a process, so connecting again after a
    rebuild would return the old (renamed-over) file: the old connection is closed first. A query
    running on one of its cursors keeps the old instance alive until it finishes.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.lock = threading.Lock()
        self.stamp: tuple[int, int] | None = None
        self.con: duckdb.DuckDBPyConnection | None = None

    def get(self, stamp: tuple[int, int]) -> duckdb.DuckDBPyConnection:
        with self.lock:
            if self.con is None or self.stamp != stamp:
                if self.con is not None:
                    self.con.close()
                    self.con = None
                try:
                    self.con = duckdb.connect(self.path, read_only=True)
                except duckdb.Error as exc:
                    raise DatabaseUnavailable(
                        f"The database {self.path} cannot be opened: {exc}"
                    ) from exc
                self.stamp = stamp
            return self.con


@st.cache_resource(show_spinner=False, max_entries=4)
def _holder(path: str) -> _Holder:
    return _Holder(path)


def _connection(path: str, stamp: tuple[int, int]) -> duckdb.DuckDBPyConnection:
    return _holder(path).get(stamp)


def connection() -> tuple[duckdb.DuckDBPyConnection, tuple[int, int]]:
    """The read-only connection to the current database file, and the file's stamp."""
    path = paths.db_path()
    stamp = _stamp(path)
    return _connection(str(path), stamp), stamp


@st.cache_data(show_spinner=False, max_entries=512, ttl=6 * 3600)
def _run(
    name: str, params: tuple[tuple[str, Any], ...], path: str, stamp: tuple[int, int]
) -> pd.DataFrame:
    sql = query_text(name)
    for attempt in (1, 2):
        con = _connection(path, stamp)
        try:
            # Each query on its own cursor: a DuckDB connection is not safe to share across threads.
            with con.cursor() as cur:
                return cur.execute(sql, dict(params)).df()
        except duckdb.ConnectionException as exc:
            # The connection was swapped for a rebuilt file under us: once more on the new one.
            if attempt == 2:
                raise DatabaseUnavailable(f"Query {name} failed on {path}: {exc}") from exc
        except duckdb.Error as exc:
            raise DatabaseUnavailable(f"Query {name} failed on {path}: {exc}") from exc
    raise AssertionError("unreachable")


# The queries over the projects tables (CONTRACT.md 2b): run on the live databank when one is in use.
DATABANK_QUERIES = frozenset(
    {
        "project_area_age",
        "project_child_areas",
        "project_differences",
        "project_files",
        "project_reports",
        "projects_by_region",
        "projects_card",
        "projects_list",
        "projects_practices",
    }
)
# The databank's own tables, as the build makes them (kohtaanto/projects/projects.sql); the
# indicators' names stay the statistics file's.
DATABANK_TABLES = (
    "projects",
    "project_areas",
    "project_target_groups",
    "project_themes",
    "practices",
    "project_indicators",
    "project_differences",
    "project_files",
)

# Says which databank the projects queries read: None for the statistics file's copy, else a
# key that changes with every write and a function that gives the tables (name -> DataFrame)
# and the SQL that creates them. Set by the frame (kohtaanto.databank_live), which knows the
# store; this module imports nothing of the databank.
DatabankSource = tuple[Hashable, Callable[[], tuple[str, dict[str, pd.DataFrame]]]]
_databank: Callable[[], DatabankSource | None] | None = None


def use_databank(source: Callable[[], DatabankSource | None] | None) -> None:
    """Read the projects queries from ``source()`` when it gives one (None: the file's)."""
    global _databank
    _databank = source


@st.cache_resource(show_spinner=False, max_entries=2)
def _live_connection(path: str, stamp: tuple[int, int], key: Hashable) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the live databank's tables and the statistics file attached."""
    source = _databank() if _databank is not None else None
    if source is None:
        raise DatabaseUnavailable("the databank went away while its tables were loaded")
    # A write in between gives newer tables than the key says: the next run's key builds again.
    schema, tables = source[1]()
    con = duckdb.connect()
    try:
        con.execute(f"attach '{_sql_text(path)}' as stats (read_only)")
        con.execute(schema)
        con.execute("drop table indicators")
        for name in DATABANK_TABLES:
            frame = tables.get(name)
            if frame is None or frame.empty:
                continue
            con.register("frame", frame)
            cols = ", ".join(f'"{c}"' for c in frame.columns)
            con.execute(f"insert into {name} ({cols}) select {cols} from frame")
            con.unregister("frame")
    except duckdb.Error as exc:
        con.close()
        raise DatabaseUnavailable(f"The databank's tables cannot be made: {exc}") from exc
    return con


def _sql_text(value: str) -> str:
    return value.replace("'", "''")


@st.cache_data(show_spinner=False, max_entries=256, ttl=6 * 3600)
def _run_live(
    name: str,
    params: tuple[tuple[str, Any], ...],
    path: str,
    stamp: tuple[int, int],
    key: Hashable,
) -> pd.DataFrame:
    con = _live_connection(path, stamp, key)
    try:
        with con.cursor() as cur:
            cur.execute("set search_path = 'memory.main,stats.main'")
            return cur.execute(query_text(name), dict(params)).df()
    except duckdb.Error as exc:
        raise DatabaseUnavailable(f"Query {name} failed on the live databank: {exc}") from exc


def data_stamp() -> tuple[Hashable, ...]:
    """The current database file's identity (inode, modification time), and the live
    databank's version when one is in use: a key for caches of anything built from its data,
    which a rebuild or an edit in the databank changes (a panel's view, a page's model)."""
    stamp = _stamp(paths.db_path())
    if _databank is not None:
        source = _databank()
        if source is not None:
            return (*stamp, source[0])
    return stamp


def run_query(name: str, **params: Any) -> pd.DataFrame:
    """Run ``queries/<name>.sql`` with ``params`` bound; results are cached per database file
    (and, for the databank's queries on a live databank, per version of it)."""
    path = paths.db_path()
    stamp = _stamp(path)
    bound = tuple(sorted(params.items()))
    if name in DATABANK_QUERIES and _databank is not None:
        source = _databank()
        if source is not None:
            return _run_live(name, bound, str(path), stamp, source[0])
    return _run(name, bound, str(path), stamp)
