"""Neighbour alerts: a report in one desa told to the watch of the desa around it.

When a report is urgent (at submission) or confirmed by the police (taken: Diterima or
Diproses), the members on duty and the koordinators of every neighbouring desa get a short alert
with a "Siap bantu" button, once per report. Whoever presses it is recorded once; the Polsek duty
chat (as a reply to the report's card) and the koordinators of the report's desa hear who can
help. The reporter is never named, not even for a named report, and never alerted themselves.

The API is `NeighbourService`: `alert_in(session, report, reason)` runs inside the report's
own transaction (the caller wakes the delivery engine after the commit), so an alert is stored
and its messages queued exactly when the report change is; `offer_help(alert_id, user_id)`
records a press of the button (`callbacks.OfferHelp`); `alert_of` and `helpers` read. The
queries are in storage/neighbours.py.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot.callbacks import inline_keyboard
from bot.delivery import DeliveryService
from bot.delivery import Payload
from bot.delivery import Priority
from bot.services.areas import AreaService
from bot.services.neighbours.callbacks import OfferHelp
from bot.services.reports import messages as cards
from bot.services.users import display_names
from bot.texts import t
from bot.texts.when import format_time
from bot.texts.when import format_when
from bot.texts.when import local
from storage import areas as area_reads
from storage import neighbours as q
from storage import queries
from storage import reports as report_reads
from storage.db import Database
from storage.models import NeighbourAlert
from storage.models import NeighbourHelp
from storage.models import Report
from storage.models import ReportCategory
from storage.models import ReportStatus
from storage.models import utcnow

if TYPE_CHECKING:
    from bot.services.patrols import PatrolService

ALERT_KIND = "neighbour_alert"
HELP_KIND = "neighbour_help"
_CLOSED = frozenset({ReportStatus.SELESAI, ReportStatus.DITOLAK})


class Reason(enum.StrEnum):
    """Why a report's neighbours were alerted."""

    URGENT = "urgent"  # marked urgent by the reporter
    CONFIRMED = "confirmed"  # taken up by the police


class HelpOutcome(enum.Enum):
    """How a "Siap bantu" press went."""

    RECORDED = "recorded"
    ALREADY = "already"  # this person pressed before
    NOT_ALERTED = "not_alerted"  # they were not sent this alert
    CLOSED = "closed"  # the report is closed: no help needed
    NOT_FOUND = "not_found"


@dataclass(frozen=True)
class HelpResult:
    """The outcome of a press, and the report's desa (for the thanks)."""

    outcome: HelpOutcome
    desa: str = ""


def _ref(alert_id: int, desa_id: int) -> str:
    """The reference of an alert's delivery to one neighbouring desa: who got it, for what."""
    return f"nb:{alert_id}:{desa_id}"


