"""The one module that talks to DuckDB for the app.

Pages call ``run_query("name", **params)`` and get a DataFrame. SQL lives in ``queries/name.sql``
with named parameters (``$area``), bound by DuckDB, never formatted into the text. The connection
is read-only and cached per database file; when the file is replaced by a rebuild (a new inode)
the next query opens the new file, so a running app picks up new data without a restart.
"""

from __future__ import annotations

import functools
import threading
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


def data_stamp() -> tuple[int, int]:
    """The current database file's identity (inode, modification time): a key for caches of
    anything built from its data, which a rebuild changes."""
    return _stamp(paths.db_path())


def run_query(name: str, **params: Any) -> pd.DataFrame:
    """Run ``queries/<name>.sql`` with ``params`` bound; results are cached per database file."""
    path = paths.db_path()
    stamp = _stamp(path)
    return _run(name, tuple(sorted(params.items())), str(path), stamp)
