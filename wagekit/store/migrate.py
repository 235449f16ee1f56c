"""Schema migrations 数据库升级 of the workspace store, run from code when a store is opened.

The migrations ship inside the package (``wagekit/store/migrations``), so an office's workspace
is upgraded in place when wagekit is upgraded: :func:`upgrade` brings a database to the newest
*revision* 版本 (Alembic's ``head``) in one transaction, holding a lock so that two processes
opening the same new database at once do not both create its tables.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from wagekit.store.models import Base

__all__ = [
    "MIGRATIONS",
    "alembic_config",
    "head_revision",
    "current_revision",
    "upgrade",
    "pending_changes",
]

MIGRATIONS = Path(__file__).with_name("migrations")
# Any constant will do: it names the PostgreSQL advisory lock wagekit's migrations take.
_PG_LOCK = 0x7761_6765  # "wage"


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration pointing at the packaged migrations (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision this version of wagekit knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    """The revision a database is at (None for an empty database)."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> str:
    """Bring the database to the newest revision; return that revision."""
    head = head_revision()
    with engine.execution_options(wagekit_write=True).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK})
        if current_revision(connection) != head:
            command.upgrade(alembic_config(connection), "head")
    return head


def pending_changes(connection: Connection) -> list:
    """Differences between the models and the database (empty when the migrations are complete)."""
    return compare_metadata(MigrationContext.configure(connection), Base.metadata)
