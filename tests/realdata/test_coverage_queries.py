"""Real-data tests of coverage queries (the rest: tests/app/test_coverage_queries.py)."""

from __future__ import annotations

import pytest

from tests.app.test_coverage_queries import OLD_SQL, compare


@pytest.mark.realdata
@pytest.mark.parametrize("name", sorted(OLD_SQL))
def test_rewritten_query_equals_the_old_on_the_real_database(real_db, name):
    # A sample of areas: every area of the real database would run the old SQL thousands of times.
    assert compare(real_db, name, max_sets=40) > 0
