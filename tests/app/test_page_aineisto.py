"""Aineisto: sources, definitions, schema and downloads, on the tiny, real and demo databases;
and the download files (CSV, Excel, Parquet) as pure functions with exact bytes and values."""

from __future__ import annotations

import datetime as dt
import io
import shutil

import duckdb
import openpyxl
import pandas as pd
import pytest

from kohtaanto.export import files as downloads
from kohtaanto.i18n import t
from tests.apptest_util import refresh_derived, run_app


def table(at, header: str) -> pd.DataFrame:
    """The static table that has a column headed ``header``."""
    return next(tb.value for tb in at.table if header in tb.value.columns)


def preview(at, first_column: str = "area_code") -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe if d.value.columns[0] == first_column]


@pytest.fixture
def tiny_with_ages(tiny_db, tmp_path):
    """The tiny database plus the unemployed aged 55–59 for region 01 and the country."""
    path = tmp_path / "ages.duckdb"
    shutil.copy(tiny_db, path)
    con = duckdb.connect(str(path))
    con.execute(
        "insert into age_groups values ('55-59', 55, 59, '55–59-vuotiaat', '55–59 år', 'Aged 55–59')"
    )
    rows = [
        ("MK01", "2023-09-01", 90),
        ("MK01", "2023-10-01", 110),
        ("SSS", "2023-09-01", 150),
        ("SSS", "2023-10-01", 156),
    ]
    for area, period, value in rows:
        con.execute(
            "insert into observations values ('unemployed', ?, 'month', ?, '55-59', 'SSS', 'SSS',"
            " 'SSS', ?, 'observed', 'tyonv/1205')",
            [period, area, value],
        )
    con.execute(
        "insert into sources values ('tyonv/1205', 'Työttömät 5-vuotisikäryhmittäin', 'Tilastokeskus',"
        " 'https://example.org/1205', 'CC BY 4.0', '2026-11-27 10:00:00', '2023-09-01', '2023-10-01', null)"
    )
    refresh_derived(con)
    con.close()
    return path


# --- the page --------------------------------------------------------------------------------


def test_sources_with_licence_and_coverage(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="aineisto", area="MK01", lang="fi")
    assert at.title[0].value == "Aineisto: lähteet, määritelmät ja lataukset"
    sources = table(at, "Lisenssi")
    assert list(sources["Taulu"]) == ["`tyonv/12r5`", "`tyonv/12ti`"]
    assert list(sources["Lisenssi"]) == ["CC BY 4.0"] * 2
    assert list(sources["Ajanjakso"]) == ["9/2023–10/2023"] * 2
    assert sources["Osoite"].iloc[0].startswith("[avaa taulu](https://pxdata.stat.fi/")
    attribution = "**" + t("aineisto.attribution", "fi") + "**"
    assert attribution in [m.value for m in at.markdown]
    assert "Maanmittauslaitos, CC BY 4.0" in attribution
    assert not at.warning  # real data: no demo statement


@pytest.fixture
def tiny_with_surveys(tiny_db, tmp_path):
    """The tiny database plus a yearly and a quarterly survey table."""
    path = tmp_path / "surveys.duckdb"
    shutil.copy(tiny_db, path)
    con = duckdb.connect(str(path))
    for table, frequency, first, last, publisher in (
        (
            "tyti/13aj",
            "year",
            "2009-01-01",
            "2025-01-01",
            "Statistics Finland, Labour Force Survey",
        ),
        (
            "atp/11n1",
            "quarter",
            "2012-01-01",
            "2023-07-01",
            "Statistics Finland, Job Vacancy Survey",
        ),
    ):
        con.execute(
            "insert into sources values (?, 'Otsikko', ?, '', 'CC BY 4.0', "
            "'2026-11-27 10:00:00', ?, ?, null)",
            [table, publisher, first, last],
        )
        for period in (first, last):
            con.execute(
                "insert into observations values ('unemployment_rate_lfs', ?, ?, 'SSS', "
                "'SSS', 'SSS', 'SSS', 'SSS', 5.0, 'observed', ?)",
                [period, frequency, table],
            )
    refresh_derived(con)
    con.close()
    return path


