"""Areas (kabupaten → kecamatan → desa), their neighbours, police coverage, and who follows what.

API (through `context.services.areas` and `context.services.subscriptions`)::

    entry = areas.get(area_id)                   # an AreaEntry of the in-memory index, or None
    found = areas.resolve("Kec. Lumbang", levels)  # the one AreaEntry meant, or candidates (Match)
    found = areas.resolution(text, levels)       # the same, saying why it is not one (names.py)
    areas.label(entry)                           # "Karang Jati (Kec. Lumbang)"
    areas.choice_labels(entries)                 # short buttons: "Desa Lumbang (Kec. Lumbang)"
    areas.kecamatan_list(), areas.desa_list(kecamatan_id), await areas.neighbours(desa_id)
    await areas.add_desa(kecamatan_id, "Baru", actor_id=...)   # also rename_area, set_neighbours,
                                                 # set_polsek_coverage, set_duty_chat: audited
    await subscriptions.set_home(user_id, desa_id) / .subscribe(...) / .audience(area_ids)

`AreaService` keeps an in-memory search index of every area; it is rebuilt after each change made
through this process. (Another process sees an admin's change after its next restart or change;
areas change a few times a year.) Writes are the transactions of `changes`, which the bot and
the command line share; each one audits who changed what and raises `AreaError` (a
`UserFacingError`) when the change cannot be made. The buttons of the feature are declared in
`callbacks`; typed names are resolved in `names`, for the bot and the command line alike.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from typing import Any
from typing import TypeVar

from sqlmodel import Session

from bot.services.area_search import AreaEntry
from bot.services.area_search import AreaIndex
from bot.services.area_search import Match
from bot.services.area_search import area_key
from bot.services.areas import changes
from bot.services.areas.changes import AreaError
from bot.services.areas.names import Resolution
from bot.services.areas.names import plain
from bot.services.areas.names import resolve
from bot.services.areas.subscriptions import FOLLOW_LEVELS
from bot.services.areas.subscriptions import HOME_LEVELS
from bot.services.areas.subscriptions import MAX_SUBSCRIPTIONS
from bot.services.areas.subscriptions import Following
from bot.services.areas.subscriptions import SubscribeResult
from bot.services.areas.subscriptions import SubscriptionService
from storage import areas as q
from storage.db import Database
from storage.models import Area
from storage.models import AreaLevel
from storage.models import Polsek

__all__ = [
    "CHOICE_LABEL_CHARS",
    "FOLLOW_LEVELS",
    "HOME_LEVELS",
    "MAX_SUBSCRIPTIONS",
    "PAGE_SIZE",
    "AreaError",
    "AreaService",
    "Following",
    "SubscribeResult",
    "SubscriptionService",
    "match_polsek",
    "short_label",
]

# Buttons per page when browsing a kecamatan's desa.
PAGE_SIZE = 8

T = TypeVar("T")

# A choice between areas is a row of buttons; Telegram shows about this many characters of one.
CHOICE_LABEL_CHARS = 28
# How a desa is shown among choices, longest first; the first that fits every desa shown is used.
_DESA_FORMS = ("Desa {name} (Kec. {kec})", "{name} (Kec. {kec})", "{name} ({kec})")

_LEVEL_PREFIX = {AreaLevel.KECAMATAN: "Kec. ", AreaLevel.DUSUN: "Dusun "}


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
        """The one area `text` names ("Kec. Lumbang", "Karang Jati (Lumbang)", "#12"), else the
        candidates to choose from."""
        found = self.resolution(text, levels)
        return found.entry or found.candidates

    def resolution(self, text: str, levels: Iterable[AreaLevel]) -> Resolution:
        """What `text` means, and when it is not one area, why (for a front end that explains)."""
        return resolve(self.index, text, levels)

    def choice_labels(self, entries: Sequence[AreaEntry]) -> list[str]:
        """Button labels that tell `entries` apart in at most CHOICE_LABEL_CHARS characters:
        "Desa Lumbang (Kec. Lumbang)", "Kec. Lumbang" (one form for every desa shown)."""
        desa = [entry for entry in entries if entry.level == AreaLevel.DESA]
        form = next(
            (
                f
                for f in _DESA_FORMS
                if all(len(self._desa(f, e)) <= CHOICE_LABEL_CHARS for e in desa)
            ),
            _DESA_FORMS[-1],
        )
        labels = [
            self._desa(form, e) if e.level == AreaLevel.DESA else self.label(e, with_parent=False)
            for e in entries
        ]
        if len(set(labels)) < len(labels):  # two kecamatan of one name: their kabupaten tell
            labels = [self.label(entry) for entry in entries]
        return [short_label(label) for label in labels]

    def _desa(self, form: str, entry: AreaEntry) -> str:
        kecamatan = self.get(entry.kecamatan_id) if entry.kecamatan_id is not None else None
        return form.format(name=entry.name, kec=kecamatan.name if kecamatan else "?")

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

    async def add_desa(
        self, kecamatan_id: int, name: str, *, postal_code: str | None = None, **actor: Any
    ) -> Area:
        """Add a desa/kelurahan the data lacks (`actor`: actor_id, actor_label, for the audit)."""
        return await self._change(
            changes.add_desa, kecamatan_id, name, postal_code=postal_code, **actor
        )

    async def rename_area(self, area_id: int, name: str, **actor: Any) -> Area:
        """Give an area a new name."""
        return await self._change(changes.rename_area, area_id, name, **actor)

    async def set_neighbours(
        self, first_id: int, second_id: int, *, linked: bool, **actor: Any
    ) -> bool:
        """Make two desa neighbours, or not; whether anything changed."""
        return await self._change(
            changes.set_neighbours, first_id, second_id, linked=linked, **actor
        )

    async def set_polsek_coverage(
        self, polsek_name: str, kecamatan_ids: Iterable[int], **actor: Any
    ) -> Polsek:
        """Create the Polsek if new, and make it cover the given kecamatan."""
        return await self._change(
            changes.set_polsek_coverage, polsek_name, list(kecamatan_ids), **actor
        )

    async def set_duty_chat(self, polsek_name: str, chat_id: int | None, **actor: Any) -> Polsek:
        """Set (or clear, with None) the duty chat of an existing Polsek."""
        return await self._change(changes.set_duty_chat, polsek_name, chat_id, **actor)

    async def _change(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Run one of the change transactions, then refresh the index."""
        result = await self._db.run(fn, *args, **kwargs)
        await self.load()
        return result


def short_label(label: str) -> str:
    """`label` cut to CHOICE_LABEL_CHARS characters (with "…" where it was cut)."""
    if len(label) <= CHOICE_LABEL_CHARS:
        return label
    return label[: CHOICE_LABEL_CHARS - 1].rstrip() + "…"


def match_polsek(polsek: Iterable[Polsek], text: str) -> Polsek | None:
    """The Polsek `text` names, ignoring case and spacing; the word "Polsek" may be left out
    ("lumbang" finds Polsek Lumbang)."""
    # Not compact_key: it drops level words, and "Kec. Lumbang" names the kecamatan.
    wanted = {plain(text), plain("polsek " + text)}
    return next((row for row in polsek if plain(row.name) in wanted), None)


def _neighbour_ids(session: Session, desa_id: int) -> set[int]:
    desa = q.get_area(session, desa_id)
    return q.neighbour_ids(session, desa) if desa is not None else set()


def _polsek_for(session: Session, area_id: int) -> Polsek | None:
    area = q.get_area(session, area_id)
    return q.polsek_for_area(session, area) if area is not None else None
