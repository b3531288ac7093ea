"""Fixtures for the editable store: the same tests on SQLite and on PostgreSQL.

PostgreSQL is Debian's package (``.ci/run`` installs it), started for the session by
``tests/pg_server.py`` (as the ``postgres`` user when the tests run as root) and stopped at the
end. In CI (``CI=true``) a PostgreSQL that cannot
start fails the tests; elsewhere they are skipped.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kohtaanto.projects.area_tree import AreaTree
from kohtaanto.projects.roles import RolesFile
from kohtaanto.projects.store import Store
from tests.pg_server import PostgresUnavailable, running_postgres

ADMIN = "admin@example.fi"
KA4 = "Koordinaattori.Ita@Example.fi"  # as typed in the roles file: compared case-insensitively
KA1 = "koordinaattori.uusimaa@example.fi"
EDITOR = "hanke@example.fi"
READER = "lukija@example.fi"

ROLES = f"""
[[user]]
email = "{ADMIN}"
role = "admin"
[[user]]
email = "{KA4}"
role = "coordinator"
areas = ["KA4"]
[[user]]
email = "{KA1}"
role = "coordinator"
areas = ["KA1"]
[[user]]
email = "{EDITOR}"
role = "editor"
projects = ["S1"]
"""

# KA4 ⊃ MK12 ⊃ SK122 ⊃ KU167, KU276 and KA4 ⊃ MK10 ⊃ KU046; the ELY Centre ELY09 made of
# KU167 and KU276;
# KA1 ⊃ MK01 ⊃ KU091; and the country.
TREE = AreaTree.from_rows(
    [
        ("SSS", None),
        ("KA4", "SSS"),
        ("MK12", "KA4"),
        ("SK122", "MK12"),
        ("KU167", "SK122"),
        ("KU276", "SK122"),
        ("MK10", "KA4"),
        ("KU046", "MK10"),
        ("ELY09", "SSS"),
        ("KA1", "SSS"),
        ("MK01", "KA1"),
        ("KU091", "MK01"),
    ],
    [
        ("KA4", "KU167"),
        ("KA4", "KU276"),
        ("KA4", "KU046"),
        ("MK10", "KU046"),
        ("MK12", "KU167"),
        ("MK12", "KU276"),
        ("ELY09", "KU167"),
        ("ELY09", "KU276"),
        ("KA1", "KU091"),
        ("MK01", "KU091"),
    ],
    ["EECO01", "EECO08", "EECR04"],
)


def _unavailable(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL is needed in CI: {message}")
    pytest.skip(f"PostgreSQL not available: {message}")


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL server for the session, in a temporary folder (tests/pg_server.py)."""
    try:
        with running_postgres() as server:
            yield server
    except PostgresUnavailable as exc:
        _unavailable(str(exc))


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request) -> str:
    return request.param


@pytest.fixture
def new_url(backend, tmp_path, request):
    """Makes URLs of new, empty stores on the test's backend."""
    made = []

    def make() -> str:
        if backend == "sqlite":
            url = f"sqlite:///{tmp_path}/store{len(made)}.sqlite"
        else:
            url = request.getfixturevalue("postgres").new_database()
        made.append(url)
        return url

    return make


@pytest.fixture
def store_url(new_url) -> str:
    return new_url()


@pytest.fixture
def roles_file(tmp_path) -> Path:
    path = tmp_path / "roles.toml"
    path.write_text(ROLES, encoding="utf-8")
    return path


@pytest.fixture
def open_store(roles_file):
    """Opens stores with the test roles and areas; closes them at the end."""
    opened: list[Store] = []

    def make(url: str) -> Store:
        store = Store(url, roles=RolesFile(roles_file), areas=lambda: TREE)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def store(open_store, store_url) -> Store:
    return open_store(store_url)