@pytest.mark.parametrize(
    ("lang", "keha", "lfs"),
    [
        ("fi", "Tilastokeskus; KEHA-keskus, työnvälitystilasto", "Tilastokeskus, työvoimatutkimus"),
        (
            "sv",
            "Statistikcentralen; KEHA-centret, arbetsförmedlingsstatistik",
            "Statistikcentralen, arbetskraftsundersökningen",
        ),
        (
            "en",
            "Statistics Finland; KEHA Centre, Employment Service Statistics",
            "Statistics Finland, Labour Force Survey",
        ),
    ],
)
def test_sources_speak_the_language_and_count_periods_as_the_source(
    tiny_with_surveys, monkeypatch, lang, keha, lfs
):
    at = run_app(tiny_with_surveys, monkeypatch, page="aineisto", area="MK01", lang=lang)
    headers = {c: t(f"aineisto.col_{c}", lang) for c in ("source_table", "publisher", "coverage")}
    sources = table(at, headers["publisher"]).set_index(headers["source_table"])
    assert sources.loc["`tyonv/12r5`", headers["publisher"]] == keha
    assert sources.loc["`tyti/13aj`", headers["publisher"]] == lfs
    # Months for the register, years for a yearly table, quarters for a quarterly one; each
    # table's runs of periods, the gaps between them left out (the fixture has the first and
    # the last period only).
    assert sources.loc["`tyonv/12r5`", headers["coverage"]] == "9/2023–10/2023"
    assert sources.loc["`tyti/13aj`", headers["coverage"]] == "2009, 2025"
    assert sources.loc["`atp/11n1`", headers["coverage"]] == "2012\u00a0Q1, 2023\u00a0Q3"


def test_definitions_flag_derived_indicators(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="aineisto", area="MK01", lang="en")
    measures = table(at, "Indicator").set_index("Code")
    assert len(measures) == 16
    assert measures.loc["`tightness`", "Kind"] == "derived"
    assert (
        measures.loc["`tightness`", "Source tables or views"] == "v_area_month, v_occupation_month"
    )
    assert measures.loc["`tightness`", "Unit"] == "ratio"
    assert measures.loc["`unemployed`", "Kind"] == "from the source"
    assert measures.loc["`unemployed`", "Source tables or views"] == "tyonv/12r5, tyonv/12ti"
    assert measures.loc["`unemployed`", "Period"] == "9/2023–10/2023"
    assert measures.loc["`unemployed`", "Frequency"] == "month"
    statuses = table(at, "Shown in charts as")
    assert list(statuses["Shown in charts as"]) == [
        t(f"status.{s}", "en") for s in ("observed", "aggregated", "estimated", "demo")
    ]
    # The tiny data have no age breaks at all: said, not shown as an empty table.
    assert t("aineisto.ages_none", "en") in [i.value for i in at.info]


def test_swedish_descriptions(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="aineisto", area="MK01", lang="sv")
    measures = table(at, "Nyckeltal").set_index("Kod")
    assert measures.loc["`unemployed`", "Nyckeltal"] == "Arbetslösa arbetssökande"
    assert measures.loc["`unemployed`", "Beskrivning"].startswith(
        "Arbetslösa arbetssökande den sista vardagen"
    )
    assert measures.loc["`unemployed`", "Enhet"] == "personer"


def test_schema_lists_tables_and_columns(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="aineisto", area="MK01", lang="en")
    tables = table(at, "Contents").set_index("Table")
    assert tables.loc["`observations`", "Kind"] == "table"
    assert tables.loc["`observations`", "Columns"] == 11
    # The derived views are stored as tables at build time; status_rank stays a view.
    assert tables.loc["`v_mismatch_region`", "Kind"] == "table"
    assert tables.loc["`v_mismatch_region`", "Rows"] == "2"
    assert tables.loc["`status_rank`", "Kind"] == "view"
    assert tables.loc["`status_rank`", "Rows"] == ""
    assert tables.loc["`coverage`", "Contents"] == t("aineisto.table.coverage", "en")
    assert tables.loc["`observations`", "Contents"] == t("aineisto.table.observations", "en")
    columns = next(
        d.value for d in at.dataframe if list(d.value.columns[:2]) == ["table", "column"]
    )
    observation_columns = list(columns[columns.table == "observations"].column)
    assert observation_columns[:4] == ["measure", "period", "frequency", "area_code"]
    assert any("long format" in m.value for m in at.markdown)


