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


def test_official_page_prefers_the_exports_own_address():
    given = "https://www.eura2021.fi/hakutulokset/projektikortti?id=S30001"
    assert databank.official_page("S30001", given, "2021–2027", "eura2021") == given
    # A workbook's own address for a 2021–2027 code is not the official page: the card is.
    assert databank.official_page("S30002", "https://hanke.fi", "2021–2027", "workbook") == (
        "https://www.eura2021.fi/hakutulokset/projektikortti?id=S30002"
    )
    assert (
        databank.official_page("KOHESIO-Q1", "https://kohesio.eu/x", "2021–2027", "workbook")
        is None
    )


def test_code_links_show_the_code():
    import re

    card = "https://www.eura2021.fi/hakutulokset/projektikortti?id=S30001"
    assert databank.code_link("S30001", None, "2021–2027", "workbook", "fi", "SSS") == card
    old = "https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi=S20762"
    assert databank.code_link("S20762", old, "2014–2020", "workbook", "sv", "KA4") == old
    own = databank.code_link("OMA-TTM", "https://ely.fi/x", "2021–2027", "workbook", "sv", "KA4")
    assert own == "hankkeet?project=OMA-TTM&lang=sv&area=KA4"
    # The table shows the code: LinkColumn's display_text takes the regex's group from each.
    shown = [re.search(databank.CODE_IN_LINK, u)[1] for u in (card, old, own)]
    assert shown == ["S30001", "S20762", "OMA-TTM"]


def test_list_shows_sources_as_words():
    rows = pd.DataFrame(
        {
            "project_code": ["A", "B"],
            "name_sv": ["Projekt A", "Projekt B"],
            "implementer": [None, "X"],
            "areas_sv": ["Lappland", None],
            "start_date": [None, None],
            "end_date": [None, None],
            "project_status": ["ongoing", "ended"],
            "programme_period": ["2021–2027", None],
            "target_groups": [None, None],
            "themes": [None, None],
            "planned_eu_state_eur": [1000.0, None],
            "planned_total_eur": [None, None],
            "practices": [0, 1],
            "source": ["workbook", "eura2021"],
        }
    )
    table = databank.list_table(rows, "sv")
    assert list(table["Källa"]) == [
        "koordineringens arbetsbok",
        "export från EURA 2021-projektsökningen",
    ]
