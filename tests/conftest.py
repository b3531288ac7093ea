"""Shared fixtures: a tiny raw folder with known numbers, and the real database from ../shared/raw."""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
from pathlib import Path

import duckdb
import pytest

from kohtaanto import paths
from kohtaanto.dimensions import OCCUPATION_KEY_COLUMNS
from tests.maps_util import SQUARES, square

# Strict mode: a missing translation key raises, and a chart block's error is not turned into a
# message, so that a test run of a page fails on either (kohtaanto/i18n.py, kohtaanto/ui.py).
os.environ.setdefault("KOHTAANTO_STRICT", "1")
# No test reads or writes a checkout's own editable store (data/tietopankki.sqlite): builds
# and pages see no store unless a test names one.
os.environ.setdefault(
    "KOHTAANTO_STORE", f"sqlite:///{Path(tempfile.gettempdir())}/kohtaanto-no-store-{os.getpid()}/x"
)

# The projects databank's fixtures (small workbooks, databases with projects), usable by name.
pytest_plugins = ["tests.projects_util"]

SHARED_RAW = paths.ROOT.parent / "shared" / "raw"
REAL_CHECK_FILE = SHARED_RAW / "statfin" / "12r5.json"

# Nineteen regions with one municipality each, and a second one in Uusimaa and Pohjois-Karjala.
REGIONS = [
    "01",
    "02",
    "04",
    "05",
    "06",
    "07",
    "08",
    "09",
    "10",
    "11",
    "12",
    "13",
    "14",
    "15",
    "16",
    "17",
    "18",
    "19",
    "21",
]
MUNICIPALITIES = [(f"{int(r) * 10 + 1:03d}", r) for r in REGIONS] + [("091", "01"), ("167", "12")]


