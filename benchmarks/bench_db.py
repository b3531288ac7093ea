"""The database a benchmark measures: the one given with --db, or a fresh build of the mirror."""

from __future__ import annotations

import tempfile
from pathlib import Path


def database(db: Path | None, raw: Path) -> Path:
    """``db`` as it is, or a build of ``raw`` into a temporary folder; says which and how long."""
    if db:
        print(f"database: {db} (not rebuilt)")
        return db
    from kohtaanto.pipeline.build import build

    out = Path(tempfile.mkdtemp()) / "bench.duckdb"
    report = build(raw, out, progress=lambda _: None)
    print(f"build: {report.seconds:.1f} s for {report.rows:,} observations from {raw}")
    return out
