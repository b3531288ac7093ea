"""Real-data tests of page alueet (the rest: tests/app/test_page_alueet.py)."""

from __future__ import annotations

import pytest

from kohtaanto import charts
from tests.app.test_page_alueet import bars, figure
from tests.apptest_util import run_app, title_of


@pytest.mark.parametrize("level", ["region", "ely", "employment_area", "elinvoimakeskus"])
def test_real_levels_draw_every_area(real_db, monkeypatch, level):
    at = run_app(real_db, monkeypatch, page="alueet", area="KU167", lang="fi", level=level)
    count = {"region": 19, "ely": 16, "employment_area": 46, "elinvoimakeskus": 10}[level]
    spec = figure(at, "choropleth")
    assert len(spec["data"][0]["locations"]) == count  # every area has a figure in 10/2023
    assert len(bars(figure(at, "bar"))) == count
    # Joensuu is a municipality: its area at this level is outlined and named.
    outlined = spec["data"][-1]["locations"]
    assert len(outlined) == 1
    assert any(
        c.value.startswith("Joensuu (kunta): kartassa ja järjestyksessä on korostettu")
        for c in at.caption
    )


def test_real_coordinator_area_highlights_its_regions(real_db, monkeypatch):
    at = run_app(real_db, monkeypatch, page="alueet", area="KA4", lang="en")
    spec = figure(at, "choropleth")
    assert sorted(spec["data"][-1]["locations"]) == ["MK10", "MK11", "MK12"]
    assert "highlighted: Eastern Finland (3 areas)" in title_of(spec)
    trend = figure(at, "scatter")
    strong = [d["name"] for d in trend["data"] if d["line"]["color"] == charts.AREA]
    assert strong == ["Eastern Finland"]  # the regions it holds stay grey in the trend


def test_real_holder_with_the_same_name_is_told_apart(real_db, monkeypatch):
    # The employment area North Karelia holds the region North Karelia: one name, two lines.
    at = run_app(
        real_db, monkeypatch, page="alueet", area="MK12", lang="en", level="employment_area"
    )
    trend = figure(at, "scatter")
    strong = [d["name"] for d in trend["data"] if d["line"]["width"] == 3]
    assert strong == ["North Karelia", "North Karelia (employment area)"]
    assert title_of(trend).startswith(
        "Unemployed as a share of the labour force: North Karelia, North Karelia (employment area), "
    )
