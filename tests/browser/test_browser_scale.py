"""Ammatit and Kohtaanto for an employment area (TA05) on a scaled database (issue 11).

The raw folder is the SYNTHETIC one of ``benchmarks/scale.py`` (12ti by municipality in the live
shape, derived from the mirror), cut to its last three months so that the build stays short; the
build sums the municipalities to the employment area and the country. One server on that
database, one browser; screenshots go to ``test-output/screenshots/scale-<page>-TA05.png``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from kohtaanto import charts, paths
from kohtaanto.i18n import t
from kohtaanto.pipeline.build import build
from tests import browser_util as bu
from tests.conftest import shared_raw

pytestmark = [pytest.mark.browser, pytest.mark.realdata, pytest.mark.timeout(400)]

AREA = "TA05"
# 3 of the mirror's 214 months (2023M08–2023M10) at all 308 municipalities: 0.8 M cells.
FACTOR = "0.2"
LEVEL = 2  # the occupation level both pages open at
SCREENSHOTS = paths.ROOT / "test-output" / "screenshots"
LOAD_MS = 90_000
EXCEPTION = '[data-testid="stException"]'
# The title and traces of the Plotly chart in the element of a Streamlit key, as drawn (the
# full data: the figure sends its numeric arrays base64-coded, Plotly decodes them there).
FIGURE = """key => {
    const gd = document.querySelector(`.st-key-${key} .js-plotly-plot`);
    return gd ? {title: (gd.layout.title || {}).text || '',
                 traces: gd._fullData.map(d => ({name: d.name || '', type: d.type,
                                            x: Array.from(d.x || []), y: Array.from(d.y || [])}))}
              : null;
}"""


@pytest.fixture(scope="module")
def scaled_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database built from a small synthetic raw folder (12ti by municipality)."""
    mirror = shared_raw()
    work = tmp_path_factory.mktemp("scale")
    raw = work / "raw"
    script = paths.ROOT / "benchmarks" / "scale.py"
    args = ["--factor", FACTOR, "--out", str(raw), "--mirror", str(mirror)]
    done = subprocess.run(
        [sys.executable, str(script), *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    out = work / "scale.duckdb"
    build(raw, out, progress=lambda _: None)
    return out


@pytest.fixture(scope="module")
def server(scaled_db: Path, serve):
    return serve(scaled_db, "browser_scale")


def area_name(db: Path) -> str:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("select name_fi from areas where area_code = ?", [AREA]).fetchone()[0]


def occupation_month(db: Path) -> tuple[object, list[tuple[str, float, float]]]:
    """The latest month of 12ti for the area and its occupations of LEVEL digits there."""
    with duckdb.connect(str(db), read_only=True) as con:
        month = con.execute(
            "select max(period) from observations where area_code = ? and source_table ="
            " 'tyonv/12ti' and occupation_code <> 'SSS' and value is not null",
            [AREA],
        ).fetchone()[0]
        rows = con.execute(
            """
            select o.occupation_code,
                max(o.value) filter (where o.measure = 'unemployed'),
                max(o.value) filter (where o.measure = 'open_vacancies')
            from observations o join occupations c using (occupation_code)
            where o.area_code = ? and o.period = ? and c.level = ? and o.frequency = 'month'
              and o.age_group = 'SSS' and o.industry_code = 'SSS' and o.sex = 'SSS'
            group by o.occupation_code
            """,
            [AREA, month, LEVEL],
        ).fetchall()
    return month, rows


def expected_top(rows: list[tuple[str, float, float]]) -> str:
    """The occupation with the most vacancies per jobseeker among those large enough to rank:
    jobseekers plus vacancies at least a quarter of the average (at least 20, to tens), with
    both counts published and some jobseekers."""
    known = [(c, u, v) for c, u, v in rows if u is not None and v is not None]
    size = max(20, int(round(sum(u + v for _, u, v in known) / (4 * len(known)), -1)))
    ranked = [(v / u, v, c) for c, u, v in known if u + v >= size and u > 0 and v > 0]
    return min(ranked, key=lambda r: (-r[0], -r[1], r[2]))[2]


def open_area_page(page, server, name: str) -> None:
    page.goto(f"{server.base}/{name}?area={AREA}", wait_until="domcontentloaded", timeout=LOAD_MS)
    page.wait_for_selector("h1", state="attached", timeout=LOAD_MS)
    bu.wait_chart(page, LOAD_MS)
    bu.wait_idle(page, LOAD_MS)


def test_the_scaled_database_has_occupations_for_the_employment_area_and_the_country(scaled_db):
    with duckdb.connect(str(scaled_db), read_only=True) as con:
        rows = dict(
            con.execute(
                "select area_code, count(*) from v_mismatch_occupation"
                " where area_code in (?, 'SSS') and level = ? group by 1",
                [AREA, LEVEL],
            ).fetchall()
        )
        statuses = {
            r[0]
            for r in con.execute(
                "select distinct status from observations where source_table = 'tyonv/12ti'"
                " and area_code in (?, 'SSS')",
                [AREA],
            ).fetchall()
        }
    assert rows == {AREA: 3, "SSS": 3}  # three months each
    # Neither publishes 12ti by municipality: both are sums of municipalities.
    assert statuses == {"aggregated", "estimated"}


def test_ammatit_ranks_the_occupations_of_the_employment_area(server, page, scaled_db):
    open_area_page(page, server, "ammatit")
    name = area_name(scaled_db)
    assert bu.combobox_value(page, "f_area") == bu.area_labels(scaled_db, "fi")[AREA]
    assert page.locator("h1").first.inner_text() == t("ammatit.title", "fi", area=name)
    assert page.locator(EXCEPTION).count() == 0
    _, rows = occupation_month(scaled_db)
    figure = page.evaluate(FIGURE, "chart_occupation_shortage")
    assert figure, "no shortage ranking on the page"
    # The area's own figures, not those of a region that covers it.
    title = charts.plain_title(figure["title"])
    assert title.startswith(t("ammatit.chart_shortage", "fi", area=name) + " – ")
    bars = next(tr for tr in figure["traces"] if tr["type"] == "bar")
    assert len(bars["y"]) >= 5
    assert all(x > 0 for x in bars["x"])
    # The largest bar is drawn on top: the last category of the horizontal bars.
    assert bars["y"][-1].split(" ")[0] == expected_top(rows)
    bu.full_screenshot(page, SCREENSHOTS / f"scale-ammatit-{AREA}.png")


def test_kohtaanto_draws_the_mismatch_index_of_the_employment_area(server, page, scaled_db):
    open_area_page(page, server, "kohtaanto")
    name = area_name(scaled_db)
    assert bu.combobox_value(page, "f_area") == bu.area_labels(scaled_db, "fi")[AREA]
    assert page.locator(EXCEPTION).count() == 0
    body = page.inner_text("body")
    assert t("kohtaanto.no_levels", "fi") not in body
    with duckdb.connect(str(scaled_db), read_only=True) as con:
        expected = {
            code: [round(v, 6) for (v,) in rows]
            for code in (AREA, "SSS")
            if (
                rows := con.execute(
                    "select mismatch_index from v_mismatch_occupation"
                    " where area_code = ? and level = ? order by period",
                    [code, LEVEL],
                ).fetchall()
            )
        }
    figure = page.evaluate(FIGURE, "chart_mismatch_occupation")
    assert figure, "no mismatch index by occupation on the page"
    drawn = {tr["name"]: [round(y, 6) for y in tr["y"] if y is not None] for tr in figure["traces"]}
    assert drawn.get(name) == expected[AREA]
    assert drawn.get(t("common.country", "fi")) == expected["SSS"]
    bu.full_screenshot(page, SCREENSHOTS / f"scale-kohtaanto-{AREA}.png")
