"""Journeys in the browser: a language switch, a page click, back and forward, and a copied link
keep every shared filter (``lang``, ``area``, ``age``, ``start``, ``end``).

The case from issue 8: a coordinator on Pohjois-Karjala (MK12) with 55+ switches to Svenska and
clicks Områden; she used to land on "Hela landet" and "Alla åldrar", because the browser sent
the Finnish label of her choice, which is no Swedish option. Each journey runs in three language
pairs on the real database.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import duckdb
import pytest

from kohtaanto import fmt
from kohtaanto.i18n import t
from tests import browser_util as bu
from tests.browser import test_browser as tb
from tests.browser.test_browser import LOAD_MS, no_exception, open_page, query

# test_browser's server and data fixtures; the browser and a fresh page per test come from conftest.
server, area_names, months = tb.server, tb.area_names, tb.months

pytestmark = [pytest.mark.browser, pytest.mark.timeout(400)]

AREA, AGE = "MK12", "55-"
PAIRS = [("fi", "sv"), ("sv", "en"), ("en", "fi")]
LANG_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}


@pytest.fixture(scope="module")
def age_names(real_db: Path) -> dict[str, dict[str, str]]:
    """The age picker's labels: the name, marked when MK12 has no counts for the group (the
    real database has five-year groups for a few municipalities only)."""
    with duckdb.connect(str(real_db), read_only=True) as con:
        rows = con.execute("select age_group, name_fi, name_sv, name_en from age_groups").fetchall()
        covered = {
            r[0]
            for r in con.execute(
                "select distinct age_group from observations where area_code = ?"
                " and measure = 'unemployed' and value is not null",
                [AREA],
            ).fetchall()
        }
    return {
        code: {
            lang: name if code in covered else f"{name} ({t('filters.age_no_data', lang)})"
            for lang, name in (("fi", fi), ("sv", sv), ("en", en))
        }
        for code, fi, sv, en in rows
    }


@pytest.fixture(scope="module")
def picker_labels(real_db) -> dict[str, dict[str, str]]:
    """The area picker's labels by language (``bu.area_labels``)."""
    return {lang: bu.area_labels(real_db, lang) for lang in LANG_NAMES}


def expected_view(lang: str, labels: dict, ages: dict, start: dt.date, end: dt.date) -> dict:
    return {
        "params": {
            "lang": lang,
            "area": AREA,
            "age": AGE,
            "start": f"{start:%Y-%m}",
            "end": f"{end:%Y-%m}",
        },
        "f_lang": LANG_NAMES[lang],
        "f_area": labels[lang][AREA],
        "f_age": ages[AGE][lang],
        "f_start": fmt.month_short(start),
        "f_end": fmt.month_short(end),
    }


def seen_view(page) -> dict:
    params = query(page.url)
    view = {key: bu.combobox_value(page, key) for key in ("f_lang", "f_area", "f_age")}
    view |= {key: bu.combobox_value(page, key) for key in ("f_start", "f_end")}
    if params.get("lang") is None:
        params["lang"] = "fi"
    return {"params": params, **view}


def wait_view(page, since: int, path: str, view: dict) -> None:
    """After back or forward: wait for the rerun the move started (``since``: the run count
    before it, see ``bu.count_runs``) to show the path, the language and the area's label of
    ``view``, with the script idle."""
    try:
        bu.wait_new_run(
            page,
            since,
            "([path, lang, label]) => location.pathname === path"
            " && (new URLSearchParams(location.search).get('lang') || 'fi') === lang"
            " && document.querySelector('.st-key-f_area input')?.value === label",
            [path, view["params"]["lang"], view["f_area"]],
            LOAD_MS,
        )
    except Exception as exc:  # playwright's TimeoutError; playwright is imported lazily
        if type(exc).__name__ != "TimeoutError":
            raise
        seen = {"path": urlsplit(page.url).path, **seen_view(page)}
        pytest.fail(f"waited for {path} with {view}, the browser shows {seen}")


def wait_path(page, since: int, path: str) -> None:
    """After a click or a move: wait for a run started after ``since`` on ``path``, idle."""
    bu.wait_new_run(page, since, "([p]) => location.pathname === p", [path], LOAD_MS)


