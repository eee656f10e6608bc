"""Files for the bot's own user alone: `config.env` (the token) and the SQLite database (who
reported whom, where). They are created 0600 (`make`'s config.env rule; the database in
`storage.db.create_private`, its folder 0700); `kamtibmas check-config` (and `kamtibmas run`,
in its log) warns when group or others may read or write them, with the command that fixes it.

Light to import (`check-config` loads it): no SQLAlchemy, the SQLite URL is read by hand.
"""

from __future__ import annotations

import shlex
import stat
from collections.abc import Iterable
from pathlib import Path

# Any permission of group or others on a file: read or write (execute means nothing here).
OPEN_TO_OTHERS = 0o066
# The files SQLite keeps beside a database in WAL mode (they get the database file's mode).
SQLITE_COMPANIONS = ("-wal", "-shm")


def sqlite_path(database_url: str) -> Path | None:
    """The file of a SQLite URL (`sqlite:///data/x.db`, `sqlite:////abs/x.db`), as SQLAlchemy
    reads it; None for PostgreSQL, an in-memory database or a `file:` URI."""
    scheme, separator, rest = database_url.partition(":///")
    if not separator or scheme.split("+", 1)[0] != "sqlite":
        return None
    path = rest.split("?", 1)[0]
    if not path or path == ":memory:" or path.startswith("file:"):
        return None
    return Path(path)


def private_paths(config_file: Path, database_url: str | None) -> list[Path]:
    """The files that must be private: the configuration file, the SQLite database and its
    -wal and -shm files (whether they exist or not)."""
    paths = [config_file]
    database = sqlite_path(database_url) if database_url else None
    if database is not None:
        paths += [database] + [Path(f"{database}{end}") for end in SQLITE_COMPANIONS]
    return paths


def open_to_others(paths: Iterable[Path]) -> list[tuple[Path, int]]:
    """Those of `paths` that exist and that group or others may read or write, with their
    permissions."""
    found = []
    for path in paths:
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except OSError:
            continue
        if mode & OPEN_TO_OTHERS:
            found.append((path, mode))
    return found


def warning(path: Path, mode: int) -> str:
    """One line, in both languages, with the command that fixes it."""
    fix = f"chmod 600 {shlex.quote(str(path))}"
    return (
        f"PERINGATAN / WARNING: {path} bisa dibaca atau diubah pengguna lain / can be read or "
        f"changed by other users ({mode:04o}); perbaiki / fix: {fix}"
    )


def warnings(config_file: Path, database_url: str | None) -> list[str]:
    """A warning for every private file that is not private."""
    return [
        warning(path, mode)
        for path, mode in open_to_others(private_paths(config_file, database_url))
    ]
