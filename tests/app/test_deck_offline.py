"""The own deck of every registered panel, built on the presentation page with the network
blocked: every chart slide has its picture, notes and description, and Chromium asked no CDN.

Needs Chromium (Kaleido draws the images). The network is blocked for Kaleido's Chromium by a
proxy that refuses everything (tests/offline.py). The demo database has no boundaries, so a
copy of it gets a box per region: the map panel is drawn too.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import duckdb
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from kohtaanto import panels, picks
from kohtaanto.i18n import t
from tests.apptest_util import run_app
from tests.offline import RefusingProxy

# Chromium's own services (its updater, clock, sign-in, start page): asked by the browser
# itself whatever it draws, refused like everything else, and never anything a chart needs.
BROWSER_SERVICES = re.compile(
    r"(update\.googleapis\.com|clients\d*\.google\.com|accounts\.google\.com"
    r"|start\.duckduckgo\.com|optimizationguide-pa\.googleapis\.com)(:\d+)?$"
)


def needs_chromium() -> None:
    from tests import browser_util as bu

    problem = bu.chromium_problem()
    if problem:
        import os

        if os.environ.get("CI"):
            pytest.fail(problem)
        pytest.skip(problem)


@pytest.fixture
def blocked(monkeypatch):
    """Kaleido's Chromium without network: every request it makes goes to a refusing proxy."""
    needs_chromium()
    with RefusingProxy() as proxy:
        monkeypatch.setenv("CHOREO_PROXY_SERVER", proxy.address)
        yield proxy


def outside_asked(proxy: RefusingProxy) -> list[str]:
    """What Chromium asked from the network besides its own services."""
    hosts = [line.split()[1] for line in proxy.asked if len(line.split()) > 1]
    hosts = [re.sub(r"^https?://", "", h).split("/")[0] for h in hosts]
    return [h for h in hosts if not BROWSER_SERVICES.search(h)]


@pytest.fixture(scope="module")
def demo_with_map(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database with a box for each region as its boundary (19 boxes over Finland)."""
    out = tmp_path_factory.mktemp("deckdemo") / "demo.duckdb"
    shutil.copy(demo_db, out)
    con = duckdb.connect(str(out))
    regions = [
        r[0] for r in con.execute("select area_code from areas where level = 'region'").fetchall()
    ]
    rows = []
    for i, code in enumerate(sorted(regions)):
        x, y = 20.5 + 2.0 * (i % 5), 60.0 + 2.2 * (i // 5)
        ring = [[x, y], [x + 1.9, y], [x + 1.9, y + 2.1], [x, y + 2.1], [x, y]]
        rows.append((code, "region", json.dumps({"type": "Polygon", "coordinates": [ring]})))
    con.executemany("insert into boundaries values (?, ?, ?)", rows)
    con.close()
    return out


def every_panel(db: Path, monkeypatch, area: str) -> list[picks.Pick]:
    """A pick of every registered panel; the one that needs an occupation gets the first, the
    project card's context a project of the area."""
    from kohtaanto.db import run_query
    from kohtaanto.filters import Filters
    from kohtaanto.panels import ammatit, hankkeet

    monkeypatch.setenv("KOHTAANTO_DB", str(db))
    months = [p.date() for p in run_query("month_list").period]
    ctx = Filters("fi", area, area, months[0], months[-1], "SSS")
    occupation = next(iter(ammatit.segments(ctx).labels))
    # The project card's context: the first project of the area with months to draw.
    listed = run_query("projects_list", area=area, ref=months[-1]).project_code
    project = next(c for c in listed if len(hankkeet.context_model(ctx, c).data) > 1)
    params = {
        "occupation_trend": {"occupation": occupation},
        "project_context": {"project": project},
    }
    return [(code, params.get(code, {})) for code in panels.PANELS]


def build_own_deck(db: Path, monkeypatch, lang: str, area: str):
    """The presentation page with every panel picked, its deck built as a presenter builds it."""
    chosen = every_panel(db, monkeypatch, area)
    at = run_app(
        db, monkeypatch, page="esitys", lang=lang, area=area, picks=picks.format_picks(chosen)
    )
    at.button(key="story_build").click().run(timeout=900)
    assert not at.exception, [e.value for e in at.exception]
    pptx, zipped, _ = at.session_state["deck_files"]
    return at, chosen, Presentation(io.BytesIO(pptx)), zipfile.ZipFile(io.BytesIO(zipped))


def texts(slide) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame]


