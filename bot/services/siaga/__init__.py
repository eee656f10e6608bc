"""Siaga: a muster call (/siaga) to the Karang Taruna and the ronda of a desa or kecamatan, their
answers, a live tally for the caller (and the Polsek duty chat when an officer calls), reminders,
the stand-down, statistics and a CSV of one call.

The API (`services.siaga`, a `SiagaService`)::

    siaga.may_call(holdings, area_id); await siaga.areas_for(holdings)  # who may call where
    people = await siaga.audience(area_id, Audience.PEMUDA, caller_id)   # the one computation
    reason = siaga.check_reason(text); at = siaga.parse_time(text)       # SiagaError if bad
    created = await siaga.create(plan, people, caller_id, lang, holdings)  # recipients explicit
    # Audience.CHOSEN: `people` were picked one by one (👤 Pilih orang, a desa only, at most
    # CHOSEN_MAX); create checks again that each is of the desa's watch (SiagaError names them)
    result = await siaga.answer(user_id, call_id, SiagaAnswer.SIAP)      # or note(), location()
    edit = await siaga.next_tally_edit(chat_id); await siaga.tally_edited(edit)
    await siaga.remind(call_id, actor_id); await siaga.close(call_id, actor_id)
    await siaga.closes_due(); await siaga.auto_close(call_id)
    await siaga.recent(caller_id), list_page(call_id, page, lang), stats(area_ids), csv(call_id)

The call and its people are written, and its messages enqueued (delivery engine, DIRECT: before
every broadcast; kind "siaga", ref "siaga:<id>"), in one transaction. Refusals are `SiagaError`
(a `UserFacingError`). Tally edits are paced per chat by `tally.Pacer` (see bot/services/siaga/
tally.py); which tallies are stale lives in the database. The SQL is in storage/siaga.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import statistics
from collections.abc import Sequence
from typing import Any

from sqlmodel import Session

from bot.delivery import DeliveryService
from bot.services.authz import Action
from bot.services.authz import Holding
from bot.services.authz import allowed
from bot.services.authz import covers
from bot.services.siaga import calls
from bot.services.siaga import messages
from bot.services.siaga import tally as tallies
from bot.services.siaga.audience import People
from bot.services.siaga.core import Core
from bot.services.siaga.tally import Pacer
from bot.services.siaga.types import CHOSEN_MAX
from bot.services.siaga.types import REASON_MAX
from bot.services.siaga.types import REASON_MIN
from bot.services.siaga.types import AnswerResult
from bot.services.siaga.types import Audience
from bot.services.siaga.types import CallPlan
from bot.services.siaga.types import CallView
from bot.services.siaga.types import Created
from bot.services.siaga.types import Outcome
from bot.services.siaga.types import PlaceKind
from bot.services.siaga.types import Reminded
from bot.services.siaga.types import SiagaError
from bot.services.siaga.types import SiagaSettings
from bot.services.siaga.types import SiagaStats
from bot.services.siaga.types import Tally
from bot.services.siaga.types import TallyEdit
from bot.services.users import display_names
from bot.texts.when import format_iso
from storage import siaga as store
from storage.db import Database
from storage.models import AreaLevel
from storage.models import PatrolPost
from storage.models import Polsek
from storage.models import Role
from storage.models import SiagaAnswer
from storage.models import SiagaLevel
from storage.models import SiagaStatus
from storage.models import utcnow

__all__ = [
    "CHOSEN_MAX",
    "AnswerResult",
    "Audience",
    "CallPlan",
    "CallView",
    "Created",
    "Outcome",
    "Pacer",
    "PlaceKind",
    "Reminded",
    "SiagaAnswer",
    "SiagaError",
    "SiagaLevel",
    "SiagaService",
    "SiagaSettings",
    "SiagaStats",
    "Tally",
    "TallyEdit",
]

_CLOCK = re.compile(r"^\s*(\d{1,2})\s*[:.]\s*(\d{2})\s*(?:wib)?\s*$", re.IGNORECASE)
NOW_WORDS = frozenset({"sekarang", "now", "skrg"})


class SiagaService:
    """Muster calls: who may call whom, the call, answers, tallies, reminders and the end."""

    def __init__(
        self,
        db: Database,
        areas: Any,
        roles: Any,
        patrols: Any,
        delivery: DeliveryService,
        settings: SiagaSettings,
    ) -> None:
        self.core = Core(db, areas, roles, delivery, settings, People(areas, roles, patrols))
        self.patrols = patrols
        # Tally edits, paced per chat in this process.
        self.pacer = Pacer()

    @property
    def settings(self) -> SiagaSettings:
        return self.core.settings

    # -- who may call, where --------------------------------------------------------------------

    def may_call(self, holdings: Sequence[Holding], area_id: int) -> bool:
        """Whether these roles may call the people of the area (admin; an officer of the
        Polsek; a pemuda koordinator of the desa or kecamatan)."""
        return allowed(holdings, Action.CALL_SIAGA, self.core.people.place(area_id))

    def is_officer_at(self, holdings: Sequence[Holding], area_id: int) -> bool:
        """Whether one of these roles is a police role covering the area (the duty chat then
        follows the call)."""
        place = self.core.people.place(area_id)
        return any(h.role is Role.POLISI and covers(h, place) for h in holdings)

    async def areas_for(self, holdings: Sequence[Holding]) -> list[int]:
        """The desa and kecamatan the caller's roles name where they may call (buttons)."""
        levels = (AreaLevel.DESA, AreaLevel.KECAMATAN)
        return self.core.roles.areas_named(holdings, Action.CALL_SIAGA, levels)

    def area_name(self, area_id: int) -> str:
        return self.core.area_name(area_id)

    def is_desa(self, area_id: int) -> bool:
        return self.core.people.is_desa(area_id)

    # -- the audience ---------------------------------------------------------------------------

    async def audience(
        self,
        area_id: int,
        audience: Audience,
        caller_id: int | None,
        now: dt.datetime | None = None,
    ) -> list[int]:
        """Everyone the audience means in the area, the caller left out."""
        moment = now or utcnow()
        return await self.core.db.run(
            lambda s: self.core.people.of(s, area_id, audience, caller_id=caller_id, now=moment)
        )

    async def open_calls_with(self, user_ids: Sequence[int]) -> list[int]:
        """The open calls that already called any of these people."""
        return await self.core.db.run(lambda s: store.open_calls_with(s, user_ids=user_ids))

    # -- what a call is made of -----------------------------------------------------------------

    def check_reason(self, text: str) -> str:
        """The reason, tidied; SiagaError when it is too short or too long."""
        reason = " ".join(text.split())
        if len(reason) < REASON_MIN:
            raise SiagaError("siaga.reason_short", least=REASON_MIN)
        if len(reason) > REASON_MAX:
            raise SiagaError("siaga.reason_long", most=REASON_MAX)
        return reason

    def parse_time(self, text: str, now: dt.datetime | None = None) -> dt.datetime:
        """ "sekarang", or HH:MM (HH.MM) later today (WIB); a time already past is refused."""
        now = now or utcnow()
        if text.strip().lower() in NOW_WORDS:
            return now
        match = _CLOCK.match(text)
        if match is None or int(match[1]) > 23 or int(match[2]) > 59:
            raise SiagaError("siaga.time_bad")
        local = now.astimezone(self.core.tz)
        at = local.replace(hour=int(match[1]), minute=int(match[2]), second=0, microsecond=0)
        if at < local - dt.timedelta(minutes=1):
            raise SiagaError("siaga.time_past", time=f"{at.hour:02d}.{at.minute:02d}")
        return max(at.astimezone(dt.UTC), now)

    def check_location(self, latitude: float, longitude: float) -> None:
        """Refuse a place far outside the area the bot serves (REPORT_BOUNDS)."""
        calls.check_place(self.core, latitude, longitude)

    async def posts(self, desa_id: int) -> list[PatrolPost]:
        """The desa's pos ronda."""
        return list(await self.patrols.posts(desa_id))

    async def polsek(self, area_id: int) -> Polsek | None:
        """The Polsek covering the area."""
        found: Polsek | None = await self.core.areas.polsek_for(area_id)
        return found

    # -- the call -------------------------------------------------------------------------------

    async def create(
        self,
        plan: CallPlan,
        recipients: Sequence[int],
        caller_id: int,
        lang: str,
        holdings: Sequence[Holding],
        now: dt.datetime | None = None,
    ) -> Created:
        """Store the call with exactly `recipients` (the caller left out) and send it to them,
        in one transaction; SiagaError("siaga.nobody") when nobody is left, and (people chosen
        one by one) naming anyone not of the desa's watch."""
        if not self.may_call(holdings, plan.area_id):
            raise SiagaError("siaga.not_allowed_here", area=self.area_name(plan.area_id))
        polsek = await self.polsek(plan.area_id)
        duty = None
        if polsek is not None and self.is_officer_at(holdings, plan.area_id):
            duty = polsek.duty_chat_id
        moment = now or utcnow()
        created = await self.core.db.write(
            lambda s: calls.create(
                self.core,
                s,
                plan,
                recipients,
                caller_id=caller_id,
                lang=lang,
                duty_chat_id=duty,
                polsek_id=polsek.id if polsek is not None else None,
                now=moment,
            )
        )
        self.core.delivery.wake()
        return created

    async def call(self, call_id: int) -> CallView | None:
        def read(session: Session) -> CallView | None:
            found = store.call(session, call_id=call_id)
            return None if found is None else self.core.view(session, found)

        return await self.core.db.run(read)

    async def may_manage(self, user_id: int, holdings: Sequence[Holding], call_id: int) -> bool:
        """Whether someone may use a call's tally buttons: its caller, or whoever may call its
        area (an officer in the duty chat)."""
        found = await self.call(call_id)
        if found is None:
            return False
        return found.caller_id == user_id or self.may_call(holdings, found.area_id)

    async def recent(self, caller_id: int, limit: int = 6) -> list[tuple[CallView, int, int]]:
        """The caller's calls (open first, then newest), each with (called, answered)."""

        def read(session: Session) -> list[tuple[CallView, int, int]]:
            found = store.calls_by(session, caller_id=caller_id, limit=limit)
            counts = store.answer_counts(session, call_ids=[c.id for c in found if c.id])
            return [
                (self.core.view(session, c), *counts.get(c.id or 0, (c.recipients, 0)))
                for c in found
            ]

        return await self.core.db.run(read)

    # -- answers --------------------------------------------------------------------------------

    async def answer(
        self, user_id: int, call_id: int, word: SiagaAnswer, now: dt.datetime | None = None
    ) -> AnswerResult:
        """Record or change someone's answer (until the call ends)."""
        moment = now or utcnow()
        return await self.core.db.write(
            lambda s: calls.answer(self.core, s, user_id, call_id, word, moment)
        )

    async def note(self, user_id: int, call_id: int, text: str | None) -> AnswerResult:
        """Why someone cannot come (None: skipped)."""
        return await self.core.db.write(lambda s: calls.note(self.core, s, user_id, call_id, text))

    async def location(
        self,
        user_id: int,
        call_id: int,
        latitude: float,
        longitude: float,
        now: dt.datetime | None = None,
    ) -> AnswerResult:
        """📍 Sudah di lokasi, confirmed by a location near the place (or told it is far)."""
        moment = now or utcnow()
        return await self.core.db.write(
            lambda s: calls.location(self.core, s, user_id, call_id, latitude, longitude, moment)
        )

    def answered_text(self, lang: str, result: AnswerResult) -> str:
        """The call with the person's current answer (their own message, edited)."""
        assert result.call is not None and result.answer is not None
        return messages.answered_text(
            lang, self.core.tz, result.call, result.answer, confirmed=result.confirmed
        )

    def answer_buttons(self, lang: str, call_id: int) -> dict[str, Any]:
        return messages.answer_buttons(lang, call_id)

    def note_buttons(self, lang: str, call_id: int) -> dict[str, Any]:
        return messages.note_buttons(lang, call_id)

    # -- the tally ------------------------------------------------------------------------------

    async def tally(self, call_id: int, lang: str | None = None) -> tuple[Tally, CallView] | None:
        """The call's tally as it stands (in the caller's language unless given)."""

        def read(session: Session) -> tuple[Tally, CallView] | None:
            found = store.call(session, call_id=call_id)
            if found is None:
                return None
            shown = tallies.render(self.core, session, found, lang or found.language)
            return shown, self.core.view(session, found)

        return await self.core.db.run(read)

    def tally_buttons(self, lang: str, call_id: int, *, open_: bool) -> dict[str, Any]:
        return messages.tally_buttons(lang, call_id, open_=open_)

    def close_buttons(self, lang: str, call_id: int) -> dict[str, Any]:
        return messages.close_buttons(lang, call_id)

    async def tally_sent(self, call_id: int, chat_id: int, message_id: int, shown: Tally) -> None:
        """A tally message of the call went to `chat_id`, showing `shown`: it is the one
        edited from now on (an edit follows if answers came since it was rendered)."""
        await self.core.db.write(
            lambda s: store.set_tally_message(
                s,
                call_id=call_id,
                chat_id=chat_id,
                message_id=message_id,
                revision=shown.revision,
                digest=shown.digest,
            )
        )

    async def stale_chats(self) -> list[int]:
        """The chats with a tally message due for an edit (at start-up)."""
        rows = await self.core.db.run(lambda s: store.stale_tallies(s))
        return sorted({row.chat_id for row, _revision in rows})

    async def next_tally_edit(self, chat_id: int) -> TallyEdit | None:
        """The next tally edit due in the chat, rendered (None: all are up to date)."""
        return await self.core.db.run(lambda s: tallies.next_edit(self.core, s, chat_id))

    async def tally_edited(self, edit: TallyEdit, *, sent: bool) -> None:
        """The tally shows the edit's revision now (`sent`: an edit went to Telegram)."""
        now = utcnow() if sent else None
        await self.core.db.write(
            lambda s: store.mark_shown(
                s, tally_id=edit.tally_id, revision=edit.revision, digest=edit.tally.digest, now=now
            )
        )

    async def tally_gone(self, edit: TallyEdit) -> None:
        """The tally message was deleted in its chat: it is not edited any more."""
        await self.core.db.write(lambda s: store.forget_tally_message(s, tally_id=edit.tally_id))

    # -- reminders and the end ------------------------------------------------------------------

    async def remind(self, call_id: int, actor_id: int, now: dt.datetime | None = None) -> Reminded:
        """🔔 Those who have not answered get the call again (once per 10 minutes)."""
        moment = now or utcnow()
        result = await self.core.db.write(
            lambda s: calls.remind(self.core, s, call_id, actor_id, moment)
        )
        self.core.delivery.wake()
        return result

    async def close(
        self, call_id: int, actor_id: int | None, now: dt.datetime | None = None
    ) -> tuple[CallView | None, list[int]]:
        """✅ Siaga selesai (actor None: closed by itself): everyone called hears it; returns
        the call (None: closed already) and the chats of its tallies."""
        moment = now or utcnow()
        result = await self.core.db.write(
            lambda s: calls.close(self.core, s, call_id, actor_id, moment)
        )
        self.core.delivery.wake()
        return result

    def close_at(self, call: CallView) -> dt.datetime:
        """When an open call closes by itself."""
        return call.at + dt.timedelta(hours=self.settings.close_hours)

    async def closes_due(self) -> list[tuple[int, dt.datetime]]:
        """(call id, when it closes by itself) of every open call."""

        def read(session: Session) -> list[tuple[int, dt.datetime]]:
            hours = dt.timedelta(hours=self.settings.close_hours)
            return [(c.id or 0, c.at + hours) for c in store.open_calls(session)]

        return await self.core.db.run(read)

    # -- lists, statistics, CSV -----------------------------------------------------------------

    async def list_page(
        self, call_id: int, page: int, lang: str
    ) -> tuple[str, dict[str, Any] | None] | None:
        """One page of the call's full list (None: no such call)."""

        def read(session: Session) -> tuple[str, dict[str, Any] | None] | None:
            found = store.call(session, call_id=call_id)
            if found is None:
                return None
            people = store.recipients_of(session, call_id=call_id)
            names = display_names(session, [p.user_id for p in people])
            return messages.list_page(lang, self.core.view(session, found), people, names, page)

        return await self.core.db.run(read)

    async def stats(
        self, area_ids: Sequence[int] | None, days: int = 30, now: dt.datetime | None = None
    ) -> SiagaStats:
        """Calls made in these areas (None: all) over the last `days` days: how many, the
        people called and how many answered, the median minutes to ✅ Siap."""
        since = (now or utcnow()) - dt.timedelta(days=days)

        def read(session: Session) -> SiagaStats:
            ids = None
            if area_ids is not None:
                ids = set(area_ids)
                # A desa's figures count the calls to its kecamatan too.
                for area_id in area_ids:
                    entry = self.core.areas.get(area_id)
                    if entry is not None and entry.kecamatan_id is not None:
                        ids.add(entry.kecamatan_id)
            found = store.calls_since(session, since=since, area_ids=ids)
            by_id = {c.id or 0: c for c in found}
            counts = store.answer_counts(session, call_ids=list(by_id))
            minutes = [
                (at - by_id[call_id].created_at).total_seconds() / 60
                for call_id, at in store.siap_times(session, call_ids=list(by_id))
            ]
            return SiagaStats(
                calls=len(found),
                called=sum(c for c, _a in counts.values()),
                answered=sum(a for _c, a in counts.values()),
                median_minutes_to_siap=statistics.median(minutes) if minutes else None,
            )

        return await self.core.db.run(read)

    async def csv(self, call_id: int) -> tuple[str, int]:
        """One call as CSV (one row per person called; times ISO 8601 in TZ) and how many
        rows; SiagaError("siaga.gone") when there is no such call."""
        tz = self.core.tz

        def read(session: Session) -> tuple[str, int]:
            found = store.call(session, call_id=call_id)
            if found is None:
                raise SiagaError("siaga.gone", message=f"No siaga call #{call_id}")
            people = store.recipients_of(session, call_id=call_id)
            names = display_names(session, [p.user_id for p in people])
            out = io.StringIO()
            out.write("\ufeff")  # Excel reads UTF-8 with a BOM
            writer = csv.writer(out)
            writer.writerow(
                [
                    "siaga",
                    "id_telegram",
                    "nama",
                    "jawaban",
                    "dijawab",
                    "siap_pertama",
                    "alasan",
                    "lokasi_terkonfirmasi",
                    "masih_anggota",
                ]
            )
            for person in people:
                writer.writerow(
                    [
                        call_id,
                        person.user_id,
                        names.get(person.user_id, ""),
                        person.answer.value if person.answer else "",
                        format_iso(person.answered_at, tz),
                        format_iso(person.first_siap_at, tz),
                        person.note or "",
                        "ya" if person.confirmed else "",
                        "ya" if person.still_member else "tidak",
                    ]
                )
            return out.getvalue(), len(people)

        return await self.core.db.run(read)

    @staticmethod
    def is_open(call: CallView) -> bool:
        return call.status is SiagaStatus.OPEN
