"""Latihan: practice reporting (/latihan). A trainer (an officer, a pemuda koordinator, an
admin) opens a session for a desa; its Karang Taruna is invited with a button, and anyone may
join with the link `/start lat_<code>` while it is open. Trainees run the real /lapor in practice
mode; their practice reports are stored here (never in `reports`: no duty chat, statistics,
CSV, neighbour alert or escalation can see them), graded on a checklist, and sent to the trainer
(and the training group) with a button for feedback. Ending the session gives a summary.

The API (`services.latihan`, a `LatihanService`)::

    latihan.may_train(holdings, desa_id); latihan.desa_named(holdings)     # who trains where
    people = await latihan.karang_taruna(desa_id, trainer_id)
    scenario = latihan.check_scenario(text)                                # LatihanError if bad
    created = await latihan.create(plan, trainer_id, lang, people)         # invitations enqueued
    practice = await latihan.join(user_id, code=...) / (user_id, session_id=...)
    graded = await latihan.submit(practice_session_id, user_id, draft)     # stored, then shown
    await latihan.feedback(report_id, trainer_id, text)                    # the trainee is told
    text = await latihan.view(session_id, user_id, lang); await latihan.close(...)  # summary
    text = await latihan.history(trainer_id, lang); await latihan.set_chat(trainer_id, chat_id)

Messages to others go through the delivery engine inside the change's transaction (kind
"latihan", ref "latihan:<session>"). Refusals are `LatihanError` (a `UserFacingError`).
"""

from __future__ import annotations

import secrets
import string
from collections import Counter
from collections.abc import Sequence
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot.delivery import DeliveryService
from bot.delivery import Payload
from bot.delivery import Priority
from bot.services.authz import Action
from bot.services.authz import Holding
from bot.services.authz import allowed
from bot.services.free_text import long_enough
from bot.services.latihan import messages
from bot.services.latihan.grading import grade
from bot.services.latihan.types import FEEDBACK_MAX
from bot.services.latihan.types import FEEDBACK_MIN
from bot.services.latihan.types import KIND
from bot.services.latihan.types import SCENARIO_MAX
from bot.services.latihan.types import SCENARIO_MIN
from bot.services.latihan.types import Audience
from bot.services.latihan.types import Check
from bot.services.latihan.types import Created
from bot.services.latihan.types import Graded
from bot.services.latihan.types import LatihanError
from bot.services.latihan.types import Plan
from bot.services.latihan.types import Practice
from bot.services.latihan.types import number
from bot.services.reports import Draft
from bot.services.siaga.audience import People
from bot.services.users import display_names
from bot.texts import t
from storage import latihan as store
from storage import queries
from storage.db import Database
from storage.models import AreaLevel
from storage.models import ReportCategory
from storage.models import TrainingParticipant
from storage.models import TrainingReport
from storage.models import TrainingSession
from storage.models import TrainingStatus
from storage.models import utcnow

__all__ = [
    "Audience",
    "Check",
    "Created",
    "Graded",
    "LatihanError",
    "LatihanService",
    "Plan",
    "Practice",
    "number",
]

_CODE_LETTERS = string.ascii_uppercase + string.digits
HISTORY_LIMIT = 10


def ref(session_id: int) -> str:
    return f"latihan:{session_id}"


