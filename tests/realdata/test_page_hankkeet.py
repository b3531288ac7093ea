"""Real-data tests of the Hankkeet page: the mirror's workbook of 19 real projects (the rest: tests/app/test_page_hankkeet.py)."""

from __future__ import annotations

import json

import pytest

from kohtaanto.i18n import t
from tests.app.test_page_hankkeet import lists
from tests.apptest_util import plotly_values as values
from tests.apptest_util import run_app, title_of


def test_lapland_lists_its_projects_and_national_ones_apart(real_projects_db, monkeypatch):
    at = run_app(real_projects_db, monkeypatch, page="hankkeet", area="MK19")
    shown = lists(at)
    assert shown["Alueella Lappi tai sen osissa (3)"] == ["S21884", "S21641", "S20561"]
    assert shown["Valtakunnalliset hankkeet (4)"] == [
        "OMA-TTM",
        "S20578",
        "S20109",
        "OMA-TE-KOHTAANTO",
    ]
    assert (
        "**Laajemman tai osin päällekkäisen alueen hankkeet, jotka kattavat alueen Lappi (0)**"
        in [m.value for m in at.markdown]
    )


def test_project_card_shows_kymenlaakso_over_the_projects_period(real_projects_db, monkeypatch):
    at = run_app(real_projects_db, monkeypatch, page="hankkeet", project="S20762", lang="en")
    assert at.subheader[0].value == "S20762: TYÖIKÄ – Työtä kaiken ikää"
    assert t("hankkeet.no_50", "en", area="Kymenlaakso", start="8/2016", end="7/2019") in [
        i.value for i in at.info
    ]
    charts = {
        title_of(json.loads(c.proto.spec)): json.loads(c.proto.spec) for c in at.get("plotly_chart")
    }
    spec = charts["Kymenlaakso: unemployed and labour-market tightness 8/2016–7/2019"]
    names = [tr["name"] for tr in spec["data"]]
    assert names == [t("hankkeet.series_unemployed", "en"), t("hankkeet.series_tightness", "en")]
    unemployed = values(spec["data"][0]["y"])
    assert len(unemployed) == 36 and unemployed[0] == 12102 and unemployed[-1] == 9332
    # 12r5 for Kymenlaakso, July 2019: 1 035 open vacancies for 9 332 unemployed.
    assert values(spec["data"][1]["y"])[-1] == pytest.approx(1035 / 9332)
    assert spec["data"][1]["x"][0].startswith("2016-08-01")
    assert "tyonv/12r5" in spec["layout"]["annotations"][0]["text"]
    # A 2014–2020 project links to its source address (eura2014), not to EURA 2021.
    assert at.get("link_button")[0].proto.url == (
        "https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi=S20762"
    )


def test_filters_and_search_from_the_url(real_projects_db, monkeypatch):
    at = run_app(real_projects_db, monkeypatch, page="hankkeet", target="50+", period="2014–2020")
    assert lists(at) == {"Alueelliset hankkeet (2)": ["S20762", "S20363"]}
    at = run_app(real_projects_db, monkeypatch, page="hankkeet", q="urasuunnittelu")
    assert lists(at) == {"Alueelliset hankkeet (2)": ["S20561", "S20077"]}
    at = run_app(real_projects_db, monkeypatch, page="hankkeet", status="nonsense")
    assert t("common.bad_param", "fi", param="status", value="nonsense") in [
        i.value for i in at.info
    ]
