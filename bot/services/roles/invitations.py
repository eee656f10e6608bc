"""One-time invitations to a role: codes that can be read over the phone, stored only as a
hash, redeemed once even when two people try at once, void when their maker may no longer
invite."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable

from sqlmodel import Session

from bot.services.authz import Holding
from bot.services.authz import can_invite
from bot.services.free_text import long_enough
from bot.services.roles.grants import columns
from bot.services.roles.grants import grant
from bot.services.roles.grants import holding
from bot.services.roles.grants import holdings_of
from bot.services.roles.grants import validate
from bot.services.roles.places import place_of
from bot.services.roles.places import scope_name
from bot.services.roles.types import InviteInfo
from bot.services.roles.types import Redeemed
from bot.services.roles.types import RoleError
from bot.services.roles.types import RoleSpec
from bot.services.roles.types import describe
from storage import queries
from storage import roles as q
from storage.models import TITLE_MAX
from storage.models import Invite
from storage.models import Role
from storage.models import utcnow

# Invite codes: no 0/O, 1/I/L or U, so a code read over the phone cannot be misheard.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
CODE_LENGTH = 8
INVITE_PREFIX = "inv_"  # deep links: t.me/<bot>?start=inv_K7M2Q9XD
DEFAULT_INVITE_TTL = dt.timedelta(hours=72)
MAX_INVITE_TTL = dt.timedelta(days=30)

# Reads the roles of an invite's maker (RoleService adds ADMIN_IDS).
HoldingsReader = Callable[[Session, int], list[Holding]]


# --- codes ---------------------------------------------------------------------------------


def new_code() -> str:
    """A fresh random invite code (8 characters, about 6.6 x 10^11 possibilities)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str | None:
    """The code in what someone typed or opened ("k7m2-q9xd", "inv_K7M2Q9XD"), or None."""
    text = text.strip()
    if text.lower().startswith(INVITE_PREFIX):
        text = text[len(INVITE_PREFIX) :]
    code = "".join(ch for ch in text.upper() if ch.isalnum())
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return code


def clean_title(role: Role, title: str | None) -> str | None:
    """The rank and name an invite gives an officer ("Aiptu Bambang S."), with its spaces
    tidied; None when none is given. RoleError when it is not for a police officer, too long
    (over TITLE_MAX characters) or not printable text with at least two letters."""
    text = " ".join((title or "").split())
    if not text:
        return None
    if role is not Role.POLISI:
        raise RoleError(
            "roles.err_title_role", message="only a police officer's invite has a rank and name"
        )
    if len(text) > TITLE_MAX or not text.isprintable() or not long_enough(text, 2):
        raise RoleError(
            "roles.err_title",
            max=TITLE_MAX,
            message=f"a rank and name is 2 to {TITLE_MAX} printable characters, "
            "e.g. 'Aiptu Bambang S.'",
        )
    return text


def display_code(code: str) -> str:
    """How a code is shown and read out: "K7M2-Q9XD"."""
    return f"{code[:4]}-{code[4:]}"


def code_hash(code: str) -> str:
    """What is stored instead of the code."""
    return hashlib.sha256(code.encode("ascii")).hexdigest()


# --- invites -------------------------------------------------------------------------------


def _info(session: Session, invite: Invite) -> InviteInfo:
    organisation = (
        q.organisation(session, invite.organisation_id) if invite.organisation_id else None
    )
    held = holding(invite, organisation)
    return InviteInfo(
        id=invite.id or 0,
        spec=RoleSpec(held.role, held.scope, held.division, held.koordinator),
        scope_name=scope_name(session, held.scope),
        organisation=organisation.name if organisation else None,
        created_by=invite.created_by,
        created_at=invite.created_at,
        expires_at=invite.expires_at,
        code_hint=invite.code_hint,
        title=invite.title,
    )


def create(
    session: Session,
    spec: RoleSpec,
    *,
    created_by: int | None = None,
    actor_label: str = "",
    ttl: dt.timedelta = DEFAULT_INVITE_TTL,
    title: str | None = None,
    now: dt.datetime | None = None,
) -> tuple[InviteInfo, str]:
    """Create a one-time invite (for a police officer, maybe with their rank and name:
    `title`); returns it and its code (shown once, never stored)."""
    if not dt.timedelta(minutes=5) <= ttl <= MAX_INVITE_TTL:
        raise RoleError("roles.err_ttl", message="an invite is valid for 5 minutes to 30 days")
    title = clean_title(spec.role, title)
    checked = validate(session, spec)
    now = now or utcnow()
    code = new_code()
    invite = Invite(
        **columns(spec, checked),
        code_hash=code_hash(code),
        code_hint=code[-4:],
        created_by=created_by,
        created_at=now,
        expires_at=now + ttl,
        title=title,
    )
    session.add(invite)
    session.flush()
    details = f"{describe(spec, checked.scope_name)} until {invite.expires_at:%Y-%m-%d %H:%M}Z"
    queries.add_audit(
        session,
        "invite.create",
        actor_id=created_by,
        actor_label=actor_label,
        target=f"invite:{invite.id}",
        details=details + (f" as {title!r}" if title else ""),
    )
    return _info(session, invite), code


