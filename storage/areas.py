"""Query functions for areas, neighbours, police sectors, subscriptions and group links.

Each takes the session of the caller's transaction (see `Database.call` / `Database.run`).
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence

from sqlalchemy import delete
from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy.orm import aliased
from sqlmodel import Session
from sqlmodel import col
from sqlmodel import select

from storage.models import Area
from storage.models import AreaLevel
from storage.models import GroupLink
from storage.models import HomeArea
from storage.models import NeighbourLink
from storage.models import Polsek
from storage.models import Subscription
from storage.models import utcnow


def all_areas(session: Session) -> Sequence[Area]:
    """Every area, parents before children is not guaranteed (callers map by id)."""
    return session.exec(select(Area).order_by(col(Area.id))).all()


def get_area(session: Session, area_id: int) -> Area | None:
    """The area with this id, or None."""
    return session.get(Area, area_id)


def children(session: Session, parent_id: int) -> Sequence[Area]:
    """The areas directly under `parent_id`, by name."""
    statement = select(Area).where(Area.parent_id == parent_id).order_by(col(Area.name))
    return session.exec(statement).all()


def areas_by_level(session: Session, level: AreaLevel) -> Sequence[Area]:
    """Every area of one level, by name."""
    statement = select(Area).where(Area.level == level).order_by(col(Area.name))
    return session.exec(statement).all()


def count_children(session: Session, parent_ids: Iterable[int]) -> dict[int, int]:
    """How many areas lie directly under each of `parent_ids`."""
    statement = (
        select(Area.parent_id, func.count())
        .where(col(Area.parent_id).in_(list(parent_ids)))
        .group_by(col(Area.parent_id))
    )
    return {parent: count for parent, count in session.exec(statement).all() if parent is not None}


# --- neighbours -------------------------------------------------------------------------------


def neighbour_ids(session: Session, desa: Area) -> set[int]:
    """The desa next to `desa`: its kecamatan's other desa, with an admin's changes applied."""
    siblings = session.exec(
        select(Area.id).where(Area.parent_id == desa.parent_id, Area.level == AreaLevel.DESA)
    ).all()
    result = {area_id for area_id in siblings if area_id is not None and area_id != desa.id}
    links = session.exec(
        select(NeighbourLink).where(
            or_(col(NeighbourLink.area_a) == desa.id, col(NeighbourLink.area_b) == desa.id)
        )
    ).all()
    for link in links:
        other = link.area_b if link.area_a == desa.id else link.area_a
        if link.linked:
            result.add(other)
        else:
            result.discard(other)
    return result


def set_neighbours(
    session: Session, first: Area, second: Area, *, linked: bool, actor_id: int | None
) -> bool:
    """Make two desa neighbours (or not); False if that is already so."""
    assert first.id is not None and second.id is not None
    currently = second.id in neighbour_ids(session, first)
    if currently == linked:
        return False
    low, high = sorted((first.id, second.id))
    link = session.exec(
        select(NeighbourLink).where(NeighbourLink.area_a == low, NeighbourLink.area_b == high)
    ).first()
    same_kecamatan = first.parent_id == second.parent_id
    if link is not None and linked == same_kecamatan:
        # Back to the default: the override is no longer needed.
        session.delete(link)
    elif link is not None:
        link.linked, link.changed_by, link.changed_at = linked, actor_id, utcnow()
        session.add(link)
    else:
        session.add(NeighbourLink(area_a=low, area_b=high, linked=linked, changed_by=actor_id))
    return True


# --- police sectors ---------------------------------------------------------------------------


def polsek_by_name(session: Session, name: str) -> Polsek | None:
    """The Polsek with this name, ignoring case."""
    statement = select(Polsek).where(func.lower(Polsek.name) == name.strip().lower())
    return session.exec(statement).first()


def all_polsek(session: Session) -> Sequence[Polsek]:
    """Every Polsek, by name."""
    return session.exec(select(Polsek).order_by(col(Polsek.name))).all()


def polsek_for_area(session: Session, area: Area) -> Polsek | None:
    """The Polsek covering a desa (through its kecamatan) or a kecamatan."""
    kecamatan = area if area.level == AreaLevel.KECAMATAN else None
    if area.level in (AreaLevel.DESA, AreaLevel.DUSUN):
        kecamatan = _ancestor(session, area, AreaLevel.KECAMATAN)
    if kecamatan is None or kecamatan.polsek_id is None:
        return None
    return session.get(Polsek, kecamatan.polsek_id)


def _ancestor(session: Session, area: Area, level: AreaLevel) -> Area | None:
    current: Area | None = area
    while current is not None and current.level != level:
        current = session.get(Area, current.parent_id) if current.parent_id else None
    return current


# --- subscriptions ----------------------------------------------------------------------------


def home_area_id(session: Session, user_id: int) -> int | None:
    """The id of the user's home desa, or None."""
    home = session.get(HomeArea, user_id)
    return home.area_id if home else None


