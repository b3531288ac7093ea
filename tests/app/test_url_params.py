"""URL parameters are untrusted: any value gives a valid view and, when ignored, a notice."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kohtaanto import urlparams
from tests.apptest_util import run_app

MONTHS = [dt.date(2023, m, 1) for m in range(1, 11)]
DEFAULT = (MONTHS[0], MONTHS[-1])
junk = st.one_of(
    st.none(),
    st.text(max_size=60),
    st.sampled_from(
        [
            "SSS",
            "MK12",
            "KA1",
            "2023-05",
            "2023-13",
            "'; drop table areas; --",
            "<script>",
            "…" * 50,
        ]
    ),
)


@given(raw=junk)
def test_choice_is_always_allowed(raw):
    value, problem = urlparams.parse_choice("area", raw, ["SSS", "MK12"], "SSS")
    assert value in {"SSS", "MK12"}
    assert (problem is None) == (raw in (None, "", "SSS", "MK12"))
    if problem:
        assert len(problem.raw) <= urlparams.MAX_SHOWN
        assert not set(problem.raw) & set("`*[]()<>#|$")


@given(start=junk, end=junk)
def test_range_is_always_inside_the_data(start, end):
    (first, last), problems = urlparams.parse_range(start, end, MONTHS, DEFAULT)
    assert first in MONTHS and last in MONTHS and first <= last
    if all(v in (None, "") for v in (start, end)):
        assert problems == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2023-05", dt.date(2023, 5, 1)),
        ("2023-5", None),
        ("2023-13", None),
        ("0000-01", None),
        (" 2023-05", None),
    ],
)
def test_parse_month(raw, expected):
    assert urlparams.parse_month(raw) == expected


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(area=junk, age=junk, start=junk, lang=junk)
def test_app_renders_with_any_parameters(tiny_db, monkeypatch, area, age, start, lang):
    params = {
        k: v
        for k, v in {"area": area, "age": age, "start": start, "lang": lang}.items()
        if v is not None
    }
    at = run_app(tiny_db, monkeypatch, **params)
    assert at.title[0].value.startswith(("Yleiskuva", "Översikt", "Overview"))
