"""Kondisi wilayah: a desa's last 7 days in a few lines, shared with its neighbours.

The API is `KondisiService`:
- `picture(desa_id, lang)`: the text of /kondisi (the desa's counts: reports by category and
  status, advisories in force, ronda shifts held and missed, neighbour alerts raised and
  answered, its situation notes; then one line per neighbouring desa, coloured by the one rule
  in picture.py) and the notes in force (for the 🗑 buttons);
- `desa_of_chat`, `my_desa`: which desa /kondisi shows without a name;
- `may_note`, `add_note`, `withdraw`: situation notes (Action.POST_SITUATION_NOTE, audited);
- `next_due`, `run_digest`: the weekly digest, once per ISO week (a `digest_runs` row written in
  the transaction that enqueues its messages); ONE message per chat (split only past Telegram's
  limit): a pemuda koordinator gets all the desa their roles cover, a group the desa it is
  linked to or every desa of its kecamatan, each Polsek duty chat all its desa; the desa by
  name; one desa comes with its neighbours' lines, several with those of the neighbours outside
  them; INFO priority, silent.
Counts only: no reporter, no place, no description is ever read for it.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session
from sqlmodel import select

from bot.delivery import DeliveryService
from bot.delivery import Payload
from bot.delivery import Priority
from bot.services import free_text
from bot.services import roles as role_reads
from bot.services.areas import AreaService
from bot.services.authz import Action
from bot.services.authz import allowed
from bot.services.authz import covers
from bot.services.kondisi import messages
from bot.services.kondisi.picture import light
from bot.services.kondisi.picture import pictures
from bot.services.kondisi.types import NOTE_DAYS
from bot.services.kondisi.types import NOTE_MAX
from bot.services.kondisi.types import NOTE_MIN
from bot.services.kondisi.types import KondisiError
from bot.services.kondisi.types import KondisiSettings
from bot.services.kondisi.types import Light
from bot.services.kondisi.types import NoteView
from bot.services.kondisi.types import Picture
from bot.services.roles import RoleService
from bot.texts import t
from storage import areas as area_reads
from storage import kondisi as q
from storage import queries
from storage.db import Database
from storage.models import AreaLevel
from storage.models import GroupLink
from storage.models import Role
from storage.models import utcnow

__all__ = [
    "DIGEST_KIND",
    "KondisiError",
    "KondisiService",
    "KondisiSettings",
    "Light",
    "NoteView",
    "Picture",
    "Shown",
    "light",
]

DIGEST_KIND = "kondisi_digest"


@dataclass(frozen=True)
class Shown:
    """What /kondisi shows: the text, and the desa's notes in force."""

    text: str
    notes: list[NoteView]


