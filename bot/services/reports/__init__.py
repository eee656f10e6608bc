"""Incident reports: from a resident's /lapor to the police's outcome, and back to the resident.

How to use it (from a handler, through `context.services.reports`)::

    opening = await reports.opening(user_id)           # ReportError("reports.limit") if used up
    submitted = await reports.submit(user_id, Draft(token, category, description, desa_id, ...))
    result = await reports.act(report_id, officer_id, Action.TAKE)   # ActResult(outcome, ...)
    refused = await reports.check(report_id, officer_id, Action.ASK)  # before asking for a note
    await reports.answer(report_id, reporter_id, "the answer")       # relayed to the duty chat
    await reports.escalate(report_id)                  # the escalation job, once per report
    stats = await reports.stats(reports.visible_polsek(holdings))
    text, count = await reports.export_csv(polsek_ids, actor_id=user_id)   # audited: which reports
    identity = await reports.reporter(report_id, officer_id, actor_label="Andi")  # audited

Modules: `types` (drafts, actions, results, limits, ReportError), `create` (a draft becomes a
report), `duty` (officers acting, the reporter answering), `escalation`, `undelivered` (a card
that reached no duty chat: `card_finished`, a delivery hook), `identity` (a named reporter shown
to one officer), `overview` (counts, CSV),
`codes` (tracking numbers), `messages` (cards, texts and buttons), `callbacks` (button data).

Names (stored in chats and in the database, so kept as they are): texts `reports.*`, buttons
`lp:*` (the resident's) and `rp:*` (the duty chat's), escalation jobs `report:escalate:<id>`,
conversations `lapor`, `jawab` and `laporan_petugas`.

Every change is one transaction that also writes the messages it causes into the delivery
outbox (the duty chat's card edited in place, the reporter told, the Polres alerted), so a
change is never made without its messages nor a message sent for a change that did not happen;
the service wakes the delivery engine after the commit.

Rules:
- A report is stored before it is acknowledged; a draft sent twice (a double tap on "Kirim")
  makes one report (`client_token`). A resident makes at most `limit_per_day` reports a day.
- The first officer to act on a new report takes it (a conditional change of its row); then
  only they, or an admin, move it on. Two officers never work one report.
- An anonymous reporter is never shown to anyone; their id is used only to tell them of changes
  and to relay questions. A named reporter is shown to one officer at a time, on asking, and
  every view is audited (`report.reporter_viewed`); cards and the CSV say only "named".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot.delivery import DeliveryService
from bot.delivery import Finished
from bot.services.areas import AreaService
from bot.services.areas import SubscriptionService
from bot.services.areas.subscriptions import Unknown
from bot.services.authz import Holding
from bot.services.geo import too_far_outside
from bot.services.reports import create
from bot.services.reports import duty
from bot.services.reports import escalation
from bot.services.reports import identity
from bot.services.reports import messages
from bot.services.reports import overview
from bot.services.reports import undelivered
from bot.services.reports.codes import compact_codes
from bot.services.reports.codes import parse_code
from bot.services.reports.codes import prefix_candidates
from bot.services.reports.identity import Identity
from bot.services.reports.messages import ReportView
from bot.services.reports.overview import Stats
from bot.services.reports.types import MAX_DESCRIPTION
from bot.services.reports.types import MAX_NOTE
from bot.services.reports.types import MAX_PHOTOS
from bot.services.reports.types import MAX_PLACE
from bot.services.reports.types import MIN_DESCRIPTION
from bot.services.reports.types import MIN_NOTE
from bot.services.reports.types import URGENT_CATEGORIES
from bot.services.reports.types import Action
from bot.services.reports.types import ActResult
from bot.services.reports.types import Deps
from bot.services.reports.types import Draft
from bot.services.reports.types import Opening
from bot.services.reports.types import Outcome
from bot.services.reports.types import Place
from bot.services.reports.types import ReportError
from bot.services.reports.types import ReportSettings
from bot.services.reports.types import Submitted
from storage import queries
from storage import reports as q
from storage.db import Database
from storage.models import Report

if TYPE_CHECKING:
    # Not at run time: neighbour alerts import this package's cards.
    from bot.services.neighbours import NeighbourService

__all__ = [
    "MAX_DESCRIPTION",
    "MAX_PHOTOS",
    "MAX_PLACE",
    "MIN_DESCRIPTION",
    "MIN_NOTE",
    "URGENT_CATEGORIES",
    "ActResult",
    "Action",
    "Draft",
    "Identity",
    "Opening",
    "Outcome",
    "Place",
    "ReportError",
    "ReportService",
    "ReportSettings",
    "ReportView",
    "Stats",
    "Submitted",
    "parse_code",
    "prefix_candidates",
]


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
        subscriptions: SubscriptionService | None = None,
    ) -> None:
        self.db = db
        self.areas = areas
        # Knows the reporters' home desa (kept in memory there, see SubscriptionService).
        self.subscriptions = subscriptions
        self.delivery = delivery
        self.settings = settings
        self._deps = Deps(areas, delivery, settings, neighbours)

    # ---- making a report ------------------------------------------------------------------

    async def opening(self, reporter_id: int) -> Opening:
        """What /lapor begins with (the home desa), in one transaction; ReportError
        ("reports.limit") when the reporter's quota is used."""
        subscriptions = self.subscriptions
        home = Unknown.HOME if subscriptions is None else subscriptions.known_home(reporter_id)
        opening = await self.db.run(create.opening, self.settings, reporter_id, home)
        if subscriptions is not None and home is Unknown.HOME:
            subscriptions.remember_home(reporter_id, opening.home_desa_id)
        return opening

    def km_outside(self, latitude: float, longitude: float) -> float | None:
        """How far a shared location lies outside the area the bot serves (None: close
        enough, or not checked)."""
        return too_far_outside(self.settings.bounds, latitude, longitude)

    async def submit(self, reporter_id: int, draft: Draft) -> Submitted:
        """Store the report and announce it (one transaction), or find the one this draft
        already became. Raises ReportError("reports.limit") when the reporter's quota is used."""
        try:
            submitted = await self.db.write(create.submit, self._deps, reporter_id, draft)
        except IntegrityError:
            # The same draft stored concurrently (two processes, a double tap): that one counts.
            found = await self.db.run(create.existing, reporter_id, draft.token)
            if found is None:
                raise
            submitted = found
        if submitted.created:
            self.delivery.wake()
        return submitted

    # ---- reading ----------------------------------------------------------------------------

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

    async def status(
        self, reporter_id: int, code: str | None, lang: str
    ) -> tuple[ReportView, list[str]] | None:
        """One of the reporter's reports and its history in words, as they may see them
        (officers are named by their Polsek, not by name): the one with tracking number
        `code`, else their newest; None when there is none, or it is not theirs. One
        transaction (/status)."""

        def read(session: Session) -> tuple[ReportView, list[str]] | None:
            if code is not None:
                report = q.by_code(session, code)
            else:
                newest = q.of_reporter(session, reporter_id, 1)
                report = newest[0] if newest else None
            if report is None or report.id is None or report.reporter_id != reporter_id:
                return None
            view = messages.view_of(session, self.areas, report)
            events = q.events(session, report.id)
            return view, messages.history_lines(lang, events, self.settings.timezone)

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
            duty.act,
            self._deps,
            report_id,
            actor_id,
            action,
            note.strip()[:MAX_NOTE],
            reason,
            override,
        )
        if result.outcome is Outcome.DONE:
            self.delivery.wake()
        return result

    async def check(
        self, report_id: int, actor_id: int, action: Action, *, override: bool = False
    ) -> ActResult | None:
        """Why `act` would refuse (None: it would go ahead), before asking the officer for a
        note or a question."""

        def read(session: Session) -> ActResult | None:
            return duty.refusal(session, q.get(session, report_id), actor_id, action, override)

        return await self.db.run(read)

    async def reporter(
        self, report_id: int, officer_id: int, *, actor_label: str = ""
    ) -> Identity | None:
        """Who made the report, for an officer whose right to act on it the caller checked;
        written to the audit log when a named reporter is shown (`Identity.user_id` None:
        anonymous, nothing shown). None: no such report."""
        return await self.db.write(identity.reveal, report_id, officer_id, actor_label)

    # ---- the reporter answering --------------------------------------------------------------

    async def answer(self, report_id: int, reporter_id: int, text: str) -> str | None:
        """Relay the reporter's answer to the duty chat, as a reply to the report's card;
        the report's code, or None if it is not theirs or is closed."""
        code = await self.db.write(duty.relay_answer, self._deps, report_id, reporter_id, text)
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
        escalated = await self.db.write(escalation.escalate, self._deps, report_id)
        if escalated:
            self.delivery.wake()
        return escalated

    def card_finished(self, session: Session, finished: Finished) -> None:
        """The delivery hook of report cards (`DeliveryService.on_finished("report", ...)`):
        a card that reached no duty chat tells the officers and the admin chat, and escalates."""
        undelivered.card_finished(session, self._deps, finished)

    # ---- overview -----------------------------------------------------------------------------

    def visible_polsek(self, holdings: Iterable[Holding]) -> set[int] | None:
        """The Polsek whose reports someone with these roles may see (None: all)."""
        return overview.visible_polsek(holdings, self.areas)

    async def stats(self, polsek_ids: set[int] | None, *, weeks: int = 8) -> Stats:
        """Counts by status, category, desa and week (None: every Polsek)."""
        reports = await self.db.run(q.in_scope, polsek_ids)
        return overview.count(reports, self.areas, self.settings.timezone, weeks)

    async def export_csv(
        self, polsek_ids: set[int] | None, *, actor_id: int | None, actor_label: str = ""
    ) -> tuple[str, int]:
        """Every report in scope as CSV text, and how many; the export is audited with the
        reports' codes. It says whether a reporter is named, not who (that is shown one report
        at a time, see `reporter`)."""

        def read(session: Session) -> tuple[str, int]:
            rows = overview.export_rows(session, self.areas, self.settings.timezone, polsek_ids)
            scope = "all" if polsek_ids is None else ",".join(str(i) for i in sorted(polsek_ids))
            queries.add_audit(
                session,
                "report.export",
                actor_id=actor_id,
                actor_label=actor_label,
                target=f"polsek:{scope}",
                details=f"{len(rows)} reports: {compact_codes(r['kode'] for r in rows)}",
            )
            return overview.to_csv(rows), len(rows)

        return await self.db.run(read)
