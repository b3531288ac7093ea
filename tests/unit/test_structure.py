"""The code's structure as docs/architecture.md states it: pages import only their panels and the
app's frame, no lower layer imports a higher one, and provenance is never read back out of a
figure. Read from the source with ``ast``, so a change that breaks the rule fails here."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from kohtaanto import paths

PACKAGE = paths.PACKAGE
PAGES = sorted((paths.ROOT / "pages").glob("*.py"))
# What a page may import: its panels and the frame (the databank's UI modules included).
FRAME = {"ui", "urlparams", "i18n", "fmt", "filters", "picks", "storyline", "panels"}
FRAME |= {"projects_ui", "editing_ui", "signin", "databank_live"}
# Each layer and the layers it must not import (docs/architecture.md, "Layout").
FORBIDDEN = {
    "pipeline": {"panels", "charts", "export", "ui", "storyline", "projects_ui"},
    "projects": {"panels", "charts", "export", "ui", "storyline", "projects_ui", "pipeline"},
    "charts": {"panels", "ui", "storyline", "projects_ui", "export", "db", "pipeline"},
    "export": {"panels", "ui", "storyline", "projects_ui", "pipeline"},
    "panels": {"ui", "storyline", "projects_ui", "pipeline"},
    "note": {"panels", "charts", "export", "ui", "db"},
}


def kohtaanto_imports(path: Path) -> set[str]:
    """The first part under ``kohtaanto`` of every module ``path`` imports (``kohtaanto.charts
    .ages`` → ``charts``; ``from kohtaanto import ui`` → ``ui``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            parts = node.module.split(".")
            if parts[0] != "kohtaanto":
                continue
            if len(parts) > 1:
                found.add(parts[1])
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "kohtaanto" and len(parts) > 1:
                    found.add(parts[1])
    return found


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_a_page_imports_its_panels_and_the_frame_only(page):
    assert kohtaanto_imports(page) - FRAME == set()


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_no_layer_imports_one_above_it(layer):
    files = [PACKAGE / f"{layer}.py"] if (PACKAGE / f"{layer}.py").is_file() else []
    files += sorted((PACKAGE / layer).rglob("*.py")) if (PACKAGE / layer).is_dir() else []
    assert files
    wrong = {
        f.relative_to(PACKAGE).as_posix(): kohtaanto_imports(f) & FORBIDDEN[layer] for f in files
    }
    assert {k: v for k, v in wrong.items() if v} == {}


def test_provenance_is_never_read_back_out_of_a_figure():
    """The footnote annotation is written from a Note; no code reads its text again to learn
    where the numbers come from (layout code may still measure it)."""
    pattern = re.compile(r"a\.text for a in .*annotations.*footnote|footnote_parts|_note_of")
    found = [
        f"{path.relative_to(paths.ROOT)}:{n}"
        for path in [*PACKAGE.rglob("*.py"), *PAGES]
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert found == []


def test_the_age_rule_and_the_ancestor_chain_are_written_once():
    sources = {p: p.read_text(encoding="utf-8") for p in [*PACKAGE.rglob("*.py"), *PAGES]}
    rule = re.compile(r"!= \"SSS\" else .*widest_experienced")
    assert [p.name for p, text in sources.items() if rule.search(text)] == ["ages.py"]
    chains = [
        p.name
        for p in [*(paths.ROOT / "queries").glob("*.sql"), *PACKAGE.rglob("*.sql")]
        if re.search(r"recursive\s+\w+\s*\(\s*area_code", p.read_text(encoding="utf-8"))
    ]
    assert chains == ["materialise.sql"]
