"""Real-data tests of page ammatit (the rest: tests/app/test_page_ammatit.py)."""

from __future__ import annotations

import pytest

from kohtaanto.i18n import t
from tests.app.test_page_ammatit import figures, points
from tests.apptest_util import run_app


@pytest.mark.parametrize(
    "params",
    [
        {"area": "MK12", "lang": "fi"},
        {"area": "SSS", "lang": "en", "level": "4", "occupation": "5321"},
        {"area": "KA4", "lang": "sv", "level": "1", "occupation": "0"},
        {"area": "TA01", "age": "SSS", "start": "2023-10", "end": "2023-10", "level": "3"},
    ],
)
def test_renders_on_real_data(real_db, monkeypatch, params):
    at = run_app(real_db, monkeypatch, page="ammatit", **params)
    assert at.title[0].value.startswith(("Ammatit", "Occupations", "Yrken"))


def test_real_region_in_october_2023(real_db, monkeypatch):
    at = run_app(real_db, monkeypatch, page="ammatit", area="MK12", lang="en")
    spec = figures(at)["Unemployed jobseekers and open vacancies by occupation: North Karelia"]
    # Counts from 10 to ~800: log axes. Group 53 (care workers): 531 jobseekers, 508 vacancies.
    assert spec["layout"]["xaxis"]["type"] == "log"
    assert (531.0, 508.0) in points(spec)["More jobseekers than vacancies"]
    assert "estimate" in spec["layout"]["annotations"][0]["text"]


def test_real_municipality_is_covered_by_its_region(real_db, monkeypatch):
    at = run_app(real_db, monkeypatch, page="ammatit", area="KU020", lang="fi")
    expected = t(
        "ammatit.covering", "fi", area="Akaa", covering="Pirkanmaa", level=t("level.region", "fi")
    )
    assert expected in [i.value for i in at.info]
    assert "Työttömät ja avoimet työpaikat ammateittain: Pirkanmaa" in figures(at)
