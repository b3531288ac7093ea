"""Every text exists in Finnish, Swedish and English, and every key the code asks for exists."""

from __future__ import annotations

import re

import pytest

from kohtaanto import fmt, paths
from kohtaanto.i18n import LANGS, catalogue, t

KEY_CALL = re.compile(r"""\bt\(\s*(?:f?["'])([a-z_]+\.[a-z0-9_.]+)["']""")


def test_every_key_has_three_languages():
    missing = [
        (k, lang) for k, texts in catalogue().items() for lang in LANGS if not texts.get(lang)
    ]
    assert missing == []


def test_placeholders_agree_across_languages():
    fields = re.compile(r"\{(\w+)\}")
    differ = [
        k
        for k, texts in catalogue().items()
        if len({frozenset(fields.findall(texts[lang])) for lang in LANGS}) > 1
    ]
    assert differ == []


def test_keys_used_in_code_exist():
    sources = [
        *(
            p for p in paths.PACKAGE.rglob("*.py") if p.name != "i18n.py"
        ),  # its docstring has an example
        *(paths.ROOT / "pages").glob("*.py"),
        paths.ROOT / "app.py",
    ]
    used = {key for path in sources for key in KEY_CALL.findall(path.read_text(encoding="utf-8"))}
    assert used, "the pattern found no keys at all"
    assert sorted(used - set(catalogue())) == []


@pytest.mark.parametrize(
    "word", ["ikääntyneet", "ikäihmiset", "vanhukset", "the elderly", "åldringar"]
)
def test_respectful_words(word):
    assert not [
        k for k, texts in catalogue().items() for text in texts.values() if word in text.lower()
    ]


@pytest.mark.parametrize(
    ("lang", "count", "share", "change"),
    [
        ("fi", "256\u00a0070", "12,7\u00a0%", "−1\u00a0234"),
        ("sv", "256\u00a0070", "12,7\u00a0%", "−1\u00a0234"),
        ("en", "256,070", "12.7%", "−1,234"),
    ],
)
def test_number_formats(lang, count, share, change):
    assert fmt.number(256070, lang) == count
    assert fmt.percent(12.66, lang) == share
    assert fmt.signed(-1234, lang) == change


def test_missing_key_shows_the_key_not_an_error(monkeypatch):
    monkeypatch.setenv("KOHTAANTO_STRICT", "0")  # the app, not the tests
    assert t("no.such.key", "fi") == "no.such.key"


def test_a_misspelt_key_built_from_parts_fails_in_tests():
    from kohtaanto.i18n import MissingKey

    level = "regoin"  # a misspelt part of a key built with an f-string
    with pytest.raises(MissingKey):
        t(f"alueet.levels.{level}", "fi")
    assert t(f"alueet.levels.{'region'}", "fi")


def test_a_page_asking_for_a_missing_key_fails_its_test(demo_db, monkeypatch):
    """A key the page builds from parts (``alueet.levels.{level}``), gone from the catalogue:
    the page run fails, where the app would show the key."""
    from kohtaanto import i18n
    from tests.apptest_util import run_app

    texts = dict(i18n.catalogue())
    del texts["alueet.levels.region"]
    monkeypatch.setattr(i18n, "catalogue", lambda: texts)
    from streamlit import config

    # The app redacts error details for users (.streamlit/config.toml); this test reads them.
    shown = config.get_option("client.showErrorDetails")
    config.set_option("client.showErrorDetails", "full")
    try:
        at = run_app(demo_db, monkeypatch, page="alueet", check=False)
    finally:
        config.set_option("client.showErrorDetails", shown)
    assert [e for e in at.exception if "alueet.levels.region" in e.message], at.exception
    monkeypatch.setenv("KOHTAANTO_STRICT", "0")
    at.run()
    assert not at.exception  # the app itself never fails on a missing text
