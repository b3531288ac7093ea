"""The own deck of every registered panel on the real database, where the map slide once read
"KaleidoError: Error 525: unexpected error while fetching topojson file at
https://cdn.plot.ly/…": built with the network blocked, in Finnish and Swedish, for Uusimaa
(``/esitys?area=MK01``). Panels without figures for the area get their slide saying so (and a
line in the ZIP's list); every other slide has its picture."""

from __future__ import annotations

import pytest

from tests.app.test_deck_offline import (
    blocked,  # noqa: F401 (a fixture)
    build_own_deck,
    check_every_chart_drawn,
    outside_asked,
)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_own_deck_of_every_panel_offline_on_the_real_data(lang, real_db, blocked, monkeypatch):  # noqa: F811
    at, chosen, prs, archive = build_own_deck(real_db, monkeypatch, lang, "MK01")
    no_data = check_every_chart_drawn(at, chosen, prs, archive, lang)
    assert "area_map" not in no_data  # the map is drawn
    assert len(no_data) < len(chosen) // 2
    assert not outside_asked(blocked), blocked.asked
