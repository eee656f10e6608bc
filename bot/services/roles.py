"""Roles in scopes, the organisations they issue for, invitations, and the checks built on them.

The change functions (`grant`, `revoke`, `create_invite`, `redeem_invite`, ...) run in the
caller's transaction and write the audit log; the bot calls them through `RoleService`, the
command line directly. Authorisation itself is decided in `bot.services.authz`.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from sqlmodel import Session, col, select

from bot.services.authz import (
    EVERYWHERE,
    Action,
    Holding,
    Place,
    Scope,
    allowed,
    can_invite,
)
from storage import queries
from storage import roles as q
from storage.db import Database
from storage.models import (
    Area,
    AreaLevel,
    Division,
    Invite,
    Organisation,
    OrgKind,
    Polsek,
    Role,
    RoleAssignment,
    utcnow,
)

T = TypeVar("T")

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

# The organisation each issuing role speaks for.
ORGANISATION_KIND: dict[Role, OrgKind] = {
    Role.POLISI: OrgKind.POLSEK,
    Role.PEMUDA: OrgKind.KARANG_TARUNA,
    Role.TOKOH: OrgKind.TOKOH,
    Role.MUI: OrgKind.MUI,
    Role.ROIS_SYURIAH: OrgKind.ROIS_SYURIAH,
    Role.FORKOPIMCAM: OrgKind.FORKOPIMCAM,
}
# Advisories of every kind but the police's wait for the Polsek's approval by default.
APPROVAL_BY_DEFAULT = frozenset(set(OrgKind) - {OrgKind.POLSEK})

# Invite codes: no 0/O, 1/I/L or U, so a code read over the phone cannot be misheard.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
CODE_LENGTH = 8
INVITE_PREFIX = "inv_"  # deep links: t.me/<bot>?start=inv_K7M2Q9XD
DEFAULT_INVITE_TTL = dt.timedelta(hours=72)
# Wrong invite codes one person may try, and refused attempts audited per person.
WRONG_CODES = parse("5/15 minutes")
DENIALS_AUDITED = parse("10/minute")
MAX_INVITE_TTL = dt.timedelta(days=30)


class RoleError(Exception):
    """A role change that cannot be made: an English message for the CLI, and a text key (with
    its values) for the bot."""

    def __init__(self, message: str, key: str, **values: object) -> None:
        super().__init__(message)
        self.key = key
        self.values = values


class GrantResult(enum.Enum):
    """What `grant` did."""

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


@dataclass(frozen=True)
class Redeemed:
    """A redeemed invite: what the person became and who invited them."""

    invite: InviteInfo
    result: GrantResult
    inviter_id: int | None


@dataclass
class _Context:
    """What validation found out about a spec."""

    place: Place
    scope_name: str
    organisation: Organisation | None = None
    extra: dict[str, Any] = field(default_factory=dict)


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


def display_code(code: str) -> str:
    """How a code is shown and read out: "K7M2-Q9XD"."""
    return f"{code[:4]}-{code[4:]}"


def code_hash(code: str) -> str:
    """What is stored instead of the code."""
    return hashlib.sha256(code.encode("ascii")).hexdigest()


# --- scopes, places, names -----------------------------------------------------------------


def scope_from_key(key: str) -> Scope:
    """The Scope a stored scope string names."""
    kind, _, number = key.partition(":")
    if kind == "area" and number.isdigit():
        return Scope(area_id=int(number))
    if kind == "polsek" and number.isdigit():
        return Scope(polsek_id=int(number))
    return EVERYWHERE


def _ancestors(session: Session, area: Area) -> dict[AreaLevel, Area]:
    found: dict[AreaLevel, Area] = {}
    current: Area | None = area
    while current is not None:
        found.setdefault(AreaLevel(current.level), current)
        current = session.get(Area, current.parent_id) if current.parent_id else None
    return found


def place_of(session: Session, scope: Scope) -> Place:
    """The Place a scope (or a target area) is, read from the database."""
    if scope.area_id is not None:
        area = session.get(Area, scope.area_id)
        if area is None:
            return Place(area_id=scope.area_id)
        up = _ancestors(session, area)
        kecamatan = up.get(AreaLevel.KECAMATAN)
        kabupaten = up.get(AreaLevel.KABUPATEN)
        return Place(
            area_id=area.id,
            level=AreaLevel(area.level),
            kecamatan_id=kecamatan.id if kecamatan else None,
            kabupaten_id=kabupaten.id if kabupaten else None,
            polsek_id=kecamatan.polsek_id if kecamatan else None,
        )
    return Place(polsek_id=scope.polsek_id)


def scope_name(session: Session, scope: Scope) -> str:
    """How people read a scope: "Kronto (Kec. Lumbang)", "Kec. Lumbang", "Polsek Lumbang"."""
    if scope.area_id is not None:
        area = session.get(Area, scope.area_id)
        if area is None:
            return f"#{scope.area_id}"
        if area.level == AreaLevel.KECAMATAN:
            return f"Kec. {area.name}"
        parent = session.get(Area, area.parent_id) if area.parent_id else None
        if area.level == AreaLevel.DESA and parent is not None:
            return f"{area.name} (Kec. {parent.name})"
        return area.name
    if scope.polsek_id is not None:
        polsek = session.get(Polsek, scope.polsek_id)
        return polsek.name if polsek else f"Polsek #{scope.polsek_id}"
    return ""


def _default_organisation_name(kind: OrgKind, session: Session, scope: Scope) -> str:
    if kind is OrgKind.POLSEK:
        return scope_name(session, scope)
    area = session.get(Area, scope.area_id) if scope.area_id is not None else None
    assert area is not None
    level = AreaLevel(area.level)
    where = {AreaLevel.DESA: f"Desa {area.name}", AreaLevel.KECAMATAN: f"Kec. {area.name}"}.get(
        level, area.name
    )
    if kind is OrgKind.KARANG_TARUNA:
        return f"Karang Taruna {where}"
    if kind is OrgKind.TOKOH:
        return f"Tokoh Masyarakat {where}"
    if kind is OrgKind.MUI:
        return f"MUI {where}"
    if kind is OrgKind.FORKOPIMCAM:
        return f"Forkopimcam {area.name}"
    # Rois Syuriah leads an NU branch: MWC NU in a kecamatan, PCNU in a kabupaten.
    branch = "MWC NU" if level == AreaLevel.KECAMATAN else "PCNU"
    return f"Rois Syuriah {branch} {area.name}"


def organisation_for(session: Session, role: Role, scope: Scope) -> Organisation | None:
    """The organisation a role in a scope speaks for, created with its default name the first
    time. A desa's Bhabinkamtibmas speaks for the Polsek covering the desa."""
    kind = ORGANISATION_KIND.get(role)
    if kind is None:
        return None
    if kind is OrgKind.POLSEK and scope.polsek_id is None:
        polsek_id = place_of(session, scope).polsek_id
        if polsek_id is None:
            return None
        scope = Scope(polsek_id=polsek_id)
    existing = q.organisation_by_scope(session, kind, scope.key)
    if existing is not None:
        return existing
    organisation = Organisation(
        kind=kind,
        name=_default_organisation_name(kind, session, scope)[:128],
        scope=scope.key,
        area_id=scope.area_id,
        polsek_id=scope.polsek_id,
        needs_approval=kind in APPROVAL_BY_DEFAULT,
    )
    session.add(organisation)
    session.flush()
    return organisation


