"""Files into the store: the coordination's workbook, a EURA 2021 export, or a backup of the
store (``projects export``), each read by the workbook check first.

An import is planned, then applied:

- :func:`plan` reads the file through the workbook check (a broken or hostile file, such as one
  that is not a workbook, over 5 MB, with formulas or a password, gets the check's own message)
  and lists what would change against the store now: new entries, and changed fields of
  existing ones. Nothing is written; ``--preview`` prints this.
- :func:`apply` writes the plan in one transaction: a new version per changed entry (action
  ``import``, note ``import:<file>``), by ``import:<file>`` at the command line or the person
  who imports. If anything changed since the plan, or any write is refused, nothing is written.

An import never removes: entries that are not in the file stay as they are. Where an official
EURA export and the workbook both give a fact, the official one wins, as in the build. A result
in a workbook is matched to the store's results of its project by its Finnish title; a new one
gets the next free id. Imported versions are published when the importer may publish the
project (the command line, an admin, the area's coordinator), else drafts.

A backup (a workbook with the sheet ``historia``) is read back into an empty store only, with
every version as it was (numbers, states, authors, times).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from kohtaanto import paths
from kohtaanto.projects import fields as F
from kohtaanto.projects import schema
from kohtaanto.projects import validate as V
from kohtaanto.projects import workbook as wb
from kohtaanto.projects.issues import CellError, Issue, ProjectsError, issue
from kohtaanto.projects.roles import ADMIN, READER, User, may_edit, may_publish
from kohtaanto.projects.store import (
    DRAFT,
    PUBLISHED,
    PermissionDenied,
    Store,
    StoreError,
    Write,
    _Stale,
)
from kohtaanto.projects.validate import Context
from kohtaanto.projects.versions import Version, diff

HISTORY_SHEET = "historia"
# A version's own columns (named apart from every field: a result has a field "kind").
HISTORY_META = [
    "entry_kind",
    "entry_key",
    "project_code",
    "version",
    "state",
    "action",
    "author",
    "saved_at",
    "restored_from",
    "note",
]
MAX_HISTORY_ROWS = 200_000


class ImportConflict(StoreError):
    """The store changed between the plan and its application (plan again), or a backup
    meets a store that has entries."""

    code = "import_stale"


@dataclass(frozen=True)
class Change:
    """One entry an import writes a new version of."""

    kind: str
    key: str
    project_code: str
    base: int | None  # the store's latest version when planned (None: a new entry)
    fields: dict[str, Any]
    changed: tuple[str, ...]  # the fields that differ from the latest version
    state: str  # draft | published


@dataclass
class ImportPlan:
    """What an import would write."""

    file: str
    source: str  # workbook | eura2021 | backup
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    differences: list[dict[str, Any]] = field(default_factory=list)  # official vs workbook
    versions: list[Version] = field(default_factory=list)  # a backup's, in order

    @property
    def note(self) -> str:
        return f"import:{self.file}"

    def lines(self) -> list[str]:
        """One line per change, then a summary: what ``--preview`` prints."""
        if self.source == "backup":
            entries = len({(v.kind, v.key) for v in self.versions})
            return [f"{self.file}: a backup: {entries} entries with {len(self.versions)} versions"]
        out = []
        for c in self.changes:
            if c.base is None:
                out.append(f"new {c.kind} {c.key} ({c.state})")
            else:
                out.append(f"{c.kind} {c.key}: {', '.join(c.changed)} ({c.state})")
        for d in self.differences:
            out.append(
                f"project {d['project_code']}: {d['field']} is {d['official_value']!r} in the "
                f"official export, {d['workbook_value']!r} in the workbook (the official kept)"
            )
        new = sum(c.base is None for c in self.changes)
        out.append(
            f"{self.file}: {new} new, {len(self.changes) - new} changed, {self.unchanged} unchanged"
        )
        return out


# ---------------------------------------------------------------------------------------------
# Planning


def context_for(store: Store, raw: Path = paths.RAW) -> Context:
    """What an imported file is checked against: the store's area codes and indicators, and
    the raw folder's NUTS codes (for a EURA export's ``Sijainti``) when it has them."""
    from kohtaanto.projects import tables as project_tables

    tree = store._areas()
    ctx = project_tables.context(raw, tree.codes)
    ctx.indicators |= set(tree.indicators)
    return ctx


def plan(store: Store, by: str | User, data: bytes, file: str, ctx: Context) -> ImportPlan:
    """What importing ``data`` (named ``file``) would write; ProjectsError with the workbook
    check's messages for a file it refuses, PermissionDenied for entries not theirs."""
    user = store.user(by)
    if user.role == READER:
        store._refuse(user, "import", "file", file, "denied_reader")
    book = wb.open_workbook(data, file)
    try:
        is_backup = HISTORY_SHEET in book.sheetnames
    finally:
        book.close()
    if is_backup:
        return _plan_backup(store, user, data, file, ctx)
    parsed = wb.read_file(data, file, ctx)
    heads = store.heads()
    result = ImportPlan(file, parsed.kind)
    planner = _Planner(store, user, heads, ctx, result)
    planner.projects(parsed)
    planner.practices(parsed.practices, file)
    planner.reports(parsed.reports, file)
    return result


