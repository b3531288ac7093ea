"""The benchmarks' yardstick page: one chart, or as many as ``?charts=N`` asks (bench_app's
"trivial x4"), and a bad value falls back to one."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from kohtaanto.paths import ROOT

TRIVIAL = ROOT / "benchmarks" / "trivial_app.py"


@pytest.mark.parametrize(("given", "charts"), [(None, 1), ("4", 4), ("99", 8), ("x", 1), ("0", 1)])
def test_trivial_page_draws_the_asked_number_of_charts(given: str | None, charts: int) -> None:
    at = AppTest.from_file(str(TRIVIAL), default_timeout=30)
    if given is not None:
        at.query_params["charts"] = given
    at.run()
    assert not at.exception
    figures = at.get("plotly_chart")
    assert len(figures) == charts
    assert at.title[0].value == "Trivial: North Karelia"


def test_trivial_page_extras_add_the_apps_chart_block_and_sidebar() -> None:
    """``?extras=block,sidebar``: per chart the app's block (three downloads and a button), and
    a sidebar of five pickers and five hidden inputs; the charts stay the same."""
    at = AppTest.from_file(str(TRIVIAL), default_timeout=30)
    at.query_params["charts"] = "2"
    at.query_params["extras"] = "block,sidebar"
    at.run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 2
    assert len(at.get("download_button")) == 6
    assert len(at.button) == 2
    assert len(at.selectbox) == 6  # the trivial page's own area picker and the frame's five
    assert len(at.text_input) == 5
