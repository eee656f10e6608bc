"""The values of roles: what can be held where, what a change did, and the one error."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from bot.errors import UserFacingError
from bot.services.authz import EVERYWHERE
from bot.services.authz import Holding
from bot.services.authz import Scope
from storage.models import AreaLevel
from storage.models import Division
from storage.models import Role

# Where each role may be held. "polsek" means a whole Polsek; a polisi held for a desa is that
# desa's Bhabinkamtibmas.
POLSEK_SCOPE = "polsek"
ROLE_SCOPES: dict[Role, tuple[str, ...]] = {
    Role.ADMIN: (),
    Role.POLISI: (POLSEK_SCOPE, AreaLevel.DESA),
    Role.PEMUDA: (AreaLevel.DESA, AreaLevel.KECAMATAN),
    Role.TOKOH: (AreaLevel.DESA, AreaLevel.KECAMATAN),
    Role.MUI: (AreaLevel.KECAMATAN, AreaLevel.KABUPATEN),
    Role.ROIS_SYURIAH: (AreaLevel.KECAMATAN, AreaLevel.KABUPATEN),
    Role.FORKOPIMCAM: (AreaLevel.KECAMATAN,),
}
GRANTABLE = tuple(ROLE_SCOPES)


class RoleError(UserFacingError):
    """A role change that cannot be made: a text key (with its values) for the bot, and an
    English `message=` for the CLI."""


class GrantResult(enum.Enum):
    """What a grant did."""

    ADDED = "added"
    UPDATED = "updated"  # held already; division or koordinator changed
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class RoleSpec:
    """A role to give: which, where, and for pemuda the division and koordinator flag."""

    role: Role
    scope: Scope = EVERYWHERE
    division: Division | None = None
    koordinator: bool = False


@dataclass(frozen=True)
class Assignment:
    """A role held by someone, with readable names (for lists, the CLI and audit)."""

    id: int
    user_id: int
    holding: Holding
    scope_name: str  # "" when everywhere
    granted_at: dt.datetime
    granted_by: int | None


@dataclass(frozen=True)
class InviteInfo:
    """An invite as people see it (never with its code, which is not stored)."""

    id: int
    spec: RoleSpec
    scope_name: str
    organisation: str | None
    created_by: int | None
    created_at: dt.datetime
    expires_at: dt.datetime
    code_hint: str
    # The invited officer's rank and name ("Aiptu Bambang S."), None when not given.
    title: str | None = None


@dataclass(frozen=True)
class Redeemed:
    """A redeemed invite: what the person became and who invited them."""

    invite: InviteInfo
    result: GrantResult
    inviter_id: int | None


def describe(spec: RoleSpec | Holding, where: str) -> str:
    """A plain, language-neutral description for the audit log and the CLI."""
    text = spec.role.value
    if spec.division is not None:
        text += f"/{spec.division.value}"
    if spec.koordinator:
        text += "/koordinator"
    return f"{text} @ {where or 'everywhere'} [{spec.scope.key or '*'}]"
