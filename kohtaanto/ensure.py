"""Make sure a database exists before the app starts (``make run``).

An existing database is used as it is. Without one: fetch and build when the API answers within a
few seconds, otherwise (or when that fails) build the demo database and say so plainly.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb

from kohtaanto import paths


def ensure_database(
    db: Path | None = None,
    raw: Path = paths.RAW,
    *,
    api_timeout: float = 3.0,
    progress: Callable[[str], None] = print,
) -> str:
    """Return how the database came to be: ``existing``, ``fetched`` or ``demo``.

    Raises RuntimeError when a database file exists but cannot be opened: it is not replaced,
    since it may be the only copy of someone's data.
    """
    db = db or paths.db_path()
    if db.exists():
        try:
            duckdb.connect(str(db), read_only=True).close()
        except duckdb.Error as exc:
            raise RuntimeError(
                f"{db} exists but cannot be opened as a DuckDB database ({exc}). "
                "Move it aside, or rebuild it with `python -m kohtaanto build`."
            ) from exc
        progress(f"Using the database {db}")
        return "existing"

    from kohtaanto.build import BuildError, build
    from kohtaanto.fetch import api_reachable, run

    if api_reachable(timeout=api_timeout):
        progress("Statistics Finland's API answers: fetching the official tables…")
        if run(raw) == 0:
            try:
                build(raw, db, progress=progress)
                return "fetched"
            except BuildError as exc:
                progress(f"The build failed: {exc}")
        progress("The fetch did not complete: falling back to demo data.")
    else:
        progress("Statistics Finland's API cannot be reached (offline?).")
    from kohtaanto.demo import build_demo

    build_demo(db)
    progress(
        f"DEMO DATA: built {db} from generated figures, not official statistics. "
        "Run `python -m kohtaanto fetch && python -m kohtaanto build` online for real data."
    )
    return "demo"
