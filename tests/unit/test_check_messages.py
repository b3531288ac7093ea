"""The databank check's message catalogue and the rules for one entry (a form's fields), in fi,
sv and en, on hand-made fields: exact sentences."""

from __future__ import annotations

import datetime as dt
import re
import string

import pytest

from kohtaanto.i18n import LANGS, catalogue
from kohtaanto.projects import issues as found
from kohtaanto.projects import validate as v

CTX = v.Context(
    areas={"SSS", "MK12", "KU167"},
    nuts={},
    indicators={"EECO01", "EECO08"},
    area_names={"MK12": frozenset({"pohjois-karjala", "norra karelen", "north karelia"})},
)


def test_every_message_has_every_language_with_the_same_fields():
    messages = {k: texts for k, texts in catalogue().items() if k.startswith("check.msg.")}
    assert len(messages) >= 30
    for key, texts in messages.items():
        assert set(texts) == set(LANGS), key
        fields = {
            lang: {f for _, f, _, _ in string.Formatter().parse(texts[lang]) if f} for lang in LANGS
        }
        assert fields["fi"] == fields["sv"] == fields["en"], key


def test_every_code_the_code_raises_is_in_the_catalogue():
    from kohtaanto import paths

    source = "".join(
        (paths.PACKAGE / "projects" / name).read_text(encoding="utf-8")
        for name in ("validate.py", "workbook.py")
    )
    codes = set(re.findall(r'(?:issue|CellError|_fail|Issue)\(\s*"([a-z_]+)"', source))
    assert {"negative", "unknown_area", "formula", "too_large", "orphan"} <= codes
    for code in codes:
        assert f"check.msg.{code}" in catalogue(), code


def test_one_issue_in_three_languages():
    column = "suunniteltu_eu_valtio_eur"
    issue = found.Issue("negative", "bad.xlsx", "hankkeet", 3, column, (("value", "-311847"),))
    assert issue.text("fi") == (
        "bad.xlsx, välilehti ”hankkeet”, rivi 3, sarake ”suunniteltu_eu_valtio_eur”: "
        "-311847 on negatiivinen; luvun on oltava nolla tai suurempi"
    )
    assert issue.text("sv") == (
        "bad.xlsx, flik ”hankkeet”, rad 3, kolumn ”suunniteltu_eu_valtio_eur”: "
        "-311847 är negativt; talet ska vara noll eller större"
    )
    assert str(issue) == (
        "bad.xlsx, sheet 'hankkeet', row 3, column 'suunniteltu_eu_valtio_eur': "
        "-311847 is negative; the number must be zero or more"
    )


def test_dates_and_sizes_are_formatted_for_the_language():
    issue = found.issue(
        "ends_before_start", "päättyy", end=dt.date(2024, 1, 1), start=dt.date(2025, 3, 1)
    )
    assert issue.text("fi") == "sarake ”päättyy”: päättyy (1.1.2024) ennen kuin alkaa (1.3.2025)"
    assert issue.text("en") == (
        "column 'päättyy': ends (1 January 2024) before it starts (1 March 2025)"
    )
    big = found.Issue("too_large", "x.xlsx", values=(("size", 6.25), ("limit", 5.0)))
    assert big.text("sv").startswith("x.xlsx: filen är 6,2 MB, men en fil som kontrolleras får")


def test_a_practice_form_on_its_own():
    fields = {
        "hankekoodi": "S30001",
        "tyyppi": "malli",
        "otsikko_fi": None,
        "osoite": "javascript:alert(1)",
        "kuvaus_fi": "x" * (v.MAX_LONG + 1),
    }
    issues = v.validate_practice(fields)
    assert [(i.code, i.column) for i in issues] == [
        ("bad_kind", "tyyppi"),
        ("required", "otsikko_fi"),
        ("too_long", "kuvaus_fi"),
        ("bad_link", "osoite"),
    ]
    assert [i.text("fi") for i in issues] == [
        "sarake ”tyyppi”: ”malli” ei ole tyyppi (sallitut: hyvä_käytäntö, tulos, julkaisu, "
        "työkalu)",
        "sarake ”otsikko_fi”: arvo puuttuu, mutta se on pakollinen",
        "sarake ”kuvaus_fi”: teksti on 5\u00a0001 merkkiä pitkä; enintään 5\u00a0000 merkkiä "
        "sallitaan",
        "sarake ”osoite”: ”javascript:alert(1)” ei ole verkko-osoite: osoitteen on alettava "
        "http:// tai https://",
    ]
    ok = {
        "hankekoodi": "S30001",
        "tyyppi": "tulos",
        "otsikko_fi": "Malli",
        "osoite": "https://a.fi",
    }
    assert v.validate_practice(ok) == []


def test_a_project_takes_the_templates_list_entries():
    row, issues = v.parse_project(
        {"hankekoodi": "S1", "nimi_fi": "Hanke", "alueet": "MK12 Pohjois-Karjala, KU167"}, CTX
    )
    assert issues == [] and row["areas"] == ["MK12", "KU167"]
    issues = v.validate_project(
        {"hankekoodi": "S1", "nimi_fi": "Hanke", "alueet": "MK12 Pohjois-Savo, MK77"}, CTX
    )
    assert [i.text("sv") for i in issues] == [
        "kolumn ”alueet”: områdeskoden MK12 heter inte ”Pohjois-Savo”; kontrollera koden eller "
        "namnet",
        "kolumn ”alueet”: okänd områdeskod MK77",
    ]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"indikaattori": "EECO01 Osallistujat yhteensä", "sukupuoli": "2"}, ("EECO01", "2")),
        ({"indikaattori": "EECO08", "sukupuoli": None}, ("EECO08", "SSS")),
    ],
)
def test_a_report_takes_codes_with_their_names(fields, expected):
    row, issues = v.parse_report(
        {"hankekoodi": "S1", "kausi_päättyy": "2025-06-30", "toteuma": 3, **fields}, CTX
    )
    assert issues == [] and (row["indicator"], row["sex"]) == expected


def test_a_report_with_bad_values():
    issues = v.validate_report(
        {
            "hankekoodi": "S1",
            "kausi_päättyy": "2025-02-30",
            "indikaattori": "EECO99",
            "sukupuoli": "3",
            "toteuma": "−4",
        },
        CTX,
    )
    assert [i.text("en") for i in issues] == [
        "column 'kausi_päättyy': '2025-02-30' is not a date (YYYY-MM-DD or an Excel date)",
        "column 'indikaattori': unknown indicator code 'EECO99'",
        "column 'sukupuoli': '3' is not a code for sex (one of SSS, 1, 2; SSS = all, 1 = men, "
        "2 = women)",
        "column 'toteuma': −4 is negative; the number must be zero or more",
    ]
