from sqlalchemy import inspect

from wagekit.store import Store
from wagekit.store.migrate import current_revision, head_revision, pending_changes
from wagekit.store.models import Base


def test_fresh_store_is_at_head(store):
    """Opening an empty database creates every table and stamps the newest revision."""
    with store.engine.connect() as connection:
        assert current_revision(connection) == head_revision()
        assert set(Base.metadata.tables) <= set(inspect(connection).get_table_names())


def test_migrations_match_models(store):
    """The migrations describe the models exactly (like ``alembic check``: nothing pending)."""
    with store.engine.connect() as connection:
        assert pending_changes(connection) == []


def test_open_twice_does_not_migrate_again(store_url):
    """A store already at head opens without touching its tables."""
    Store.open(store_url).close()
    with Store.open(store_url) as again, again.engine.connect() as connection:
        assert current_revision(connection) == head_revision()


def test_packaged_migrations_have_one_head():
    """The revisions form one line (two heads would leave an upgrade ambiguous)."""
    from alembic.script import ScriptDirectory

    from wagekit.store.migrate import alembic_config

    assert len(ScriptDirectory.from_config(alembic_config()).get_heads()) == 1
