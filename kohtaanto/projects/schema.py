"""The store's tables (SQLAlchemy Core), as the latest migration leaves them.

One row per entry (a project, a result or good practice, an indicator report) and one row per
version of it. A version holds the entry's whole field set as JSON: the three kinds have
different fields, Innokylä's structure will grow, and a version is a snapshot that is shown,
compared field by field and restored whole, never queried by one field. A new field then needs
no migration of the history, and an old version keeps the fields it had.

The migrations in ``migrations/versions/`` create these tables; they do not import this module
(a migration describes one moment, this module the latest).
"""

from __future__ import annotations

import sqlalchemy as sa

STATES = ("draft", "published", "removed")
ACTIONS = ("save", "publish", "remove", "restore", "import")

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

entries = sa.Table(
    "entries",
    metadata,
    sa.Column("entry_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(16), nullable=False),  # project | practice | report
    sa.Column("entry_key", sa.String(200), nullable=False),
    sa.Column("project_code", sa.String(64), nullable=False),  # its project (itself for one)
    sa.Column("head", sa.Integer, nullable=False),  # the latest version's number
    sa.Column("public", sa.Integer, nullable=True),  # the version readers see; null: none
    sa.UniqueConstraint("kind", "entry_key"),
    sa.CheckConstraint("kind in ('project', 'practice', 'report')", name="kind"),
    sa.Index("ix_entries_project_code", "project_code"),
)

versions = sa.Table(
    "entry_versions",
    metadata,
    sa.Column("entry_id", sa.Integer, sa.ForeignKey("entries.entry_id"), primary_key=True),
    sa.Column("number", sa.Integer, primary_key=True),  # 1, 2, ... per entry
    sa.Column("state", sa.String(10), nullable=False),  # draft | published | removed
    sa.Column(
        "action", sa.String(10), nullable=False
    ),  # save | publish | remove | restore | import
    sa.Column("fields", sa.JSON, nullable=False),  # the entry's whole field set
    sa.Column("author", sa.String(320), nullable=False),  # an address, or import:<file>
    sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),  # UTC
    sa.Column("restored_from", sa.Integer, nullable=True),  # a restore: the version copied
    sa.Column("note", sa.String(300), nullable=True),  # an import's file name
    sa.CheckConstraint("state in ('draft', 'published', 'removed')", name="state"),
)
