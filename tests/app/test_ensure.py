"""``make run``'s first step (``kohtaanto ensure``) against the local PxWeb-like server, and the
demo banner that tells readers why the app shows demo data."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import duckdb

from kohtaanto import ui
from kohtaanto.i18n import t
from kohtaanto.pipeline import ensure
from tests.apptest_util import run_app


def _reason(db: Path) -> str | None:
    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute("select value from build_info where key = 'fallback_reason'").fetchone()
    return row[0] if row else None


def test_no_api_is_offline(tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    lines: list[str] = []
    db = tmp_path / "kohtaanto.duckdb"
    root = f"http://127.0.0.1:{port}/PxWeb/api/v1/fi"
    how = ensure.ensure_database(
        db, tmp_path / "raw", api_root=root, api_timeout=0.5, progress=lines.append
    )

    assert how == "demo"
    assert lines[0] == (
        "Statistics Finland's API cannot be reached (offline?): falling back to demo data."
    )
    assert _reason(db) == "offline"


def test_the_banner_says_why_in_readers_words(demo_db, tmp_path, monkeypatch):
    db = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, db)
    with duckdb.connect(str(db)) as con:
        con.execute("insert into build_info values ('fallback_reason', 'api_changed')")
    at = run_app(db, monkeypatch, lang="sv")

    banner = at.warning[0].value
    assert banner == (
        t("common.demo_banner", "sv") + " " + t("common.demo_reason_api_changed", "sv")
    )
    assert "Statistikcentralen har ändrat" in banner
    assert "api_changed" not in banner and "fetch" not in banner


def test_a_demo_without_a_reason_shows_the_plain_banner(demo_db, monkeypatch):
    at = run_app(demo_db, monkeypatch)
    assert at.warning[0].value == t("common.demo_banner", "fi")


def test_a_database_without_build_info_has_no_reason(tmp_path, monkeypatch):
    db = tmp_path / "old.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("create table observations (value double)")
    monkeypatch.setenv("KOHTAANTO_DB", str(db))
    assert ui.fallback_reason() is None