class NeighbourService:
    """Alert the neighbouring desa of a report, and record who offers help."""

    def __init__(
        self,
        db: Database,
        areas: AreaService,
        patrols: PatrolService,
        delivery: DeliveryService,
        *,
        timezone: ZoneInfo,
        language: str = "id",  # of the duty chat, and of people who chose none
    ) -> None:
        self.db = db
        self.areas = areas
        self.patrols = patrols
        self.delivery = delivery
        self.timezone = timezone
        self.language = language

    # ---- alerting -----------------------------------------------------------------------------

    def alert_in(
        self, session: Session, report: Report, reason: Reason, now: dt.datetime | None = None
    ) -> int | None:
        """Alert the report's neighbours, inside the caller's transaction; the alert's id, or
        None when there is nothing to do (no desa, rejected, already alerted)."""
        if report.id is None or report.desa_id is None:
            return None
        if ReportStatus(report.status) is ReportStatus.DITOLAK:
            return None
        if q.alert_of(session, report_id=report.id) is not None:
            return None
        now = now or utcnow()
        recipients = self._recipients(session, report, now)
        # Should another transaction have alerted meanwhile, the report's change still goes
        # through (without a second alert).
        alert = q.add_alert(
            session, report_id=report.id, reason=reason.value, recipients=len(recipients), now=now
        )
        if alert is None or alert.id is None:
            return None
        languages = self._languages(session, recipients)
        groups: dict[tuple[int, str], list[int]] = {}
        for user_id, desa_id in recipients.items():
            groups.setdefault((desa_id, languages[user_id]), []).append(user_id)
        for (desa_id, lang), users in groups.items():
            self.delivery.enqueue_in(
                session,
                users,
                self._alert_payload(lang, report, alert.id, reason, desa_id, now),
                Priority.WASPADA,
                kind=ALERT_KIND,
                ref=_ref(alert.id, desa_id),
            )
        return alert.id

    def _recipients(self, session: Session, report: Report, now: dt.datetime) -> dict[int, int]:
        """user id -> the neighbouring desa they are alerted for: first those on duty there,
        then its koordinators. The report's own desa and the reporter are left out."""
        assert report.desa_id is not None
        desa = area_reads.get_area(session, report.desa_id)
        ids = area_reads.neighbour_ids(session, desa) if desa is not None else set()
        neighbours = sorted(ids, key=lambda i: (self._name(i), i))
        on_duty = q.on_duty(session, desa_ids=[report.desa_id, *neighbours], now=now)
        own_watch = set(self.patrols.koordinators(session, report.desa_id))
        own_watch |= on_duty.get(report.desa_id, set())
        found: dict[int, int] = {}

        def add(desa_id: int, user_ids: Iterable[int]) -> None:
            for user_id in sorted(user_ids):
                if user_id != report.reporter_id and user_id not in own_watch:
                    found.setdefault(user_id, desa_id)

        for desa_id in neighbours:
            add(desa_id, on_duty.get(desa_id, set()))
        for desa_id in neighbours:
            add(desa_id, self.patrols.koordinators(session, desa_id))
        return found

    def _alert_payload(
        self,
        lang: str,
        report: Report,
        alert_id: int,
        reason: Reason,
        own_desa_id: int,
        now: dt.datetime,
    ) -> Payload:
        """The alert: what, where and when, and nothing of who reported it."""
        assert report.desa_id is not None
        tz = self.timezone
        same_day = local(report.created_at, tz).date() == local(now, tz).date()
        text = t(
            lang,
            "nb.alert",
            category=cards.category_name(lang, ReportCategory(report.category)),
            desa=self._name(report.desa_id),
            time=format_time(report.created_at, lang, tz, zone=True)
            if same_day
            else format_when(report.created_at, lang, tz, now=now),
            reason=t(lang, f"nb.reason.{reason.value}"),
            own=self._name(own_desa_id),
        )
        button = (t(lang, "nb.btn_help"), OfferHelp(alert_id))
        return Payload.message(text, reply_markup=inline_keyboard([[button]]))

    # ---- offers of help -----------------------------------------------------------------------

    async def offer_help(self, alert_id: int, user_id: int) -> HelpResult:
        """Record that someone who got the alert can help, and tell the duty chat and the
        koordinators of the report's desa (once per person)."""
        try:
            result = await self.db.write(self._offer_help, alert_id, user_id)
        except IntegrityError:  # the same person pressing twice at once: one counts
            return HelpResult(HelpOutcome.ALREADY)
        if result.outcome is HelpOutcome.RECORDED:
            self.delivery.wake()
        return result

    def _offer_help(self, session: Session, alert_id: int, user_id: int) -> HelpResult:
        alert = session.get(NeighbourAlert, alert_id)
        report = report_reads.get(session, alert.report_id) if alert else None
        if alert is None or report is None or report.desa_id is None:
            return HelpResult(HelpOutcome.NOT_FOUND)
        desa = self._name(report.desa_id)
        # What was sent counts, not who would be alerted now (shifts end, roles change).
        helper_desa = self._alerted_desa(session, alert_id, user_id)
        if helper_desa is None:
            return HelpResult(HelpOutcome.NOT_ALERTED, desa)
        if q.has_helped(session, alert_id=alert_id, user_id=user_id):
            return HelpResult(HelpOutcome.ALREADY, desa)
        if ReportStatus(report.status) in _CLOSED:
            return HelpResult(HelpOutcome.CLOSED, desa)
        q.add_help(session, alert_id=alert_id, user_id=user_id, desa_id=helper_desa)
        name = display_names(session, [user_id]).get(user_id, str(user_id))
        values = {"name": name, "desa": self._name(helper_desa), "code": report.code}
        if report.duty_delivery_id is not None:
            text = t(self.language, "nb.help_duty", **values)
            self.delivery.follow_up_in(
                session, report.duty_delivery_id, Payload.message(text), kind=HELP_KIND
            )
        koordinators = [
            k for k in self.patrols.koordinators(session, report.desa_id) if k != user_id
        ]
        languages = self._languages(session, koordinators)
        for koordinator in koordinators:
            lang = languages[koordinator]
            text = t(
                lang,
                "nb.help_koordinator",
                category=cards.category_name(lang, ReportCategory(report.category)),
                report_desa=desa,
                **values,
            )
            self.delivery.send_direct_in(
                session, koordinator, Payload.message(text), kind=HELP_KIND, ref=f"nb:{alert_id}"
            )
        return HelpResult(HelpOutcome.RECORDED, desa)

    @staticmethod
    def _alerted_desa(session: Session, alert_id: int, user_id: int) -> int | None:
        """The neighbouring desa `user_id` was sent alert `alert_id` for (None: not sent it)."""
        refs = q.delivery_refs(
            session, kind=ALERT_KIND, ref_prefix=f"nb:{alert_id}:", chat_id=user_id
        )
        for ref in refs:
            return int(ref.rsplit(":", 1)[1])
        return None

    # ---- reading ------------------------------------------------------------------------------

    async def alert_of(self, report_id: int) -> NeighbourAlert | None:
        """The alert sent for a report, if any."""
        return await self.db.run(q.alert_of, report_id=report_id)

    async def helpers(self, alert_id: int) -> list[NeighbourHelp]:
        """Who offered help, first first."""
        return list(await self.db.run(q.helpers, alert_id=alert_id))

    def _name(self, desa_id: int) -> str:
        entry = self.areas.get(desa_id)
        return entry.name if entry is not None else f"#{desa_id}"

    def _languages(self, session: Session, user_ids: Iterable[int]) -> dict[int, str]:
        """Each person's language (the default for those who never chose one)."""
        wanted = list(user_ids)
        chosen = {u.id: u.language for u in queries.get_users(session, wanted) if u.language}
        return {user_id: chosen.get(user_id) or self.language for user_id in wanted}
