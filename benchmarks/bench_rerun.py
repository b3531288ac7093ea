"""The server's own cost of a warm rerun, app against the trivial page with the same charts, and
against variants of the app (a diff applied), at Streamlit's protocol level (no browser).

    .venv/bin/python benchmarks/bench_rerun.py --db /work/real.duckdb --pages "" kohtaanto \\
        --variant benchmarks/prototypes/01-no-post-script-gc.diff --reruns 30

One session per server and page sends ``rerun_script`` (the page, ``lang=en`` and the area,
MK12 and KA4 in turn, as an area change does; caches warmed by two reruns first) and reads the
messages until ``script_finished``. Servers take turns rerun by rerun, so a busy moment on the
machine hits each alike. Per server and page: the median time from sending to
``script_finished`` and the server process's CPU seconds per rerun (``/proc``: user + system,
all its threads: the script, the event loop sending the messages, the garbage collection, DuckDB).
CPU time hardly depends on what else the machine runs, so it is the figure to compare on a busy
machine. The trivial page is asked for ``?charts=N``, N the charts the app's page sent.
Figures only, no assertions.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import variants  # noqa: E402
from tests import browser_util as bu  # noqa: E402

AREAS = ("MK12", "KA4")


async def rerun(ws, page: str, query: str) -> tuple[float, int, int]:
    """Seconds to ``script_finished``, charts and bytes received."""
    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_name = page
    msg.rerun_script.widget_states.SetInParent()
    began = time.perf_counter()
    await ws.send(msg.SerializeToString())
    charts = size = 0
    while True:
        raw = await ws.recv()
        size += len(raw)
        fwd = ForwardMsg()
        fwd.ParseFromString(raw)
        kind = fwd.WhichOneof("type")
        if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
            charts += fwd.delta.new_element.WhichOneof("type") == "plotly_chart"
        elif (
            kind == "script_finished" and fwd.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
        ):
            return time.perf_counter() - began, charts, size


async def measure(servers: list[tuple[str, bu.Server]], trivial: bu.Server, pages, reruns):
    rows = {}
    for page in pages:
        socks = {}
        try:
            for name, server in servers:
                uri = server.base.replace("http://", "ws://") + "/_stcore/stream"
                socks[name] = await websockets.connect(
                    uri, subprotocols=["streamlit"], max_size=None, ping_interval=None
                )
            charts = 0
            for name, _ in servers:
                for area in AREAS:
                    _, charts, _ = await rerun(socks[name], page, f"lang=en&area={area}")
            uri = trivial.base.replace("http://", "ws://") + "/_stcore/stream"
            socks["trivial"] = await websockets.connect(
                uri, subprotocols=["streamlit"], max_size=None, ping_interval=None
            )
            everyone = [*servers, (f"trivial x{charts}", trivial)]
            queries = {name: "lang=en&area={}" for name, _ in servers}
            queries[everyone[-1][0]] = f"charts={charts}&x={{}}"
            socks[everyone[-1][0]] = socks.pop("trivial")
            await rerun(socks[everyone[-1][0]], "", queries[everyone[-1][0]].format(0))
            times = {name: [] for name, _ in everyone}
            cpu = dict.fromkeys(times, 0.0)
            sizes = {}
            for i in range(reruns):
                for name, server in everyone:
                    before = variants.cpu_seconds(server)
                    page_name = page if not name.startswith("trivial") else ""
                    q = queries[name].format(AREAS[i % 2])
                    seconds, _, size = await rerun(socks[name], page_name, q)
                    cpu[name] += variants.cpu_seconds(server) - before
                    times[name].append(seconds)
                    sizes[name] = size
            rows[page or "/"] = [
                (name, statistics.median(times[name]), cpu[name] / reruns, sizes[name])
                for name, _ in everyone
            ]
        finally:
            for ws in socks.values():
                await ws.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--pages", nargs="+", default=["", "kohtaanto"], help='"" is /')
    parser.add_argument("--reruns", type=int, default=30)
    parser.add_argument("--variant", type=Path, action="append", default=[])
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench_rerun_") as tmp:
        folder = Path(tmp)
        servers = [("app", bu.start_server(folder / "app.log", db=args.db, timeout=120))]
        for i, diff in enumerate(args.variant):
            copy = variants.patched_copy(diff, folder / str(i))
            servers.append((diff.stem, variants.start_app(folder / f"{i}.log", args.db, copy)))
        trivial = bu.start_server(
            folder / "trivial.log", script=ROOT / "benchmarks" / "trivial_app.py", timeout=120
        )
        load_before = os.getloadavg()[0]
        try:
            rows = asyncio.run(measure(servers, trivial, args.pages, args.reruns))
        finally:
            for _, server in servers:
                server.stop()
            trivial.stop()
    print(
        f"bench_rerun: {args.reruns} warm reruns per server and page, area MK12 <-> KA4; load"
        f" average {load_before:.2f} at the start, {os.getloadavg()[0]:.2f} at the end"
    )
    for page, cells in rows.items():
        print(f"\n{page}")
        base = cells[-1]
        print(f"  {'server':<36} {'median s':>9} {'cpu s':>7} {'kB':>6} {'x trivial (cpu)':>16}")
        for name, seconds, cpu, size in cells:
            print(
                f"  {name:<36} {seconds:>9.3f} {cpu:>7.3f} {size / 1000:>6.1f} {cpu / base[2]:>16.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
