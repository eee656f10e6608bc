"""Who holds which role where: reading holdings and assignments, and granting and revoking
them (validated, audited, in the caller's transaction)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from bot.services.authz import EVERYWHERE
from bot.services.authz import Holding
from bot.services.authz import Place
from bot.services.authz import Scope
from bot.services.roles.organisations import organisation_for
from bot.services.roles.places import inside
from bot.services.roles.places import place_of
from bot.services.roles.places import scope_from_key
from bot.services.roles.places import scope_name
from bot.services.roles.types import POLSEK_SCOPE
from bot.services.roles.types import ROLE_SCOPES
from bot.services.roles.types import Assignment
from bot.services.roles.types import GrantResult
from bot.services.roles.types import RoleError
from bot.services.roles.types import RoleSpec
from bot.services.roles.types import describe
from storage import queries
from storage import roles as q
from storage.areas import get_area
from storage.models import AreaLevel
from storage.models import Division
from storage.models import Invite
from storage.models import Organisation
from storage.models import Polsek
from storage.models import Role
from storage.models import RoleAssignment

# --- reading ---------------------------------------------------------------------------------


def holding(row: RoleAssignment | Invite, organisation: Organisation | None) -> Holding:
    """The role a stored assignment (or invite) gives."""
    return Holding(
        role=Role(row.role),
        scope=scope_from_key(row.scope),
        division=Division(row.division) if row.division else None,
        koordinator=bool(row.koordinator),
        assignment_id=row.id if isinstance(row, RoleAssignment) else None,
        organisation_id=organisation.id if organisation else None,
        organisation=organisation.name if organisation else None,
    )


def _organisation_of(session: Session, row: RoleAssignment | Invite) -> Organisation | None:
    return q.organisation(session, row.organisation_id) if row.organisation_id else None


def holdings_of(session: Session, user_id: int) -> list[Holding]:
    """Every role the user holds (stored ones; ADMIN_IDS are added by RoleService)."""
    return [
        holding(row, _organisation_of(session, row)) for row in q.assignments_of(session, user_id)
    ]


def _assignment(session: Session, row: RoleAssignment, assignment_id: int) -> Assignment:
    held = holding(row, _organisation_of(session, row))
    return Assignment(
        id=assignment_id,
        user_id=row.user_id,
        holding=held,
        scope_name=scope_name(session, held.scope),
        granted_at=row.granted_at,
        granted_by=row.granted_by,
    )


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
        area_ids, polsek_ids = inside(session, scope)
    rows = q.list_assignments(
        session, role=role, area_ids=area_ids, polsek_ids=polsek_ids or None, user_id=user_id
    )
    return [_assignment(session, row, row.id or 0) for row in rows]


# --- checking ----------------------------------------------------------------------------------


@dataclass
class Checked:
    """What validation found out about a spec."""

    place: Place
    scope_name: str
    organisation: Organisation | None = None


def validate(session: Session, spec: RoleSpec) -> Checked:
    """Check that the role can be held in that scope; raise RoleError saying why not."""
    role = spec.role
    if role not in ROLE_SCOPES:
        raise RoleError("roles.err_not_grantable", message=f"role {role.value} cannot be granted")
    allowed_scopes = ROLE_SCOPES[role]
    scope = spec.scope
    if role is Role.ADMIN:
        if not scope.everywhere:
            raise RoleError(
                "roles.err_admin", message="admin is held for the whole bot, without a scope"
            )
    elif scope.everywhere:
        raise RoleError("roles.err_scope_needed", message=f"role {role.value} needs a scope")
    elif scope.polsek_id is not None:
        if POLSEK_SCOPE not in allowed_scopes:
            raise RoleError(
                "roles.err_scope_level",
                message=f"role {role.value} is held for an area, not a Polsek",
            )
        if session.get(Polsek, scope.polsek_id) is None:
            raise RoleError(
                "roles.err_no_scope", message=f"Polsek #{scope.polsek_id} does not exist"
            )
    else:
        area = get_area(session, scope.area_id or 0)
        if area is None:
            raise RoleError("roles.err_no_scope", message=f"area #{scope.area_id} does not exist")
        if AreaLevel(area.level) not in allowed_scopes:
            raise RoleError(
                "roles.err_scope_level",
                message=f"role {role.value} cannot be held for a {area.level}",
            )
    if role is Role.PEMUDA and spec.division is None:
        raise RoleError(
            "roles.err_division", message="pemuda needs a division (patroli or sosialisasi)"
        )
    if role is not Role.PEMUDA and (spec.division is not None or spec.koordinator):
        raise RoleError(
            "roles.err_not_pemuda", message="only pemuda have a division and koordinator"
        )
    organisation = organisation_for(session, role, scope)
    if role is Role.POLISI and organisation is None:
        raise RoleError(
            "roles.err_no_polsek", message="no Polsek covers this desa yet (kamtibmas polsek set)"
        )
    return Checked(
        place=place_of(session, scope),
        scope_name=scope_name(session, scope),
        organisation=organisation,
    )


def columns(spec: RoleSpec, checked: Checked) -> dict[str, Any]:
    """The role columns an assignment and an invite share."""
    return {
        "role": spec.role,
        "scope": spec.scope.key,
        "area_id": spec.scope.area_id,
        "polsek_id": spec.scope.polsek_id,
        "organisation_id": checked.organisation.id if checked.organisation else None,
        "division": spec.division,
        "koordinator": spec.koordinator,
    }


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
    checked = validate(session, spec)
    existing = q.find_assignment(session, user_id, spec.role, spec.scope.key)
    if existing is not None:
        if existing.division == spec.division and existing.koordinator == spec.koordinator:
            return GrantResult.UNCHANGED
        existing.division = spec.division
        existing.koordinator = spec.koordinator
        session.add(existing)
        result = GrantResult.UPDATED
    else:
        session.add(RoleAssignment(user_id=user_id, granted_by=actor_id, **columns(spec, checked)))
        result = GrantResult.ADDED
    session.flush()
    queries.add_audit(
        session,
        "role.grant" if result is GrantResult.ADDED else "role.update",
        actor_id=actor_id,
        actor_label=actor_label,
        target=str(user_id),
        details=describe(spec, checked.scope_name) + (f" via {via}" if via else ""),
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
    revoked = _assignment(session, row, assignment_id)
    session.delete(row)
    queries.add_audit(
        session,
        "role.revoke",
        actor_id=actor_id,
        actor_label=actor_label,
        target=str(row.user_id),
        details=describe(revoked.holding, revoked.scope_name),
    )
    return revoked
