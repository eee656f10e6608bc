"""Apply Alembic migrations programmatically, so `kamtibmas db upgrade` works from anywhere.

Alembic (with Mako and Pygments) takes a noticeable part of a command's start-up, so it is
imported only to migrate: `is_up_to_date` answers from the version table and the revision
lines of the migration files, and every other case goes through Alembic itself.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect
from sqlalchemy import text
from sqlalchemy.engine import Engine

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    """An Alembic Config pointing at this package's migrations and the given database."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # ConfigParser interpolation: a literal % in a password must be doubled.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database schema up to `revision` (idempotent)."""
    from alembic import command

    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def head_revision() -> str | None:
    """The newest migration this code ships."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


_REVISION = re.compile(r'^(revision|down_revision)\b[^=]*=\s*(?:"([^"]*)"|None)', re.MULTILINE)


def shipped_heads() -> set[str] | None:
    """The newest revisions of the migration files, read from their `revision` and
    `down_revision` lines (one for a plain chain); None if a file cannot be read that way."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict(_REVISION.findall(path.read_text()))
        if not found.get("revision"):
            return None
        revisions.add(found["revision"])
        if found.get("down_revision"):
            parents.add(found["down_revision"])
    return revisions - parents


def stored_revisions(engine: Engine) -> list[str]:
    """The revisions in the database's version table (none for an empty database)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return []
        rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    return sorted(row[0] for row in rows)


def is_up_to_date(engine: Engine) -> bool:
    """Whether the database is at the newest migration, told without loading Alembic: False
    (so Alembic decides) whenever the files or the version table are anything but one plain
    chain and one row."""
    heads = shipped_heads()
    return heads is not None and len(heads) == 1 and stored_revisions(engine) == sorted(heads)
