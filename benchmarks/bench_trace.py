"""Where a page's time goes: the websocket's messages, the browser's main thread and the server's
script, for a warm reload and an area change of app pages against the trivial page with the
same number of charts.

    .venv/bin/python benchmarks/bench_trace.py --db /work/real.duckdb --pages yleiskuva kohtaanto
    .venv/bin/python benchmarks/bench_trace.py --db FILE --pages yleiskuva --timeline --out DIR

For each page (and ``trivial_app.py?charts=N``, N counted from the page as drawn), in one browser
context as for a returning reader (the page loaded once to warm, then reloaded):

- messages: every ForwardMsg the server sends, recorded inside the page when the browser's main
  thread receives it (a wrapper around ``WebSocket``), parsed with Streamlit's protobufs: count
  and bytes per kind (element type, block type, other message), when the first element, the
  first chart and ``script_finished`` arrive, and when the first and last chart is drawn.
  ``--timeline`` prints every message.
- main thread: a Chromium trace (``devtools.timeline``) of a reload and of an area change, the
  renderer main thread's time split into scripting, style and layout, paint, parsing, garbage
  collection and other (self times of the trace's events, as DevTools' summary); and a V8 CPU
  profile (CDP ``Profiler``, 200 us samples) of the same, the JavaScript's self time per script
  chunk: Streamlit loads each element's code as its own chunk (``PlotlyChart``, ``index``: React
  and the core elements, ``StreamlitMarkdown``, ...), so this is the time per element type.
- ``--split FILE...``: the main thread's split of traces saved by ``--out``, per subject.
- server: the time from the first message to ``script_finished`` as the browser sees it (the
  script's run plus the sending); the script's own profile comes from ``py-spy`` (see
  RESULTS.md).

An area change is the sidebar's ``f_area`` MK12 -> KA4, timed to idle with every chart drawn.
Each measurement is the median of ``--repeat`` (the trace and profile: the last one). The trivial
page and the app alternate. Figures only, no assertions; not run by the tests.
"""

from __future__ import annotations

import argparse
import base64
import collections
import json
import os
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import variants  # noqa: E402
from benchmarks.bench_app import (  # noqa: E402
    FROM_AREA,
    LANG,
    PROBE,
    TIMEOUT_MS,
    TO_AREA,
    area_labels,
    chart_count,
    choose_area,
    until_drawn,
)
from tests import browser_util as bu  # noqa: E402

# Inside the page: every websocket message (its arrival on the main thread, a copy of its bytes)
# and when anything in a chart changed (beside bench_app's PROBE: the first chart, the clicks).
CAPTURE = """
(() => {
  window.__msgs = [];
  window.__plotTimes = [];
  const Orig = window.WebSocket;
  window.WebSocket = class extends Orig {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', e => {
        const d = e.data;
        if (d instanceof ArrayBuffer) window.__msgs.push([performance.now(), d.slice(0)]);
        else window.__msgs.push([performance.now(), null]);
      });
    }
  };
  const seen = muts => {
    const now = performance.now();
    if (muts.some(m => m.target.closest && m.target.closest('.js-plotly-plot'))) {
      window.__plotTimes.push(now);
    }
  };
  new MutationObserver(seen).observe(document, {childList: true, subtree: true, attributes: true});
})();
"""

READ = """() => {
  const b64 = buf => { let s = ''; const a = new Uint8Array(buf);
    for (let i = 0; i < a.length; i += 0x8000) s += String.fromCharCode(...a.subarray(i, i + 0x8000));
    return btoa(s); };
  return {msgs: window.__msgs.map(([t, d]) => [t, d ? b64(d) : '']),
          first: window.__firstChart ?? null, plots: window.__plotTimes};
}"""

RESET = "() => { window.__msgs = []; window.__plotTimes = []; window.__t0 = performance.now(); }"

TRACE_CATEGORIES = [
    "devtools.timeline",
    "disabled-by-default-devtools.timeline",
    "blink.user_timing",
]

