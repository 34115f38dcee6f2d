"""Alembic environment: runs on the connection handed in by ``SqlRepository.migrate()``.

``config.attributes["connection"]`` carries an open connection (in a write transaction). Without it (a developer
running the alembic CLI with ``-x url=...`` or ``sqlalchemy.url``) an engine is created from that URL.
"""
from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from connectors.sql_models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things in place
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("no database URL: pass -x url=postgresql+psycopg://... or use SqlRepository(url).migrate()")
    engine = create_engine(url)
    with engine.begin() as conn:
        _run(conn)


if context.is_offline_mode():
    raise SystemExit("offline (--sql) mode is not supported; run the migration against a database")
run_migrations_online()
