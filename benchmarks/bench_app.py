"""App benchmark: time to first chart of every page, and time from an area change to the updated
view, in headless Chromium, each as a ratio to a trivial Streamlit page with one Plotly chart.

    .venv/bin/python benchmarks/bench_app.py [--db FILE] [--repeat 5]

Without ``--db`` the database is built from ``../shared/raw`` into a temporary folder. The app is
served with ``python -m kohtaanto serve`` and ``benchmarks/trivial_app.py`` with ``streamlit run``,
both on 127.0.0.1 with the same options, and both measured the same way in the same run:

- first chart: navigation start -> the first ``.js-plotly-plot`` whose SVG has a drawn trace,
  timed inside the page (``performance.now()`` from a MutationObserver), one fresh browser
  context per load. Load 0 of each page is reported as "cold" (the server's ``st.cache`` has
  not seen that page's queries); loads 1..N are warm and give the median and p95. Loads go in
  rounds over all pages, so a busy moment on the machine hits every page alike.
- area change: in the sidebar's ``f_area`` picker, MK12 -> KA4, then back and forth; from the
  click on the option until the h1 names the new area, the first chart's title has changed (when
  it named the area) and the app is idle with every chart drawn ("area"); the time until the
  first two hold is printed too ("named": what the reader looks at first). The first switch is
  cold, the next N warm.
- page control: on the pages whose control is drawn in a fragment (CONTROLS), a click on its
  other option until a chart's title has changed and the app is idle, toggled back and forth,
  as a ratio to the trivial page's area change (its one redraw).
- Area changes and page controls are timed from Python, polling the page every animation frame
  (about 17 ms), so a time is at most a frame late (with the tests' 100 ms polling, a 0.2 s
  redraw read as up to 0.3 s).

The row "trivial x4" is the same trivial page with four charts (``?charts=4``), measured like the
pages: what four charts cost the browser by their number alone, beside the one-chart yardstick.

Figures only, no assertions; not run by the tests. The issue's target is each ratio <= 1.3.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kohtaanto.i18n import t  # noqa: E402
from tests import browser_util as bu  # noqa: E402

LANG = "en"
FROM_AREA, TO_AREA = "MK12", "KA4"
TRIVIAL = "trivial"
TRIVIAL_X4 = "trivial x4"
TIMEOUT_MS = 120_000

# Page controls drawn in a fragment (a change reruns that block only): page -> (widget key, the
# two options' translation keys, toggled back and forth).
CONTROLS = {
    "kohtaanto": ("p_beveridge", ("kohtaanto.beveridge_monthly", "kohtaanto.beveridge_avg12")),
    "kokeneet": ("p_measure", ("kokeneet.measure_count", "kokeneet.measure_index")),
}

HEADING = "h1, .esitys-title"
CHART_TITLE = ".js-plotly-plot .gtitle"

# Records, inside the page, when the first Plotly chart has drawn a trace (and, for a page
# without charts, when its heading appeared).
FIRST_CHART_PROBE = """
(() => {
  const seen = () => {
    if (window.__firstChart === undefined
        && document.querySelector('.js-plotly-plot .main-svg .trace')) {
      window.__firstChart = performance.now();
    }
    if (window.__firstHeading === undefined && document.querySelector('HEADING')) {
      window.__firstHeading = performance.now();
    }
  };
  new MutationObserver(seen).observe(document, {childList: true, subtree: true});
})();
""".replace("HEADING", HEADING)

# The view shows area `name`: the heading and the first chart's title name it where they named
# the old area; where neither did, the URL has the new code.
UPDATED = """([name, oldName, code, oldHeading, oldTitle]) => {
  const text = sel => { const e = document.querySelector(sel); return e ? e.textContent : ''; };
  const heading = text('HEADING'), title = text('CHART_TITLE');
  let named = false;
  if (oldHeading.includes(oldName)) { if (!heading.includes(name)) return false; named = true; }
  if (oldTitle.includes(oldName)) {
    if (title === oldTitle || !title.includes(name)) return false;
    named = true;
  }
  return named || location.search.includes('area=' + code);
}""".replace("CHART_TITLE", CHART_TITLE).replace("HEADING", HEADING)


@dataclass
class Target:
    name: str
    url: str  # with ?area=FROM_AREA
    chart: bool  # False: the page draws no chart, its heading is timed instead
    names: dict[str, str]  # area code -> the name shown in h1 and the picker's typed text
    options: dict[str, str]  # area code -> the option's full text in the picker
    loads: list[float] = field(default_factory=list)
    switches: list[float] = field(default_factory=list)
    seen: list[float] = field(default_factory=list)  # area change: until the new area is named


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (p95 of 5 values is the largest)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), -(-len(ordered) * q // 100)))
    return ordered[int(rank) - 1]


def first_chart_seconds(browser, url: str, chart: bool = True) -> float:
    """Seconds from navigation start to the first drawn chart (or heading) in a fresh context."""
    mark = "window.__firstChart" if chart else "window.__firstHeading"
    context = browser.new_context(viewport=bu.VIEWPORT)
    try:
        context.add_init_script(FIRST_CHART_PROBE)
        page = context.new_page()
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        page.wait_for_function(f"() => {mark} !== undefined", timeout=TIMEOUT_MS, polling=50)
        return page.evaluate(mark) / 1000
    finally:
        context.close()


def switch_seconds(page, target: Target, to: str, before: str) -> tuple[float, float]:
    """Choose area ``to`` in the picker; seconds from the click until the heading and the first
    chart's title name it, and until the view is idle with every chart drawn."""

    def text(selector: str) -> str:
        found = page.locator(selector).first
        return (found.text_content() or "") if found.count() else ""

    old = [text(HEADING), text(CHART_TITLE)]
    box = page.locator(".st-key-f_area input[role='combobox']")
    box.click()
    box.fill(target.names[to])
    option = page.get_by_role("option", name=target.options[to], exact=True)
    option.wait_for(state="visible", timeout=TIMEOUT_MS)
    started = time.perf_counter()
    option.click()
    page.wait_for_function(
        UPDATED,
        arg=[target.names[to], target.names[before], to, *old],
        timeout=TIMEOUT_MS,
        polling="raf",
    )
    seen = time.perf_counter() - started
    bu.wait_idle(page, TIMEOUT_MS, polling="raf")
    return seen, time.perf_counter() - started


