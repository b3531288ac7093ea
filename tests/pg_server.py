"""A throwaway PostgreSQL server from Debian's package: for the store's tests and benchmark.

Started in a temporary folder on a free port, with its socket in that folder. PostgreSQL refuses
to run as root, and CI runs as root: then its commands run as the ``postgres`` user the package
creates (``runuser -u postgres -- pg_ctl ...``).
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL here, or it would not start; the message says why."""


def pg_bin() -> Path | None:
    """The newest installed PostgreSQL's bin folder."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4])
    )
    return Path(found[-1]).parent if found else None


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
        """The URL of a new, empty database."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        with self.admin() as con:
            con.execute(f'create database "{name}"')
        return self.url(name)


@contextlib.contextmanager
def running_postgres(max_connections: int = 200) -> Iterator[Postgres]:
    """A PostgreSQL server for the duration of the block; PostgresUnavailable if none starts."""
    binary = pg_bin()
    if binary is None:
        raise PostgresUnavailable(
            "no /usr/lib/postgresql/*/bin/pg_ctl (apt-get install postgresql)"
        )
    folder = Path(tempfile.mkdtemp(prefix="kohtaanto-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data, log = folder / "data", folder / "server.log"
    port = free_port()
    options = (
        f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
        f"-c full_page_writes=off -c max_connections={max_connections}"
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
        stderr = (getattr(exc, "stderr", b"") or b"").decode(errors="replace")
        shutil.rmtree(folder, ignore_errors=True)
        raise PostgresUnavailable(f"{exc}: {stderr} {text}") from None
    try:
        yield Postgres(port, folder)
    finally:
        subprocess.run(
            _as_postgres([str(binary / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
            capture_output=True,
            timeout=120,
        )
        shutil.rmtree(folder, ignore_errors=True)
