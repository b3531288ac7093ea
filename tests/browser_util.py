"""Helpers for driving the real app in headless Chromium: server start/stop and page waits.

Used by ``tests/test_browser.py`` and ``benchmarks/bench_app.py``. Nothing here imports pytest at
module level, so the benchmark can use it outside a test run. Only 127.0.0.1 is ever contacted,
and every wait is bounded.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from kohtaanto import paths

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1600, "height": 1000}
HOST = "127.0.0.1"
STREAMLIT_OPTIONS = [
    "--server.address",
    HOST,
    "--server.headless",
    "true",
    "--browser.gatherUsageStats",
    "false",
    "--server.fileWatcherType",
    "none",
]
DEFAULT_PAGE = "yleiskuva"
SCREENSHOT_MAX_HEIGHT = 12000


# --- pages of the app ------------------------------------------------------------------------


def app_pages() -> list[tuple[str, str]]:
    """``(name, url_path)`` of every page in app.py's PAGES that has its file in ``pages/``.

    Read from app.py's source (not imported: it is a Streamlit script), so a page added there
    is tested without editing the tests.
    """
    tree = ast.parse((paths.ROOT / "app.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "PAGES" for t in node.targets
        ):
            entries = ast.literal_eval(node.value)
            return [
                (name, path)
                for name, path, _icon in entries
                if (paths.ROOT / "pages" / f"{name}.py").is_file()
            ]
    raise RuntimeError("app.py has no PAGES list")


def page_url(base: str, name: str, path: str, query: str = "") -> str:
    """The URL of a page: the default page is served at ``/``."""
    route = "" if name == DEFAULT_PAGE else path
    return f"{base}/{route}" + (f"?{query}" if query else "")


# Pages whose charts appear only when the data have what they need (Seuranta draws nothing
# without indicator reports, and the real mirror has none).
CHARTS_ONLY_WITH_DATA = {"seuranta"}


def page_has_chart(name: str) -> bool:
    """Whether the page's source draws Plotly charts (else the test waits for its heading)."""
    if name in CHARTS_ONLY_WITH_DATA:
        return False
    text = (paths.ROOT / "pages" / f"{name}.py").read_text(encoding="utf-8")
    return any(call in text for call in ("show_chart(", "show_panel(", "plotly_chart("))


# --- the server ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A Streamlit server in its own process group, with its output in ``log``."""

    process: subprocess.Popen
    port: int
    log: Path
    _log_file: object = field(repr=False, default=None)

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return "(no log)"

    def stop(self, timeout: float = 15) -> None:
        """Terminate, then kill if it does not stop within ``timeout`` seconds."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=timeout)
        if self._log_file is not None:
            self._log_file.close()


def start_server(
    log: Path,
    *,
    db: Path | None = None,
    script: Path | None = None,
    port: int | None = None,
    timeout: float = 90,
    env: dict[str, str] | None = None,
    options: list[str] | None = None,
) -> Server:
    """Start the app (``python -m kohtaanto serve``) on ``db``, or ``script`` with plain
    ``streamlit run``, on 127.0.0.1; return once ``/_stcore/health`` answers.

    ``env``: more environment variables; ``options``: more Streamlit options
    (``--secrets.files``, say). Raises ``RuntimeError`` with the server's log when it exits or
    does not answer in time.
    """
    port = port or free_port()
    env = dict(os.environ) | (env or {})
    if db is not None:
        env["KOHTAANTO_DB"] = str(db)
    if script is None:
        cmd = [sys.executable, "-m", "kohtaanto", "serve"]
    else:
        cmd = [sys.executable, "-m", "streamlit", "run", str(script)]
    cmd += ["--server.port", str(port), *STREAMLIT_OPTIONS, *(options or [])]
    log.parent.mkdir(parents=True, exist_ok=True)
    log_file = log.open("w", encoding="utf-8")
    process = subprocess.Popen(
        cmd,
        cwd=paths.ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = Server(process, port, log, log_file)
    try:
        wait_healthy(server, timeout)
    except BaseException:
        server.stop()
        raise
    return server


def wait_healthy(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    url = f"{server.base}/_stcore/health"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"the server exited with code {server.process.returncode} before answering "
                f"{url}; its log:\n{server.log_tail()}"
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.25)
    raise RuntimeError(
        f"{url} did not answer within {timeout:.0f} s; the log:\n{server.log_tail()}"
    )


# --- the browser -----------------------------------------------------------------------------


def chromium_problem() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not CHROMIUM.is_file() and not shutil.which("chromium"):
        return f"{CHROMIUM} is not installed (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (requirements-dev.txt)"
    return None


def chromium_path() -> str:
    return str(CHROMIUM) if CHROMIUM.is_file() else str(shutil.which("chromium"))


def launch(playwright):
    """Debian's Chromium, headless; never a downloaded browser."""
    return playwright.chromium.launch(
        executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True
    )


