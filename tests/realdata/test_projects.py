"""Real-data tests of projects (the rest: tests/app/test_projects.py)."""

from __future__ import annotations

from kohtaanto.projects import tables as project_tables
from kohtaanto.projects import workbook as projects
from tests.app.test_projects import D
from tests.conftest import shared_raw


def test_real_workbook_gives_nineteen_projects():
    raw = shared_raw()
    from kohtaanto import dimensions

    ctx = project_tables.context(raw, set(dimensions.build_areas(raw).table.area_code))
    data = projects.read_folder(raw / "projects", ctx)
    p = data.projects.set_index("project_code")
    assert len(p) == 19
    areas = data.project_areas.groupby("project_code").area_code.apply(sorted).to_dict()
    assert areas["S20762"] == ["KU286", "MK08"]
    assert areas["S21641"] == ["KU273", "KU683", "KU698"]
    assert areas["KOHESIO-Q7442769"] == ["MK01", "MK06", "MK16"]
    assert areas["OMA-TTM"] == ["SSS"]
    assert "S21468" not in areas  # the workbook gives it no area
    groups = data.project_target_groups.groupby("project_code").target_group.apply(sorted)
    assert groups["KOHESIO-Q7442769"] == ["55+", "työlliset"]
    assert groups["S20762"] == ["50+"]
    assert (p.loc["S20762", "start_date"], p.loc["S20762", "end_date"]) == (
        D(2016, 8, 1),
        D(2019, 7, 31),
    )
    assert p.loc["S21884", "programme_period"] == "2014–2020"
    assert p.loc["KOHESIO-Q7442769", "planned_total_eur"] == 311847
    assert sorted(p.index[p.in_theme]) == ["KOHESIO-Q7442769", "OMA-TE-KOHTAANTO", "OMA-TTM"]
