"""On the real database: missing figures and one-month charts say why, from its own months
(issue 17: Uusimaa's 50+ exists for 6/2026 only; the mirror's 12r5 lacks 11/2023–5/2026)."""

from __future__ import annotations

import datetime as dt

from kohtaanto.i18n import t
from kohtaanto.panels import PANELS, aineisto, hankkeet, reasons
from kohtaanto.panels.common import clear_models
from tests.app.test_storyline import context, use


def test_the_50_plus_of_a_region_is_missing_for_the_period_not_the_area(real_db, monkeypatch):
    use(real_db, monkeypatch)
    text = reasons.missing(
        "Työttömät 50+",
        "unemployed",
        "50-",
        "MK01",
        "Uusimaa",
        dt.date(2018, 11, 1),
        dt.date(2023, 10, 1),
        "fi",
    )
    assert text == t(
        "reason.only_periods",
        "fi",
        what="Työttömät 50+",
        area="Uusimaa",
        periods="6/2026",
        latest="6/2026",
    )


def test_uusimaa_by_age_is_one_month_so_numbers_not_a_dot(real_db, monkeypatch):
    use(real_db, monkeypatch)
    clear_models()
    view = PANELS["experienced_trend"].build(context("MK01", age="50-"))
    assert view.figure is None
    assert [n.period for n in view.numbers] == ["6/2026"] * len(view.numbers)
    assert "50+" in [n.label for n in view.numbers]
    assert view.why == t("reason.one_month", "fi", month="6/2026")
    long_term = PANELS["long_term_age"].build(context("MK01", age="50-"))
    assert long_term.figure is None and len(long_term.numbers) >= 1


def test_the_data_page_lists_12r5_with_its_gap_and_the_mirrors_update(real_db, monkeypatch):
    use(real_db, monkeypatch)
    clear_models()
    m = aineisto.model(context("SSS"))
    row = m.sources[m.sources.source_table == "`tyonv/12r5`"].iloc[0]
    # Kangasala's own answer reaches 1/2025; the other areas' 10/2023 (tests/realdata/test_real_data)
    assert row.coverage == "1/2006–1/2025, 6/2026"
    assert row.retrieved == t("aineisto.from_mirror", "fi", day="21.7.2026")


def test_a_project_card_with_one_month_of_its_area_shows_the_months_around(
    real_projects_db, monkeypatch
):
    """/hankkeet?area=MK01&project=KOHESIO-Q7442769 (5/2025–4/2028): the statistics have 6/2026
    alone of its time; the card drew no line and averaged one month. Now it shows the two years
    before the project too, says so, and its footnote names the months missing inside."""
    use(real_projects_db, monkeypatch)
    clear_models()
    ctx = context("MK01")
    around = hankkeet.context_model(ctx, "KOHESIO-Q7442769").around
    assert around == t(
        "hankkeet.context_around",
        "fi",
        start="5/2025",
        end="4/2028",
        inside=1,
        shown="5/2023–6/2026",
    )
    view = PANELS["project_context"].build(ctx, project="KOHESIO-Q7442769")
    assert view.figure is not None and view.title.endswith("5/2023–6/2026")
    assert view.note.missing == ((dt.date(2023, 11, 1), dt.date(2026, 5, 1)),)
    assert view.takeaway.startswith("Kuvan kuukausina 5/2023–6/2026 alueella Uusimaa")
    # A month without figures breaks the line: 7 months with figures in 38 drawn.
    unemployed = view.figure.data[0]
    assert len(unemployed.x) == 38 and sum(y == y for y in unemployed.y) == 7