# Trace event name -> category of the main thread's time (self time; the rest is "other").
CATEGORY = {
    "scripting": {
        "FunctionCall",
        "EvaluateScript",
        "v8.evaluateModule",
        "v8.compile",
        "v8.compileModule",
        "V8.CompileCode",
        "v8.produceCache",
        "v8.produceModuleCache",
        "TimerFire",
        "EventDispatch",
        "FireAnimationFrame",
        "RunMicrotasks",
        "FireIdleCallback",
        "XHRReadyStateChange",
        "XHRLoad",
        "v8.run",
        "V8.Execute",
        "v8.callFunction",
        "ScheduleStyleRecalculation",
        "V8.DeserializeContext",
    },
    "style+layout": {
        "UpdateLayoutTree",
        "RecalculateStyles",
        "Layout",
        "UpdateLayerTree",
        "InvalidateLayout",
        "LayoutInvalidationTracking",
        "PrePaint",
        "Layerize",
        "IntersectionObserverController::computeIntersections",
        "ComputeIntersections",
    },
    "paint": {"Paint", "PaintImage", "CompositeLayers", "Commit", "Decode Image", "RasterTask"},
    "parse": {"ParseHTML", "ParseAuthorStyleSheet", "ResourceReceivedData"},
    "gc": {
        "MinorGC",
        "MajorGC",
        "V8.GCScavenger",
        "V8.GCFinalizeMC",
        "V8.GCIncrementalMarking",
        "V8.GCCompactor",
        "BlinkGC.AtomicPhase",
        "V8.GC_MC_BACKGROUND_MARKING",
        "CppGC.AtomicMark",
        "ThreadState::performIdleLazySweep",
    },
}
CATEGORY_OF = {name: cat for cat, names in CATEGORY.items() for name in names}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    rank = max(1, min(len(ordered), -(-len(ordered) * q // 100)))
    return ordered[int(rank) - 1]


def kind_of(raw: bytes) -> tuple[str, object]:
    """A ForwardMsg's kind: ``el:<element>``, ``block:<block>``, ``ref`` or the message type."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msg = ForwardMsg()
    msg.ParseFromString(raw)
    kind = msg.WhichOneof("type")
    if kind == "delta":
        delta = msg.delta.WhichOneof("type")
        if delta == "new_element":
            return "el:" + msg.delta.new_element.WhichOneof("type"), msg
        if delta == "add_block":
            return "block:" + (msg.delta.add_block.WhichOneof("type") or "vertical"), msg
        return "delta:" + delta, msg
    if kind == "ref_hash":
        return "ref (cached element)", msg
    return kind, msg


@dataclass
class Capture:
    """One reload or area change as the page saw it (times in ms from its start)."""

    msgs: list[tuple[float, int, str]]  # (arrival, bytes, kind)
    first_chart: float | None
    last_plot: float | None
    done: float

    def first(self, prefix: str) -> float | None:
        return next((t for t, _, k in self.msgs if k.startswith(prefix)), None)


def read_capture(page, start: float) -> Capture:
    got = page.evaluate(READ)
    msgs = []
    for t, b64 in got["msgs"]:
        raw = base64.b64decode(b64) if b64 else b""
        kind = kind_of(raw)[0] if raw else "text"
        msgs.append((t - start, len(raw), kind))
    plots = [p - start for p in got["plots"] if p >= start]
    first = got["first"] - start if got["first"] is not None and got["first"] >= start else None
    done = page.evaluate("() => performance.now()") - start
    return Capture(msgs, first, max(plots) if plots else None, done)


def capture_reload(page) -> Capture:
    page.reload(wait_until="commit", timeout=TIMEOUT_MS)
    page.wait_for_function(
        "() => window.__firstChart !== undefined", timeout=TIMEOUT_MS, polling=50
    )
    until_drawn(page)
    return read_capture(page, 0.0)


def capture_switch(page, names: dict[str, str], options: dict[str, str], to: str) -> Capture:
    page.evaluate(RESET)
    since = bu.count_runs(page)
    start = choose_area(page, names, options, to)
    page.wait_for_function(
        "(since) => window.__ktRuns > since", arg=since, timeout=TIMEOUT_MS, polling="raf"
    )
    until_drawn(page)
    return read_capture(page, start)


def other_area(page) -> str:
    """The area to change to, right after a reload: the app keeps its area in the URL, the
    trivial page starts from its first one."""
    return FROM_AREA if f"area={TO_AREA}" in page.url else TO_AREA


@dataclass
class Subject:
    name: str
    url: str
    names: dict[str, str]
    options: dict[str, str]
    charts: int = 0
    reloads: list[Capture] = field(default_factory=list)
    switches: list[Capture] = field(default_factory=list)
    tab: object = None
    trace_runs: dict[str, list[dict[str, float]]] = field(default_factory=dict)
    traces: dict[str, dict[str, float]] = field(default_factory=dict)
    profiles: dict[str, dict[str, float]] = field(default_factory=dict)


# --- Chromium trace and V8 profile ----------------------------------------------------------


def main_thread_split(trace_path: Path, from_last_click: bool = False) -> dict[str, float]:
    """Milliseconds of the page's renderer main thread by category: self times of the trace's
    events in CPU time (``tdur``, the thread's own time: robust when other work on the machine
    delays the thread), and the busy wall time beside it. ``from_last_click``: only from the
    last click on (an area change: the click on the option, not the typing before it)."""
    events = json.loads(trace_path.read_text())
    events = events["traceEvents"] if isinstance(events, dict) else events
    mains = {
        (e["pid"], e["tid"])
        for e in events
        if e.get("ph") == "M"
        and e.get("name") == "thread_name"
        and e["args"].get("name") == "CrRendererMain"
    }
    by_thread: dict[tuple, list] = collections.defaultdict(list)
    for e in events:
        if (e.get("pid"), e.get("tid")) in mains and e.get("ph") == "X" and "dur" in e:
            by_thread[(e["pid"], e["tid"])].append(e)
    if not by_thread:
        return {}
    thread = max(
        by_thread,
        key=lambda k: sum(e.get("tdur", 0) for e in by_thread[k] if e["name"] == "RunTask"),
    )
    spans = sorted(by_thread[thread], key=lambda e: (e["ts"], -e["dur"]))
    if from_last_click:
        clicks = [
            e["ts"]
            for e in spans
            if e["name"] == "EventDispatch"
            and e.get("args", {}).get("data", {}).get("type") == "click"
        ]
        if clicks:
            # From the task that dispatched the click on.
            start = max(clicks)
            first = max(e["ts"] for e in spans if e["name"] == "RunTask" and e["ts"] <= start)
            spans = [e for e in spans if e["ts"] >= first]
    totals: dict[str, float] = collections.Counter()
    stack: list[list] = []  # [end, category, self cpu]
    wall = 0.0
    for e in spans:
        start, end = e["ts"], e["ts"] + e["dur"]
        while stack and stack[-1][0] <= start:
            done = stack.pop()
            totals[done[1]] += done[2]
        cat = CATEGORY_OF.get(e["name"])
        if cat is None:
            cat = stack[-1][1] if stack and stack[-1][1] != "other" else "other"
        cpu = e.get("tdur", e["dur"])
        if stack:
            stack[-1][2] -= cpu
        else:
            wall += e["dur"]
        stack.append([end, cat, cpu])
    while stack:
        done = stack.pop()
        totals[done[1]] += done[2]
    busy = {k: v / 1000 for k, v in totals.items()}
    busy["total (cpu)"] = sum(busy.values())
    busy["busy wall time"] = wall / 1000
    return busy


def chunk_of(url: str) -> str:
    name = url.rsplit("/", 1)[-1].split("?")[0]
    if not name:
        return url or "(native)"
    return name.split(".")[0] if name.endswith(".js") else name


def profile_split(profile: dict) -> dict[str, float]:
    """Milliseconds of JavaScript self time per script chunk, from a V8 CPU profile."""
    nodes = {n["id"]: n for n in profile["nodes"]}
    totals: dict[str, float] = collections.Counter()
    for node_id, delta in zip(profile["samples"], profile["timeDeltas"], strict=True):
        frame = nodes[node_id]["callFrame"]
        name = frame["functionName"]
        key = name if name.startswith("(") else chunk_of(frame.get("url", ""))
        totals[key] += delta / 1000
    totals.pop("(idle)", None)
    return dict(totals)


def traced(browser, page, action, folder: Path, label: str, from_click: bool = False) -> dict:
    """Run ``action`` under a Chromium trace; the main thread's split."""
    path = folder / f"{label}.trace.json"
    browser.start_tracing(page=page, path=str(path), categories=TRACE_CATEGORIES)
    try:
        action()
    finally:
        browser.stop_tracing()
    return main_thread_split(path, from_click)


def profiled(page, action, folder: Path, label: str) -> dict:
    """Run ``action`` under a V8 CPU profile (apart from the trace: each slows the other);
    the JavaScript's self time per chunk."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Profiler.enable")
    cdp.send("Profiler.setSamplingInterval", {"interval": 200})
    cdp.send("Profiler.start")
    try:
        action()
    finally:
        profile = cdp.send("Profiler.stop")["profile"]
        cdp.detach()
    (folder / f"{label}.cpuprofile").write_text(json.dumps(profile))
    return profile_split(profile)


def median_split(splits: list[dict]) -> dict[str, float]:
    keys = {k for split in splits for k in split}
    return {k: statistics.median(split.get(k, 0.0) for split in splits) for k in keys}


def trace_subject(browser, s: Subject, folder: Path, round_: int, profile: bool) -> None:
    """A traced (or profiled) reload and area change of one subject."""
    s.tab.bring_to_front()
    label = f"{s.name.replace(' ', '_')}_{round_}"

    def reload(tab=s.tab):
        capture_reload(tab)

    def change(tab=s.tab, s=s):
        capture_switch(tab, s.names, s.options, other_area(tab))

    for action, run in (("reload", reload), ("change", change)):
        if profile:
            s.profiles[action] = profiled(s.tab, run, folder, f"{label}_{action}")
        else:
            split = traced(browser, s.tab, run, folder, f"{label}_{action}", action == "change")
            s.trace_runs.setdefault(action, []).append(split)


def open_subjects(
    context, pages, servers, trivial, paths, names, options, extras=()
) -> list[Subject]:
    """A tab on each page of each app server and on the trivial page with as many charts (and
    with each of ``extras``, trivial_app.py's made-up parts of the app)."""
    plain = {FROM_AREA: "North Karelia", TO_AREA: "Eastern Finland"}
    subjects: list[Subject] = []
    seen: dict[int, Subject] = {}
    for name in pages:
        for suffix, server in servers:
            query = f"lang={LANG}&area={FROM_AREA}"
            url = bu.page_url(server.base, name, paths[name], query)
            subjects.append(Subject(name + suffix, url, names, options))
        n = 0
        for s in subjects[-len(servers) :]:
            s.tab = context.new_page()
            s.tab.goto(s.url, timeout=TIMEOUT_MS)
            bu.wait_chart(s.tab, TIMEOUT_MS)
            until_drawn(s.tab)
            s.charts = n = chart_count(s.tab)
        if n in seen:
            continue
        for extra in ("", *extras):
            url = f"{trivial.base}/?charts={n}" + (f"&extras={extra}" if extra else "")
            label = f"trivial x{n}" + (f" +{extra}" if extra else "")
            triv = Subject(label, url, plain, plain, n)
            triv.tab = context.new_page()
            triv.tab.goto(triv.url, timeout=TIMEOUT_MS)
            bu.wait_chart(triv.tab, TIMEOUT_MS)
            until_drawn(triv.tab)
            seen[n] = triv
            subjects.append(triv)
    return subjects


# --- report ---------------------------------------------------------------------------------


def summary(caps: list[Capture]) -> dict[str, float | None]:
    def med(values):
        values = [v for v in values if v is not None]
        return statistics.median(values) if values else None

    return {
        "messages": med([len(c.msgs) for c in caps]),
        "kB": med([sum(b for _, b, _ in c.msgs) / 1000 for c in caps]),
        "first msg": med([c.msgs[0][0] if c.msgs else None for c in caps]),
        "first element": med([c.first("el:") for c in caps]),
        "first chart msg": med([c.first("el:plotly_chart") for c in caps]),
        "script_finished": med([c.first("script_finished") for c in caps]),
        "first chart drawn": med([c.first_chart for c in caps]),
        "last chart change": med([c.last_plot for c in caps]),
        "idle": med([c.done for c in caps]),
    }


def print_summaries(subjects: list[Subject], which: str) -> None:
    rows = {s.name: summary(getattr(s, which)) for s in subjects}
    keys = list(next(iter(rows.values())))
    print(f"\n{which}: medians, times in ms from navigation start (reload) or the click (change)")
    print(f"{'':<22}" + "".join(f"{name:>22}" for name in rows))
    for k in keys:
        cells = "".join(
            f"{'-' if v[k] is None else format(v[k], '.0f' if k != 'kB' else '.1f'):>22}"
            for v in rows.values()
        )
        print(f"{k:<22}{cells}")


def print_kinds(subjects: list[Subject], which: str) -> None:
    print(f"\n{which}: messages and bytes per kind (the last capture)")
    tables = {s.name: getattr(s, which)[-1] for s in subjects}
    kinds: dict[str, int] = collections.Counter()
    for cap in tables.values():
        for _, b, k in cap.msgs:
            kinds[k] += b
    print(f"{'kind':<26}" + "".join(f"{name:>20}" for name in tables))
    for k in sorted(kinds, key=lambda k: -kinds[k]):
        cells = ""
        for cap in tables.values():
            n = sum(1 for _, _, kk in cap.msgs if kk == k)
            b = sum(bb for _, bb, kk in cap.msgs if kk == k)
            cells += f"{f'{n} / {b / 1000:.1f} kB' if n else '-':>20}"
        print(f"{k:<26}{cells}")


def print_timeline(subject: Subject, which: str) -> None:
    cap = getattr(subject, which)[-1]
    print(f"\ntimeline of {subject.name}, {which} (ms, bytes, kind)")
    for t, b, k in cap.msgs:
        print(f"  {t:8.1f} {b:8d}  {k}")
    print(f"  first chart drawn {cap.first_chart}, last chart change {cap.last_plot}")


def print_splits(subjects: list[Subject], attr: str, title: str) -> None:
    for action in ("reload", "change"):
        tables = {s.name: getattr(s, attr).get(action, {}) for s in subjects}
        keys: dict[str, float] = collections.Counter()
        for table in tables.values():
            for k, v in table.items():
                keys[k] += v
        print(f"\n{title}, {action} (ms)")
        print(f"{'':<28}" + "".join(f"{name:>22}" for name in tables))
        for k in sorted(keys, key=lambda k: -keys[k])[:18]:
            print(f"{k:<28}" + "".join(f"{t.get(k, 0):>22.0f}" for t in tables.values()))


def report(subjects: list[Subject], args, load_before, messages=True, splits=True) -> None:
    load_after = os.getloadavg()
    print(
        f"bench_trace: --repeat {args.repeat}, pages {' '.join(args.pages)}; load average "
        f"{load_before[0]:.2f} at the start, {load_after[0]:.2f} now",
        flush=True,
    )
    if messages:
        print_summaries(subjects, "reloads")
        print_summaries(subjects, "switches")
        print_kinds(subjects, "reloads")
        print_kinds(subjects, "switches")
    if messages and args.timeline:
        for s in subjects:
            print_timeline(s, "reloads")
            print_timeline(s, "switches")
    sys.stdout.flush()
    if splits and not args.no_trace:
        for s in subjects:
            s.traces = {k: median_split(v) for k, v in s.trace_runs.items()}
        print_splits(
            subjects,
            "traces",
            f"main thread, Chromium trace, CPU self time by category (median of {args.traces})",
        )
    if splits and args.profile:
        print_splits(subjects, "profiles", "JavaScript self time by script chunk (V8 profile)")


def split_files(files: list[Path]) -> None:
    """The main thread's split of saved traces (``--out``), grouped by name without the round:
    medians per group."""
    groups: dict[str, list[dict]] = collections.defaultdict(list)
    for f in files:
        name = f.name.removesuffix(".trace.json")
        subject, _, action = name.rpartition("_")
        split = main_thread_split(f, from_last_click=action == "change")
        groups[f"{subject.rpartition('_')[0]} {action}"].append(split)
    table = {k: median_split(v) for k, v in sorted(groups.items())}
    keys = sorted(
        {k for t in table.values() for k in t},
        key=lambda k: -max(t.get(k, 0) for t in table.values()),
    )
    print(f"{'ms (median of n traces)':<28}" + "".join(f"{g[:22]:>24}" for g in table))
    print(f"{'n':<28}" + "".join(f"{len(groups[g]):>24}" for g in table))
    for k in keys:
        print(f"{k:<28}" + "".join(f"{t.get(k, 0):>24.0f}" for t in table.values()))


def main(argv: list[str] | None = None) -> int:
    if argv is None and len(sys.argv) > 2 and sys.argv[1] == "--split":
        split_files([Path(a) for a in sys.argv[2:]])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="a database built from the mirror")
    parser.add_argument("--pages", nargs="+", default=["yleiskuva", "kohtaanto"])
    parser.add_argument("--repeat", type=int, default=5, help="reloads and changes per page")
    parser.add_argument("--timeline", action="store_true", help="print every message")
    parser.add_argument("--out", type=Path, help="keep the traces and profiles here")
    parser.add_argument("--no-trace", action="store_true", help="messages only")
    parser.add_argument("--traces", type=int, default=3, help="traced reloads and changes each")
    parser.add_argument("--profile", action="store_true", help="also a V8 CPU profile of each")
    parser.add_argument("--variant", type=Path, help="also the app with this diff applied")
    parser.add_argument(
        "--extras",
        nargs="*",
        default=[],
        help="also the trivial page with these ?extras= (block, sidebar, block,sidebar)",
    )
    args = parser.parse_args(argv)
    problem = bu.chromium_problem()
    if problem:
        print(f"cannot run: {problem}", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench_trace_") as tmp:
        folder = args.out or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        names, options = area_labels(args.db)
        app = bu.start_server(Path(tmp) / "app.log", db=args.db, timeout=120)
        servers = [("", app)]
        if args.variant:
            copy = variants.patched_copy(args.variant, Path(tmp))
            servers.append((" B", variants.start_app(Path(tmp) / "b.log", args.db, copy)))
        trivial = bu.start_server(
            Path(tmp) / "trivial.log", script=ROOT / "benchmarks" / "trivial_app.py", timeout=120
        )
        paths = dict(bu.app_pages())
        load_before = os.getloadavg()
        try:
            with sync_playwright() as p:
                browser = bu.launch(p)
                context = browser.new_context(viewport=bu.VIEWPORT)
                context.add_init_script(PROBE)
                context.add_init_script(CAPTURE)
                subjects = open_subjects(
                    context, args.pages, servers, trivial, paths, names, options, args.extras
                )
                for round_ in range(args.repeat):
                    print(f"round {round_ + 1}/{args.repeat}", file=sys.stderr)
                    for s in subjects:
                        s.tab.bring_to_front()
                        s.reloads.append(capture_reload(s.tab))
                        s.switches.append(
                            capture_switch(s.tab, s.names, s.options, other_area(s.tab))
                        )
                # The messages first: a run cut short by a time limit keeps them.
                report(subjects, args, load_before, splits=False)
                for round_ in range(0 if args.no_trace else args.traces):
                    print(f"traces: round {round_ + 1}/{args.traces}", file=sys.stderr)
                    for s in subjects:
                        trace_subject(browser, s, folder, round_, profile=False)
                for s in subjects if args.profile else []:
                    trace_subject(browser, s, folder, 0, profile=True)
                browser.close()
        finally:
            app.stop()
            trivial.stop()
            for _, server in servers[1:]:
                server.stop()
        report(subjects, args, load_before, messages=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
