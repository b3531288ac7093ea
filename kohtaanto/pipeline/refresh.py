"""``python -m kohtaanto refresh``: check, incremental fetch, build and atomic swap, one at a time.

Meant for cron or a systemd timer (README). Each step's failure stops the run with a non-zero
exit; the build writes a temporary file and renames it over the database only when it is valid,
so whatever fails, the app keeps reading the previous database. A second refresh started while
one runs finds the lock taken, says so and exits with ``LOCKED``. Every run, however it ends,
appends one line to the log (``data/refresh.log`` beside the database by default) and prints it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import re
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from kohtaanto.pipeline import build as build_module
from kohtaanto.pipeline import fetch
from kohtaanto.pipeline.pxweb import PxWebError

Progress = Callable[[str], None]
OK, FAILED, CHECK_FAILED, LOCKED = 0, 1, 2, 3
# What the fetch says of a table that gained periods: "tyonv/12r5: 2 new periods (2023M09–2023M10)"
NEW_PERIODS = re.compile(r"^(\S+): (\d+) new periods? \((\S+)–(\S+)\)")
WROTE = re.compile(r"^(\S+): wrote ")


class RefreshLocked(RuntimeError):
    """Another refresh holds the lock."""


@dataclass
class RefreshResult:
    """What one run did, for the log line."""

    code: int = OK
    tables: int = 0
    written: list[str] = field(default_factory=list)
    new_periods: dict[str, tuple[int, str, str]] = field(default_factory=dict)
    rows: int | None = None
    seconds: float = 0.0
    built: bool = False
    error: str = ""

    def line(self, when: dt.datetime) -> str:
        """The log line: time, outcome, tables, new months, rows, seconds."""
        stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        outcome = "ok" if self.code == OK else "FAILED"
        new = (
            ", ".join(
                f"{t.rsplit('/', 1)[-1]} +{n} ({a}–{b})"
                if a != b
                else f"{t.rsplit('/', 1)[-1]} +{n} ({a})"
                for t, (n, a, b) in sorted(self.new_periods.items())
            )
            or "none"
        )
        rows = f"{self.rows:,}".replace(",", " ") if self.rows is not None else "-"
        built = "built" if self.built else "not built"
        text = (
            f"{stamp} refresh {outcome}: tables {self.tables}, new months {new}, "
            f"rows {rows} ({built}), {self.seconds:.1f} s"
        )
        return f"{text}; {self.error}" if self.error else text


@contextlib.contextmanager
def exclusive(lock_path: Path) -> Iterator[TextIO]:
    """Hold the refresh lock (``flock``, released by the kernel even if the process dies).

    Raises ``RefreshLocked`` at once, naming the holder's process id, when another refresh has it.
    """
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(lock_path, "a+", encoding="utf-8")  # noqa: SIM115 (held for the with block)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise RefreshLocked(
                f"another refresh is running (process {holder}, lock {lock_path}); not started"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield handle
    finally:
        handle.close()


def lock_path_for(out: Path) -> Path:
    """The lock file beside the database (``data/.refresh.lock``)."""
    return out.parent / ".refresh.lock"


def log_path_for(out: Path) -> Path:
    """The log beside the database (``data/refresh.log``)."""
    return out.parent / "refresh.log"


def raw_changed_since(raw_dir: Path, out: Path) -> bool:
    """Whether any raw file is newer than the database (or there is no database yet).

    Files are replaced atomically by the fetch, so a new month shows as a new modification time;
    so does a projects workbook the maintainer put in ``projects/``.
    """
    try:
        built = out.stat().st_mtime
    except FileNotFoundError:
        return True
    for path in Path(raw_dir).rglob("*"):
        if path.is_file() and not path.name.startswith(".") and path.stat().st_mtime > built:
            return True
    return False


def refresh(
    raw_dir: Path,
    out: Path,
    *,
    tables: list[str] | None = None,
    api_root: str | None = None,
    settings: Mapping[str, Any] | None = None,
    progress: Progress = print,
    log_path: Path | None = None,
    lock_path: Path | None = None,
    force: bool = False,
    build: Callable[..., build_module.BuildReport] = build_module.build,
) -> RefreshResult:
    """One refresh: ``fetch --check``, the incremental fetch, the build (when the raw folder
    changed, or ``force``) and the swap. Returns what it did; ``code`` is the exit code.

    ``settings`` replaces tables.toml and ``build`` the build (tests); the log line is appended to
    ``log_path`` and printed through ``progress``.
    """
    raw_dir, out = Path(raw_dir), Path(out)
    log_path = log_path or log_path_for(out)
    started = time.perf_counter()
    result = RefreshResult()
    try:
        with exclusive(lock_path or lock_path_for(out)):
            _run(raw_dir, out, tables, api_root, settings, progress, force, build, result)
    except RefreshLocked as exc:
        # Not logged as a run: the running refresh writes its own line.
        progress(f"refresh: {exc}")
        result.code, result.error = LOCKED, str(exc)
        return result
    result.seconds = time.perf_counter() - started
    line = result.line(dt.datetime.now(dt.UTC))
    try:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with log_path.open("a", encoding="utf-8") as log:
            log.write(line + "\n")
    except OSError as exc:
        progress(f"refresh: could not write the log {log_path}: {exc}")
    progress(line)
    return result


def _run(
    raw_dir: Path,
    out: Path,
    tables: list[str] | None,
    api_root: str | None,
    settings: Mapping[str, Any] | None,
    progress: Progress,
    force: bool,
    build: Callable[..., build_module.BuildReport],
    result: RefreshResult,
) -> None:
    kept = f"the previous database {out} was left as it was"
    try:
        checked = fetch.check(tables, api_root=api_root, progress=progress, settings=settings)
    except (ValueError, PxWebError) as exc:
        result.code, result.error = CHECK_FAILED, f"check: {exc}; {kept}"
        return
    result.tables = len(checked)
    missing = fetch.check_failed(checked)
    if missing:
        names = ", ".join(r.table for r in missing)
        result.code, result.error = (
            CHECK_FAILED,
            f"check: {names} lack what the build needs; {kept}",
        )
        return

    def listen(line: str) -> None:
        found = NEW_PERIODS.match(line)
        if found:
            table, n, first, last = found.groups()
            result.new_periods[table] = (int(n), first, last)
        wrote = WROTE.match(line)
        if wrote:
            result.written.append(wrote.group(1))
        progress(line)

    try:
        code = fetch.run(raw_dir, tables, api_root=api_root, progress=listen, settings=settings)
    except (ValueError, PxWebError, OSError) as exc:
        result.code, result.error = FAILED, f"fetch failed: {exc}; {kept}"
        return
    # Periods count only where the table was written (a failed table announced them in vain).
    result.new_periods = {t: n for t, n in result.new_periods.items() if t in result.written}
    if code != 0:
        result.code, result.error = FAILED, f"fetch failed (exit {code}); {kept}"
        return
    if not force and not raw_changed_since(raw_dir, out):
        progress(f"refresh: nothing new in {raw_dir}; {out} kept as it is")
        return
    try:
        report = build(raw_dir, out, progress=progress)
    except build_module.BuildError as exc:  # the build discards its temporary file itself
        result.code, result.error = FAILED, f"build failed: {exc}; {kept}"
        return
    result.built, result.rows = True, report.rows
