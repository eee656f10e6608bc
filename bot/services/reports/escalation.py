"""Escalation: a report nobody took in time is announced again in its duty chat, sent to the
Polres, and its reporter told; once, however many processes or restarts try. A report whose
card never reached its duty chat goes the same way at once (`undelivered`)."""

from __future__ import annotations

from sqlmodel import Session

from bot.delivery import Payload
from bot.delivery import Priority
from bot.services.reports import messages
from bot.services.reports.duty import tell_reporter
from bot.services.reports.types import Deps
from bot.texts import t
from storage import reports as q
from storage.models import utcnow


def escalate(session: Session, deps: Deps, report_id: int, *, undelivered: bool = False) -> bool:
    """Escalate an untaken report; False if it was taken or escalated meanwhile.
    `undelivered`: now, because its card could not be posted in the duty chat."""
    now = utcnow()
    if not q.mark_escalated(session, report_id, now):
        return False
    report = q.get(session, report_id)
    assert report is not None
    minutes = deps.settings.escalation_minutes(report.urgent)
    event = "escalated_undelivered" if undelivered else "escalated"
    q.add_event(session, report_id, event, actor_id=None, note=str(minutes), at=now)
    lang = deps.settings.language
    if report.duty_delivery_id is not None and not undelivered:
        text = t(lang, "reports.reannounce", code=report.code, minutes=minutes)
        deps.delivery.follow_up_in(
            session, report.duty_delivery_id, Payload.message(text), kind="report_reminder"
        )
    target = deps.settings.polres_chat_id
    if target is not None:
        view = messages.view_of(session, deps.areas, report)
        payload = messages.polres_payload(
            lang, view, deps.settings.timezone, minutes, undelivered=undelivered
        )
        deps.delivery.enqueue_in(
            session,
            [target],
            payload,
            Priority.DIRECT,
            kind="report_escalation",
            ref=f"report:{report_id}",
        )
        # The reporter hears that it went up (and is reminded of 110).
        tell_reporter(session, deps, report, "escalated", "")
    return True
