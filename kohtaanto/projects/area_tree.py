"""Which areas lie inside which: the classification a coordinator's permissions are read from.

A coordinator of ``KA4`` may edit projects in KA4 "and every area inside it" (CONTRACT.md 2c):
its regions (MK10, MK11, MK12), their sub-regions and municipalities through ``parent_code``,
and the areas that are not on that chain but are made of KA4's municipalities only (the ELY
Centre of North Karelia, an employment area, a wellbeing services county) through
``area_members``. The statistics database holds both tables (CONTRACT.md section 2); without
one, the shipped ``data/reference/coordinator_areas.csv`` gives the coordinator areas and their
regions, so a fresh clone still knows KA4 ⊃ MK12.
"""

from __future__ import annotations

import csv
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kohtaanto import paths

log = logging.getLogger(__name__)

COUNTRY = "SSS"


@dataclass(frozen=True)
class AreaTree:
    """Area codes with their parent and (for composite areas) their municipalities."""

    parent: dict[str, str | None]
    members: dict[str, frozenset[str]] = field(default_factory=dict)
    indicators: frozenset[str] = frozenset()

    @property
    def codes(self) -> set[str]:
        """Every known area code."""
        return set(self.parent)

    def ancestors(self, code: str) -> list[str]:
        """The chain of parents above ``code``, nearest first (cycles are cut)."""
        out: list[str] = []
        current = self.parent.get(code)
        while current is not None and current not in out and current != code:
            out.append(current)
            current = self.parent.get(current)
        return out

    def _municipalities(self, code: str) -> frozenset[str]:
        if code in self.members:
            return self.members[code]
        if code.startswith("KU"):
            return frozenset({code})
        return frozenset()

    def inside(self, code: str, container: str) -> bool:
        """True when ``code`` is ``container`` or lies wholly inside it."""
        if code == container:
            return True
        if code not in self.parent or container not in self.parent:
            return False
        if container in self.ancestors(code):
            return True
        if container == COUNTRY:
            return True
        mine, theirs = self._municipalities(code), self._municipalities(container)
        return bool(mine) and bool(theirs) and mine <= theirs

    def covers(self, containers: Iterable[str], codes: Iterable[str]) -> bool:
        """True when any of ``codes`` lies inside any of ``containers``."""
        containers = list(containers)
        return any(self.inside(c, k) for c in codes for k in containers)

    @classmethod
    def from_rows(
        cls,
        areas: Iterable[tuple[str, str | None]],
        members: Iterable[tuple[str, str]] = (),
        indicators: Iterable[str] = (),
    ) -> AreaTree:
        """From (area_code, parent_code) and (area_code, municipality code) pairs."""
        grouped: dict[str, set[str]] = {}
        for area, member in members:
            grouped.setdefault(area, set()).add(member)
        return cls(
            parent={a: p for a, p in areas},
            members={a: frozenset(m) for a, m in grouped.items()},
            indicators=frozenset(indicators),
        )

    @classmethod
    def from_duckdb(cls, db: Path) -> AreaTree:
        """From the statistics database's ``areas``, ``area_members`` and ``indicators``."""
        import duckdb

        with duckdb.connect(str(db), read_only=True) as con:
            areas = con.execute("select area_code, parent_code from areas").fetchall()
            members = con.execute(
                "select m.area_code, m.member_code from area_members m "
                "join areas a on a.area_code = m.member_code where a.level = 'municipality'"
            ).fetchall()
            try:
                indicators = [
                    r[0] for r in con.execute("select indicator from indicators").fetchall()
                ]
            except duckdb.Error:  # a database built before the projects tables
                indicators = []
        return cls.from_rows(areas, members, indicators or _reference_indicators())

    @classmethod
    def from_reference(cls, reference: Path = paths.REFERENCE) -> AreaTree:
        """The shipped fallback: the country, the coordinator areas and their regions."""
        parent: dict[str, str | None] = {COUNTRY: None}
        with (reference / "coordinator_areas.csv").open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                parent[row["area_code"]] = COUNTRY
                parent[row["member_code"]] = row["area_code"]
        return cls(parent=parent, indicators=frozenset(_reference_indicators(reference)))


def _reference_indicators(reference: Path = paths.REFERENCE) -> list[str]:
    with (reference / "esf_plus_indicator_names.csv").open(encoding="utf-8") as f:
        return [row["indicator"] for row in csv.DictReader(f)]


_cache: dict[str, tuple[tuple[int, int] | None, AreaTree]] = {}
_lock = threading.Lock()


def area_tree(db: Path | None = None) -> AreaTree:
    """The classification of the statistics database in use (``KOHTAANTO_DB``), read again when
    the file is rebuilt; the shipped reference when there is no readable database."""
    db = Path(db) if db is not None else paths.db_path()
    try:
        stat = db.stat()
        stamp: tuple[int, int] | None = (stat.st_ino, stat.st_mtime_ns)
    except OSError:
        stamp = None
    with _lock:
        cached = _cache.get(str(db))
        if cached is not None and cached[0] == stamp:
            return cached[1]
        tree = None
        if stamp is not None:
            try:
                tree = AreaTree.from_duckdb(db)
            except Exception as exc:  # a locked, damaged or older database
                log.warning("areas of %s unreadable (%s); using the shipped reference", db, exc)
        if tree is None:
            tree = AreaTree.from_reference()
        _cache[str(db)] = (stamp, tree)
        return tree