def open_invite(session: Session, code: str, now: dt.datetime) -> Invite:
    """The open invite a code opens; RoleError if it is unknown, cancelled, used or expired."""
    normalised = normalise_code(code)
    invite = q.invite_by_hash(session, code_hash(normalised)) if normalised else None
    if invite is None:
        raise RoleError("roles.invite_invalid", message="no such invite code")
    if invite.cancelled_at is not None:
        raise RoleError("roles.invite_cancelled", message="this invite was cancelled")
    if invite.used_at is not None:
        raise RoleError("roles.invite_used", message="this invite was used already")
    if invite.expires_at <= now:
        raise RoleError("roles.invite_expired", message="this invite has expired")
    return invite


def _check_inviter(
    session: Session, invite: Invite, info: InviteInfo, inviter_holdings: HoldingsReader
) -> None:
    """An invite is void when its creator may no longer invite for it (their role was
    revoked); invites made on the command line have no creator to check."""
    if invite.created_by is None:
        return
    place = place_of(session, info.spec.scope) if not info.spec.scope.everywhere else None
    if not can_invite(inviter_holdings(session, invite.created_by), info.spec.role, place):
        raise RoleError(
            "roles.invite_void", message="the person who made this invite may no longer"
        )


def preview(
    session: Session,
    code: str,
    *,
    inviter_holdings: HoldingsReader = holdings_of,
    now: dt.datetime | None = None,
) -> InviteInfo:
    """What an open invite offers; RoleError if it is unknown, used, cancelled, expired or
    void."""
    invite = open_invite(session, code, now or utcnow())
    info = _info(session, invite)
    _check_inviter(session, invite, info, inviter_holdings)
    return info


def redeem(
    session: Session,
    code: str,
    user_id: int,
    *,
    inviter_holdings: HoldingsReader = holdings_of,
    now: dt.datetime | None = None,
) -> Redeemed:
    """Give the invited role to `user_id` and use the invite up, in one transaction."""
    now = now or utcnow()
    invite = open_invite(session, code, now)
    info = _info(session, invite)
    _check_inviter(session, invite, info, inviter_holdings)
    held = q.find_assignment(session, user_id, info.spec.role, info.spec.scope.key)
    if (
        held is not None
        and held.division == info.spec.division
        and held.koordinator == info.spec.koordinator
    ):
        raise RoleError("roles.invite_already", message="you already hold this role")
    if not q.claim_invite(session, info.id, user_id, now):
        raise RoleError("roles.invite_used", message="this invite was used already")
    result = grant(
        session,
        user_id,
        info.spec,
        actor_id=invite.created_by,
        actor_label="invite",
        via=f"invite:{info.id}",
    )
    if info.title:
        # Their name as an officer from now on, wherever they are named.
        queries.set_title(session, user_id, info.title)
    queries.add_audit(
        session,
        "invite.redeem",
        actor_id=user_id,
        target=f"invite:{info.id}",
        details=describe(info.spec, info.scope_name)
        + (f" as {info.title!r}" if info.title else ""),
    )
    return Redeemed(invite=info, result=result, inviter_id=invite.created_by)


def cancel(
    session: Session,
    invite_id: int,
    *,
    actor_id: int | None = None,
    actor_label: str = "",
    only_by: int | None = None,
) -> bool:
    """Cancel an open invite (with `only_by`: only one that person made), audited."""
    invite = session.get(Invite, invite_id)
    if invite is None or (only_by is not None and invite.created_by != only_by):
        return False
    if not q.cancel_invite(session, invite_id):
        return False
    queries.add_audit(
        session,
        "invite.cancel",
        actor_id=actor_id,
        actor_label=actor_label,
        target=f"invite:{invite_id}",
    )
    return True


def open_invites(
    session: Session, *, created_by: int | None = None, now: dt.datetime | None = None
) -> list[InviteInfo]:
    """Open invites, newest first (of one creator, if given)."""
    rows = q.open_invites(session, now or utcnow(), created_by)
    return [_info(session, invite) for invite in rows]
