"""Where the server's time goes, from a py-spy profile of a running app server.

    py-spy record -p PID --rate 250 --format raw --threads -o prof.txt -d 30   # while driving it
    .venv/bin/python benchmarks/pyspy_split.py prof.txt [--reruns 40] [--rate 250]

``py-spy`` (``pip install py-spy``, a binary; not a dependency of the project) samples every
Python thread. This sorts the samples of a ``--format raw --threads`` profile into what a rerun
spends its time on: the script thread's Streamlit commands (``st.plotly_chart`` split into the
figure's ``to_dict`` copy, its JSON and the hashes), the queries (a ``st.cache_data`` hit:
hashing the arguments and unpickling the frame; a miss: DuckDB), the panels built on a cache miss,
the app's own code, the garbage collection after each run (``runner.postScriptGC``), and the
server's event loop (sending the messages). ``--reruns``: print milliseconds per rerun too.
Used by ``bench_load.py --py-spy`` and RESULTS.md; figures only.
"""

from __future__ import annotations

import argparse
import collections
import re
from pathlib import Path

ST_WRAPPER = "gather_metrics.<locals>.wrapped_func"


def _name(frame: str) -> str:
    return frame.split(" (", 1)[0]


def plotly_part(frames: list[str]) -> str:
    names = [_name(f) for f in frames]
    if "return_figure_from_figure_or_data" in names or "BaseFigure.to_dict" in names:
        return "st.plotly_chart: figure.to_dict (a deep copy)"
    if "to_json_plotly" in names or "to_json" in names:
        return "st.plotly_chart: figure JSON"
    if "compute_and_register_element_id" in names:
        return "st.plotly_chart: element id (hash of the JSON)"
    if "populate_hash_if_needed" in names:
        return "st.plotly_chart: message hash (serialise + hash)"
    return "st.plotly_chart: other"


def script_category(frames: list[str]) -> str:
    names = [_name(f) for f in frames] or ["?"]
    if names[-1] == "ScriptRunner._on_script_finished":
        return "gc.collect(2) after the run (runner.postScriptGC)"
    if "ScriptRunner._on_script_finished" in names:
        return "streamlit: after the run (session state, orphans)"
    if "_shared_view" in names:
        return "panels: built (a cache miss)"
    if "run_query" in names:
        if any(f.startswith("_run (kohtaanto/db.py") for f in frames):
            return "queries: DuckDB (a cache miss)"
        return "queries: st.cache_data hit (hash the arguments, unpickle the frame)"
    if ST_WRAPPER in names:
        i = names.index(ST_WRAPPER)
        command = names[i + 1] if i + 1 < len(names) else "?"
        command = re.sub(r"^\w+Mixin\.", "", command)
        if command == "plotly_chart":
            return plotly_part(frames[i:])
        return f"st.{command}"
    if "ScriptRunner._run_script" not in names:
        return "streamlit: script runner (outside the run)"
    return "app code (pages, ui, pandas, reading figures)"


def split(path: Path) -> collections.Counter:
    """Samples per category (script threads by what they do; the others by thread)."""
    out: collections.Counter = collections.Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        frames = stack.split(";")
        thread = frames[0]
        if "ScriptRunner" in thread:
            out["script: " + script_category(frames[1:])] += int(count)
        elif "MainThread" in thread:
            out["event loop: messages, websocket, sessions"] += int(count)
        else:
            out["other threads"] += int(count)
    return out


def report(counts: collections.Counter, rate: float, reruns: int | None) -> str:
    total = sum(counts.values())
    script = sum(v for k, v in counts.items() if k.startswith("script: "))
    lines = [f"{total} samples ({total / rate:.1f} s of thread time), script threads {script}"]
    for key, n in counts.most_common():
        per = f"  {n / rate / reruns * 1000:7.1f} ms/rerun" if reruns else ""
        lines.append(f"  {n / total * 100:5.1f}%  {n:6d}{per}  {key}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("profile", type=Path, help="py-spy record --format raw --threads output")
    parser.add_argument("--rate", type=float, default=250, help="py-spy's --rate")
    parser.add_argument("--reruns", type=int, help="reruns in the profile: ms per rerun")
    args = parser.parse_args(argv)
    print(report(split(args.profile), args.rate, args.reruns))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