class KondisiService:
    """The desa's picture, its situation notes, and the weekly digest."""

    def __init__(
        self,
        db: Database,
        areas: AreaService,
        roles: RoleService,
        delivery: DeliveryService,
        settings: KondisiSettings,
    ) -> None:
        self.db = db
        self.areas = areas
        self.roles = roles
        self.delivery = delivery
        self.settings = settings

    # ---- which desa -----------------------------------------------------------------------------

    def is_desa(self, area_id: int) -> bool:
        entry = self.areas.get(area_id)
        return entry is not None and entry.level == AreaLevel.DESA

    def name(self, desa_id: int) -> str:
        entry = self.areas.get(desa_id)
        return entry.name if entry is not None else f"#{desa_id}"

    async def desa_of_chat(self, chat_id: int) -> list[int]:
        """The desa a group is linked to."""
        ids = await self.db.run(area_reads.group_area_ids, chat_id)
        return [i for i in ids if self.is_desa(i)]

    async def my_desa(self, user_id: int) -> list[int]:
        """The desa a person lives in or follows, home first."""

        def read(session: Session) -> list[int | None]:
            home = area_reads.home_area_id(session, user_id)
            return [home, *area_reads.subscription_ids(session, user_id)]

        following = await self.db.run(read)
        return [i for i in dict.fromkeys(following) if i is not None and self.is_desa(i)]

    # ---- the picture ----------------------------------------------------------------------------

    def _within(self, desa_id: int) -> set[int]:
        entry = self.areas.get(desa_id)
        if entry is None:
            return {desa_id}
        return {i for i in (desa_id, entry.kecamatan_id, entry.kabupaten_id) if i is not None}

    def _neighbours(self, session: Session, desa_id: int) -> list[int]:
        area = area_reads.get_area(session, desa_id)
        ids = area_reads.neighbour_ids(session, area) if area is not None else set()
        return sorted(ids, key=lambda i: (self.name(i), i))

    def _pictures(
        self, session: Session, ids: Iterable[int], now: dt.datetime
    ) -> dict[int, Picture]:
        return pictures(session, list(ids), now, self._within)

    async def picture(self, desa_id: int, lang: str, now: dt.datetime | None = None) -> Shown:
        """The text of /kondisi for a desa, and its notes in force."""
        now = now or utcnow()
        tz = self.settings.timezone

        def read(session: Session) -> Shown:
            neighbours = self._neighbours(session, desa_id)
            found = self._pictures(session, [desa_id, *neighbours], now)
            around = [(self.name(i), found[i]) for i in neighbours]
            text = messages.picture_text(lang, found[desa_id], self.name(desa_id), around, tz, now)
            return Shown(text, found[desa_id].notes)

        return await self.db.run(read)

    # ---- situation notes ------------------------------------------------------------------------

    async def may_note(self, user_id: int, desa_id: int) -> bool:
        """Whether someone may post (and withdraw) the desa's situation note."""
        holdings = await self.roles.holdings(user_id)
        place = self.roles.place(area_id=desa_id)
        return allowed(holdings, Action.POST_SITUATION_NOTE, place)

    @staticmethod
    def clean_note(text: str) -> str:
        """The note as stored (spaces tidied); refused when too short or too long."""
        text = " ".join(text.split())
        if not free_text.long_enough(text, NOTE_MIN):
            raise KondisiError("kondisi.note_short", least=NOTE_MIN)
        if len(text) > NOTE_MAX:
            raise KondisiError("kondisi.note_long", most=NOTE_MAX)
        return text

    async def note_places(self, user_id: int, chat_id: int | None) -> list[int]:
        """The desa someone may write a note for from here: a group's desa, else their own
        desa and the desa their roles name; only those they may write for."""
        if chat_id is not None:
            candidates = await self.desa_of_chat(chat_id)
        else:
            holdings = await self.roles.holdings(user_id)
            named = [h.scope.area_id for h in holdings if h.scope.area_id is not None]
            candidates = [*await self.my_desa(user_id), *(i for i in named if self.is_desa(i))]
        return [i for i in dict.fromkeys(candidates) if await self.may_note(user_id, i)]

    async def add_note(
        self, user_id: int, desa_id: int, text: str, now: dt.datetime | None = None
    ) -> NoteView:
        """Post a note for the desa (in force NOTE_DAYS days); audited."""
        text = self.clean_note(text)
        if not self.is_desa(desa_id) or not await self.may_note(user_id, desa_id):
            raise KondisiError("kondisi.note_not_allowed")
        now = now or utcnow()

        def write(session: Session) -> NoteView:
            note = q.add_note(
                session, desa_id=desa_id, author_id=user_id, text=text, now=now, days=NOTE_DAYS
            )
            assert note.id is not None
            queries.add_audit(
                session,
                "kondisi.note",
                actor_id=user_id,
                target=f"Desa {self.name(desa_id)}",
                details=f"note {note.id}: {text}",
            )
            return NoteView(note.id, desa_id, note.text, note.created_at, note.expires_at)

        return await self.db.write(write)

    async def withdraw(
        self, user_id: int, note_id: int, now: dt.datetime | None = None
    ) -> NoteView:
        """Withdraw a desa's note (someone who may post for that desa); audited."""
        now = now or utcnow()
        found = await self.db.run(lambda s: q.note(s, note_id=note_id))
        if found is None or found.withdrawn or found.expires_at <= now:
            raise KondisiError("kondisi.note_gone")
        if not await self.may_note(user_id, found.desa_id):
            raise KondisiError("kondisi.note_not_allowed")

        def write(session: Session) -> NoteView:
            note = q.note(session, note_id=note_id)
            if note is None or note.withdrawn:
                raise KondisiError("kondisi.note_gone")
            q.withdraw(session, note=note, by=user_id, now=now)
            queries.add_audit(
                session,
                "kondisi.note_withdrawn",
                actor_id=user_id,
                target=f"Desa {self.name(note.desa_id)}",
                details=f"note {note_id}",
            )
            return NoteView(note_id, note.desa_id, note.text, note.created_at, note.expires_at)

        return await self.db.write(write)

    # ---- the weekly digest ----------------------------------------------------------------------

    def period_of(self, now: dt.datetime) -> str:
        """The ISO week of `now` in local time ("2026-W50")."""
        year, week, _ = now.astimezone(self.settings.timezone).isocalendar()
        return f"{year}-W{week:02d}"

    def moment_of(self, now: dt.datetime) -> dt.datetime:
        """The digest's moment in the week of `now` (the digest must be on)."""
        weekday = self.settings.digest_weekday
        assert weekday is not None
        year, week, _ = now.astimezone(self.settings.timezone).isocalendar()
        day = dt.date.fromisocalendar(year, week, weekday + 1)
        moment = dt.datetime.combine(day, self.settings.digest_time, self.settings.timezone)
        return moment.astimezone(dt.UTC)

    async def next_due(self, now: dt.datetime | None = None) -> dt.datetime | None:
        """When the digest job should run: now, when this week's moment passed and this week was
        not sent (the bot was down: catch up once); else the next moment. None: no digest."""
        if self.settings.digest_weekday is None:
            return None
        now = now or utcnow()
        moment = self.moment_of(now)
        if now < moment:
            return moment
        sent = await self.db.run(lambda s: q.run_of(s, period=self.period_of(now)))
        if sent is None:
            return now
        return self.moment_of(now + dt.timedelta(days=7))

    async def run_digest(self, now: dt.datetime | None = None) -> int | None:
        """Send this week's digest if it is due and not sent yet; how many messages (None: not
        due, or sent already, by this or another process)."""
        now = now or utcnow()
        if self.settings.digest_weekday is None or now < self.moment_of(now):
            return None
        count = await self.db.write(self._digest, now)
        if count is not None:
            self.delivery.wake()
        return count

    def _digest(self, session: Session, now: dt.datetime) -> int | None:
        run = q.claim_run(session, period=self.period_of(now), now=now)
        if run is None:
            return None
        tz = self.settings.timezone
        every = [e.id for e in self.areas.index.entries if e.level == AreaLevel.DESA]
        duty_chats = {
            p.id: p for p in area_reads.all_polsek(session) if p.duty_chat_id and p.id is not None
        }
        polsek_desa: dict[int, list[int]] = {}
        for desa_id in every:
            polsek_id = self.areas.polsek_id_of(desa_id)
            if polsek_id in duty_chats:
                polsek_desa.setdefault(polsek_id, []).append(desa_id)
        chats = self._digest_chats(session, every)
        # A duty chat also linked to an area: its Polsek's message has those desa already.
        for polsek_id, desa_ids in polsek_desa.items():
            duty_chat = duty_chats[polsek_id].duty_chat_id
            if duty_chat in chats:
                chats[duty_chat] -= set(desa_ids)
        neighbours = {i: self._neighbours(session, i) for ids in chats.values() for i in ids}
        wanted = set(neighbours) | {i for ids in neighbours.values() for i in ids}
        wanted |= {i for ids in polsek_desa.values() for i in ids}
        found = self._pictures(session, wanted, now)
        people = [c for c in chats if c > 0]
        languages = {u.id: u.language for u in queries.get_users(session, people) if u.language}
        # One message per chat: the chats with the same desa and language share one delivery.
        same: dict[tuple[tuple[int, ...], str], list[int]] = {}
        for chat_id, covered in chats.items():
            if covered:
                key = (
                    tuple(self._by_name(covered)),
                    languages.get(chat_id) or self.settings.language,
                )
                same.setdefault(key, []).append(chat_id)
        messages_sent = 0
        for (ordered, chat_lang), chat_ids in sorted(same.items()):
            if len(ordered) == 1:
                (desa_id,) = ordered
                around = [(self.name(i), found[i]) for i in neighbours[desa_id]]
                texts = messages.digest_text(
                    chat_lang, found[desa_id], self.name(desa_id), around, tz, now
                )
                ref = f"kondisi:{run.period}:{desa_id}"
            else:
                outside = self._by_name({i for d in ordered for i in neighbours[d]} - set(ordered))
                texts = messages.area_digest(
                    chat_lang,
                    self._label_of(ordered, chat_lang),
                    [(self.name(i), found[i]) for i in ordered],
                    [(self.name(i), found[i]) for i in outside],
                    tz,
                    now,
                )
                ref = f"kondisi:{run.period}:desa-set:{zlib.crc32(repr(ordered).encode()):08x}"
            for part, text in enumerate(texts, 1):
                self._enqueue(session, chat_ids, text, ref if len(texts) == 1 else f"{ref}:{part}")
                messages_sent += len(chat_ids)
        for polsek_id, desa_ids in polsek_desa.items():
            polsek = duty_chats[polsek_id]
            assert polsek.duty_chat_id is not None
            ordered_desa = self._by_name(desa_ids)
            texts = messages.polsek_digest(
                self.settings.language,
                polsek.name,
                [(self.name(i), found[i]) for i in ordered_desa],
                tz,
                now,
            )
            for part, text in enumerate(texts, 1):
                ref = f"kondisi:{run.period}:polsek:{polsek_id}:{part}"
                self._enqueue(session, [polsek.duty_chat_id], text, ref)
                messages_sent += 1
        run.messages = messages_sent
        session.add(run)
        return messages_sent

    def _digest_chats(self, session: Session, every: list[int]) -> dict[int, set[int]]:
        """Each chat the digest goes to (besides the duty chats), with all the desa it gets:
        a pemuda koordinator the desa their roles cover (through every role they hold); a
        group the desa it is linked to and every desa of the kecamatan it is linked to."""
        chats: dict[int, set[int]] = {}
        for link in session.exec(select(GroupLink)).all():
            entry = self.areas.get(link.area_id)
            if entry is None:
                continue
            if entry.level == AreaLevel.DESA:
                chats.setdefault(link.chat_id, set()).add(entry.id)
            elif entry.level == AreaLevel.KECAMATAN:
                desa_ids = {e.id for e in self.areas.desa_list(entry.id)}
                chats.setdefault(link.chat_id, set()).update(desa_ids)
        # The pemuda koordinators, read once (as PatrolService.koordinators reads them per desa).
        koordinators = [
            a for a in role_reads.assignments(session, role=Role.PEMUDA) if a.holding.koordinator
        ]
        for desa_id in every:
            place = self.roles.place(area_id=desa_id)
            for a in koordinators:
                if covers(a.holding, place):
                    chats.setdefault(a.user_id, set()).add(desa_id)
        return chats

    def _by_name(self, desa_ids: Iterable[int]) -> list[int]:
        """The desa by name (the same order every week)."""
        return sorted(desa_ids, key=lambda i: (self.name(i), i))

    def _label_of(self, desa_ids: Sequence[int], lang: str) -> str:
        """How a digest of several desa is headed: the kecamatan when they are all its desa
        ("Kec. Lumbang"), else how many they are ("5 desa")."""
        first = self.areas.get(desa_ids[0])
        kecamatan = self.areas.get(first.kecamatan_id) if first and first.kecamatan_id else None
        if kecamatan is not None:
            members = {e.id for e in self.areas.desa_list(kecamatan.id)}
            if members == set(desa_ids):
                return self.areas.label(kecamatan, with_parent=False)
        return t(lang, "kondisi.many_desa", count=len(desa_ids))

    def _enqueue(self, session: Session, chat_ids: list[int], text: str, ref: str) -> None:
        self.delivery.enqueue_in(
            session,
            chat_ids,
            Payload.message(text, disable_notification=True),
            Priority.INFO,
            kind=DIGEST_KIND,
            ref=ref,
        )
