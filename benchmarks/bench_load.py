"""Load: N sessions at once, driven at Streamlit's protocol level (no browsers), against the app
and against the trivial page with the same number of charts under the same load.

    .venv/bin/python benchmarks/bench_load.py --db /work/real.duckdb --sessions 10 50
    .venv/bin/python benchmarks/bench_load.py --db FILE --sessions 10 --swap

Each session opens the websocket ``/_stcore/stream`` as the browser does and sends ``BackMsg``
protobufs (``rerun_script`` with a page, a query string and no widget states); it reads
``ForwardMsg`` protobufs until ``script_finished``. One step is one rerun: the time from sending
it to ``script_finished``. A session's steps: open a page with its own area, change the period,
change the age group, open the next page, ... (``STEPS`` per session, pages and areas in turn,
so sessions differ). Filters change through the query string, as after the browser's back or a
link; the server runs the same script either way.

The trivial page (``trivial_app.py``) runs the same sessions and steps, each step with
``?charts=N``, N the number of Plotly charts the app sent in that session's same step (counted
from its messages): the same load of charts, without the app's data, layout and extra elements.
The app runs first, then the trivial page, one after the other at each number of sessions.

An error is an exception element in the page, a script that did not finish successfully, a
closed connection or no ``script_finished`` within the timeout.

``--swap``: halfway through, the database file is replaced by a freshly built demo database
(``kohtaanto demo --out`` writes a temporary file and renames it over the old one, as the real
build does). Steps that end after the swap must show the demo banner (the new data), and no step
may fail.

Prints per run: steps, errors, p50, p95 and max in seconds, the messages and bytes a step
receives (median), then the ratio of the app's p95 to the trivial page's (issue 18.6's target:
at most 1.5 at 50 sessions), with the load average at the start and end. Figures only, no
assertions.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import variants  # noqa: E402
from tests import browser_util as bu  # noqa: E402

PAGES = ["", "alueet", "kokeneet", "kohtaanto", "ammatit", "toimialat"]
AREAS = ["MK12", "KA4", "MK01", "SSS", "MK07", "KA2", "MK19", "KU091"]
PERIODS = [("2021-01", "2023-10"), ("2019-05", "2022-12"), ("", "")]
AGES = ["55-", "50-", "SSS"]
STEPS = 6
AFTER_SWAP = 2
TIMEOUT = 300.0
DEMO_MARK = "Demoaineisto"  # the start of the demo banner in Finnish (common.demo_banner)


@dataclass
class Step:
    seconds: float
    error: str | None
    finished_at: float
    started_at: float
    demo_seen: bool
    index: int = 0  # the step's place in its session
    charts: int = 0  # Plotly charts the step received
    messages: int = 0
    size: int = 0  # bytes received


@dataclass
class Run:
    name: str
    steps: list[Step] = field(default_factory=list)
    # (session, step) -> charts sent: the app's, for the trivial page's run
    charts: dict[tuple[int, int], int] = field(default_factory=dict)


def query(area: str, period: tuple[str, str], age: str) -> str:
    parts = [f"area={area}"] if area else []
    if period[0]:
        parts += [f"start={period[0]}", f"end={period[1]}"]
    if age:
        parts.append(f"age={age}")
    return "&".join(parts)


async def rerun(ws, page: str, query_string: str) -> Step:
    """One rerun: send it, read until ``script_finished``; note exceptions and the demo banner."""
    msg = BackMsg()
    msg.rerun_script.query_string = query_string
    msg.rerun_script.page_name = page
    msg.rerun_script.widget_states.SetInParent()
    began = time.perf_counter()
    await ws.send(msg.SerializeToString())
    error, demo = None, False
    charts = messages = size = 0
    try:
        while True:
            raw = await asyncio.wait_for(ws.recv(), TIMEOUT)
            messages += 1
            size += len(raw)
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                which = element.WhichOneof("type")
                charts += which == "plotly_chart"
                if which == "exception" and error is None:
                    error = f"exception: {element.exception.message[:200]}"
                elif which == "alert" and element.alert.body.startswith(
                    ("**" + DEMO_MARK, DEMO_MARK)
                ):
                    demo = True
            elif kind == "script_finished":
                status = fwd.script_finished
                if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                if status != ForwardMsg.FINISHED_SUCCESSFULLY and error is None:
                    error = f"script finished with status {status}"
                break
    except (TimeoutError, websockets.ConnectionClosed) as exc:
        error = f"{type(exc).__name__}: {exc}"
    now = time.perf_counter()
    return Step(now - began, error, now, began, demo, 0, charts, messages, size)


async def session(
    base: str,
    index: int,
    trivial: Run | None,
    run: Run,
    start_gate: asyncio.Event,
    swapped: asyncio.Event | None = None,
) -> None:
    """One session's steps; ``trivial``: the app's run whose chart counts the trivial page's
    steps repeat (None: this is the app)."""
    uri = base.replace("http://", "ws://") + "/_stcore/stream"
    await start_gate.wait()
    try:
        # No keepalive pings from this side (a browser sends none): under load the server answered
        # them late and the client closed the connection ("keepalive ping timeout").
        async with websockets.connect(
            uri, subprotocols=["streamlit"], max_size=None, ping_interval=None
        ) as ws:
            # With a swap, every session also takes AFTER_SWAP steps once the new file is there.
            for step in range(STEPS + (AFTER_SWAP if swapped else 0)):
                if swapped is not None and step == STEPS:
                    await swapped.wait()
                if trivial is not None:
                    page, qs = "", f"charts={max(1, trivial.charts.get((index, step), 1))}"
                else:
                    page = PAGES[(index + step // 3) % len(PAGES)]
                    area = AREAS[(index + step // 3) % len(AREAS)]
                    period = PERIODS[step % len(PERIODS)]
                    age = AGES[(index + step) % len(AGES)]
                    qs = query(area, period, age)
                done = await rerun(ws, page, qs)
                done.index = step
                run.steps.append(done)
                run.charts[(index, step)] = done.charts
    except (OSError, websockets.WebSocketException) as exc:
        run.steps.append(
            Step(0.0, f"connect: {exc}", time.perf_counter(), time.perf_counter(), False)
        )


async def load(
    base: str, n: int, trivial: Run | None, name: str, swap=None
) -> tuple[Run, float | None]:
    run = Run(name)
    gate = asyncio.Event()
    swapped = asyncio.Event() if swap is not None else None
    tasks = [asyncio.create_task(session(base, i, trivial, run, gate, swapped)) for i in range(n)]
    gate.set()
    swapped_at = None
    if swap is not None:
        # Swap once a third of the steps are done, while the rest are still running.
        while len(run.steps) < n * STEPS // 3:
            await asyncio.sleep(0.2)
        swapped_at = await asyncio.to_thread(swap)
        swapped.set()
    await asyncio.gather(*tasks)
    return run, swapped_at


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def report(run: Run, swapped_at: float | None = None, cpu: float | None = None) -> None:
    times = [s.seconds for s in run.steps if s.error is None]
    errors = [s.error for s in run.steps if s.error]
    line = f"{run.name:<28} steps {len(run.steps):4d}  errors {len(errors):3d}"
    if times:
        ok = [s for s in run.steps if s.error is None]
        line += (
            f"  p50 {statistics.median(times):6.2f} s  p95 {percentile(times, 0.95):6.2f} s"
            f"  max {max(times):6.2f} s  charts/step {statistics.mean(s.charts for s in ok):4.1f}"
            f"  messages/step {statistics.median(s.messages for s in ok):4.0f}"
            f"  kB/step {statistics.median(s.size for s in ok) / 1000:6.1f}"
        )
    if cpu is not None:
        line += f"  cpu/step {cpu:5.3f} s"
    print(line, flush=True)
    if times:
        by_step: dict[int, list[float]] = {}
        for s in run.steps:
            if s.error is None:
                by_step.setdefault(s.index, []).append(s.seconds)
        print(
            "    p50 by step: "
            + "  ".join(f"{i}: {statistics.median(v):.2f}" for i, v in sorted(by_step.items())),
            flush=True,
        )
    for e in sorted(set(errors))[:5]:
        print(f"    error: {e}")
    if swapped_at is not None:
        after = [s for s in run.steps if s.started_at > swapped_at and s.error is None]
        before = [s for s in run.steps if s.finished_at < swapped_at]
        print(
            f"    swap: steps ended before {len(before)} (demo banner in {sum(s.demo_seen for s in before)}),"
            f" started after {len(after)} (demo banner in {sum(s.demo_seen for s in after)})"
        )


def run_one(server, n: int, trivial: Run | None, name: str) -> Run:
    """One load run; prints its line with the server's CPU seconds per step."""
    cpu = variants.cpu_seconds(server)
    run, _ = asyncio.run(load(server.base, n, trivial, name))
    report(run, cpu=(variants.cpu_seconds(server) - cpu) / max(1, len(run.steps)))
    return run


