"""The app's editable databank (CONTRACT.md 2c): one store per server process, what readers
see of it, and the signed-in person's own view.

The store is opened without creating anything (a missing SQLite file is an empty store) and
made only when someone with a role first writes. While it has entries, the databank queries of
every page read its published entries (``db.use_databank``), cached per version
(``Store.changes()``): an edit shows at once on /hankkeet, /seuranta and the cards. With an
empty store the pages read the statistics file's copy, as the build made it. A store that
cannot be reached is tried again after ``RETRY_S`` seconds; meanwhile the pages read the file's
copy and say so in one line (:func:`unavailable`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Hashable

import pandas as pd
import streamlit as st

from kohtaanto import db, paths
from kohtaanto.projects import tables as project_tables
from kohtaanto.projects.store import Store, StoreError, StoreUnavailable

log = logging.getLogger(__name__)

RETRY_S = 30.0


class _Live:
    """The process's store for one URL: opened lazily, reopened after a failure."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.lock = threading.Lock()
        self.store: Store | None = None
        self.failed_at: float | None = None
        self.changes: int | None = None

    def get(self, create: bool = False) -> Store | None:
        """The store; None while it cannot be reached (tried again after RETRY_S)."""
        with self.lock:
            if self.store is not None and (not create or self.store.revision is not None):
                return self.store
            if not create and self.failed_at and time.monotonic() - self.failed_at < RETRY_S:
                return None
            try:
                opened = Store(self.url, create=create)
            except StoreUnavailable as exc:
                log.error("databank store unavailable: %s", exc)
                self.failed_at = time.monotonic()
                return None
            if self.store is not None:
                self.store.close()
            self.store, self.failed_at = opened, None
            return opened

    def failed(self, exc: Exception) -> None:
        """A read failed: the store counts as unreachable until it is tried again."""
        log.error("databank store unavailable: %s", exc)
        with self.lock:
            self.failed_at = time.monotonic()
            if self.store is not None:
                self.store.close()
            self.store = None


@st.cache_resource(show_spinner=False, max_entries=4)
def _live(url: str) -> _Live:
    return _Live(url)


def live() -> _Live:
    """This process's store holder for ``KOHTAANTO_STORE``."""
    return _live(paths.store_url())


def store(create: bool = False) -> Store | None:
    """The store (made on first use when ``create``); None while it cannot be reached."""
    return live().get(create)


def changes() -> int | None:
    """The store's version count (0: empty or no store); None when it cannot be reached."""
    holder = live()
    opened = holder.get()
    if opened is None:
        return None
    try:
        return opened.changes()
    except StoreError as exc:
        holder.failed(exc)
        return None


def unavailable() -> bool:
    """The store is configured but cannot be reached just now."""
    return changes() is None


def _tables(opened: Store) -> tuple[str, dict[str, pd.DataFrame]]:
    data = opened.public_data()
    frames = {
        "projects": data.projects,
        "project_areas": data.project_areas,
        "project_target_groups": data.project_target_groups,
        "project_themes": data.project_themes,
        "practices": data.practices,
        "project_indicators": data.project_indicators,
        "project_differences": data.differences,
        "project_files": data.files,
    }
    return project_tables.PROJECTS_SQL.read_text(encoding="utf-8"), frames


def source() -> tuple[Hashable, object] | None:
    """The live databank for ``db.use_databank``: (store URL and version, its tables); None
    when the store is empty or cannot be reached (the statistics file's copy is read)."""
    count = changes()
    opened = live().store
    if not count or opened is None:
        return None
    return (opened.url, count), lambda: _tables(opened)


def install() -> None:
    """Make the databank queries of every page read the live databank."""
    db.use_databank(source)
