"""Who follows what: a person's home desa, the areas they follow, the groups linked to areas,
and the audience a message for some areas reaches."""

from __future__ import annotations

import enum
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import Session

from bot.services.area_search import AreaEntry
from storage import areas as q
from storage import queries
from storage.db import Database
from storage.models import AreaLevel

if TYPE_CHECKING:
    from bot.services.areas import AreaService

# A person may follow this many areas at most (home desa included): enough for a desa, its
# neighbours and the kecamatan, and few enough that a broadcast stays meaningful.
MAX_SUBSCRIPTIONS = 15
# A home is a desa; one follows (or links a group to) a desa or a whole kecamatan.
HOME_LEVELS = (AreaLevel.DESA,)
FOLLOW_LEVELS = (AreaLevel.DESA, AreaLevel.KECAMATAN)
# A person's home desa is read at every /start and /lapor and rarely changes: it is kept in
# memory and replaced when `set_home` stores a new one. Each process keeps its own; a change
# made in another process shows here after this many seconds at the latest.
HOME_REFRESH_SECONDS = 300.0
# Bound on remembered homes (about 100 bytes each); the least recently read go first.
MAX_CACHED_HOMES = 100_000


class Unknown(enum.Enum):
    """Not in memory: ask the database (`SubscriptionService.known_home`)."""

    HOME = "unknown"


class SubscribeResult(enum.Enum):
    """What `subscribe` did."""

    ADDED = "added"
    ALREADY = "already"
    COVERED = "covered"  # the user follows the whole kecamatan already
    LIMIT = "limit"
    INVALID = "invalid"


@dataclass(frozen=True)
class Following:
    """A person's home desa and the areas they follow (home included), as index entries."""

    home: AreaEntry | None
    areas: list[AreaEntry]


