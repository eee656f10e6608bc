"""The shapes and limits of incident reports: what a draft holds, what an officer may do, what
comes back, and the error users see."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.delivery import DeliveryService
from bot.errors import UserFacingError
from bot.services.areas import AreaService
from storage.models import ReportCategory
from storage.models import ReportStatus

if TYPE_CHECKING:
    # Neighbour alerts show report cards: importing it here at run time would be circular.
    from bot.services.neighbours import NeighbourService

MAX_DESCRIPTION = 2000
MIN_DESCRIPTION = 3
MAX_PLACE = 200
MAX_PHOTOS = 3
MAX_NOTE = 500
# Letters or digits an officer's note, question or reason and a reporter's answer need at least
# (bot.services.free_text): "?" or "k" is not passed on, "ya" is.
MIN_NOTE = 2
# Categories where lives may be at risk: the reporter is reminded of 110 at once.
URGENT_CATEGORIES = frozenset(
    {
        ReportCategory.KEBAKARAN,
        ReportCategory.KECELAKAAN,
        ReportCategory.KERIBUTAN,
        ReportCategory.BENCANA,
    }
)
FINAL = frozenset({ReportStatus.SELESAI, ReportStatus.DITOLAK})
OPEN = frozenset(set(ReportStatus) - FINAL)
# Why an officer may reject a report ("lainnya": the officer says it in words).
# Deliveries that go to a report's reporter: their recipient is who made the report, which an
# anonymous report hides from everyone and a named one shows only on asking (audited). Delivery
# ledgers (/pengiriman, `kamtibmas delivery ledger`) do not show these recipients.
STATUS_KIND = "report_status"  # a change of a report, told to its reporter
REPORTER_KINDS = frozenset({STATUS_KIND})

REJECT_REASONS = ("hoaks", "duplikat", "bukan_wewenang", "kurang_info", "lainnya")


class ReportError(UserFacingError):
    """A report cannot be made or changed; `key` names the text that says why."""


@dataclass(frozen=True)
class ReportSettings:
    """What a deployment decides about reports (from bot.config.Settings)."""

    timezone: ZoneInfo
    language: str = "id"  # of the duty chat and the Polres
    escalate_urgent_minutes: int = 5
    escalate_minutes: int = 60
    limit_per_day: int = 5
    polres_chat_id: int | None = None
    # Where reports go when their Polsek has no duty chat yet.
    fallback_chat_id: int | None = None
    # Told when a report's card cannot be posted in its duty chat.
    admin_chat_id: int | None = None
    # (south, west, north, east) in degrees; a location too far outside is refused
    # (bot.services.geo). None: not checked.
    bounds: tuple[float, float, float, float] | None = None

    def escalation_minutes(self, urgent: bool) -> int:
        """How long a report waits for an officer before it is escalated."""
        return self.escalate_urgent_minutes if urgent else self.escalate_minutes


@dataclass(frozen=True)
class Deps:
    """What every report transaction works with (one per ReportService)."""

    areas: AreaService
    delivery: DeliveryService
    settings: ReportSettings
    # Alerts the neighbouring desa of urgent and confirmed reports (None: no alerts).
    neighbours: NeighbourService | None = None


@dataclass(frozen=True)
class Draft:
    """What the resident said in /lapor, ready to be sent."""

    token: str
    category: ReportCategory
    description: str
    desa_id: int | None
    place_text: str = ""
    latitude: float | None = None
    longitude: float | None = None
    photos: tuple[str, ...] = ()
    urgent: bool = False
    anonymous: bool = False
    source: str = "lapor"
    source_ref: str = ""
    # Captions of photos sent at the photo step: kept with the story, one line each.
    captions: tuple[str, ...] = ()

    @property
    def story(self) -> str:
        """What happened as the report keeps it: the description, then each photo caption
        ("📷 …", in no language, so every reader's card shows it the same), cut to
        MAX_DESCRIPTION so the summary and the card stay within one message."""
        story = "\n".join([self.description, *(f"📷 {caption}" for caption in self.captions)])
        return story if len(story) <= MAX_DESCRIPTION else story[: MAX_DESCRIPTION - 1] + "…"


@dataclass(frozen=True)
class Opening:
    """Where someone starting a report stands (their quota is not used up)."""

    home_desa_id: int | None


@dataclass(frozen=True)
class Submitted:
    """A stored report, and whether this call stored it (False: the draft was sent before)."""

    code: str
    report_id: int
    created: bool
    escalate_at: dt.datetime | None
    # Who will see it: the Polsek's name, and whether a chat receives it at all.
    polsek: str | None
    announced: bool


class Action(enum.StrEnum):
    """What an officer does to a report from the duty chat."""

    TAKE = "take"
    PROCESS = "proc"
    DONE = "done"
    REJECT = "rej"
    ASK = "ask"


class Outcome(enum.Enum):
    """How an officer's action went."""

    DONE = "done"
    TAKEN = "taken"  # another officer has it
    CLOSED = "closed"  # the report is closed already
    UNCHANGED = "unchanged"  # e.g. "Proses" on a report already being processed
    UNREACHABLE = "unreachable"  # a question to a reporter who blocked the bot
    NOT_FOUND = "not_found"


@dataclass(frozen=True)
class ActResult:
    """The outcome of an officer's action, with who holds the report now."""

    outcome: Outcome
    code: str = ""
    handler: str | None = None
    status: ReportStatus | None = None


@dataclass(frozen=True)
class Place:
    """Where a report lies, for the authorisation check of the officer acting on it."""

    desa_id: int | None
    polsek_id: int | None
