"""Real-data tests of page toimialat (the rest: tests/app/test_page_toimialat.py)."""

from __future__ import annotations

import pytest

from kohtaanto.i18n import t
from tests.app.test_page_toimialat import figures
from tests.apptest_util import plotly_values as values
from tests.apptest_util import run_app


def test_real_data_lack_12tw_but_have_the_labour_force_survey(real_db, monkeypatch):
    at = run_app(real_db, monkeypatch, page="toimialat", area="MK12", lang="en")
    assert t("toimialat.no_12tw", "en") in [i.value for i in at.info]
    got = figures(at)
    bar = got["Share of the employed aged 55–64: whole country, 2017"]["data"][0]
    shares = dict(zip(bar["y"], values(bar["x"]), strict=True))
    # Tau031, 2017: agriculture, forestry, fishing and mining 23 000 of 87 000.
    assert shares["Agriculture, forestry and fishing; mining"] == pytest.approx(100 * 23 / 87)
    assert "Share aged 55–64, 2012 and 2017: whole country" in got


@pytest.mark.parametrize("area", ["KU020", "TA01", "SK011"])
def test_renders_on_real_data_for_small_areas(real_db, monkeypatch, area):
    at = run_app(real_db, monkeypatch, page="toimialat", area=area)
    assert len(figures(at)) == 2
