"""Real-data tests of page kokeneet (the rest: tests/app/test_page_kokeneet.py)."""

from __future__ import annotations

import pytest

from kohtaanto import charts
from tests.app.test_page_kokeneet import specs
from tests.apptest_util import run_app


@pytest.mark.parametrize(
    "params",
    [
        {"area": "SSS"},
        {"area": "SK051", "age": "55-59", "lang": "en"},
        {"area": "MK12", "lang": "sv"},
        {"area": "KU109", "start": "2020-06", "end": "2020-06"},
        {"area": "KA4", "age": "SSS", "start": "2019-01", "end": "2019-12"},
    ],
)
def test_real_database_renders(real_db, monkeypatch, params):
    at = run_app(real_db, monkeypatch, page="kokeneet", **params)
    assert at.title[0].value.split(": ")[0] in {
        "Kokeneet osaajat",
        "Erfarna talanger",
        "Experienced talent",
    }
    assert specs(at), "the survey chart shows on every area"


def test_real_database_names_the_age_breaks(real_db, monkeypatch):
    at = run_app(real_db, monkeypatch, page="kokeneet", area="SK051", age="55-59", lang="en")
    # As read: the line breaks of a long subtitle (charts.WRAP) are spaces.
    subtitles = [
        s["layout"]["title"]["subtitle"]["text"].replace(charts.WRAP, " ") for s in specs(at)
    ]
    assert subtitles[0].startswith("Employment service register, tyonv/1205: 15–19, 20–24,")
    # 12r5 has the 50+ break too since its 2026-06 answer came into the mirror (issue 7).
    assert subtitles[2] == "Employment service register, tyonv/1207, tyonv/12r5: 15–24, 25–49, 50+"
    assert subtitles[3].startswith("Labour Force Survey, tyti/13aj: 15–24, 25–34,")
