"""A report's card that reached no duty chat (the bot was removed or kicked, the chat is gone,
Telegram refused it): the report must not wait unseen. Its Polsek's officers are told in private
(with the card and its buttons), the admin chat is told, and the report is escalated to the
Polres at once, as if nobody had taken it.

Runs as the delivery engine's `on_finished` hook for the card's delivery (kind "report"), in
the transaction that marks that delivery done: once per report, whichever process sent it.
"""

from __future__ import annotations

import logging

from sqlmodel import Session

from bot.delivery import Finished
from bot.delivery import Payload
from bot.services.reports import escalation
from bot.services.reports import messages
from bot.services.reports.types import FINAL
from bot.services.reports.types import Deps
from bot.texts import Html
from bot.texts import t
from storage import outbox
from storage import queries
from storage import reports as q
from storage import roles as role_q
from storage.models import Report
from storage.models import ReportStatus
from storage.models import Role

log = logging.getLogger(__name__)

# The kind of a report card's delivery (bot.services.reports.create).
CARD_KIND = "report"
REF_PREFIX = "report:"


def card_finished(session: Session, deps: Deps, finished: Finished) -> None:
    """If the report's card reached nobody, tell its officers and the admin chat, and
    escalate the report."""
    if finished.counts.sent or not finished.ref.startswith(REF_PREFIX):
        return  # delivered; or not a card (the engine's own reports share the kind)
    report = q.get(session, int(finished.ref.removeprefix(REF_PREFIX)))
    if report is None or report.id is None or report.duty_delivery_id != finished.delivery_id:
        return
    if ReportStatus(report.status) in FINAL:
        return
    chat, error = _what_failed(session, finished.delivery_id)
    log.warning("report %s: its card reached no duty chat (%s: %s)", report.code, chat, error)
    officers = _officers(session, report)
    polres = deps.settings.polres_chat_id is not None  # the escalation below goes there
    view = messages.view_of(session, deps.areas, report)
    for officer_id in officers:
        user = queries.get_user(session, officer_id)
        lang = (user.language if user else None) or deps.settings.language
        deps.delivery.send_direct_in(
            session,
            officer_id,
            messages.undelivered_payload(lang, view, deps.settings.timezone, polres=polres),
            kind="report_undelivered",
            ref=f"report:{report.id}",
        )
    admin_chat = deps.settings.admin_chat_id
    if admin_chat is not None and admin_chat != chat:
        text = t(
            deps.settings.language,
            "reports.undelivered_admin",
            code=report.code,
            polsek=view.polsek or "-",
            chat=chat if chat is not None else "-",
            error=error or "-",
            officers=len(officers),
            polres=Html(t(deps.settings.language, "reports.undelivered_polres")) if polres else "",
        )
        deps.delivery.send_direct_in(
            session, admin_chat, Payload.message(text), kind="report_undelivered", ref=finished.ref
        )
    escalation.escalate(session, deps, report.id, undelivered=True)


def _what_failed(session: Session, delivery_id: int) -> tuple[int | None, str | None]:
    """The chat the card was for, and Telegram's answer."""
    for entry in outbox.ledger(session, delivery_id):
        return entry.chat_id, entry.error
    return None, None


def _officers(session: Session, report: Report) -> list[int]:
    """Who holds the police role for the report's Polsek or its desa."""
    if report.polsek_id is None and report.desa_id is None:
        return []
    assignments = role_q.list_assignments(
        session,
        role=Role.POLISI,
        polsek_ids=[report.polsek_id] if report.polsek_id is not None else [],
        area_ids=[report.desa_id] if report.desa_id is not None else [],
    )
    return list(dict.fromkeys(a.user_id for a in assignments))
