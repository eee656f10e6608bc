"""Changes to areas and police sectors, shared by the admin commands and the command line.

Each function takes the caller's session (one transaction) and writes an audit entry saying who
changed what; a change that cannot be made raises `AreaError`.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session

from bot.errors import UserFacingError
from bot.services.area_search import area_key
from bot.services.area_search import compact_key
from storage import areas as q
from storage import queries
from storage.models import Area
from storage.models import AreaLevel
from storage.models import Polsek


class AreaError(UserFacingError):
    """A change that cannot be made: a text key (with its values) for the bot to say it in the
    admin's language, and an English `message=` for the command line."""


def _require(session: Session, area_id: int, *levels: AreaLevel) -> Area:
    area = q.get_area(session, area_id)
    if area is None or (levels and area.level not in levels):
        kinds = "/".join(level.value for level in levels) or "area"
        message = f"#{area_id} is not a {kinds}."
        raise AreaError("areas.admin_wrong_level", message=message, id=area_id)
    return area


def add_desa(
    session: Session,
    kecamatan_id: int,
    name: str,
    *,
    postal_code: str | None = None,
    actor_id: int | None = None,
    actor_label: str = "",
) -> Area:
    """Add a desa/kelurahan the data lacks."""
    kecamatan = _require(session, kecamatan_id, AreaLevel.KECAMATAN)
    name = _clean_name(name)
    _refuse_sibling_named(session, kecamatan_id, AreaLevel.DESA, name)
    area = Area(level=AreaLevel.DESA, name=name, parent_id=kecamatan_id, postal_code=postal_code)
    session.add(area)
    session.flush()
    queries.add_audit(
        session,
        "area.add",
        actor_id=actor_id,
        actor_label=actor_label,
        target=f"area:{area.id}",
        details=f"{name} in {kecamatan.name}",
    )
    return area


def _refuse_sibling_named(
    session: Session, parent_id: int | None, level: AreaLevel, name: str, *, but: int | None = None
) -> None:
    """Two areas of one parent must not share a name: it would stay ambiguous for everyone."""
    siblings = q.children(session, parent_id) if parent_id else q.areas_by_level(session, level)
    for sibling in siblings:
        same = area_key(level, sibling.name) == area_key(level, name)
        if sibling.id != but and sibling.level == level and same:
            named = f"a {level.value} named {sibling.name} (#{sibling.id})"
            raise AreaError(
                "areas.admin_duplicate",
                message=f"There already is {named} there.",
                name=sibling.name,
                id=sibling.id,
            )


def rename_area(
    session: Session, area_id: int, name: str, *, actor_id: int | None = None, actor_label: str = ""
) -> Area:
    """Give an area a new name (a later import of the same data would rename it back)."""
    area = _require(session, area_id)
    new = _clean_name(name)
    _refuse_sibling_named(session, area.parent_id, AreaLevel(area.level), new, but=area_id)
    old, area.name = area.name, new
    session.add(area)
    queries.add_audit(
        session,
        "area.rename",
        actor_id=actor_id,
        actor_label=actor_label,
        target=f"area:{area_id}",
        details=f"{old} -> {area.name}",
    )
    return area


def set_neighbours(
    session: Session,
    first_id: int,
    second_id: int,
    *,
    linked: bool,
    actor_id: int | None = None,
    actor_label: str = "",
) -> bool:
    """Make two desa neighbours, or not; False if they already were (or were not)."""
    if first_id == second_id:
        raise AreaError("areas.admin_self_neighbour", message="A desa is not its own neighbour.")
    first = _require(session, first_id, AreaLevel.DESA)
    second = _require(session, second_id, AreaLevel.DESA)
    changed = q.set_neighbours(session, first, second, linked=linked, actor_id=actor_id)
    if changed:
        queries.add_audit(
            session,
            "area.neighbour." + ("add" if linked else "remove"),
            actor_id=actor_id,
            actor_label=actor_label,
            target=f"area:{first_id}",
            details=f"area:{second_id}",
        )
    return changed


def set_polsek_coverage(
    session: Session,
    polsek_name: str,
    kecamatan_ids: Iterable[int],
    *,
    actor_id: int | None = None,
    actor_label: str = "",
) -> Polsek:
    """Create the Polsek if new, and make it cover the given kecamatan."""
    polsek = q.polsek_by_name(session, polsek_name)
    if polsek is None:
        polsek = Polsek(name=_clean_name(polsek_name))
        session.add(polsek)
        session.flush()
    for kecamatan_id in kecamatan_ids:
        kecamatan = _require(session, kecamatan_id, AreaLevel.KECAMATAN)
        if kecamatan.polsek_id == polsek.id:
            continue
        kecamatan.polsek_id = polsek.id
        session.add(kecamatan)
        queries.add_audit(
            session,
            "polsek.cover",
            actor_id=actor_id,
            actor_label=actor_label,
            target=f"polsek:{polsek.id}",
            details=f"kecamatan {kecamatan.name}",
        )
    return polsek


def set_duty_chat(
    session: Session,
    polsek_name: str,
    chat_id: int | None,
    *,
    actor_id: int | None = None,
    actor_label: str = "",
) -> Polsek:
    """Set (or clear, with None) the duty chat of an existing Polsek."""
    polsek = q.polsek_by_name(session, polsek_name)
    if polsek is None:
        raise AreaError(
            "areas.polsek_unknown", message=f"No Polsek named '{polsek_name}'.", name=polsek_name
        )
    polsek.duty_chat_id = chat_id
    session.add(polsek)
    queries.add_audit(
        session,
        "polsek.duty_chat",
        actor_id=actor_id,
        actor_label=actor_label,
        target=f"polsek:{polsek.id}",
        details=str(chat_id),
    )
    return polsek


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > 128 or not compact_key(name):
        message = "A name needs letters or digits, at most 128 characters."
        raise AreaError("areas.admin_bad_name", message=message)
    return name