def p95s(runs: list[Run]) -> list[tuple[float, float]]:
    out = []
    for r in runs:
        times = [s.seconds for s in r.steps if s.error is None] or [float("nan")]
        out.append((percentile(times, 0.5), percentile(times, 0.95)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="a database built from the mirror")
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 50])
    parser.add_argument("--swap", action="store_true", help="one run with a database swap")
    parser.add_argument("--only-swap", action="store_true", help="the swap run alone")
    parser.add_argument(
        "--variant", type=Path, help="also the app with this diff applied (benchmarks/variants.py)"
    )
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="bench_load_"))
    db = work / "kohtaanto.duckdb"
    shutil.copyfile(args.db, db)
    app = bu.start_server(work / "app.log", db=db, timeout=120)
    trivial = bu.start_server(work / "trivial.log", script=ROOT / "benchmarks" / "trivial_app.py")
    other = None
    if args.variant:
        other = variants.start_app(work / "b.log", db, variants.patched_copy(args.variant, work))
    try:
        print(
            f"{STEPS} reruns per session; times from sending a rerun to script_finished;"
            " cpu = the server process's CPU seconds per step"
        )
        for n in [] if args.only_swap else args.sessions:
            load_before = os.getloadavg()[0]
            app_run = run_one(app, n, None, f"app, {n} sessions")
            runs = [app_run]
            if other is not None:
                runs.append(run_one(other, n, None, f"app B ({args.variant.stem}), {n} sessions"))
            runs.append(run_one(trivial, n, app_run, f"trivial (same charts), {n} sessions"))
            (a50, a95), *rest, (t50, t95) = p95s(runs)
            line = (
                f"    {n} sessions: app/trivial p50 {a50 / t50:.2f}, p95 {a95 / t95:.2f}"
                " (target <= 1.5)"
            )
            if rest:
                b50, b95 = rest[0]
                line += f"; B/trivial p50 {b50 / t50:.2f}, p95 {b95 / t95:.2f}"
            print(
                f"{line}; load average {load_before:.2f} at the start,"
                f" {os.getloadavg()[0]:.2f} at the end",
                flush=True,
            )
        if args.swap or args.only_swap:
            n = args.sessions[0]

            def swap() -> float:
                subprocess.run(
                    [sys.executable, "-m", "kohtaanto", "demo", "--out", str(db)],
                    cwd=ROOT,
                    check=True,
                    capture_output=True,
                )
                return time.perf_counter()

            run, swapped_at = asyncio.run(load(app.base, n, None, f"app, {n} sessions, swap", swap))
            report(run, swapped_at)
    finally:
        app.stop()
        trivial.stop()
        if other is not None:
            other.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
