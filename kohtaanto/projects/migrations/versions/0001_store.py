"""The databank store: entries and every version of each.

Revision ID: 0001
Revises:
Create Date: 2026-12-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entries",
        sa.Column("entry_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("entry_key", sa.String(200), nullable=False),
        sa.Column("project_code", sa.String(64), nullable=False),
        sa.Column("head", sa.Integer, nullable=False),
        sa.Column("public", sa.Integer, nullable=True),
        sa.PrimaryKeyConstraint("entry_id", name="pk_entries"),
        sa.UniqueConstraint("kind", "entry_key", name="uq_entries_kind"),
        sa.CheckConstraint("kind in ('project', 'practice', 'report')", name="ck_entries_kind"),
    )
    op.create_index("ix_entries_project_code", "entries", ["project_code"])
    op.create_table(
        "entry_versions",
        sa.Column("entry_id", sa.Integer, nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("fields", sa.JSON, nullable=False),
        sa.Column("author", sa.String(320), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("restored_from", sa.Integer, nullable=True),
        sa.Column("note", sa.String(300), nullable=True),
        sa.PrimaryKeyConstraint("entry_id", "number", name="pk_entry_versions"),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["entries.entry_id"], name="fk_entry_versions_entry_id_entries"
        ),
        sa.CheckConstraint(
            "state in ('draft', 'published', 'removed')", name="ck_entry_versions_state"
        ),
    )


def downgrade() -> None:
    op.drop_table("entry_versions")
    op.drop_index("ix_entries_project_code", table_name="entries")
    op.drop_table("entries")
