"""Real-data tests of demo (the rest: tests/unit/test_demo.py)."""

from __future__ import annotations

import duckdb
import pytest

from tests.unit.test_demo import columns, tables


@pytest.mark.realdata
def test_schema_equals_the_real_build(demo_db, real_db):
    with (
        duckdb.connect(str(real_db), read_only=True) as real,
        duckdb.connect(str(demo_db), read_only=True) as con,
    ):
        assert columns(con) == columns(real)
        assert tables(con) == tables(real)
        real_keys = {k for (k,) in real.execute("select key from build_info").fetchall()}
        demo_keys = {k for (k,) in con.execute("select key from build_info").fetchall()}
    assert demo_keys == real_keys | {"seed"}