class _Planner:
    def __init__(
        self,
        store: Store,
        user: User,
        heads: dict[tuple[str, str], Version],
        ctx: Context,
        result: ImportPlan,
    ) -> None:
        self.store, self.user, self.heads, self.ctx, self.result = store, user, heads, ctx, result
        self.tree = store._areas()
        self.project_areas: dict[str, list[str]] = {
            key: list(v.fields.get("areas") or [])
            for (kind, key), v in heads.items()
            if kind == F.PROJECT
        }

    def _validate(self, kind: str, fields: dict[str, Any], where: Issue) -> dict[str, Any]:
        """The store's rules on a row the workbook check passed (its own fields' lengths,
        say); a problem is placed on the file's row and column."""
        try:
            return F.validate(kind, fields, self.ctx)
        except F.ValidationError as exc:
            column = {name: c for c, name in F.WORKBOOK_FIELDS[kind].items()}
            if where.sheet is None:  # a EURA export: its own headers
                column = {key: h for h, (key, _req) in wb.EURA_COLUMNS.items()}
            placed = [
                i.at(
                    file=where.file,
                    sheet=where.sheet,
                    row=where.row,
                    column=column.get(i.column or "", i.column),
                )
                for i in exc.issues
            ]
            raise ProjectsError(placed) from None

    def _add(self, kind: str, key: str, new: dict[str, Any]) -> None:
        code = new["project_code"]
        # The project as it is and as it will be: both must be the importer's (as in a save).
        grounds = [self.project_areas[code]] if code in self.project_areas else []
        if kind == F.PROJECT:
            grounds.append(new["areas"])
        if not grounds or not all(may_edit(self.user, code, a, self.tree) for a in grounds):
            self.store._refuse(self.user, "import", kind, key, "denied_not_theirs")
        if kind == F.PROJECT:
            self.project_areas[code] = new["areas"]
        publish = all(may_publish(self.user, code, a, self.tree) for a in grounds)
        state = PUBLISHED if publish else DRAFT
        head = self.heads.get((kind, key))
        if kind == F.REPORT and head is not None:
            # A report names the file it came from: the same figures from another file are
            # no change.
            same = {k: x for k, x in new.items() if k != "source"} == {
                k: x for k, x in head.fields.items() if k != "source"
            }
            if same:
                new = {**new, "source": head.fields.get("source")}
        if head is not None and head.fields == new and head.state == state:
            self.result.unchanged += 1
            return
        changed = tuple(c.field for c in diff(head.fields if head else None, new))
        if head is not None and not changed:
            changed = (f"state {head.state} → {state}",)
        base = head.number if head is not None else None
        self.result.changes.append(Change(kind, key, code, base, new, changed, state))

    def projects(self, parsed: wb.Parsed) -> None:
        for row in parsed.projects:
            code = row["project_code"]
            head = self.heads.get((F.PROJECT, code))
            mine, theirs = (row, None) if head is None else (row, dict(head.fields))
            if theirs is not None and theirs.get("source") == wb.EURA and row["source"] != wb.EURA:
                merged = wb.merge_official(code, mine, theirs, self.result.differences)
            elif theirs is not None and row["source"] == wb.EURA and theirs["source"] != wb.EURA:
                merged = wb.merge_official(code, theirs, row, self.result.differences)
            else:
                merged = mine
            fields = {k: merged.get(k) for k in F.FIELDS[F.PROJECT]}
            sheet = "hankkeet" if parsed.kind == wb.WORKBOOK else None
            where = Issue("", parsed.file, sheet, row.get("_row"))
            self._add(F.PROJECT, code, self._validate(F.PROJECT, fields, where))

    def _known(self, code: str, file: str, sheet: str, row: int | None) -> None:
        if code not in self.project_areas:
            found = issue("orphan", "hankekoodi", code=code)
            raise ProjectsError([found.at(file=file, sheet=sheet, row=row)])

    def practices(self, rows: list[dict[str, Any]], file: str) -> None:
        existing: dict[str, dict[str, str]] = {}  # project -> folded title -> id
        numbers: dict[str, int] = {}
        for (kind, key), head in self.heads.items():
            if kind != F.PRACTICE:
                continue
            title = (head.fields.get("title_fi") or "").casefold()
            existing.setdefault(head.project_code, {}).setdefault(title, key)
            tail = key.rsplit("-", 1)[-1]
            if tail.isdigit():
                numbers[head.project_code] = max(numbers.get(head.project_code, 0), int(tail))
        for row in rows:
            code = row["project_code"]
            self._known(code, file, "tulokset", row.get("_row"))
            title = (row.get("title_fi") or "").casefold()
            key = existing.get(code, {}).get(title)
            if key is None:
                numbers[code] = numbers.get(code, 0) + 1
                key = f"{code}-{numbers[code]}"
                existing.setdefault(code, {})[title] = key
            head = self.heads.get((F.PRACTICE, key))
            given = {k: row.get(k) for k in F.WORKBOOK_FIELDS[F.PRACTICE].values()}
            fields = {**(head.fields if head else {}), **given, "practice_id": key}
            where = Issue("", file, "tulokset", row.get("_row"))
            self._add(F.PRACTICE, key, self._validate(F.PRACTICE, fields, where))

    def reports(self, rows: list[dict[str, Any]], file: str) -> None:
        for row in rows:
            self._known(row["project_code"], file, "indikaattorit", row.get("_row"))
            fields = {k: row.get(k) for k in F.FIELDS[F.REPORT]}
            where = Issue("", file, "indikaattorit", row.get("_row"))
            new = self._validate(F.REPORT, fields, where)
            self._add(F.REPORT, F.entry_key(F.REPORT, new), new)


