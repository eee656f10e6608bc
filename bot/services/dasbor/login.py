"""One-time log-in links for the dashboard: made by /dasbor, redeemed by /masuk/<token>.

A link is bound to the Telegram id that asked for it, lives LINK_MINUTES, opens one session.
The token is random (256 bits) and only its SHA-256 is stored.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import secrets
from dataclasses import dataclass

from sqlmodel import Session

from bot.services.authz import Action
from bot.services.roles import RoleService
from storage import dasbor as q
from storage import queries
from storage.db import Database
from storage.models import utcnow

LINK_MINUTES = 10


class LinkState(enum.Enum):
    """What opening a link came to."""

    OK = "ok"
    EXPIRED = "expired"
    USED = "used"
    UNKNOWN = "unknown"
    # The person lost their dashboard role since asking for the link.
    NO_ROLE = "no_role"


@dataclass(frozen=True)
class Redeemed:
    """The outcome of a link: the person it opens a session for when `state` is OK."""

    state: LinkState
    user_id: int | None = None


def token_hash(token: str) -> str:
    """What is stored of a token."""
    return hashlib.sha256(token.encode()).hexdigest()


class LoginLinks:
    """Makes and redeems the links; audits each log-in."""

    def __init__(self, db: Database, roles: RoleService) -> None:
        self._db = db
        self._roles = roles

    async def create(self, user_id: int) -> str:
        """A new token for `user_id` (the caller checked Action.USE_DASHBOARD)."""
        token = secrets.token_urlsafe(32)
        now = utcnow()
        await self._db.run(
            _create, token_hash(token), user_id, now + dt.timedelta(minutes=LINK_MINUTES), now
        )
        return token

    async def redeem(self, token: str, *, address: str = "") -> Redeemed:
        """Use the token once: OK with the person, or why not."""
        if not token or len(token) > 128:
            return Redeemed(LinkState.UNKNOWN)
        now = utcnow()
        row = await self._db.run(_use, token_hash(token), now)
        if row is None:
            return Redeemed(LinkState.UNKNOWN)
        used, user_id, used_before = row
        if not used:
            # Used before and expired since: "used" says more about what happened.
            state = LinkState.USED if used_before else LinkState.EXPIRED
            return Redeemed(state, user_id)
        if not await self._roles.allowed(user_id, Action.USE_DASHBOARD):
            return Redeemed(LinkState.NO_ROLE, user_id)
        await self._db.run(
            queries.add_audit,
            "dasbor.login",
            actor_id=user_id,
            target="web",
            details=f"from={address}" if address else "",
        )
        return Redeemed(LinkState.OK, user_id)

    async def logged_out(self, user_id: int) -> None:
        """Audit a log-out (a session ended by its owner, not by time or a revoked role)."""
        await self._db.run(queries.add_audit, "dasbor.logout", actor_id=user_id, target="web")


def _create(
    session: Session, hashed: str, user_id: int, expires: dt.datetime, now: dt.datetime
) -> None:
    # Expired links are useless: each new one sweeps them away.
    q.delete_old_web_logins(session, before=now - dt.timedelta(days=1))
    q.add_web_login(session, token_hash=hashed, user_id=user_id, expires_at=expires)


def _use(session: Session, hashed: str, now: dt.datetime) -> tuple[bool, int, bool] | None:
    used, row = q.use_web_login(session, token_hash=hashed, now=now)
    if row is None:
        return None
    return used, row.user_id, row.used_at is not None
