"""The editable databank (CONTRACT.md section 2c): projects, results and good practices, and
indicator reports, each with every version, kept by the people who own them.

``KOHTAANTO_STORE`` is an SQLAlchemy URL: SQLite at ``data/tietopankki.sqlite`` by default (WAL,
a busy timeout), ``postgresql+psycopg://user:pass@host/db`` for several app servers. The tables
are SQLAlchemy Core (``schema.py``), created and changed by Alembic migrations (``migrations/``).

Every write names who makes it (a signed-in address, looked up in the roles file at that moment)
and is checked here, on the server, whatever a page showed: :class:`PermissionDenied` is raised
and logged with the address and what was refused, never the text. A write is a new version;
nothing is overwritten or deleted. A save names the version it was based on; when another came
in between, :class:`ConflictError` carries what the other person changed.

Readers see each entry's latest published version (and a result or report only when its project
is published); those who may edit an entry see its latest version, drafts included, and its
history.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa

from kohtaanto import paths
from kohtaanto.projects import fields as F
from kohtaanto.projects import schema
from kohtaanto.projects.area_tree import AreaTree, area_tree
from kohtaanto.projects.issues import issue, message
from kohtaanto.projects.roles import (
    READER,
    RolesFile,
    User,
    may_edit,
    may_publish,
)
from kohtaanto.projects.validate import Context, excel_date, older_above_all, sex_code
from kohtaanto.projects.versions import Conflict, Entry, Version, diff

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
DRAFT, PUBLISHED, REMOVED = schema.STATES
BUSY_TIMEOUT_MS = 15_000
PG_UPGRADE_LOCK = 0x6B6F6874  # an advisory lock key: one upgrade at a time across servers


class StoreError(Exception):
    """Anything the store refuses or cannot do; the subclasses say which. ``code`` and
    ``values`` make the message shown to people, in their language (:meth:`text`, from the
    catalogue ``kohtaanto/locales/check.toml``); ``str()`` is the English detail, for logs and
    the command line."""

    code = "store_error"

    def __init__(self, detail: str = "", /, code: str | None = None, **values: Any) -> None:
        if code is not None:
            self.code = code
        self.values = values
        super().__init__(detail or message(self.code, "en", values))

    def text(self, lang: str) -> str:
        """What a person is told, in ``lang``."""
        return message(self.code, lang, self.values)


class StoreUnavailable(StoreError):
    """The store cannot be reached or is not at the code's schema; the message says why (the
    person is told only that the databank cannot be reached)."""

    code = "store_unavailable"


class PermissionDenied(StoreError):
    """The person may not make this write (or see this history); ``code`` says why."""

    code = "denied_not_theirs"


class NotFound(StoreError):
    """No such entry or version."""

    code = "not_found"


class ConflictError(StoreError):
    """Another save came in after the version this one was based on."""

    code = "conflict"

    def __init__(self, conflict: Conflict) -> None:
        self.conflict = conflict
        last = conflict.saves[-1] if conflict.saves else None
        super().__init__(
            str(conflict),
            who=", ".join(conflict.authors) or "?",
            when=last.saved_at if last else "?",
            version=conflict.head,
            changed=[c.field for c in conflict.changes] or "–",
        )


@dataclass(frozen=True)
class Write:
    """One write asked of the store: a new version of one entry."""

    kind: str
    key: str | None
    fields: dict[str, Any] | None  # None: the latest version's (publish, remove) or a restore's
    base: int | None  # the version it was based on; None: a new entry
    state: str
    action: str
    restored_from: int | None = None
    author: str | None = None  # an import's author (``import:<file>``); else the user
    note: str | None = None  # an import's file name
    cross: bool = True  # check a report against its pair (an import checked its file whole)
    checked: bool = False  # the fields passed the rules already (before the write lock)


class _Stale(Exception):
    """Inside a write: the entry moved on; answered with a Conflict after the rollback."""


# ---------------------------------------------------------------------------------------------
# Engine and schema


def make_engine(url: str | None = None) -> sa.Engine:
    """An engine for the store's URL. SQLite: WAL, a busy timeout, foreign keys, and our own
    ``BEGIN`` (``BEGIN IMMEDIATE`` for writes, so two writers queue instead of deadlocking);
    PostgreSQL through psycopg 3 (a bare ``postgresql://`` URL is taken to mean it)."""
    parsed = sa.make_url(url or paths.store_url())
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        engine = sa.create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

        @sa.event.listens_for(engine, "connect")
        def _connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None  # we say BEGIN ourselves (see below)
            cursor = dbapi_connection.cursor()
            cursor.execute("pragma journal_mode = wal")
            cursor.execute(f"pragma busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("pragma foreign_keys = on")
            cursor.execute("pragma synchronous = normal")
            cursor.close()

        @sa.event.listens_for(engine, "begin")
        def _begin(conn: sa.Connection) -> None:
            write = conn.get_execution_options().get("kohtaanto_write")
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine
    if parsed.get_backend_name() == "postgresql":
        return sa.create_engine(
            parsed,
            pool_pre_ping=True,
            pool_size=10,
            max_overflow=20,
            connect_args={"connect_timeout": 5},
        )
    return sa.create_engine(parsed)


def _alembic_config(connection: sa.Connection | None = None) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest migration the code has."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def current_revision(engine: sa.Engine) -> str | None:
    """The store's migration (None: an empty database)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: sa.Engine, revision: str = "head") -> str | None:
    """Run the migrations up to ``revision`` in one transaction, one upgrader at a time (an
    advisory lock on PostgreSQL, the write lock on SQLite); returns the store's revision."""
    from alembic import command

    if engine.dialect.name == "sqlite":
        database = engine.url.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
    with engine.connect() as conn:
        conn.execution_options(kohtaanto_write=True)
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("select pg_advisory_xact_lock(:k)"), {"k": PG_UPGRADE_LOCK})
            command.upgrade(_alembic_config(conn), revision)
    return current_revision(engine)


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


# Statements built once, with bound parameters: building SQLAlchemy expressions on every call
# cost more than running them (measured with benchmarks/bench_store.py).
_E, _V = schema.entries, schema.versions
_VERSION_COLUMNS = (
    _V.c.number,
    _V.c.state,
    _V.c.action,
    _V.c.fields,
    _V.c.author,
    _V.c.saved_at,
    _V.c.restored_from,
    _V.c.note,
)


def _joined(on: Any) -> sa.Select:
    return (
        sa.select(_E, *_VERSION_COLUMNS)
        .join(_V, sa.and_(_V.c.entry_id == _E.c.entry_id, on))
        .order_by(_E.c.kind, _E.c.entry_key, _V.c.number)
    )


_JOINED = {
    "head": _joined(_V.c.number == _E.c.head),
    "public": _joined(_V.c.number == _E.c.public),
    "both": _joined(sa.or_(_V.c.number == _E.c.head, _V.c.number == _E.c.public)),
    "all": _joined(sa.true()),
}
_KIND = _E.c.kind == sa.bindparam("kind")
_KEY = _E.c.entry_key == sa.bindparam("key")
_IN_PROJECT = _E.c.project_code == sa.bindparam("project_code")
_PROJECTS = sa.and_(
    _E.c.kind == sa.literal(F.PROJECT), _E.c.entry_key.in_(sa.bindparam("codes", expanding=True))
)
_ENTRY_FOR_UPDATE = sa.select(_E).where(_KIND, _KEY).with_for_update()
_FIELDS_OF = sa.select(_V.c.fields).where(
    _V.c.entry_id == sa.bindparam("entry_id"), _V.c.number == sa.bindparam("number")
)
_ADVANCE = (
    sa.update(_E)
    .where(_E.c.entry_id == sa.bindparam("b_entry"), _E.c.head == sa.bindparam("b_base"))
    .values(head=sa.bindparam("b_head"), public=sa.bindparam("b_public"))
)


# ---------------------------------------------------------------------------------------------
# The store


class Store:
    """One store (a database URL) with the roles file and the area classification it judges
    writes by. Thread-safe: one per process, shared by every session."""

    def __init__(
        self,
        url: str | None = None,
        *,
        roles: RolesFile | None = None,
        areas: Callable[[], AreaTree] | None = None,
        create: bool = True,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        """Open the store. ``create``: make an empty database (SQLite file included) at the
        latest schema, and bring a SQLite store up to it; a PostgreSQL store behind the code
        waits for ``python -m kohtaanto projects upgrade``. Without ``create`` (the build)
        nothing is written. StoreUnavailable when it cannot be reached or used."""
        self.url = url or paths.store_url()
        self.roles = roles or RolesFile()
        self._areas = areas or area_tree
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        try:
            self.engine = make_engine(self.url)
        except (sa.exc.ArgumentError, ImportError) as exc:
            raise StoreUnavailable(f"bad store URL: {exc}") from None
        self.revision = self._check_schema(create)

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    def close(self) -> None:
        """Close the pooled connections."""
        self.engine.dispose()

    def _check_schema(self, create: bool) -> str | None:
        try:
            if (
                not create
                and self.engine.dialect.name == "sqlite"
                and not Path(self.engine.url.database or "").is_file()
            ):
                return None
            current = current_revision(self.engine)
            head = head_revision()
            if current == head:
                return current
            if not create:
                return current
            if current is None or self.engine.dialect.name == "sqlite":
                return upgrade(self.engine)
            raise StoreUnavailable(
                f"the store is at migration {current}, the code at {head}: run "
                "`python -m kohtaanto projects upgrade`"
            )
        except sa.exc.SQLAlchemyError as exc:
            raise StoreUnavailable(f"{self!r}: {type(exc).__name__}: {exc}") from None

    @contextmanager
    def _transaction(self, write: bool = False) -> Iterator[sa.Connection]:
        try:
            with self.engine.connect() as conn:
                if write:
                    conn.execution_options(kohtaanto_write=True)
                with conn.begin():
                    yield conn
        except sa.exc.IntegrityError:
            raise
        except (sa.exc.OperationalError, sa.exc.InterfaceError) as exc:
            log.error("store %r unavailable: %s", self, type(exc).__name__)
            raise StoreUnavailable(f"{type(exc).__name__}: {exc}") from None

    # -----------------------------------------------------------------------------------------
    # Who

    def user(self, by: str | User | None) -> User:
        """The person behind an address as the roles file says now. A User passed in is looked
        up again by its address (a role held by a page may be stale), except the command line's
        own (``roles.system_user``)."""
        if isinstance(by, User):
            return by if by.system else self.roles.user(by.email)
        return self.roles.user(by)

    def _context(self, tree: AreaTree) -> Context:
        return Context(areas=tree.codes, nuts={}, indicators=set(tree.indicators))

    def _refuse(self, user: User, action: str, kind: str, key: str, code: str) -> None:
        """Log and raise a refusal: the address, the role, what was refused and why, never
        the text. ``code``: ``denied_reader``, ``denied_not_theirs``, ``denied_publish`` or
        ``denied_admin``."""
        log.warning(
            "refused: %s (%s) may not %s %s %s: %s",
            user.email or "signed-out",
            user.role,
            action,
            kind,
            key,
            code,
        )
        raise PermissionDenied(
            f"{user.email or 'signed out'} may not {action} {kind} {key}", code=code
        )

    # -----------------------------------------------------------------------------------------
    # Reading

    def is_empty(self) -> bool:
        """No entry at all (or no store tables yet)."""
        if self.revision is None:
            return True
        with self._transaction() as conn:
            return conn.execute(sa.select(schema.entries.c.entry_id).limit(1)).first() is None

    def changes(self) -> int:
        """A number that grows with every write: a cache key for pages."""
        if self.revision is None:
            return 0
        with self._transaction() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(schema.versions)).scalar()

    def _rows(self, conn: sa.Connection, numbers: str, *where: Any, **params: Any) -> list[sa.Row]:
        """Entries matching ``where`` joined with their ``head`` and/or ``public`` version (or
        ``all`` of them), by kind, key and number."""
        return list(conn.execute(_JOINED[numbers].where(*where), params))

    @staticmethod
    def _version(row: Any, show_author: bool) -> Version:
        return Version(
            kind=row.kind,
            key=row.entry_key,
            project_code=row.project_code,
            number=row.number,
            state=row.state,
            action=row.action,
            fields=dict(row.fields),
            author=row.author if show_author else None,
            saved_at=_utc(row.saved_at),
            restored_from=row.restored_from,
            note=row.note if show_author else None,
        )

    def _project_areas(self, conn: sa.Connection, codes: set[str]) -> dict[str, list[str]]:
        """The areas each project's latest version names (the ground for permissions)."""
        if not codes:
            return {}
        rows = self._rows(conn, "head", _PROJECTS, codes=sorted(codes))
        return {r.entry_key: list(r.fields.get("areas") or []) for r in rows}

    def entries(
        self,
        by: str | User | None,
        *,
        kind: str | None = None,
        project_code: str | None = None,
        removed: bool = False,
        key: str | None = None,
    ) -> list[Entry]:
        """Entries as ``by`` (an address, or None when signed out) may see them: the latest
        version of those they may edit (``removed`` ones too when asked), the published
        version of the rest; sorted by kind and key."""
        user = self.user(by)
        if self.revision is None:
            return []
        asked = {"kind": kind, "project_code": project_code, "key": key}
        clauses = {"kind": _KIND, "project_code": _IN_PROJECT, "key": _KEY}
        where = [clauses[name] for name, value in asked.items() if value is not None]
        params = {name: value for name, value in asked.items() if value is not None}
        tree = self._areas() if user.role != READER else None
        with self._transaction() as conn:
            rows = self._rows(conn, "both", *where, **params)
            public_projects = self._public_projects(conn, {r.project_code for r in rows})
            areas = self._project_areas(conn, {r.project_code for r in rows}) if tree else {}
        grouped: dict[int, list[Any]] = {}
        for row in rows:
            grouped.setdefault(row.entry_id, []).append(row)
        out = []
        for versions in grouped.values():
            first = versions[0]
            project_areas = areas.get(first.project_code, [])
            editable = tree is not None and may_edit(user, first.project_code, project_areas, tree)
            publishable = tree is not None and may_publish(
                user, first.project_code, project_areas, tree
            )
            wanted = first.head if editable else first.public
            shown = next((r for r in versions if r.number == wanted), None)
            if shown is None:
                continue
            if (
                not editable
                and first.kind != F.PROJECT
                and first.project_code not in public_projects
            ):
                continue  # a published result of a project readers cannot see yet
            if editable and shown.state == REMOVED and not removed:
                continue
            out.append(
                Entry(
                    kind=first.kind,
                    key=first.entry_key,
                    project_code=first.project_code,
                    version=self._version(shown, editable),
                    head=first.head if editable else first.public,
                    public=first.public,
                    editable=editable,
                    publishable=publishable,
                )
            )
        return out

    def _public_projects(self, conn: sa.Connection, codes: set[str]) -> set[str]:
        """Which of these projects readers see."""
        if not codes:
            return set()
        e = schema.entries
        query = sa.select(e.c.entry_key).where(
            e.c.kind == F.PROJECT, e.c.public.is_not(None), e.c.entry_key.in_(sorted(codes))
        )
        return {r[0] for r in conn.execute(query)}

    def entry(self, by: str | User | None, kind: str, key: str) -> Entry | None:
        """One entry as ``by`` may see it; None when there is none (for them)."""
        user = self.user(by)
        if self.revision is None:
            return None
        found = self.entries(user, kind=kind, key=key, removed=True)
        return found[0] if found else None

    def _editable_rows(
        self, by: str | User | None, kind: str, key: str, action: str
    ) -> tuple[User, list[Any]]:
        user = self.user(by)
        with self._transaction() as conn:
            rows = self._rows(conn, "all", _KIND, _KEY, kind=kind, key=key)
            if not rows:
                raise NotFound(f"no {kind} {key}")
            code = rows[0].project_code
            areas = self._project_areas(conn, {code}).get(code, [])
        if user.role == READER or not may_edit(user, code, areas, self._areas()):
            self._refuse(user, action, kind, key, "denied_not_theirs")
        return user, rows

    def history(self, by: str | User | None, kind: str, key: str) -> list[Version]:
        """Every version of an entry, oldest first, with who and when: for those who may edit
        it (PermissionDenied for others)."""
        _, rows = self._editable_rows(by, kind, key, "see the history of")
        return [self._version(r, True) for r in rows]

    def version(self, by: str | User | None, kind: str, key: str, number: int) -> Version:
        """One earlier version, to show before restoring it."""
        for item in self.history(by, kind, key):
            if item.number == number:
                return item
        raise NotFound(f"{kind} {key} has no version {number}")

    # -----------------------------------------------------------------------------------------
    # Writing

    def save(
        self,
        by: str | User,
        kind: str,
        fields: dict[str, Any],
        *,
        base: int | None,
        key: str | None = None,
    ) -> Version:
        """Save a draft. ``base``: the version the form was filled from (None for a new entry);
        ``key``: the entry's (else read from the fields; a new result without one gets the
        next free id ``<project>-<n>``). ConflictError when another save came in since;
        ValidationError on bad fields; PermissionDenied."""
        fields = dict(fields)
        if key is not None and kind == F.PRACTICE:
            fields["practice_id"] = key
        elif key is not None and self._key_for(kind, fields) != key:
            raise ValueError(f"the fields are of another {kind} than {key}")
        if kind == F.PRACTICE and base is not None and not fields.get("practice_id"):
            raise ValueError("saving a result based on a version needs its key")
        return self._write(by, kind, fields, base=base, state=DRAFT, action="save")

    def publish(
        self,
        by: str | User,
        kind: str,
        key: str,
        *,
        base: int,
        fields: dict[str, Any] | None = None,
    ) -> Version:
        """Publish the entry: its latest version as it is, or ``fields`` (a form's) as a new
        published version. The area's coordinator or an admin."""
        return self._write(by, kind, fields, key=key, base=base, state=PUBLISHED, action="publish")

    def remove(self, by: str | User, kind: str, key: str, *, base: int) -> Version:
        """Take the entry away from readers: a version in state ``removed`` (its fields kept,
        restorable). The area's coordinator or an admin."""
        return self._write(by, kind, None, key=key, base=base, state=REMOVED, action="remove")

    def restore(
        self,
        by: str | User,
        kind: str,
        key: str,
        number: int,
        *,
        base: int,
        publish: bool = False,
    ) -> Version:
        """A new version with the fields of version ``number``: a draft, or published when
        ``publish`` (for those who may publish)."""
        return self._write(
            by,
            kind,
            None,
            key=key,
            base=base,
            state=PUBLISHED if publish else DRAFT,
            action="restore",
            restored_from=number,
        )

    def _write(
        self,
        by: str | User,
        kind: str,
        fields: dict[str, Any] | None,
        *,
        base: int | None,
        state: str,
        action: str,
        key: str | None = None,
        restored_from: int | None = None,
    ) -> Version:
        if kind not in F.KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        user = self.user(by)
        if fields is not None and key is None:
            key = self._key_for(kind, fields)
        if user.role == READER:
            self._refuse(user, action, kind, key or "(new)", "denied_reader")
        if self.revision is None:
            raise StoreUnavailable("the store has no tables")
        tree = self._areas()
        ctx = self._context(tree)
        auto = kind == F.PRACTICE and key is None and fields is not None
        for _attempt in range(5):
            if auto:  # a new result: the next free id of its project
                key = self._next_practice_id(fields)
                fields = {**fields, "practice_id": key}
            checked = fields is not None and action != "restore"
            if checked:  # the rules need no lock: check before taking it
                fields = F.validate(kind, fields, ctx)
            write = Write(kind, key, fields, base, state, action, restored_from, checked=checked)
            try:
                with self._transaction(write=True) as conn:
                    return self._apply(conn, user, tree, ctx, write)
            except (_Stale, sa.exc.IntegrityError):
                if auto:
                    continue  # two new results of one project at once: take the next id
                raise ConflictError(self._conflict(kind, key, base)) from None
        raise ConflictError(self._conflict(kind, key, base))

    def _key_for(self, kind: str, fields: dict[str, Any]) -> str | None:
        """The entry's key from its fields (None: a new result's id is still to be given)."""
        if kind == F.PRACTICE:
            try:
                return F.clean_text(fields.get("practice_id"), F.LIMITS[F.CODE])
            except ValueError:
                return "(bad id)"  # the validation says what is wrong with it
        try:
            probe = {k: fields.get(k) for k in F.FIXED[kind]}
            if kind == F.REPORT:
                probe["period_end"] = excel_date(probe["period_end"])
                probe["period_end"] = probe["period_end"] and probe["period_end"].isoformat()
                probe["sex"] = sex_code(probe["sex"])
            probe = {k: F.clean_text(v, F.LIMITS[F.CODE]) for k, v in probe.items()}
        except ValueError:
            probe = {}
        if not probe or any(v is None for v in probe.values()):
            # The validation names the missing field; the key is only for the log.
            return "(new)"
        return F.entry_key(kind, probe)

    def _next_practice_id(self, fields: dict[str, Any] | None) -> str:
        code = F.clean_text((fields or {}).get("project_code"), F.LIMITS[F.CODE]) or ""
        e = schema.entries
        prefix = f"{code}-"
        with self._transaction() as conn:
            keys = conn.execute(
                sa.select(e.c.entry_key).where(e.c.kind == F.PRACTICE, e.c.project_code == code)
            ).scalars()
            numbers = [int(k[len(prefix) :]) for k in keys if k[len(prefix) :].isdigit()]
        return f"{prefix}{max(numbers, default=0) + 1}"

    def _fields_of(self, conn: sa.Connection, entry_id: int, number: int) -> dict[str, Any] | None:
        found = conn.execute(_FIELDS_OF, {"entry_id": entry_id, "number": number})
        found = found.scalar_one_or_none()
        return None if found is None else dict(found)

    def _new_fields(
        self, conn: sa.Connection, ctx: Context, w: Write, head: Any, before: dict | None
    ) -> dict[str, Any]:
        """The fields the new version holds, checked by the rules (a removal keeps the last)."""
        fields = w.fields
        if w.action == "restore":
            if head is None:
                raise NotFound(f"no {w.kind} {w.key}")
            fields = self._fields_of(conn, head.entry_id, w.restored_from or 0)
            if fields is None:
                raise NotFound(f"{w.kind} {w.key} has no version {w.restored_from}")
        if fields is None:  # publish or remove as it is
            if before is None:
                raise NotFound(f"no {w.kind} {w.key}")
            return dict(before) if w.state == REMOVED else F.validate(w.kind, before, ctx)
        fixed = {f: before[f] for f in F.FIXED[w.kind]} if before is not None else {}
        if w.checked and all(fields.get(f) == v for f, v in fixed.items()):
            new = fields
        else:  # the key and the project stay what they were
            new = F.validate(w.kind, {**fields, **fixed}, ctx)
        if w.kind == F.REPORT and w.cross:
            self._check_report(conn, new)
        return new

    def _apply(
        self, conn: sa.Connection, user: User, tree: AreaTree, ctx: Context, w: Write
    ) -> Version:
        """One write inside an open write transaction: checks, then the new version."""
        e, v = schema.entries, schema.versions
        head = conn.execute(_ENTRY_FOR_UPDATE, {"kind": w.kind, "key": w.key}).first()
        if head is None and w.base is not None:
            raise NotFound(f"no {w.kind} {w.key}")
        if head is not None and w.base != head.head:
            raise _Stale()
        before = None if head is None else self._fields_of(conn, head.entry_id, head.head)
        if head is not None:  # may they touch the entry as it is, before its new fields?
            self._check(conn, user, tree, w, head.project_code, before)
        new = self._new_fields(conn, ctx, w, head, before)
        project_code = new["project_code"]
        self._check(conn, user, tree, w, project_code, new)
        number = 1 if head is None else head.head + 1
        if head is None:
            public = number if w.state == PUBLISHED else None
            values = dict(kind=w.kind, entry_key=w.key, project_code=project_code)
            entry_id = conn.execute(
                sa.insert(e).values(**values, head=number, public=public)
            ).inserted_primary_key[0]
        else:
            entry_id = head.entry_id
            public = {PUBLISHED: number, REMOVED: None}.get(w.state, head.public)
            values = {"b_entry": entry_id, "b_base": w.base, "b_head": number, "b_public": public}
            moved = conn.execute(_ADVANCE, values).rowcount
            if moved != 1:
                raise _Stale()
        saved_at = self._clock()
        author = w.author or user.email or ""
        conn.execute(
            sa.insert(v).values(
                entry_id=entry_id,
                number=number,
                state=w.state,
                action=w.action,
                fields=new,
                author=author,
                saved_at=saved_at,
                restored_from=w.restored_from,
                note=w.note,
            )
        )
        return Version(
            w.kind,
            w.key,
            project_code,
            number,
            w.state,
            w.action,
            new,
            author,
            saved_at,
            w.restored_from,
            w.note,
        )

    def _check(
        self,
        conn: sa.Connection,
        user: User,
        tree: AreaTree,
        w: Write,
        project_code: str,
        fields: dict[str, Any] | None,
    ) -> None:
        """Refuse (and log) unless ``user`` may make this write on the project as it is."""
        if w.kind == F.PROJECT and fields is not None:
            areas = list(fields.get("areas") or [])
        else:
            areas = self._project_areas(conn, {project_code}).get(project_code)
            if areas is None:
                found = issue("unknown_project", "project_code", code=project_code)
                raise F.ValidationError([found])
        if not may_edit(user, project_code, areas, tree):
            self._refuse(user, w.action, w.kind, w.key, "denied_not_theirs")
        if w.state != DRAFT and not may_publish(user, project_code, areas, tree):
            self._refuse(user, w.action, w.kind, w.key, "denied_publish")

    def _check_report(self, conn: sa.Connection, new: dict[str, Any]) -> None:
        """Participants aged 55+ (EECO08) never above all participants (EECO01)."""
        pair = {"EECO08": "EECO01", "EECO01": "EECO08"}.get(new["indicator"])
        if pair is None:
            return
        other_key = F.entry_key(F.REPORT, {**new, "indicator": pair})
        rows = self._rows(conn, "head", _KIND, _KEY, kind=F.REPORT, key=other_key)
        if not rows or rows[0].state == REMOVED:
            return
        other = rows[0].fields
        older, total = (new, other) if new["indicator"] == "EECO08" else (other, new)
        found = older_above_all(older, total)
        if found:
            raise F.ValidationError(
                [
                    issue("older_above_saved", name, value=f"{a:g}", total=f"{b:g}")
                    for name, a, b in found
                ]
            )

    def _conflict(self, kind: str, key: str | None, base: int | None) -> Conflict:
        """What changed between ``base`` and the latest version, read after the refusal."""
        with self._transaction() as conn:
            rows = self._rows(conn, "all", _KIND, _KEY, kind=kind, key=key)
        if not rows:
            raise StoreUnavailable(f"{kind} {key}: the write failed and left nothing to compare")
        by_number = {r.number: r for r in rows}
        old = by_number.get(base) if base is not None else None
        latest = rows[-1]
        saves = [self._version(r, True) for r in rows if base is None or r.number > base]
        return Conflict(
            kind=kind,
            key=key or "",
            base=base,
            head=latest.number,
            changes=diff(old.fields if old is not None else None, latest.fields),
            state_before=old.state if old is not None else None,
            state_after=latest.state,
            saves=saves,
        )

    # -----------------------------------------------------------------------------------------
    # What readers see, as the tables of CONTRACT.md section 2b

    def published(self) -> tuple[list[Version], dict[tuple[str, str], dt.datetime]]:
        """What readers see: each entry's published version (results and reports only of a
        published project), without authors; and when each entry was first published."""
        if self.revision is None:
            return [], {}
        e, v = schema.entries, schema.versions
        with self._transaction() as conn:
            rows = self._rows(conn, "public", e.c.public.is_not(None))
            query = (
                sa.select(e.c.kind, e.c.entry_key, sa.func.min(v.c.saved_at))
                .join(v, v.c.entry_id == e.c.entry_id)
                .where(v.c.state == PUBLISHED)
                .group_by(e.c.kind, e.c.entry_key)
            )
            first = {(r[0], r[1]): _utc(r[2]) for r in conn.execute(query)}
        projects = {r.entry_key for r in rows if r.kind == F.PROJECT}
        shown = [r for r in rows if r.kind == F.PROJECT or r.project_code in projects]
        return [self._version(r, False) for r in shown], first

    def public_data(self) -> Any:
        """The published databank as the build's projects tables (a ``ProjectData``)."""
        from kohtaanto.projects.published import frames

        return frames(*self.published())

    def heads(self, kinds: tuple[str, ...] = F.KINDS) -> dict[tuple[str, str], Version]:
        """Every entry's latest version by (kind, key), authors included: for imports and
        exports, which check the person themselves."""
        if self.revision is None:
            return {}
        e = schema.entries
        with self._transaction() as conn:
            rows = self._rows(conn, "head", e.c.kind.in_(kinds))
        return {(r.kind, r.entry_key): self._version(r, True) for r in rows}

    def all_versions(self) -> list[Version]:
        """Every version of every entry, by kind, key and number: for the backup, which
        checks the person itself."""
        if self.revision is None:
            return []
        with self._transaction() as conn:
            return [self._version(r, True) for r in self._rows(conn, "all")]


def frame_of(entries: list[Entry]) -> pd.DataFrame:
    """Entries as a table: kind, key, project, state, version, and the fields as columns."""
    rows = [
        {
            "kind": x.kind,
            "key": x.key,
            "project_code": x.project_code,
            "state": x.state,
            "version": x.version.number,
            **x.fields,
        }
        for x in entries
    ]
    return pd.DataFrame(rows)
