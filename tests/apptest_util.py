"""Run the real app (app.py and its navigation) headless with Streamlit's AppTest."""

from __future__ import annotations

import base64
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from kohtaanto import paths, ui
from kohtaanto.pipeline import build

APP = str(paths.ROOT / "app.py")


def run_app(
    db: Path,
    monkeypatch: pytest.MonkeyPatch,
    page: str | None = None,
    *,
    check: bool = True,
    user: dict | None = None,
    secrets: dict | None = None,
    **params: str,
) -> AppTest:
    """The app on ``db`` with URL ``params``, switched to ``pages/<page>.py`` when given;
    ``check``: fail when the run raised (off for a test that expects an error); ``user`` is
    what ``st.user`` holds and ``secrets`` what ``st.secrets`` holds (sign-in's ``[auth]``)."""
    monkeypatch.setenv("KOHTAANTO_DB", str(db))
    # AppTest forgets before every run that st.navigation was called and falls back to the
    # legacy pages/ folder; `python -m kohtaanto serve` sets the same flag once (kohtaanto/serve.py).
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)
    # Built views are shared across sessions of one process (ui.panel_view): a test that
    # replaces a panel or a query must not get another test's view.
    ui.clear_views()
    at = AppTest.from_file(APP, default_timeout=120)
    if user is not None:
        at.user = user
    if secrets is not None:
        at.secrets = secrets
    for key, value in params.items():
        at.query_params[key] = value
    if page:
        at.switch_page(f"pages/{page}.py")
    at.run()
    if check:
        assert not at.exception, [e.value for e in at.exception]
    return at


def open_tables(at: AppTest) -> AppTest:
    """Open every chart's "show data" expander, as a reader does, and run again: a chart's table
    is sent only once its expander is open (ui.show_chart)."""
    keys = [e.key for e in at.expander if (e.key or "").startswith("table_")]
    for key in keys:
        at.session_state[key] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


class _TableParser(HTMLParser):
    """The tables of ``export/html.py``: each a header row and rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "table" and ("class", "kt-table") in attrs:
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("th", "td") and self.tables:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).replace("\u00ad", ""))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def shown_tables(at: AppTest) -> list[pd.DataFrame]:
    """The data tables the page shows (``ui.show_table``) as a person reads them: headers and
    cell texts (numbers as written, ``32,1``), in the page's order."""
    out = []
    for element in at.get("html"):
        parser = _TableParser()
        parser.feed(element.proto.body)
        for header, *rows in parser.tables:
            out.append(pd.DataFrame(rows, columns=header))
    return out


def plotly_values(array) -> list:
    """A Plotly JSON array from a chart's spec: a plain list, or a typed array
    ``{"dtype", "bdata"}`` (base64), as Plotly writes numeric arrays."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def title_of(spec: dict) -> str:
    """A chart's title as a person reads it: one line, the wrapping of long titles undone."""
    from kohtaanto.charts import plain_title

    return plain_title(spec["layout"]["title"]["text"] or "")


def refresh_derived(con: duckdb.DuckDBPyConnection) -> None:
    """Store the derived tables and the coverage table again after a test changed observations.

    The build stores them once (``build.materialise``), so unlike views they do not follow rows
    a test adds afterwards.
    """
    for name in (
        "v_area_month",
        "v_occupation_month",
        "v_age_share",
        "v_mismatch_occupation",
        "v_mismatch_region",
        "coverage",
        "measure_periods",
        "area_ancestors",
        "source_periods",
    ):
        con.execute(f"drop table {name}")
    con.execute("drop view status_rank")
    con.execute(paths.VIEWS_SQL.read_text(encoding="utf-8"))
    build.materialise(con)