# ---------------------------------------------------------------------------------------------
# Applying


def apply(store: Store, by: str | User, plan: ImportPlan) -> int:
    """Write the plan in one transaction; returns the number of versions written.
    ImportConflict when the store changed since the plan (nothing is written then)."""
    user = store.user(by)
    if plan.source == "backup":
        return _apply_backup(store, user, plan)
    tree = store._areas()
    ctx = store._context(tree)
    order = {F.PROJECT: 0, F.PRACTICE: 1, F.REPORT: 2}
    changes = sorted(plan.changes, key=lambda c: order[c.kind])
    try:
        with store._transaction(write=True) as conn:
            for c in changes:
                write = Write(
                    c.kind, c.key, c.fields, c.base, c.state, "import", note=plan.note, cross=False
                )
                store._apply(conn, user, tree, ctx, write)
    except (_Stale, sa.exc.IntegrityError):
        raise ImportConflict(file=plan.file) from None
    return len(changes)


# ---------------------------------------------------------------------------------------------
# Backups


def _history_rows(data: bytes, file: str) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    """The ``historia`` sheet's header and rows; formulas are refused as in the workbook check."""
    book = wb.open_workbook(data, file)
    issues: list[Issue] = []
    try:
        ws = book[HISTORY_SHEET]
        rows: list[tuple[int, list[Any]]] = []
        for number, row in enumerate(ws.iter_rows(), start=1):
            if number > MAX_HISTORY_ROWS + 1:
                limit = (("limit", MAX_HISTORY_ROWS),)
                issues.append(Issue("too_many_rows", file, HISTORY_SHEET, number, values=limit))
                break
            values = []
            for index, cell in enumerate(row):
                if getattr(cell, "data_type", None) == "f":
                    issues.append(Issue("formula", file, HISTORY_SHEET, number, _letter(index)))
                    values.append(None)
                else:
                    values.append(getattr(cell, "value", None))
            if any(v is not None and v != "" for v in values):
                rows.append((number, values))
    finally:
        book.close()
    if issues:
        raise ProjectsError(issues)
    if not rows:
        raise ProjectsError([Issue("empty_sheet", file, HISTORY_SHEET)])
    header = [str(v).strip() if v is not None else "" for v in rows[0][1]]
    missing = [c for c in HISTORY_META if c not in header]
    if missing:
        raise ProjectsError(
            [Issue("missing_column", file, HISTORY_SHEET, rows[0][0], c) for c in missing]
        )
    return header, rows[1:]


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def decode(kind: str, name: str, value: Any) -> Any:
    """A cell of the store's workbook as a field value; CellError when it cannot be one."""
    ftype = F.FIELDS[kind][name]
    if value is None or value == "":
        return [] if ftype == F.LIST else (False if ftype == F.BOOL else None)
    if ftype == F.LIST:
        return V.split_list(value)
    if ftype == F.BOOL:
        if isinstance(value, bool):
            return value
        return str(value).strip().lower() in ("kyllä", "true", "1")
    if ftype == F.NUMBER:
        return V.count_value(value)
    if ftype == F.DATE:
        date = V.excel_date(value)
        return date.isoformat() if date else None
    return value if isinstance(value, str) else V.text(value)


