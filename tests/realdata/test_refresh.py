"""``python -m kohtaanto refresh`` against the local PxWeb-like server (tests/pxweb_server.py).

The server serves the mirror's 12r5 for its last year; a new month arrives when the server gains
it. The database is the one a running app reads (``KOHTAANTO_DB``), so ``db.run_query`` after a
refresh is what the app would show without a restart.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kohtaanto import db, paths
from kohtaanto.pipeline import fetch, refresh
from tests.pxweb_server import SHARED_RAW, PxWebServer, dataset_subset

ADDRESS_12R5 = "StatFin/tyonv/12r5.px"


@pytest.fixture(scope="module")
def full_12r5() -> dict[str, Any]:
    path = SHARED_RAW / "statfin" / "12r5.json"
    if not path.is_file():
        pytest.fail(f"the raw mirror is missing: expected {path}")
    dataset = json.loads(path.read_text(encoding="utf-8"))
    months = list(dataset["dimension"]["timeperiod_m"]["category"]["index"])
    return dataset_subset(dataset, {"timeperiod_m": months[-13:]})  # 2022M10–2023M10


@pytest.fixture
def server(full_12r5) -> Iterator[PxWebServer]:
    """12r5 without its last month (2023M10): that month arrives later in the tests."""
    months = list(full_12r5["dimension"]["timeperiod_m"]["category"]["index"])
    with PxWebServer(raw=SHARED_RAW, max_cells=200_000) as server:
        server.set_dataset(ADDRESS_12R5, dataset_subset(full_12r5, {"timeperiod_m": months[:-1]}))
        yield server


def settings_for(server: PxWebServer) -> dict[str, Any]:
    """tables.toml pointed at the server, 12r5 with the mirror's three contents, short retries."""
    settings = copy.deepcopy(fetch.load_settings())
    settings["api"].update({"max_retries": 1, "retry_base_delay": 0.01, "retry_max_delay": 0.1})
    for table in settings["table"]:
        if table["id"] == "tyonv/12r5":
            table["contents"] = ["AVPAIKATLOPUSSA", "TYOTTOMATLOPUSSA", "TYOVOIMATK"]
    return settings


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(SHARED_RAW / "classifications", raw / "classifications")
    return raw


def run(server: PxWebServer, raw: Path, out: Path, lines: list[str]) -> refresh.RefreshResult:
    return refresh.refresh(
        raw,
        out,
        tables=["12r5"],
        api_root=server.root,
        settings=settings_for(server),
        progress=lines.append,
    )


def latest_month(out: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The last month of the period slider, as the running app would query it."""
    monkeypatch.setenv("KOHTAANTO_DB", str(out))
    months = db.run_query("month_list").period
    return f"{months.iloc[-1]:%Y-%m}"


def test_a_new_month_arrives_and_the_running_app_shows_it(
    server, full_12r5, raw, tmp_path, monkeypatch
):
    out = tmp_path / "data" / "kohtaanto.duckdb"
    lines: list[str] = []
    first = run(server, raw, out, lines)
    assert first.code == refresh.OK, lines
    assert first.built and first.tables == 1
    assert latest_month(out, monkeypatch) == "2023-09"

    server.set_dataset(ADDRESS_12R5, full_12r5)  # Statistics Finland publishes 2023M10
    second = run(server, raw, out, lines)
    assert second.code == refresh.OK, lines
    assert second.new_periods == {"tyonv/12r5": (1, "2023M10", "2023M10")}
    assert second.rows == first.rows // 12 * 13  # one month more of every area and measure
    assert latest_month(out, monkeypatch) == "2023-10"  # same process, no cache cleared

    inode = out.stat().st_ino
    third = run(server, raw, out, lines)
    assert third.code == refresh.OK
    assert not third.built and third.new_periods == {}
    assert out.stat().st_ino == inode  # nothing new: the database is not rebuilt

    log = (out.parent / "refresh.log").read_text(encoding="utf-8").splitlines()
    assert len(log) == 3
    assert "refresh ok: tables 1, new months none, rows " in log[0]
    assert f"rows {first.rows:,}".replace(",", " ") in log[0]
    assert "new months 12r5 +1 (2023M10), rows " in log[1]
    assert "new months none, rows - (not built)" in log[2]
    assert lines[-1] == log[2]  # printed as well


def test_a_second_refresh_is_refused_while_one_runs(server, raw, tmp_path):
    out = tmp_path / "data" / "kohtaanto.duckdb"
    lines: list[str] = []
    with refresh.exclusive(refresh.lock_path_for(out)):
        result = run(server, raw, out, lines)
        command = [sys.executable, "-m", "kohtaanto", "refresh", "--raw", str(raw)]
        command += ["--out", str(out), "--api", server.root, "--tables", "12r5"]
        other = subprocess.run(
            command, capture_output=True, text=True, cwd=paths.ROOT, timeout=60, check=False
        )
    assert result.code == refresh.LOCKED
    assert f"another refresh is running (process {os.getpid()}" in lines[-1]
    assert other.returncode == refresh.LOCKED
    assert "another refresh is running" in other.stdout
    assert not out.exists()
    assert server.data_requests() == []  # neither touched the API
    # The lock is the kernel's: once released, the next refresh runs.
    assert run(server, raw, out, lines).code == refresh.OK


def test_a_failed_fetch_keeps_the_database_and_exits_non_zero(
    server, full_12r5, raw, tmp_path, monkeypatch
):
    out = tmp_path / "data" / "kohtaanto.duckdb"
    lines: list[str] = []
    assert run(server, raw, out, lines).code == refresh.OK
    before = out.read_bytes()

    server.set_dataset(ADDRESS_12R5, full_12r5)
    server.inject(*[500] * 20)  # every data query fails
    failed = run(server, raw, out, lines)

    assert failed.code == refresh.FAILED
    assert out.read_bytes() == before
    assert latest_month(out, monkeypatch) == "2023-09"
    log = (out.parent / "refresh.log").read_text(encoding="utf-8").splitlines()
    assert "refresh FAILED: tables 1, new months none, rows - (not built)" in log[-1]
    assert f"fetch failed (exit 1); the previous database {out} was left as it was" in log[-1]


def test_a_table_the_api_no_longer_offers_stops_before_the_fetch(server, raw, tmp_path):
    out = tmp_path / "data" / "kohtaanto.duckdb"
    server.remove_table(ADDRESS_12R5)
    lines: list[str] = []
    result = run(server, raw, out, lines)
    assert result.code == refresh.CHECK_FAILED
    assert "check: tyonv/12r5 lack what the build needs" in result.error
    assert server.data_requests() == []
    assert not out.exists()


def test_a_failed_build_keeps_the_database(server, full_12r5, raw, tmp_path):
    out = tmp_path / "data" / "kohtaanto.duckdb"
    lines: list[str] = []
    assert run(server, raw, out, lines).code == refresh.OK
    before = out.read_bytes()
    server.set_dataset(ADDRESS_12R5, full_12r5)
    # A municipality key the build cannot read: the build fails after the fetch succeeded.
    for key in (raw / "classifications").glob("municipality_key_*.csv"):
        key.write_text("kunta\n", encoding="utf-8")
    result = run(server, raw, out, lines)
    assert result.code == refresh.FAILED
    assert result.error.startswith("build failed: ")
    assert result.error.endswith(f"the previous database {out} was left as it was")
    assert out.read_bytes() == before
    assert not [p for p in out.parent.iterdir() if p.name.endswith((".tmp", ".spill"))]
