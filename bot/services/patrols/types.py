"""What the patrol service takes and gives: its settings, its limits, the shapes of a shift,
a plan and an outcome, and the one error users see."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from dataclasses import field
from typing import Any
from zoneinfo import ZoneInfo

from bot.errors import UserFacingError
from storage.models import Role
from storage.models import ShiftStatus

# A shift lasts at least this long and at most this long (a night watch is 4-8 hours).
MIN_MINUTES = 30
MAX_MINUTES = 12 * 60
# A schedule covers at most this many weeks; a koordinator extends it by making the next one.
MAX_WEEKS = 12
MAX_TEAMS = 14
MAX_TEAM_SIZE = 20
# Check-in opens this long before the start.
CHECKIN_EARLY = dt.timedelta(minutes=30)
# A check-in this long after the start still counts as on time (statistics and the answer).
PUNCTUAL = dt.timedelta(minutes=10)
POST_NAME_LIMIT = 64
# The roles whose holders may stand watch in the desa their role covers.
MEMBER_ROLES = (Role.PEMUDA, Role.POLISI)


class PatrolError(UserFacingError):
    """Something about a roster cannot be done; `key` names the text that says why."""


@dataclass(frozen=True)
class PatrolSettings:
    """What a deployment decides about patrols (from bot.config.Settings)."""

    timezone: ZoneInfo
    language: str = "id"
    remind_minutes: int = 60
    grace_minutes: int = 20
    radius_km: float = 2.0
    # (south, west, north, east), REPORT_BOUNDS: where a location without a pos must lie.
    bounds: tuple[float, float, float, float] | None = None


@dataclass(frozen=True)
class ShiftView:
    """A shift as people see it."""

    id: int
    desa_id: int
    desa: str
    post: str | None
    starts_at: dt.datetime
    ends_at: dt.datetime
    status: ShiftStatus
    version: int
    members: tuple[tuple[int, str], ...] = ()
    checked_in: frozenset[int] = frozenset()
    checked_out: frozenset[int] = frozenset()


@dataclass(frozen=True)
class SchedulePlan:
    """A recurring schedule as the koordinator confirmed it (ids already resolved)."""

    desa_id: int
    post_id: int | None
    start_minute: int
    duration_minutes: int
    # A weekday string, or None for a single shift on `first_day`.
    weekdays: str | None
    first_day: dt.date
    last_day: dt.date
    teams: list[list[int]]


@dataclass(frozen=True)
class Created:
    """What a new schedule (or single shift) became."""

    schedule_id: int | None
    shift_ids: list[int]
    first: dt.datetime | None
    # When each shift's first moment is due, for the JobQueue.
    due: dict[int, dt.datetime] = field(default_factory=dict)


class CheckIn(enum.Enum):
    """The outcome of a check-in."""

    DONE = "done"
    ALREADY = "already"
    NOT_MEMBER = "not_member"
    TOO_EARLY = "too_early"
    OVER = "over"
    CANCELLED = "cancelled"
    FAR = "far"


@dataclass(frozen=True)
class CheckInResult:
    outcome: CheckIn
    shift: ShiftView | None = None
    km: float = 0.0
    late_minutes: int = 0

    @property
    def on_time(self) -> bool:
        """Whether the check-in came no later than PUNCTUAL after the start."""
        return self.late_minutes <= PUNCTUAL.total_seconds() // 60


@dataclass(frozen=True)
class SwapResult:
    """The outcome of asking for or taking a swap: `key` is the text to answer with."""

    key: str
    ok: bool
    values: dict[str, Any] = field(default_factory=dict)
    swap_id: int | None = None
    shift: ShiftView | None = None


@dataclass(frozen=True)
class PatrolStats:
    """Figures over a period (see PatrolService.stats)."""

    days: int
    held: int
    missed: int
    cancelled: int
    expected_checkins: int
    checkins: int
    on_time: int
    median_late: float | None
    incidents_seen: int
    reports: int
    per_desa: dict[str, tuple[int, int]]

    @property
    def held_share(self) -> float | None:
        """Held among the finished shifts (held or missed), 0..1; None without any."""
        finished = self.held + self.missed
        return self.held / finished if finished else None

    @property
    def on_time_share(self) -> float | None:
        """Check-ins on time among the members expected, 0..1; None without any."""
        return self.on_time / self.expected_checkins if self.expected_checkins else None
