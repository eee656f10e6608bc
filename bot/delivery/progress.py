"""What the author of a delivery sees: a progress message that updates while it runs, and a final
report when it is done. Synchronous functions, run on the database's threads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_
from sqlalchemy import select
from sqlalchemy import update
from sqlmodel import Session
from sqlmodel import col

from bot.delivery.hooks import DeliveryHooks
from bot.delivery.hooks import Progress
from bot.delivery.types import Payload
from bot.delivery.types import Priority
from bot.texts import t
from storage import outbox
from storage.models import Delivery
from storage.models import DeliveryState
from storage.models import OutboxRow
from storage.models import OutboxStatus

# Deliveries the engine makes itself; they report to nobody.
REPORT_KIND = "report"
# Seconds a finished delivery waits for the id of its first progress message (being sent).
FIRST_MESSAGE_GRACE = 10.0


def number(value: int, language: str) -> str:
    """1240 as people write it: "1.240" in Indonesian, "1,240" in English."""
    text = f"{value:,}"
    return text.replace(",", ".") if language == "id" else text


def counts_text(language: str, key: str, delivery_id: int, c: outbox.Counts) -> str:
    """Text `key` with the counts, e.g. "Terkirim 1.240 / 5.000 · gagal 12 · memblokir bot 30"."""
    values = {
        "id": delivery_id,
        "sent": number(c.sent, language),
        "total": number(c.total, language),
        "failed": number(c.failed, language),
        "blocked": number(c.blocked, language),
        "cancelled": number(c.cancelled, language),
    }
    return t(language, key, **values)


@dataclass(frozen=True)
class ProgressUpdate:
    """A message to send (or edit) in the author's chat."""

    delivery_id: int
    chat_id: int
    message_id: int | None
    payload: Payload


def _progress_payload(text: str, message_id: int | None, *, silent: bool = True) -> Payload:
    message = Payload.message(text, disable_notification=silent)
    return message.as_edit() if message_id is not None else message


def _text(
    session: Session,
    hooks: DeliveryHooks | None,
    delivery: tuple[int, str, str, str],
    c: outbox.Counts,
    done: bool,
) -> tuple[str, bool]:
    """The progress text of a delivery, and whether its kind's hook wrote it (else it is the
    engine's own)."""
    delivery_id, kind, ref, language = delivery
    if hooks is not None:
        text = hooks.progress_text(
            session, Progress(delivery_id, kind, ref, c, language, done=done)
        )
        if text is not None:
            return text, True
    key = "delivery.progress_done" if done else "delivery.progress"
    return counts_text(language, key, delivery_id, c), False


def look(
    session: Session, now: float, hooks: DeliveryHooks | None, every: float
) -> tuple[list[ProgressUpdate], list[ProgressUpdate]]:
    """The engine's look once a second, in one transaction: (the last edits of deliveries
    finished now, the progress messages due). One cheap read while nothing is being sent: an
    idle bot spent more CPU on these two statements than on anything else."""
    if not outbox.any_sending(session):
        return [], []
    return finish_deliveries(session, now, hooks, every), due_updates(session, now, every, hooks)


def due_updates(
    session: Session, now: float, every: float, hooks: DeliveryHooks | None = None
) -> list[ProgressUpdate]:
    """Progress messages to refresh now; each delivery by one process, every `every` s."""
    updates = []
    deliveries = session.execute(
        select(Delivery).where(
            col(Delivery.state) == DeliveryState.SENDING,
            col(Delivery.progress_chat_id).is_not(None),
        )
    ).scalars()
    for delivery in list(deliveries):
        assert delivery.id is not None and delivery.progress_chat_id is not None
        if not outbox.take_progress_turn(session, delivery.id, now, every):
            continue
        c = outbox.counts(session, delivery.id)
        about = (delivery.id, delivery.kind, delivery.ref, delivery.progress_language)
        text, own = _text(session, hooks, about, c, done=False)
        updates.append(
            ProgressUpdate(
                delivery.id,
                delivery.progress_chat_id,
                delivery.progress_message_id,
                # The one message a progress hook's author gets comes with a sound.
                _progress_payload(text, delivery.progress_message_id, silent=not own),
            )
        )
    return updates


def finish_deliveries(
    session: Session, now: float, hooks: DeliveryHooks | None = None, every: float = 0.0
) -> list[ProgressUpdate]:
    """Mark deliveries with no open row done; queue each author's final report (durably, in
    this transaction), run the `on_finished` hooks of their kinds, and return the last edit of
    their progress messages.

    A kind whose progress text a hook writes gets no separate report: its final text is the
    last edit of the progress message (durable too, and not sooner than `every` s after the
    previous edit), or the one message sent when there was none yet."""
    open_rows = (
        select(col(OutboxRow.id))
        .where(
            col(OutboxRow.delivery_id) == col(Delivery.id),
            col(OutboxRow.status).in_([OutboxStatus.PENDING, OutboxStatus.CLAIMED]),
        )
        .exists()
    )
    # A first progress message on its way (its id not known yet): the final text must edit
    # it rather than come as a second message, so wait for its id (not forever: it may fail).
    first_in_flight = and_(
        col(Delivery.progress_chat_id).is_not(None),
        col(Delivery.progress_message_id).is_(None),
        col(Delivery.progress_at).is_not(None),
        col(Delivery.progress_at) > now - FIRST_MESSAGE_GRACE,
    )
    now_dt = dt.datetime.fromtimestamp(now, dt.UTC)
    finished = session.execute(
        update(Delivery)
        .where(col(Delivery.state) == DeliveryState.SENDING, ~open_rows, ~first_in_flight)
        .values(state=DeliveryState.DONE, finished_at=now_dt)
        .returning(
            col(Delivery.id),
            col(Delivery.progress_chat_id),
            col(Delivery.progress_message_id),
            col(Delivery.progress_language),
            col(Delivery.kind),
            col(Delivery.ref),
            col(Delivery.progress_at),
        )
    ).all()
    updates = []
    for delivery_id, chat_id, message_id, language, kind, ref, progress_at in finished:
        if hooks is not None:
            hooks.finished(session, delivery_id, kind, ref)
        if chat_id is None:
            continue
        c = outbox.counts(session, delivery_id)
        text, own = _text(session, hooks, (delivery_id, kind, ref, language), c, done=True)
        if own:
            final = Payload.message(text)
            if message_id is not None:
                edit = final.as_edit()
                final = Payload(edit.method, {**edit.params, "message_id": message_id})
            outbox.create_delivery(
                session,
                kind=REPORT_KIND,
                ref=f"delivery:{delivery_id}",
                priority=Priority.DIRECT,
                payload=final.to_json(),
                chat_ids=[chat_id],
                now=now,
                not_before=(progress_at + every) if progress_at is not None else None,
            )
            continue
        report = counts_text(language, "delivery.report", delivery_id, c)
        outbox.create_delivery(
            session,
            kind=REPORT_KIND,
            ref=f"delivery:{delivery_id}",
            priority=Priority.DIRECT,
            payload=Payload.message(report).to_json(),
            chat_ids=[chat_id],
            now=now,
        )
        if message_id is not None:
            updates.append(
                ProgressUpdate(
                    delivery_id, chat_id, message_id, _progress_payload(text, message_id)
                )
            )
    return updates
