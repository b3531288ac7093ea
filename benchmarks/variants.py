"""A/B of a change to the app in one benchmark run: the app served as committed (A) and, beside
it, from a copy with a diff applied (B), both against the same trivial page.

    .venv/bin/python benchmarks/bench_app.py --db FILE --variant benchmarks/prototypes/gc.diff
    .venv/bin/python benchmarks/bench_load.py --db FILE --variant benchmarks/prototypes/gc.diff

The copy is the committed tree (``git archive HEAD``) with ``git apply`` of the diff, in a
temporary folder; its server runs from there (its own ``kohtaanto`` package, pages, queries and
``.streamlit/config.toml``) on the same database. Used by the benchmarks only.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import browser_util as bu  # noqa: E402


def patched_copy(diff: Path, folder: Path) -> Path:
    """The committed tree with ``diff`` applied, in ``folder/variant``."""
    out = folder / "variant"
    out.mkdir(parents=True)
    with tempfile.TemporaryFile() as archive:
        subprocess.run(["git", "-C", str(ROOT), "archive", "HEAD"], stdout=archive, check=True)
        archive.seek(0)
        with tarfile.open(fileobj=archive) as tar:
            tar.extractall(out, filter="data")
    subprocess.run(["git", "apply", str(diff.resolve())], cwd=out, check=True)
    return out


def start_app(log: Path, db: Path, root: Path = ROOT, timeout: float = 120) -> bu.Server:
    """``python -m kohtaanto serve`` run from ``root`` (the worktree or a patched copy)."""
    if root == ROOT:
        return bu.start_server(log, db=db, timeout=timeout)
    port = bu.free_port()
    env = {**os.environ, "KOHTAANTO_DB": str(db)}
    cmd = [sys.executable, "-m", "kohtaanto", "serve", "--server.port", str(port)]
    log_file = log.open("w", encoding="utf-8")
    process = subprocess.Popen(
        [*cmd, *bu.STREAMLIT_OPTIONS],
        cwd=root,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = bu.Server(process, port, log, log_file)
    try:
        bu.wait_healthy(server, timeout)
    except BaseException:
        server.stop()
        raise
    return server


def cpu_seconds(server: bu.Server) -> float:
    """The server process's CPU time so far (user + system), from /proc."""
    fields = Path(f"/proc/{server.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
