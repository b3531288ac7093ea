"""Make sure a database exists before the app starts (``make run``).

An existing database is used as it is. Without one: when the API answers within a few seconds,
``fetch --check`` first, then fetch and build; otherwise (or when any step fails) build the demo
database, say in plain words what failed, and store why (``build_info.fallback_reason``) so that
the app's banner can tell readers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb

from kohtaanto import paths

# Why the app runs on demo data, stored as build_info.fallback_reason and said in the banner:
# no answer from the API; the API no longer offers what the build needs (fetch --check);
# the fetch or the build failed.
FALLBACK_REASONS = ("offline", "api_changed", "fetch_failed", "build_failed")


def ensure_database(
    db: Path | None = None,
    raw: Path = paths.RAW,
    *,
    api_timeout: float = 3.0,
    api_root: str | None = None,
    progress: Callable[[str], None] = print,
) -> str:
    """Return how the database came to be: ``existing``, ``fetched`` or ``demo``.

    When the API answers, ``fetch --check`` runs first (lists and metadata only, seconds): if the
    API no longer offers what the build needs, nothing is downloaded and the terminal says which
    table lacks what. Every fallback to demo data says why in plain words and stores the reason
    in the demo database for the app's banner.

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

    reason = _fetch_and_build(db, raw, api_timeout, api_root, progress)
    if reason is None:
        return "fetched"
    from kohtaanto.pipeline.demo import build_demo

    build_demo(db, reason=reason)
    progress(
        f"DEMO DATA: built {db} from generated figures, not official statistics. "
        "Run `python -m kohtaanto fetch && python -m kohtaanto build` online for real data."
    )
    return "demo"


def _fetch_and_build(
    db: Path,
    raw: Path,
    api_timeout: float,
    api_root: str | None,
    progress: Callable[[str], None],
) -> str | None:
    """Check, fetch and build; None when the database was built, else the fallback reason."""
    from kohtaanto.pipeline.build import BuildError, build
    from kohtaanto.pipeline.fetch import api_reachable, check, check_failed, run
    from kohtaanto.pipeline.pxweb import PxWebError

    if not api_reachable(api_root, timeout=api_timeout):
        progress(
            "Statistics Finland's API cannot be reached (offline?): falling back to demo data."
        )
        return "offline"
    progress("Statistics Finland's API answers: checking that it still offers what we need…")
    lines: list[str] = []
    try:
        results = check(api_root=api_root, progress=lines.append)
    except PxWebError as exc:
        progress(f"The check could not read the API ({exc}): falling back to demo data.")
        return "fetch_failed"
    failed = check_failed(results)
    if failed:
        progress(
            "Statistics Finland's API has changed and no longer offers what the app needs, so "
            "nothing was downloaded:"
        )
        for result in failed:
            progress(f"  - {result.table}: {'; '.join(result.problems)}")
        progress(
            "Falling back to demo data. To see the details: `python -m kohtaanto fetch --check`; "
            "the README section 'When Statistics Finland changes its API' says what to do."
        )
        return "api_changed" if any(r.changed for r in failed) else "fetch_failed"
    progress("The check passed: fetching the official tables…")
    if run(raw, api_root=api_root, progress=progress) != 0:
        progress(
            "The download did not complete (the lines above name the tables): falling back to "
            "demo data. `python -m kohtaanto fetch` resumes where it stopped."
        )
        return "fetch_failed"
    try:
        build(raw, db, progress=progress)
    except BuildError as exc:
        progress(f"The database could not be built from the downloaded tables: {exc}")
        progress("Falling back to demo data.")
        return "build_failed"
    return None
