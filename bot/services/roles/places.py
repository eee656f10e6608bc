"""Scopes as places and names: which Polsek, kecamatan and kabupaten a scope lies in, and how
people read it."""

from __future__ import annotations

from sqlmodel import Session

from bot.services.authz import EVERYWHERE
from bot.services.authz import Place
from bot.services.authz import Scope
from storage import roles as q
from storage.areas import get_area
from storage.models import Area
from storage.models import AreaLevel
from storage.models import Polsek


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
        current = get_area(session, current.parent_id) if current.parent_id else None
    return found


def place_of(session: Session, scope: Scope) -> Place:
    """The Place a scope (or a target area) is, read from the database."""
    if scope.area_id is not None:
        area = get_area(session, scope.area_id)
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
        area = get_area(session, scope.area_id)
        if area is None:
            return f"#{scope.area_id}"
        if area.level == AreaLevel.KECAMATAN:
            return f"Kec. {area.name}"
        parent = get_area(session, area.parent_id) if area.parent_id else None
        if area.level == AreaLevel.DESA and parent is not None:
            return f"{area.name} (Kec. {parent.name})"
        return area.name
    if scope.polsek_id is not None:
        polsek = session.get(Polsek, scope.polsek_id)
        return polsek.name if polsek else f"Polsek #{scope.polsek_id}"
    return ""


def inside(session: Session, scope: Scope) -> tuple[set[int], set[int]]:
    """The area ids and Polsek ids that lie in a scope (for a Polsek: itself and every area
    it covers, down to the desa)."""
    if scope.polsek_id is not None:
        return q.areas_under(session, roots=q.kecamatan_ids(session, polsek_id=scope.polsek_id)), {
            scope.polsek_id
        }
    return q.areas_under(session, roots=[scope.area_id or 0]), set()
