"""Seuranta in fi and sv on a made-up workbook with a small count: participants per area with
secondary suppression, the same hidden cells in every table, codes as links; and the empty
states on the tiny and the real databases."""
# ruff: noqa: F811  (fixtures imported from tests/projects_util.py are used by name)

from __future__ import annotations

import shutil

import pytest

from kohtaanto.i18n import t
from tests.apptest_util import open_tables, run_app, shown_tables
from tests.projects_util import project, real_projects_db, workbook  # noqa: F401

NBSP = "\u00a0"
CARD = "https://www.eura2021.fi/hakutulokset/projektikortti?id={}"
RUNNING = {"alkaa": "2020-01-01", "päättyy": "2099-12-31"}  # ongoing whenever the test runs
PROJECTS = [
    # KA1 Uusimaa (KU011: the tiny key's KU091 is in MK01 and MK09, so in KA1 and KA2 alike).
    project("S101", alueet="KU011", **RUNNING),
    project("S102", alueet="KU167", **RUNNING),  # MK12 -> KA4 Itä-Suomi
    project("OMA-C", alueet="MK19", **RUNNING),  # KA5 Pohjois-Suomi, an own code
]


def report(code, end, indicator, target, achieved):
    return {
        "hankekoodi": code,
        "kausi_päättyy": end,
        "indikaattori": indicator,
        "tavoite": target,
        "toteuma": achieved,
    }


REPORTS = [
    report("S101", "2024-12-31", "EECO01", 100, 8),
    report("S101", "2024-12-31", "EECO08", 50, 2),
    report("S101", "2025-06-30", "EECO01", 100, 20),
    report("S101", "2025-06-30", "EECO08", 50, 3),  # the small count
    report("S102", "2025-06-30", "EECO01", 50, 25),
    report("S102", "2025-06-30", "EECO08", 20, 12),
    report("OMA-C", "2025-06-30", "EECO01", 80, 40),
    report("OMA-C", "2025-06-30", "EECO08", 40, 20),
]


@pytest.fixture(scope="module")
def small_db(tiny_raw, tmp_path_factory):
    from kohtaanto.pipeline.build import build

    raw = tmp_path_factory.mktemp("smallcounts") / "raw"
    shutil.copytree(tiny_raw, raw)
    (raw / "projects").mkdir()
    (raw / "projects" / "seuranta.xlsx").write_bytes(workbook(PROJECTS, [], REPORTS))
    out = raw.parent / "small.duckdb"
    build(raw, out, progress=lambda _: None)
    return out


def table_with(at, column: str):
    tables = [d.value for d in [*at.dataframe, *at.table]] + shown_tables(at)
    return next(d for d in tables if column in d.columns)


TOTALS = {
    "fi": [
        ["Uusimaa", "1", "20", "< 5", "–"],
        ["Etelä-Suomi", "0", "–", "–", "–"],
        ["Länsi-Suomi", "0", "–", "–", "–"],
        ["Itä-Suomi", "1", "25", "..", "–"],
        ["Pohjois-Suomi", "1", "40", "20", f"50{NBSP}%"],
        ["Yhteensä: Koko maa", "3", "85", "35", f"41{NBSP}%"],
    ],
    "sv": [
        ["Nyland", "1", "20", "< 5", "–"],
        ["Södra Finland", "0", "–", "–", "–"],
        ["Västra Finland", "0", "–", "–", "–"],
        ["Östra Finland", "1", "25", "..", "–"],
        ["Norra Finland", "1", "40", "20", f"50{NBSP}%"],
        ["Totalt: Hela landet", "3", "85", "35", f"41{NBSP}%"],
    ],
}
HEADERS = {
    "fi": [
        "Alue",
        "Raportoineita hankkeita",
        "Osallistujat",
        "Osallistujat 55+",
        "55+-osuus osallistujista",
    ],
    "sv": [
        "Område",
        "Rapporterande projekt",
        "Deltagare",
        "Deltagare 55+",
        "Andel 55+ av deltagarna",
    ],
}


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_totals_per_area_hide_the_small_count_and_one_more(small_db, monkeypatch, lang):
    at = open_tables(run_app(small_db, monkeypatch, page="seuranta", lang=lang))
    totals = table_with(at, HEADERS[lang][0])
    assert list(totals.columns) == HEADERS[lang]
    # 3 + 12 + 20 = 35: the 3 is "< 5"; 12 is hidden too (..), with Itä-Suomi's total, which
    # is S102 alone; 35 and 20 stay. Shares of hidden counts are not shown.
    assert totals.values.tolist() == TOTALS[lang]
    country = {"fi": "Koko maa", "sv": "Hela landet"}[lang]
    assert t("seuranta.totals_title", lang, area=country) in [h.value for h in at.subheader]


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_the_same_cells_are_hidden_in_every_table(small_db, monkeypatch, lang):
    at = open_tables(run_app(small_db, monkeypatch, page="seuranta", lang=lang))
    own = "hankkeet?project=OMA-C" + ("&lang=sv" if lang == "sv" else "")
    periods = table_with(at, t("seuranta.col_achieved_EECO08", lang)).values.tolist()
    assert periods == [
        [own, "2025-06-30", "80", "40", "40", "20", "seuranta.xlsx"],
        [CARD.format("S101"), "2024-12-31", "100", "8", "50", "< 5", "seuranta.xlsx"],
        [CARD.format("S101"), "2025-06-30", "100", "20", "50", "< 5", "seuranta.xlsx"],
        [CARD.format("S102"), "2025-06-30", "50", "25", "20", "..", "seuranta.xlsx"],
    ]
    reach = table_with(at, t("seuranta.col_share_55", lang)).values.tolist()
    assert [r[:5] for r in reach] == [
        [own, "2025-06-30", "40", "20", f"50{NBSP}%"],
        [CARD.format("S101"), "2025-06-30", "20", "< 5", "–"],
        [CARD.format("S102"), "2025-06-30", "25", "..", "–"],
    ]