def validate(session: Session, spec: RoleSpec) -> _Context:
    """Check that the role can be held in that scope; raise RoleError saying why not."""
    role = spec.role
    if role not in ROLE_SCOPES:
        raise RoleError(f"role {role.value} cannot be granted", "roles.err_not_grantable")
    allowed_scopes = ROLE_SCOPES[role]
    scope = spec.scope
    if role is Role.ADMIN:
        if not scope.everywhere:
            raise RoleError("admin is held for the whole bot, without a scope", "roles.err_admin")
    elif scope.everywhere:
        raise RoleError(f"role {role.value} needs a scope", "roles.err_scope_needed")
    elif scope.polsek_id is not None:
        if POLSEK_SCOPE not in allowed_scopes:
            raise RoleError(
                f"role {role.value} is held for an area, not a Polsek", "roles.err_scope_level"
            )
        if session.get(Polsek, scope.polsek_id) is None:
            raise RoleError(f"Polsek #{scope.polsek_id} does not exist", "roles.err_no_scope")
    else:
        area = session.get(Area, scope.area_id)
        if area is None:
            raise RoleError(f"area #{scope.area_id} does not exist", "roles.err_no_scope")
        if AreaLevel(area.level) not in allowed_scopes:
            raise RoleError(
                f"role {role.value} cannot be held for a {area.level}", "roles.err_scope_level"
            )
    if role is Role.PEMUDA and spec.division is None:
        raise RoleError("pemuda needs a division (patroli or sosialisasi)", "roles.err_division")
    if role is not Role.PEMUDA and (spec.division is not None or spec.koordinator):
        raise RoleError("only pemuda have a division and koordinator", "roles.err_not_pemuda")
    organisation = organisation_for(session, role, scope)
    if role is Role.POLISI and organisation is None:
        raise RoleError(
            "no Polsek covers this desa yet (kamtibmas polsek set)", "roles.err_no_polsek"
        )
    return _Context(
        place=place_of(session, scope),
        scope_name=scope_name(session, scope),
        organisation=organisation,
    )


