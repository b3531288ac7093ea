"""Data benchmark: build time and size of the real database, and the latency of every query.

    .venv/bin/python benchmarks/bench_data.py --raw ../shared/raw [--db FILE] [--repeat 30]

Prints the build time, the database size, and for each ``queries/*.sql`` the median and p95 of
``--repeat`` runs on a fresh cursor (no result cache), with the ratio to a trivial query
(``select 1``) run the same way in the same process. Parameters are filled from DEFAULTS by name.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import statistics
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=paths.ROOT.parent / "shared" / "raw")
    parser.add_argument("--db", type=Path, help="use this database instead of building one")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    db = database(args.db, args.raw)
    print(f"size: {db.stat().st_size / 1e6:.1f} MB")

    con = duckdb.connect(str(db), read_only=True)
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