def measure_switches(browser, target: Target, repeat: int) -> None:
    context = browser.new_context(viewport=bu.VIEWPORT)
    try:
        page = context.new_page()
        page.goto(target.url, timeout=TIMEOUT_MS)
        page.wait_for_selector(HEADING, state="attached", timeout=TIMEOUT_MS)
        if target.chart:
            bu.wait_chart(page, TIMEOUT_MS)
        bu.wait_idle(page, TIMEOUT_MS)
        here, there = FROM_AREA, TO_AREA
        for _ in range(repeat + 1):
            seen, idle = switch_seconds(page, target, there, here)
            target.seen.append(seen)
            target.switches.append(idle)
            here, there = there, here
    finally:
        context.close()


def control_seconds(
    browser, url: str, key: str, labels: tuple[str, str], repeat: int
) -> list[float]:
    """Seconds from a click on a page control's option until a chart's title has changed and
    the app is idle, toggling between two options; the first is cold."""
    context = browser.new_context(viewport=bu.VIEWPORT)
    out = []
    try:
        page = context.new_page()
        page.goto(url, timeout=TIMEOUT_MS)
        bu.wait_chart(page, TIMEOUT_MS)
        bu.wait_idle(page, TIMEOUT_MS)
        titles = f"() => [...document.querySelectorAll('{CHART_TITLE}')].map(e => e.textContent)"
        for i in range(repeat + 1):
            before = page.evaluate(titles)
            option = page.locator(f".st-key-{key} label").filter(has_text=labels[i % 2])
            started = time.perf_counter()
            option.click()
            page.wait_for_function(
                f"(before) => JSON.stringify(({titles})()) !== JSON.stringify(before)",
                arg=before,
                timeout=TIMEOUT_MS,
                polling="raf",
            )
            bu.wait_idle(page, TIMEOUT_MS, polling="raf")
            out.append(time.perf_counter() - started)
    finally:
        context.close()
    return out


