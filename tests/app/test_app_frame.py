"""The shared frame and Yleiskuva, run headless on the tiny database with known numbers."""

from __future__ import annotations

import re
import shutil

import pytest

from tests.app.test_page_kokeneet import add_ages
from tests.apptest_util import run_app

NBSP = "\u00a0"


def metrics(at) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def test_key_figures_of_the_latest_month(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, area="MK12")
    got = metrics(at)
    assert got["Työttömät työnhakijat"] == ("127", "")
    assert got["Työttömien osuus"] == (f"12,7{NBSP}%", "")
    assert at.title[0].value == "Yleiskuva: Maakunta 12"


def test_english_numbers(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, area="KA1", lang="en")
    got = metrics(at)
    assert got["Unemployed jobseekers"] == ("1,000", "")
    assert got["Vacancies per unemployed jobseeker"] == ("0.40", "")
    assert at.title[0].value == "Overview: Uusimaa"


def test_filters_are_written_back_as_codes(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, area="KA1", lang="sv")
    assert at.query_params["area"] == ["KA1"] or at.query_params["area"] == "KA1"
    at.selectbox(key="f_area").set_value("MK02").run()
    assert at.title[0].value == "Översikt: Landskap 02"
    assert dict(at.query_params)["area"] in ("MK02", ["MK02"])


def test_bad_parameters_fall_back_with_a_notice(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, area="'; drop table areas; --", start="2023-13", lang="xx")
    notices = [i.value for i in at.info]
    assert any("area" in n and "drop table areas" in n for n in notices)
    assert any("start" in n for n in notices)
    assert any("lang" in n for n in notices)
    assert at.title[0].value == "Yleiskuva: Koko maa"


def test_period_change_moves_the_key_figures(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, area="MK12", end="2023-09")
    assert metrics(at)["Työttömät työnhakijat"] == ("130", "")
    at.sidebar.selectbox(key="f_end").set_value("2023-10").run()
    assert metrics(at)["Työttömät työnhakijat"] == ("127", "")
    assert "end" not in dict(at.query_params)  # back to the default, so out of the URL


def test_age_picker_offers_only_groups_with_data(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, area="MK12")
    options = at.sidebar.selectbox(key="f_age").options
    assert options == ["Kaikki ikäryhmät"]  # the tiny data have no age groups


def test_without_the_month_a_year_earlier_the_page_says_why(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, area="MK12", lang="en")
    assert all(m.delta == "" for m in at.metric if m.value != "–")
    captions = [c.value for c in at.caption]
    assert "No change over a year is shown: there are no figures for October 2022." in captions


def test_a_card_without_a_figure_says_why_on_the_card(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, area="MK12", lang="en")
    assert metrics(at)["Long-term unemployed"] == ("–", "Not in the source")
    assert metrics(at)["Unemployed jobseekers"] == ("127", "")


def test_a_share_changes_in_percentage_points(demo_db, monkeypatch):
    at = run_app(demo_db, monkeypatch, area="MK12")
    delta = metrics(at)["Työttömien osuus"][1]
    assert re.fullmatch(r"[+\-±]\d+,\d\u00a0%-yks\.", delta), delta  # no break before the unit
    change = metrics(at)["Työttömät työnhakijat"][1]
    assert re.fullmatch(r"[+\-±][\d\u00a0]+", change), change  # a count needs no unit


def test_ongoing_projects_of_the_country_in_one_count(demo_db, monkeypatch):
    """Not "Pågående projekt i Hela landet: 2, dessutom 1 riksomfattande": for the whole country
    the national projects are the country's too, and its name is no proper noun in a sentence."""
    links = [e.proto.label for e in run_app(demo_db, monkeypatch, lang="sv").get("page_link")]
    assert links == ["Pågående projekt i hela landet: 3 – se Projekt"]
    at = run_app(demo_db, monkeypatch, lang="sv", area="MK12")
    assert [e.proto.label for e in at.get("page_link")] == [
        "Pågående projekt i Norra Karelen: 1, dessutom 1 riksomfattande – se Projekt"
    ]


@pytest.fixture()
def age_db(tiny_db, tmp_path):
    """The tiny database with the age breaks of tests/test_page_kokeneet.py (Maakunta 12:
    50+ 50 in 9/2023, 51 in 10/2023)."""
    db = tmp_path / "ages.duckdb"
    shutil.copy(tiny_db, db)
    add_ages(db)
    return db


@pytest.mark.parametrize(
    ("lang", "label", "help_start"),
    [
        ("fi", "Heistä 50+", "Ikäryhmäksi on valittu kaikki ikäryhmät; kortti näyttää"),
        ("sv", "Av dem 50+", "Alla åldrar är valda; kortet visar"),
        ("en", "Of whom 50+", "All ages are chosen; the card shows"),
    ],
)
def test_with_all_ages_the_age_card_shows_the_experienced_group(
    age_db, monkeypatch, lang, label, help_start
):
    """ "Heistä kaikki ikäryhmät" repeated the first card's 127: with all ages chosen the card
    shows the 50+ the register has for Maakunta 12 (51 in 10/2023, 50 a month earlier; the tiny
    data have no year-earlier month, so no change), and its help says why."""
    at = run_app(age_db, monkeypatch, area="MK12", age="SSS", lang=lang)
    cards = {m.label: m for m in at.metric}
    assert not any("kaikki ikäryhmät" in c.lower() or "alla åldrar" in c.lower() for c in cards)
    assert label in cards, list(cards)
    assert cards[label].value == "51"
    assert cards[label].proto.help.startswith(help_start)
    # A chosen group keeps its own card and help.
    at = run_app(age_db, monkeypatch, area="MK12", age="50-", lang=lang)
    cards = {m.label: m for m in at.metric}
    assert cards[label].value == "51"
    assert not cards[label].proto.help.startswith(help_start)
