"""Demo projects: made up, marked demo, consistent, and shown by both pages."""

from __future__ import annotations

import duckdb
import pytest

from kohtaanto.i18n import t
from tests.apptest_util import run_app


def test_demo_projects_are_marked_and_consistent(demo_db):
    with duckdb.connect(str(demo_db), read_only=True) as con:
        rows = con.execute(
            "select project_code, source, name_fi from projects order by 1"
        ).fetchall()
        assert [r[0] for r in rows] == ["DEMO-01", "DEMO-02", "DEMO-03", "DEMO-04", "DEMO-05"]
        assert {r[1] for r in rows} == {"demo"} and all("(demo)" in r[2] for r in rows)
        assert con.execute("select distinct kind from project_files").fetchall() == [("demo",)]
        over = con.execute(
            "select count(*) from project_indicators a join project_indicators b "
            "using (project_code, period_end, sex) "
            "where a.indicator = 'EECO08' and b.indicator = 'EECO01' and a.achieved > b.achieved"
        ).fetchone()[0]
        assert over == 0
        assert con.execute("select count(*) from project_indicators").fetchone()[0] > 0


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_both_pages_on_the_demo_database(demo_db, monkeypatch, lang):
    at = run_app(demo_db, monkeypatch, page="hankkeet", lang=lang, area="MK12")
    codes = [
        list(d.value.iloc[:, 0])
        for d in at.dataframe
        if d.value.columns[0] == t("hankkeet.col_project_code", lang)
    ]
    assert codes[0] == ["DEMO-05", "DEMO-01"]  # in Pohjois-Karjala: upcoming first, then ongoing
    assert codes[1] == ["DEMO-04"]  # national, apart
    at = run_app(demo_db, monkeypatch, page="seuranta", lang=lang)
    assert at.subheader[0].value == t("seuranta.progress_title", lang)
    assert not at.error


def test_yleiskuva_links_to_the_areas_ongoing_projects(demo_db, monkeypatch):
    at = run_app(demo_db, monkeypatch, page="yleiskuva", area="MK12", lang="en")
    links = [(p.proto.label, p.proto.page) for p in at.get("page_link")]
    # DEMO-01 runs in Pohjois-Karjala, DEMO-05 is yet to start there; DEMO-04 is national.
    assert links == [
        ("Ongoing projects in North Karelia: 1, plus 1 national – see Projects", "hankkeet")
    ]
