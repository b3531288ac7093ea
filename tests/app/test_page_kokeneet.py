"""Kokeneet osaajat 55+: the chart builders and sentences on hand-made frames, and the page run
headless on the tiny database extended with age breaks, on the real and on the demo database."""

from __future__ import annotations

import base64
import datetime as dt
import json
import shutil
import tomllib

import duckdb
import numpy as np
import pandas as pd
import pytest

from kohtaanto import charts, paths
from kohtaanto.charts import age_figures as ca
from kohtaanto.charts import ages
from kohtaanto.note import Note
from tests.apptest_util import open_tables, refresh_derived, run_app, shown_tables, title_of

NBSP = "\u00a0"
SEP, OCT = dt.date(2023, 9, 1), dt.date(2023, 10, 1)

# ---------------------------------------------------------------------------------------------
# The tiny database plus age breaks. Maakunta 12 has 130 (9/2023) and 127 (10/2023) unemployed
# in the tiny data; here they are split 20 + 60 + 50 and 18 + 58 + 51 by the register's break
# 15–24, 25–49, 50+ (tyonv/1207). The country has 1 300 in 10/2023, of whom 430 aged 50+.

AGE_GROUPS = [
    ("15-24", 15, 24),
    ("25-49", 25, 49),
    ("50-", 50, None),
    ("15-74", 15, 74),
    ("55-64", 55, 64),
]
UNEMPLOYED = {  # area: {age: (September, October)}
    "MK12": {"15-24": (20, 18), "25-49": (60, 58), "50-": (50, 51)},
    "SSS": {"15-24": (200, 220), "25-49": (600, 650), "50-": (400, 430)},
    "MK01": {"50-": (None, 300)},
    "MK02": {"50-": (None, 40)},
    "KU121": {"50-": (None, 40)},
}
LONG_TERM = {"MK12": {"SSS": (40, 38), "15-24": (2, 2), "25-49": (18, 15), "50-": (20, 21)}}
LFS = {
    2022: {"15-74": 6.8, "55-64": 6.5},
    2023: {"15-74": 7.2, "55-64": 7.9},
    2024: {"15-74": 8.4, "55-64": 8.1},
}


def add_ages(db) -> None:
    """Insert the age groups and observations above into a writable copy of the tiny database."""
    con = duckdb.connect(str(db))
    for code, lo, hi in AGE_GROUPS:
        label = f"{lo}–{hi}" if hi else f"{lo}+"
        con.execute(
            "insert into age_groups values (?, ?, ?, ?, ?, ?)", [code, lo, hi, label, label, label]
        )
    rows = []
    for measure, cells in (("unemployed", UNEMPLOYED), ("long_term_unemployed", LONG_TERM)):
        for area, by_age in cells.items():
            for age, values in by_age.items():
                for month, value in zip((SEP, OCT), values, strict=True):
                    if value is not None:
                        rows.append((measure, month, "month", area, age, value, "tyonv/1207"))
    for year, by_age in LFS.items():
        for age, value in by_age.items():
            rows.append(
                (
                    "unemployment_rate_lfs",
                    dt.date(year, 1, 1),
                    "year",
                    "SSS",
                    age,
                    value,
                    "tyti/13aj",
                )
            )
    con.executemany(
        "insert into observations values (?, ?, ?, ?, ?, 'SSS', 'SSS', 'SSS', ?, 'observed', ?)",
        rows,
    )
    refresh_derived(con)
    con.close()


@pytest.fixture()
def age_db(tiny_db, tmp_path):
    db = tmp_path / "ages.duckdb"
    shutil.copy(tiny_db, db)
    add_ages(db)
    return db


def decoded(value):
    """Plotly writes numeric arrays as base64 (``{"dtype": "f8", "bdata": ...}``): as a list."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return value


def specs(at) -> list[dict]:
    """The figures of the page as JSON, with the traces' x and y as plain lists."""
    out = []
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        for trace in spec["data"]:
            trace.update({k: decoded(trace[k]) for k in ("x", "y") if k in trace})
        out.append(spec)
    return out


def sentences(at) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("- ")]


# ---------------------------------------------------------------------------------------------
# The page on known numbers.


