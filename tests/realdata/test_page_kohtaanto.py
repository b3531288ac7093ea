"""Real-data tests of page kohtaanto (the rest: tests/app/test_page_kohtaanto.py)."""

from __future__ import annotations

import pytest

from tests.app.test_page_kohtaanto import figures
from tests.apptest_util import run_app


@pytest.mark.parametrize(
    "params",
    [
        {"area": "MK12"},
        {"area": "SSS", "beveridge": "monthly", "level": "4"},
        {"area": "KA4", "lang": "sv"},
        {"area": "TA06", "level": "1"},
        {"area": "KU167", "age": "SSS"},
        {"area": "SK122", "start": "2023-10", "end": "2023-10"},
        {"area": "MK21", "start": "2006-01", "end": "2006-03"},
    ],
)
def test_renders_on_real_data(real_db, monkeypatch, params):
    at = run_app(real_db, monkeypatch, page="kohtaanto", **{"lang": "en", **params})
    assert at.title[0].value.startswith("Matching:") or at.title[0].value.startswith("Matchning:")
    assert figures(at), "at least the regional mismatch index is drawn"


def test_real_region_has_every_chart(real_db, monkeypatch):
    at = run_app(real_db, monkeypatch, page="kohtaanto", area="MK12", lang="fi")
    assert len(figures(at)) == 4
    assert not at.info


def test_real_municipality_is_covered_by_its_region(real_db, monkeypatch):
    at = run_app(real_db, monkeypatch, page="kohtaanto", area="KU167", lang="fi")
    assert any("Alueen kattaa Pohjois-Karjala" in i.value for i in at.info)