def test_downloads_hold_the_current_view(tiny_db, monkeypatch):
    at = run_app(
        tiny_db,
        monkeypatch,
        page="aineisto",
        area="MK01",
        lang="en",
        start="2023-10",
        end="2023-10",
    )
    lead = "The figures of the current view: **Region 01 and the whole country**, 10/2023,"
    assert any(m.value.startswith(lead) for m in at.markdown)
    (month,) = preview(at)
    assert list(month.area_code) == ["MK01", "SSS"]
    assert list(month.area_name) == ["Region 01", "Whole country"]
    assert list(month.unemployed) == [1000, 1300]
    assert list(month.tightness) == pytest.approx([0.4, 460 / 1300])
    assert list(month.status) == ["observed", "observed"]
    assert list(month.sources) == ["tyonv/12r5", "tyonv/12r5"]
    keys = {b.key for b in at.get("download_button")}
    assert {"csv_monthly", "parquet_monthly", "excel_all"} <= keys
    assert "Monthly indicators (2 rows)" in [s.value for s in at.subheader]
    # All ages chosen (the only age group of the tiny data): no age rows, and the page says so.
    assert t("aineisto.age_all", "en", age="all ages") in [i.value for i in at.info]


def test_age_rows_and_breaks(tiny_with_ages, monkeypatch):
    at = run_app(tiny_with_ages, monkeypatch, page="aineisto", area="MK01", lang="fi", age="55-59")
    _, age = preview(at)
    assert list(age.area_code) == ["MK01", "MK01", "SSS", "SSS"]
    assert list(age.value) == [90, 110, 150, 156]
    assert list(age.share) == pytest.approx([10.0, 11.0, 12.5, 100 * 156 / 1300])
    assert set(age.source_table) == {"tyonv/1205"} and set(age.status) == {"observed"}
    assert "Ikäryhmä 55–59-vuotiaat (4 riviä)" in [s.value for s in at.subheader]
    assert {"csv_age55-59", "parquet_age55-59"} <= {b.key for b in at.get("download_button")}
    breaks = table(at, "Ikäryhmät")
    assert breaks.iloc[0].to_dict() == {
        "Taulu": "`tyonv/1205`",
        "Koodi": "`unemployed`",
        "Ikäryhmät": "55-59",
        "Alueet": "Koko maa (SSS), Maakunta 01 (MK01)",
        "Ajanjakso": "9/2023–10/2023",
    }


def test_age_group_without_rows_for_the_area(tiny_with_ages, monkeypatch):
    at = run_app(tiny_with_ages, monkeypatch, page="aineisto", area="MK12", lang="en", age="55-59")
    (age,) = [d for d in preview(at) if "age_group" in d.columns]
    assert list(age.area_code) == ["SSS", "SSS"]  # the country has the rows, region 12 has not


def test_demo_database_says_the_figures_are_generated(demo_db, monkeypatch):
    at = run_app(demo_db, monkeypatch, page="aineisto", area="KA4", lang="sv")
    assert t("aineisto.demo_statement", "sv") in [w.value for w in at.warning]
    # The real-data attribution is not shown as if it were the source of these figures.
    assert not any("CC BY 4.0" in m.value for m in at.markdown)
    real = t("aineisto.attribution_real", "sv", attribution=t("aineisto.attribution", "sv"))
    assert real in [c.value for c in at.caption]
    sources = table(at, "Licens")
    assert list(sources["Tabell"]) == ["`demo`"]
    (month, *_) = preview(at)
    assert set(month.status) == {"demo"}


def test_no_areas_outside_the_classifications_no_section(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="aineisto", lang="en")
    assert t("aineisto.unallocated_header", "en") not in [h.value for h in at.subheader]


# --- the download files ------------------------------------------------------------------------

FRAME = pd.DataFrame(
    {
        "area_code": ["MK12", "SSS"],
        "area_name": ["Pohjois-Karjala", "Koko maa"],
        "period": pd.to_datetime(["2023-10-01", "2023-10-01"]),
        "unemployed": [9024.0, None],
        "share": [12.695, 9.5],
        "status": ["observed", "aggregated"],
    }
)


def test_csv_finnish_and_swedish_open_in_excel():
    expected = (
        "\ufeffarea_code;area_name;period;unemployed;share;status\r\n"
        "MK12;Pohjois-Karjala;2023-10-01;9024;12,695;observed\r\n"
        "SSS;Koko maa;2023-10-01;;9,5;aggregated\r\n"
    )
    assert downloads.csv_bytes(FRAME, "fi") == expected.encode("utf-8")
    assert downloads.csv_bytes(FRAME, "sv") == expected.encode("utf-8")


