"""Query functions for roles, organisations, invites and published command menus; each takes
the session of the caller's transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Sequence
from typing import Any
from typing import cast

from sqlalchemy import CursorResult
from sqlalchemy import or_
from sqlalchemy import update
from sqlmodel import Session
from sqlmodel import col
from sqlmodel import select

from storage.models import Area
from storage.models import CommandMenu
from storage.models import Invite
from storage.models import Organisation
from storage.models import Role
from storage.models import RoleAssignment
from storage.models import utcnow


def scope_key(area_id: int | None = None, polsek_id: int | None = None) -> str:
    """The canonical scope string: "" (everywhere), "area:<id>" or "polsek:<id>"."""
    if area_id is not None:
        return f"area:{area_id}"
    if polsek_id is not None:
        return f"polsek:{polsek_id}"
    return ""


# --- role assignments ------------------------------------------------------------------------


def roles_of(session: Session, user_id: int) -> set[Role]:
    """Every role the user holds, in any scope."""
    rows = session.exec(select(RoleAssignment.role).where(RoleAssignment.user_id == user_id))
    return {Role(r) for r in rows}


def assignments_of(session: Session, user_id: int) -> Sequence[RoleAssignment]:
    """The user's role assignments, oldest first."""
    return session.exec(
        select(RoleAssignment)
        .where(RoleAssignment.user_id == user_id)
        .order_by(col(RoleAssignment.id))
    ).all()


def find_assignment(
    session: Session, user_id: int, role: Role, scope: str = ""
) -> RoleAssignment | None:
    """The assignment of `role` in `scope` to `user_id`, if there is one."""
    return session.exec(
        select(RoleAssignment).where(
            RoleAssignment.user_id == user_id,
            RoleAssignment.role == role,
            RoleAssignment.scope == scope,
        )
    ).first()


def list_assignments(
    session: Session,
    *,
    role: Role | None = None,
    area_ids: Iterable[int] | None = None,
    polsek_ids: Iterable[int] | None = None,
    user_id: int | None = None,
) -> Sequence[RoleAssignment]:
    """Role assignments, oldest first; filtered by role, person and scope (area or Polsek ids: an
    assignment matches when its scope is one of them)."""
    query = select(RoleAssignment).order_by(col(RoleAssignment.granted_at), col(RoleAssignment.id))
    if role is not None:
        query = query.where(RoleAssignment.role == role)
    if user_id is not None:
        query = query.where(RoleAssignment.user_id == user_id)
    if area_ids is not None or polsek_ids is not None:
        conditions = []
        if area_ids is not None:
            conditions.append(col(RoleAssignment.area_id).in_(list(area_ids)))
        if polsek_ids is not None:
            conditions.append(col(RoleAssignment.polsek_id).in_(list(polsek_ids)))
        query = query.where(or_(*conditions))
    return session.exec(query).all()


def holder_ids(session: Session) -> set[int]:
    """Everyone who holds at least one role."""
    return set(session.exec(select(RoleAssignment.user_id).distinct()))


# --- scopes ----------------------------------------------------------------------------------


def kecamatan_ids(session: Session, *, polsek_id: int) -> list[int]:
    """The kecamatan a Polsek covers."""
    rows = session.exec(select(Area.id).where(Area.polsek_id == polsek_id))
    return [area_id for area_id in rows if area_id is not None]


def areas_under(session: Session, *, roots: Iterable[int]) -> set[int]:
    """The areas `roots` and every area below them."""
    found = set(roots)
    frontier = list(found)
    while frontier:
        children = session.exec(select(Area.id).where(col(Area.parent_id).in_(frontier))).all()
        frontier = [c for c in children if c is not None and c not in found]
        found.update(frontier)
    return found


# --- organisations ---------------------------------------------------------------------------


def organisation(session: Session, organisation_id: int) -> Organisation | None:
    """The organisation with this id."""
    return session.get(Organisation, organisation_id)


def organisation_by_scope(session: Session, kind: str, scope: str) -> Organisation | None:
    """The organisation of `kind` for `scope`, if it exists."""
    return session.exec(
        select(Organisation).where(Organisation.kind == kind, Organisation.scope == scope)
    ).first()


def all_organisations(session: Session) -> Sequence[Organisation]:
    """Every organisation, by name."""
    return session.exec(select(Organisation).order_by(col(Organisation.name))).all()


# --- invites ---------------------------------------------------------------------------------


def invite_by_hash(session: Session, code_hash: str) -> Invite | None:
    """The invite whose code hashes to `code_hash`."""
    return session.exec(select(Invite).where(Invite.code_hash == code_hash)).first()


def _still_open(now: dt.datetime | None = None) -> list[Any]:
    """Conditions of an invite that was neither used nor cancelled (nor, given `now`, expired)."""
    conditions: list[Any] = [col(Invite.used_at).is_(None), col(Invite.cancelled_at).is_(None)]
    if now is not None:
        conditions.append(col(Invite.expires_at) > now)
    return conditions


def claim_invite(session: Session, invite_id: int, user_id: int, now: dt.datetime) -> bool:
    """Mark an invite used by `user_id`, only if it is still open: one statement, so of two
    people redeeming at once exactly one wins."""
    statement = (
        update(Invite)
        .where(col(Invite.id) == invite_id, *_still_open(now))
        .values(used_by=user_id, used_at=now)
    )
    return cast(CursorResult[Any], session.execute(statement)).rowcount == 1


def open_invites(
    session: Session, now: dt.datetime, created_by: int | None = None
) -> Sequence[Invite]:
    """Invites not used, cancelled or expired, newest first (of one creator, if given)."""
    query = select(Invite).where(*_still_open(now))
    if created_by is not None:
        query = query.where(Invite.created_by == created_by)
    return session.exec(query.order_by(col(Invite.id).desc())).all()


def cancel_invite(session: Session, invite_id: int, now: dt.datetime | None = None) -> bool:
    """Cancel an open invite; False if it was used, cancelled or never existed."""
    statement = (
        update(Invite)
        .where(col(Invite.id) == invite_id, *_still_open())
        .values(cancelled_at=now or utcnow())
    )
    return cast(CursorResult[Any], session.execute(statement)).rowcount == 1


# --- published command menus -----------------------------------------------------------------


def menu_keys(session: Session) -> dict[int, str]:
    """The menu published per user (user id -> menu key)."""
    return {row.user_id: row.menu_key for row in session.exec(select(CommandMenu))}


def menu_key(session: Session, user_id: int) -> str | None:
    """The key of the menu last published for `user_id`."""
    row = session.get(CommandMenu, user_id)
    return row.menu_key if row else None


def set_menu_key(session: Session, user_id: int, key: str | None) -> None:
    """Remember the menu published for `user_id` (None: back to the shared default)."""
    row = session.get(CommandMenu, user_id)
    if key is None:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        row = CommandMenu(user_id=user_id, menu_key=key)
    row.menu_key = key
    row.published_at = utcnow()
    session.add(row)
