"""Storylines: every view on tiny, demo and real data, takeaways with exact text on known
numbers, and the deck of every storyline built as the presentation page builds it (views →
images → chart slides → PPTX), opened with python-pptx, in Finnish, Swedish and English."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import struct
import zipfile
from pathlib import Path

import duckdb
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from kohtaanto import charts, storyline
from kohtaanto.charts.ages import widest_experienced
from kohtaanto.charts.narrative import chart_kind
from kohtaanto.db import run_query
from kohtaanto.export import images as export
from kohtaanto.export import slides
from kohtaanto.i18n import LANGS, catalogue, name_column, t
from kohtaanto.note import Note
from kohtaanto.panels import PANELS
from tests.apptest_util import refresh_derived, run_app
from tests.unit.test_slides import tiny_png

NB = "\u00a0"
TODAY = dt.date(2026, 11, 27)
SOURCE = {"fi": "Lähde:", "sv": "Källa:", "en": "Source:"}
REAL_PUBLISHERS = ("Tilastokeskus", "Statistikcentralen", "Statistics Finland")
AGE_VIEWS = {"age_share", "experienced", "experienced_trend", "age_share_areas", "long_term_age"}
SURVEY_VIEWS = {"lfs_55_64", "industry_55_64"}
# The tiny data have no projects; the real workbook has no indicator reports nor practices.
PROJECT_VIEWS = {"projects_by_region", "project_reach", "practices", "monitoring_progress"}
UNREPORTED = {"project_reach", "practices", "monitoring_progress"}

# Views without figures, and why. The tiny data have the register's all-ages counts only: no
# age groups, no survey; its coordinator area KA4 holds regions without any figures. The real
# data break ages down only for the country and four areas (Hämeenlinna…), until 6/2020.
VACANCY_VIEWS = {"industry_vacancies", "industry_trend"}
# The tiny database's forecast step found every series too short: no outlook to rank.
OUTLOOK_VIEWS = {"outlook_ranking"}
INDUSTRY_VIEWS = VACANCY_VIEWS | {"industry_share_years"}
NO_FIGURES = {
    # Neither the tiny nor the demo database has boundaries: no map. Nor has the tiny one
    # vacancies by industry (12tw) or the Labour Force Survey; the mirror has no 12tw.
    ("tiny_db", "SSS"): AGE_VIEWS
    | SURVEY_VIEWS
    | PROJECT_VIEWS
    | {"area_map"}
    | INDUSTRY_VIEWS
    | OUTLOOK_VIEWS,
    # The tiny 12ti has occupations for the country, MK01 and MK02 only: the area's own index is
    # missing (the mismatch view falls back to the covering area).
    ("tiny_db", "MK12"): AGE_VIEWS
    | SURVEY_VIEWS
    | PROJECT_VIEWS
    | {"mismatch_occupation", "area_map"}
    | INDUSTRY_VIEWS
    | OUTLOOK_VIEWS,
    ("tiny_db", "KA4"): AGE_VIEWS
    | SURVEY_VIEWS
    | {"share", "tightness", "beveridge", "counts", "mismatch_occupation", "area_map"}
    | {"outlook_trend"}
    | PROJECT_VIEWS
    | INDUSTRY_VIEWS
    | OUTLOOK_VIEWS,
    ("tiny_db", "municipality"): AGE_VIEWS
    | SURVEY_VIEWS
    | PROJECT_VIEWS
    | {"mismatch_occupation", "area_map"}
    | INDUSTRY_VIEWS
    | OUTLOOK_VIEWS,
    # The mirror's 12r5 answer of 2026-06 has the unemployed aged 50+ for every area (issue 7);
    # its projects workbook has no results or reports; its 12ti has regions, not municipalities.
    ("real_db", "SSS"): UNREPORTED | VACANCY_VIEWS,
    ("real_db", "MK12"): UNREPORTED | VACANCY_VIEWS,
    ("real_db", "KA4"): UNREPORTED | VACANCY_VIEWS,
    ("real_db", "municipality"): UNREPORTED | VACANCY_VIEWS | {"mismatch_occupation"},
    ("demo_db", "SSS"): {"area_map"},
    ("demo_db", "MK12"): {"area_map"},
    # No monitored demo sub-project lies in KA4 or in one municipality: Seuranta counts the
    # projects in the area, project_reach also the national ones and those containing it.
    ("demo_db", "KA4"): {"area_map", "monitoring_progress"},
    ("demo_db", "municipality"): {"area_map", "monitoring_progress"},
}


def use(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KOHTAANTO_DB", str(db))


def context(area: str, lang: str = "fi", age: str | None = None) -> storyline.Context:
    """The app's defaults for the database in use: the last five years, the experienced age."""
    months = [p.date() for p in run_query("month_list").period]
    start, end = months[max(0, len(months) - 61)], months[-1]
    if age is None:
        age = widest_experienced(run_query("age_list")) or "SSS"
    names = run_query("area_list").set_index("area_code")[name_column(lang)]
    return storyline.Context(lang, area, str(names[area]), start, end, age)