def _columns(spec: RoleSpec, context: _Context) -> dict[str, Any]:
    """The role columns an assignment and an invite share."""
    return {
        "role": spec.role,
        "scope": spec.scope.key,
        "area_id": spec.scope.area_id,
        "polsek_id": spec.scope.polsek_id,
        "organisation_id": context.organisation.id if context.organisation else None,
        "division": spec.division,
        "koordinator": spec.koordinator,
    }


def _holding(row: RoleAssignment | Invite, organisation: Organisation | None) -> Holding:
    return Holding(
        role=Role(row.role),
        scope=scope_from_key(row.scope),
        division=Division(row.division) if row.division else None,
        koordinator=bool(row.koordinator),
        assignment_id=row.id if isinstance(row, RoleAssignment) else None,
        organisation_id=organisation.id if organisation else None,
        organisation=organisation.name if organisation else None,
    )


def describe(spec: RoleSpec | Holding, where: str) -> str:
    """A plain, language-neutral description for the audit log and the CLI."""
    text = spec.role.value
    if spec.division is not None:
        text += f"/{spec.division.value}"
    if spec.koordinator:
        text += "/koordinator"
    return f"{text} @ {where or 'everywhere'} [{spec.scope.key or '*'}]"


# --- reading ---------------------------------------------------------------------------------


def holdings_of(session: Session, user_id: int) -> list[Holding]:
    """Every role the user holds (stored ones; ADMIN_IDS are added by RoleService)."""
    holdings = []
    for row in q.assignments_of(session, user_id):
        organisation = q.organisation(session, row.organisation_id) if row.organisation_id else None
        holdings.append(_holding(row, organisation))
    return holdings


def assignments(
    session: Session,
    *,
    role: Role | None = None,
    scope: Scope | None = None,
    user_id: int | None = None,
) -> list[Assignment]:
    """Who holds which role where; with `scope`, those whose scope is or lies inside it (for
    a Polsek: the Polsek itself and every area it covers)."""
    area_ids: set[int] | None = None
    polsek_ids: set[int] | None = None
    if scope is not None and not scope.everywhere:
        if scope.polsek_id is not None:
            polsek_ids = {scope.polsek_id}
            area_ids = set()
            for kecamatan in session.exec(select(Area.id).where(Area.polsek_id == scope.polsek_id)):
                area_ids |= _area_and_descendants(session, kecamatan or 0)
        else:
            area_ids = _area_and_descendants(session, scope.area_id or 0)
    rows = q.list_assignments(
        session, role=role, area_ids=area_ids, polsek_ids=polsek_ids, user_id=user_id
    )
    found = []
    for row in rows:
        organisation = q.organisation(session, row.organisation_id) if row.organisation_id else None
        holding = _holding(row, organisation)
        found.append(
            Assignment(
                id=row.id or 0,
                user_id=row.user_id,
                holding=holding,
                scope_name=scope_name(session, holding.scope),
                granted_at=row.granted_at,
                granted_by=row.granted_by,
            )
        )
    return found


def _area_and_descendants(session: Session, area_id: int) -> set[int]:
    found = {area_id}
    frontier = [area_id]
    while frontier:
        children = session.exec(select(Area.id).where(col(Area.parent_id).in_(frontier))).all()
        frontier = [c for c in children if c is not None and c not in found]
        found.update(frontier)
    return found


