"""Translations. Every user-facing string lives in ``kohtaanto/locales/*.toml`` as

    [section.key]
    fi = "..."
    sv = "..."
    en = "..."

One file per page (plus ``common.toml``), merged at import. ``t("section.key", lang, **fields)``
fills ``{field}`` placeholders. A missing key or language falls back to Finnish, then the key
itself, so the app never fails on a missing text. Under the tests (``KOHTAANTO_STRICT=1``, set by
tests/conftest.py) a missing key raises :class:`MissingKey` instead, so every key a page asks for,
also one built from parts (``t(f"alueet.levels.{level}", lang)``), is checked when a test runs it.
"""

from __future__ import annotations

import functools
import os
import tomllib
from pathlib import Path
from typing import Any

from kohtaanto import paths

LANGS = ("fi", "sv", "en")
DEFAULT_LANG = "fi"
LOCALES = paths.PACKAGE / "locales"


def _flatten(
    prefix: str, node: dict[str, Any], out: dict[str, dict[str, str]], origin: Path
) -> None:
    if any(lang in node for lang in LANGS) and all(isinstance(v, str) for v in node.values()):
        if prefix in out:
            raise ValueError(f"{origin}: key {prefix!r} is defined twice")
        out[prefix] = node
        return
    for key, child in node.items():
        if not isinstance(child, dict):
            raise ValueError(f"{origin}: {prefix}.{key} is not a table of languages")
        _flatten(f"{prefix}.{key}" if prefix else key, child, out, origin)


@functools.cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every key with its texts, from all locale files."""
    out: dict[str, dict[str, str]] = {}
    for path in sorted(LOCALES.glob("*.toml")):
        with path.open("rb") as f:
            _flatten("", tomllib.load(f), out, path)
    return out


class MissingKey(KeyError):
    """A text key that no locale file has (raised only in strict mode)."""


def strict() -> bool:
    """Whether a missing key raises (the tests) rather than shows the key (the app)."""
    return os.environ.get("KOHTAANTO_STRICT") == "1"


def t(key: str, lang: str, /, **fields: Any) -> str:
    """The text of ``key`` in ``lang`` with ``fields`` filled in."""
    texts = catalogue().get(key)
    if texts is None:
        if strict():
            raise MissingKey(key)
        return key
    text = texts.get(lang) or texts.get(DEFAULT_LANG) or key
    return text.format(**fields) if fields else text


def name_column(lang: str) -> str:
    """The dimension tables' name column for ``lang``: ``name_fi``, ``name_sv`` or ``name_en``."""
    return f"name_{lang if lang in LANGS else DEFAULT_LANG}"
