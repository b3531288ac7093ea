"""Provenance as data: what a Note says at each edge (footnote, one line, download columns)."""

from __future__ import annotations

import datetime as dt

from kohtaanto.i18n import t
from kohtaanto.note import Forecast, Note, missing_runs, weakest_status

MONTHS = [dt.date(2023, 9, 1), dt.date(2023, 10, 1), dt.date(2026, 6, 1)]


def test_missing_runs_are_the_months_without_figures_inside_the_span():
    assert missing_runs(MONTHS) == ((dt.date(2023, 11, 1), dt.date(2026, 5, 1)),)
    assert missing_runs([dt.date(2023, 1, 1), dt.date(2023, 3, 1)]) == (
        (dt.date(2023, 2, 1), dt.date(2023, 2, 1)),
    )
    assert missing_runs([]) == ()


def test_the_mirrors_12r5_gap_is_said_in_the_footnote():
    note = Note.of(["tyonv/12r5", "tyonv/12r5, tyonv/1001"], MONTHS, ["observed", "aggregated"])
    assert note.sources == ("tyonv/1001", "tyonv/12r5")
    assert note.footnote("fi") == (
        f"Lähde: {t('common.publisher', 'fi')}<br>tyonv/1001, tyonv/12r5 · 9/2023–6/2026 · "
        "puuttuu 11/2023–5/2026 · laskettu osa-alueista"
    )
    assert note.plain("en").endswith("9/2023–6/2026 · missing 11/2023–5/2026 · summed from parts")
    assert note.columns("sv") == {
        "source": f"{t('common.publisher', 'sv')}: tyonv/1001, tyonv/12r5",
        "period": "9/2023–6/2026 · saknas 11/2023–5/2026",
        "status": t("status.aggregated", "sv"),
    }


def test_demo_figures_never_name_a_real_publisher():
    note = Note.of(["demo"], MONTHS[:1], ["observed", "demo"], survey=True)
    assert note.demo
    assert note.publisher("fi") == t("common.publisher_demo", "fi")


def test_without_rows_the_period_asked_for_is_said():
    note = Note.of(["tyonv/12r5"], [], [], start=dt.date(2020, 1, 1), end=dt.date(2020, 3, 1))
    assert (note.period_text(), note.status) == ("1/2020–3/2020", "observed")


def test_survey_years_and_remarks():
    note = Note.of(["tyti/13aj"], (), ["observed"], survey=True, years=[2012, 2013, 2014])
    assert note.period_text() == "2012–2014"
    assert not note.missing
    noted = note.with_remark("Logaritmiset akselit.")
    assert noted.footnote("fi").endswith("<br>Logaritmiset akselit.")
    assert note.remarks == ()  # the original is unchanged


def test_the_databank_names_its_files_and_day():
    note = Note.databank(["tietopankki.xlsx"], dt.date(2026, 12, 7), "note.publisher_databank")
    assert (
        note.plain("fi") == "Lähde: hankkeiden tietopankki (tietopankki.xlsx) · tilanne 7.12.2026"
    )
    assert note.columns("en") == {
        "source": "the projects databank: tietopankki.xlsx",
        "period": "7 December 2026",
    }


def test_weakest_status():
    assert weakest_status(["observed", "estimated", "aggregated"]) == "estimated"
    assert weakest_status([]) == "observed"


# --- the outlook's line (issue 20) ---------------------------------------------------------------

OCT, JUN = dt.date(2023, 10, 1), dt.date(2026, 6, 1)


def test_a_forecast_says_its_model_and_origin_and_the_months_missing_after_it():
    latest = Forecast("latest", "holt_winters", OCT, OCT)
    assert latest.shown
    assert latest.text("fi") == (
        "Ennuste katkoviivalla, 80 %:n väli vaaleana: Holt-Winters, tehty 10/2023."
    )
    gap = Forecast("before_gap", "holt_winters", OCT, JUN, what="Pohjois-Karjala")
    assert gap.text("fi") == (
        "Ennuste (Pohjois-Karjala) katkoviivalla, 80 %:n väli vaaleana: Holt-Winters, tehty "
        "10/2023. Se on tehty tiedoista 10/2023 asti; myöhemmät kuukaudet 11/2023–5/2026 "
        "puuttuvat."
    )
    assert gap.text("en").endswith(
        "made at 10/2023. It uses the data up to 10/2023; the later months 11/2023–5/2026 are "
        "missing."
    )
    naive = Forecast("latest", "seasonal_naive", OCT, OCT)
    assert naive.text("sv") == (
        "Prognos streckad, 80 %-intervallet ljust: säsongsnaiv (samma månad ett år tidigare), "
        "gjord 10/2023. Den säsongsnaiva prognosen visas, eftersom modellen inte var "
        "träffsäkrare i backtestet."
    )


def test_without_a_forecast_the_line_says_why():
    assert Forecast("too_short", what="50+").text("fi") == (
        "Ei ennustetta (50+): sarjassa on alle 36 kuukautta."
    )
    outside = Forecast("outside", origin=dt.date(2020, 6, 1))
    assert outside.text("en") == (
        "The forecast was made at 6/2020, outside the chosen period, so it is not shown."
    )
    assert not outside.shown
    assert Forecast("something new").text("fi").startswith("Ei ennustetta: ennustetta ei voitu")


def test_the_forecast_goes_into_the_footnote_the_download_and_the_status():
    note = Note.of(["tyonv/12r5"], MONTHS, ["observed"])
    demo = note.with_forecast(Forecast("latest", "holt_winters", OCT, OCT, demo=True))
    assert demo.status == "demo" and demo.demo
    assert demo.footnote("fi").endswith(
        "<br>Demoennuste katkoviivalla, 80 %:n väli vaaleana: Holt-Winters, tehty 10/2023."
    )
    assert demo.columns("en")["forecast"] == (
        "Demo forecast dashed, its 80% interval shaded: Holt-Winters, made at 10/2023."
    )
    assert note.with_forecast(None) is note
    assert "forecast" not in note.columns("fi")
