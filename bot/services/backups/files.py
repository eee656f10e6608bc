"""The backup folder: our file names (UTC date and time), files created 0600, listing, pruning."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Iterator
from pathlib import Path

# kamtibmas-20261207-190000Z.db (SQLite) or .dump (PostgreSQL, pg_dump's custom format); a
# second backup within the same second gets -2, -3, ... Only names like these are ever pruned.
STAMP = "%Y%m%d-%H%M%SZ"
OURS = re.compile(r"^kamtibmas-\d{8}-\d{6}Z(?:-\d+)?\.(?:db|dump)$")
PRIVATE = 0o600


def stamp(when: dt.datetime) -> str:
    """`when` in UTC as it appears in a file name: 20261207-190000Z."""
    return when.astimezone(dt.UTC).strftime(STAMP)


def free_name(folder: Path, stem: str, suffix: str) -> Path:
    """`folder/stem.suffix`, or `stem-2.suffix`, ... : the first name not taken."""
    candidate = folder / f"{stem}{suffix}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}{suffix}"
        number += 1
    return candidate


def create_private(path: Path) -> None:
    """Create `path` empty, readable and writable by its owner only (0600 from the start, not
    chmod after: nobody can open it in between)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, PRIVATE))


@contextlib.contextmanager
def writing(final: Path) -> Iterator[Path]:
    """A private (0600) temporary file next to `final`, renamed to `final` when the block ends
    without an error and removed otherwise: a half-written backup never carries our name."""
    partial = final.with_name(f".{final.name}.partial")
    create_private(partial)
    try:
        yield partial
        os.replace(partial, final)
    finally:
        partial.unlink(missing_ok=True)


def list_backups(folder: Path) -> list[Path]:
    """Our backups in `folder`, oldest first (the names sort by time)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if OURS.match(p.name) and p.is_file())


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` of our backups in `folder`; return what was deleted.
    Files of other names (a copy kept by hand, a database kept aside by a restore) stay."""
    backups = list_backups(folder)
    old = backups[: max(len(backups) - keep, 0)]
    for path in old:
        path.unlink(missing_ok=True)
    return old


def human_size(size: int) -> str:
    """1536 -> '1.5 KB'."""
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"
