"""Versions of an entry as the store returns them, and what changed between two of them.

Every save, publication, removal, restore and import is a new version with who and when;
nothing is overwritten. Two people saving the same entry: the second save names the version it
was based on, finds a newer one, and is refused with a :class:`Conflict` that says what the
other person changed (field by field, with who and when), so a form can show it and keep the
person's own text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Version:
    """One version of an entry."""

    kind: str
    key: str
    project_code: str
    number: int
    state: str  # draft | published | removed
    action: str  # save | publish | remove | restore | import
    fields: dict[str, Any]
    author: str | None  # None when the viewer may not see who (a reader)
    saved_at: dt.datetime  # UTC
    restored_from: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class Entry:
    """An entry as one viewer sees it: readers its published version, those who may edit it
    its latest version (a draft, say), with ``head`` the number a save is based on."""

    kind: str
    key: str
    project_code: str
    version: Version  # the version shown
    head: int  # the latest version's number: pass it as ``base`` to the next save
    public: int | None  # the number of the version readers see; None: nothing published
    editable: bool  # the viewer may save it
    publishable: bool  # the viewer may publish and remove it

    @property
    def fields(self) -> dict[str, Any]:
        return self.version.fields

    @property
    def state(self) -> str:
        return self.version.state

    @property
    def has_draft(self) -> bool:
        """A newer version than readers see is waiting (a draft after the published one)."""
        return self.editable and self.head != self.public and self.version.state == "draft"


@dataclass(frozen=True)
class FieldChange:
    """One field's value before and after."""

    field: str
    before: Any
    after: Any


def diff(before: dict[str, Any] | None, after: dict[str, Any]) -> list[FieldChange]:
    """The fields whose value differs, in ``after``'s field order (fields only one side has
    count as None on the other)."""
    before = before or {}
    names = list(after) + [k for k in before if k not in after]
    return [
        FieldChange(name, before.get(name), after.get(name))
        for name in names
        if before.get(name) != after.get(name)
    ]


@dataclass(frozen=True)
class Conflict:
    """A save refused because another came in after the version it was based on."""

    kind: str
    key: str
    base: int | None  # the version the refused save was based on (None: it meant to create)
    head: int  # the latest version now
    changes: list[FieldChange]  # base → head, field by field
    state_before: str | None
    state_after: str
    saves: list[Version] = field(default_factory=list)  # the versions after base, oldest first

    @property
    def authors(self) -> list[str]:
        """Who saved in between, each once, in order."""
        return list(dict.fromkeys(v.author for v in self.saves if v.author))

    def __str__(self) -> str:
        who = ", ".join(
            f"{v.author} {v.saved_at:%Y-%m-%d %H:%M} UTC (version {v.number})" for v in self.saves
        )
        fields = ", ".join(c.field for c in self.changes) or "no fields"
        return (
            f"{self.kind} {self.key} changed since version {self.base}: now version {self.head} "
            f"by {who}; changed: {fields}"
        )