def wait_idle(page, timeout_ms: float = 60_000, polling: float | str = 100) -> None:
    """Wait until the app is connected, its script is not running, no element is still a
    loading skeleton (lazily loaded widgets) and every Plotly chart has drawn its SVG.
    ``polling``: ms between checks, or "raf" for every frame (benchmarks that time the wait)."""
    page.wait_for_function(
        "() => { const a = document.querySelector('[data-testid=\"stApp\"]');"
        " return a && a.getAttribute('data-test-connection-state') === 'CONNECTED'"
        " && a.getAttribute('data-test-script-state') === 'notRunning'"
        " && !document.querySelector('[data-testid=\"stSkeleton\"]')"
        " && [...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')]"
        "      .every(c => c.querySelector('.main-svg')); }",
        timeout=timeout_ms,
        polling=polling,
    )


def wait_chart(page, timeout_ms: float = 60_000) -> None:
    """Wait for the first Plotly chart with its SVG drawn."""
    page.wait_for_selector(".js-plotly-plot .main-svg", state="attached", timeout=timeout_ms)


def wait_rerun(page, condition_js: str, arg=None, timeout_ms: float = 60_000) -> None:
    """After an interaction: wait for ``condition_js`` (a JS predicate) and an idle script."""
    page.wait_for_function(condition_js, arg=arg, timeout=timeout_ms, polling=100)
    wait_idle(page, timeout_ms)


def count_runs(page) -> int:
    """How many script runs the page has started since it was opened.

    A MutationObserver (installed on first use) counts each switch of the app's script state to
    ``running``. Back and forward need it: right after ``go_back`` the old page is still drawn and
    the script is idle, because the rerun the popstate asks for has not started yet, so a wait for
    "right path, idle" can pass on the page being left; a second move then races that rerun.
    """
    return page.evaluate(
        "() => { if (window.__ktRuns === undefined) {"
        "  window.__ktRuns = 0;"
        "  const app = document.querySelector('[data-testid=\"stApp\"]');"
        "  new MutationObserver(() => {"
        "    const s = app.getAttribute('data-test-script-state');"
        "    if (s === 'running' && window.__ktLast !== 'running') window.__ktRuns += 1;"
        "    window.__ktLast = s;"
        "  }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});"
        "} return window.__ktRuns; }"
    )


def wait_new_run(page, since: int, condition_js: str, arg=None, timeout_ms: float = 60_000) -> None:
    """After a move: wait until a script run has started after ``since`` (from ``count_runs``),
    ``condition_js`` holds and the script is idle."""
    page.wait_for_function(
        "([since, arg]) => window.__ktRuns > since && (" + condition_js + ")(arg)",
        arg=[since, arg],
        timeout=timeout_ms,
        polling=100,
    )
    wait_idle(page, timeout_ms)


def choose(page, key: str, typed: str, option_text: str, timeout_ms: float = 15_000) -> None:
    """Pick ``option_text`` in the selectbox with widget key ``key`` by typing ``typed``."""
    box = page.locator(f".st-key-{key} input[role='combobox']")
    box.click()
    box.fill(typed)
    option = page.get_by_role("option", name=option_text, exact=True)
    option.wait_for(state="visible", timeout=timeout_ms)
    option.click()


def area_labels(db: Path, lang: str) -> dict[str, str]:
    """The area picker's label of every area of ``db`` in ``lang`` (``filters.area_labels``:
    the name, and its level only where another area has the same name)."""
    import duckdb

    from kohtaanto.filters import area_labels as labels
    from kohtaanto.i18n import t

    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(f"select area_code, level, name_{lang} from areas").fetchall()
    return labels(rows, lambda level: t(f"level.{level}", lang))


def combobox_value(page, key: str) -> str:
    return page.locator(f".st-key-{key} input[role='combobox']").input_value()


def full_screenshot(page, path: Path) -> None:
    """The whole page: Streamlit scrolls inside its main section, so the viewport is made as tall
    as the content for the shot, then put back."""
    height = page.evaluate(
        "() => Math.max(...['stMain', 'stSidebarContent'].map(id => {"
        ' const e = document.querySelector(`[data-testid="${id}"]`);'
        " return e ? e.scrollHeight : 0; }), window.innerHeight)"
    )
    size = page.viewport_size
    path.parent.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": size["width"], "height": min(height, SCREENSHOT_MAX_HEIGHT)})
    try:
        page.wait_for_timeout(400)  # Plotly redraws responsive charts on resize
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(size)


def pdf_sheets(pdf: bytes) -> int:
    """How many pages a PDF made by Chromium has: its page objects (``/Type /Page``, not the
    ``/Type /Pages`` tree), which Chromium writes uncompressed."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def print_pdf(page) -> bytes:
    """The page printed as the browser prints it: print media, A4 landscape (print.css's
    ``@page``), backgrounds; after the charts have redrawn for the print layout."""
    page.emulate_media(media="print")
    wait_idle(page)
    # Streamlit redraws each chart for the print layout's column width; print.js reads the drawn
    # size at "beforeprint", so the redraw must be over by then.
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot')].every(p => {"
        " const svg = p.querySelector('.main-svg');"
        " return svg && Math.abs(Number(svg.getAttribute('width')) - p.clientWidth) <= 2; })",
        timeout=30_000,
        polling=100,
    )
    return page.pdf(format="A4", landscape=True, print_background=True)
