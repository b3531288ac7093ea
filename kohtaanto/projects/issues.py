"""Problems found in a databank file or form, and their words in fi, sv and en.

An :class:`Issue` carries a message *code* and the values the message needs, never a sentence:
the sentence is made at the edge, in the reader's language, from the message catalogue
(``kohtaanto/locales/check.toml``, keys ``check.msg.<code>``). The app's workbook check, the
command line (``python -m kohtaanto projects check FILE [--lang en]``) and the forms of the
editable databank render the same issue with :func:`render`; ``str(issue)`` is the English
sentence, for logs and the build's error.

Values are kept as they were typed (text) where the reader must find them in the file, and as
dates or numbers where the language formats them (a limit, a file size, two dates).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from kohtaanto import fmt
from kohtaanto.i18n import t

MAX_ISSUES = 50
MB = 1024 * 1024


@dataclass(frozen=True)
class Issue:
    """One problem: a message code and its values, and where it is (all optional: a form's
    field has a column but no file, sheet or row). ``row`` is the spreadsheet's own row number
    (1 = the header row)."""

    code: str
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    values: tuple[tuple[str, Any], ...] = ()

    def value(self, name: str) -> Any:
        """One of the message's values (None when it has none of that name)."""
        return dict(self.values).get(name)

    def at(self, **where: Any) -> Issue:
        """The same issue placed (file, sheet, row, column); a place it has is kept."""
        return replace(self, **{k: v for k, v in where.items() if getattr(self, k) is None})

    def text(self, lang: str) -> str:
        """The sentence in ``lang``, with its place."""
        return render(self, lang)

    def __str__(self) -> str:
        return render(self, "en")


def issue(kind: str, column: str | None = None, /, **values: Any) -> Issue:
    """An issue of message code ``kind`` at ``column`` (a field or header name) with the
    message's values."""
    return Issue(kind, column=column, values=tuple(values.items()))


class CellError(ValueError):
    """A cell's value cannot be used: raised by the converters, becomes an :class:`Issue` of
    the cell. ``str()`` is the English message without a place."""

    def __init__(self, kind: str, /, **values: Any) -> None:
        self.code = kind
        self.values = values
        super().__init__(message(kind, "en", values))


class ProjectsError(ValueError):
    """One or more input files are unusable; ``issues`` lists each problem with its place.
    ``str()`` is in English (the build's error and logs); :func:`render_all` gives any
    language."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        super().__init__(render_all(issues, "en", sep="; "))


def _shown(value: Any, lang: str) -> str:
    """A message value in ``lang``: dates and numbers formatted, lists joined, text as is."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return fmt.moment(value, lang)  # a save's time (the store's, in UTC)
    if isinstance(value, dt.datetime):
        value = value.date()  # an Excel date cell
    if isinstance(value, dt.date):
        return fmt.day(value, lang)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return fmt.number(value, lang)
    if isinstance(value, float):
        return fmt.number(value, lang, 0 if value.is_integer() else 1)
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(str(v) for v in value)
    return str(value)


def message(code: str, lang: str, values: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> str:
    """The message of ``code`` in ``lang`` without its place."""
    shown = {k: _shown(v, lang) for k, v in dict(values).items()}
    return t(f"check.msg.{code}", lang, **shown)


def place(i: Issue, lang: str) -> str:
    """Where the issue is, in ``lang``: ``bad.xlsx, välilehti ”hankkeet”, rivi 3, sarake
    ”alueet”``; empty when it has no place."""
    parts = []
    if i.file is not None:
        parts.append(i.file)
    if i.sheet is not None:
        parts.append(t("check.where.sheet", lang, sheet=i.sheet))
    if i.row is not None:
        parts.append(t("check.where.row", lang, row=i.row))
    if i.column is not None:
        parts.append(t("check.where.column", lang, column=i.column))
    return ", ".join(parts)


def render(i: Issue, lang: str) -> str:
    """The whole sentence: place, then message."""
    where = place(i, lang)
    text = message(i.code, lang, i.values)
    return f"{where}: {text}" if where else text


def render_all(issues: list[Issue], lang: str, sep: str = "\n", limit: int = MAX_ISSUES) -> str:
    """At most ``limit`` issues, one sentence each, and how many more there are."""
    shown = [render(i, lang) for i in issues[:limit]]
    if len(issues) > limit:
        shown.append(t("check.more", lang, n=len(issues) - limit))
    return sep.join(shown)
