"""The store's command-line verbs: ``python -m kohtaanto projects import | export | upgrade``.

Exit codes: 0 done; 1 the file was refused (each problem on its own line) or a write was
refused; 2 the store cannot be reached or is not at the code's schema; 3 the store changed
under the import (nothing was written; run it again).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kohtaanto import paths
from kohtaanto.projects import store_export, store_import
from kohtaanto.projects import workbook as wb
from kohtaanto.projects.roles import system_user
from kohtaanto.projects.store import (
    ConflictError,
    PermissionDenied,
    Store,
    StoreUnavailable,
    head_revision,
    make_engine,
    upgrade,
)


def _open(create: bool = True) -> Store | None:
    try:
        return Store(create=create)
    except StoreUnavailable as exc:
        print(f"store unavailable: {exc}", file=sys.stderr)
        return None


def import_file(file: Path, raw: Path, preview: bool, by: str | None) -> int:
    """``projects import FILE [--preview] [--by ADDRESS]``."""
    store = _open()
    if store is None:
        return 2
    actor = by or system_user(f"import:{file.name}")
    try:
        data = wb.read_path(file)
        ctx = store_import.context_for(store, raw)
        plan = store_import.plan(store, actor, data, file.name, ctx)
        for line in plan.lines():
            print(line)
        if preview:
            print("preview: nothing was written")
            return 0
        written = store_import.apply(store, actor, plan)
    except wb.ProjectsError as exc:
        for issue in exc.issues:
            print(issue, file=sys.stderr)
        print("nothing was written", file=sys.stderr)
        return 1
    except PermissionDenied as exc:
        print(f"refused: {exc}; nothing was written", file=sys.stderr)
        return 1
    except (store_import.ImportConflict, ConflictError) as exc:
        print(f"{exc}; nothing was written", file=sys.stderr)
        return 3
    except StoreUnavailable as exc:
        print(f"store unavailable: {exc}; nothing was written", file=sys.stderr)
        return 2
    finally:
        store.close()
    print(f"{file.name}: {written} versions written to {store!r}")
    return 0


def export_file(file: Path) -> int:
    """``projects export FILE.xlsx``: the whole store with history, written atomically."""
    store = _open(create=False)
    if store is None:
        return 2
    try:
        data = store_export.export_bytes(store, system_user("export"))
        entries = len(store.heads())
    except StoreUnavailable as exc:
        print(f"store unavailable: {exc}", file=sys.stderr)
        return 2
    finally:
        store.close()
    file = Path(file)
    tmp = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, file)
    print(f"{file}: {entries} entries with every version, {len(data):,} bytes")
    return 0


def upgrade_store() -> int:
    """``projects upgrade``: the store's migrations up to the code's (Alembic)."""
    engine = make_engine(paths.store_url())
    try:
        revision = upgrade(engine)
    except Exception as exc:  # the migration's own error, whatever the backend says
        print(
            f"upgrade failed, the store is as it was: {type(exc).__name__}: {exc}", file=sys.stderr
        )
        return 2
    finally:
        engine.dispose()
    print(f"store at migration {revision} (the code's: {head_revision()})")
    return 0
