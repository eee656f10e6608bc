"""What the siaga service takes and gives: its settings, limits, a call's plan and view, the
outcome of an answer, and the one error users see."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from dataclasses import field
from zoneinfo import ZoneInfo

from bot.errors import UserFacingError
from storage.models import SiagaAnswer
from storage.models import SiagaLevel
from storage.models import SiagaStatus

REASON_MIN = 3
REASON_MAX = 200
NOTE_MAX = 200
# 🔔 Ingatkan: at most once in this long per call.
REMIND_EVERY = dt.timedelta(minutes=10)
# "Anggota ronda": everyone on a shift of the desa starting within this long before or after.
RONDA_WINDOW = dt.timedelta(days=30)
# Names listed on the tally per answer (the rest counted), and people per page of 📄 Daftar.
TALLY_NAMES = 30
LIST_PAGE = 40
# A tally message is edited at most once per this many seconds per chat (Telegram: about one
# message a second in a private chat, 20 a minute in a group; a group's duty chat keeps room for
# report cards).
TALLY_EVERY_PRIVATE = 3.0
TALLY_EVERY_GROUP = 6.0
# 👤 Pilih orang: at most this many people chosen one by one (more: call a whole group).
CHOSEN_MAX = 100


class Audience(enum.StrEnum):
    """Who a call calls."""

    PEMUDA = "pemuda"  # the Karang Taruna: pemuda role holders of the desa or kecamatan
    RONDA = "ronda"  # the desa's watch: accepted volunteers and those on its recent shifts
    BOTH = "both"
    CHOSEN = "chosen"  # people of a desa's watch picked one by one (👤 Pilih orang)


class PlaceKind(enum.StrEnum):
    POST = "post"
    POLSEK = "polsek"
    LOCATION = "location"


class SiagaError(UserFacingError):
    """Something about a call cannot be done; `key` names the text that says why."""


@dataclass(frozen=True)
class SiagaSettings:
    """What a deployment decides about siaga (from bot.config.Settings)."""

    timezone: ZoneInfo
    language: str = "id"
    close_hours: int = 12
    radius_km: float = 2.0
    bounds: tuple[float, float, float, float] | None = None


@dataclass(frozen=True)
class CallPlan:
    """A call as the caller confirmed it (everything checked but the recipients)."""

    area_id: int
    audience: Audience
    reason: str
    place_kind: PlaceKind
    place_name: str
    at: dt.datetime
    level: SiagaLevel
    post_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class CallView:
    """A call as people see it."""

    id: int
    area_id: int
    area: str
    audience: Audience
    reason: str
    place: str
    at: dt.datetime
    level: SiagaLevel
    status: SiagaStatus
    caller_id: int | None
    caller: str
    recipients: int
    polsek_id: int | None
    created_at: dt.datetime
    closed_at: dt.datetime | None = None
    closed_how: str | None = None

    @property
    def open(self) -> bool:
        return self.status is SiagaStatus.OPEN


@dataclass(frozen=True)
class Created:
    """A new call, and the chats whose tally the handler sends."""

    call: CallView
    tally_chats: list[int]


class Outcome(enum.Enum):
    """What became of a press of an answer button (or a reason, or a location)."""

    DONE = "done"
    NOT_CALLED = "not_called"
    OVER = "over"
    GONE = "gone"
    FAR = "far"
    NO_ANSWER = "no_answer"


@dataclass(frozen=True)
class AnswerResult:
    outcome: Outcome
    call: CallView | None = None
    answer: SiagaAnswer | None = None
    # Whether the answer changed anything (the tallies then need an edit).
    changed: bool = False
    tally_chats: list[int] = field(default_factory=list)
    confirmed: bool = False
    km: float = 0.0
    still_member: bool = True


@dataclass(frozen=True)
class Tally:
    """What a tally message shows."""

    text: str
    digest: str
    open: bool
    # The call's revision it shows.
    revision: int = 0


@dataclass(frozen=True)
class TallyEdit:
    """The next tally edit due in a chat."""

    tally_id: int
    call_id: int
    chat_id: int
    message_id: int
    revision: int
    tally: Tally
    lang: str
    # False: the text is the one already shown (record the revision, send nothing).
    needed: bool


@dataclass(frozen=True)
class Reminded:
    ok: bool
    people: int = 0
    # When the next reminder is possible (not ok).
    next_at: dt.datetime | None = None


@dataclass(frozen=True)
class SiagaStats:
    calls: int
    called: int
    answered: int
    median_minutes_to_siap: float | None

    @property
    def answered_share(self) -> float | None:
        """People who answered among those called, 0..1; None when nobody was called."""
        return self.answered / self.called if self.called else None
