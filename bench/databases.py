"""Fresh benchmark databases: an empty SQLite file or PostgreSQL schema (bench/speed.py,
bench/startup.py), or one migrated and holding Kabupaten Pasuruan's areas (bench/reports.py,
bench/patrols.py); PostgreSQL schemas are dropped afterwards."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy import text
from sqlalchemy.engine import make_url

from bot.services.area_import import import_areaid
from storage import migrate
from storage.db import Database

KABUPATEN = "Kabupaten Pasuruan"
# The benches' PostgreSQL (their --pg-url default): the tests' one, else the machine's own.
PG_URL = os.environ.get("TEST_DATABASE_URL") or "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@contextlib.contextmanager
def empty_database(backend: str, tmp: Path, pg_url: str, name: str = "bench") -> Iterator[str]:
    """A database with nothing in it: a new SQLite file in `tmp` ("<name>-....db"), or a
    throw-away schema of the PostgreSQL at `pg_url`, dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp / f'{name}-{uuid.uuid4().hex[:8]}.db'}"
        return
    schema = f"{name}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(pg_url).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@contextlib.contextmanager
def database_url(backend: str, tmp: Path, pg_url: str, name: str) -> Iterator[str]:
    """A fresh migrated database with Kabupaten Pasuruan's areas (see `empty_database`)."""
    with empty_database(backend, tmp, pg_url, name) as url:
        _prepare(url)
        yield url


def _prepare(url: str) -> None:
    db = Database(url, pool_size=1)
    try:
        migrate.upgrade(db.engine)
        db.call(import_areaid, KABUPATEN)
    finally:
        db.close()
