"""Real-data tests of page aineisto (the rest: tests/app/test_page_aineisto.py)."""

from __future__ import annotations

import pytest

from kohtaanto.i18n import t
from tests.app.test_page_aineisto import preview, table
from tests.apptest_util import run_app


@pytest.mark.parametrize(
    "params",
    [
        {"area": "KU109", "age": "55-59", "start": "2018-10", "end": "2020-06"},
        {"area": "KU167", "age": "50-"},
        {"area": "SSS", "lang": "sv"},
        {"area": "TA06", "age": "SSS"},
        {"area": "MK12", "start": "2023-10", "end": "2023-10"},
    ],
)
def test_renders_on_real_data(real_db, monkeypatch, params):
    at = run_app(real_db, monkeypatch, page="aineisto", **{"lang": "en", **params})
    assert at.title[0].value.startswith(("Data:", "Aineisto:"))
    assert len(at.table[0].value) == 9  # the source tables of the mirror


def test_real_hameenlinna_has_five_year_groups(real_db, monkeypatch):
    at = run_app(
        real_db,
        monkeypatch,
        page="aineisto",
        area="KU109",
        lang="en",
        age="55-59",
        start="2019-01",
        end="2019-12",
    )
    _, age = preview(at)
    assert set(age.source_table) == {"tyonv/1205"}
    # The five-year groups exist for the Hämeenlinna area only, not for the country.
    assert set(age.area_code) == {"KU109"} and set(age.sex) == {"SSS", "1", "2"}
    assert len(age[age.sex == "SSS"]) == 12


def test_real_municipality_without_age_rows(real_db, monkeypatch):
    at = run_app(
        real_db,
        monkeypatch,
        page="aineisto",
        area="KU167",
        lang="en",
        age="50-",
        start="2021-01",
        end="2023-10",
    )
    assert t("aineisto.age_empty", "en", age="aged 50 and over") in [i.value for i in at.info]


def test_real_areas_outside_the_classifications(real_db, monkeypatch):
    at = run_app(real_db, monkeypatch, page="aineisto", lang="en")
    assert t("aineisto.unallocated_header", "en") in [h.value for h in at.subheader]
    outside = table(at, "Figures")
    assert list(outside["Code"]) == [
        "`ELY80`",
        "`ELYJO`",
        "`KU199`",
        "`KUJOU`",
        "`MK91`",
        "`MKJO`",
        "`SK902`",
        "`SKJOU`",
    ]
    kujou = outside[outside["Code"] == "`KUJOU`"].iloc[0]
    assert kujou["Figures"] == "New vacancies, Open vacancies"
    assert kujou["Period"] == "6/2026"
    assert kujou["Area"] == "Vacancies without a known area (KUJOU)"