def test_csv_english_is_comma_separated():
    content = downloads.csv_bytes(FRAME, "en")
    assert content.startswith(b"\xef\xbb\xbfarea_code,area_name,period,unemployed,share,status\r\n")
    assert b"MK12,Pohjois-Karjala,2023-10-01,9024,12.695,observed\r\n" in content
    assert pd.read_csv(io.BytesIO(content), encoding="utf-8-sig").share.tolist() == [12.695, 9.5]


def test_excel_sheets_values_and_dates():
    content = downloads.excel_bytes({"Kuukausittain": FRAME, "Lähteet/tiedot: [x]": FRAME.head(1)})
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Kuukausittain", "Lähteet-tiedot- -x-"]
    sheet = book["Kuukausittain"]
    assert [c.value for c in sheet[1]] == list(FRAME.columns)
    assert sheet["A2"].value == "MK12" and sheet["D2"].value == 9024 and sheet["D3"].value is None
    assert (
        sheet["C2"].value == dt.datetime(2023, 10, 1) and sheet["C2"].number_format == "YYYY-MM-DD"
    )
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width == len("Pohjois-Karjala") + 2


def test_parquet_keeps_values_and_provenance():
    meta = {
        "sources": [{"source_table": "tyonv/12r5", "licence": "CC BY 4.0"}],
        "view": {"Alue": "Pohjois-Karjala"},
    }
    content = downloads.parquet_bytes(FRAME, meta)
    back = pd.read_parquet(io.BytesIO(content))
    assert back.area_name.tolist() == ["Pohjois-Karjala", "Koko maa"]
    assert back.unemployed.iloc[0] == 9024.0 and pd.isna(back.unemployed.iloc[1])
    assert downloads.parquet_metadata(content) == meta


def test_file_names_say_area_period_and_language():
    name = downloads.file_name(
        "MK12", dt.date(2018, 10, 1), dt.date(2023, 10, 1), "fi", "age50-", "csv"
    )
    assert name == "kohtaanto_MK12_2018-10_2023-10_age50_fi.csv"
    odd = downloads.file_name("../ä x", dt.date(2023, 1, 1), dt.date(2023, 1, 1), "sv", "", "xlsx")
    assert odd == "kohtaanto_x_2023-01_2023-01_x_sv.xlsx"


def test_helpers_for_the_download_sheets():
    raw = pd.DataFrame(
        {
            "area_code": ["MK12"],
            "name_fi": ["Pohjois-Karjala"],
            "name_sv": ["Norra Karelen"],
            "name_en": ["North Karelia"],
            "value": [1.0],
        }
    )
    assert list(downloads.with_area_name(raw, "name_sv").columns) == [
        "area_code",
        "area_name",
        "value",
    ]
    assert downloads.with_area_name(raw, "name_sv").area_name.tolist() == ["Norra Karelen"]
    sources = pd.DataFrame({"source_table": ["tyonv/1001", "tyonv/1207", "tyonv/12r5", "atp/11n1"]})
    used = downloads.used_sources(
        sources, pd.Series(["tyonv/1207, tyonv/12r5", None]), pd.Series(["tyonv/12r5"])
    )
    assert used.source_table.tolist() == ["tyonv/1207", "tyonv/12r5"]
    facts = downloads.key_value({"Alue": "Koko maa", "Rivejä": 2}, "Tieto", "Arvo")
    assert facts.to_dict("list") == {"Tieto": ["Alue", "Rivejä"], "Arvo": ["Koko maa", "2"]}
    whole = downloads.whole_numbers(pd.DataFrame({"n": [1.0, None], "x": [1.5, 2.0]}))
    assert str(whole.n.dtype) == "Int64" and str(whole.x.dtype) == "float64"


def test_last_fetch_and_the_next_release(tiny_with_surveys, monkeypatch):
    at = run_app(tiny_with_surveys, monkeypatch, page="aineisto", lang="fi")
    captions = [c.value for c in at.caption]
    # The monthly tables end 10/2023: November's figures were due by the end of December 2023.
    assert "Tiedot haettu viimeksi 27.11.2026; uusin kuukausi 10/2023." in captions
    assert (
        "Kuukauden 11/2023 luvut olisivat ilmestyneet viimeistään 31.12.2023: tietokanta "
        "kannattaa päivittää (python -m kohtaanto refresh)." in captions
    )
