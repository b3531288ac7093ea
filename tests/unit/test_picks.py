"""The own presentation's picks as a URL parameter: parsed, written back, reordered."""

from __future__ import annotations

from kohtaanto import picks
from kohtaanto.urlparams import Problem

KNOWN = ["share", "tightness", "beveridge"]


def test_round_trip_keeps_order_and_parameters():
    items = [("tightness", {}), ("beveridge", {"kind": "monthly"}), ("share", {})]
    text = picks.format_picks(items)
    assert text == "tightness,beveridge~kind=monthly,share"
    assert picks.parse(text, KNOWN) == (items, None)


def test_unknown_codes_and_bad_parameters_are_dropped_with_a_notice():
    parsed, problem = picks.parse("share,rm -rf,beveridge~kind,share,tightness~a=<b>", KNOWN)
    assert parsed == [("share", {})]
    assert problem == Problem("picks", "share,rm -rf,beveridge?kind,share,tight…")


def test_codes_of_indicators_and_projects_travel_in_a_pick():
    """Seuranta's progress for 55+ of one project: upper-case codes with a hyphen."""
    items = [("monitoring_progress", {"indicator": "EECO08", "project": "KOHESIO-Q7442769"})]
    text = picks.format_picks(items)
    assert text == "monitoring_progress~indicator=EECO08~project=KOHESIO-Q7442769"
    assert picks.parse(text, ["monitoring_progress"]) == (items, None)


def test_empty_means_no_picks():
    assert picks.parse(None, KNOWN) == ([], None)
    assert picks.parse("", KNOWN) == ([], None)


def test_move_keeps_inside_the_list():
    items = [("a", {}), ("b", {}), ("c", {})]
    assert picks.move(items, 2, -1) == [("a", {}), ("c", {}), ("b", {})]
    assert picks.move(items, 0, -1) == items
    assert picks.move(items, 0, 5) == [("b", {}), ("c", {}), ("a", {})]
    assert picks.move(items, 7, 1) == items


def test_plain_titles_for_headings_slides_and_file_names():
    from kohtaanto.charts import plain_title

    assert plain_title("Työttömät<br><sup>maakunnittain, 10/2023</sup>") == (
        "Työttömät – maakunnittain, 10/2023"
    )
    assert plain_title("A &amp; B") == "A & B"