def check_every_chart_drawn(at, chosen, prs, archive, lang: str) -> list[str]:
    """One slide per pick between the title and the closing slide. Each panel with figures has
    its picture, a description that is no pointer to a table, and speaker notes with the
    sources; a panel without figures for the area says so, and the ZIP lists it. Returns the
    codes of the panels without figures."""
    assert len(prs.slides) == len(chosen) + 2
    middle = list(prs.slides)[1:-1]
    no_data = [
        code
        for (code, _), slide in zip(chosen, middle, strict=True)
        if texts(slide)[1:2] == [t("story.no_data", lang)]
    ]
    # A view of one month shows its numbers and why there is no line, not a picture.
    reasons = [
        t(key, lang, month="\0").split("\0")[0]
        for key in ("reason.one_month", "reason.one_month_project")
    ]
    numbers = [
        code
        for (code, _), slide in zip(chosen, middle, strict=True)
        if any(r in " ".join(texts(slide)) for r in reasons)
    ]
    failed = [
        (code, texts(slide)[:1])
        for (code, _), slide in zip(chosen, middle, strict=True)
        if code not in no_data + numbers
        and not any(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in slide.shapes)
    ]
    assert not failed, f"chart slides without a picture: {failed}"
    source = t("common.footnote", lang, publisher="", tables="", period="", status="")[:5]
    for (code, _), slide in zip(chosen, middle, strict=True):
        if code in no_data + numbers:
            continue
        picture = next(s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
        alt = picture._element.nvPicPr.cNvPr.get("descr")
        assert alt and t("story.takeaway_none", lang) not in alt, (code, alt)
        notes = slide.notes_slide.notes_text_frame.text
        assert source in notes, (code, notes)
    pngs = [n for n in archive.namelist() if n.endswith(".png")]
    assert len(pngs) == len(chosen) - len(no_data) - len(numbers)
    listing = t("story.zip_missing_file", lang)
    if no_data or numbers:
        listed = archive.read(listing).decode("utf-8")
        assert listed.count(t("story.no_data", lang)) == len(no_data)
        assert "Error" not in listed and "http" not in listed
    else:
        assert listing not in archive.namelist()
    assert t("story.ready", lang) in [p.proto.text for p in at.get("progress")]
    return no_data


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_own_deck_of_every_panel_offline(lang, demo_with_map, blocked, monkeypatch):
    at, chosen, prs, archive = build_own_deck(demo_with_map, monkeypatch, lang, "MK12")
    assert check_every_chart_drawn(at, chosen, prs, archive, lang) == []  # every panel drawn
    assert not outside_asked(blocked), blocked.asked


def test_the_block_is_real_kaleido_alone_asks_the_cdn_for_a_map(
    demo_with_map, blocked, monkeypatch
):
    """Without the app's settings Kaleido fetches Plotly's world map from its CDN (and MathJax):
    the proxy refuses it and the map fails, as it did on the deck's map slide."""
    import asyncio

    import kaleido

    from kohtaanto import ui
    from kohtaanto.filters import Filters

    monkeypatch.setenv("KOHTAANTO_DB", str(demo_with_map))
    ui.clear_views()
    from kohtaanto.db import run_query

    months = [p.date() for p in run_query("month_list").period]
    view = panels.build("area_map", Filters("fi", "MK12", "MK12", months[0], months[-1], "SSS"))

    async def draw() -> str:
        async with kaleido.Kaleido(n=1) as k:
            try:
                await k.calc_fig(view.figure, opts={"format": "png", "width": 400, "height": 300})
            except Exception as exc:
                return str(exc)
        return "drawn"

    assert "topojson" in asyncio.run(draw())
    assert "cdn.plot.ly:443" in outside_asked(blocked)
