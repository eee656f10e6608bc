"""Incident reports: from a resident's /lapor to the police's outcome, and back to the resident.

Every change is one transaction that also writes the messages it causes into the delivery
outbox (the duty chat's card edited in place, the reporter told, the Polres alerted), so a
change is never made without its messages nor a message sent for a change that did not happen.
The caller wakes the delivery engine afterwards (`DeliveryService.wake`).

Rules:
- A report is stored before it is acknowledged; a draft sent twice (a double tap on "Kirim")
  makes one report (`client_token`).
- The first officer to act on a new report takes it (a conditional change of its row); then
  only they, or an admin, move it on. Two officers never work one report.
- An anonymous reporter is never shown to anyone; their id is used only to tell them of changes
  and to relay questions.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot import report_cards as cards
from bot.delivery import DeliveryService, Payload, Priority
from bot.services.area_search import compact_key
from bot.services.areas import AreaService
from bot.services.neighbours import NeighbourService, Reason
from bot.services.users import display_names
from bot.texts import t
from storage import outbox, queries
from storage import reports as q
from storage.areas import home_area_id
from storage.db import Database
from storage.models import (
    Polsek,
    Report,
    ReportCategory,
    ReportStatus,
    utcnow,
)

MAX_DESCRIPTION = 2000
MIN_DESCRIPTION = 3
MAX_PLACE = 200
MAX_PHOTOS = 3
MAX_NOTE = 500
# Categories where lives may be at risk: the reporter is reminded of 110 at once.
URGENT_CATEGORIES = frozenset(
    {
        ReportCategory.KEBAKARAN,
        ReportCategory.KECELAKAAN,
        ReportCategory.KERIBUTAN,
        ReportCategory.BENCANA,
    }
)
FINAL = frozenset({ReportStatus.SELESAI, ReportStatus.DITOLAK})
# Used when the place has no kecamatan (no areas imported yet).
FALLBACK_PREFIX = "LAP"
_CODE = re.compile(r"^\s*([A-Za-z]{2,4})\s*[-–.\s]?\s*0*(\d{1,7})\s*$")
_VOWELS = set("AEIOU")


class ReportError(Exception):
    """A report cannot be made or changed; `key` names the text that says why."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class ReportSettings:
    """What a deployment decides about reports (from bot.config.Settings)."""

    timezone: ZoneInfo
    language: str = "id"  # of the duty chat and the Polres
    escalate_urgent_minutes: int = 5
    escalate_minutes: int = 60
    limit_per_day: int = 5
    polres_chat_id: int | None = None
    # Where reports go when their Polsek has no duty chat yet.
    fallback_chat_id: int | None = None
    # (south, west, north, east) in degrees; a location further than `bounds_margin_km`
    # outside is refused. None: not checked.
    bounds: tuple[float, float, float, float] | None = None
    bounds_margin_km: float = 10.0


@dataclass(frozen=True)
class Draft:
    """What the resident said in /lapor, ready to be sent."""

    token: str
    category: ReportCategory
    description: str
    desa_id: int | None
    place_text: str = ""
    latitude: float | None = None
    longitude: float | None = None
    photos: tuple[str, ...] = ()
    urgent: bool = False
    anonymous: bool = False
    source: str = "lapor"
    source_ref: str = ""


@dataclass(frozen=True)
class Opening:
    """Where someone starting a report stands."""

    quota_left: int  # reports they may still make in this rolling 24 hours
    home_desa_id: int | None


@dataclass(frozen=True)
class Submitted:
    """A stored report, and whether this call stored it (False: the draft was sent before)."""

    code: str
    report_id: int
    created: bool
    escalate_at: dt.datetime | None
    # Who will see it: the Polsek's name, and whether a chat receives it at all.
    polsek: str | None
    announced: bool


class Action(enum.StrEnum):
    """What an officer does to a report from the duty chat."""

    TAKE = "take"
    PROCESS = "proc"
    DONE = "done"
    REJECT = "rej"
    ASK = "ask"


class Outcome(enum.Enum):
    """How an officer's action went."""

    DONE = "done"
    TAKEN = "taken"  # another officer has it
    CLOSED = "closed"  # the report is closed already
    UNCHANGED = "unchanged"  # e.g. "Proses" on a report already being processed
    UNREACHABLE = "unreachable"  # a question to a reporter who blocked the bot
    NOT_FOUND = "not_found"


