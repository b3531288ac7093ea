"""Test fixtures for the projects databank: small made-up workbooks, written with openpyxl.

Nothing here is real: codes, names and figures are chosen by hand so tests can assert exact
values. The EURA export uses the real service's 35 headers (../shared/raw/README.md).
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
from typing import Any

import openpyxl
import pytest

from kohtaanto.projects import tables as project_tables
from kohtaanto.projects import workbook as projects

HANKKEET = list(projects.WORKBOOK_COLUMNS["hankkeet"])
TULOKSET = list(projects.WORKBOOK_COLUMNS["tulokset"])
INDIKAATTORIT = list(projects.WORKBOOK_COLUMNS["indikaattorit"])

EURA_HEADERS = [
    "Hankekoodi ",
    "Ryhmähanketunnus",
    "Rahasto",
    "EAKR-/JTF-alatyyppi",
    "Tl",
    "Et",
    "Hankkeen nimi",
    "Toteuttajan nimi",
    "Toteuttajan Y-tunnus",
    "Rahoittava viranomainen",
    "Toiminnan tila",
    "Aloituspvm",
    "Päättymispvm",
    "Suunniteltu EU- ja valtion rahoitus",
    "Suunniteltu julkinen rahoitus",
    "Suunniteltu rahoitus yhteensä",
    "Toteutunut EU- ja valtion rahoitus",
    "Toteutunut julkinen rahoitus",
    "Toteutunut rahoitus yhteensä",
    "Toteutunut EU-rahoituksen määrä",
    "Tukitoimen ala",
    "Sijainti",
    "Toteutuspaikan postinumero",
    "Toteutuspaikan postitoimipaikka",
    "Tuensaajan postinumero",
    "Tuensaajan postitoimipaikka",
    "Tukimuoto",
    "Alueellinen täytäntöönpanomekanismi ja alueellinen painopiste",
    "Taloudellinen toiminta",
    "Toissijainen teema, vain ESR+",
    "Sukupuolten tasa-arvo",
    "Itämeren alueen strategia",
    "Suunnitelman mukainen tiivistelmä hankkeen toteutuksesta",
    "Hankekuvauksen osoite",
    "Hankkeen kotisivun osoite",
]

CONTEXT = projects.Context(
    areas={"SSS", "KA5", "MK01", "MK12", "MK13", "MK19", "KU698", "KU167"},
    nuts={"FI": "SSS", "FI1": "SSS", "FI1D7": "MK19", "keski-suomi": "MK13", "FI1DC": "MK12"},
    indicators={"EECO01", "EECO08", "EECR04", "EECR05"},
)


def project(code: str, **values: Any) -> dict[str, Any]:
    """A ``hankkeet`` row: a name, a period and one area unless given otherwise."""
    row = {
        "hankekoodi": code,
        "nimi_fi": f"Hanke {code}",
        "ohjelmakausi": "2021–2027",
        "alkaa": "2024-01-01",
        "päättyy": "2025-12-31",
        "alueet": "MK19",
        "kohderyhmät": "55+",
        "kohtaanto_teema": "kyllä",
    }
    row.update(values)
    return row


def workbook(
    hankkeet: list[dict[str, Any]],
    tulokset: list[dict[str, Any]] = (),
    indikaattorit: list[dict[str, Any]] = (),
    *,
    headers: dict[str, list[str]] | None = None,
    sheets: tuple[str, ...] = projects.WORKBOOK_SHEETS,
) -> bytes:
    """The coordination's workbook with these rows (dicts keyed by header) as .xlsx bytes."""
    heads = {"hankkeet": HANKKEET, "tulokset": TULOKSET, "indikaattorit": INDIKAATTORIT}
    heads.update(headers or {})
    rows = {"hankkeet": hankkeet, "tulokset": tulokset, "indikaattorit": indikaattorit}
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        ws = wb.create_sheet(sheet)
        ws.append(heads[sheet])
        for row in rows.get(sheet, ()):
            ws.append([row.get(h) for h in heads[sheet]])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def eura_row(code: str, **values: Any) -> dict[str, Any]:
    """A EURA export row keyed by stripped header."""
    row = {
        "Hankekoodi": code,
        "Rahasto": "ESR+",
        "Et": "4.1",
        "Hankkeen nimi": f"Virallinen {code}",
        "Toteuttajan nimi": "Toteuttaja Oy",
        "Toteuttajan Y-tunnus": "1234567-8",
        "Rahoittava viranomainen": "Lapin ELY-keskus",
        "Toiminnan tila": "Käynnissä",
        "Aloituspvm": dt.datetime(2024, 2, 1),
        "Päättymispvm": dt.datetime(2026, 1, 31),
        "Suunniteltu EU- ja valtion rahoitus": 300000,
        "Toteutunut EU- ja valtion rahoitus": 120000.5,
        "Suunniteltu rahoitus yhteensä": 400000,
        "Sijainti": "FI1D7 Lappi",
    }
    row.update(values)
    return row