def area_labels(db: Path) -> tuple[dict[str, str], dict[str, str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            f"select area_code, name_{LANG}, level from areas where area_code in (?, ?)",
            [FROM_AREA, TO_AREA],
        ).fetchall()
    names = {code: name for code, name, _ in rows}
    options = {code: f"{name} · {t('level.' + level, LANG)}" for code, name, level in rows}
    return names, options


def build_db(folder: Path) -> Path:
    from kohtaanto.pipeline.build import build

    raw = ROOT.parent / "shared" / "raw"
    out = folder / "kohtaanto.duckdb"
    print(f"building the database from {raw} ...", file=sys.stderr)
    build(raw, out, progress=lambda _: None)
    return out


def report(targets: list[Target], setting: str, controls: dict[str, list[float]]) -> None:
    trivial = targets[0]
    print(setting)
    t_load = statistics.median(trivial.loads[1:])
    t_switch = statistics.median(trivial.switches[1:])
    t_seen = statistics.median(trivial.seen[1:])
    head = (
        f"{'page':<11} {'cold s':>7} {'warm med s':>10} {'p95 s':>6} {'ratio':>6}   "
        f"{'area cold s':>11} {'area med s':>10} {'p95 s':>6} {'ratio':>6}   "
        f"{'named med s':>11} {'ratio':>6}"
    )
    print(head)
    print("-" * len(head))
    for tg in targets:
        warm, sw = tg.loads[1:], tg.switches[1:]
        load_med, sw_med = statistics.median(warm), statistics.median(sw)
        seen_med = statistics.median(tg.seen[1:])
        name = tg.name if tg.chart else tg.name + "*"
        print(
            f"{name:<11} {tg.loads[0]:>7.2f} {load_med:>10.2f} {percentile(warm, 95):>6.2f} "
            f"{load_med / t_load:>6.2f}   {tg.switches[0]:>11.2f} {sw_med:>10.2f} "
            f"{percentile(sw, 95):>6.2f} {sw_med / t_switch:>6.2f}   "
            f"{seen_med:>11.2f} {seen_med / t_seen:>6.2f}"
        )
    for name, times in controls.items():
        med = statistics.median(times[1:])
        print(
            f"page control of {name} ({CONTROLS[name][0]}, a fragment): cold {times[0]:.2f} s,"
            f" warm median {med:.2f} s, p95 {percentile(times[1:], 95):.2f} s,"
            f" ratio to the trivial page's area change {med / t_switch:.2f}"
        )
    print(
        "\ncold = first load (or first area change) of that page on this server; warm med / p95 ="
        " the next loads or changes (p95 by nearest rank: with fewer than 20, the slowest);"
        " ratio = warm median / the trivial page's warm median; area = until idle with every"
        " chart drawn, named = until the heading and the first chart's title name the new area."
        " Target: each ratio <= 1.3.\n* no chart on this page: the time to its heading instead."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="database file (default: build from ../shared/raw)")
    parser.add_argument("--repeat", type=int, default=5, help="warm loads and changes per page")
    parser.add_argument("--pages", nargs="*", help="only these pages (default: all)")
    parser.add_argument(
        "--query", default="", help="more URL parameters for the pages (level=municipality)"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    problem = bu.chromium_problem()
    if problem:
        print(f"cannot run: {problem}", file=sys.stderr)
        return 1

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench_app_") as tmp:
        folder = Path(tmp)
        db = args.db or build_db(folder)
        names, options = area_labels(db)
        app = bu.start_server(folder / "app.log", db=db, timeout=120)
        trivial = bu.start_server(
            folder / "trivial.log", script=ROOT / "benchmarks" / "trivial_app.py", timeout=120
        )
        try:
            trivial_names = {FROM_AREA: "North Karelia", TO_AREA: "Eastern Finland"}
            targets = [
                Target(TRIVIAL, f"{trivial.base}/", True, trivial_names, trivial_names),
                Target(TRIVIAL_X4, f"{trivial.base}/?charts=4", True, trivial_names, trivial_names),
                *[
                    Target(
                        name,
                        bu.page_url(
                            app.base,
                            name,
                            path,
                            "&".join(filter(None, [f"lang={LANG}&area={FROM_AREA}", args.query])),
                        ),
                        bu.page_has_chart(name),
                        names,
                        options,
                    )
                    for name, path in bu.app_pages()
                    if not args.pages or name in args.pages
                ],
            ]
            with sync_playwright() as p:
                browser = bu.launch(p)
                load_before = os.getloadavg()[0]
                setting = (
                    f"Chromium {browser.version}, {os.cpu_count()} cores, "
                    f"--repeat {args.repeat}, lang={LANG}, area {FROM_AREA} -> {TO_AREA}"
                    + (f", {args.query}" if args.query else "")
                )
                try:
                    # Warm each server's Python process (imports, the shared filters' queries)
                    # without touching the measured pages' own queries.
                    for base, query in ((trivial.base, ""), (app.base, "?area=KA1&lang=sv")):
                        first_chart_seconds(browser, f"{base}/{query}")
                    for round_ in range(args.repeat + 1):
                        print(f"loads: round {round_ + 1}/{args.repeat + 1}", file=sys.stderr)
                        for tg in targets:
                            tg.loads.append(first_chart_seconds(browser, tg.url, tg.chart))
                    controls = {}
                    for tg in targets[2:]:
                        if tg.name in CONTROLS:
                            print(f"page control: {tg.name}", file=sys.stderr)
                            key, options = CONTROLS[tg.name]
                            labels = (t(options[0], LANG), t(options[1], LANG))
                            controls[tg.name] = control_seconds(
                                browser, tg.url, key, labels, args.repeat
                            )
                    for tg in [*targets, targets[0]]:
                        print(f"area changes: {tg.name}", file=sys.stderr)
                        if tg is targets[0] and tg.switches:
                            extra = Target(tg.name, tg.url, True, tg.names, tg.options)
                            measure_switches(browser, extra, args.repeat)
                            tg.switches += extra.switches[1:]  # trivial measured again at the end
                            tg.seen += extra.seen[1:]
                        else:
                            measure_switches(browser, tg, args.repeat)
                finally:
                    browser.close()
                setting += (
                    f", load average {load_before:.1f} at the start,"
                    f" {os.getloadavg()[0]:.1f} at the end\n"
                )
        finally:
            app.stop()
            trivial.stop()
        report(targets, setting, controls)
    return 0


if __name__ == "__main__":
    sys.exit(main())
