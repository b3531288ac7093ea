"""The monkey test: every control a person can click, on every page, ends without an exception.

For each page it clicks every button, every option of every radio and main-area selectbox, and
builds every download, in fi, sv and en on the demo database and in fi on the real one. Tabs and
most expanders need no click here: AppTest runs the code inside every tab and expander on each
run, so the widgets inside them are in the lists below. A chart's "show data" expander is the
exception (its table is sent only once it is open): kind ``tables`` opens them all.

A download is "clicked" by calling the callable that ``st.download_button(data=callable)``
registered (what Streamlit calls when the browser asks for the file); static downloads are
checked to be non-empty. A selectbox with many options (occupations) is tried at most
``MAX_OPTIONS`` options spread from the first to the last, so that one run stays within minutes.

Each case is ``(database, language, page, kind)`` with kind ``buttons``, ``choices``,
``downloads`` or ``tables``; a case collects every failing control and reports them together.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from kohtaanto.export import images as export
from tests import browser_util as bu
from tests.apptest_util import open_tables, run_app, shown_tables

PAGES = [name for name, _ in bu.app_pages()]
KINDS = ("buttons", "choices", "downloads", "tables")
MAX_OPTIONS = 8


def cases() -> list:
    combos = [("demo", lang) for lang in ("fi", "sv", "en")] + [("real", "fi")]
    out = []
    for db, lang in combos:
        for page in PAGES:
            for kind in KINDS:
                out.append(pytest.param(db, lang, page, kind, id=f"{db}-{lang}-{page}-{kind}"))
    return out


@pytest.fixture
def deferred(monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[str, Callable]]:
    """``{element_id: (file_name, callable)}`` of every deferred download registered in a run."""
    seen: dict[str, tuple[str, Callable]] = {}
    original = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, element_id=""):
        seen[element_id or coordinates] = (file_name or "", data_callable)
        return original(
            self, data_callable, mimetype, coordinates, file_name=file_name, element_id=element_id
        )

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return seen


def errors(at: AppTest) -> list[str]:
    return [e.message or str(e.value) for e in at.exception]


def pick(widget, label: str) -> None:
    """Choose ``label`` as the browser does: it sends the shown label of the option. (AppTest's
    ``set_value`` wants the option behind a ``format_func``, which a test cannot know.)"""
    state = WidgetState(id=widget.id, string_value=label)
    widget.__class__ = type(
        "Picked" + type(widget).__name__,
        (type(widget),),
        {"_widget_state": property(lambda _: state)},
    )


def spread(n: int) -> list[int]:
    """At most ``MAX_OPTIONS`` indices from 0 to n-1, both ends included."""
    if n <= MAX_OPTIONS:
        return list(range(n))
    step = (n - 1) / (MAX_OPTIONS - 1)
    return sorted({round(i * step) for i in range(MAX_OPTIONS)})


def click_buttons(start: Callable[[], AppTest]) -> list[str]:
    at = start()
    failures = []
    for key in [b.key for b in at.button if b.key and not b.disabled]:
        found = [b for b in at.button if b.key == key]
        if not found:  # an earlier click changed the page: start again from its URL
            at = start()
            found = [b for b in at.button if b.key == key]
        if not found or found[0].disabled:
            continue
        found[0].click().run()
        if at.exception:
            failures.append(f"button {key}: {errors(at)}")
            at = start()
    return failures


def choose_everything(start: Callable[[], AppTest]) -> list[str]:
    at = start()
    failures = []
    widgets = [(w.type, w.key, len(w.options)) for w in [*at.main.radio, *at.main.selectbox]]
    for kind, key, n in widgets:
        for index in spread(n):
            found = [w for w in getattr(at.main, kind) if w.key == key]
            if not found or index >= len(found[0].options) or found[0].disabled:
                continue
            label = found[0].options[index]
            pick(found[0], label)
            at.run()
            if at.exception:
                failures.append(f"{kind} {key} = {label!r}: {errors(at)}")
                at = start()
    return failures


def build_downloads(start: Callable[[], AppTest], deferred: dict) -> list[str]:
    at = start()
    failures = []
    for name, build in deferred.values():
        try:
            content = build()
        except Exception as exc:  # the test reports every failing download, not the first
            failures.append(f"download {name}: {exc!r}")
            continue
        if not content:
            failures.append(f"download {name}: empty")
    for button in at.get("download_button"):
        proto = button.proto
        if not proto.deferred_file_id and not proto.url:
            failures.append(f"download {proto.label}: neither data nor a callable")
    return failures


def open_every_table(start: Callable[[], AppTest]) -> list[str]:
    """Every chart's "show data" opened at once: each shows its table, and nothing fails."""
    at = start()
    boxes = len([e for e in at.expander if (e.key or "").startswith("table_")])
    tables = len(shown_tables(at))
    try:
        at = open_tables(at)
    except AssertionError as exc:
        return [f"opening the tables: {exc}"]
    failures = errors(at)
    opened = len(shown_tables(at)) - tables
    if opened != boxes:  # the presentation's big-screen charts have no table block
        failures.append(f"{boxes} chart tables, but {opened} appeared when opened")
    return failures


@pytest.mark.parametrize(("db_name", "lang", "page", "kind"), cases())
def test_every_control_works(request, monkeypatch, deferred, db_name, lang, page, kind):
    db: Path = request.getfixturevalue("demo_db" if db_name == "demo" else "real_db")

    def start() -> AppTest:
        deferred.clear()
        return run_app(db, monkeypatch, page, lang=lang, area="MK12")

    if kind == "buttons":
        failures = click_buttons(start)
    elif kind == "choices":
        failures = choose_everything(start)
    elif kind == "tables":
        failures = open_every_table(start)
    else:
        # A chart's PNG is drawn by Kaleido in a Chromium of its own per image: hundreds of
        # browser starts here, one of which once hung the run. The figure handed to it is checked
        # whole (its JSON); drawing real PNGs is tested by the decks (test_slides, test_storyline).
        monkeypatch.setattr(export, "figure_png", lambda fig, *a, **k: fig.to_json().encode())
        failures = build_downloads(start, deferred)
    assert not failures, "\n".join(failures)