# --- changes -------------------------------------------------------------------------------


def grant(
    session: Session,
    user_id: int,
    spec: RoleSpec,
    *,
    actor_id: int | None = None,
    actor_label: str = "",
    via: str = "",
) -> GrantResult:
    """Give a role (or update its division / koordinator flag), audited."""
    context = validate(session, spec)
    existing = q.find_assignment(session, user_id, spec.role, spec.scope.key)
    if existing is not None:
        if existing.division == spec.division and existing.koordinator == spec.koordinator:
            return GrantResult.UNCHANGED
        existing.division = spec.division
        existing.koordinator = spec.koordinator
        session.add(existing)
        result = GrantResult.UPDATED
    else:
        session.add(RoleAssignment(user_id=user_id, granted_by=actor_id, **_columns(spec, context)))
        result = GrantResult.ADDED
    session.flush()
    queries.add_audit(
        session,
        "role.grant" if result is GrantResult.ADDED else "role.update",
        actor_id=actor_id,
        actor_label=actor_label,
        target=str(user_id),
        details=describe(spec, context.scope_name) + (f" via {via}" if via else ""),
    )
    return result


def revoke(
    session: Session,
    user_id: int,
    role: Role,
    scope: Scope = EVERYWHERE,
    *,
    actor_id: int | None = None,
    actor_label: str = "",
) -> bool:
    """Take a role away, audited; False if the user did not hold it there."""
    existing = q.find_assignment(session, user_id, role, scope.key)
    if existing is None:
        return False
    return (
        revoke_assignment(session, existing.id or 0, actor_id=actor_id, actor_label=actor_label)
        is not None
    )


def revoke_assignment(
    session: Session, assignment_id: int, *, actor_id: int | None = None, actor_label: str = ""
) -> Assignment | None:
    """Take away one assignment by id, audited; None if it no longer exists."""
    row = session.get(RoleAssignment, assignment_id)
    if row is None:
        return None
    organisation = q.organisation(session, row.organisation_id) if row.organisation_id else None
    holding = _holding(row, organisation)
    name = scope_name(session, holding.scope)
    session.delete(row)
    queries.add_audit(
        session,
        "role.revoke",
        actor_id=actor_id,
        actor_label=actor_label,
        target=str(row.user_id),
        details=describe(holding, name),
    )
    return Assignment(
        id=assignment_id,
        user_id=row.user_id,
        holding=holding,
        scope_name=name,
        granted_at=row.granted_at,
        granted_by=row.granted_by,
    )


def _invite_info(session: Session, invite: Invite) -> InviteInfo:
    organisation = (
        q.organisation(session, invite.organisation_id) if invite.organisation_id else None
    )
    holding = _holding(invite, organisation)
    return InviteInfo(
        id=invite.id or 0,
        spec=RoleSpec(holding.role, holding.scope, holding.division, holding.koordinator),
        scope_name=scope_name(session, holding.scope),
        organisation=organisation.name if organisation else None,
        created_by=invite.created_by,
        created_at=invite.created_at,
        expires_at=invite.expires_at,
        code_hint=invite.code_hint,
    )


def create_invite(
    session: Session,
    spec: RoleSpec,
    *,
    created_by: int | None = None,
    actor_label: str = "",
    ttl: dt.timedelta = DEFAULT_INVITE_TTL,
    now: dt.datetime | None = None,
) -> tuple[InviteInfo, str]:
    """Create a one-time invite; returns it and its code (shown once, never stored)."""
    if not dt.timedelta(minutes=5) <= ttl <= MAX_INVITE_TTL:
        raise RoleError("an invite is valid for 5 minutes to 30 days", "roles.err_ttl")
    context = validate(session, spec)
    now = now or utcnow()
    code = new_code()
    invite = Invite(
        **_columns(spec, context),
        code_hash=code_hash(code),
        code_hint=code[-4:],
        created_by=created_by,
        created_at=now,
        expires_at=now + ttl,
    )
    session.add(invite)
    session.flush()
    queries.add_audit(
        session,
        "invite.create",
        actor_id=created_by,
        actor_label=actor_label,
        target=f"invite:{invite.id}",
        details=f"{describe(spec, context.scope_name)} until {invite.expires_at:%Y-%m-%d %H:%M}Z",
    )
    return _invite_info(session, invite), code