def test_sentences_from_the_numbers(age_db, monkeypatch):
    at = run_app(age_db, monkeypatch, page="kokeneet", area="MK12")
    assert at.title[0].value == "Kokeneet osaajat: Maakunta 12"
    assert sentences(at) == [
        f"- Maakunta 12: ikäryhmän 50+ osuus työttömistä työnhakijoista oli 40,2{NBSP}% "
        "lokakuussa 2023 (51 henkeä).",
        f"- Ajanjaksolla 9/2023–10/2023 ikäryhmän 50+ työttömien työnhakijoiden määrä muuttui "
        f"+2,0{NBSP}%, nuorempien (15–49) −5,0{NBSP}%.",
        f"- Ikäryhmän 50+ työttömistä 41,2{NBSP}% oli lokakuussa 2023 ollut työttömänä "
        f"yhtäjaksoisesti vähintään vuoden; kaikista työttömistä 29,9{NBSP}%.",
        # The survey's years stop at the period's end (2023), though the survey has 2024 too.
        f"- Työvoimatutkimuksen mukaan 55–64-vuotiaiden työttömyysaste oli koko maassa "
        f"7,9{NBSP}% vuonna 2023, kaikkien 15–74-vuotiaiden 7,2{NBSP}%.",
    ]


def test_english_sentences_and_an_earlier_end(age_db, monkeypatch):
    at = run_app(age_db, monkeypatch, page="kokeneet", area="MK12", lang="en", end="2023-09")
    assert sentences(at) == [
        "- Region 12: jobseekers aged 50+ made up 38.5% of the unemployed in September 2023 "
        "(50 persons).",
        "- In September 2023, 40.0% of the unemployed aged 50+ had been unemployed without a "
        "break for a year or more; of all the unemployed, 30.8%.",
        "- According to the Labour Force Survey, the unemployment rate of those aged 55–64 in "
        "the whole country was 7.9% in 2023, against 7.2% for all aged 15–74.",
    ]


def test_age_trend_is_indexed_to_the_first_month(age_db, monkeypatch):
    at = run_app(age_db, monkeypatch, page="kokeneet", area="MK12")
    trend = specs(at)[0]
    assert title_of(trend) == (
        "Kokeneet ja nuoremmat työttömät työnhakijat, indeksi 9/2023 = 100: Maakunta 12"
    )
    assert trend["layout"]["title"]["subtitle"]["text"] == (
        "Työnvälitysrekisteri, tyonv/1207: 15–24, 25–49, 50+"
    )
    lines = {d["name"]: d for d in trend["data"]}
    assert list(lines) == ["15–24", "25–49", "50+"]
    assert lines["50+"]["y"] == pytest.approx([100, 102])
    assert lines["15–24"]["y"] == pytest.approx([100, 90])
    assert lines["50+"]["line"]["color"] == charts.AREA
    table = shown_tables(open_tables(at))[0]
    assert list(table.columns) == ["Ikäryhmä", "Ajankohta", "Indeksi"]


def test_count_view_from_the_url(age_db, monkeypatch):
    at = run_app(age_db, monkeypatch, page="kokeneet", area="MK12", measure="count")
    assert at.radio(key="p_measure").value == "count"
    lines = {d["name"]: d["y"] for d in specs(at)[0]["data"]}
    assert lines["25–49"] == [60, 58]
    assert title_of(specs(at)[0]).endswith(": Maakunta 12")


def test_share_by_area_ranks_the_regions(age_db, monkeypatch):
    at = run_app(age_db, monkeypatch, page="kokeneet", area="MK12")
    bars = specs(at)[1]
    assert title_of(bars) == (
        "Ikäryhmän 50+ osuus työttömistä työnhakijoista 10/2023: 3 aluetta (taso: maakunta)"
    )
    assert bars["data"][0]["y"] == ["Maakunta 01", "Maakunta 02", "Maakunta 12"]
    assert bars["data"][0]["x"] == pytest.approx([30.0, 40.0, 100 * 51 / 127])
    assert bars["data"][0]["marker"]["color"][-1] == charts.AREA
    assert bars["data"][0]["text"] == [f"30,0{NBSP}%", f"40,0{NBSP}%", f"40,2{NBSP}%"]
    assert bars["layout"]["xaxis"]["title"]["text"] == "% työttömistä työnhakijoista"
    reference = [a["text"] for a in bars["layout"]["annotations"]]
    assert f"Koko maa 33,1{NBSP}%" in reference
    assert bars["layout"]["shapes"][0]["layer"] == "below"  # under the bars and their labels
    table = shown_tables(open_tables(at))[1]
    assert list(table["Alue"]) == ["Maakunta 12", "Maakunta 02", "Maakunta 01"]


