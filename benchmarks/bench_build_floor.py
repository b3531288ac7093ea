"""The floor under the build's time: what reading the answers and writing the finished tables take
on this machine with no computing between them (issue 11's 15 s target for the real mirror).

    .venv/bin/python benchmarks/bench_build_floor.py --db FILE [--raw ../shared/raw] [--repeat 3]

``--db`` is a database the build made from ``--raw`` (its tables are the rows to write). Measured,
each as the median of ``--repeat`` runs in this process:

- parse: ``json.loads`` of every answer file of the raw folder, one after another (the build
  parses them the same way before it makes a row of them);
- write: the rows of ``observations`` and of the stored ``v_occupation_month``, already in
  memory (a temporary table), inserted into a table of a new database file with the build's
  memory limit and the file then checkpointed: in any order, and ordered by area and occupation
  as the build stores them. The same with every VARCHAR column (codes, status, source table)
  as an ENUM type shows what a change of the schema's column types would save.

The sum of parse and the two ordered writes is a floor: the build does that work and more (the
sums of occupations, ages and areas, the one-row-per-cell choice, the other derived tables and
the checks). Figures only; not run by the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kohtaanto.pipeline.build import MEMORY_LIMIT  # noqa: E402

ORDER = "area_code, occupation_code"


def parse_seconds(raw: Path) -> tuple[float, int]:
    """Seconds to parse every answer of ``raw`` (JSON), and how many files."""
    files = sorted(p for p in raw.rglob("*.json") if p.parent.name != "projects")
    started = time.perf_counter()
    for path in files:
        json.loads(path.read_text(encoding="utf-8"))
    return time.perf_counter() - started, len(files)


def write_seconds(db: Path, table: str, *, ordered: bool, enums: bool) -> tuple[float, int]:
    """Seconds to write ``table``'s rows of ``db`` into a new database file (and checkpoint it)."""
    with tempfile.TemporaryDirectory(prefix="floor_") as tmp:
        con = duckdb.connect(
            str(Path(tmp) / "out.duckdb"),
            config={
                "memory_limit": MEMORY_LIMIT,
                "temp_directory": str(Path(tmp) / "spill"),
                "preserve_insertion_order": False,
            },
        )
        try:
            con.execute("set enable_progress_bar = false")
            quoted = str(db).replace("'", "''")
            con.execute(f"attach '{quoted}' as src (read_only)")
            described = con.execute(f"describe src.{table}").fetchall()
            columns = [r[0] for r in described]
            select = []
            for c, kind, *_ in described:
                if enums and kind == "VARCHAR":  # the codes (and status, source_table)
                    con.execute(
                        f"create type e_{c} as enum "
                        f"(select distinct {c} from src.{table} where {c} is not null)"
                    )
                    select.append(f"{c}::e_{c} as {c}")
                else:
                    select.append(c)
            con.execute(f"create temp table rows as select {', '.join(select)} from src.{table}")
            con.execute("detach src")
            rows = con.execute("select count(*) from rows").fetchone()[0]
            order = f" order by {ORDER}" if ordered and "occupation_code" in columns else ""
            started = time.perf_counter()
            con.execute(f"create table written as select * from rows{order}")
            con.execute("checkpoint")
            return time.perf_counter() - started, rows
        finally:
            con.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="a database built from --raw")
    parser.add_argument("--raw", type=Path, default=ROOT.parent / "shared" / "raw")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if not args.db.is_file():
        parser.error(f"{args.db}: no such database (build one with python -m kohtaanto build)")
    if not args.raw.is_dir():
        parser.error(f"{args.raw}: no such raw folder")
    print(
        f"{os.cpu_count()} cores, memory limit {MEMORY_LIMIT}, median of {args.repeat} runs, "
        f"load average {os.getloadavg()[0]:.1f} at the start"
    )
    parse = [parse_seconds(args.raw) for _ in range(args.repeat)]
    parse_med = statistics.median(s for s, _ in parse)
    print(f"{'parse the answers (' + str(parse[0][1]) + ' files)':<62} {parse_med:>7.2f} s")
    floor = {False: parse_med, True: parse_med}
    for table in ("observations", "v_occupation_month"):
        for enums in (False, True):
            for ordered in (False, True):
                runs = [
                    write_seconds(args.db, table, ordered=ordered, enums=enums)
                    for _ in range(args.repeat)
                ]
                med = statistics.median(s for s, _ in runs)
                label = (
                    f"write {table} ({runs[0][1]:,} rows), "
                    f"{'ENUM' if enums else 'VARCHAR'}, {'ordered' if ordered else 'any order'}"
                )
                print(f"{label:<62} {med:>7.2f} s")
                if ordered:
                    floor[enums] += med
    print(
        f"{'floor: parse + both ordered writes, VARCHAR (the schema)':<62} {floor[False]:>7.2f} s"
    )
    print(f"{'floor: the same with ENUM code columns':<62} {floor[True]:>7.2f} s")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
