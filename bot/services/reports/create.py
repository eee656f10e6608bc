"""Making a report: what /lapor may begin with, where a shared location lies, and storing a
draft as a report announced in its duty chat (one transaction)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlmodel import Session

from bot.delivery import Payload
from bot.delivery import Priority
from bot.services import neighbours as neighbour_alerts
from bot.services.areas.subscriptions import Unknown
from bot.services.reports import messages
from bot.services.reports.codes import next_code
from bot.services.reports.types import MAX_DESCRIPTION
from bot.services.reports.types import MAX_PLACE
from bot.services.reports.types import Deps
from bot.services.reports.types import Draft
from bot.services.reports.types import Opening
from bot.services.reports.types import ReportError
from bot.services.reports.types import ReportSettings
from bot.services.reports.types import Submitted
from storage import reports as q
from storage.areas import home_area_id
from storage.models import Polsek
from storage.models import Report
from storage.models import ReportStatus
from storage.models import utcnow


def opening(
    session: Session,
    settings: ReportSettings,
    reporter_id: int,
    home_desa_id: int | Unknown | None = Unknown.HOME,
) -> Opening:
    """What /lapor begins with (the home desa read here unless known); ReportError
    ("reports.limit") when the day's quota is used."""
    check_quota(session, settings, reporter_id, utcnow())
    if home_desa_id is Unknown.HOME:
        home_desa_id = home_area_id(session, reporter_id)
    return Opening(home_desa_id=home_desa_id)


def check_quota(
    session: Session, settings: ReportSettings, reporter_id: int, now: dt.datetime
) -> None:
    """Refuse a report beyond the reporter's limit in this rolling 24 hours."""
    used = q.count_since(session, reporter_id, now - dt.timedelta(days=1))
    if used >= settings.limit_per_day:
        raise ReportError("reports.limit", limit=settings.limit_per_day)


def existing(session: Session, reporter_id: int, token: str) -> Submitted | None:
    """The report this draft already became, if it was sent."""
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


def submit(session: Session, deps: Deps, reporter_id: int, draft: Draft) -> Submitted:
    """Store the draft as a report and announce it, or find the report it became."""
    found = existing(session, reporter_id, draft.token)
    if found is not None:
        return found
    now = utcnow()
    settings = deps.settings
    check_quota(session, settings, reporter_id, now)
    # The place comes from the in-memory area index: fewer round trips while writing.
    desa = deps.areas.get(draft.desa_id) if draft.desa_id else None
    kecamatan_id = desa.kecamatan_id if desa else None
    polsek_id = deps.areas.polsek_id_of(desa.id) if desa else None
    polsek = session.get(Polsek, polsek_id) if polsek_id else None
    report = Report(
        code=next_code(session, deps.areas, kecamatan_id),
        reporter_id=reporter_id,
        anonymous=draft.anonymous,
        category=draft.category,
        description=draft.story[:MAX_DESCRIPTION],
        desa_id=desa.id if desa else None,
        place_text=draft.place_text[:MAX_PLACE],
        latitude=draft.latitude,
        longitude=draft.longitude,
        urgent=draft.urgent,
        polsek_id=polsek.id if polsek else None,
        created_at=now,
        updated_at=now,
        escalate_at=now + dt.timedelta(minutes=settings.escalation_minutes(draft.urgent)),
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
    chat_id = duty_chat or settings.fallback_chat_id
    if chat_id is not None:
        _announce(session, deps, report, chat_id, draft.photos)
    if report.urgent and deps.neighbours is not None:
        deps.neighbours.alert_in(session, report, neighbour_alerts.Reason.URGENT, now)
    return Submitted(
        code=report.code,
        report_id=report.id,
        created=True,
        escalate_at=report.escalate_at,
        polsek=polsek.name if polsek else None,
        announced=duty_chat is not None,
    )


def _announce(
    session: Session, deps: Deps, report: Report, chat_id: int, photos: Sequence[str]
) -> None:
    """Post the report in a duty chat: the card (edited on every change), then the other
    photos as replies to it."""
    view = messages.view_of(session, deps.areas, report, photos=tuple(photos))
    payload = messages.duty_payload(deps.settings.language, view, deps.settings.timezone)
    delivery_id = deps.delivery.enqueue_in(
        session, [chat_id], payload, Priority.DIRECT, kind="report", ref=f"report:{report.id}"
    )
    report.duty_chat_id = chat_id
    report.duty_delivery_id = delivery_id
    extra = view.photos[1:] if payload.method == "sendPhoto" else view.photos
    for file_id in extra:
        deps.delivery.follow_up_in(
            session, delivery_id, Payload.photo(file_id), kind="report_photo"
        )
    session.add(report)
