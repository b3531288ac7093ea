"""The workbook check on /hankkeet in the page's language (AppTest on the tiny database with a
made-up workbook): a file's problems as a table, a whole file refused in one sentence, and a new
file's result in place of the previous one."""
# ruff: noqa: F811  (fixtures imported from tests/projects_util.py are used by name)

from __future__ import annotations

import pytest

from kohtaanto.i18n import t
from kohtaanto.projects import workbook as projects
from tests.apptest_util import run_app
from tests.projects_util import project, tiny_projects_db, workbook  # noqa: F401

BAD = workbook([project("S9", alueet="MK77", suunniteltu_eu_valtio_eur=-311847)])
GOOD = workbook([project("S9", alueet="MK01")])
BIG = b"x" * (projects.MAX_BYTES + 300_000)  # 5.3 MB: never opened

EXPECTED = {
    "fi": {
        "failed": "Korjattavaa tiedostossa huono.xlsx: 2. Korjaa kohdat ja tarkista työkirja "
        "uudelleen.",
        "columns": ["Välilehti", "Rivi", "Sarake", "Korjattavaa"],
        "negative": "-311847 on negatiivinen; luvun on oltava nolla tai suurempi",
        "area": "Tuntematon aluekoodi MK77",
        "ok": "hyva.xlsx on kunnossa: 1 hanketta, 0 tulosta tai käytäntöä, 0 "
        "indikaattoriraporttia.",
        "big": "Tiedostoa iso.xlsx ei voitu tarkistaa: tiedosto on 5,3 Mt, mutta tarkistettava "
        "tiedosto saa olla enintään 5 Mt. Jaa hankkeet useampaan työkirjaan tai poista "
        "työkirjasta kuvat ja ylimääräiset välilehdet.",
        "csv": "Tiedostoa hankkeet.csv ei voitu tarkistaa: tiedosto ei ole Excel-työkirja "
        "(.xlsx). Tallenna se Excelissä muodossa .xlsx.",
    },
    "sv": {
        "failed": "Fel i huono.xlsx: 2. Rätta dem och kontrollera arbetsboken på nytt.",
        "columns": ["Flik", "Rad", "Kolumn", "Att rätta"],
        "negative": "-311847 är negativt; talet ska vara noll eller större",
        "area": "Okänd områdeskod MK77",
        "ok": "hyva.xlsx är i ordning: 1 projekt, 0 resultat eller praxis, 0 indikatorrapporter.",
        "big": "Filen iso.xlsx kunde inte kontrolleras: filen är 5,3 MB, men en fil som "
        "kontrolleras får vara högst 5 MB. Dela upp projekten på flera arbetsböcker eller ta "
        "bort bilder och extra flikar ur arbetsboken.",
        "csv": "Filen hankkeet.csv kunde inte kontrolleras: filen är inte en Excel-arbetsbok "
        "(.xlsx). Spara den i Excel i formatet .xlsx.",
    },
}


def upload(at, name: str, data: bytes):
    at.file_uploader(key="check_upload").upload(name, data)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def errors(at, lang: str) -> list[str]:
    """The error boxes a reader sees: the browser-refusal sentence is always sent, hidden by
    CSS until the browser refuses a file (tests/browser/test_workbook_upload.py)."""
    refused = t("hankkeet.check_refused", lang, limit=50, mb=5)
    return [e.value for e in at.error if e.value != refused]


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_problems_in_the_pages_language(tiny_projects_db, monkeypatch, lang):
    want = EXPECTED[lang]
    at = upload(
        run_app(tiny_projects_db, monkeypatch, page="hankkeet", lang=lang), "huono.xlsx", BAD
    )
    assert errors(at, lang) == [want["failed"]]
    table = next(d.value for d in at.dataframe if list(d.value.columns) == want["columns"])
    assert table.values.tolist() == [
        ["hankkeet", "2", "suunniteltu_eu_valtio_eur", want["negative"]],
        ["hankkeet", "2", "alueet", want["area"]],
    ]


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_an_oversize_or_unreadable_file_replaces_the_previous_result(
    tiny_projects_db, monkeypatch, lang
):
    want = EXPECTED[lang]
    at = upload(
        run_app(tiny_projects_db, monkeypatch, page="hankkeet", lang=lang), "hyva.xlsx", GOOD
    )
    assert [s.value for s in at.success] == [want["ok"]]
    upload(at, "iso.xlsx", BIG)
    assert errors(at, lang) == [want["big"]]
    assert [s.value for s in at.success] == []  # the previous file's result is gone
    upload(at, "hankkeet.csv", b"hankekoodi;nimi_fi\nS1;Hanke\n")
    assert errors(at, lang) == [want["csv"]]
    upload(at, "hyva.xlsx", GOOD)
    assert errors(at, lang) == [] and [s.value for s in at.success] == [want["ok"]]
