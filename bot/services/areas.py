"""Areas (kabupaten → kecamatan → desa), their neighbours, police coverage, and who follows what.

`AreaService` keeps an in-memory search index of every area; it is rebuilt after each change made
through this process. (Another process sees an admin's change after its next restart or change;
areas change a few times a year.) Writes go through the sync functions here so the bot and the
command line share them; each one audits who changed what.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlmodel import Session

from bot.services.area_search import AreaEntry, AreaIndex, Match, area_key, compact_key
from storage import areas as q
from storage import queries
from storage.db import Database
from storage.models import Area, AreaLevel, Polsek

# A person may follow this many areas at most (home desa included): enough for a desa, its
# neighbours and the kecamatan, and few enough that a broadcast stays meaningful.
MAX_SUBSCRIPTIONS = 15
# Buttons per page when browsing a kecamatan's desa.
PAGE_SIZE = 8

T = TypeVar("T")

_LEVEL_PREFIX = {AreaLevel.KECAMATAN: "Kec. ", AreaLevel.DUSUN: "Dusun "}


class AreaError(Exception):
    """A change that cannot be made: an English message for the CLI, and a text key (with its
    values) for the bot to say it in the admin's language."""

    def __init__(self, message: str, key: str = "areas.admin_invalid", **values: object) -> None:
        super().__init__(message)
        self.key = key
        self.values = values


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


def _entries(rows: Sequence[Area]) -> list[AreaEntry]:
    by_id = {area.id: area for area in rows}
    entries = []
    for area in rows:
        assert area.id is not None
        kecamatan: Area | None = area if area.level == AreaLevel.KECAMATAN else None
        current: Area | None = area
        while current is not None and current.level not in (
            AreaLevel.KECAMATAN,
            AreaLevel.KABUPATEN,
        ):
            current = by_id.get(current.parent_id)
        if current is not None and current.level == AreaLevel.KECAMATAN:
            kecamatan = current
            current = by_id.get(current.parent_id)
        kabupaten = (
            current if current is not None and current.level == AreaLevel.KABUPATEN else None
        )
        entries.append(
            AreaEntry(
                id=area.id,
                level=AreaLevel(area.level),
                name=area.name,
                kecamatan_id=kecamatan.id if kecamatan else None,
                kabupaten_id=kabupaten.id if kabupaten else None,
            )
        )
    return entries


