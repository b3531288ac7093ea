"""Run the forecast step in a process of its own on a database file, and record how it went.

The build and the demo call ``run_step`` on their new file (closed) before renaming it over the
old one. The step's own process keeps the build's memory bound: the models' libraries and
their memory come and go with it. A step that fails, crashes or takes too long does not fail the
build: the file then has the forecast tables empty, ``build_info.forecast_status = 'failed'``
and ``build_info.forecast_reason`` saying why, and the log says it too.

This module imports neither the models nor their libraries, so that it works when they do not.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb

from kohtaanto import paths

log = logging.getLogger(__name__)

FORECAST_SQL = Path(__file__).with_name("forecast.sql")
# The mirror's step takes about a minute of CPU (12 min wall seen at load 40); a step still
# running after this is stopped.
TIMEOUT_SECONDS = 1800
# One BLAS thread: the models do many small fits, and threads that wait on each other's cores on
# a busy 2-core machine made one fit take seconds instead of milliseconds.
SINGLE_THREADED = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def command(db: Path) -> list[str]:
    """The command line of the step for ``db``."""
    return [sys.executable, "-m", "kohtaanto", "forecast", "--db", str(db)]


def run_step(
    db: Path,
    *,
    progress: Callable[[str], None] = print,
    timeout: float = TIMEOUT_SECONDS,
) -> bool:
    """Run the step on ``db`` in a child process; True when it made the outlook.

    On failure the forecast tables are made empty and ``build_info`` says why; never raises for
    a failed step.
    """
    env = {**os.environ, **{k: os.environ.get(k, v) for k, v in SINGLE_THREADED.items()}}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(paths.ROOT), env.get("PYTHONPATH")) if p)
    try:
        done = subprocess.run(
            command(db),
            env=env,
            cwd=paths.ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        reason = f"the forecast step took more than {timeout:.0f} s and was stopped"
    except OSError as exc:
        reason = f"the forecast step could not start: {exc}"
    else:
        for line in done.stdout.splitlines():
            progress(line)
        if done.returncode == 0:
            return True
        reason = _last_words(done.stderr) or f"the forecast step exited with {done.returncode}"
    message = f"forecast step failed, the database has no outlook: {reason}"
    log.warning(message)
    progress(message)
    record_failure(db, reason)
    return False


def _last_words(stderr: str) -> str:
    """The error line of a traceback (or the last line the step wrote)."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    return lines[-1][:500] if lines else ""


def record_failure(db: Path, reason: str) -> None:
    """Empty forecast tables and the reason in ``build_info`` (one transaction)."""
    con = duckdb.connect(str(db))
    try:
        con.execute("begin transaction")
        con.execute(FORECAST_SQL.read_text(encoding="utf-8"))
        con.execute("delete from build_info where key like 'forecast%'")
        con.execute(
            "insert into build_info values ('forecast_status', 'failed'), "
            "('forecast_reason', ?), ('forecast_made_at', ?)",
            [reason, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")],
        )
        con.execute("commit")
        con.execute("checkpoint")
    finally:
        con.close()