def eura_export(rows: list[dict[str, Any]], footer: bool = True) -> bytes:
    """A EURA 2021 project search export: 35 headers, rows, two footer rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Hakutulokset"
    ws.append(EURA_HEADERS)
    for row in rows:
        ws.append([row.get(h.strip()) for h in EURA_HEADERS])
    if footer:
        ws.append([])
        ws.append(["Tiedot haettu 01.12.2026"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _has_projects(db) -> bool:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        sql = "select count(*) from information_schema.tables where table_name = 'projects'"
        return bool(con.execute(sql).fetchone()[0])


@pytest.fixture(scope="session")
def real_projects_db(real_db, tmp_path_factory):
    """The real database with the projects tables: as built, or (a prebuilt database from an
    older build) a copy with the mirror's projects/ loaded into it."""
    if _has_projects(real_db):
        return real_db
    import duckdb

    from tests.conftest import shared_raw

    out = tmp_path_factory.mktemp("realprojects") / "real.duckdb"
    shutil.copy(real_db, out)
    with duckdb.connect(str(out)) as con:
        codes = {r[0] for r in con.execute("select area_code from areas").fetchall()}
        project_tables.build_tables(con, shared_raw(), codes, progress=lambda _: None)
    return out


# Made-up sub-projects for the monitoring page, in the tiny raw folder's areas (MK01, KU091,
# MK12, KU167): exact figures to assert.
TINY_PROJECTS = [
    project(
        "S1",
        alueet="MK01",
        alkaa="2023-01-01",
        päättyy="2024-12-31",
        suunniteltu_eu_valtio_eur=200000,
        toteutunut_eu_valtio_eur=50000,
    ),
    project(
        "S2",
        alueet="KU167",
        alkaa="2022-01-01",
        päättyy="2023-06-30",
        kohderyhmät="50+",
        suunniteltu_eu_valtio_eur=100000,
        toteutunut_eu_valtio_eur=100000,
    ),
    project("S3", alueet="SSS", kohtaanto_teema="ei", alkaa="2020-01-01", päättyy="2021-12-31"),
]
TINY_RESULTS = [
    {
        "hankekoodi": "S1",
        "tyyppi": "hyvä_käytäntö",
        "otsikko_fi": "Kokeneiden mentorointi",
        "käyttöönotto_fi": "Nimeä mentori",
        "näyttö_fi": "12 työllistyi",
    },
]
TINY_REPORTS = [
    {
        "hankekoodi": "S1",
        "kausi_päättyy": "2023-06-30",
        "indikaattori": "EECO01",
        "tavoite": 100,
        "toteuma": 20,
    },
    {
        "hankekoodi": "S1",
        "kausi_päättyy": "2023-06-30",
        "indikaattori": "EECO08",
        "tavoite": 50,
        "toteuma": 3,
    },
    {
        "hankekoodi": "S1",
        "kausi_päättyy": "2023-12-31",
        "indikaattori": "EECO01",
        "tavoite": 100,
        "toteuma": 40,
    },
    {
        "hankekoodi": "S1",
        "kausi_päättyy": "2023-12-31",
        "indikaattori": "EECO08",
        "tavoite": 50,
        "toteuma": 10,
    },
    {
        "hankekoodi": "S2",
        "kausi_päättyy": "2023-06-30",
        "indikaattori": "EECO01",
        "tavoite": 30,
        "toteuma": 30,
    },
    {
        "hankekoodi": "S2",
        "kausi_päättyy": "2023-06-30",
        "indikaattori": "EECO08",
        "tavoite": 15,
        "toteuma": 12,
    },
    {"hankekoodi": "S2", "kausi_päättyy": "2023-06-30", "indikaattori": "EECR04", "toteuma": 9},
]


@pytest.fixture(scope="session")
def tiny_projects_db(tiny_raw, tmp_path_factory):
    """The tiny database built with a made-up workbook in projects/."""
    from kohtaanto.pipeline.build import build

    raw = tmp_path_factory.mktemp("tinyprojects") / "raw"
    shutil.copytree(tiny_raw, raw)
    (raw / "projects").mkdir()
    (raw / "projects" / "tietopankki.xlsx").write_bytes(
        workbook(TINY_PROJECTS, TINY_RESULTS, TINY_REPORTS)
    )
    out = raw.parent / "tiny.duckdb"
    build(raw, out, progress=lambda _: None)
    return out
