"""The buttons of advisories: each kind defined once, for building and for parsing.

Formats are those of buttons already sent (persisted in chats): `adv:ack:<id>` under a
delivered Darurat advisory, `adv:ok:<id>` / `adv:no:<id>` in a Polsek duty chat, and the
author's and residents' buttons below.
"""

from __future__ import annotations

from dataclasses import field
from typing import Literal

from bot.callbacks import CallbackData
from bot.services.advisories.types import LEVELS
from bot.services.advisories.types import ROLE_GROUPS
from bot.services.advisories.types import Target

RejectCode = Literal["hoaks", "wewenang", "perbaiki"]
REJECT_CODES: tuple[RejectCode, ...] = ("hoaks", "wewenang", "perbaiki")

_GROUPS = "|".join(ROLE_GROUPS)


class ChooseSpeaker(CallbackData, prefix="adv:o"):
    """/imbauan: speak as this role (its assignment's id; 0 for an admin from ADMIN_IDS)."""

    key: int = field(metadata={"pattern": r"\d{1,12}"})


class PickTarget(CallbackData, prefix="adv:t"):
    """/imbauan: add a whole area (`a:<id>`), a role group in one (`g:<group>:<id>`), or go
    on (`next`) or start again (`reset`)."""

    choice: str = field(metadata={"pattern": rf"a:\d{{1,9}}|g:(?:{_GROUPS}):\d{{1,9}}|next|reset"})

    @classmethod
    def adding(cls, target: Target) -> PickTarget:
        """The button that adds `target`."""
        if target.group is None:
            return cls(f"a:{target.area_id}")
        return cls(f"g:{target.group}:{target.area_id}")

    @property
    def target(self) -> Target | None:
        """The target it adds; None for `next` and `reset`."""
        kind, _, rest = self.choice.partition(":")
        if kind == "a":
            return Target(int(rest))
        if kind == "g":
            group, _, area_id = rest.partition(":")
            return Target(int(area_id), group)
        return None


class ChooseLevel(CallbackData, prefix="adv:l"):
    """/imbauan: how important it is (one of `LEVELS`)."""

    level: str = field(metadata={"pattern": "|".join(level.value for level in LEVELS)})


class NoExpiry(CallbackData, prefix="adv:e"):
    """/imbauan: valid without an end."""

    choice: Literal["none"] = "none"


class PreviewChoice(CallbackData, prefix="adv:p"):
    """/imbauan, under the preview: send now, schedule, exercise on/off, discard."""

    choice: Literal["send", "sched", "drill", "cancel"]


class Approve(CallbackData, prefix="adv:ok"):
    """Duty chat: approve a pending advisory (or update)."""

    advisory_id: int


class Reject(CallbackData, prefix="adv:no"):
    """Duty chat: reject a pending advisory (the reason is asked next)."""

    advisory_id: int


class RejectReason(CallbackData, prefix="adv:nr"):
    """Duty chat: one of the usual reasons of a rejection."""

    code: RejectCode


class UpdateAdvisory(CallbackData, prefix="adv:u"):
    """/imbauanku: send an update of a sent advisory."""

    advisory_id: int


class CancelAdvisory(CallbackData, prefix="adv:x"):
    """/imbauanku: withdraw an advisory."""

    advisory_id: int


class Acknowledge(CallbackData, prefix="adv:ack"):
    """ "Sudah dibaca" under a Darurat advisory (0 under the author's preview)."""

    advisory_id: int


class Mute(CallbackData, prefix="adv:m"):
    """/senyap: mute or unmute an organisation's Info advisories."""

    organisation_id: int
