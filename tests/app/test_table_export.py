"""A chart's table for people and for Excel: headers, months, rounding, CSV bytes and the xlsx."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from kohtaanto.export import tables as te
from kohtaanto.i18n import t
from kohtaanto.note import Note

DATA = pd.DataFrame(
    {
        "series": ["Pohjois-Karjala", "Koko maa"],
        "period": pd.to_datetime(["2023-09-01", "2023-10-01"]),
        "unemployment_share": [12.410407594731291, 9.06],
        "unemployed": [9177.0, None],
    }
)


def test_readable_translates_headers_rounds_and_shows_months():
    note = Note.of(["tyonv/12r5"], DATA.period, ["observed"])
    table = te.readable(DATA, "fi", note=note)
    assert list(table.columns) == [
        "Sarja",
        "Kuukausi",
        "Työttömien osuus työvoimasta, %",
        "Työttömät työnhakijat, henkilöä",
        "Lähde",
        "Tila",
    ]
    assert table["Kuukausi"].tolist() == ["2023-09", "2023-10"]
    assert table["Työttömien osuus työvoimasta, %"].tolist() == [12.4, 9.1]
    assert table["Työttömät työnhakijat, henkilöä"].tolist()[0] == 9177
    assert table["Työttömät työnhakijat, henkilöä"].isna().tolist() == [False, True]
    assert table["Lähde"].tolist()[0] == t("common.publisher", "fi") + ": tyonv/12r5"
    assert table["Tila"].tolist() == ["havaittu", "havaittu"]
    assert table.attrs["decimals"] == {
        "Työttömien osuus työvoimasta, %": 1,
        "Työttömät työnhakijat, henkilöä": 0,
    }


def test_a_table_of_one_month_says_which():
    ranking = pd.DataFrame({"area_code": ["MK01", "MK12"], "unemployment_share": [9.0, 12.5]})
    note = Note.of(["tyonv/12r5"], [dt.date(2026, 6, 1)], ["observed"])
    table = te.readable(ranking, "en", note=note)
    assert table["Period"].tolist() == ["6/2026", "6/2026"]


def test_readable_in_english_and_keeps_named_columns():
    named = pd.DataFrame(
        {"Ammatti": ["5223 Myyjät"], "tightness": [0.05263], "status": ["estimated"]}
    )
    table = te.readable(named, "en")
    assert list(table.columns) == ["Ammatti", "Vacancies per unemployed jobseeker", "Status"]
    assert table.iloc[0].tolist()[:2] == ["5223 Myyjät", 0.05]
    assert table["Status"].iloc[0] == "estimate (some cells suppressed)"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fi",
            "\ufeffSarja;Kuukausi;Työttömien osuus työvoimasta, %;Työttömät työnhakijat, henkilöä\r\n"
            "Pohjois-Karjala;2023-09;12,4;9177\r\n"
            "Koko maa;2023-10;9,1;\r\n",
        ),
        (
            "en",
            '\ufeffSeries,Month,"Unemployed as a share of the labour force, %","Unemployed jobseekers, persons"\r\n'
            "Pohjois-Karjala,2023-09,12.4,9177\r\n"
            "Koko maa,2023-10,9.1,\r\n",
        ),
    ],
)
def test_csv_bytes(lang, expected):
    assert te.csv_bytes(te.readable(DATA, lang), lang) == expected.encode("utf-8")


def test_xlsx_says_where_the_numbers_come_from_and_formats_them():
    months = [dt.date(2023, 1, 1), dt.date(2023, 2, 1), dt.date(2023, 6, 1)]
    note = Note.of(["tyonv/12r5"], months, ["observed"]).with_remark("Logaritmiset akselit.")
    table = te.readable(DATA, "sv", note=note)
    content = te.xlsx_bytes(table, "Arbetslösas andel", note, "sv")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet.title == "Arbetslösas andel"
    assert sheet["A1"].value == "Arbetslösas andel"
    publisher = t("common.publisher", "sv")
    assert [c.value for c in sheet[2]][:2] == ["Källa", f"{publisher}: tyonv/12r5"]
    assert [c.value for c in sheet[3]][:2] == ["Period", "1/2023–6/2023 · saknas 3/2023–5/2023"]
    assert [c.value for c in sheet[4]][:2] == ["Status", "observerat"]
    assert [c.value for c in sheet[6]] == [
        "Serie",
        "Månad",
        "Arbetslösas andel av arbetskraften, %",
        "Arbetslösa arbetssökande, personer",
        "Källa",
        "Status",
    ]
    assert [c.value for c in sheet[7]] == [
        "Pohjois-Karjala",
        "2023-09",
        12.4,
        9177,
        f"{publisher}: tyonv/12r5",
        "observerat",
    ]
    assert [c.value for c in sheet[8]][:4] == ["Koko maa", "2023-10", 9.1, None]
    assert sheet["C7"].number_format == "#,##0.0"
    assert sheet["D7"].number_format == "#,##0"
    assert sheet["A10"].value == "Obs.: Logaritmiset akselit."
    assert sheet.freeze_panes == "A7"
    assert sheet["A6"].font.bold


def test_file_names_say_what_and_where():
    name = te.file_name(
        te.chart_name("Työttömien osuus: Pohjois-Karjala ja koko maa"),
        "MK12",
        dt.date(2018, 10, 1),
        dt.date(2023, 10, 1),
        "xlsx",
    )
    assert name == "kohtaanto_tyottomien-osuus_MK12_2018-10_2023-10.xlsx"
    assert (
        te.chart_name("Eniten avoimia paikkoja<br><sup>kaikki</sup>") == "eniten-avoimia-paikkoja"
    )
    assert te.slug("Åldersgruppens andel av de arbetslösa i hela landet och i regionerna") == (
        "aldersgruppens-andel-av-de-arbetslosa-i"
    )
    assert te.slug("<>") == "kuvio"


def test_view_link_keeps_codes_in_order():
    from kohtaanto.urlparams import view_link

    params = {"lang": "sv", "area": "MK12", "age": "", "level": "ely"}
    assert view_link("http://x/alueet", params) == "http://x/alueet?lang=sv&area=MK12&level=ely"
    assert view_link(None, {}) == ""


def test_plain_title():
    assert te.plain_title("Osuus<br><sup>Maakunnittain, 10/2023</sup>") == (
        "Osuus – Maakunnittain, 10/2023"
    )


def test_chart_block_shows_readable_table_downloads_and_view_link(tiny_db, monkeypatch):
    from tests.apptest_util import open_tables, run_app, shown_tables

    at = open_tables(run_app(tiny_db, monkeypatch, "yleiskuva", lang="sv", area="MK12"))
    buttons = {b.key: b.proto for b in at.get("download_button")}
    # The format on the button, what it does as its help.
    assert (buttons["xlsx_share"].label, buttons["xlsx_share"].help) == (
        "Excel",
        "Ladda ner Excel (.xlsx)",
    )
    assert (buttons["csv_share"].label, buttons["csv_share"].help) == ("CSV", "Ladda ner CSV")
    assert buttons["png_share"].help == "Ladda ner figuren (PNG)"
    table = shown_tables(at)[0]
    assert list(table.columns)[:3] == ["Serie", "Månad", "Arbetslösas andel av arbetskraften, %"]
    assert table["Månad"].tolist()[:2] == ["2023-09", "2023-10"]
    # Decimal commas, one decimal all down the column: 130 of 1 000 is "13,0", not "13".
    assert table["Arbetslösas andel av arbetskraften, %"].tolist()[:2] == ["13,0", "12,7"]
    # AppTest has no browser address, so the link is the query alone.
    assert at.sidebar.code[0].value == "?lang=sv&area=MK12"