def test_a_municipality_without_ages_sees_its_region_in_the_ranking(age_db, monkeypatch):
    # Kunta 167 lies in Maakunta 12 and has no figures of its own; its neighbour Kunta 121 has,
    # but a ranking of that one municipality is not about Kunta 167: only the regions are offered.
    at = run_app(age_db, monkeypatch, page="kokeneet", area="KU167")
    assert at.selectbox(key="p_level").options == ["maakunta (3)"]
    bars = specs(at)[0]
    assert bars["data"][0]["y"] == ["Maakunta 01", "Maakunta 02", "Maakunta 12"]
    assert bars["data"][0]["marker"]["color"] == ["#8FB8DE", "#8FB8DE", charts.AREA]


def test_one_area_at_a_level_gives_lines_over_time(age_db, monkeypatch):
    at = run_app(age_db, monkeypatch, page="kokeneet", area="MK12", level="municipality")
    assert at.selectbox(key="p_level").value == "municipality"
    lines = {d["name"]: d for d in specs(at)[1]["data"]}
    assert list(lines) == ["Kunta 121", "Koko maa"]
    assert lines["Kunta 121"]["y"] == pytest.approx([100 * 40 / 97])
    assert lines["Koko maa"]["y"] == pytest.approx([100 * 400 / 1200, 100 * 430 / 1300])
    assert lines["Koko maa"]["line"]["dash"] == "dash"


def test_long_term_share_by_age(age_db, monkeypatch):
    at = run_app(age_db, monkeypatch, page="kokeneet", area="MK12")
    lines = {d["name"]: d["y"] for d in specs(at)[2]["data"]}
    assert list(lines) == ["15–24", "25–49", "50+", "Kaikki ikäryhmät"]
    assert lines["50+"] == pytest.approx([40.0, 100 * 21 / 51])
    assert lines["Kaikki ikäryhmät"] == pytest.approx([100 * 40 / 130, 100 * 38 / 127])


def test_survey_chart_highlights_55_64_against_all(age_db, monkeypatch):
    at = run_app(age_db, monkeypatch, page="kokeneet", area="MK12", lang="sv")
    lfs = specs(at)[3]
    lines = {d["name"]: d for d in lfs["data"]}
    assert list(lines) == ["55–64", "15–74"]
    # 9/2023–10/2023: the survey year 2023 only, not the later 2024.
    assert lines["55–64"]["y"] == [7.9]
    assert lines["55–64"]["line"]["color"] == charts.AREA
    assert lines["15–74"]["line"]["dash"] == "dash"
    note = lfs["layout"]["annotations"][0]["text"]
    assert (
        note
        == "Källa: Statistikcentralen, arbetskraftsundersökningen<br>tyti/13aj · 2023 · observerat"
    )


def test_bad_page_parameters_fall_back_with_a_notice(age_db, monkeypatch):
    at = run_app(age_db, monkeypatch, page="kokeneet", area="MK12", measure="<b>", level="moon")
    notices = [i.value for i in at.info]
    assert (
        'Linkin parametria measure = "?b?" ei tunnistettu, joten käytetään oletusarvoa.' in notices
    )
    assert (
        'Linkin parametria level = "moon" ei tunnistettu, joten käytetään oletusarvoa.' in notices
    )
    assert at.radio(key="p_measure").value == "index"
    assert at.selectbox(key="p_level").value == "region"


