"""Alembic migrations of the workspace store (run by :func:`wagekit.store.migrate.upgrade`)."""