def _numbers(cell: dict[str, Any], bad: Any) -> tuple[Any, Any, Any]:
    """A history row's time, version number and restored version."""
    saved_at = number = restored = None
    try:
        saved_at = dt.datetime.fromisoformat(str(cell.get("saved_at")))
        saved_at = (
            saved_at.astimezone(dt.UTC) if saved_at.tzinfo else saved_at.replace(tzinfo=dt.UTC)
        )
    except ValueError:
        bad(issue("not_a_time", "saved_at", value=V.typed(cell.get("saved_at"))[:80]))
    try:
        number = int(cell.get("version"))
        if number < 1:
            raise ValueError
        value = cell.get("restored_from")
        restored = int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        bad(issue("bad_version_number", "version"))
    return saved_at, number, restored


def _texts(cell: dict[str, Any], bad: Any) -> dict[str, str | None]:
    """A history row's key, project, author and note, as clean text."""
    texts: dict[str, str | None] = {}
    for name, limit in (("entry_key", 200), ("project_code", 64), ("author", 320), ("note", 300)):
        try:
            texts[name] = F.clean_text(cell.get(name), limit)
        except CellError as exc:
            bad(Issue(exc.code, column=name, values=tuple(exc.values.items())))
    for name in ("entry_key", "project_code", "author"):
        if name in texts and texts[name] is None:
            bad(issue("required", name))
    return texts


def _version_of(header: list[str], number: int, values: list[Any], file: str) -> Version:
    """One row of ``historia`` as a version; ProjectsError naming the row when it is not one."""
    cell = dict(zip(header, values, strict=False))
    kind = cell.get("entry_kind")
    problems: list[Issue] = []

    def bad(found: Issue) -> None:
        problems.append(found.at(file=file, sheet=HISTORY_SHEET, row=number))

    def choice(column: str, value: Any, options: tuple[str, ...]) -> None:
        bad(issue("bad_choice", column, value=V.typed(value)[:80], options=options))

    if kind not in F.KINDS:
        choice("entry_kind", kind, F.KINDS)
        raise ProjectsError(problems)
    fields: dict[str, Any] = {}
    for name in F.FIELDS[kind]:
        try:
            fields[name] = decode(kind, name, cell.get(name))
        except CellError as exc:
            bad(Issue(exc.code, column=name, values=tuple(exc.values.items())))
    saved_at, number_, restored = _numbers(cell, bad)
    state, action = cell.get("state"), cell.get("action")
    if state not in schema.STATES:
        choice("state", state, schema.STATES)
    if action not in schema.ACTIONS:
        choice("action", action, schema.ACTIONS)
    texts = _texts(cell, bad)
    if problems:
        raise ProjectsError(problems)
    return Version(
        kind=kind,
        key=texts["entry_key"],
        project_code=texts["project_code"],
        number=number_,
        state=state,
        action=action,
        fields=fields,
        author=texts["author"],
        saved_at=saved_at,
        restored_from=restored,
        note=texts["note"],
    )