class AreaService:
    """Look areas up by name or id, browse them, and change them (admins)."""

    def __init__(self, db: Database, *, default_kabupaten: str = "") -> None:
        self._db = db
        self.default_kabupaten_name = default_kabupaten
        self.index = AreaIndex()
        # kecamatan id -> the id of the Polsek covering it
        self.kecamatan_polsek: dict[int, int] = {}

    # --- index ------------------------------------------------------------------------------

    async def load(self) -> None:
        """(Re)build the search index from the database."""
        self._build(await self._db.run(q.all_areas))

    def load_sync(self) -> None:
        """The same, for the command line."""
        self._build(self._db.call(q.all_areas))

    def _build(self, rows: Sequence[Area]) -> None:
        self.index = AreaIndex.build(_entries(rows))
        self.kecamatan_polsek = {
            area.id: area.polsek_id
            for area in rows
            if area.level == AreaLevel.KECAMATAN and area.id is not None and area.polsek_id
        }

    def polsek_id_of(self, area_id: int) -> int | None:
        """The id of the Polsek covering a desa or kecamatan (from the index)."""
        entry = self.get(area_id)
        if entry is None or entry.kecamatan_id is None:
            return None
        return self.kecamatan_polsek.get(entry.kecamatan_id)

    def get(self, area_id: int) -> AreaEntry | None:
        """The indexed area with this id."""
        return self.index.by_id.get(area_id)

    def label(self, entry: AreaEntry, *, with_parent: bool = True) -> str:
        """How people read an area: "Karang Jati (Kec. Lumbang)", "Kec. Lumbang"."""
        name = _LEVEL_PREFIX.get(entry.level, "") + entry.name
        if not with_parent:
            return name
        parent_id = entry.kecamatan_id if entry.level == AreaLevel.DESA else entry.kabupaten_id
        parent = self.index.by_id.get(parent_id) if parent_id is not None else None
        if parent is None or parent.id == entry.id:
            return name
        return f"{name} ({self.label(parent, with_parent=False)})"

    @property
    def default_kabupaten(self) -> AreaEntry | None:
        """The configured kabupaten (Kota and Kabupaten told apart), or the only one imported."""
        kabupaten = [e for e in self.index.entries if e.level == AreaLevel.KABUPATEN]
        wanted = area_key(AreaLevel.KABUPATEN, self.default_kabupaten_name)
        same = [e for e in kabupaten if area_key(AreaLevel.KABUPATEN, e.name) == wanted]
        if len(same) == 1:
            return same[0]
        return kabupaten[0] if len(kabupaten) == 1 else None

    def search(
        self, text: str, levels: Iterable[AreaLevel] = (AreaLevel.DESA, AreaLevel.KECAMATAN)
    ) -> list[Match]:
        """Candidates for a typed name, best first."""
        return self.index.search(text, levels=levels)

    def resolve(self, text: str, levels: Iterable[AreaLevel]) -> AreaEntry | list[Match]:
        """The one area `text` names exactly (or as "#id"), else the candidates to choose from."""
        text = text.strip()
        if text.startswith("#") and text[1:].isdigit():
            entry = self.get(int(text[1:]))
            return entry if entry is not None and entry.level in set(levels) else []
        matches = self.search(text, levels)
        exact = [match for match in matches if match.exact]
        if len(exact) == 1:
            return exact[0].entry
        return exact or matches

    def kecamatan_list(self, kabupaten_id: int | None = None) -> list[AreaEntry]:
        """The kecamatan of a kabupaten (the default one when None), by name."""
        kabupaten = self.get(kabupaten_id) if kabupaten_id else self.default_kabupaten
        return list(self.index.members.get(kabupaten.id, [])) if kabupaten else []

    def desa_list(self, kecamatan_id: int) -> list[AreaEntry]:
        """The desa of a kecamatan, by name."""
        return list(self.index.members.get(kecamatan_id, []))

    # --- neighbours and police --------------------------------------------------------------

    async def neighbours(self, desa_id: int) -> list[AreaEntry]:
        """The desa next to `desa_id`, by name."""
        ids = await self._db.run(_neighbour_ids, desa_id)
        found = [entry for area_id in ids if (entry := self.get(area_id)) is not None]
        return sorted(found, key=lambda entry: entry.name)

    async def polsek_for(self, area_id: int) -> Polsek | None:
        """The Polsek covering a desa or kecamatan."""
        return await self._db.run(_polsek_for, area_id)

    async def polsek_list(self) -> Sequence[Polsek]:
        """Every Polsek, by name."""
        return await self._db.run(q.all_polsek)

    async def change(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Run one of the module's change functions in a transaction, then refresh the index."""
        result = await self._db.run(fn, *args, **kwargs)
        await self.load()
        return result


def match_polsek(polsek: Iterable[Polsek], text: str) -> Polsek | None:
    """The Polsek `text` names, ignoring case and spacing; the word "Polsek" may be left out
    ("lumbang" finds Polsek Lumbang)."""

    # Not compact_key: it drops level words, and "Kec. Lumbang" names the kecamatan.
    def plain(name: str) -> str:
        return " ".join(name.split()).casefold()

    wanted = {plain(text), plain("polsek " + text)}
    return next((row for row in polsek if plain(row.name) in wanted), None)


def _neighbour_ids(session: Session, desa_id: int) -> set[int]:
    desa = q.get_area(session, desa_id)
    return q.neighbour_ids(session, desa) if desa is not None else set()


def _polsek_for(session: Session, area_id: int) -> Polsek | None:
    area = q.get_area(session, area_id)
    return q.polsek_for_area(session, area) if area is not None else None


# --- changes, shared by admin commands and the CLI ---------------------------------------------


def _require(session: Session, area_id: int, *levels: AreaLevel) -> Area:
    area = q.get_area(session, area_id)
    if area is None or (levels and area.level not in levels):
        kinds = "/".join(level.value for level in levels) or "area"
        raise AreaError(f"#{area_id} is not a {kinds}.", "areas.admin_wrong_level", id=area_id)
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
            raise AreaError(
                f"There already is a {level.value} named {sibling.name} (#{sibling.id}) there.",
                "areas.admin_duplicate",
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
        raise AreaError("A desa is not its own neighbour.", "areas.admin_self_neighbour")
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
            f"No Polsek named '{polsek_name}'.", "areas.polsek_unknown", name=polsek_name
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
        raise AreaError(
            "A name needs letters or digits, at most 128 characters.", "areas.admin_bad_name"
        )
    return name


# --- subscriptions ------------------------------------------------------------------------------


class SubscriptionService:
    """A person's home desa, the areas they follow, and the groups linked to areas."""

    def __init__(self, db: Database, areas: AreaService) -> None:
        self._db = db
        self._areas = areas

    async def home(self, user_id: int) -> AreaEntry | None:
        """The person's home desa, or None before onboarding."""
        area_id = await self._db.run(q.home_area_id, user_id)
        return self._areas.get(area_id) if area_id is not None else None

    async def following(self, user_id: int) -> Following:
        """Home desa and followed areas."""

        def read(session: Session) -> tuple[int | None, list[int]]:
            return q.home_area_id(session, user_id), q.subscription_ids(session, user_id)

        home_id, ids = await self._db.run(read)
        areas = [entry for area_id in ids if (entry := self._areas.get(area_id)) is not None]
        return Following(self._areas.get(home_id) if home_id else None, areas)

    async def set_home(self, user_id: int, desa_id: int) -> bool:
        """Make `desa_id` the person's home desa and follow it; False if it is not a desa."""
        entry = self._areas.get(desa_id)
        if entry is None or entry.level != AreaLevel.DESA:
            return False

        def store(session: Session) -> None:
            q.set_home(session, user_id, desa_id)
            # The home desa is always followed, even at the limit.
            q.subscribe(session, user_id, desa_id)

        await self._db.run(store)
        return True

    async def subscribe(self, user_id: int, area_id: int) -> SubscribeResult:
        """Follow a desa or a whole kecamatan."""
        entry = self._areas.get(area_id)
        if entry is None or entry.level not in (AreaLevel.DESA, AreaLevel.KECAMATAN):
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
        if entry is None or entry.level not in (AreaLevel.DESA, AreaLevel.KECAMATAN):
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