def _open_invite(session: Session, code: str, now: dt.datetime) -> Invite:
    normalised = normalise_code(code)
    invite = q.invite_by_hash(session, code_hash(normalised)) if normalised else None
    if invite is None:
        raise RoleError("no such invite code", "roles.invite_invalid")
    if invite.cancelled_at is not None:
        raise RoleError("this invite was cancelled", "roles.invite_cancelled")
    if invite.used_at is not None:
        raise RoleError("this invite was used already", "roles.invite_used")
    if invite.expires_at <= now:
        raise RoleError("this invite has expired", "roles.invite_expired")
    return invite


def _check_inviter(
    session: Session,
    invite: Invite,
    info: InviteInfo,
    inviter_holdings: Callable[[Session, int], list[Holding]],
) -> None:
    """An invite is void when its creator may no longer invite for it (their role was
    revoked); invites made on the command line have no creator to check."""
    if invite.created_by is None:
        return
    place = place_of(session, info.spec.scope) if not info.spec.scope.everywhere else None
    if not can_invite(inviter_holdings(session, invite.created_by), info.spec.role, place):
        raise RoleError("the person who made this invite may no longer", "roles.invite_void")


def preview_invite(
    session: Session,
    code: str,
    *,
    inviter_holdings: Callable[[Session, int], list[Holding]] = holdings_of,
    now: dt.datetime | None = None,
) -> InviteInfo:
    """What an open invite offers; RoleError if it is unknown, used, cancelled, expired or
    void."""
    invite = _open_invite(session, code, now or utcnow())
    info = _invite_info(session, invite)
    _check_inviter(session, invite, info, inviter_holdings)
    return info


def redeem_invite(
    session: Session,
    code: str,
    user_id: int,
    *,
    inviter_holdings: Callable[[Session, int], list[Holding]] = holdings_of,
    now: dt.datetime | None = None,
) -> Redeemed:
    """Give the invited role to `user_id` and use the invite up, in one transaction."""
    now = now or utcnow()
    invite = _open_invite(session, code, now)
    info = _invite_info(session, invite)
    _check_inviter(session, invite, info, inviter_holdings)
    held = q.find_assignment(session, user_id, info.spec.role, info.spec.scope.key)
    if (
        held is not None
        and held.division == info.spec.division
        and held.koordinator == info.spec.koordinator
    ):
        raise RoleError("you already hold this role", "roles.invite_already")
    if not q.claim_invite(session, info.id, user_id, now):
        raise RoleError("this invite was used already", "roles.invite_used")
    result = grant(
        session,
        user_id,
        info.spec,
        actor_id=invite.created_by,
        actor_label="invite",
        via=f"invite:{info.id}",
    )
    queries.add_audit(
        session,
        "invite.redeem",
        actor_id=user_id,
        target=f"invite:{info.id}",
        details=describe(info.spec, info.scope_name),
    )
    return Redeemed(invite=info, result=result, inviter_id=invite.created_by)


