"""Test fixtures for the projects databank: small made-up workbooks, written with openpyxl.

Nothing here is real: codes, names and figures are chosen by hand so tests can assert exact
values. The EURA export uses the real service's 35 headers (../shared/raw/README.md).
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl

from kohtaanto import projects

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