def set_home(session: Session, user_id: int, area_id: int) -> int | None:
    """Store the user's home desa; return the previous one."""
    home = session.get(HomeArea, user_id)
    previous = home.area_id if home else None
    if home is None:
        home = HomeArea(user_id=user_id, area_id=area_id)
    else:
        home.area_id, home.updated_at = area_id, utcnow()
    session.add(home)
    return previous


def subscription_ids(session: Session, user_id: int) -> list[int]:
    """The areas the user follows, oldest first."""
    statement = (
        select(Subscription.area_id)
        .where(Subscription.user_id == user_id)
        .order_by(col(Subscription.id))
    )
    return list(session.exec(statement).all())


def subscribe(session: Session, user_id: int, area_id: int) -> bool:
    """Follow an area; False if already followed (the unique pair makes a race harmless)."""
    exists = session.exec(
        select(Subscription.id).where(
            Subscription.user_id == user_id, Subscription.area_id == area_id
        )
    ).first()
    if exists is not None:
        return False
    session.add(Subscription(user_id=user_id, area_id=area_id))
    session.flush()
    return True


def unsubscribe(session: Session, user_id: int, area_ids: Iterable[int] | None = None) -> int:
    """Stop following the given areas (all when None); return how many were removed."""
    statement = delete(Subscription).where(col(Subscription.user_id) == user_id)
    if area_ids is not None:
        statement = statement.where(col(Subscription.area_id).in_(list(area_ids)))
    return session.exec(statement).rowcount or 0


def subscriber_ids(session: Session, area_ids: Iterable[int]) -> set[int]:
    """Users following any of `area_ids` (callers pass a desa with its kecamatan and kabupaten)."""
    statement = select(Subscription.user_id).where(col(Subscription.area_id).in_(list(area_ids)))
    return set(session.exec(statement).all())


# --- group links ------------------------------------------------------------------------------


def link_group(
    session: Session, chat_id: int, area_id: int, *, title: str, actor_id: int | None
) -> bool:
    """Link a group chat to an area; False if it already was."""
    exists = session.exec(
        select(GroupLink).where(GroupLink.chat_id == chat_id, GroupLink.area_id == area_id)
    ).first()
    if exists is not None:
        return False
    session.add(
        GroupLink(chat_id=chat_id, area_id=area_id, chat_title=title[:256], linked_by=actor_id)
    )
    session.flush()
    return True


def unlink_group(session: Session, chat_id: int, area_id: int | None = None) -> int:
    """Unlink a group from one area (all when None); return how many links were removed."""
    statement = delete(GroupLink).where(col(GroupLink.chat_id) == chat_id)
    if area_id is not None:
        statement = statement.where(col(GroupLink.area_id) == area_id)
    return session.exec(statement).rowcount or 0


def group_area_ids(session: Session, chat_id: int) -> list[int]:
    """The areas a group is linked to."""
    statement = select(GroupLink.area_id).where(GroupLink.chat_id == chat_id)
    return list(session.exec(statement).all())


def linked_groups(session: Session, area_ids: Iterable[int]) -> set[int]:
    """Group chats linked to any of `area_ids`."""
    statement = select(GroupLink.chat_id).where(col(GroupLink.area_id).in_(list(area_ids)))
    return set(session.exec(statement).all())


def areas_with_parents(session: Session, area_ids: Iterable[int]) -> list[tuple[Area, Area | None]]:
    """Each area with its parent, in one query."""
    parent = aliased(Area)
    statement = (
        select(Area, parent)
        .join(parent, col(Area.parent_id) == parent.id, isouter=True)
        .where(col(Area.id).in_(list(area_ids)))
    )
    return list(session.exec(statement).all())
