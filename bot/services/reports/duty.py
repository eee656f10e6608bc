"""The police acting on a report from the duty chat (take, process, close, reject, ask the
reporter), and the reporter's answer going back to the duty chat.

Rules: the first officer to act on a new report takes it (a conditional change of its row); then
only they, or an admin (`override`), move it on. Every change tells the reporter and edits the
duty chat's card in the same transaction.
"""

from __future__ import annotations

from sqlmodel import Session

from bot.delivery import Payload
from bot.services import neighbours as neighbour_alerts
from bot.services.reports import messages
from bot.services.reports.types import FINAL
from bot.services.reports.types import MAX_NOTE
from bot.services.reports.types import OPEN
from bot.services.reports.types import STATUS_KIND
from bot.services.reports.types import Action
from bot.services.reports.types import ActResult
from bot.services.reports.types import Deps
from bot.services.reports.types import Outcome
from bot.services.users import display_names
from bot.services.users import official_name
from bot.texts import Html
from bot.texts import t
from storage import outbox
from storage import queries
from storage import reports as q
from storage.models import Polsek
from storage.models import Report
from storage.models import ReportCategory
from storage.models import ReportStatus
from storage.models import utcnow

# Which status each action leads to, and from which statuses it may be taken.
MOVES: dict[Action, tuple[ReportStatus | None, frozenset[ReportStatus]]] = {
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


def act(
    session: Session,
    deps: Deps,
    report_id: int,
    actor_id: int,
    action: Action,
    note: str,
    reason: str | None,
    override: bool,
) -> ActResult:
    """Do `action` on the report, or say why not."""
    report = q.get(session, report_id, for_update=True)
    refused = refusal(session, report, actor_id, action, override)
    if refused is not None:
        return refused
    assert report is not None
    target = MOVES[action][0]
    status = ReportStatus(report.status)
    now = utcnow()
    # Compare-and-set on the row: of two officers pressing at once exactly one takes the
    # report, on SQLite (whose reads are not locked) as on PostgreSQL.
    claimed_now = report.claimed_by is None
    if claimed_now and not q.claim(session, report_id, actor_id, now):
        return _refusal_now(session, report_id, actor_id, action, override)
    # A question to the reporter of a new report takes it, too.
    moved_to = target or (ReportStatus.DITERIMA if status is ReportStatus.BARU else None)
    if moved_to is not None and not q.move(session, report_id, status, moved_to, now):
        return _refusal_now(session, report_id, actor_id, action, override)
    session.refresh(report)
    if moved_to in _CONFIRMED and deps.neighbours is not None:
        deps.neighbours.alert_in(session, report, neighbour_alerts.Reason.CONFIRMED, now)
    if claimed_now and action in _TAKE_FIRST:
        taken = ReportStatus.DITERIMA
        q.add_event(session, report_id, "diterima", actor_id=actor_id, status=taken, at=now)
        tell_reporter(session, deps, report, "diterima", "", officer_id=actor_id)
    if action is Action.ASK:
        q.add_event(session, report_id, "question", actor_id=actor_id, note=note, at=now)
        tell_reporter(session, deps, report, "question", note, question=True, officer_id=actor_id)
    else:
        assert target is not None
        if target is ReportStatus.DITOLAK:
            report.reject_reason = reason or "lainnya"
        if target in FINAL:
            report.outcome = note
        event_note = note
        if target is ReportStatus.DITOLAK:
            lang = reporter_language(session, deps, report)
            event_note = messages.reason_name(lang, report.reject_reason)
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
        tell_reporter(session, deps, report, target.value, event_note, officer_id=actor_id)
    report.updated_at = now
    session.add(report)
    session.flush()
    _refresh_card(session, deps, report)
    return ActResult(
        Outcome.DONE, report.code, _holder(session, report), ReportStatus(report.status)
    )


def _refusal_now(
    session: Session, report_id: int, actor_id: int, action: Action, override: bool
) -> ActResult:
    """Someone else changed the report between our read and our write: why we stop."""
    session.expire_all()
    refused = refusal(session, q.get(session, report_id), actor_id, action, override)
    return refused or ActResult(Outcome.UNCHANGED)


def refusal(
    session: Session, report: Report | None, actor_id: int, action: Action, override: bool
) -> ActResult | None:
    """Why `actor_id` may not do `action` on the report now (None: they may)."""
    if report is None:
        return ActResult(Outcome.NOT_FOUND)
    status = ReportStatus(report.status)
    holder = _holder(session, report)
    if status in FINAL:
        return ActResult(Outcome.CLOSED, report.code, holder, status)
    if report.claimed_by not in (None, actor_id) and not override:
        return ActResult(Outcome.TAKEN, report.code, holder, status)
    if status not in MOVES[action][1]:
        return ActResult(Outcome.UNCHANGED, report.code, holder, status)
    # A reporter who deleted their data (reporter_id None) can be asked nothing.
    if action is Action.ASK and (
        report.reporter_id is None or not outbox.is_active(session, report.reporter_id)
    ):
        return ActResult(Outcome.UNREACHABLE, report.code, holder, status)
    return None


def _holder(session: Session, report: Report) -> str | None:
    """The name of the officer who has the report."""
    if report.claimed_by is None:
        return None
    return display_names(session, [report.claimed_by]).get(report.claimed_by)


def reporter_language(session: Session, deps: Deps, report: Report) -> str:
    """The language the reporter reads (the default when they deleted their data)."""
    user = queries.get_user(session, report.reporter_id) if report.reporter_id else None
    return (user.language if user else None) or deps.settings.language


def tell_reporter(
    session: Session,
    deps: Deps,
    report: Report,
    kind: str,
    note: str,
    *,
    question: bool = False,
    officer_id: int | None = None,
) -> None:
    """A change, in the reporter's language, through the outbox (blocked chats are recorded
    there, and the report goes on). The officer who made it is named by rank and name when an
    invitation gave them one, else only their Polsek is. A report whose reporter deleted their
    data (/privasi) tells nobody."""
    if report.reporter_id is None:
        return
    lang = reporter_language(session, deps, report)
    polsek = session.get(Polsek, report.polsek_id) if report.polsek_id else None
    name = polsek.name if polsek else t(lang, "reports.police")
    officer = official_name(session, officer_id)
    who = Html(t(lang, "reports.polsek_officer", polsek=name, officer=officer)) if officer else name
    key, where = f"reports.notify.{kind}", ""
    if kind == ReportStatus.DITOLAK.value and report.reject_reason == "bukan_wewenang":
        # Not a police matter: say where to go instead.
        key = "reports.notify.bukan_wewenang"
        kabupaten = messages.kabupaten_of(deps.areas, report.desa_id)
        where = messages.elsewhere(lang, ReportCategory(report.category), kabupaten)
    text = t(
        lang,
        key,
        code=report.code,
        note=note or "-",
        polsek=who,
        where=Html(where),
    )
    markup = messages.answer_keyboard(lang, report.id or 0) if question else None
    deps.delivery.send_direct_in(
        session,
        report.reporter_id,
        Payload.message(text, reply_markup=markup),
        kind=STATUS_KIND,
        ref=f"report:{report.id}",
    )


def _refresh_card(session: Session, deps: Deps, report: Report) -> None:
    if report.duty_delivery_id is None:
        return
    view = messages.view_of(session, deps.areas, report)
    payload = messages.duty_payload(deps.settings.language, view, deps.settings.timezone)
    deps.delivery.edit_in(session, report.duty_delivery_id, payload, kind="report_edit")


def relay_answer(
    session: Session, deps: Deps, report_id: int, reporter_id: int, text: str
) -> str | None:
    """Relay the reporter's answer to the duty chat, as a reply to the report's card; the
    report's code, or None if it is not theirs or is closed."""
    report = q.get(session, report_id)
    if report is None or report.reporter_id != reporter_id:
        return None
    if ReportStatus(report.status) in FINAL:
        return None
    note = text.strip()[:MAX_NOTE]
    q.add_event(session, report_id, "answer", actor_id=reporter_id, note=note)
    message = t(deps.settings.language, "reports.answer_relayed", code=report.code, answer=note)
    if report.duty_delivery_id is not None:
        deps.delivery.follow_up_in(
            session, report.duty_delivery_id, Payload.message(message), kind="report_answer"
        )
    return report.code