def test_area_without_ages_says_which_source_has_them(age_db, monkeypatch):
    at = run_app(age_db, monkeypatch, page="kokeneet", area="MK04", lang="en")
    infos = [i.value for i in at.info]
    assert infos[0] == (
        "The sources have no unemployed jobseekers by age for Region 04 in 9/2023–10/2023. "
        "Choose an area and a period that have an age break:\n\n"
        "- **tyonv/1207** (15–24, 25–49, 50+; 9/2023–10/2023): country; "
        "region (3): Region 01, Region 02, Region 12; municipality (1): Municipality 121"
    )
    # Other regions have the share, but a ranking without Region 04 would not be about it.
    assert infos[1].startswith(
        "There is no share aged 50+ among the unemployed for Region 04 (region) in "
        "9/2023–10/2023, nor for the areas that contain it or lie within it, so no comparison "
        "of areas is shown. The age break exists only here:\n\n- **tyonv/1207**"
    )
    assert not at.radio  # nothing to switch between
    assert "p_level" not in [box.key for box in at.selectbox]


def test_tiny_database_without_any_age_break(tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="kokeneet", area="MK12")
    infos = [i.value for i in at.info]
    assert infos[0].endswith("Tietokannassa ei ole yhtään ikäryhmittäistä lähdettä.")
    assert infos[-1] == (
        "Tietokannassa ei ole työvoimatutkimuksen työttömyysasteita ikäryhmittäin (tyti/13aj) "
        "vuosille 2023."
    )
    assert not at.get("plotly_chart")


@pytest.mark.parametrize(
    "params", [{"area": "MK12"}, {"area": "KA4", "age": "55-59", "lang": "en"}]
)
def test_demo_database_renders(demo_db, monkeypatch, params):
    at = run_app(demo_db, monkeypatch, page="kokeneet", **params)
    assert len(specs(at)) == 4
    assert "DEMO" in specs(at)[0]["layout"]["annotations"][0]["text"]


# ---------------------------------------------------------------------------------------------
# The builders on hand-made frames.


def groups(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["age_group", "min_age", "max_age", "source_table"])


REGISTER = groups(
    ("15-24", 15, 24, "tyonv/1207"),
    ("25-49", 25, 49, "tyonv/1207"),
    ("50-", 50, None, "tyonv/1207"),
)
FIVE_YEAR = groups(
    *[(f"{a}-{a + 4}", a, a + 4, "tyonv/1205") for a in range(15, 65, 5)],
    ("65-", 65, None, "tyonv/1205"),
)
DEMO = groups(
    *[
        (a, lo, hi, "demo")
        for a, lo, hi in [
            ("15-24", 15, 24),
            ("25-49", 25, 49),
            ("50-", 50, None),
            ("55-", 55, None),
            ("55-59", 55, 59),
            ("60-64", 60, 64),
            ("65-", 65, None),
        ]
    ]
)


def test_age_labels():
    assert ages.age_label("50-", 50, None, "fi") == "50+"
    assert ages.age_label("55-59", 55, 59, "en") == "55–59"
    assert ages.age_label("SSS", None, None, "sv") == "Alla åldrar"


@pytest.mark.parametrize(
    ("frame", "chosen", "order", "focus"),
    [
        (REGISTER, "50-", ["15-24", "25-49", "50-"], "50-"),
        (REGISTER, "55-59", ["15-24", "25-49", "50-"], "50-"),  # not in the source: 50+ stands in
        (
            pd.concat([REGISTER, FIVE_YEAR]),
            "55-59",
            [f"{a}-{a + 4}" for a in range(15, 65, 5)] + ["65-"],
            "55-59",
        ),
        (DEMO, "55-", ["15-24", "25-49", "55-"], "55-"),  # 50+ overlaps 55+ and is left out
        (DEMO, "55-59", ["15-24", "25-49", "55-59", "60-64", "65-"], "55-59"),
        (DEMO, "SSS", ["15-24", "25-49", "55-"], "55-"),
        (
            groups(("15-24", 15, 24, "x"), ("25-34", 25, 34, "x")),
            "SSS",
            ["15-24", "25-34"],
            "25-34",
        ),
        (groups(), "50-", [], None),
    ],
)
def test_age_break(frame, chosen, order, focus):
    assert ages.age_break(frame, chosen) == (order, focus)


