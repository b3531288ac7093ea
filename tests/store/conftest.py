"""Fixtures for the editable store: the same tests on SQLite and on PostgreSQL.

PostgreSQL is Debian's package (``.ci/run`` installs it), started here in a temporary folder
on a free port with its socket in that folder, and stopped at the end of the session. It refuses
to run as root, and CI runs as root: then its commands run as the ``postgres`` user the package
creates (``runuser -u postgres -- pg_ctl ...``). In CI (``CI=true``) a PostgreSQL that cannot
start fails the tests; elsewhere they are skipped.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from kohtaanto.projects.area_tree import AreaTree
from kohtaanto.projects.roles import RolesFile
from kohtaanto.projects.store import Store

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


def pg_bin() -> Path | None:
    """The newest installed PostgreSQL's bin folder."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4])
    )
    return Path(found[-1]).parent if found else None


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _unavailable(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL is needed in CI: {message}")
    pytest.skip(f"PostgreSQL not available: {message}")


@dataclass(frozen=True)
class Postgres:
    port: int
    folder: Path

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def admin(self):
        import psycopg

        return psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True
        )

    def new_database(self) -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        with self.admin() as con:
            con.execute(f'create database "{name}"')
        return self.url(name)


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL server for the session, in a temporary folder."""
    binary = pg_bin()
    if binary is None:
        _unavailable("no /usr/lib/postgresql/*/bin/pg_ctl (apt-get install postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="kohtaanto-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data, log = folder / "data", folder / "server.log"
    port = _free_port()
    options = (
        f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c full_page_writes=off -c max_connections=200"
    )
    initdb = [str(binary / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust"]
    start = [str(binary / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60"]
    try:
        subprocess.run(
            _as_postgres([*initdb, "-E", "UTF8", "--no-locale", "--no-sync"]),
            check=True,
            capture_output=True,
            timeout=120,
        )
        subprocess.run(
            _as_postgres([*start, "-o", options, "start"]),
            check=True,
            capture_output=True,
            timeout=120,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        text = log.read_text(errors="replace") if log.is_file() else ""
        stderr = getattr(exc, "stderr", b"") or b""
        shutil.rmtree(folder, ignore_errors=True)
        _unavailable(f"{exc}: {stderr.decode(errors='replace')} {text}")
    server = Postgres(port, folder)
    yield server
    subprocess.run(
        _as_postgres([str(binary / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
        capture_output=True,
        timeout=120,
    )
    shutil.rmtree(folder, ignore_errors=True)


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
