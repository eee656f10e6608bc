"""What the backup service hands back, and the one error it raises."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Kind = Literal["sqlite", "postgresql"]


class BackupError(Exception):
    """A backup or restore that cannot be done; the message (Indonesian / English) says why and
    is meant for the person running it."""


@dataclass(frozen=True)
class Backup:
    """A backup written: where, how big, and how it was made."""

    path: Path
    size: int
    kind: Kind
    # How it was made, for the output: "SQLite online backup" or "pg_dump (custom format) ...".
    method: str


@dataclass(frozen=True)
class Inspection:
    """What a backup file holds, found by reading it."""

    path: Path
    kind: Kind
    # The Alembic revision of its schema.
    revision: str
    # PostgreSQL: the schema it was dumped from.
    schema: str | None = None


@dataclass(frozen=True)
class Restored:
    """A restore done: what it restored, where the previous database went, the migration."""

    inspection: Inspection
    kept_aside: Path | None
    migrated_from: str | None
