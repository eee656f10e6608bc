"""Roles in scopes, the organisations they speak for, invitations, and the checks built on them.

The API is `RoleService` (handlers and the CLI call it; every change is one audited
transaction):
- reading: `holdings`, `roles`, `is_admin`, `allowed`, `may_invite`, `place`, `assignments`,
  `assignments_of`, `organisations`, `open_invites`, `scope_name`;
- changing: `grant`, `revoke`, `revoke_assignment`, `create_invite`, `cancel_invite`,
  `preview_invite` / `redeem_invite`, `rename_organisation`, `set_approval`;
- abuse limits: `code_attempts_left` / `wrong_code`, `record_denied`; published command menus.
A change that cannot be made raises `RoleError` (a `UserFacingError`). Other services read
roles inside their own transactions with `holdings_of(session, user_id)` and
`assignments(session, ...)`. Authorisation itself is decided in `bot.services.authz`.

Modules: `types` (values, the error), `places` (scopes as places and names), `organisations`,
`grants` (reading and changing who holds what), `invitations`, `messages` (role words and
names), `callbacks` (the buttons).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlmodel import Session

from bot.services.areas import AreaService
from bot.services.authz import EVERYWHERE
from bot.services.authz import Action
from bot.services.authz import Holding
from bot.services.authz import Place
from bot.services.authz import Scope
from bot.services.authz import allowed
from bot.services.authz import can_invite
from bot.services.roles import grants
from bot.services.roles import invitations
from bot.services.roles import organisations
from bot.services.roles.grants import assignments
from bot.services.roles.grants import holdings_of
from bot.services.roles.invitations import DEFAULT_INVITE_TTL
from bot.services.roles.invitations import INVITE_PREFIX
from bot.services.roles.places import scope_name
from bot.services.roles.types import GRANTABLE
from bot.services.roles.types import POLSEK_SCOPE
from bot.services.roles.types import ROLE_SCOPES
from bot.services.roles.types import Assignment
from bot.services.roles.types import GrantResult
from bot.services.roles.types import InviteInfo
from bot.services.roles.types import Redeemed
from bot.services.roles.types import RoleError
from bot.services.roles.types import RoleSpec
from bot.services.roles.types import describe
from storage import queries
from storage import roles as q
from storage.db import Database
from storage.models import AreaLevel
from storage.models import Organisation
from storage.models import Role

if TYPE_CHECKING:
    from limits import RateLimitItem
    from limits.strategies import MovingWindowRateLimiter

__all__ = [
    "DEFAULT_INVITE_TTL",
    "GRANTABLE",
    "INVITE_PREFIX",
    "POLSEK_SCOPE",
    "ROLE_SCOPES",
    "Assignment",
    "GrantResult",
    "InviteInfo",
    "Redeemed",
    "RoleError",
    "RoleService",
    "RoleSpec",
    "assignments",
    "describe",
    "holdings_of",
]

# Wrong invite codes one person may try, and refused attempts audited per person.
WRONG_CODES = "5/15 minutes"
DENIALS_AUDITED = "10/minute"


class RoleService:
    """Role checks and changes (the area index answers "is X inside Y")."""

    def __init__(self, db: Database, areas: AreaService, *, admin_ids: frozenset[int]) -> None:
        self._db = db
        self._areas = areas
        self._config_admins = admin_ids

    # ---- abuse limits -------------------------------------------------------------------------

    @functools.cached_property
    def _limiter(self) -> MovingWindowRateLimiter:
        """In memory, per process: enough to slow down guessing and to keep someone hammering a
        command from flooding the audit log. Made at the first use: `limits` (and the timer
        thread of its storage) is not needed to start."""
        from limits.storage import MemoryStorage
        from limits.strategies import MovingWindowRateLimiter

        return MovingWindowRateLimiter(MemoryStorage())

    def code_attempts_left(self, user_id: int) -> bool:
        """Whether `user_id` may try another invite code (wrong ones are limited)."""
        return self._limiter.test(_limit(WRONG_CODES), "code", str(user_id))

    def wrong_code(self, user_id: int) -> None:
        """Count a wrong, used or expired code against `user_id`."""
        self._limiter.hit(_limit(WRONG_CODES), "code", str(user_id))

    async def record_denied(
        self, user_id: int, *, action: Action, reason: str, what: str, chat_id: int | None
    ) -> bool:
        """Write a refused attempt to the audit log; False when this person's refusals are
        being held back (more than DENIALS_AUDITED a minute)."""
        if not self._limiter.hit(_limit(DENIALS_AUDITED), "denied", str(user_id)):
            return False
        await self._db.run(
            queries.add_audit,
            "auth.denied",
            actor_id=user_id,
            target=what,
            details=f"action={action.value} reason={reason} chat={chat_id}",
        )
        return True

    # ---- reading ------------------------------------------------------------------------------

    def _with_config(self, user_id: int, holdings: list[Holding]) -> list[Holding]:
        if user_id in self._config_admins and not any(h.role is Role.ADMIN for h in holdings):
            holdings = [*holdings, Holding(Role.ADMIN)]
        return holdings

    def _holdings_in(self, session: Session, user_id: int) -> list[Holding]:
        return self._with_config(user_id, holdings_of(session, user_id))

    async def holdings(self, user_id: int) -> list[Holding]:
        """Every role the user holds, ADMIN_IDS included; read fresh on every call, so a
        revocation takes effect at the next command or button press."""
        return await self._db.run(self._holdings_in, user_id)

    async def roles(self, user_id: int) -> set[Role]:
        """The roles `user_id` holds anywhere; everyone is at least a warga."""
        return {Role.WARGA} | {h.role for h in await self.holdings(user_id)}

    async def is_admin(self, user_id: int) -> bool:
        """Whether `user_id` is a bot administrator."""
        return Role.ADMIN in await self.roles(user_id)

    def place(self, *, area_id: int | None = None, polsek_id: int | None = None) -> Place:
        """The Place of an area (from the area index) or of a Polsek."""
        if area_id is None:
            return Place(polsek_id=polsek_id)
        entry = self._areas.get(area_id)
        if entry is None:
            return Place(area_id=area_id)
        return Place(
            area_id=area_id,
            level=entry.level,
            kecamatan_id=entry.kecamatan_id,
            kabupaten_id=entry.kabupaten_id,
            polsek_id=self._areas.polsek_id_of(area_id),
        )

    def areas_named(
        self,
        holdings: Sequence[Holding],
        action: Action,
        levels: Collection[AreaLevel],
        most: int = 12,
    ) -> list[int]:
        """The areas at `levels` that `holdings` name (a role's area, or the kecamatan of a
        role's Polsek) where they may do `action`, in the roles' order: what a "which area?"
        step offers as buttons (any other area is typed, and checked by the feature)."""
        named: list[int] = []
        for holding in holdings:
            if holding.scope.area_id is not None:
                named.append(holding.scope.area_id)
            elif holding.scope.polsek_id is not None:
                polsek_id = holding.scope.polsek_id
                covered = self._areas.kecamatan_polsek.items()
                named += sorted(k for k, p in covered if p == polsek_id)
        found = []
        for area_id in dict.fromkeys(named):
            entry = self._areas.get(area_id)
            if entry is None or entry.level not in levels:
                continue
            if allowed(holdings, action, self.place(area_id=area_id)):
                found.append(area_id)
        return found[:most]

    async def allowed(self, user_id: int, action: Action, place: Place | None = None) -> bool:
        """Whether `user_id` may do `action` at `place` (None: anywhere)."""
        return allowed(await self.holdings(user_id), action, place)

    async def may_invite(self, user_id: int, spec: RoleSpec) -> bool:
        """Whether `user_id` may invite someone to `spec`."""
        scope = spec.scope
        place = (
            None
            if scope.everywhere
            else self.place(area_id=scope.area_id, polsek_id=scope.polsek_id)
        )
        return can_invite(await self.holdings(user_id), spec.role, place)

    async def assignments(
        self, *, role: Role | None = None, scope: Scope | None = None
    ) -> list[Assignment]:
        """Who holds which role where (inside `scope`, if given)."""
        return await self._db.run(assignments, role=role, scope=scope)

    async def assignments_of(self, user_id: int) -> list[Assignment]:
        """The stored roles of one person."""
        return await self._db.run(assignments, user_id=user_id)

    async def organisations(self) -> Sequence[Organisation]:
        """Every organisation, by name."""
        return await self._db.run(q.all_organisations)

    async def scope_name(self, scope: Scope) -> str:
        """How people read a scope: "Kronto (Kec. Lumbang)", "Polsek Lumbang", "" (everywhere)."""
        return await self._db.run(scope_name, scope)

    async def open_invites(self, seen_by: int | None = None) -> list[InviteInfo]:
        """Open invites, newest first: all of them, or those `seen_by` may see and cancel (an
        admin all, anyone else their own)."""
        created_by = None if seen_by is None or await self.is_admin(seen_by) else seen_by
        return await self._db.run(invitations.open_invites, created_by=created_by)

    async def preview_invite(self, code: str) -> InviteInfo:
        """What an invite offers; RoleError when it cannot be used."""
        return await self._db.run(invitations.preview, code, inviter_holdings=self._holdings_in)

    # ---- changing -----------------------------------------------------------------------------

    async def grant(
        self,
        user_id: int,
        spec: RoleSpec,
        *,
        actor_id: int | None = None,
        actor_label: str = "",
        via: str = "",
    ) -> GrantResult:
        """Give a role (or change its division / koordinator flag); RoleError if it cannot be
        held there."""
        return await self._db.run(
            grants.grant, user_id, spec, actor_id=actor_id, actor_label=actor_label, via=via
        )

    async def revoke(
        self,
        user_id: int,
        role: Role,
        scope: Scope = EVERYWHERE,
        *,
        actor_id: int | None = None,
        actor_label: str = "",
    ) -> bool:
        """Take a role away; False if the user did not hold it there."""
        return await self._db.run(
            grants.revoke, user_id, role, scope, actor_id=actor_id, actor_label=actor_label
        )

    async def revoke_assignment(
        self, assignment_id: int, *, actor_id: int | None = None, actor_label: str = ""
    ) -> Assignment | None:
        """Take one assignment away; None if it no longer exists."""
        return await self._db.run(
            grants.revoke_assignment, assignment_id, actor_id=actor_id, actor_label=actor_label
        )

    async def create_invite(
        self,
        spec: RoleSpec,
        *,
        created_by: int | None = None,
        actor_label: str = "",
        ttl: dt.timedelta = DEFAULT_INVITE_TTL,
        title: str | None = None,
    ) -> tuple[InviteInfo, str]:
        """A one-time invite and its code (shown once, never stored); a police officer's may
        carry their rank and name (`title`, "Aiptu Bambang S."), shown wherever they are named
        once they accept."""
        return await self._db.run(
            invitations.create,
            spec,
            created_by=created_by,
            actor_label=actor_label,
            ttl=ttl,
            title=title,
        )

    async def cancel_invite(
        self, invite_id: int, *, actor_id: int | None = None, actor_label: str = ""
    ) -> bool:
        """Cancel an open invite: an admin (or the command line, without `actor_id`) any,
        anyone else only their own. False if it is not open or not theirs."""
        admin = actor_id is None or await self.is_admin(actor_id)
        return await self._db.run(
            invitations.cancel,
            invite_id,
            actor_id=actor_id,
            actor_label=actor_label,
            only_by=None if admin else actor_id,
        )

    async def redeem_invite(self, code: str, user_id: int) -> Redeemed:
        """Give `user_id` the invited role and use the invite up; RoleError when it cannot be
        used (unknown, used, cancelled, expired, void, or the role is held already)."""
        return await self._db.run(
            invitations.redeem, code, user_id, inviter_holdings=self._holdings_in
        )

    async def rename_organisation(
        self, organisation_id: int, name: str, *, actor_id: int | None = None, actor_label: str = ""
    ) -> Organisation:
        """Give an organisation its proper display name (2 to 128 characters)."""
        return await self._db.run(
            organisations.rename, organisation_id, name, actor_id=actor_id, actor_label=actor_label
        )

    async def set_approval(
        self,
        organisation_id: int,
        needs_approval: bool,
        *,
        actor_id: int | None = None,
        actor_label: str = "",
    ) -> Organisation:
        """Say whether an organisation's advisories wait for the Polsek's approval."""
        return await self._db.run(
            organisations.set_approval,
            organisation_id,
            needs_approval,
            actor_id=actor_id,
            actor_label=actor_label,
        )

    # ---- published command menus --------------------------------------------------------------

    async def menu_key(self, user_id: int) -> str | None:
        """The key of the command menu last published for this person."""
        return await self._db.run(q.menu_key, user_id)

    async def set_menu_key(self, user_id: int, key: str | None) -> None:
        """Remember the menu published for this person."""
        await self._db.run(q.set_menu_key, user_id, key)

    async def menu_holders(self) -> set[int]:
        """Everyone whose menu may differ from the shared one: role holders, ADMIN_IDS and
        everyone a personal menu was published for."""

        def read(session: Session) -> set[int]:
            return q.holder_ids(session) | set(q.menu_keys(session))

        return await self._db.run(read) | set(self._config_admins)


@functools.cache
def _limit(text: str) -> RateLimitItem:
    """A limit written as `limits` reads it ("5/15 minutes")."""
    from limits import parse

    return parse(text)
