"""What every `kamtibmas` command shares: exit codes, the errors that end a command without a
traceback, the configured database, the area service and the English answer to a typed area.

Light to import (no SQLAlchemy, no services): `kamtibmas --help` and `check-config` load this
module; the database and the services are imported by the functions that use them.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterable
from collections.abc import Iterator
from typing import TYPE_CHECKING

from bot.config import Settings
from bot.config import mask_url_password

if TYPE_CHECKING:
    from bot.services.area_search import AreaEntry
    from bot.services.areas import AreaService
    from storage.db import Database
    from storage.models import AreaLevel

EXIT_CONFIG = 2
EXIT_UNAVAILABLE = 1
# A name the operator must make precise exits 1, like any request that cannot be carried out.
EXIT_UNCLEAR = EXIT_UNAVAILABLE


class StartupError(Exception):
    """The bot cannot start for a reason the person running it can fix; no traceback needed."""

    def __init__(self, message: str, exit_code: int = EXIT_UNAVAILABLE) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class CommandError(StartupError):
    """A request the command line cannot carry out; the message goes to stderr, no traceback."""


def telegram_id(raw: str) -> int:
    """An argparse type: a Telegram user id."""
    if not raw.isdigit() or not 0 < int(raw) < 10**15:
        raise argparse.ArgumentTypeError(f"'{raw}' is not a Telegram user id (a positive number)")
    return int(raw)


@contextlib.contextmanager
def database(settings: Settings, *, upgrade: bool = True) -> Iterator[Database]:
    """The configured database (schema brought up to date unless told not to), closed after."""
    from sqlalchemy.exc import OperationalError

    from storage import migrate
    from storage.db import Database

    db = Database(settings.database_url, pool_size=1)
    try:
        try:
            if upgrade and not migrate.is_up_to_date(db.engine):
                migrate.upgrade(db.engine)
            else:
                db.engine.connect().close()
        except OperationalError as exc:
            raise StartupError(
                "Database tidak bisa dibuka / the database cannot be opened: "
                f"{mask_url_password(settings.database_url)}\n  {exc.orig}"
            ) from None
        yield db
    finally:
        db.close()


def area_service(settings: Settings, db: Database) -> AreaService:
    """An area service over `db` with its index loaded."""
    from bot.services.areas import AreaService

    service = AreaService(db, default_kabupaten=settings.default_kabupaten)
    service.load_sync()
    return service


def all_levels() -> tuple[AreaLevel, ...]:
    """Every level an area may have: what `find_area` takes when any area will do."""
    from storage.models import AreaLevel

    return (AreaLevel.KABUPATEN, AreaLevel.KECAMATAN, AreaLevel.DESA, AreaLevel.DUSUN)


def find_area(service: AreaService, text: str, levels: Iterable[AreaLevel]) -> AreaEntry:
    """The one area `text` names ("Karang Jati", "Kec. Lumbang", "Karang Jati (Lumbang)", "#12"),
    resolved as the bot resolves it.

    Raises CommandError listing the candidates when the name is unknown or fits several areas.
    """
    wanted = tuple(levels)
    kinds = "area" if len(wanted) > 2 else " or ".join(level.value for level in wanted)
    text = " ".join(text.split())
    found = service.resolution(text, wanted)
    if found.entry is not None:
        return found.entry
    if found.named_level is not None:
        raise CommandError(f"'{text}' names a {found.named_level}; give a {kinds}.", EXIT_UNCLEAR)
    if text.startswith("#") and text[1:].isdigit():
        other = service.get(int(text[1:]))
        what = f"is a {other.level}, not a {kinds}" if other else "is not the id of any area"
        raise CommandError(f"{text} {what}.", EXIT_UNCLEAR)
    if found.same_name:
        lines = [f"'{text}' fits {len(found.candidates)} areas; say which, e.g. with its #id:"]
    else:
        lines = [f"No {kinds} named '{text}'."]
        if found.candidates:
            lines[0] += " Did you mean:"
    entries = [match.entry for match in found.candidates]
    lines += [f"  #{e.id:<6} {e.level!s:<9} {service.label(e)}" for e in entries]
    raise CommandError("\n".join(lines), EXIT_UNCLEAR)
