"""Data benchmark: build time and size of the real database, and the latency of every query.

    .venv/bin/python benchmarks/bench_data.py --raw ../shared/raw [--db FILE] [--repeat 30]
    .venv/bin/python benchmarks/bench_data.py --scale 1 4 15 [--area TA05] [--repeat 10]

With ``--scale``: for each factor, writes the SYNTHETIC raw folder of ``benchmarks/scale.py``
(12ti by municipality; ``benchmarks/out/scale<N>``, kept for the next run), builds it in a child
process and prints the build's wall and CPU time, its peak RSS (the child's ``ru_maxrss``, as
``/usr/bin/time -v`` reports it), the database size, then the queries on that database.

Prints the build time, the database size, and for each ``queries/*.sql`` the median and p95 of
``--repeat`` runs on a fresh cursor (no result cache), with the ratio to a trivial query
(``select 1``) run the same way in the same process. Parameters are filled from DEFAULTS by name.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_db import database  # beside this script

from kohtaanto import paths

DEFAULTS = {
    "area": "MK12",
    "start": dt.date(2018, 11, 1),
    "end": dt.date(2023, 10, 1),
    "month": dt.date(2023, 10, 1),
    "age": "50-",
    "level": "region",
    "occupation": "",
    "occupation_level": 2,
    "measure": "unemployment_share",
    "lang": "fi",
    "year": dt.date(2017, 1, 1),
    "first_year": 2018,
    "last_year": 2023,
}
# Where a parameter name means something else in one query.
OVERRIDES = {"kohtaanto_mismatch_occupation": {"level": 2}}


def timings(con: duckdb.DuckDBPyConnection, sql: str, params: dict, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        with con.cursor() as cur:
            t0 = time.perf_counter()
            cur.execute(sql, params).fetchall()
            out.append(time.perf_counter() - t0)
    return out


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


HERE = Path(__file__).resolve().parent


def measured(command: list[str]) -> tuple[int, float, float, int]:
    """Run ``command``; its exit code, wall seconds, CPU seconds (user + system) and peak RSS
    in bytes (Linux reports ``ru_maxrss`` in kB)."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=paths.ROOT)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    return child.returncode, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def scale_build(factor: float) -> Path:
    """The synthetic raw folder of ``factor`` (written once) built into its database."""
    raw = HERE / "out" / f"scale{factor:g}"
    if not (raw / "README.md").is_file():
        code, wall, cpu, rss = measured(
            [sys.executable, str(HERE / "scale.py"), "--factor", f"{factor:g}", "--out", str(raw)]
        )
        if code:
            sys.exit(f"scale.py --factor {factor:g} failed ({code})")
        print(f"raw {raw}: written in {wall:.1f} s (CPU {cpu:.1f} s, peak RSS {rss / 1e9:.2f} GB)")
    db = raw.parent / f"scale{factor:g}.duckdb"
    code, wall, cpu, rss = measured(
        [sys.executable, "-m", "kohtaanto", "build", "--raw", str(raw), "--out", str(db)]
    )
    if code:
        sys.exit(f"build of {raw} failed ({code})")
    print(
        f"scale {factor:g}x: build {wall:.1f} s wall, {cpu:.1f} s CPU, peak RSS "
        f"{rss / 1e9:.2f} GB, database {db.stat().st_size / 1e6:.0f} MB"
    )
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=paths.ROOT.parent / "shared" / "raw")
    parser.add_argument("--db", type=Path, help="use this database instead of building one")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--scale", type=float, nargs="*", help="synthetic factors, e.g. 1 4 15")
    parser.add_argument("--area", default=DEFAULTS["area"], help="area of the queries")
    args = parser.parse_args()
    DEFAULTS["area"] = args.area

    if args.scale:
        for factor in args.scale:
            queries(scale_build(factor), args.repeat)
        return
    db = database(args.db, args.raw)
    print(f"size: {db.stat().st_size / 1e6:.1f} MB")
    queries(db, args.repeat)


def queries(db: Path, repeat: int) -> None:
    """Median and p95 of every query on ``db``, against ``select 1``."""
    con = duckdb.connect(str(db), read_only=True)
    args = argparse.Namespace(repeat=repeat)
    base = timings(con, "select 1", {}, args.repeat)
    base_median = statistics.median(base)
    print(f"\n{'query':<34} {'median ms':>10} {'p95 ms':>8} {'× select 1':>11}")
    print(
        f"{'select 1 (baseline)':<34} {1000 * base_median:>10.2f} {1000 * p95(base):>8.2f} {1.0:>11.1f}"
    )
    for path in sorted(paths.QUERIES.glob("*.sql")):
        sql = path.read_text(encoding="utf-8")
        names = set(re.findall(r"\$([a-z_]+)", sql))
        missing = names - DEFAULTS.keys()
        if missing:
            print(f"{path.stem:<34} skipped: no default for {', '.join(sorted(missing))}")
            continue
        params = {n: OVERRIDES.get(path.stem, {}).get(n, DEFAULTS[n]) for n in names}
        try:
            times = timings(con, sql, params, args.repeat)
        except duckdb.Error as exc:
            print(f"{path.stem:<34} failed: {str(exc).splitlines()[0]}")
            continue
        med = statistics.median(times)
        print(
            f"{path.stem:<34} {1000 * med:>10.2f} {1000 * p95(times):>8.2f} {med / base_median:>11.0f}"
        )


if __name__ == "__main__":
    main()
