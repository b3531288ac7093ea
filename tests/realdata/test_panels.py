"""Real-data tests of panels (the rest: tests/app/test_panels.py)."""

from __future__ import annotations

import json

from kohtaanto import panels
from tests.app.test_panels import _summary
from tests.apptest_util import run_app


def test_the_map_on_alueet_is_its_panel(real_db, monkeypatch):
    at = run_app(real_db, monkeypatch, page="alueet", lang="fi", area="MK12")
    f = at.session_state["filters"]
    shown = [_summary(json.loads(c.proto.spec)) for c in at.get("plotly_chart")]
    view = panels.build("area_map", f, level="region", measure="unemployment_share")
    assert view is not None
    built = _summary(json.loads(view.figure.to_json()))
    assert built == shown[0]
    assert "Pohjois-Karjala" in built["title"]  # outlined and named under the title
