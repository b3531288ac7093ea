"""The area classification shipped with the code (data/reference/area_classification.csv and
nuts_codes.csv) is what the raw mirror's municipality keys give: regenerate it with
``python -m kohtaanto.projects.reference ../shared/raw`` when this fails."""

from __future__ import annotations

import pytest

from kohtaanto import paths
from kohtaanto.projects import reference
from tests.conftest import shared_raw

pytestmark = pytest.mark.realdata


def test_shipped_classification_matches_the_mirror(tmp_path):
    raw = shared_raw()
    for name in (reference.AREAS_CSV, reference.NUTS_CSV):
        (tmp_path / name).write_text("")
    for path in (paths.REFERENCE).glob("*.csv"):
        if path.name not in (reference.AREAS_CSV, reference.NUTS_CSV):
            (tmp_path / path.name).write_bytes(path.read_bytes())
    written = reference.write_reference(raw, tmp_path)
    for path in written:
        assert path.read_text() == (paths.REFERENCE / path.name).read_text(), path.name


def test_shipped_classification_has_every_level():
    areas = reference.shipped_areas()
    assert areas.level.value_counts().to_dict() == {
        "municipality": 309,
        "sub_region": 69,
        "employment_area": 46,
        "region": 19,
        "ely": 16,
        "elinvoimakeskus": 10,
        "coordinator_area": 5,
        "major_region": 5,
        "country": 1,
    }
    names = areas.set_index("area_code")
    assert tuple(names.loc["KU167", ["name_fi", "name_sv", "parent_code"]]) == (
        "Joensuu",
        "Joensuu",
        "SK122",
    )
    assert reference.shipped_nuts()["FI1DC"] == "MK12"
    assert names.loc["SSS", "parent_code"] is None