def click_nav(page, name: str, lang: str) -> None:
    link = page.locator('[data-testid="stSidebarNavLink"]').filter(has_text=t(f"nav.{name}", lang))
    link.first.click()


@pytest.mark.parametrize(("first", "second"), PAIRS, ids=[f"{a}-{b}" for a, b in PAIRS])
def test_language_page_back_forward_and_link_keep_filters(
    server, browser, page, picker_labels, age_names, months, first, second
):
    start, end = months[-30], months[-6]
    wanted = expected_view(first, picker_labels, age_names, start, end)
    url = f"{server.base}/?" + urlencode(wanted["params"])
    open_page(page, url, chart=True)
    assert seen_view(page) == wanted, "the link itself"

    bu.choose(page, "f_lang", LANG_NAMES[second][:2], LANG_NAMES[second])
    bu.wait_rerun(
        page,
        "([lang]) => new URLSearchParams(location.search).get('lang') === lang"
        " || (lang === 'fi' && !new URLSearchParams(location.search).has('lang'))",
        [second],
        LOAD_MS,
    )
    after = expected_view(second, picker_labels, age_names, start, end)
    bu.wait_rerun(
        page,
        "([label]) => document.querySelector('.st-key-f_area input').value === label",
        [after["f_area"]],
        LOAD_MS,
    )
    assert seen_view(page) == after, "after the language switch"

    runs = bu.count_runs(page)
    click_nav(page, "alueet", second)
    wait_path(page, runs, "/alueet")
    no_exception(page, "/alueet after the language switch")
    assert seen_view(page) == after, "after the page click"

    runs = bu.count_runs(page)
    click_nav(page, "kokeneet", second)
    wait_path(page, runs, "/kokeneet")
    assert seen_view(page) == after, "after the second page click"

    for move, path, view, what in (
        (page.go_back, "/alueet", after, "back"),
        (page.go_back, "/", after, "back to the start page"),
        (page.go_back, "/", wanted, "back to before the language switch"),
        (page.go_forward, "/", after, "forward to after the language switch"),
        (page.go_forward, "/alueet", after, "forward"),
    ):
        runs = bu.count_runs(page)
        move()
        wait_view(page, runs, path, view)
        assert seen_view(page) == view, f"after {what}"
    no_exception(page, "after back and forward")

    # The sidebar's "link to this view" (in a popover, mounted when opened) is the address
    # shown, parameters in any order.
    page.locator(".st-key-view_link button").first.click()
    code = page.locator("[data-testid='stPopoverBody'] code")
    code.wait_for(state="visible", timeout=30_000)
    link = code.inner_text().strip()
    page.keyboard.press("Escape")
    assert urlsplit(link).path == urlsplit(page.url).path
    assert query(link) == query(page.url)

    shared = page.url
    other = browser.new_context(viewport=bu.VIEWPORT)
    try:
        fresh = other.new_page()
        open_page(fresh, shared, chart=True)
        assert seen_view(fresh) == after, "the copied link in another browser"
    finally:
        other.close()


def test_page_choice_survives_language_switch(server, page):
    """A page's own choice (the Alueet level) keeps its option through a language switch, a page
    click and back."""
    open_page(page, f"{server.base}/alueet?area={AREA}&level=ely", chart=True)
    box = page.locator(".st-key-p_level input[role='combobox']")
    assert box.input_value() == t("alueet.levels.ely", "fi")
    bu.choose(page, "f_lang", "En", "English")
    label = t("alueet.levels.ely", "en")
    bu.wait_rerun(
        page, "([l]) => document.querySelector('.st-key-p_level input').value === l", [label]
    )
    runs = bu.count_runs(page)
    click_nav(page, "kokeneet", "en")
    wait_path(page, runs, "/kokeneet")
    runs = bu.count_runs(page)
    page.go_back()
    wait_path(page, runs, "/alueet")
    # The path changes before the rerun it starts has drawn Alueet's own box again.
    bu.wait_rerun(
        page, "([l]) => document.querySelector('.st-key-p_level input')?.value === l", [label]
    )
    params = query(page.url)
    assert (params.get("level"), params.get("area"), params.get("lang")) == ("ely", AREA, "en")
    assert box.input_value() == label
