"""Small counts on /seuranta: primary and secondary suppression on hand-made totals and parts
(kohtaanto/projects/monitoring.py), and the totals table's rows."""

from __future__ import annotations

import datetime as dt
import itertools

import pandas as pd
import pytest

from kohtaanto.projects import monitoring as m

P, S = m.PRIMARY, m.SECONDARY


def worked_out(values, hidden, total, parts) -> dict:
    """Brute force: for each hidden cell, the values that fit the shown cells ("< 5" = 1–4,
    ".." = 5 or more), by trying every combination up to the total plus 10."""
    cells = [c for c in [total, *parts] if c in hidden]
    top = values[total] + 10
    domain = {c: range(1, 5) if hidden[c] == P else range(5, top + 1) for c in cells}
    fits = {c: set() for c in cells}
    for combo in itertools.product(*(domain[c] for c in cells)):
        guess = dict(zip(cells, combo, strict=True))
        value = {c: guess.get(c, values[c]) for c in [total, *parts]}
        if value[total] == sum(value[p] for p in parts):
            for c in cells:
                fits[c].add(guess[c])
    return fits


def test_parts_3_12_20_hide_the_3_and_one_more():
    values = {"a": 3, "b": 12, "c": 20, "T": 35}
    hidden = m.suppress(values, [("T", ["a", "b", "c"])])
    assert hidden == {"a": P, "b": S}  # the smallest part that protects the 3
    fits = worked_out(values, hidden, "T", ["a", "b", "c"])
    assert fits == {"a": {1, 2, 3, 4}, "b": {11, 12, 13, 14}}


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ({"a": 3, "b": 40}, {"a": P, "b": S}),  # two parts: the other one goes too
        ({"a": 3}, {"a": P, "T": P}),  # one part: the total is the part
        ({"a": 1, "b": 1}, {"a": P, "b": P, "T": P}),  # a total of 2 is itself small
        ({"a": 2, "b": 3, "c": 30}, {"a": P, "b": P}),  # two small ones hide each other
        ({"a": 5, "b": 12}, {}),  # nothing small, nothing hidden
        ({"a": 0, "b": 3, "c": 9}, {"b": P, "c": S}),  # a 0 protects nothing
    ],
)
def test_no_hidden_count_can_be_worked_out(parts, expected):
    values = {**parts, "T": sum(parts.values())}
    hidden = m.suppress(values, [("T", list(parts))])
    assert hidden == expected
    for cell, fits in worked_out(values, hidden, "T", list(parts)).items():
        assert len(fits) >= 2, (cell, fits)


def test_a_cell_hidden_for_one_total_is_hidden_in_the_others():
    # Rows A = p1 + p2 and B = p3 of the total T: the 3 in A hides p2; then A (shown) and
    # T (shown) would give B = p3, fine, but the total against the rows must not give A away.
    values = {"p1": 3, "p2": 12, "p3": 20, "A": 15, "B": 20, "T": 35}
    groups = [("A", ["p1", "p2"]), ("B", ["p3"]), ("T", ["A", "B"]), ("T", ["p1", "p2", "p3"])]
    hidden = m.suppress(values, groups)
    assert hidden == {"p1": P, "p2": S}
    for total, parts in groups:
        for cell, fits in worked_out(values, hidden, total, parts).items():
            assert len(fits) >= 2, (total, cell, fits)


def test_a_small_row_hides_a_second_row():
    values = {"p1": 3, "p2": 25, "p3": 20, "A": 3, "B": 25, "C": 20, "T": 48}
    groups = [("A", ["p1"]), ("B", ["p2"]), ("C", ["p3"]), ("T", ["A", "B", "C"])]
    hidden = m.suppress(values, groups)
    # A (= p1 = 3) is small; T - B - C would give it: C (the smallest row) goes, and with it
    # its only project p3 (else C = p3 would be shown).
    assert hidden == {"p1": P, "A": P, "C": S, "p3": S}
    for total, parts in groups:
        for cell, fits in worked_out(values, hidden, total, parts).items():
            assert len(fits) >= 2, (total, cell, fits)


@pytest.mark.parametrize(
    ("value", "status", "lang", "text"),
    [
        (3, P, "fi", "< 5"),
        (12, S, "fi", ".."),
        (1234, None, "fi", "1\u00a0234"),
        (1234, None, "en", "1,234"),
        (None, None, "sv", "–"),
    ],
)
def test_shown(value, status, lang, text):
    assert m.shown(value, status, lang) == text


def test_a_share_of_a_hidden_count_is_not_shown():
    assert m.share_shown(10, 40, [None, None], "fi") == "25\u00a0%"
    assert m.share_shown(3, 40, [P, None], "fi") == "–"  # 3 = 7,5 % of 40 would give it back
    assert m.share_shown(10, 40, [None, S], "en") == "–"


def test_rows_partition_the_projects():
    children = pd.DataFrame(
        {
            "area_code": ["KA1", "KA1", "KA3", "KA4", "KA5"],
            "project_code": ["A", "M", "M", "B", None],
        }
    )
    rows = m.table_rows(children, ["A", "B", "M", "N", "X"], national=["N"])
    assert rows == {
        "KA1": ["A"],
        "KA3": [],
        "KA4": ["B"],
        "KA5": [],
        m.SEVERAL: ["M"],
        m.NATIONAL: ["N"],
        m.UNPLACED: ["X"],
        m.TOTAL: ["A", "B", "M", "N", "X"],
    }
    assert m.table_rows(pd.DataFrame(), ["A"], []) == {m.TOTAL: ["A"]}


def test_area_totals_hide_what_the_rule_says():
    d = dt.date(2025, 6, 30)
    cells = pd.DataFrame(
        [
            ("A", "EECO01", d, 20.0),
            ("A", "EECO08", d, 3.0),
            ("B", "EECO01", d, 25.0),
            ("B", "EECO08", d, 12.0),
            ("C", "EECO01", d, 40.0),
            ("C", "EECO08", d, 20.0),
        ],
        columns=["project_code", "indicator", "period_end", "achieved"],
    )
    rows = {"KA1": ["A"], "KA2": [], "KA4": ["B"], "KA5": ["C"], m.TOTAL: ["A", "B", "C"]}
    totals, hidden = m.area_totals(cells, rows)
    assert totals.astype(object).where(totals.notna(), None).values.tolist() == [
        ["KA1", 1, 20.0, 3.0],
        ["KA2", 0, None, None],
        ["KA4", 1, 25.0, 12.0],
        ["KA5", 1, 40.0, 20.0],
        [m.TOTAL, 3, 85.0, 35.0],
    ]
    # The 3 of A (and KA1 with it); KA4 = B, the smallest row that protects it, and so B.
    assert hidden == {
        ("project", "A", "EECO08"): P,
        ("row", "KA1", "EECO08"): P,
        ("row", "KA4", "EECO08"): S,
        ("project", "B", "EECO08"): S,
    }
