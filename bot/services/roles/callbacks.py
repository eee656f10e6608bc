"""The buttons of roles and invitations: each kind defined once, for building and for parsing."""

from __future__ import annotations

from dataclasses import field
from typing import Literal

from bot.callbacks import CallbackData
from bot.services.roles.types import GRANTABLE
from bot.services.roles.types import RoleSpec
from storage.models import Division
from storage.models import Role


class NewInvite(CallbackData, prefix="rl:n"):
    """/undang: the role to invite to ("rl:n:tokoh", "rl:n:pemuda:patroli:k")."""

    role: str = field(metadata={"pattern": "[a-z_]{3,16}"})
    division: str | None = field(default=None, metadata={"pattern": "patroli|sosialisasi"})
    koordinator: Literal["k"] | None = None

    @classmethod
    def of(cls, spec: RoleSpec) -> NewInvite:
        """The button that picks `spec`'s role (its scope is asked next)."""
        division = spec.division.value if spec.division else None
        return cls(spec.role.value, division, "k" if spec.koordinator else None)

    def spec(self) -> RoleSpec | None:
        """The role picked, None when it cannot be granted (or a koordinator lacks a division)."""
        if self.role not in set(Role) or Role(self.role) not in GRANTABLE:
            return None
        if self.koordinator and self.division is None:
            return None
        division = Division(self.division) if self.division else None
        return RoleSpec(Role(self.role), division=division, koordinator=bool(self.koordinator))


class ChoosePolsek(CallbackData, prefix="rl:p"):
    """/undang for a police officer: their Polsek."""

    polsek_id: int


class InvitePlace(CallbackData, prefix="rl:a"):
    """/undang: the area meant, of those a typed name fits ("Lumbang yang mana?")."""

    area_id: int


class SkipTitle(CallbackData, prefix="rl:t"):
    """/undang for a police officer: no rank and name, make the invite."""


class CancelInvite(CallbackData, prefix="rl:x"):
    """Cancel an open invite."""

    invite_id: int


class AcceptInvite(CallbackData, prefix="rl:a"):
    """Take the role an invite offers; the code travels in the button."""

    code: str = field(metadata={"pattern": "[A-Z0-9]{8}"})


class DeclineInvite(CallbackData, prefix="rl:d"):
    """Say no to an invite (it stays open until it expires)."""


class Revoke(CallbackData, prefix="rl:v"):
    """/cabutperan: take this assignment away."""

    assignment_id: int