class SubscriptionService:
    """A person's home desa, the areas they follow, and the groups linked to areas."""

    def __init__(self, db: Database, areas: AreaService) -> None:
        self._db = db
        self._areas = areas
        self.max_cached_homes = MAX_CACHED_HOMES
        # user id -> (home desa id or None, monotonic time it was read or set)
        self._homes: dict[int, tuple[int | None, float]] = {}

    async def home(self, user_id: int) -> AreaEntry | None:
        """The person's home desa, or None before onboarding."""
        area_id = self.known_home(user_id)
        if area_id is Unknown.HOME:
            area_id = await self._db.run(q.home_area_id, user_id)
            self.remember_home(user_id, area_id)
        return self._areas.get(area_id) if area_id is not None else None

    def known_home(self, user_id: int) -> int | Unknown | None:
        """The id of the person's home desa if it is in memory (None: they have none)."""
        cached = self._homes.get(user_id)
        if cached is None or time.monotonic() - cached[1] >= HOME_REFRESH_SECONDS:
            return Unknown.HOME
        return cached[0]

    def remember_home(self, user_id: int, area_id: int | None) -> None:
        """Note the person's home desa as just read from the database (or stored)."""
        self._homes.pop(user_id, None)  # re-inserted last: the first key is the stalest
        if len(self._homes) >= self.max_cached_homes:
            del self._homes[next(iter(self._homes))]
        self._homes[user_id] = (area_id, time.monotonic())

    def forget(self, user_id: int) -> None:
        """Drop the remembered home desa of `user_id` (their data was deleted)."""
        self._homes.pop(user_id, None)

    async def following(self, user_id: int) -> Following:
        """Home desa and followed areas."""

        def read(session: Session) -> tuple[int | None, list[int]]:
            return q.home_area_id(session, user_id), q.subscription_ids(session, user_id)

        home_id, ids = await self._db.run(read)
        self.remember_home(user_id, home_id)
        areas = [entry for area_id in ids if (entry := self._areas.get(area_id)) is not None]
        return Following(self._areas.get(home_id) if home_id else None, areas)

    async def set_home(self, user_id: int, desa_id: int) -> bool:
        """Make `desa_id` the person's home desa and follow it; False if it is not a desa."""
        entry = self._areas.get(desa_id)
        if entry is None or entry.level not in HOME_LEVELS:
            return False

        def store(session: Session) -> None:
            q.set_home(session, user_id, desa_id)
            # The home desa is always followed, even at the limit.
            q.subscribe(session, user_id, desa_id)

        await self._db.run(store)
        self.remember_home(user_id, desa_id)
        return True

    async def subscribe(self, user_id: int, area_id: int) -> SubscribeResult:
        """Follow a desa or a whole kecamatan."""
        entry = self._areas.get(area_id)
        if entry is None or entry.level not in FOLLOW_LEVELS:
            return SubscribeResult.INVALID

        def store(session: Session) -> SubscribeResult:
            current = q.subscription_ids(session, user_id)
            if area_id in current:
                return SubscribeResult.ALREADY
            if entry.level == AreaLevel.DESA and entry.kecamatan_id in current:
                return SubscribeResult.COVERED
            if len(current) >= MAX_SUBSCRIPTIONS:
                return SubscribeResult.LIMIT
            q.subscribe(session, user_id, area_id)
            return SubscribeResult.ADDED

        return await self._db.run(store)

    async def unsubscribe(self, user_id: int, area_id: int | None = None) -> int:
        """Stop following one area, or every area when None; the number stopped."""
        return await self._db.run(q.unsubscribe, user_id, None if area_id is None else [area_id])

    async def link_group(
        self, chat_id: int, area_id: int, *, title: str, actor_id: int
    ) -> bool | None:
        """Link a group to a desa or kecamatan; None if the area is not one, False if linked."""
        entry = self._areas.get(area_id)
        if entry is None or entry.level not in FOLLOW_LEVELS:
            return None

        def store(session: Session) -> bool:
            linked = q.link_group(session, chat_id, area_id, title=title, actor_id=actor_id)
            if linked:
                queries.add_audit(
                    session,
                    "group.link",
                    actor_id=actor_id,
                    target=f"chat:{chat_id}",
                    details=f"area:{area_id}",
                )
            return linked

        return await self._db.run(store)

    async def unlink_group(self, chat_id: int, *, actor_id: int) -> list[AreaEntry]:
        """Unlink a group from every area; the areas it was linked to."""

        def store(session: Session) -> list[int]:
            ids = q.group_area_ids(session, chat_id)
            if ids:
                q.unlink_group(session, chat_id)
                queries.add_audit(
                    session,
                    "group.unlink",
                    actor_id=actor_id,
                    target=f"chat:{chat_id}",
                    details=",".join(map(str, ids)),
                )
            return ids

        ids = await self._db.run(store)
        return [entry for area_id in ids if (entry := self._areas.get(area_id)) is not None]

    async def group_areas(self, chat_id: int) -> list[AreaEntry]:
        """The areas a group is linked to."""
        ids = await self._db.run(q.group_area_ids, chat_id)
        return [entry for area_id in ids if (entry := self._areas.get(area_id)) is not None]

    async def audience(self, area_ids: Iterable[int]) -> tuple[set[int], set[int]]:
        """Who hears about `area_ids`: (people, group chats), each chat once.

        A message for a desa reaches those following the desa, its kecamatan or its kabupaten;
        one for a kecamatan also reaches those following any of its desa.
        """
        related = self._related(area_ids)

        def read(session: Session) -> tuple[set[int], set[int]]:
            return q.subscriber_ids(session, related), q.linked_groups(session, related)

        return await self._db.run(read)

    def _related(self, area_ids: Iterable[int]) -> set[int]:
        index = self._areas.index
        related: set[int] = set()
        for area_id in area_ids:
            entry = index.by_id.get(area_id)
            if entry is None:
                continue
            related.update(x for x in (entry.id, entry.kecamatan_id, entry.kabupaten_id) if x)
            # Downwards: a kabupaten's kecamatan and their desa, a kecamatan's desa.
            below = list(index.members.get(entry.id, []))
            while below:
                member = below.pop()
                related.add(member.id)
                below.extend(index.members.get(member.id, []))
        return related
