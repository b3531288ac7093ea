"""Real-data tests of ensure (the rest: tests/app/test_ensure.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kohtaanto.pipeline import ensure
from tests import pxweb_server
from tests.app.test_ensure import _reason
from tests.pxweb_server import PxWebServer, dataset_subset


@pytest.fixture
def server_without_50(mirror_raw: Path):
    server = PxWebServer(raw=mirror_raw).start()
    server.add_live_tables()
    live = pxweb_server.live_12r5(str(mirror_raw))
    index = live["dimension"]["contentscode"]["category"]["index"]
    codes = [c for c in index if c != "TYOTTOMAT50"]
    server.set_dataset("StatFin/tyonv/12r5.px", dataset_subset(live, {"contentscode": codes}))
    yield server
    server.stop()


@pytest.fixture
def mirror_raw() -> Path:
    if not (pxweb_server.SHARED_RAW / "statfin" / "12r5.json").is_file():
        pytest.fail(f"the raw mirror is missing: expected {pxweb_server.SHARED_RAW}")
    return pxweb_server.SHARED_RAW


def test_a_changed_api_is_named_in_the_terminal_and_stored_for_the_banner(
    server_without_50, tmp_path
):
    lines: list[str] = []
    db, raw = tmp_path / "kohtaanto.duckdb", tmp_path / "raw"
    how = ensure.ensure_database(db, raw, api_root=server_without_50.root, progress=lines.append)

    assert how == "demo"
    assert lines[1] == (
        "Statistics Finland's API has changed and no longer offers what the app needs, so "
        "nothing was downloaded:"
    )
    assert lines[2].startswith("  - tyonv/12r5: contents code TYOTTOMAT50 not in the table")
    assert "fetch --check" in lines[3]
    assert lines[-1].startswith("DEMO DATA: built")
    assert server_without_50.data_requests() == []  # the check stopped it before any download
    assert not raw.exists()
    assert _reason(db) == "api_changed"

    # The next start finds the database and leaves it as it is.
    before = db.read_bytes()
    assert ensure.ensure_database(db, raw, api_root=server_without_50.root, progress=lines.append)
    assert db.read_bytes() == before