def cancel_invite(
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
    return [_invite_info(session, invite) for invite in rows]


def rename_organisation(
    session: Session,
    organisation_id: int,
    name: str,
    *,
    actor_id: int | None = None,
    actor_label: str = "",
) -> Organisation:
    """Give an organisation its proper display name, audited."""
    name = " ".join(name.split())
    if not 2 <= len(name) <= 128:
        raise RoleError("a name has 2 to 128 characters", "roles.err_org_name")
    organisation = _organisation(session, organisation_id)
    details = f"{organisation.name} -> {name}"
    organisation.name = name
    return _audited(session, organisation, "org.rename", details, actor_id, actor_label)


def set_approval(
    session: Session,
    organisation_id: int,
    needs_approval: bool,
    *,
    actor_id: int | None = None,
    actor_label: str = "",
) -> Organisation:
    """Say whether an organisation's advisories wait for the Polsek's approval, audited."""
    organisation = _organisation(session, organisation_id)
    organisation.needs_approval = needs_approval
    details = f"needs_approval={needs_approval}"
    return _audited(session, organisation, "org.approval", details, actor_id, actor_label)


def _organisation(session: Session, organisation_id: int) -> Organisation:
    organisation = q.organisation(session, organisation_id)
    if organisation is None:
        raise RoleError(f"organisation #{organisation_id} does not exist", "roles.err_org_missing")
    return organisation


def _audited(
    session: Session,
    organisation: Organisation,
    action: str,
    details: str,
    actor_id: int | None,
    actor_label: str,
) -> Organisation:
    session.add(organisation)
    queries.add_audit(
        session,
        action,
        actor_id=actor_id,
        actor_label=actor_label,
        target=f"org:{organisation.id}",
        details=details,
    )
    return organisation


# --- the service the bot uses --------------------------------------------------------------


class RoleService:
    """Role checks and changes for the bot (the area index answers "is X inside Y")."""

    def __init__(self, db: Database, areas: Any, *, admin_ids: frozenset[int]) -> None:
        self._db = db
        self._areas = areas
        self._config_admins = admin_ids
        # In memory, per process: enough to slow down guessing and to keep someone hammering a
        # command from flooding the audit log.
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    # abuse limits

    def code_attempts_left(self, user_id: int) -> bool:
        """Whether `user_id` may try another invite code (wrong ones are limited)."""
        return self._limiter.test(WRONG_CODES, "code", str(user_id))

    def wrong_code(self, user_id: int) -> None:
        """Count a wrong, used or expired code against `user_id`."""
        self._limiter.hit(WRONG_CODES, "code", str(user_id))

    async def record_denied(
        self, user_id: int, *, action: Action, reason: str, what: str, chat_id: int | None
    ) -> bool:
        """Write a refused attempt to the audit log; False when this person's refusals are
        being held back (more than DENIALS_AUDITED a minute)."""
        if not self._limiter.hit(DENIALS_AUDITED, "denied", str(user_id)):
            return False
        await self._db.run(
            queries.add_audit,
            "auth.denied",
            actor_id=user_id,
            target=what,
            details=f"action={action.value} reason={reason} chat={chat_id}",
        )
        return True

    # reading

    def _with_config(self, user_id: int, holdings: list[Holding]) -> list[Holding]:
        if user_id in self._config_admins and not any(h.role is Role.ADMIN for h in holdings):
            holdings = [*holdings, Holding(Role.ADMIN)]
        return holdings

    def _holdings_sync(self, session: Session, user_id: int) -> list[Holding]:
        return self._with_config(user_id, holdings_of(session, user_id))

    async def holdings(self, user_id: int) -> list[Holding]:
        """Every role the user holds, ADMIN_IDS included; read fresh on every call, so a
        revocation takes effect at the next command or button press."""
        return self._with_config(user_id, await self._db.run(holdings_of, user_id))

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

    async def allowed(self, user_id: int, action: Action, place: Place | None = None) -> bool:
        """Whether `user_id` may do `action` at `place` (None: anywhere)."""
        return allowed(await self.holdings(user_id), action, place)

    async def may_invite(self, user_id: int, spec: RoleSpec) -> bool:
        """Whether `user_id` may invite someone to `spec`."""
        place = None if spec.scope.everywhere else self._scope_place(spec.scope)
        return can_invite(await self.holdings(user_id), spec.role, place)

    def _scope_place(self, scope: Scope) -> Place:
        return self.place(area_id=scope.area_id, polsek_id=scope.polsek_id)

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

    async def open_invites(self, created_by: int | None = None) -> list[InviteInfo]:
        """Open invites (of one creator, if given)."""
        return await self._db.run(open_invites, created_by=created_by)

    async def preview_invite(self, code: str) -> InviteInfo:
        """What an invite offers; RoleError when it cannot be used."""
        return await self._db.run(preview_invite, code, inviter_holdings=self._holdings_sync)

    # changing

    async def run(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Run one of this module's change functions in a transaction."""
        return await self._db.run(fn, *args, **kwargs)

    async def redeem_invite(self, code: str, user_id: int) -> Redeemed:
        """Redeem an invite for `user_id` (see `redeem_invite`)."""
        return await self._db.run(
            redeem_invite, code, user_id, inviter_holdings=self._holdings_sync
        )

    # published command menus

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
