"""The values advisories are made of: targets, drafts, speakers, audiences, outcomes, and the
error a refusal raises."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from bot.delivery import Priority
from bot.errors import UserFacingError
from bot.services.authz import Holding
from storage.models import Advisory
from storage.models import AdvisoryLevel
from storage.models import AdvisoryStatus
from storage.models import Division
from storage.models import Role

# At most this many targets (areas or role groups) in one advisory.
MAX_TARGETS = 20
# Role groups an advisory can target, inside an area: (role, division or None for all).
ROLE_GROUPS: dict[str, tuple[Role, Division | None]] = {
    "patroli": (Role.PEMUDA, Division.PATROLI),
    "pemuda": (Role.PEMUDA, None),
}
# What may still be withdrawn: not yet decided, not yet sent, or sent.
LIVE = (AdvisoryStatus.PENDING, AdvisoryStatus.SCHEDULED, AdvisoryStatus.SENT)


@dataclass(frozen=True)
class LevelStyle:
    """How an advisory of one level is shown and sent: a new level is a value of
    `AdvisoryLevel`, its row here, and its texts (`adv.level_<level>`, `adv.level_name_<level>`)."""

    icon: str
    priority: Priority
    silent: bool  # delivered without sound
    acknowledge: bool  # sent with a "✅ Sudah dibaca" button, acknowledgements counted
    mutable: bool  # left out for residents who muted its organisation


LEVELS: dict[AdvisoryLevel, LevelStyle] = {
    AdvisoryLevel.INFO: LevelStyle(
        "ℹ️", Priority.INFO, silent=True, acknowledge=False, mutable=True
    ),
    AdvisoryLevel.WASPADA: LevelStyle(
        "⚠️", Priority.WASPADA, silent=False, acknowledge=False, mutable=False
    ),
    AdvisoryLevel.DARURAT: LevelStyle(
        "🚨", Priority.DARURAT, silent=False, acknowledge=True, mutable=False
    ),
}


def style(level: AdvisoryLevel | str) -> LevelStyle:
    """The style of an advisory's level (stored as text)."""
    return LEVELS[AdvisoryLevel(level)]


class AdvisoryError(UserFacingError):
    """Something the author (or approver) must be told instead: a text key and its values."""


class OutOfScope(AdvisoryError):
    """A target outside the speaker's role: a refusal the front end also audits."""


@dataclass(frozen=True)
class Target:
    """A desa, kecamatan or kabupaten, or a role group inside one."""

    area_id: int
    group: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The stored (and draft) form."""
        return (
            {"area": self.area_id}
            if self.group is None
            else {"area": self.area_id, "group": self.group}
        )

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Target:
        """Back from the stored form."""
        group = data.get("group")
        return cls(int(data["area"]), str(group) if group in ROLE_GROUPS else None)


@dataclass(frozen=True)
class Draft:
    """What an author composed (the conversation keeps it as JSON, see `from_json`)."""

    targets: tuple[Target, ...]
    level: AdvisoryLevel
    text: str
    photo: str | None = None
    exercise: bool = False
    expires_at: dt.datetime | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Draft:
        """From the conversation's user_data draft."""
        expires = data.get("expires")
        return cls(
            targets=tuple(Target.from_json(x) for x in data.get("targets", [])),
            level=AdvisoryLevel(data.get("level") or AdvisoryLevel.INFO),
            text=str(data.get("text") or ""),
            photo=data.get("photo") or None,
            exercise=bool(data.get("exercise")),
            expires_at=dt.datetime.fromisoformat(expires) if expires else None,
        )


@dataclass(frozen=True)
class Speaker:
    """A role someone may issue advisories as, with its organisation read fresh."""

    key: int  # the role assignment's id; 0 for an admin from ADMIN_IDS
    holding: Holding
    source: str  # the name on the badge
    organisation_id: int | None
    needs_approval: bool


@dataclass(frozen=True)
class Audience:
    """The chats an advisory will reach, each once."""

    people: frozenset[int]
    groups: frozenset[int]

    @property
    def chats(self) -> list[int]:
        """Every chat, people first."""
        return sorted(self.people) + sorted(self.groups - self.people)

    def __len__(self) -> int:
        return len(self.people | self.groups)


@dataclass(frozen=True)
class Submitted:
    """What became of a submitted advisory."""

    advisory: Advisory
    recipients: int
    approver: str | None  # the Polsek asked for approval, if any


@dataclass(frozen=True)
class Decision:
    """The outcome of an approver's press."""

    advisory: Advisory
    done: bool  # False: somebody decided before (advisory.decided_by_name says who)


@dataclass(frozen=True)
class Summary:
    """One advisory in an author's list, and which corrections it still allows."""

    advisory: Advisory
    acks: int
    updates: int

    @property
    def updatable(self) -> bool:
        """Whether an update may still be sent."""
        return updatable(self.advisory)

    @property
    def cancellable(self) -> bool:
        """Whether it may still be withdrawn."""
        return self.advisory.status in LIVE


def updatable(advisory: Advisory) -> bool:
    """Only an advisory that went out (and was not withdrawn) can be updated."""
    return advisory.status is AdvisoryStatus.SENT
