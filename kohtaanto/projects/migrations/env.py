"""Alembic's environment for the databank store: run by ``kohtaanto.projects.store.upgrade``
(``python -m kohtaanto projects upgrade``) on the connection it hands over, or by the
``alembic`` command with ``-c kohtaanto/projects/migrations/alembic.ini`` and ``-x url=...``."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from kohtaanto import paths
from kohtaanto.projects.schema import metadata


def _configure(connection: sa.Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite alters a table by copying it; Alembic's batch mode does that for us.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    url = context.get_x_argument(as_dictionary=True).get("url") or paths.store_url()
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    from kohtaanto.projects.store import make_engine

    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            _configure(conn)
    finally:
        engine.dispose()


run()
