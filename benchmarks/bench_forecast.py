"""The forecast step (issue 20: at most 120 s and 1 GB for the real mirror, backtest included).

    .venv/bin/python benchmarks/bench_forecast.py --db FILE [--repeat 3] [--workers N]

``--db`` is a database the build made (from ``../shared/raw`` for the issue's figures); it is
copied to a temporary file for each run, since the step replaces tables in it. Each run is a
fresh process, as in the build (``python -m kohtaanto forecast`` by way of
``forecast_step``'s environment: one BLAS thread), so the libraries' import is part of it.

Printed per run and as medians of ``--repeat`` runs: wall seconds per stage (read, fit,
backtest, write) and in all (the process from start to exit, imports included), CPU seconds
(user + system, the workers included), peak RSS of the step's process and of its largest
worker, and the number of series forecast and skipped by reason. Also the import time of
statsmodels' Holt-Winters alone, in a fresh process. Figures only; not run by the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kohtaanto.pipeline import forecast_step  # noqa: E402

# Runs in the child: the step as ``python -m kohtaanto forecast`` runs it, then its own figures.
CHILD = """
import json, resource, sys, time
started = time.perf_counter()
from kohtaanto.pipeline.forecast import run
report = run(sys.argv[1], progress=lambda _: None)
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "stages": report.seconds,
    "in_process": time.perf_counter() - started,
    "cpu": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
    "rss_mb": me.ru_maxrss / 1024,
    "worker_rss_mb": kids.ru_maxrss / 1024,
    "series": report.series,
    "forecast": report.forecast,
    "skipped": report.skipped,
}))
"""

IMPORT = "import time; t = time.perf_counter(); "
IMPORT += "from statsmodels.tsa.holtwinters import ExponentialSmoothing; "
IMPORT += "print(time.perf_counter() - t)"


def child_env(workers: int | None) -> dict[str, str]:
    env = {**os.environ, **forecast_step.SINGLE_THREADED, "PYTHONPATH": str(ROOT)}
    if workers:
        env["KOHTAANTO_FORECAST_WORKERS"] = str(workers)
    return env


def one_run(db: Path, workers: int | None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "bench.duckdb"
        shutil.copyfile(db, copy)
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(copy)],
            env=child_env(workers),
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        wall = time.perf_counter() - started
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall"] = wall
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="a built database (not changed)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=None, help="default: the step's own")
    args = parser.parse_args()

    imports = [
        float(
            subprocess.run(
                [sys.executable, "-c", IMPORT],
                env=child_env(None),
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for _ in range(args.repeat)
    ]
    print(f"import statsmodels Holt-Winters (fresh process): {statistics.median(imports):.2f} s")
    runs = []
    for i in range(args.repeat):
        r = one_run(args.db, args.workers)
        runs.append(r)
        stages = ", ".join(f"{k} {v:.1f}" for k, v in r["stages"].items())
        print(
            f"run {i + 1}: {r['wall']:.1f} s wall ({stages}), {r['cpu']:.1f} s CPU, "
            f"peak RSS {r['rss_mb']:.0f} MB (largest worker {r['worker_rss_mb']:.0f} MB)"
        )
    med = statistics.median
    stages = ", ".join(f"{k} {med(r['stages'][k] for r in runs):.1f}" for k in runs[0]["stages"])
    print(
        f"median of {len(runs)}: {med(r['wall'] for r in runs):.1f} s wall ({stages}), "
        f"{med(r['cpu'] for r in runs):.1f} s CPU, peak RSS {med(r['rss_mb'] for r in runs):.0f} MB"
        f" (largest worker {med(r['worker_rss_mb'] for r in runs):.0f} MB)"
    )
    last = runs[-1]
    print(
        f"series: {last['series']} considered, {last['forecast']} forecast, "
        f"skipped by reason: {last['skipped']}"
    )
    with open("/proc/loadavg") as f:
        print(f"load average at the end: {f.read().split()[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
