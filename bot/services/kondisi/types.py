"""Values, settings and the refusals of kondisi wilayah."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from dataclasses import field
from zoneinfo import ZoneInfo

from bot.errors import UserFacingError

# The picture covers this many days back; a note is in force this long.
WINDOW_DAYS = 7
NOTE_DAYS = 7
# An open urgent report or an unfinished neighbour alert this recent makes a desa red.
RED_HOURS = 48
NOTE_MIN = 3
NOTE_MAX = 200


class KondisiError(UserFacingError):
    """A refusal of kondisi wilayah (a note too short, not allowed, already withdrawn)."""


@dataclass(frozen=True)
class KondisiSettings:
    timezone: ZoneInfo
    language: str = "id"
    digest_weekday: int | None = 0  # Monday (date.weekday()); None: no digest
    digest_time: dt.time = dt.time(7, 0)


class Light(enum.StrEnum):
    """A neighbour's colour: the rule is `picture.light`."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


@dataclass(frozen=True)
class NoteView:
    id: int
    desa_id: int
    text: str
    created_at: dt.datetime
    expires_at: dt.datetime


@dataclass
class Picture:
    """A desa's last WINDOW_DAYS: counts only (no names, no places, no descriptions)."""

    desa_id: int
    by_category: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    open_reports: int = 0
    urgent_open_recent: int = 0
    advisories: dict[str, int] = field(default_factory=dict)  # level -> in force
    held: int = 0
    missed: int = 0
    alerts: int = 0
    alerts_answered: int = 0
    alerts_open_recent: int = 0
    notes: list[NoteView] = field(default_factory=list)

    @property
    def reports(self) -> int:
        return sum(self.by_category.values())

    @property
    def quiet(self) -> bool:
        """Nothing happened in the window (a situation note is not an event): the desa is said
        in one line, its notes under it."""
        return not (self.reports or self.advisories or self.held or self.missed or self.alerts)

    @property
    def empty(self) -> bool:
        """Nothing at all in the window, not even a note."""
        return self.quiet and not self.notes