def test_progress_of_a_hidden_count_is_neither_a_percent_nor_a_bar(small_db, monkeypatch):
    import json

    at = open_tables(run_app(small_db, monkeypatch, page="seuranta", lang="en", indicator="EECO08"))
    rows = table_with(at, "Assessment").values.tolist()
    assert [r[:5] for r in rows] == [
        ["OMA-C", "2025-06-30", "40", "20", "50%"],
        ["S101", "2025-06-30", "50", "< 5", "–"],
        ["S102", "2025-06-30", "20", "..", "–"],
    ]
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert [str(y).split(" ")[0] for y in spec["data"][0]["y"]] == ["OMA-C"]


@pytest.mark.parametrize(
    ("lang", "text", "link"),
    [
        (
            "fi",
            "Alueella Etelä-Suomi ei ole teeman alahankkeita eikä indikaattoreita raportoivia "
            "hankkeita. Seurattavat hankkeet merkitään työkirjaan (kohtaanto_teema = kyllä, tai "
            "raportit välilehdelle indikaattorit).",
            "Alueen Etelä-Suomi kaikki hankkeet – katso Hankkeet",
        ),
        (
            "sv",
            "I Södra Finland finns inga delprojekt inom temat och inga projekt som rapporterar "
            "indikatorer. Projekt som följs upp anges i arbetsboken (kohtaanto_teema = kyllä, "
            "eller rapporter på fliken indikaattorit).",
            "Alla projekt i Södra Finland – se Projekt",
        ),
    ],
)
def test_an_area_without_monitored_projects_says_so_once(small_db, monkeypatch, lang, text, link):
    at = run_app(small_db, monkeypatch, page="seuranta", lang=lang, area="KA2")
    assert [i.value for i in at.info] == [text]
    # No "0 projects" beside it, and no "every ongoing project has reported".
    captions = [c.value for c in at.caption]
    assert t("seuranta.lead", lang) in captions
    assert not [
        c
        for c in captions
        if c.startswith(t("seuranta.scope", lang, n=0, area="x", reporting=0)[:8])
    ]
    assert at.subheader.len == 0
    assert at.get("page_link")[-1].proto.label == link


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "fi",
            "Alueella Itä-Suomi ei ole teeman alahankkeita eikä indikaattoreita raportoivia "
            "hankkeita. Seurattavat hankkeet merkitään työkirjaan (kohtaanto_teema = kyllä, tai "
            "raportit välilehdelle indikaattorit).",
        ),
        (
            "sv",
            "I Östra Finland finns inga delprojekt inom temat och inga projekt som rapporterar "
            "indikatorer. Projekt som följs upp anges i arbetsboken (kohtaanto_teema = kyllä, "
            "eller rapporter på fliken indikaattorit).",
        ),
    ],
)
def test_real_database_itä_suomi(real_projects_db, monkeypatch, lang, text):
    at = run_app(real_projects_db, monkeypatch, page="seuranta", lang=lang, area="KA4")
    assert [i.value for i in at.info] == [text]
    assert at.subheader.len == 0


@pytest.mark.parametrize(
    ("lang", "row"),
    [
        ("fi", ["hankkeet?project=KOHESIO-Q7442769&area=MK01", "Työura55+", "ei raportteja", "–"]),
        (
            "sv",
            [
                "hankkeet?project=KOHESIO-Q7442769&lang=sv&area=MK01",
                "Työura55+",
                "inga rapporter",
                "–",
            ],
        ),
    ],
)
def test_real_database_uusimaa_has_no_none(real_projects_db, monkeypatch, lang, row):
    # Työura55+ runs until 30 April 2028 and has sent no report.
    at = run_app(real_projects_db, monkeypatch, page="seuranta", lang=lang, area="MK01")
    stale = table_with(at, t("seuranta.col_last_report", lang))
    assert stale.values.tolist() == [row]
    texts = [str(v) for d in at.dataframe for v in d.value.values.ravel()]
    texts += [m.value for m in [*at.caption, *at.info, *at.markdown]]
    assert not any("None" in x or x == "nan" for x in texts)
