"""The databank's list logic: filters, search and the official card's address."""

from __future__ import annotations

import pandas as pd

from kohtaanto.projects import databank

ROWS = pd.DataFrame(
    {
        "project_code": ["A", "B", "C"],
        "search_text": ["a urasuunnittelu lappi", "b mentorointi", None],
        "themes": ["kohtaanto, rekrytointi", "rekrytointi", None],
        "target_groups": ["55+, työnantajat", "50+", "55+"],
        "project_status": ["ongoing", "ended", "upcoming"],
        "programme_period": ["2021–2027", "2014–2020", "2021–2027"],
    }
)


def codes(**filters) -> list[str]:
    return list(databank.filter_projects(ROWS, **filters).project_code)


def test_filters():
    assert codes() == ["A", "B", "C"]
    assert codes(q="URASUUNNITTELU Lappi") == ["A"]
    assert codes(q="lappi mentorointi") == []  # every word must match
    assert codes(theme="rekrytointi") == ["A", "B"]
    assert codes(theme="kohtaanto") == ["A"]
    assert codes(target="55+") == ["A", "C"]
    assert codes(target="5") == []  # whole items, not substrings
    assert codes(status="ended") == ["B"]
    assert codes(period="2021–2027", target="55+", status="upcoming") == ["C"]


def test_split_and_clean_query():
    assert databank.split(ROWS.themes) == ["kohtaanto", "rekrytointi"]
    assert databank.clean_query("  kokeneet\x00 osaajat ") == "kokeneet osaajat"
    assert len(databank.clean_query("x" * 500)) == 100


def test_official_card():
    assert databank.official_card("S30001", None, "2021–2027") == (
        "https://www.eura2021.fi/hakutulokset/projektikortti?id=S30001"
    )
    old = "https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi=S20762"
    assert databank.official_card("S20762", old, "2014–2020") == old
    assert databank.official_card("OMA-1", None, "2021–2027") is None
