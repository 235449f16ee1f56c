"""Fixtures for the store's tests: a SQLite file per test and a PostgreSQL schema per test.

PostgreSQL is the server at ``$WAGEKIT_TEST_PG_URL`` (default: postgres@127.0.0.1:5432/test). When
it does not answer the PostgreSQL tests are skipped, except under ``CI=true``, where a missing
server fails the run: CI must prove both backends.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from wagekit.store import Store

PG_URL = os.environ.get("WAGEKIT_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
# 2023-12-01 02:32 UTC is 10:32 in the offices' time zone (Asia/Shanghai).
FIXED_NOW = dt.datetime(2023, 12, 1, 2, 32, tzinfo=dt.UTC)


def _fixed_clock() -> dt.datetime:
    return FIXED_NOW


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The PostgreSQL server's URL, or a skip (a failure under CI=true) when it does not answer."""
    engine = create_engine(PG_URL, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as error:
        message = f"PostgreSQL at {PG_URL} does not answer: {error.orig}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    finally:
        engine.dispose()
    return PG_URL


def _schema_url(base: str, schema: str) -> str:
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture
def pg_url(pg_server: str):
    """A URL whose tables live in a fresh schema of their own, dropped after the test."""
    schema = f"wk_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(pg_server)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    yield _schema_url(pg_server, schema)
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'workspace.sqlite'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request) -> str:
    """The URL of an empty workspace, once on SQLite and once on PostgreSQL."""
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return request.getfixturevalue(name)


@pytest.fixture
def store(store_url: str):
    """An opened empty workspace whose clock stands at 2023-12-01 10:32 (Beijing time)."""
    with Store.open(store_url, clock=_fixed_clock) as opened:
        yield opened
