"""Store benchmark: write and read latency at 20 concurrent editors, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/bench_store.py [--editors 20] [--saves 25] [--readers 5]
        [--backends sqlite postgresql]

The store is filled first with 100 published projects and 2 results each. Then each editor
(a thread, as each Streamlit session is; one process, as one app server) works on her own
project's result: opens it (``store.entry`` as the editor: a read), saves it with a changed
text based on the version read (``store.save``: a write, a new version), ``--saves`` times, and
every fifth save is published by the area's coordinator (a write that changes what readers see).
Meanwhile ``--readers`` signed-out readers list the published results (``store.entries(None)``)
and the databank (``store.public_data()``), as the project pages do. PostgreSQL is started in a
temporary folder (``tests/pg_server.py``, as the postgres user when run as root).

Prints, per backend and operation, the count, the median and the 95th percentile in
milliseconds, and the number of conflicts (none expected: each editor has her own entry).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kohtaanto.projects.area_tree import AreaTree
from kohtaanto.projects.roles import RolesFile, system_user
from kohtaanto.projects.store import ConflictError, Store

TREE = AreaTree.from_rows(
    [("SSS", None), ("KA4", "SSS"), ("MK12", "KA4"), ("KU167", "MK12")],
    [("KA4", "KU167"), ("MK12", "KU167")],
    ["EECO01", "EECO08"],
)
COORDINATOR = "koordinaattori@example.fi"
PROJECTS = 100
TEXT = "Kokeneet osaajat ohjaavat työnhakijoita; tapaamiset joka viikko. " * 20  # ~1,300 chars


def roles(folder: Path, editors: int) -> Path:
    lines = [f'[[user]]\nemail = "{COORDINATOR}"\nrole = "coordinator"\nareas = ["KA4"]\n']
    lines += [
        f'[[user]]\nemail = "editor{i}@example.fi"\nrole = "editor"\nprojects = ["S{i}"]\n'
        for i in range(editors)
    ]
    path = folder / "roles.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def fill(store: Store) -> None:
    admin = system_user("bench")
    for i in range(PROJECTS):
        fields = {"project_code": f"S{i}", "name_fi": f"Hanke {i}", "areas": ["KU167"]}
        v = store.save(admin, "project", fields, base=None)
        store.publish(admin, "project", f"S{i}", base=v.number)
        for _ in range(2):
            practice = {
                "project_code": f"S{i}",
                "kind": "hyvä_käytäntö",
                "title_fi": "Mentorointi",
                "description_fi": TEXT,
            }
            v = store.save(admin, "practice", practice, base=None)
            store.publish(admin, "practice", v.key, base=v.number)


def run(store: Store, editors: int, saves: int, readers: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {
        "editor opens (read)": [],
        "editor saves draft (write)": [],
        "coordinator publishes (write)": [],
        "reader lists results (read)": [],
        "reader databank tables (read)": [],
        "conflicts": [],
    }
    lock = threading.Lock()
    barrier = threading.Barrier(editors + readers)
    done = threading.Event()

    def note(name: str, started: float) -> None:
        with lock:
            times[name].append((time.perf_counter() - started) * 1000)

    def editor(i: int) -> None:
        me, key = f"editor{i}@example.fi", f"S{i}-1"
        barrier.wait()
        for n in range(saves):
            t = time.perf_counter()
            entry = store.entry(me, "practice", key)
            note("editor opens (read)", t)
            fields = {**entry.fields, "description_fi": f"{TEXT} ({n})"}
            t = time.perf_counter()
            try:
                saved = store.save(me, "practice", fields, base=entry.head, key=key)
            except ConflictError:
                times["conflicts"].append(0)
                continue
            note("editor saves draft (write)", t)
            if n % 5 == 4:
                t = time.perf_counter()
                store.publish(COORDINATOR, "practice", key, base=saved.number)
                note("coordinator publishes (write)", t)

    def reader() -> None:
        barrier.wait()
        while not done.is_set():
            t = time.perf_counter()
            store.entries(None, kind="practice")
            note("reader lists results (read)", t)
            t = time.perf_counter()
            store.public_data()
            note("reader databank tables (read)", t)

    threads = [threading.Thread(target=editor, args=(i,)) for i in range(editors)]
    watchers = [threading.Thread(target=reader) for _ in range(readers)]
    for t in threads + watchers:
        t.start()
    for t in threads:
        t.join()
    done.set()
    for t in watchers:
        t.join()
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


@contextlib.contextmanager
def store_url(backend: str, folder: Path):
    if backend == "sqlite":
        yield f"sqlite:///{folder}/bench.sqlite"
        return
    from tests.pg_server import running_postgres

    with running_postgres() as server:
        yield server.new_database()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editors", type=int, default=20)
    parser.add_argument("--saves", type=int, default=25)
    parser.add_argument("--readers", type=int, default=5)
    parser.add_argument("--backends", nargs="*", default=["sqlite", "postgresql"])
    args = parser.parse_args()
    print(
        f"{args.editors} editors x {args.saves} saves, {args.readers} readers; "
        f"{PROJECTS} projects with 2 results each"
    )
    for backend in args.backends:
        with tempfile.TemporaryDirectory() as tmp, store_url(backend, Path(tmp)) as url:
            store = Store(url, roles=RolesFile(roles(Path(tmp), args.editors)), areas=lambda: TREE)
            fill(store)
            started = time.perf_counter()
            times = run(store, args.editors, args.saves, args.readers)
            wall = time.perf_counter() - started
            store.close()
        writes = len(times["editor saves draft (write)"]) + len(
            times["coordinator publishes (write)"]
        )
        print(f"\n{backend}: {wall:.1f} s, {writes / wall:.0f} writes/s")
        print(f"  {'operation':32} {'n':>5} {'median ms':>10} {'p95 ms':>8}")
        for name, values in times.items():
            if name == "conflicts" or not values:
                continue
            print(
                f"  {name:32} {len(values):5d} {statistics.median(values):10.1f} {p95(values):8.1f}"
            )
        print(f"  conflicts: {len(times['conflicts'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
