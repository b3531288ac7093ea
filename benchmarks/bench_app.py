"""App benchmark: a returning reader's first chart, area change and page click on every chart
page, each as a ratio to a plain Streamlit page with the same number of Plotly charts.

    .venv/bin/python benchmarks/bench_app.py --db /work/real.duckdb [--repeat 10] [--pages ...]

Without ``--db`` the database is built from ``../shared/raw`` into a temporary folder. The app is
served with ``python -m kohtaanto serve`` and ``benchmarks/trivial_app.py`` with ``streamlit run``,
both on 127.0.0.1 with the same options. Each page's number of charts N is counted on the page as
drawn (its ``stPlotlyChart`` elements once idle), and it is measured against
``trivial_app.py?charts=N``. App and trivial page alternate, measurement by measurement, so a busy
moment on the machine hits both alike. All times are taken inside the page (``performance.now()``).

Warm (the main figures): one browser context for the whole run, as a returning reader's browser
with the static files cached. Every page (app and trivial) has its own tab, loaded once to warm,
then:

- first chart: the tab reloaded; navigation start -> the first ``.js-plotly-plot`` whose SVG has
  a drawn trace (a MutationObserver).
- area change: in the sidebar's ``f_area`` picker, MK12 -> KA4, then back and forth; from the
  click on the option until the app is idle (its script not running, no skeleton) with every
  chart drawn, and nothing inside a chart changed after that ("area"). "named" is the time until
  the heading and the first chart's title name the new area, what the reader looks at first.
- page click: a tab on the app goes round the chart pages by their sidebar links; for each page,
  from the click on its link until the app is idle with the page's N charts drawn. Against the
  trivial page's click between its two pages (each with N charts), and beside its area change.

Cold (the second row): the first chart in a fresh browser context per load, as a first visit:
the JavaScript bundle is fetched and compiled each time (about 1.3 s on both sides).

``--controls`` also times the page controls drawn in a fragment (CONTROLS), toggled back and
forth, against the trivial page's area change. The server is warmed by the warm-up loads; no
first (cold server) figure is reported. Figures only, no assertions; not run by the tests. The
issue's target (issue 18.6): every ratio <= 1.3.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import variants  # noqa: E402
from kohtaanto.i18n import t  # noqa: E402
from tests import browser_util as bu  # noqa: E402

LANG = "en"
FROM_AREA, TO_AREA = "MK12", "KA4"
TIMEOUT_MS = int(os.environ.get("BENCH_TIMEOUT_MS", 120_000))
QUIET_MS = 300  # after idle, how long a chart may still change and count as part of the redraw
TRIVIAL_NAMES = {FROM_AREA: "North Karelia", TO_AREA: "Eastern Finland"}

# Page controls drawn in a fragment (a change reruns that block only): page -> (widget key, the
# two options' translation keys, toggled back and forth).
CONTROLS = {
    "kohtaanto": ("p_beveridge", ("kohtaanto.beveridge_monthly", "kohtaanto.beveridge_avg12")),
    "kokeneet": ("p_measure", ("kokeneet.measure_count", "kokeneet.measure_index")),
}

HEADING = "h1, .esitys-title"
# The page's charts are in the main area (a chart in the sidebar, a hidden preload, is none).
CHARTS = '[data-testid="stMain"] [data-testid="stPlotlyChart"]'
CHART_TITLE = '[data-testid="stMain"] .js-plotly-plot .gtitle'

# Inside every page of the context: when the first Plotly chart drew a trace, when anything in a
# chart last changed, and when the reader last clicked.
PROBE = """
(() => {
  window.__plotLast = 0;
  window.__clickAt = null;
  document.addEventListener('click', () => { window.__clickAt = performance.now(); }, true);
  new MutationObserver(muts => {
    const now = performance.now();
    if (window.__firstChart === undefined
        && document.querySelector('[data-testid="stMain"] .js-plotly-plot .main-svg .trace')) {
      window.__firstChart = now;
    }
    for (const m of muts) {
      if (m.target.closest && m.target.closest('.js-plotly-plot')) { window.__plotLast = now; break; }
    }
  }).observe(document, {childList: true, subtree: true, attributes: true});
})();
"""

# The app is idle with `n` charts (or any number, n = 0), every one drawn; returns the time.
IDLE_DRAWN = """(n) => {
  const a = document.querySelector('[data-testid="stApp"]');
  if (!a || a.getAttribute('data-test-connection-state') !== 'CONNECTED'
      || a.getAttribute('data-test-script-state') !== 'notRunning'
      || document.querySelector('[data-testid="stSkeleton"]')) return false;
  const charts = [...document.querySelectorAll('CHARTS')];
  if (n && charts.length !== n) return false;
  if (!charts.every(c => c.querySelector('.main-svg'))) return false;
  return performance.now();
}""".replace("CHARTS", CHARTS)

# The view shows area `name`: the heading and the first chart's title name it where they named
# the old area; where neither did, the URL has the new code. Returns the time.
UPDATED = """([name, oldName, code, oldHeading, oldTitle]) => {
  const text = sel => { const e = document.querySelector(sel); return e ? e.textContent : ''; };
  const heading = text('HEADING'), title = text('CHART_TITLE');
  let named = false;
  if (oldHeading.includes(oldName)) { if (!heading.includes(name)) return false; named = true; }
  if (oldTitle.includes(oldName)) {
    if (title === oldTitle || !title.includes(name)) return false;
    named = true;
  }
  return (named || location.search.includes('area=' + code)) && performance.now();
}""".replace("CHART_TITLE", CHART_TITLE).replace("HEADING", HEADING)


@dataclass
class Target:
    """One page measured: an app page or the trivial page with as many charts."""

    name: str
    url: str
    names: dict[str, str]  # area code -> the name shown in h1 and typed in the picker
    options: dict[str, str]  # area code -> the option's full text in the picker
    charts: int = 0
    link: str = ""  # the page's href in the sidebar navigation
    base: str = ""  # the server's address (the app, its variant B, the trivial page)
    tab: object = None
    here: str = FROM_AREA
    loads: list[float] = field(default_factory=list)
    cold: list[float] = field(default_factory=list)
    switches: list[float] = field(default_factory=list)
    named: list[float] = field(default_factory=list)
    clicks: list[float] = field(default_factory=list)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (p95 of fewer than 20 values is the largest)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), -(-len(ordered) * q // 100)))
    return ordered[int(rank) - 1]


def chart_count(page) -> int:
    """The Plotly charts a page draws (once it is idle)."""
    return page.evaluate(f"() => document.querySelectorAll('{CHARTS}').length")


def until_drawn(page, n: int = 0) -> float:
    """In-page time when the app is idle with its (``n``) charts drawn and no chart has changed
    for QUIET_MS since."""
    done = page.wait_for_function(IDLE_DRAWN, arg=n, timeout=TIMEOUT_MS, polling="raf")
    done = done.json_value()
    page.wait_for_timeout(QUIET_MS)
    return max(done, page.evaluate("() => window.__plotLast"))


def open_tab(context, target: Target) -> None:
    """A tab on the target, loaded and idle (warms the browser's cache and the server)."""
    target.tab = context.new_page()
    target.tab.goto(target.url, timeout=TIMEOUT_MS)
    bu.wait_chart(target.tab, TIMEOUT_MS)
    until_drawn(target.tab)


def first_chart(page) -> float:
    """Seconds from navigation start to the first drawn chart, then waits for idle."""
    page.wait_for_function(
        "() => window.__firstChart !== undefined", timeout=TIMEOUT_MS, polling=50
    )
    seconds = page.evaluate("() => window.__firstChart") / 1000
    until_drawn(page)
    return seconds


def reload_seconds(target: Target) -> float:
    target.tab.bring_to_front()
    target.tab.reload(wait_until="commit", timeout=TIMEOUT_MS)
    # The app keeps its area in the URL; the trivial page starts again from its first one.
    target.here = TO_AREA if f"area={TO_AREA}" in target.tab.url else FROM_AREA
    return first_chart(target.tab)


def cold_seconds(browser, url: str) -> float:
    context = browser.new_context(viewport=bu.VIEWPORT)
    try:
        context.add_init_script(PROBE)
        page = context.new_page()
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        return first_chart(page)
    finally:
        context.close()


def choose_area(page, names: dict[str, str], options: dict[str, str], to: str) -> float:
    """Pick area ``to`` in the sidebar; returns the in-page time of the click on its option."""
    box = page.locator(".st-key-f_area input[role='combobox']")
    box.click()
    box.fill(names[to])
    option = page.get_by_role("option", name=options[to], exact=True)
    option.wait_for(state="visible", timeout=TIMEOUT_MS)
    page.evaluate("() => { window.__clickAt = null; }")
    option.click()
    return page.evaluate("() => window.__clickAt")


def switch_seconds(target: Target) -> tuple[float, float]:
    """The area changed back and forth: seconds until the new area is named, and until idle with
    every chart drawn."""
    page = target.tab
    page.bring_to_front()
    to = TO_AREA if target.here == FROM_AREA else FROM_AREA

    def text(selector: str) -> str:
        found = page.locator(selector).first
        return (found.text_content() or "") if found.count() else ""

    old = [text(HEADING), text(CHART_TITLE)]
    clicked = choose_area(page, target.names, target.options, to)
    named = page.wait_for_function(
        UPDATED,
        arg=[target.names[to], target.names[target.here], to, *old],
        timeout=TIMEOUT_MS,
        polling="raf",
    ).json_value()
    done = until_drawn(page, target.charts)
    target.here = to
    return (named - clicked) / 1000, (done - clicked) / 1000


def click_seconds(page, link: str, charts: int) -> float:
    """A click on the navigation link ``link``: seconds until the new page's script ran and it is
    idle with its ``charts`` charts drawn."""
    page.bring_to_front()
    since = bu.count_runs(page)
    page.evaluate("() => { window.__clickAt = null; }")
    page.locator(f"a[data-testid='stSidebarNavLink'][href='{link}']").click()
    clicked = page.evaluate("() => window.__clickAt")
    page.wait_for_function(
        "([since, link]) => window.__ktRuns > since && location.href.split('?')[0] === link",
        arg=[since, link],
        timeout=TIMEOUT_MS,
        polling="raf",
    )
    return (until_drawn(page, charts) - clicked) / 1000


def control_seconds(page, key: str, labels: tuple[str, str], repeat: int) -> list[float]:
    """Seconds from a click on a page control's option until idle with its charts redrawn,
    toggling between two options."""
    out = []
    for i in range(repeat):
        page.evaluate("() => { window.__clickAt = null; }")
        page.locator(f".st-key-{key} label").filter(has_text=labels[i % 2]).click()
        clicked = page.evaluate("() => window.__clickAt")
        page.wait_for_function(
            "() => document.querySelector('[data-testid=\"stApp\"]')"
            ".getAttribute('data-test-script-state') === 'running' || window.__plotLast > "
            f"{clicked}",
            timeout=TIMEOUT_MS,
            polling="raf",
        )
        out.append((until_drawn(page) - clicked) / 1000)
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


# --- report ---------------------------------------------------------------------------------


def med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def cell(values: list[float], base: list[float]) -> str:
    if not values:
        return f"{'-':>6} {'-':>6} {'-':>6}"
    return f"{med(values):>6.2f} {percentile(values, 95):>6.2f} {med(values) / med(base):>6.2f}"


def report(
    pages: list[Target], trivial: dict[int, Target], setting: str, controls: dict[str, list[float]]
) -> None:
    print(setting)
    head = (
        f"{'page':<12}{'N':>2}  {'first chart: app':>16} {'p95':>6} {'trivial':>7} {'ratio':>6}"
        f"   {'area: app':>9} {'p95':>6} {'trivial':>7} {'ratio':>6}   {'named':>6} {'ratio':>6}"
        f"   {'click: app':>10} {'p95':>6} {'trivial':>7} {'ratio':>6} {'/area':>6}"
    )
    print(
        "\nwarm: one browser context, each page reloaded in it (seconds; medians, p95, ratio of"
        " medians)"
    )
    print(head)
    print("-" * len(head))
    for tg in pages:
        tr = trivial[tg.charts]
        first = cell(tg.loads, tr.loads).split()
        area = cell(tg.switches, tr.switches).split()
        named = f"{med(tg.named):>6.2f} {med(tg.named) / med(tr.named):>6.2f}"
        click = cell(tg.clicks, tr.clicks).split()
        per_area = med(tg.clicks) / med(tr.switches) if tg.clicks else float("nan")
        print(
            f"{tg.name:<12}{tg.charts:>2}  {first[0]:>16} {first[1]:>6} {med(tr.loads):>7.2f}"
            f" {first[2]:>6}   {area[0]:>9} {area[1]:>6} {med(tr.switches):>7.2f} {area[2]:>6}"
            f"   {named}   {click[0]:>10} {click[1]:>6} {med(tr.clicks):>7.2f} {click[2]:>6}"
            f" {per_area:>6.2f}"
        )
    if any(tg.cold for tg in pages):
        print(
            "\ncold: a fresh browser context per load (the bundle fetched and compiled each time)"
        )
        head = (
            f"{'page':<12}{'N':>2}  {'first chart: app':>16} {'p95':>6} {'trivial':>7} {'ratio':>6}"
        )
        print(head)
        print("-" * len(head))
        for tg in pages:
            tr = trivial[tg.charts]
            first = cell(tg.cold, tr.cold).split()
            print(
                f"{tg.name:<12}{tg.charts:>2}  {first[0]:>16} {first[1]:>6} {med(tr.cold):>7.2f}"
                f" {first[2]:>6}"
            )
    variants = [tg for tg in pages if tg.name.endswith(" B")]
    if variants:
        print("\nB / A: the variant's median over the app's, measured alternately in the same run")
        print(f"{'page':<12} {'first chart':>11} {'area':>6} {'click':>6} {'cold':>6}")
        by_name = {tg.name: tg for tg in pages}
        for b in variants:
            a = by_name[b.name[:-2]]
            cells = [
                med(getattr(b, k)) / med(getattr(a, k)) if getattr(a, k) else float("nan")
                for k in ("loads", "switches", "clicks", "cold")
            ]
            print(
                f"{a.name:<12} {cells[0]:>11.2f} {cells[1]:>6.2f} {cells[2]:>6.2f} {cells[3]:>6.2f}"
            )
    for name, times in controls.items():
        base = trivial[next(tg.charts for tg in pages if tg.name == name)]
        print(
            f"page control of {name} ({CONTROLS[name][0]}, a fragment): median {med(times):.2f} s,"
            f" p95 {percentile(times, 95):.2f} s, ratio to the trivial page's area change"
            f" {med(times) / med(base.switches):.2f}"
        )
    print(
        "\nN = the page's charts; trivial = trivial_app.py?charts=N measured alternately in the"
        " same run. first chart: navigation start -> first drawn trace. area: the click on the"
        " new area -> idle with every chart drawn; named: -> heading and first chart title name"
        " it. click: the click on the page's sidebar link (from the previous page in the list)"
        " -> idle with its charts drawn, against the trivial page's click between its two pages;"
        " /area = the same against the trivial page's area change. p95 by nearest rank (with"
        " fewer than 20 values, the slowest). Target: each ratio <= 1.3."
    )


def measure_clicks(context, pages: list[Target], trivial: dict[int, Target], args) -> None:
    """Page clicks: a tab per app server goes round its pages by their links, and each page's
    trivial tab clicks between its two pages, alternately."""
    navs = {}
    for tg in pages:
        if tg.base not in navs:
            # With one page, the tab leaves it for another before each timed click.
            links = [link.replace(args.app_base, tg.base) for link in args.links]
            elsewhere = next(link for link in links if link != tg.link)
            tab = context.new_page()
            tab.goto(tg.url if len(pages) > 2 else elsewhere, timeout=TIMEOUT_MS)
            until_drawn(tab)
            navs[tg.base] = (tab, elsewhere)
    for round_ in range(args.repeat):
        print(f"page clicks: round {round_ + 1}/{args.repeat}", file=sys.stderr)
        for tg in pages:
            nav, elsewhere = navs[tg.base]
            if nav.url.split("?")[0] == tg.link:
                click_seconds(nav, elsewhere, 0)
            tg.clicks.append(click_seconds(nav, tg.link, tg.charts))
            tr = trivial[tg.charts]
            home = tr.link
            at_home = tr.tab.url.split("?")[0] == home
            tr.clicks.append(click_seconds(tr.tab, home + "other" if at_home else home, tr.charts))
    for nav, _ in navs.values():
        nav.close()


def measure(browser, context, pages, trivial, args) -> dict[str, list[float]]:
    """Every measurement, app and trivial page alternating."""
    for round_ in range(args.repeat):
        print(f"reloads and area changes: round {round_ + 1}/{args.repeat}", file=sys.stderr)
        for tg in pages:
            tr = trivial[tg.charts]
            for x in (tg, tr):
                x.loads.append(reload_seconds(x))
            for x in (tg, tr):
                named, idle = switch_seconds(x)
                x.named.append(named)
                x.switches.append(idle)
    measure_clicks(context, pages, trivial, args)
    controls = {}
    for tg in pages if args.controls else []:
        if tg.name in CONTROLS:
            print(f"page control: {tg.name}", file=sys.stderr)
            key, options = CONTROLS[tg.name]
            labels = (t(options[0], LANG), t(options[1], LANG))
            tg.tab.bring_to_front()
            controls[tg.name] = control_seconds(tg.tab, key, labels, args.repeat)
    for round_ in range(0 if args.no_cold else args.repeat):
        print(f"cold loads: round {round_ + 1}/{args.repeat}", file=sys.stderr)
        for tg in pages:
            for x in (tg, trivial[tg.charts]):
                x.cold.append(cold_seconds(browser, x.url))
    return controls


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="database file (default: build from ../shared/raw)")
    parser.add_argument("--repeat", type=int, default=5, help="measurements of each kind per page")
    parser.add_argument("--pages", nargs="*", help="only these pages (default: every chart page)")
    parser.add_argument("--no-cold", action="store_true", help="skip the fresh-context loads")
    parser.add_argument("--controls", action="store_true", help="also the fragment controls")
    parser.add_argument(
        "--query", default="", help="more URL parameters for the pages (level=municipality)"
    )
    parser.add_argument(
        "--variant", type=Path, help="also the app with this diff applied, as 'page B' rows"
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
        other = None
        if args.variant:
            copy = variants.patched_copy(args.variant, folder)
            other = variants.start_app(folder / "b.log", db, copy)
        plain = bu.start_server(
            folder / "trivial.log", script=ROOT / "benchmarks" / "trivial_app.py", timeout=120
        )
        try:
            with sync_playwright() as p:
                browser = bu.launch(p)
                context = browser.new_context(viewport=bu.VIEWPORT)
                context.add_init_script(PROBE)
                load_before = os.getloadavg()[0]
                setting = (
                    f"bench_app: Chromium {browser.version}, {os.cpu_count()} cores, --repeat"
                    f" {args.repeat}, lang={LANG}, area {FROM_AREA} <-> {TO_AREA}, database {db}"
                )
                try:
                    pages, trivial = [], {}
                    args.app_base = app.base
                    args.links = [bu.page_url(app.base, n, path) for n, path in bu.app_pages()]
                    servers = [("", app)] + ([(" B", other)] if other else [])
                    for (name, path), (suffix, server) in itertools.product(
                        bu.app_pages(), servers
                    ):
                        if (args.pages and name not in args.pages) or not bu.page_has_chart(name):
                            continue
                        query = "&".join(
                            filter(None, [f"lang={LANG}&area={FROM_AREA}", args.query])
                        )
                        tg = Target(
                            name + suffix,
                            bu.page_url(server.base, name, path, query),
                            names,
                            options,
                            link=bu.page_url(server.base, name, path),
                            base=server.base,
                        )
                        print(f"warming {tg.name}", file=sys.stderr)
                        open_tab(context, tg)
                        tg.charts = chart_count(tg.tab)
                        if not tg.charts:
                            tg.tab.close()
                            continue
                        pages.append(tg)
                        if tg.charts not in trivial:
                            n = tg.charts
                            tr = Target(
                                f"trivial x{n}",
                                f"{plain.base}/?charts={n}",
                                TRIVIAL_NAMES,
                                TRIVIAL_NAMES,
                                n,
                                f"{plain.base}/",
                                base=plain.base,
                            )
                            open_tab(context, tr)
                            trivial[n] = tr
                    controls = measure(browser, context, pages, trivial, args)
                finally:
                    browser.close()
                setting += (
                    f"\nload average {load_before:.2f} at the start,"
                    f" {os.getloadavg()[0]:.2f} at the end"
                )
        finally:
            app.stop()
            plain.stop()
            if other is not None:
                other.stop()
        report(pages, trivial, setting, controls)
    return 0


if __name__ == "__main__":
    sys.exit(main())