class LatihanService:
    """Practice sessions: who may train where, invitations, joining, grading, feedback, the end."""

    def __init__(
        self, db: Database, areas: Any, roles: Any, delivery: DeliveryService, *, language: str
    ) -> None:
        self.db = db
        self.areas = areas
        self.roles = roles
        self.delivery = delivery
        self.language = language
        self.people = People(areas, roles, None)

    # -- who trains where -----------------------------------------------------------------------

    def may_train(self, holdings: Sequence[Holding], desa_id: int) -> bool:
        return allowed(holdings, Action.RUN_TRAINING, self.roles.place(area_id=desa_id))

    def is_desa(self, area_id: int) -> bool:
        entry = self.areas.get(area_id)
        return entry is not None and entry.level is AreaLevel.DESA

    def desa_named(self, holdings: Sequence[Holding]) -> list[int]:
        """The desa the trainer's roles name (offered as buttons; others are typed)."""
        return self.roles.areas_named(holdings, Action.RUN_TRAINING, (AreaLevel.DESA,), most=8)

    def desa_name(self, desa_id: int | None) -> str:
        entry = self.areas.get(desa_id) if desa_id is not None else None
        return f"Desa {entry.name}" if entry is not None else "—"

    async def karang_taruna(self, desa_id: int, trainer_id: int) -> list[int]:
        """The desa's Karang Taruna (pemuda whose role covers it), the trainer left out."""
        found = await self.db.run(lambda s: self.people.pemuda(s, desa_id))
        found.discard(trainer_id)
        return sorted(found)

    def check_scenario(self, text: str) -> str:
        scenario = " ".join(text.split())
        if not long_enough(scenario, SCENARIO_MIN):
            raise LatihanError("latihan.scenario_short", least=SCENARIO_MIN)
        if len(scenario) > SCENARIO_MAX:
            raise LatihanError("latihan.scenario_long", most=SCENARIO_MAX)
        return scenario

    # -- a session ------------------------------------------------------------------------------

    async def create(
        self, plan: Plan, trainer_id: int, lang: str, invitees: Sequence[int]
    ) -> Created:
        """Store the session (a fresh link code) and, for the Karang Taruna, who is invited and
        their invitations, in one transaction."""

        def write(session: Session) -> Created:
            row = TrainingSession(
                trainer_id=trainer_id,
                desa_id=plan.desa_id,
                audience=plan.audience.value,
                code="".join(secrets.choice(_CODE_LETTERS) for _ in range(10)),
                scenario=plan.scenario,
                wants_photo=plan.wants_photo,
                wants_location=plan.wants_location,
                invited=len(invitees) if plan.audience is Audience.PEMUDA else 0,
                language=lang,
            )
            session_id = store.add(session, row=row)
            if plan.audience is Audience.PEMUDA and invitees:
                store.invite(session, session_id=session_id, user_ids=invitees)
                trainer = display_names(session, [trainer_id]).get(trainer_id, "—")
                for language, people in self._by_language(session, invitees).items():
                    text, markup = messages.invitation(
                        language, row, trainer, self.desa_name(plan.desa_id)
                    )
                    self.delivery.enqueue_in(
                        session,
                        people,
                        Payload.message(text, reply_markup=markup),
                        Priority.INFO,
                        kind=KIND,
                        ref=ref(session_id),
                        created_by=trainer_id,
                    )
            return Created(session_id, row.code, row.invited)

        created = await self.db.write(write)
        self.delivery.wake()
        return created

    async def join(
        self, user_id: int, *, code: str | None = None, session_id: int | None = None
    ) -> Practice:
        """Join an open session by its link code or its invitation button; LatihanError when
        the link is unknown, the session has ended, or the button was not for this person."""

        def write(session: Session) -> Practice:
            if code is not None:
                row = store.by_code(session, code=code.upper())
                if row is None:
                    raise LatihanError("latihan.link_unknown")
            else:
                row = store.get(session, session_id=session_id or 0)
                if row is None:
                    raise LatihanError("latihan.link_unknown")
            assert row.id is not None
            if row.status is not TrainingStatus.OPEN:
                raise LatihanError("latihan.closed")
            found = store.participant(session, session_id=row.id, user_id=user_id)
            if found is None:
                if code is None:  # a forwarded invitation button: the link is the way in
                    raise LatihanError("latihan.not_invited")
                store.add(
                    session,
                    row=TrainingParticipant(session_id=row.id, user_id=user_id, joined_at=utcnow()),
                )
            elif found.joined_at is None:
                found.joined_at = utcnow()
                session.add(found)
            return Practice(row.id, row.desa_id, row.scenario, row.wants_photo, row.wants_location)

        return await self.db.write(write)

    async def scenario_text(self, session_id: int, lang: str) -> str:
        found = await self.db.run(lambda s: store.get(s, session_id=session_id))
        return "" if found is None else messages.scenario_line(lang, found)

    async def submit(self, session_id: int, user_id: int, draft: Draft) -> Graded:
        """Store the practice report, graded, and send it to the trainer (and the training
        group) in one transaction; a draft sent twice is stored once. LatihanError when the
        session ended meanwhile."""

        def write(session: Session) -> tuple[Graded, bool]:
            found = store.report_by_token(session, user_id=user_id, token=draft.token)
            row = store.get(session, session_id=session_id)
            if row is None:
                raise LatihanError("latihan.closed")
            if found is not None:
                assert found.id is not None
                return Graded(number(found.id), tuple(messages.checks_of(found, row))), False
            if row.status is not TrainingStatus.OPEN:
                raise LatihanError("latihan.closed")
            checks = grade(draft, wants_photo=row.wants_photo, wants_location=row.wants_location)
            report = TrainingReport(
                session_id=session_id,
                user_id=user_id,
                token=draft.token,
                category=draft.category.value,
                description=draft.story,
                desa_id=draft.desa_id,
                place_text=draft.place_text,
                latitude=draft.latitude,
                longitude=draft.longitude,
                photos="\n".join(draft.photos),
                urgent=draft.urgent,
                anonymous=draft.anonymous,
                passed=sum(1 for _c, met in checks if met),
                total=len(checks),
                missing=",".join(c.value for c, met in checks if not met),
            )
            report_id = store.add(session, row=report)
            self._send_card(session, row, report)
            return Graded(number(report_id), checks), True

        try:
            graded, created = await self.db.write(write)
        except IntegrityError:  # the same draft stored concurrently: that one counts
            graded, created = await self.db.write(write)
        if created:
            self.delivery.wake()
        return graded

    def _send_card(self, session: Session, row: TrainingSession, report: TrainingReport) -> None:
        trainee = display_names(session, [report.user_id]).get(report.user_id, "—")
        category = ReportCategory(report.category)
        chats: list[tuple[int, bool]] = []
        if row.trainer_id is not None:
            chats.append((row.trainer_id, True))
        if row.chat_id is not None:
            chats.append((row.chat_id, False))
        for chat_id, with_button in chats:
            lang = row.language if with_button else self.language
            text, markup = messages.report_card(
                lang,
                report,
                row,
                trainee=trainee,
                desa=self.desa_name(report.desa_id),
                category=t(lang, f"reports.cat.{category.value}"),
                with_button=with_button,
            )
            self.delivery.send_direct_in(
                session,
                chat_id,
                Payload.message(text, reply_markup=markup),
                kind=KIND,
                ref=ref(row.id or 0),
            )

    async def feedback(self, report_id: int, trainer_id: int, text: str) -> str:
        """Store the trainer's feedback on a practice report and send it to the trainee; the
        report's training number. LatihanError for someone else's report or a bad text."""
        words = " ".join(text.split())
        if not long_enough(words, FEEDBACK_MIN):
            raise LatihanError("latihan.feedback_short")
        if len(words) > FEEDBACK_MAX:
            raise LatihanError("latihan.feedback_long", most=FEEDBACK_MAX)

        def write(session: Session) -> str:
            report = store.report(session, report_id=report_id)
            row = store.get(session, session_id=report.session_id) if report else None
            if report is None or row is None or row.trainer_id != trainer_id:
                raise LatihanError("latihan.not_yours")
            report.feedback, report.feedback_at = words, utcnow()
            session.add(report)
            lang = self._languages(session, [report.user_id])[report.user_id]
            trainer = display_names(session, [trainer_id]).get(trainer_id, "—")
            code = number(report_id)
            message = t(lang, "latihan.feedback_to_trainee", number=code, trainer=trainer)
            message = (
                messages.banner(lang)
                + "\n"
                + message
                + "\n\n"
                + t(lang, "latihan.quote", text=words)
            )
            self.delivery.send_direct_in(
                session, report.user_id, Payload.message(message), kind=KIND, ref=ref(row.id or 0)
            )
            return code

        code = await self.db.write(write)
        self.delivery.wake()
        return code

    async def may_feedback(self, report_id: int, trainer_id: int) -> str | None:
        """The report's training number when `trainer_id` runs its session (None: not theirs)."""

        def read(session: Session) -> str | None:
            report = store.report(session, report_id=report_id)
            row = store.get(session, session_id=report.session_id) if report else None
            if report is None or row is None or row.trainer_id != trainer_id:
                return None
            return number(report_id)

        return await self.db.run(read)

    # -- the trainer's views --------------------------------------------------------------------

    async def open_sessions(self, trainer_id: int, lang: str) -> list[tuple[int, str]]:
        """The trainer's open sessions: (id, title)."""

        def read(session: Session) -> list[tuple[int, str]]:
            rows = store.of_trainer(
                session, trainer_id=trainer_id, status=TrainingStatus.OPEN, limit=8
            )
            return [
                (r.id or 0, messages.session_title(lang, r, self.desa_name(r.desa_id)))
                for r in rows
            ]

        return await self.db.run(read)

    async def view(
        self, session_id: int, user_id: int, lang: str, link: str
    ) -> tuple[str, dict[str, Any]]:
        """A session as its trainer sees it: the link (`link` with `{code}` filled in), who
        joined, who finished, each report."""

        def read(session: Session) -> tuple[str, dict[str, Any]]:
            row = self._own(session, session_id, user_id)
            text = self._render_view(session, row, lang, link)
            return text, messages.view_buttons(lang, row)

        return await self.db.run(read)

    def _render_view(self, session: Session, row: TrainingSession, lang: str, link: str) -> str:
        people = store.participants(session, session_id=row.id or 0)
        reports = store.reports(session, session_id=row.id or 0)
        names = display_names(session, [p.user_id for p in people])
        joined = [p for p in people if p.joined_at is not None]
        finished = {r.user_id for r in reports}
        lines = [messages.session_title(lang, row, self.desa_name(row.desa_id))]
        audience = t(lang, f"latihan.who_{row.audience}")
        lines.append(t(lang, "latihan.view_audience", who=audience, invited=row.invited))
        if row.status is TrainingStatus.OPEN:
            lines.append(t(lang, "latihan.view_code", link=link.format(code=row.code)))
        extra = messages.scenario_line(lang, row)
        if extra:
            lines.append(extra)
        lines.append(t(lang, "latihan.view_counts", joined=len(joined), finished=len(finished)))
        for person in joined:
            icon = "✅" if person.user_id in finished else "⏳"
            lines.append(f"{icon} " + t(lang, "latihan.name", name=names.get(person.user_id, "—")))
        if reports:
            lines.append(t(lang, "latihan.view_reports"))
        for report in reports:
            missing = [
                t(lang, f"latihan.short_{c.value}")
                for c, met in messages.checks_of(report, row)
                if not met
            ]
            lines.append(
                t(
                    lang,
                    "latihan.view_report_line",
                    number=number(report.id or 0),
                    name=names.get(report.user_id, "—"),
                    passed=report.passed,
                    total=report.total,
                    missing=", ".join(missing) if missing else "—",
                    feedback="💬" if report.feedback else "",
                )
            )
        return "\n".join(lines)

    def _own(self, session: Session, session_id: int, user_id: int) -> TrainingSession:
        row = store.get(session, session_id=session_id)
        if row is None or row.trainer_id != user_id:
            raise LatihanError("latihan.not_yours")
        return row

    async def close(self, session_id: int, user_id: int, lang: str) -> str:
        """⛔ Akhiri latihan: the session ends (its link no longer works); the summary per
        trainee and for the session."""

        def write(session: Session) -> tuple[str, bool]:
            row = self._own(session, session_id, user_id)
            closed = store.close(session, session_id=session_id, now=utcnow())
            session.refresh(row)
            told = self._tell_trainees(session, row) if closed else 0  # not again on a double tap
            summary = self._summary(session, row, lang)
            if told:
                summary += "\n" + t(lang, "latihan.summary_told")
            return summary, closed

        summary, closed = await self.db.write(write)
        if closed:
            self.delivery.wake()
        return summary

    def _tell_trainees(self, session: Session, row: TrainingSession) -> int:
        """Everyone who joined (the trainer aside) learns the session ended, with their own
        result in one line. Invited members who never started are not written to: their
        invitation's button answers "sudah selesai" when pressed. How many were told."""
        assert row.id is not None
        reports = store.reports(session, session_id=row.id)
        people = [
            p.user_id
            for p in store.participants(session, session_id=row.id)
            if (p.joined_at is not None or any(r.user_id == p.user_id for r in reports))
            and p.user_id != row.trainer_id
        ]
        desa = self.desa_name(row.desa_id)
        for user_id, lang in self._languages(session, people).items():
            theirs = [r for r in reports if r.user_id == user_id]
            text = messages.ended(lang, row, desa, theirs)
            self.delivery.send_direct_in(
                session, user_id, Payload.message(text), kind=KIND, ref=ref(row.id)
            )
        return len(people)

    async def is_open(self, session_id: int) -> bool:
        """Whether a practice session still takes reports (a trainee's draft checks each step)."""
        found = await self.db.run(lambda s: store.get(s, session_id=session_id))
        return found is not None and found.status is TrainingStatus.OPEN

    async def sent_number(self, user_id: int, token: str) -> str | None:
        """The training number of the practice report a "Kirim" button (its draft's token)
        stored; None when it stored none."""
        found = await self.db.run(lambda s: store.report_by_token(s, user_id=user_id, token=token))
        return None if found is None or found.id is None else number(found.id)

    def _summary(self, session: Session, row: TrainingSession, lang: str) -> str:
        reports = store.reports(session, session_id=row.id or 0)
        people = store.participants(session, session_id=row.id or 0)
        names = display_names(session, [p.user_id for p in people])
        lines = [t(lang, "latihan.summary_title", number=row.id, desa=self.desa_name(row.desa_id))]
        by_person: dict[int, list[TrainingReport]] = {}
        for report in reports:
            by_person.setdefault(report.user_id, []).append(report)
        for user_id, theirs in by_person.items():
            passed = sum(r.passed for r in theirs)
            total = sum(r.total for r in theirs)
            lines.append(
                t(
                    lang,
                    "latihan.summary_person",
                    name=names.get(user_id, "—"),
                    reports=len(theirs),
                    passed=passed,
                    total=total,
                )
            )
        joined = sum(1 for p in people if p.joined_at is not None)
        missed: Counter[str] = Counter(key for r in reports for key in r.missing.split(",") if key)
        lines.append(
            t(
                lang,
                "latihan.summary_session",
                joined=joined,
                finished=len(by_person),
                reports=len(reports),
                passed=sum(r.passed for r in reports),
                total=sum(r.total for r in reports),
            )
        )
        for key, count in missed.most_common():
            lines.append(
                t(lang, "latihan.summary_missed", item=t(lang, f"latihan.short_{key}"), n=count)
            )
        return "\n".join(lines)

    async def history(self, trainer_id: int, lang: str) -> tuple[str, list[tuple[int, str]]]:
        """The trainer's sessions, newest first, with counts; and (id, title) to view each."""

        def read(session: Session) -> tuple[str, list[tuple[int, str]]]:
            rows = store.of_trainer(
                session, trainer_id=trainer_id, status=None, limit=HISTORY_LIMIT
            )
            if not rows:
                return t(lang, "latihan.history_empty"), []
            lines = [t(lang, "latihan.history_title")]
            buttons = []
            for row in rows:
                reports = store.reports(session, session_id=row.id or 0)
                people = store.participants(session, session_id=row.id or 0)
                title = messages.session_title(lang, row, self.desa_name(row.desa_id))
                lines.append(
                    t(
                        lang,
                        "latihan.history_line",
                        title=title,
                        date=row.created_at.strftime("%d/%m/%Y"),
                        joined=sum(1 for p in people if p.joined_at is not None),
                        reports=len(reports),
                        passed=sum(r.passed for r in reports),
                        total=sum(r.total for r in reports),
                    )
                )
                buttons.append((row.id or 0, title))
            return "\n".join(lines), buttons

        return await self.db.run(read)

    async def set_chat(self, trainer_id: int, chat_id: int) -> int | None:
        """The trainer's newest open session sends its reports to this group too; its id
        (None: no open session)."""

        def write(session: Session) -> int | None:
            row = store.newest_open(session, trainer_id=trainer_id)
            if row is None:
                return None
            row.chat_id = chat_id
            session.add(row)
            return row.id

        return await self.db.write(write)

    # -- helpers --------------------------------------------------------------------------------

    def _languages(self, session: Session, user_ids: Sequence[int]) -> dict[int, str]:
        found = {
            u.id: (u.language or self.language) for u in queries.get_users(session, list(user_ids))
        }
        return {uid: found.get(uid, self.language) for uid in user_ids}

    def _by_language(self, session: Session, user_ids: Sequence[int]) -> dict[str, list[int]]:
        grouped: dict[str, list[int]] = {}
        for user_id, lang in self._languages(session, user_ids).items():
            grouped.setdefault(lang, []).append(user_id)
        return dict(sorted(grouped.items()))