# Which status each action leads to, and from which statuses it may be taken.
OPEN = frozenset(set(ReportStatus) - FINAL)
_MOVES: dict[Action, tuple[ReportStatus | None, frozenset[ReportStatus]]] = {
    Action.TAKE: (ReportStatus.DITERIMA, frozenset({ReportStatus.BARU})),
    Action.PROCESS: (ReportStatus.DIPROSES, frozenset({ReportStatus.BARU, ReportStatus.DITERIMA})),
    Action.DONE: (ReportStatus.SELESAI, OPEN),
    Action.REJECT: (ReportStatus.DITOLAK, OPEN),
    Action.ASK: (None, OPEN),
}
# A report moving here is confirmed by the police: its neighbours are alerted (once).
_CONFIRMED = frozenset({ReportStatus.DITERIMA, ReportStatus.DIPROSES})
# Acting on a new report takes it first; these actions also tell the reporter it was taken
# (closing or rejecting it at once says enough).
_TAKE_FIRST = frozenset({Action.PROCESS, Action.ASK})


@dataclass(frozen=True)
class ActResult:
    """The outcome of an officer's action, with who holds the report now."""

    outcome: Outcome
    code: str = ""
    handler: str | None = None
    status: ReportStatus | None = None


@dataclass(frozen=True)
class Place:
    """Where a report lies, for the authorisation check of the officer acting on it."""

    desa_id: int | None
    polsek_id: int | None


@dataclass
class Stats:
    """Counts for /statistik."""

    total: int = 0
    by_status: Counter[ReportStatus] = field(default_factory=Counter)
    by_category: Counter[ReportCategory] = field(default_factory=Counter)
    by_desa: Counter[str] = field(default_factory=Counter)
    by_week: Counter[str] = field(default_factory=Counter)
    median_claim_minutes: float | None = None
    escalated: int = 0


def parse_code(text: str) -> str | None:
    """ "lmb-42", "LMB 0042", "lmb0042" -> "LMB-0042"; None if it is not a tracking number."""
    match = _CODE.match(text or "")
    if match is None:
        return None
    return format_code(match.group(1).upper(), int(match.group(2)))


def format_code(prefix: str, number: int) -> str:
    """The tracking number: prefix and at least four digits, easy to read out."""
    return f"{prefix}-{number:04d}"


def prefix_candidates(name: str) -> list[str]:
    """Three-letter prefixes for a kecamatan, best first: its first letter and next two
    consonants ("Lumbang" -> LMB), then other letters of its name, then digits."""
    letters = [c for c in compact_key(name).upper() if "A" <= c <= "Z"] or list("LAP")
    first, rest = letters[0], letters[1:]
    consonants = [c for c in rest if c not in _VOWELS]
    seen: list[str] = []

    def add(candidate: str) -> None:
        if len(candidate) == 3 and candidate not in seen:
            seen.append(candidate)

    for pool in (consonants, rest):
        for i, a in enumerate(pool):
            for b in pool[i + 1 :]:
                add(first + a + b)
    for digit in range(10):
        add(first + (consonants or rest or ["X"])[0] + str(digit))
    return seen


def km_outside(bounds: tuple[float, float, float, float], lat: float, lon: float) -> float:
    """How far (km, roughly) a point lies outside a latitude/longitude box; 0 inside."""
    south, west, north, east = bounds
    dlat = max(south - lat, 0.0, lat - north)
    dlon = max(west - lon, 0.0, lon - east)
    km_per_degree = 111.32
    return math.hypot(dlat * km_per_degree, dlon * km_per_degree * math.cos(math.radians(lat)))


