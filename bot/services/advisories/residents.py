"""What readers do with advisories: acknowledge a Darurat one, mute an organisation's Info
ones, read the recent ones for their areas; and the author's own list with its read counts."""

from __future__ import annotations

import json

from sqlmodel import Session

from bot.services.advisories.acks import AckWriter
from bot.services.advisories.parts import Deps
from bot.services.advisories.parts import Part
from bot.services.advisories.types import Summary
from bot.services.advisories.types import Target
from bot.services.advisories.types import style
from storage import advisories as q
from storage.models import Advisory
from storage.models import Organisation

HISTORY_LIMIT = 10
MINE_LIMIT = 10
MAX_KNOWN = 1_000


class Readers(Part):
    """Acknowledgements, mutes and lists of advisories."""

    def __init__(self, deps: Deps) -> None:
        super().__init__(deps)
        self._acks = AckWriter(self._db)
        # Advisories known to take acknowledgements (a level never changes): a press under a
        # Darurat is one write, not a read and a write.
        self._acknowledgeable: set[int] = set()

    async def acknowledge(self, advisory_id: int, user_id: int) -> bool | None:
        """Record "Sudah dibaca": True if new, False if said before, None if there is no such
        Darurat advisory."""
        if advisory_id not in self._acknowledgeable:
            advisory = await self._db.run(q.get, advisory_id=advisory_id)
            if advisory is None or not style(advisory.level).acknowledge:
                return None
            if len(self._acknowledgeable) >= MAX_KNOWN:
                self._acknowledgeable.clear()
            self._acknowledgeable.add(advisory_id)
        return await self._acks.add(advisory_id, user_id)

    async def mine(self, user_id: int) -> list[Summary]:
        """The author's newest advisories, with their acknowledgement and update counts (an
        admin sees everyone's)."""
        everyone = await self._roles.is_admin(user_id)

        def read(session: Session) -> list[Summary]:
            found = q.by_author(session, author_id=None if everyone else user_id, limit=MINE_LIMIT)
            return [
                Summary(
                    a,
                    q.ack_count(session, advisory_id=a.id or 0),
                    len(q.updates_of(session, advisory_id=a.id or 0)),
                )
                for a in found
            ]

        return await self._db.run(read)

    async def history(self, user_id: int) -> list[Advisory]:
        """The newest advisories sent to the areas the person follows (their desa, its
        kecamatan and kabupaten; a kecamatan's desa), exercises and cancelled ones included."""
        following = await self._subscriptions.following(user_id)
        mine: set[int] = set()
        for area in following.areas:
            mine.update(x for x in (area.id, area.kecamatan_id, area.kabupaten_id) if x)
        followed = {area.id for area in following.areas}
        if not mine:
            return []
        found = []
        for advisory in await self._db.run(q.recent_sent, limit=200):
            for target in (Target.from_json(x) for x in json.loads(advisory.targets)):
                entry = self._areas.get(target.area_id)
                if target.group is not None or entry is None:
                    continue
                if (
                    entry.id in mine
                    or entry.kecamatan_id in followed
                    or entry.kabupaten_id in followed
                ):
                    found.append(advisory)
                    break
            if len(found) >= HISTORY_LIMIT:
                break
        return found

    async def organisations_for(self, user_id: int) -> tuple[list[Organisation], set[int]]:
        """The organisations a resident can mute (those of their recent advisories and those
        already muted), and which are muted."""
        recent = await self.history(user_id)

        def read(session: Session) -> tuple[list[Organisation], set[int]]:
            muted = q.mutes_of(session, user_id=user_id)
            ids = {a.organisation_id for a in recent if a.organisation_id} | muted
            orgs = [o for i in ids if (o := q.organisation(session, organisation_id=i))]
            return sorted(orgs, key=lambda o: o.name), muted

        return await self._db.run(read)

    async def toggle_mute(self, user_id: int, organisation_id: int) -> bool | None:
        """Mute or unmute an organisation's Info advisories; the new state (None: unknown)."""

        def store(session: Session) -> bool | None:
            if q.organisation(session, organisation_id=organisation_id) is None:
                return None
            muted = organisation_id not in q.mutes_of(session, user_id=user_id)
            q.set_mute(session, user_id=user_id, organisation_id=organisation_id, muted=muted)
            return muted

        return await self._db.run(store)