def a_municipality(preferred: str = "KU167") -> str:
    """Joensuu where the database has it; the demo has no municipalities: an ELY area then."""
    areas = run_query("area_list")
    if preferred in set(areas.area_code):
        return preferred
    for level in ("municipality", "ely"):
        codes = areas[areas.level == level].area_code
        if len(codes):
            return str(codes.iloc[0])
    raise AssertionError("no area below the regions")


@pytest.fixture(scope="module")
def tiny_plus(tiny_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny database with known age groups (Region 12 and the country), survey rates of
    those aged 55–64 and 15–74, and the employed by industry and age."""
    path = tmp_path_factory.mktemp("tinyplus") / "tiny_plus.duckdb"
    shutil.copy(tiny_db, path)
    con = duckdb.connect(str(path))
    con.execute("""
        insert into age_groups values
            ('15-24', 15, 24, '15–24-vuotiaat', '15–24 år', 'Aged 15–24'),
            ('25-49', 25, 49, '25–49-vuotiaat', '25–49 år', 'Aged 25–49'),
            ('50-', 50, null, '50 vuotta täyttäneet', '50 år och äldre', 'Aged 50 and over'),
            ('15-64', 15, 64, '15–64-vuotiaat', '15–64 år', 'Aged 15–64'),
            ('15-74', 15, 74, '15–74-vuotiaat', '15–74 år', 'Aged 15–74'),
            ('55-64', 55, 64, '55–64-vuotiaat', '55–64 år', 'Aged 55–64')
    """)
    rows = []
    # Unemployed by age; each month's groups sum to the all-ages count of the tiny data.
    for area, counts in {
        "MK12": {"15-24": (20, 18), "25-49": (70, 67), "50-": (40, 42)},
        "SSS": {"15-24": (200, 210), "25-49": (600, 650), "50-": (400, 440)},
    }.items():
        for age, pair in counts.items():
            for month, value in zip(("2023-09-01", "2023-10-01"), pair, strict=True):
                rows.append(("unemployed", month, "month", area, age, "SSS", value, "tyonv/1207"))
    for year, young_old in {2022: (7.0, 8.0), 2023: (7.2, 7.5), 2024: (8.4, 8.6)}.items():
        for age, value in zip(("15-74", "55-64"), young_old, strict=True):
            rows.append(
                (
                    "unemployment_rate_lfs",
                    f"{year}-01-01",
                    "year",
                    "SSS",
                    age,
                    "SSS",
                    value,
                    "tyti/13aj",
                )
            )
    for industry, (old, all_) in {
        "SSS": (400, 2000),
        "C": (90, 500),
        "P": (60, 200),
        "I": (10, 100),
    }.items():
        for age, value in (("55-64", old), ("15-64", all_)):
            rows.append(
                ("lfs_employed", "2017-01-01", "year", "SSS", age, industry, value, "tyti/tau031")
            )
    con.executemany(
        "insert into observations (measure, period, frequency, area_code, age_group, occupation_code,"
        " industry_code, sex, value, status, source_table)"
        " values (?, ?::date, ?, ?, ?, 'SSS', ?, 'SSS', ?, 'observed', ?)",
        rows,
    )
    refresh_derived(con)
    con.close()
    return path


# Every view on every database.


@pytest.mark.parametrize("db_name", ["tiny_db", "demo_db", "real_db"])
@pytest.mark.parametrize("area", ["SSS", "MK12", "KA4", "municipality"])
def test_every_view_has_title_takeaway_and_footnote(db_name, area, request, monkeypatch):
    use(request.getfixturevalue(db_name), monkeypatch)
    code = a_municipality() if area == "municipality" else area
    ctx = context(code)
    empty = set()
    for vid, (name_key, build) in ((c, (p.name_key, p.build)) for c, p in PANELS.items()):
        view = build(ctx)
        if view is None:
            empty.add(vid)
            continue
        assert ": " in view.title, view.title  # what: where
        assert view.takeaway.endswith(".") and "{" not in view.takeaway
        assert not re.search(r"\bnan\b|\bNone\b", view.takeaway), view.takeaway
        plain = view.note.plain("fi")
        assert plain.startswith("Lähde:") and "<br>" not in plain
        assert len(view.data) > 0
        if view.figure is None:  # one month only: its figures as numbers, and why no line
            assert view.numbers and view.why, vid
        else:
            assert len(view.figure.data) > 0
        if db_name == "demo_db":  # generated figures never carry a real publisher's name
            assert not any(p in plain for p in REAL_PUBLISHERS), plain
        assert catalogue()[name_key]
    # One occupation's trend needs the occupation, the project card's context its project:
    # built with defaults they have nothing to show.
    assert empty == NO_FIGURES[(db_name, area)] | {"occupation_trend", "project_context"}


def test_storylines_are_made_of_registered_views_with_texts_in_every_language():
    assert set(storyline.STORYLINES) == {
        "kuukausi",
        "kohtaanto",
        "kokeneet",
        "ennakointi",
        "alueen_hankkeet",
        "kaikki",
    }
    assert storyline.STORYLINES["kuukausi"][1][:3] == ["share", "experienced", "tightness"]
    assert len(storyline.STORYLINES["kuukausi"][1]) == 5
    assert len(storyline.STORYLINES["kaikki"][1]) == 8
    for title_key, views in storyline.STORYLINES.values():
        assert all(catalogue()[title_key].get(lang) for lang in LANGS)
        assert set(views) <= set(PANELS)
    for name_key in (p.name_key for p in PANELS.values()):
        assert all(catalogue()[name_key].get(lang) for lang in LANGS)
    assert t("story.month", "fi") == "Kokeneet osaajat alueellani: kuukausi kuvina"


# Takeaways on known numbers.


@pytest.mark.parametrize(
    ("view_id", "area", "lang", "title", "takeaway"),
    [
        (
            "share",
            "MK12",
            "en",
            "Unemployed as a share of the labour force: Region 12 and the whole country",
            "Region 12: 12.7% in October 2023; whole country 10.0%.",
        ),
        # October has no vacancies for Region 12: the latest month of both is September.
        (
            "tightness",
            "MK12",
            "fi",
            "Avoimia työpaikkoja työtöntä kohden: Maakunta 12 ja koko maa",
            "Maakunta 12: 0,08 avointa paikkaa työtöntä kohden syyskuussa 2023; koko maassa 0,29.",
        ),
        (
            "tightness",
            "SSS",
            "sv",
            "Lediga arbetsplatser per arbetslös: Hela landet",
            "Hela landet: 0,35 lediga arbetsplatser per arbetslös i oktober 2023.",
        ),
        # Two months only: no 12-month moving values, so the monthly ones.
        (
            "beveridge",
            "MK12",
            "fi",
            "Beveridge-käyrä (kuukausiarvot): Maakunta 12 ja koko maa",
            f"Maakunta 12: työttömiä 13,0{NB}% ja avoimia paikkoja 1,0{NB}% työvoimasta syyskuussa "
            f"2023; koko maassa 10,0{NB}% ja 2,9{NB}%.",
        ),
        # Groups 22 (12 + suppressed unemployed, 52 vacancies) and 53 (31, 21) of Region 01:
        # 0.5 (|12/43 − 52/73| + |31/43 − 21/73|) = 43.3 %; the country's groups match exactly.
        (
            "mismatch",
            "MK01",
            "fi",
            "Kohtaanto-ongelman indeksi ammattiryhmittäin: Maakunta 01 ja koko maa",
            f"Maakunta 01: 43,3{NB}% työttömistä pitäisi vaihtaa ammattiryhmää, jotta työttömät ja "
            f"avoimet paikat jakautuisivat samoin (lokakuu 2023); koko maassa 0,0{NB}%.",
        ),
        # Four regions with figures in October: 1000/400, 100/50, 550/250 and 127/– (u/v).
        (
            "mismatch",
            "SSS",
            "en",
            "Mismatch index across regions: the whole country",
            "Whole country: 7.1% of the unemployed would have to change region (4 regions) for "
            "jobseekers and vacancies to be distributed alike (October 2023).",
        ),
        # A municipality without occupation figures: its sub-region's (the same two
        # municipalities as Region 01, so summed from the region's figures), said so.
        (
            "shortage",
            "KU011",
            "fi",
            "Eniten avoimia paikkoja työtöntä kohden: Seutu 01, 10/2023",
            "Seutu 01 (johon Kunta 011 kuuluu) lokakuussa 2023 – eniten avoimia paikkoja työtöntä "
            "kohden: alaryhmä 222 (4,33); paikkoja oli enemmän kuin työttömiä 1/2 ammattiryhmässä.",
        ),
        (
            "region_ranking",
            "MK12",
            "fi",
            "Työttömien osuus työvoimasta, lokakuu 2023: kaikki maakunnat",
            f"Työttömien osuus työvoimasta lokakuussa 2023: Maakunta 12 (12,7{NB}%, sija 1/4); "
            f"koko maassa 10,0{NB}%.",
        ),
        # A coordinator area highlights its regions; ties share a rank.
        (
            "region_ranking",
            "KA1",
            "en",
            "Unemployed as a share of the labour force, October 2023: all regions",
            "Unemployed as a share of the labour force in October 2023: Region 01 (10.0%, rank 2 of 4); "
            "whole country 10.0%.",
        ),
    ],
)
def test_takeaway_from_the_tiny_numbers(view_id, area, lang, title, takeaway, tiny_db, monkeypatch):
    use(tiny_db, monkeypatch)
    view = PANELS[view_id].build(context(area, lang))
    assert (view.title, view.takeaway) == (title, takeaway)


def test_shortage_ranks_three_digit_groups_by_vacancies_per_jobseeker(tiny_db, monkeypatch):
    use(tiny_db, monkeypatch)
    view = PANELS["shortage"].build(context("MK01"))
    # The table under the chart, as on the Ammatit page: translated columns.
    assert list(view.data[t("ammatit.col_occupation", "fi")]) == [
        "222 Alaryhmä 222",
        "532 Alaryhmä 532",
    ]
    assert list(view.data[t("ammatit.col_tightness", "fi")]) == [4.33, 0.68]
    october = dt.date(2023, 10, 1)  # the latest month only; a suppressed cell: estimated
    assert view.note == Note.of(["tyonv/12ti"], [october], ["observed", "estimated"])


def test_region_ranking_highlights_the_area_and_draws_the_country(tiny_db, monkeypatch):
    use(tiny_db, monkeypatch)
    view = PANELS["region_ranking"].build(context("KU121"))  # a municipality of Region 12
    bar = view.figure.data[0]
    colours = dict(zip(bar.customdata, bar.marker.color, strict=True))
    assert colours["MK12"] == charts.AREA
    assert {c for code, c in colours.items() if code != "MK12"} == {"#8FB8DE"}
    assert [s.x0 for s in view.figure.layout.shapes] == [10.0]  # the country's share


@pytest.mark.parametrize(
    ("view_id", "lang", "title", "takeaway"),
    [
        (
            "age_share",
            "fi",
            "Ikäryhmän 50+ osuus työttömistä: Maakunta 12 ja koko maa",
            f"Maakunta 12: ikäryhmän 50+ osuus työttömistä työnhakijoista oli 33,1{NB}% lokakuussa "
            f"2023; koko maassa 33,8{NB}%.",
        ),
        # 50+: 40 → 42 (+5.0 %); younger: 20 + 70 → 18 + 67 (−5.6 %).
        (
            "experienced_trend",
            "fi",
            "Kokeneet ja nuoremmat työttömät työnhakijat: Maakunta 12",
            f"Ajanjaksolla 9/2023–10/2023 ikäryhmän 50+ työttömien työnhakijoiden määrä muuttui "
            f"+5,0{NB}%, nuorempien (15–49) −5,6{NB}%.",
        ),
        # The survey years of the chosen period (to 10/2023), as on the page: not 2024.
        (
            "lfs_55_64",
            "en",
            "Unemployment rate of those aged 55–64, Labour Force Survey: whole country",
            "According to the Labour Force Survey, the unemployment rate of those aged 55–64 in the "
            "whole country was 7.5% in 2023, against 7.2% for all aged 15–74.",
        ),
        # Education 60/200, manufacturing 90/500, accommodation 10/100; all 400/2000.
        (
            "industry_55_64",
            "fi",
            "55–64-vuotiaiden osuus työllisistä toimialoittain: koko maa, 2017",
            f"Vuonna 2017 osuus oli suurin toimialalla koulutus (30,0{NB}%) ja pienin toimialalla "
            f"majoitus- ja ravitsemistoiminta (10,0{NB}%); kaikilla toimialoilla 20,0{NB}%.",
        ),
    ],
)
def test_experienced_talent_views_on_known_ages(
    view_id, lang, title, takeaway, tiny_plus, monkeypatch
):
    use(tiny_plus, monkeypatch)
    view = PANELS[view_id].build(context("MK12", lang, age="50-"))
    assert (view.title, view.takeaway) == (title, takeaway)


def test_experienced_trend_draws_the_break_of_the_source(tiny_plus, monkeypatch):
    use(tiny_plus, monkeypatch)
    view = PANELS["experienced_trend"].build(context("MK12", age="50-"))
    assert [tr.name for tr in view.figure.data] == ["15–24", "25–49", "50+"]
    assert list(view.figure.data[2].y) == [100.0, 105.0]  # index, September = 100
    assert view.figure.layout.yaxis.title.text == "indeksi, 9/2023 = 100"
    months = [dt.date(2023, 9, 1), dt.date(2023, 10, 1)]
    assert view.note == Note.of(["tyonv/1207"], months, ["observed"])


def test_experienced_falls_back_to_the_trend_when_the_age_group_is_missing(tiny_plus, monkeypatch):
    use(tiny_plus, monkeypatch)
    ctx = context("MK12", age="55-64")  # a survey age group: not in the register's area table
    assert PANELS["age_share"].build(ctx) is None
    assert PANELS["experienced"].build(ctx).title == PANELS["experienced_trend"].build(ctx).title


def test_survey_views_do_not_depend_on_the_area(tiny_plus, monkeypatch):
    use(tiny_plus, monkeypatch)
    for vid in SURVEY_VIEWS:
        build = PANELS[vid].build
        assert build(context("SSS")).takeaway == build(context("KU167")).takeaway


# Decks, built as the presentation page builds them.


def build_deck(story: str, ctx: storyline.Context, draw, *, demo: bool = False):
    """Views → images of the slide figures → chart slides → PPTX and ZIP, opened again."""
    views = storyline.build_views(story, ctx)
    figures = [charts.for_slide(v.figure) for _, v in views if v and v.figure is not None]
    images = draw(figures)
    chart = storyline.chart_slides(views, images, ctx.lang)
    title = t(storyline.STORYLINES[story][0], ctx.lang)
    deck = storyline.deck(title, ctx, chart, TODAY, demo=demo)
    prs = Presentation(io.BytesIO(slides.build_pptx(deck)))
    return views, prs, zipfile.ZipFile(io.BytesIO(storyline.zip_bytes(chart, ctx.lang)))


def stub(figures):
    return [tiny_png() for _ in figures]


def small(figures):
    return export.figures_png(figures, width=480, height=270, scale=1)


def texts(slide) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame]


def pictures(slide) -> list:
    return [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]


def check_deck(story: str, ctx: storyline.Context, views, prs, archive) -> None:
    lang = ctx.lang
    assert len(prs.slides) == 1 + len(views) + 1
    first, *middle, last = list(prs.slides)
    assert texts(first)[0] == t(storyline.STORYLINES[story][0], lang)
    assert texts(first)[1].startswith(f"{ctx.area_name} · ")
    for slide, (vid, view) in zip(middle, views, strict=True):
        shown = texts(slide)
        if view is None:
            assert shown[0] == storyline.view_name(vid, lang)
            assert t("story.no_data", lang) in shown and not pictures(slide)
        elif view.figure is None:  # one month: the numbers with their period, and why no line
            assert shown[:2] == [view.title, storyline.slide_takeaway(view, lang)]
            assert not pictures(slide) and view.why in " ".join(shown) and view.numbers
            assert all(f"{n.value} ({n.period})" in " ".join(shown) for n in view.numbers)
        else:
            assert shown[:2] == [view.title, storyline.slide_takeaway(view, lang)]
            assert len(pictures(slide)) == 1
            assert view.note.plain(lang) in shown and view.note.plain(lang).startswith(SOURCE[lang])
            # Speaker notes: the takeaway and the sources; the picture's description names
            # the chart and never sends the audience to a table the deck does not have.
            notes = slide.notes_slide.notes_text_frame.text
            assert notes == f"{shown[1]}\n\n{view.note.plain(lang)}"
            alt = pictures(slide)[0]._element.nvPicPr.cNvPr.get("descr")
            assert alt.startswith(t(f"alt.{chart_kind(view.figure)}", lang))
            assert view.title in alt and t("story.takeaway_none", lang) not in alt
    assert texts(last)[0] == t("story.closing", lang)
    assert "CC BY 4.0" in " ".join(texts(last))
    drawn = [v for _, v in views if v is not None and v.figure is not None]
    pngs = [n for n in archive.namelist() if n.endswith(".png")]
    assert [n[:3] for n in pngs] == [
        f"{i:02d}-"
        for i, (_, v) in enumerate(views, start=1)
        if v is not None and v.figure is not None
    ]
    assert len(pngs) == len(drawn)
    listing = t("story.zip_missing_file", lang)
    assert (listing in archive.namelist()) == (len(drawn) < len(views))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "story", ["kuukausi", "kohtaanto", "kokeneet", "alueen_hankkeet", "kaikki"]
)
@pytest.mark.parametrize("db_name", ["tiny_db", "tiny_plus"])
def test_deck_of_every_storyline(db_name, story, lang, request, monkeypatch):
    use(request.getfixturevalue(db_name), monkeypatch)
    ctx = context("MK12", lang, age="50-")
    views, prs, archive = build_deck(story, ctx, stub)
    check_deck(story, ctx, views, prs, archive)
    if db_name == "tiny_db" and story == "kokeneet":  # no ages, no survey: every slide says so
        assert all(v is None for _, v in views)


@pytest.mark.parametrize(
    ("db_name", "story", "lang", "area"),
    [
        ("real_db", "kaikki", "fi", "SSS"),
        ("demo_db", "kuukausi", "sv", "MK12"),
        ("real_db", "kohtaanto", "en", "KU167"),
        ("demo_db", "alueen_hankkeet", "fi", "MK12"),
    ],
)
def test_deck_with_images_drawn_by_chromium(db_name, story, lang, area, request, monkeypatch):
    use(request.getfixturevalue(db_name), monkeypatch)
    ctx = context(area, lang)
    views, prs, archive = build_deck(story, ctx, small, demo=db_name == "demo_db")
    check_deck(story, ctx, views, prs, archive)
    images = [p.image for slide in prs.slides for p in pictures(slide)]
    assert len(images) == sum(v is not None for _, v in views) > 0
    for image in images:
        assert image.content_type == "image/png"
        assert struct.unpack(">II", image.blob[16:24]) == (480, 270)
    if story == "kaikki":
        assert len(images) == 8
    if story == "alueen_hankkeet":  # the demo has projects, reports and practices in MK12
        assert len(images) == 4
    if db_name == "demo_db":
        assert not any(p in " ".join(texts(prs.slides[0])) for p in REAL_PUBLISHERS)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_a_failed_image_leaves_the_slide_saying_so_in_the_readers_language(
    lang, tiny_db, monkeypatch
):
    """A chart Kaleido could not draw (``images.render`` gives None and logs the cause): its
    slide says so in the reader's language, without an exception's name or a URL, keeps its
    title, takeaway and sources, and the ZIP lists it."""
    use(tiny_db, monkeypatch)
    ctx = context("MK12", lang)
    views, prs, archive = build_deck("kohtaanto", ctx, lambda figs: [None] * len(figs))
    second = list(prs.slides)[1]
    assert not pictures(second)
    shown = texts(second)
    assert t("story.image_failed", lang) in shown
    assert views[0][1].note.plain(lang) in shown and views[0][1].title == shown[0]
    assert not any("Error" in text or "http" in text for text in shown)
    listing = archive.read(t("story.zip_missing_file", lang)).decode("utf-8")
    assert listing.startswith(t("story.zip_missing_heading", lang))
    assert f"01 {views[0][1].title}: {t('story.image_failed', lang)}" in listing


# The presentation page with the new storylines.


@pytest.mark.parametrize("slide", [2, 4, 6])
def test_page_shows_the_slides_of_the_full_storyline(slide, tiny_db, monkeypatch):
    at = run_app(tiny_db, monkeypatch, page="esitys", story="kaikki", area="MK12", slide=str(slide))
    body = " ".join(h.proto.body for h in at.get("html"))
    vid, view = storyline.build_views("kaikki", context("MK12"))[slide - 1]
    if view is None:  # on the tiny data: the experienced talent's share, without ages
        assert storyline.view_name(vid, "fi") in body
        assert any(i.value == t("story.no_data", "fi") for i in at.info)
    else:
        assert view.title in body and view.takeaway in body
