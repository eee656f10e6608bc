"""The organisations roles speak for (a Polsek, a Karang Taruna, an MUI, ...): created with a
default name on the first role given there, renamed and set to need approval by an admin."""

from __future__ import annotations

from sqlmodel import Session

from bot.services.authz import Scope
from storage import queries
from storage import roles as q
from storage.areas import get_area
from storage.models import AreaLevel
from storage.models import Organisation
from storage.models import OrgKind
from storage.models import Role

from .places import place_of
from .places import scope_name
from .types import RoleError

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


def _default_name(kind: OrgKind, session: Session, scope: Scope) -> str:
    if kind is OrgKind.POLSEK:
        return scope_name(session, scope)
    area = get_area(session, scope.area_id) if scope.area_id is not None else None
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
        name=_default_name(kind, session, scope)[:128],
        scope=scope.key,
        area_id=scope.area_id,
        polsek_id=scope.polsek_id,
        needs_approval=kind in APPROVAL_BY_DEFAULT,
    )
    session.add(organisation)
    session.flush()
    return organisation


def rename(
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
        raise RoleError("roles.err_org_name", message="a name has 2 to 128 characters")
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
        raise RoleError(
            "roles.err_org_missing", message=f"organisation #{organisation_id} does not exist"
        )
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