TIERS = ("unit", "app", "browser", "realdata", "store")
REAL_FIXTURES = {"real_db", "real_projects_db"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each test's tier is its folder (tests/unit, tests/app, tests/browser, tests/realdata, and
    tests/store: the editable databank on SQLite and on a PostgreSQL the tests start),
    given as a mark so that ``make check`` can run the fast tiers alone. A test of the fast tiers
    that asks for the real database (a parameter ``real`` of a test run on several databases)
    is marked realdata too (it builds the mirror), and one that asks for the demo database is
    marked demo (it builds the demo with its outlook): ``make check`` leaves both out."""
    for item in items:
        tier = next((p for p in Path(str(item.path)).parts if p in TIERS), None)
        if tier is None:
            raise pytest.UsageError(
                f"{item.nodeid}: a test belongs in one of tests/{{{','.join(TIERS)}}}"
            )
        item.add_marker(getattr(pytest.mark, tier))
        params = getattr(getattr(item, "callspec", None), "params", {})
        values = {v for v in params.values() if isinstance(v, str)}
        if REAL_FIXTURES & set(item.fixturenames) or "real" in values:
            item.add_marker(pytest.mark.realdata)
        if "demo_db" in item.fixturenames or "demo" in values:
            item.add_marker(pytest.mark.demo)


def shared_raw() -> Path:
    """The raw mirror; in CI its absence is an error, not a skip."""
    if not REAL_CHECK_FILE.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"the raw mirror {SHARED_RAW} is missing in CI")
        pytest.skip(f"the raw mirror {SHARED_RAW} is not here")
    return SHARED_RAW


def jsonstat(dims: list[tuple[str, list[str]]], values: list, *, time: str, metric: str) -> dict:
    """A JSON-stat 2.0 dataset from (dimension id, codes) pairs and row-major values."""
    return {
        "version": "2.0",
        "class": "dataset",
        "label": "test",
        "id": [d for d, _ in dims],
        "size": [len(c) for _, c in dims],
        "role": {"time": [time], "metric": [metric]},
        "dimension": {
            d: {
                "label": d,
                "category": {
                    "index": {c: i for i, c in enumerate(codes)},
                    "label": {c: c for c in codes},
                },
            }
            for d, codes in dims
        },
        "value": values,
    }


def write_tiny_raw(root: Path) -> Path:
    """A raw folder with two months of 12r5 and 12ti for a few areas, numbers chosen by hand."""
    (root / "statfin").mkdir(parents=True)
    (root / "classifications").mkdir()
    fields = [
        "kunta",
        "municipality_name_fi",
        "municipality_name_sv",
        "municipality_name_en",
        "maakunta_code",
        "maakunta_name_fi",
        "maakunta_name_sv",
        "maakunta_name_en",
        "seutukunta_code",
        "seutukunta_name_fi",
        "seutukunta_name_sv",
        "seutukunta_name_en",
        "ely_code",
        "ely_name_fi",
        "ely_name_sv",
        "ely_name_en",
        "suuralue_code",
        "suuralue_name_fi",
        "suuralue_name_sv",
        "suuralue_name_en",
    ]
    with (root / "classifications" / "municipality_key_2024.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(fields)
        for ku, mk in MUNICIPALITIES:
            n = int(mk)
            w.writerow(
                [
                    int(ku),
                    f"Kunta {ku}",
                    f"Kommun {ku}",
                    f"Municipality {ku}",
                    n,
                    f"Maakunta {mk}",
                    f"Landskap {mk}",
                    f"Region {mk}",
                    n * 10 + 1,
                    f"Seutu {mk}",
                    f"Ekonomisk region {mk}",
                    f"Sub-region {mk}",
                    n,
                    f"ELY {mk}",
                    f"NTM {mk}",
                    f"ELY Centre {mk}",
                    1 if mk == "01" else 4,
                    "Suuralue",
                    "Storområde",
                    "Major region",
                ]
            )
    with (root / "classifications" / "occupations_aml2010.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(OCCUPATION_KEY_COLUMNS)
        for code in ("2221", "2222", "5321"):
            w.writerow(
                [
                    code,
                    "aml2010_4digit",
                    f"Ammatti {code}",
                    "",
                    f"Yrke {code}",
                    f"Occupation {code}",
                    code[0],
                    f"Pääluokka {code[0]}",
                    f"Huvudgrupp {code[0]}",
                    f"Major group {code[0]}",
                    code[:2],
                    f"Ryhmä {code[:2]}",
                    f"Group {code[:2]}",
                    code[:3],
                    f"Alaryhmä {code[:3]}",
                    f"Minor group {code[:3]}",
                ]
            )
    months = ["2023M09", "2023M10"]
    contents = ["TYOTTOMATLOPUSSA", "TYOVOIMATK", "AVPAIKATLOPUSSA"]
    areas = ["SSS", "MK01", "MK02", "MK12", "KU011", "KU091", "KU121", "KU167"]
    # (area, month) -> unemployed, labour force, open vacancies
    cells = {
        "MK01": [(900, 9000, 300), (1000, 10000, 400)],
        "MK02": [(90, 1000, 30), (100, 1000, 50)],
        "MK12": [(130, 1000, 10), (127, 1000, None)],
        "KU011": [(400, 4000, 100), (450, 4500, 150)],
        "KU091": [(500, 5000, 200), (550, 5500, 250)],
        "KU121": [(100, 700, 6), (97, 700, None)],
        "KU167": [(30, 300, 4), (30, 300, 5)],
    }
    cells["SSS"] = [(1200, 12000, 345), (1300, 13000, 460)]
    values = [v for a in areas for m in range(2) for v in cells[a][m]]
    (root / "statfin" / "12r5.json").write_text(
        json.dumps(
            jsonstat(
                [("Alue", areas), ("timeperiod_m", months), ("contentscode", contents)],
                values,
                time="timeperiod_m",
                metric="contentscode",
            )
        )
    )
    occ = ["SSS", "2221", "2222", "5321", "X211"]
    ti_areas = ["SSS", "MK01", "MK02"]
    # unemployed, vacancies per (area, occupation, month)
    ti = {
        ("MK01", "2221"): [(10, 40), (12, 44)],
        ("MK01", "2222"): [(5, 6), (None, 8)],
        ("MK01", "5321"): [(30, 20), (31, 21)],
        ("MK01", "X211"): [(100, 0), (110, 0)],
        ("MK02", "2221"): [(1, 4), (2, 5)],
        ("MK02", "2222"): [(1, 1), (1, 2)],
        ("MK02", "5321"): [(3, 2), (4, 3)],
        ("MK02", "X211"): [(10, 0), (11, 0)],
    }
    # The all-occupations total of a region is the same cell as in 12r5 and must agree with it.
    for a in ("SSS", "MK01", "MK02"):
        ti[(a, "SSS")] = [(cells[a][m][0], cells[a][m][2]) for m in range(2)]
    for o in occ[1:]:
        ti[("SSS", o)] = [(50, 30), (52, 31)]
    ti_values = [v for a in ti_areas for o in occ for m in range(2) for v in ti[(a, o)][m]]
    (root / "statfin" / "12ti.json").write_text(
        json.dumps(
            jsonstat(
                [
                    ("Alue", ti_areas),
                    ("Ammattiryhmä", occ),
                    ("timeperiod_m", months),
                    ("contentscode", ["TYOTTOMATLOPUSSA", "AVPAIKATLOPUSSA"]),
                ],
                ti_values,
                time="timeperiod_m",
                metric="contentscode",
            )
        )
    )
    return root


@pytest.fixture(scope="session")
def tiny_raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tiny_raw(tmp_path_factory.mktemp("tiny") / "raw")


@pytest.fixture(scope="session")
def tiny_db(tiny_raw: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kohtaanto.pipeline.build import build

    out = tmp_path_factory.mktemp("tinydb") / "tiny.duckdb"
    build(tiny_raw, out, progress=lambda _: None)
    return out


@pytest.fixture(scope="session")
def real_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database built from the raw mirror, once per test session.

    ``KOHTAANTO_TEST_REAL_DB`` names a database already built from the mirror, to save the build
    while working on a page; CI leaves it unset and builds.
    """
    from kohtaanto.pipeline.build import build

    prebuilt = os.environ.get("KOHTAANTO_TEST_REAL_DB")
    if prebuilt and not os.environ.get("CI"):
        return Path(prebuilt)
    raw = shared_raw()
    out = tmp_path_factory.mktemp("real") / "kohtaanto.duckdb"
    build(raw, out, progress=lambda _: None)
    return out


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline demo database, once per test session."""
    from kohtaanto.pipeline.demo import build_demo

    out = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    build_demo(out)
    return out


# Browser tests: one Chromium per test module, a fresh context per test, and the app served on
# a database for the module (tests/browser_util.py does the work; these only hold its life).


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless; a failure in CI when it cannot start, a skip elsewhere."""
    from tests import browser_util as bu

    problem = bu.chromium_problem()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {problem}")
        pytest.skip(problem)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = bu.launch(p)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A page in a fresh context (cold browser caches, no cookies)."""
    from tests import browser_util as bu

    context = browser.new_context(viewport=bu.VIEWPORT)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="module")
def serve(browser, tmp_path_factory: pytest.TempPathFactory):
    """``serve(db, name)`` starts the app on ``db`` (its log in a folder named ``name``); every
    server started is stopped after the module. Needs the browser, so a module without one
    skips (or fails in CI) before starting a server."""
    from tests import browser_util as bu

    started = []

    def start(db: Path, name: str = "browser"):
        log = tmp_path_factory.mktemp(name) / "server.log"
        try:
            srv = bu.start_server(log, db=db, timeout=120)
        except RuntimeError as exc:
            pytest.fail(str(exc))
        started.append(srv)
        return srv

    yield start
    for srv in started:
        srv.stop()


# The tiny database with boundaries: the Alueet map's tests (app and browser).


@pytest.fixture(scope="session")
def mapped_db(tiny_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny database with square boundaries for four regions."""
    out = tmp_path_factory.mktemp("alueet") / "mapped.duckdb"
    shutil.copy(tiny_db, out)
    with duckdb.connect(str(out)) as con:
        for code, (lon, lat) in SQUARES.items():
            con.execute("insert into boundaries values (?, 'region', ?)", [code, square(lon, lat)])
    return out