def _check_history(versions: list[tuple[int, Version]], file: str, ctx: Context) -> list[Version]:
    """Each entry's versions numbered 1, 2, ... with one key and project; its latest version
    passes every rule, the earlier ones the text-safety rules (the rules may have grown).
    ``versions``: each with its row of the sheet, where a problem is placed."""
    by_entry: dict[tuple[str, str], list[tuple[int, Version]]] = {}
    for row, v in versions:
        by_entry.setdefault((v.kind, v.key), []).append((row, v))
    out: list[Version] = []
    issues: list[Issue] = []
    for (kind, key), items in sorted(by_entry.items()):
        items.sort(key=lambda item: item[1].number)
        entry = f"{kind} {key}"
        if [v.number for _, v in items] != list(range(1, len(items) + 1)):
            found = issue("versions_not_numbered", "version", entry=entry)
            issues.append(found.at(file=file, sheet=HISTORY_SHEET, row=items[0][0]))
        for row, v in items:
            try:
                last = v is items[-1][1]
                checked = F.validate(kind, v.fields, ctx) if last else F.safe(kind, v.fields)
            except F.ValidationError as exc:
                issues += [i.at(file=file, sheet=HISTORY_SHEET, row=row) for i in exc.issues]
                continue
            if F.entry_key(kind, checked) != key or checked["project_code"] != v.project_code:
                found = issue("key_mismatch", "entry_key", entry=entry, version=v.number)
                issues.append(found.at(file=file, sheet=HISTORY_SHEET, row=row))
            out.append(Version(**{**v.__dict__, "fields": checked}))
    if issues:
        raise ProjectsError(issues)
    return out


def _plan_backup(store: Store, user: User, data: bytes, file: str, ctx: Context) -> ImportPlan:
    if user.role != ADMIN:
        store._refuse(user, "import a backup", "file", file, "denied_admin")
    wb.read_file(data, file, ctx)  # the sheets a person reads pass the workbook check too
    header, rows = _history_rows(data, file)
    versions: list[tuple[int, Version]] = []
    issues: list[Issue] = []
    for number, values in rows:
        try:
            versions.append((number, _version_of(header, number, values, file)))
        except ProjectsError as exc:
            issues += exc.issues
    if issues:
        raise ProjectsError(issues)
    if not store.is_empty():
        raise ImportConflict(code="backup_needs_empty_store", file=file)
    return ImportPlan(file, "backup", versions=_check_history(versions, file, ctx))


def _apply_backup(store: Store, user: User, plan: ImportPlan) -> int:
    if user.role != ADMIN:
        raise PermissionDenied(f"{user.email} may not import a backup", code="denied_admin")
    e, v = schema.entries, schema.versions
    by_entry: dict[tuple[str, str], list[Version]] = {}
    for item in plan.versions:
        by_entry.setdefault((item.kind, item.key), []).append(item)
    with store._transaction(write=True) as conn:
        if conn.execute(sa.select(e.c.entry_id).limit(1)).first() is not None:
            raise ImportConflict(code="backup_needs_empty_store", file=plan.file)
        for (kind, key), items in by_entry.items():
            settled = [x for x in items if x.state != DRAFT]
            public = settled[-1].number if settled and settled[-1].state == PUBLISHED else None
            entry_id = conn.execute(
                sa.insert(e).values(
                    kind=kind,
                    entry_key=key,
                    project_code=items[0].project_code,
                    head=items[-1].number,
                    public=public,
                )
            ).inserted_primary_key[0]
            conn.execute(
                sa.insert(v),
                [
                    {
                        "entry_id": entry_id,
                        "number": x.number,
                        "state": x.state,
                        "action": x.action,
                        "fields": x.fields,
                        "author": x.author,
                        "saved_at": x.saved_at,
                        "restored_from": x.restored_from,
                        "note": x.note,
                    }
                    for x in items
                ],
            )
    return len(plan.versions)