class ReportService:
    """Make, route, change, escalate and count reports."""

    def __init__(
        self,
        db: Database,
        areas: AreaService,
        delivery: DeliveryService,
        settings: ReportSettings,
        *,
        neighbours: NeighbourService | None = None,
    ) -> None:
        self.db = db
        self.areas = areas
        self.delivery = delivery
        self.settings = settings
        # Alerts the neighbouring desa of urgent and confirmed reports (None: no alerts).
        self.neighbours = neighbours

    # ---- making a report ------------------------------------------------------------------

    async def opening(self, reporter_id: int) -> Opening:
        """What /lapor needs to begin, in one transaction: the quota left and the home desa."""

        def read(session: Session) -> Opening:
            used = q.count_since(session, reporter_id, utcnow() - dt.timedelta(days=1))
            return Opening(
                quota_left=max(0, self.settings.limit_per_day - used),
                home_desa_id=home_area_id(session, reporter_id),
            )

        return await self.db.run(read)

    def km_outside(self, latitude: float, longitude: float) -> float | None:
        """How far a shared location lies outside the area the bot serves (None: close
        enough, or not checked)."""
        if self.settings.bounds is None:
            return None
        distance = km_outside(self.settings.bounds, latitude, longitude)
        return distance if distance > self.settings.bounds_margin_km else None

    async def submit(self, reporter_id: int, draft: Draft) -> Submitted:
        """Store the report and announce it (one transaction), or find the one this draft
        already became. Raises ReportError("reports.limit") when the reporter's quota is used."""
        try:
            submitted = await self.db.write(self._submit, reporter_id, draft)
        except IntegrityError:
            # The same draft stored concurrently (two processes, a double tap): that one counts.
            submitted = await self.db.run(self._existing, reporter_id, draft.token)
            if submitted is None:
                raise
        if submitted.created:
            self.delivery.wake()
        return submitted

    def _existing(self, session: Session, reporter_id: int, token: str) -> Submitted | None:
        report = q.by_token(session, reporter_id, token)
        if report is None:
            return None
        polsek = session.get(Polsek, report.polsek_id) if report.polsek_id else None
        return Submitted(
            code=report.code,
            report_id=report.id or 0,
            created=False,
            escalate_at=report.escalate_at,
            polsek=polsek.name if polsek else None,
            announced=polsek is not None and report.duty_chat_id == polsek.duty_chat_id,
        )

    def _submit(self, session: Session, reporter_id: int, draft: Draft) -> Submitted:
        existing = self._existing(session, reporter_id, draft.token)
        if existing is not None:
            return existing
        now = utcnow()
        if q.count_since(session, reporter_id, now - dt.timedelta(days=1)) >= (
            self.settings.limit_per_day
        ):
            raise ReportError("reports.limit", limit=self.settings.limit_per_day)
        # The place comes from the in-memory area index: fewer round trips while writing.
        desa = self.areas.get(draft.desa_id) if draft.desa_id else None
        kecamatan_id = desa.kecamatan_id if desa else None
        polsek_id = self.areas.polsek_id_of(desa.id) if desa else None
        polsek = session.get(Polsek, polsek_id) if polsek_id else None
        minutes = (
            self.settings.escalate_urgent_minutes
            if draft.urgent
            else self.settings.escalate_minutes
        )
        report = Report(
            code=self._next_code(session, kecamatan_id),
            reporter_id=reporter_id,
            anonymous=draft.anonymous,
            category=draft.category,
            description=draft.description[:MAX_DESCRIPTION],
            desa_id=desa.id if desa else None,
            place_text=draft.place_text[:MAX_PLACE],
            latitude=draft.latitude,
            longitude=draft.longitude,
            urgent=draft.urgent,
            polsek_id=polsek.id if polsek else None,
            created_at=now,
            updated_at=now,
            escalate_at=now + dt.timedelta(minutes=minutes),
            client_token=draft.token,
            source=draft.source,
            source_ref=draft.source_ref,
        )
        session.add(report)
        session.flush()
        assert report.id is not None
        q.add_photos(session, report.id, draft.photos)
        q.add_event(
            session, report.id, "created", actor_id=reporter_id, status=ReportStatus.BARU, at=now
        )
        duty_chat = polsek.duty_chat_id if polsek else None
        chat_id = duty_chat or self.settings.fallback_chat_id
        if chat_id is not None:
            self._announce(session, report, chat_id, draft.photos)
        if report.urgent and self.neighbours is not None:
            self.neighbours.alert_in(session, report, Reason.URGENT, now)
        return Submitted(
            code=report.code,
            report_id=report.id,
            created=True,
            escalate_at=report.escalate_at,
            polsek=polsek.name if polsek else None,
            announced=duty_chat is not None,
        )

    def _next_code(self, session: Session, kecamatan_id: int | None) -> str:
        """The next tracking number of the kecamatan (one statement once it has a prefix)."""
        taken = q.take_number(session, kecamatan_id)
        while taken is None:  # the kecamatan's first report: give it a prefix
            entry = self.areas.get(kecamatan_id) if kecamatan_id else None
            used = q.taken_prefixes(session)
            options = prefix_candidates(entry.name) if entry else [FALLBACK_PREFIX]
            free = [p for p in options if p not in used] or [f"K{kecamatan_id or 0}"]
            q.add_prefix(session, kecamatan_id, free[0])
            taken = q.take_number(session, kecamatan_id)
        return format_code(*taken)

    def _announce(
        self, session: Session, report: Report, chat_id: int, photos: Sequence[str]
    ) -> None:
        """Post the report in a duty chat: the card (edited on every change), then the other
        photos as replies to it."""
        view = self._view(session, report, photos=tuple(photos))
        payload = cards.duty_payload(self.settings.language, view, self.settings.timezone)
        delivery_id = self.delivery.enqueue_in(
            session, [chat_id], payload, Priority.DIRECT, kind="report", ref=f"report:{report.id}"
        )
        report.duty_chat_id = chat_id
        report.duty_delivery_id = delivery_id
        extra = view.photos[1:] if payload.method == "sendPhoto" else view.photos
        for file_id in extra:
            self.delivery.follow_up_in(
                session, delivery_id, Payload.photo(file_id), kind="report_photo"
            )
        session.add(report)

    # ---- reading ----------------------------------------------------------------------------

    def _view(
        self, session: Session, report: Report, *, photos: tuple[str, ...] | None = None
    ) -> cards.ReportView:
        """The report as cards show it (for police: a named reporter's name)."""
        assert report.id is not None
        wanted = [
            i for i in (None if report.anonymous else report.reporter_id, report.claimed_by) if i
        ]
        names = self._names(session, wanted) if wanted else {}
        desa = self.areas.get(report.desa_id) if report.desa_id else None
        polsek = session.get(Polsek, report.polsek_id) if report.polsek_id else None
        return cards.ReportView(
            id=report.id,
            code=report.code,
            category=ReportCategory(report.category),
            description=report.description,
            desa=self.areas.label(desa) if desa else "",
            place_text=report.place_text,
            latitude=report.latitude,
            longitude=report.longitude,
            urgent=report.urgent,
            status=ReportStatus(report.status),
            created_at=report.created_at,
            reporter=None if report.anonymous else names.get(report.reporter_id, "?"),
            handler=names.get(report.claimed_by) if report.claimed_by else None,
            polsek=polsek.name if polsek else None,
            photos=photos if photos is not None else tuple(q.photos(session, report.id)),
            outcome=report.outcome,
            reject_reason=report.reject_reason,
            source=report.source,
        )

    @staticmethod
    def _names(session: Session, user_ids: Sequence[int]) -> dict[int, str]:
        return display_names(session, user_ids)

    async def place(self, report_id: int) -> Place | None:
        """Where a report lies (None: no such report)."""

        def read(session: Session) -> Place | None:
            report = q.get(session, report_id)
            return None if report is None else Place(report.desa_id, report.polsek_id)

        return await self.db.run(read)

    async def get(self, report_id: int) -> Report | None:
        """One report by id."""
        return await self.db.run(q.get, report_id)

    async def by_token(self, reporter_id: int, token: str) -> Report | None:
        """The report a draft became, if it was sent."""
        return await self.db.run(q.by_token, reporter_id, token)

    async def find(self, code: str) -> Report | None:
        """The report with this tracking number."""
        return await self.db.run(q.by_code, code)

    async def mine(self, reporter_id: int, limit: int = 10) -> Sequence[Report]:
        """Someone's newest reports."""
        return await self.db.run(q.of_reporter, reporter_id, limit)

    async def history(self, report_id: int, lang: str) -> tuple[cards.ReportView, list[str]]:
        """A report and its history in words, as its reporter may see them (officers are
        named by their Polsek, not by name)."""

        def read(session: Session) -> tuple[cards.ReportView, list[str]]:
            report = q.get(session, report_id)
            assert report is not None
            view = self._view(session, report)
            tz = self.settings.timezone
            lines = []
            for event in q.events(session, report_id):
                text = t(lang, f"reports.event.{event.kind}", note=event.note or "-")
                lines.append(f"• {cards.when(event.at, tz)} — {text}")
            return view, lines

        return await self.db.run(read)

    # ---- officers acting ----------------------------------------------------------------------

    async def act(
        self,
        report_id: int,
        actor_id: int,
        action: Action,
        *,
        note: str = "",
        reason: str | None = None,
        override: bool = False,
    ) -> ActResult:
        """Take, process, close or reject a report, or ask its reporter a question.

        The first action on a new report takes it for the actor; afterwards only the officer
        who has it (or, with `override`, an admin) acts. The reporter is told, the duty chat's
        card is edited, all in the same transaction."""
        result = await self.db.write(
            self._act, report_id, actor_id, action, note.strip()[:MAX_NOTE], reason, override
        )
        if result.outcome is Outcome.DONE:
            self.delivery.wake()
        return result

    def _act(
        self,
        session: Session,
        report_id: int,
        actor_id: int,
        action: Action,
        note: str,
        reason: str | None,
        override: bool,
    ) -> ActResult:
        report = q.get(session, report_id, for_update=True)
        refused = self._refusal(session, report, actor_id, action, override)
        if refused is not None:
            return refused
        assert report is not None
        target = _MOVES[action][0]
        status = ReportStatus(report.status)
        now = utcnow()
        # Compare-and-set on the row: of two officers pressing at once exactly one takes the
        # report, on SQLite (whose reads are not locked) as on PostgreSQL.
        claimed_now = report.claimed_by is None
        if claimed_now and not q.claim(session, report_id, actor_id, now):
            return self._refusal_now(session, report_id, actor_id, action, override)
        # A question to the reporter of a new report takes it, too.
        moved_to = target or (ReportStatus.DITERIMA if status is ReportStatus.BARU else None)
        if moved_to is not None and not q.move(session, report_id, status, moved_to, now):
            return self._refusal_now(session, report_id, actor_id, action, override)
        session.refresh(report)
        if moved_to in _CONFIRMED and self.neighbours is not None:
            self.neighbours.alert_in(session, report, Reason.CONFIRMED, now)
        if claimed_now and action in _TAKE_FIRST:
            taken = ReportStatus.DITERIMA
            q.add_event(session, report_id, "diterima", actor_id=actor_id, status=taken, at=now)
            self._tell_reporter(session, report, "diterima", "")
        if action is Action.ASK:
            q.add_event(session, report_id, "question", actor_id=actor_id, note=note, at=now)
            self._tell_reporter(session, report, "question", note, question=True)
        else:
            assert target is not None
            if target is ReportStatus.DITOLAK:
                report.reject_reason = reason or "lainnya"
            if target in FINAL:
                report.outcome = note
            event_note = note
            if target is ReportStatus.DITOLAK:
                event_note = cards.reason_name(
                    self._reporter_language(session, report), report.reject_reason
                )
                event_note += f": {note}" if note else ""
            q.add_event(
                session,
                report_id,
                target.value,
                actor_id=actor_id,
                status=target,
                note=event_note,
                at=now,
            )
            self._tell_reporter(session, report, target.value, event_note)
        report.updated_at = now
        session.add(report)
        session.flush()
        self._refresh_card(session, report)
        holder = self._names(session, [report.claimed_by or 0]).get(report.claimed_by or 0)
        return ActResult(Outcome.DONE, report.code, holder, ReportStatus(report.status))

    def _refusal_now(
        self, session: Session, report_id: int, actor_id: int, action: Action, override: bool
    ) -> ActResult:
        """Someone else changed the report between our read and our write: why we stop."""
        session.expire_all()
        refused = self._refusal(session, q.get(session, report_id), actor_id, action, override)
        return refused or ActResult(Outcome.UNCHANGED)

    async def check(
        self, report_id: int, actor_id: int, action: Action, *, override: bool = False
    ) -> ActResult | None:
        """Why `act` would refuse (None: it would go ahead), before asking the officer for a
        note or a question."""

        def read(session: Session) -> ActResult | None:
            report = q.get(session, report_id)
            return self._refusal(session, report, actor_id, action, override)

        return await self.db.run(read)

    def _refusal(
        self,
        session: Session,
        report: Report | None,
        actor_id: int,
        action: Action,
        override: bool,
    ) -> ActResult | None:
        if report is None:
            return ActResult(Outcome.NOT_FOUND)
        status = ReportStatus(report.status)
        holder = self._names(session, [report.claimed_by]).get(report.claimed_by or 0)
        if status in FINAL:
            return ActResult(Outcome.CLOSED, report.code, holder, status)
        if report.claimed_by not in (None, actor_id) and not override:
            return ActResult(Outcome.TAKEN, report.code, holder, status)
        if status not in _MOVES[action][1]:
            return ActResult(Outcome.UNCHANGED, report.code, holder, status)
        if action is Action.ASK and not self._reachable(session, report.reporter_id):
            return ActResult(Outcome.UNREACHABLE, report.code, holder, status)
        return None

    @staticmethod
    def _reachable(session: Session, chat_id: int) -> bool:
        return outbox.is_active(session, chat_id)

    def _reporter_language(self, session: Session, report: Report) -> str:
        user = queries.get_user(session, report.reporter_id)
        return (user.language if user else None) or self.settings.language

    def _tell_reporter(
        self, session: Session, report: Report, kind: str, note: str, *, question: bool = False
    ) -> None:
        """A change, in the reporter's language, through the outbox (blocked chats are
        recorded there, and the report goes on)."""
        lang = self._reporter_language(session, report)
        polsek = session.get(Polsek, report.polsek_id) if report.polsek_id else None
        text = t(
            lang,
            f"reports.notify.{kind}",
            code=report.code,
            note=note or "-",
            polsek=polsek.name if polsek else t(lang, "reports.police"),
        )
        markup = cards.answer_keyboard(lang, report.id or 0) if question else None
        self.delivery.send_direct_in(
            session,
            report.reporter_id,
            Payload.message(text, reply_markup=markup),
            kind="report_status",
            ref=f"report:{report.id}",
        )

    def _refresh_card(self, session: Session, report: Report) -> None:
        if report.duty_delivery_id is None:
            return
        view = self._view(session, report)
        payload = cards.duty_payload(self.settings.language, view, self.settings.timezone)
        self.delivery.edit_in(session, report.duty_delivery_id, payload, kind="report_edit")

    # ---- the reporter answering --------------------------------------------------------------

    async def answer(self, report_id: int, reporter_id: int, text: str) -> str | None:
        """Relay the reporter's answer to the duty chat, as a reply to the report's card;
        the report's code, or None if it is not theirs or is closed."""

        def store(session: Session) -> str | None:
            report = q.get(session, report_id)
            if report is None or report.reporter_id != reporter_id:
                return None
            if ReportStatus(report.status) in FINAL:
                return None
            note = text.strip()[:MAX_NOTE]
            q.add_event(session, report_id, "answer", actor_id=reporter_id, note=note)
            message = t(
                self.settings.language, "reports.answer_relayed", code=report.code, answer=note
            )
            if report.duty_delivery_id is not None:
                self.delivery.follow_up_in(
                    session, report.duty_delivery_id, Payload.message(message), kind="report_answer"
                )
            return report.code

        code = await self.db.write(store)
        if code is not None:
            self.delivery.wake()
        return code

    # ---- escalation -------------------------------------------------------------------------

    async def pending_escalations(self) -> list[tuple[int, dt.datetime]]:
        """(report id, when) for every report whose escalation is still to come."""
        return await self.db.run(q.due_escalations)

    async def escalate(self, report_id: int) -> bool:
        """Escalate an unclaimed report once: re-announce it in the duty chat, alert the
        Polres, tell the reporter. False if it was claimed or escalated meanwhile."""

        def run(session: Session) -> bool:
            now = utcnow()
            if not q.mark_escalated(session, report_id, now):
                return False
            report = q.get(session, report_id)
            assert report is not None
            minutes = (
                self.settings.escalate_urgent_minutes
                if report.urgent
                else self.settings.escalate_minutes
            )
            q.add_event(session, report_id, "escalated", actor_id=None, note=str(minutes), at=now)
            lang = self.settings.language
            if report.duty_delivery_id is not None:
                text = t(lang, "reports.reannounce", code=report.code, minutes=minutes)
                self.delivery.follow_up_in(
                    session, report.duty_delivery_id, Payload.message(text), kind="report_reminder"
                )
            target = self.settings.polres_chat_id
            if target is not None:
                view = self._view(session, report)
                payload = cards.polres_payload(lang, view, self.settings.timezone, minutes)
                self.delivery.enqueue_in(
                    session,
                    [target],
                    payload,
                    Priority.DIRECT,
                    kind="report_escalation",
                    ref=f"report:{report_id}",
                )
                # The reporter hears that it went up (and is reminded of 110).
                self._tell_reporter(session, report, "escalated", "")
            return True

        escalated = await self.db.write(run)
        if escalated:
            self.delivery.wake()
        return escalated

    # ---- overview -----------------------------------------------------------------------------

    async def stats(self, polsek_ids: set[int] | None, *, weeks: int = 8) -> Stats:
        """Counts by status, category, desa and week (None: every Polsek)."""
        reports = await self.db.run(q.in_scope, polsek_ids)
        stats = Stats(total=len(reports))
        tz = self.settings.timezone
        horizon = utcnow() - dt.timedelta(weeks=weeks)
        waits = []
        for report in reports:
            stats.by_status[ReportStatus(report.status)] += 1
            stats.by_category[ReportCategory(report.category)] += 1
            desa = self.areas.get(report.desa_id) if report.desa_id else None
            stats.by_desa[self.areas.label(desa) if desa else "-"] += 1
            if report.created_at >= horizon:
                year, week, _ = report.created_at.astimezone(tz).isocalendar()
                stats.by_week[f"{year}-W{week:02d}"] += 1
            if report.claimed_at is not None:
                waits.append((report.claimed_at - report.created_at).total_seconds() / 60)
            stats.escalated += report.escalated_at is not None
        if waits:
            waits.sort()
            middle = len(waits) // 2
            stats.median_claim_minutes = (
                waits[middle] if len(waits) % 2 else (waits[middle - 1] + waits[middle]) / 2
            )
        return stats

    async def export_csv(
        self, polsek_ids: set[int] | None, *, actor_id: int | None, actor_label: str = ""
    ) -> tuple[str, int]:
        """Every report in scope as CSV text, and how many; the export is audited (it holds
        named reporters' names)."""

        def read(session: Session) -> tuple[str, int]:
            rows = self._export_rows(session, polsek_ids)
            scope = "all" if polsek_ids is None else ",".join(str(i) for i in sorted(polsek_ids))
            queries.add_audit(
                session,
                "report.export",
                actor_id=actor_id,
                actor_label=actor_label,
                target=f"polsek:{scope}",
                details=f"{len(rows)} reports",
            )
            return to_csv(rows), len(rows)

        return await self.db.run(read)

    def _export_rows(self, session: Session, polsek_ids: set[int] | None) -> list[dict[str, str]]:
        """Every report in scope as CSV rows (times in WIB; anonymous reporters withheld)."""
        rows = []
        tz = self.settings.timezone
        for report in q.in_scope(session, polsek_ids):
            view = self._view(session, report)
            rows.append(
                {
                    "kode": view.code,
                    "dibuat": report.created_at.astimezone(tz).isoformat(timespec="seconds"),
                    "kategori": view.category.value,
                    "status": view.status.value,
                    "mendesak": "ya" if view.urgent else "tidak",
                    "desa": view.desa,
                    "polsek": view.polsek or "",
                    "tempat": view.place_text,
                    "lintang": "" if view.latitude is None else f"{view.latitude:.6f}",
                    "bujur": "" if view.longitude is None else f"{view.longitude:.6f}",
                    "pelapor": view.reporter or "anonim",
                    "petugas": view.handler or "",
                    "diterima": _iso(report.claimed_at, tz),
                    "ditutup": _iso(report.closed_at, tz),
                    "eskalasi": _iso(report.escalated_at, tz),
                    "alasan_tolak": report.reject_reason or "",
                    "catatan": report.outcome,
                    "foto": str(len(view.photos)),
                    "uraian": view.description,
                }
            )
        return rows


CSV_COLUMNS = (
    "kode dibuat kategori status mendesak desa polsek tempat lintang bujur pelapor petugas "
    "diterima ditutup eskalasi alasan_tolak catatan foto uraian"
).split()


def to_csv(rows: Sequence[dict[str, str]]) -> str:
    """CSV text with a header row (UTF-8 with BOM, so spreadsheet programs read it right)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _iso(moment: dt.datetime | None, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).isoformat(timespec="seconds") if moment else ""