def test_index_base_is_the_first_month_with_the_most_groups():
    data = pd.DataFrame(
        {
            "period": pd.to_datetime(["2020-01-01", "2020-02-01", "2020-03-01"] * 2),
            "age_group": ["50-"] * 3 + ["65-"] * 3,
            "value": [200.0, 220.0, 209.0, 0.0, 4.0, None],
        }
    )
    out, base = ca.indexed(data)
    assert base == dt.date(2020, 2, 1)
    assert list(out["index"].round(4).fillna(-1)) == [90.9091, 100.0, 95.0, 0.0, 100.0, -1]


def test_coverage_lists_few_areas_by_name_and_many_by_count():
    coverage = pd.DataFrame(
        {
            "measure": ["unemployed"] * 3,
            "source_table": ["demo"] * 3,
            "age_groups": ["15–24, 50+"] * 3,
            "first_period": [pd.Timestamp("2016-01-01")] * 3,
            "last_period": [pd.Timestamp("2025-12-01")] * 3,
            "level": ["country", "region", "municipality"],
            "areas": [1, 19, 2],
            "name_fi": ["Koko maa", "…", "Hattula, Janakkala"],
            "name_sv": ["Hela landet", "…", "Hattula, Janakkala"],
            "name_en": ["Whole country", "…", "Hattula, Janakkala"],
        }
    )
    assert ca.coverage_text(coverage, "unemployed", "fi") == (
        "\n\n- **demo** (15–24, 50+; 1/2016–12/2025): koko maa; maakunta (19); "
        "kunta (2): Hattula, Janakkala"
    )
    assert ca.coverage_text(coverage, "long_term_unemployed", "en") == (
        "\n\nThe database has no source broken down by age."
    )
    five = coverage.assign(source_table="tyonv/1205", age_groups="50–54, 55–59")
    both = pd.concat([coverage, five])
    # With an age group, only the sources that have it; a group no source has lists them all.
    assert ca.coverage_text(both, "unemployed", "fi", age="50+").count("- **") == 1
    assert ca.coverage_text(both, "unemployed", "fi", age="55–59").startswith(
        "\n\n- **tyonv/1205**"
    )
    assert ca.coverage_text(both, "unemployed", "fi", age="–").count("- **") == 2


def test_pick_level():
    counts = {"region": 19, "ely": 16, "municipality": 3}
    assert ca.pick_level(["region", "ely", "municipality"], "ely", counts) == "ely"
    assert ca.pick_level(["region", "ely", "municipality"], "country", counts) == "region"
    assert (
        ca.pick_level(
            ["sub_region", "municipality"], "country", {"sub_region": 1, "municipality": 3}
        )
        == "municipality"
    )


def test_lines_with_one_month_get_markers():
    data = pd.DataFrame(
        {
            "period": [pd.Timestamp("2020-06-01")] * 2,
            "share": [30.0, 20.0],
            "series": ["50+", "Kaikki ikäryhmät"],
        }
    )
    fig = ca.lines(
        data,
        x="period",
        y="share",
        series="series",
        title="T",
        subtitle="S",
        lang="fi",
        note=Note(),
        highlight="50+",
        reference="Kaikki ikäryhmät",
    )
    assert [d.mode for d in fig.data] == ["lines+markers", "lines+markers"]
    assert fig.data[0].line.width == 4 and fig.data[1].line.dash == "dash"


def test_long_titles_wrap():
    assert charts.wrap_lines("a " * 40, 20).count(charts.WRAP) == 3
    assert charts.wrap_lines("lyhyt", 20) == "lyhyt"


def test_respectful_words_in_every_language():
    with (paths.PACKAGE / "locales" / "kokeneet.toml").open("rb") as f:
        texts = tomllib.load(f)["kokeneet"]
    for key, by_lang in texts.items():
        assert set(by_lang) == {"fi", "sv", "en"}, key
        words = " ".join(by_lang.values()).lower()
        for word in ("ikäänty", "vanhat", "vanhus", "elderly", "äldre", "the aged", "old people"):
            assert word not in words, (key, word)
