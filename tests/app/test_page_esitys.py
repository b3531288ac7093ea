"""Presentation mode: storylines, slide numbers in the URL, previous/next, own picks."""

from __future__ import annotations

import pytest

from tests.apptest_util import run_app


def html_texts(at) -> str:
    return " ".join(h.proto.body for h in at.get("html"))


def test_first_slide_of_the_month_storyline(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="esitys", area="MK12")
    body = html_texts(at)
    assert "Työttömien osuus työvoimasta: Maakunta 12 ja koko maa" in body
    assert "Maakunta 12: 12,7\u00a0% lokakuussa 2023; koko maassa 10,0\u00a0%." in body


def test_slide_number_in_the_url_opens_that_slide(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="esitys", area="MK12", slide="3", lang="en")
    assert "Open vacancies per unemployed jobseeker: Region 12 and the whole country" in html_texts(
        at
    )


def test_next_and_previous_move_and_write_the_url(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="esitys", area="KA1")
    at.button(key="story_next").click().run()
    assert dict(at.query_params).get("slide") in ("2", ["2"])
    at.button(key="story_next").click().run()
    assert "Avoimia työpaikkoja työtöntä kohden: Uusimaa ja koko maa" in html_texts(at)
    at.button(key="story_prev").click().run()
    assert dict(at.query_params).get("slide") in ("2", ["2"])


def test_bad_slide_number_falls_back_with_a_notice(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="esitys", slide="99")
    assert any("slide" in i.value for i in at.info)
    assert "Työttömien osuus työvoimasta: Koko maa" in html_texts(at)


def test_own_storyline_is_empty_until_charts_are_added(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="esitys", story="oma", lang="en")
    assert any("no charts yet" in i.value for i in at.info)


def picks_param(at) -> str:
    value = dict(at.query_params).get("picks")
    return value[0] if isinstance(value, list) else value


def test_own_picks_live_in_the_url_and_the_presenter_orders_them(tiny_db, monkeypatch):
    # A link with picks shows that deck, in that order, for anyone.
    at = run_app(
        tiny_db,
        monkeypatch,
        page="esitys",
        story="oma",
        picks="tightness,share",
        area="MK12",
        lang="en",
    )
    assert "Open vacancies per unemployed jobseeker: Region 12 and the whole country" in html_texts(
        at
    )
    at.button(key="pick_later").click().run()
    assert picks_param(at) == "share,tightness"
    assert dict(at.query_params).get("slide") in ("2", ["2"])  # the moved slide stays in view
    assert "Open vacancies per unemployed jobseeker: Region 12 and the whole country" in html_texts(
        at
    )
    at.button(key="pick_remove").click().run()
    assert picks_param(at) == "share"
    assert (
        "Unemployed as a share of the labour force: Region 12 and the whole country"
        in html_texts(at)
    )


def test_a_chart_added_on_a_page_goes_into_the_link_at_once(tiny_db, monkeypatch):
    """The first "add to presentation" writes the picks into the URL on that page (a reload
    there kept nothing before), they stay through other pages, and the presentation page
    opens the own deck first, named with its count."""
    at = run_app(tiny_db, monkeypatch, area="MK12", lang="en")
    at.button(key="story_tightness").click().run()
    assert picks_param(at) == "tightness"
    at.button(key="story_share").click().run()
    assert picks_param(at) == "tightness,share"
    at.switch_page("pages/alueet.py")
    at.run()
    assert picks_param(at) == "tightness,share"
    at.switch_page("pages/esitys.py")
    at.run()
    assert not at.exception
    story = at.selectbox(key="p_story")
    assert story.value == "oma" and story.options[0] == "Own presentation (2)"
    assert at.selectbox(key="p_slide").options == ["1 / 2", "2 / 2"]
    assert "Open vacancies per unemployed jobseeker: Region 12 and the whole country" in html_texts(
        at
    )


@pytest.mark.parametrize(
    ("lang", "name"), [("fi", "Oma esitys (3)"), ("sv", "Egen presentation (3)")]
)
def test_a_link_with_picks_opens_the_own_deck_first(lang, name, tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="esitys", picks="share,tightness,beveridge", lang=lang)
    story = at.selectbox(key="p_story")
    assert (story.value, story.options[0]) == ("oma", name)
    assert at.selectbox(key="p_slide").value == "1"
    assert at.selectbox(key="p_slide").options[-1] == "3 / 3"
    assert "story" not in dict(at.query_params)  # the own deck is the default: no parameter


def test_without_own_charts_a_storyline_opens_and_the_own_deck_is_last(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="esitys")
    story = at.selectbox(key="p_story")
    assert story.value == "kuukausi"
    assert story.options[-1] == "Oma esitys"


def test_unknown_picks_are_dropped_with_a_notice(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="esitys", story="oma", picks="share,nosuch", lang="en")
    assert any("picks" in i.value for i in at.info)
    assert picks_param(at) == "share"


def test_a_panel_with_page_parameters_goes_into_the_link(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="ammatit", area="MK01", lang="en", level="3")
    at.button(key="story_occupation_shortage").click().run()
    at.switch_page("pages/esitys.py")
    at.query_params["story"] = "oma"
    at.run()
    assert not at.exception
    assert picks_param(at) == "shortage~level=3"
    assert not at.info  # no notice: the link's picks are all valid
