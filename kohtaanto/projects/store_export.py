"""The whole store as one workbook: a backup that ``projects import`` reads back into an empty
store, and a file a person can open.

Sheets:

- ``hankkeet``, ``tulokset``, ``indikaattorit``: what readers see (each entry's published
  version), in the coordination's workbook columns plus a few of the store's own (the EURA
  facts, a result's id and Innokylä's fields), so the file also passes ``projects check``;
- ``historia``: every version of every entry, one row each: kind, key, project, number, state,
  action, author, time (ISO 8601, UTC), the version restored, the import's file, then every
  field as a column (lists comma-separated, dates ``YYYY-MM-DD``).

Text is written as text: a value that starts with ``=`` stays a string, never a formula.
"""

from __future__ import annotations

import io
from typing import Any

from kohtaanto.projects import fields as F
from kohtaanto.projects.roles import ADMIN, User
from kohtaanto.projects.store import Store
from kohtaanto.projects.store_import import HISTORY_META, HISTORY_SHEET
from kohtaanto.projects.versions import Version


def _cell(ftype: str, value: Any, workbook_sheet: bool) -> Any:
    if ftype == F.LIST:
        return ", ".join(value or []) or None
    if ftype == F.BOOL and workbook_sheet:
        return "kyllä" if value else "ei"
    return value


def history_columns() -> list[str]:
    """The history sheet's columns: the version's own, then every field of every kind."""
    names = list(HISTORY_META)
    for kind in F.KINDS:
        names += [n for n in F.FIELDS[kind] if n not in names]
    return names


def _append(ws: Any, values: list[Any]) -> None:
    ws.append(values)
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # "=..." is text here, never a formula


def workbook_bytes(published: list[Version], versions: list[Version]) -> bytes:
    """The workbook of these published versions and this history."""
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    book.remove(book.active)
    for kind in F.KINDS:
        ws = book.create_sheet(F.SHEETS[kind])
        columns = {**F.WORKBOOK_FIELDS[kind], **F.EXTRA_COLUMNS[kind]}
        _append(ws, list(columns))
        for v in sorted((x for x in published if x.kind == kind), key=lambda x: x.key):
            _append(
                ws,
                [
                    _cell(F.FIELDS[kind][name], v.fields.get(name), True)
                    for name in columns.values()
                ],
            )
    ws = book.create_sheet(HISTORY_SHEET)
    columns = history_columns()
    _append(ws, columns)
    for v in versions:
        meta = {
            "entry_kind": v.kind,
            "entry_key": v.key,
            "project_code": v.project_code,
            "version": v.number,
            "state": v.state,
            "action": v.action,
            "author": v.author,
            "saved_at": v.saved_at.isoformat(timespec="microseconds"),
            "restored_from": v.restored_from,
            "note": v.note,
        }
        kind_fields = F.FIELDS[v.kind]
        _append(
            ws,
            [
                meta[c]
                if c in meta
                else (_cell(kind_fields[c], v.fields.get(c), False) if c in kind_fields else None)
                for c in columns
            ],
        )
    for ws in book.worksheets:
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_bytes(store: Store, by: str | User) -> bytes:
    """The whole databank with history: for admins and the command line (it holds drafts and
    authors' addresses)."""
    user = store.user(by)
    if user.role != ADMIN:
        store._refuse(user, "export", "store", "all", "denied_admin")
    published, _first = store.published()
    return workbook_bytes(published, store.all_versions())
