"""`DeliveryService`: the API the rest of the bot uses to send (see the package docstring)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Unpack

from sqlmodel import Session

from bot.delivery.engine import DeliveryEngine
from bot.delivery.engine import EngineOptions
from bot.delivery.hooks import DeliveryHooks
from bot.delivery.hooks import FinishedHook
from bot.delivery.hooks import MigratedHook
from bot.delivery.hooks import ProgressHook
from bot.delivery.types import Clock
from bot.delivery.types import Payload
from bot.delivery.types import Priority
from bot.delivery.types import Sender
from bot.delivery.types import SystemClock
from bot.delivery.workers import new_worker_id
from storage import outbox
from storage.db import Database
from storage.models import Delivery
from storage.models import DeliveryState
from storage.models import OutboxStatus

# How long a "this user is reachable" check is remembered per process: a user who writes to
# the bot often costs one cheap UPDATE per this many seconds at most.
SEEN_REFRESH_SECONDS = 300.0
_MAX_SEEN = 100_000


@dataclass(frozen=True)
class DeliveryStatus:
    """Where a delivery stands."""

    id: int
    kind: str
    ref: str
    state: DeliveryState
    counts: outbox.Counts
    created_at: dt.datetime
    finished_at: dt.datetime | None
    # Who started it (None: the bot itself).
    created_by: int | None = None
    # When retention removed its per-recipient rows (the counts are kept; no ledger after).
    compacted_at: dt.datetime | None = None


class DeliveryService:
    """Enqueue messages durably; the engine started with `start` sends them."""

    def __init__(
        self,
        db: Database,
        *,
        rate: float | None = 30.0,
        paid_broadcast: bool = False,
        clock: Clock | None = None,
    ) -> None:
        self.db = db
        self.rate = rate
        self.paid_broadcast = paid_broadcast
        self.clock: Clock = clock or SystemClock()
        self.engine: DeliveryEngine | None = None
        self._seen: dict[int, float] = {}
        self.hooks = DeliveryHooks()

    # ---- life cycle ----------------------------------------------------------------------

    async def start(
        self, sender: Sender, *, clock: Clock | None = None, **options: Unpack[EngineOptions]
    ) -> None:
        """Start sending through `sender`; unfinished deliveries resume."""
        if clock is not None:
            self.clock = clock
        self.engine = DeliveryEngine(
            self.db,
            sender,
            clock=self.clock,
            rate=self.rate,
            worker_id=new_worker_id(),
            paid_broadcast=self.paid_broadcast,
            on_blocked=lambda chat_id: self._seen.pop(chat_id, None),
            hooks=self.hooks,
            **options,
        )
        await self.engine.start()

    async def stop(self) -> None:
        """Finish or hand back what is in flight, then stop (idempotent)."""
        if self.engine is not None:
            await self.engine.stop()

    def on_finished(self, kind: str, hook: FinishedHook) -> None:
        """Run `hook(session, Finished)` once for every delivery of `kind` that is done, in
        the transaction that marks it done (register before `start`)."""
        self.hooks.on_finished(kind, hook)

    def on_progress(self, kind: str, hook: ProgressHook) -> None:
        """Let `hook(session, Progress)` write the author's progress text of deliveries of
        `kind`: one message, edited as it goes, whose last edit is the final report."""
        self.hooks.on_progress(kind, hook)

    def on_migrated(self, hook: MigratedHook) -> None:
        """Run `hook(session, old_chat_id, new_chat_id)` when a group turns out to be a
        supergroup now, in the transaction that moves the row there."""
        self.hooks.on_migrated(hook)

    def wake(self) -> None:
        """Tell the engine new rows are there (after committing rows written with the `*_in`
        methods in the caller's own transaction)."""
        if self.engine is not None:
            self.engine.wake()

    # ---- sending -------------------------------------------------------------------------

    async def enqueue(
        self,
        recipients: Iterable[int],
        payload: Payload,
        priority: Priority = Priority.INFO,
        *,
        kind: str = "broadcast",
        ref: str = "",
        created_by: int | None = None,
        progress_chat_id: int | None = None,
        progress_message_id: int | None = None,
        language: str = "id",
    ) -> int:
        """Write one row per distinct recipient chat in one transaction; return the delivery
        id. With `progress_chat_id` the author sees progress and gets a final report there."""
        delivery_id = await self.db.run(
            self.enqueue_in,
            recipients,
            payload,
            priority,
            kind=kind,
            ref=ref,
            created_by=created_by,
            progress_chat_id=progress_chat_id,
            progress_message_id=progress_message_id,
            language=language,
        )
        self.wake()
        return delivery_id

    def enqueue_in(
        self,
        session: Session,
        recipients: Iterable[int],
        payload: Payload,
        priority: Priority = Priority.INFO,
        *,
        kind: str = "broadcast",
        ref: str = "",
        created_by: int | None = None,
        progress_chat_id: int | None = None,
        progress_message_id: int | None = None,
        language: str = "id",
    ) -> int:
        """`enqueue` inside the caller's transaction (a transactional outbox: the message is
        durable exactly when the change that causes it is). Call `wake()` after the commit.
        `progress_message_id`: a message of the bot's in `progress_chat_id` that becomes the
        progress message (edited, e.g. the one whose button sent this), instead of a new one."""
        return outbox.create_delivery(
            session,
            kind=kind,
            ref=ref,
            priority=int(priority),
            payload=payload.to_json(),
            chat_ids=list(recipients),
            now=self.clock.wall_time(),
            created_by=created_by,
            progress_chat_id=progress_chat_id,
            progress_message_id=progress_message_id,
            progress_language=language,
        )

    async def send_direct(
        self, chat_id: int, payload: Payload, *, kind: str = "direct", ref: str = ""
    ) -> int:
        """One message to one person, ahead of every broadcast; returns the delivery id."""
        return await self.enqueue([chat_id], payload, Priority.DIRECT, kind=kind, ref=ref)

    def send_direct_in(
        self,
        session: Session,
        chat_id: int,
        payload: Payload,
        *,
        kind: str = "direct",
        ref: str = "",
    ) -> int:
        """`send_direct` inside the caller's transaction; call `wake()` after the commit."""
        return self.enqueue_in(session, [chat_id], payload, Priority.DIRECT, kind=kind, ref=ref)

    async def edit_delivered(
        self, delivery_id: int, payload: Payload, *, kind: str = "edit"
    ) -> int:
        """Change the message of `delivery_id` everywhere: the chats that received it get an
        edit of their copy (by its recorded message id), the rows not yet sent will send the
        new content. Returns the id of the edit delivery."""
        edit_id = await self.db.run(self.edit_in, delivery_id, payload, kind=kind)
        self.wake()
        return edit_id

    def edit_in(
        self, session: Session, delivery_id: int, payload: Payload, *, kind: str = "edit"
    ) -> int:
        """`edit_delivered` inside the caller's transaction; call `wake()` after the commit."""
        original = self._get(session, delivery_id)
        outbox.set_payload(session, delivery_id, payload.to_json())
        return self._linked(session, original, payload.as_edit(), "edit", kind)

    async def follow_up(
        self, delivery_id: int, payload: Payload, *, kind: str = "follow_up"
    ) -> int:
        """A new message, as a reply to the original, to exactly the chats that received
        `delivery_id` (or will: rows still in flight are waited for)."""
        follow_id = await self.db.run(self.follow_up_in, delivery_id, payload, kind=kind)
        self.wake()
        return follow_id

    def follow_up_in(
        self, session: Session, delivery_id: int, payload: Payload, *, kind: str = "follow_up"
    ) -> int:
        """`follow_up` inside the caller's transaction; call `wake()` after the commit."""
        original = self._get(session, delivery_id)
        return self._linked(session, original, payload, "reply", kind)

    async def cancel(self, delivery_id: int) -> int:
        """Stop sending `delivery_id`: rows not yet claimed are cancelled; returns how many.
        (Copies already delivered stay; use `edit_delivered` or `follow_up` to correct them.)"""
        return await self.db.run(outbox.cancel_pending, delivery_id)

    def cancel_in(self, session: Session, delivery_id: int) -> int:
        """`cancel` inside the caller's transaction."""
        return outbox.cancel_pending(session, delivery_id)

    @staticmethod
    def _get(session: Session, delivery_id: int) -> Delivery:
        delivery = outbox.get_delivery(session, delivery_id)
        if delivery is None:
            raise LookupError(f"delivery {delivery_id} does not exist")
        return delivery

    def _linked(
        self, session: Session, original: Delivery, payload: Payload, link: str, kind: str
    ) -> int:
        assert original.id is not None
        # Rows still open are included: the engine waits for their outcome (see claim).
        sources = outbox.sent_rows(session, original.id, open_too=True)
        return outbox.create_delivery(
            session,
            kind=kind,
            ref=original.ref,
            priority=original.priority,
            payload=payload.to_json(link),
            chat_ids=list(sources),
            now=self.clock.wall_time(),
            parent_id=original.id,
            sources=sources,
        )

    # ---- reading -------------------------------------------------------------------------

    async def status(self, delivery_id: int) -> DeliveryStatus | None:
        """Counts and state of one delivery, or None if it does not exist."""

        def read(session: Session) -> DeliveryStatus | None:
            delivery = outbox.get_delivery(session, delivery_id)
            if delivery is None:
                return None
            return DeliveryStatus(
                id=delivery_id,
                kind=delivery.kind,
                ref=delivery.ref,
                state=DeliveryState(delivery.state),
                counts=outbox.counts(session, delivery_id),
                created_at=delivery.created_at,
                finished_at=delivery.finished_at,
                created_by=delivery.created_by,
                compacted_at=delivery.compacted_at,
            )

        return await self.db.run(read)

    async def ledger(
        self, delivery_id: int, *, not_sent_first: bool = False
    ) -> list[outbox.LedgerEntry]:
        """Per recipient: who got it (message id, time) and who did not, and why."""
        return await self.db.run(outbox.ledger, delivery_id, not_sent_first=not_sent_first)

    # ---- reachability --------------------------------------------------------------------

    async def user_seen(self, chat_id: int) -> None:
        """The user wrote to the bot in private: they can be reached again if they had
        blocked it. Cheap: at most one UPDATE per user per SEEN_REFRESH_SECONDS."""
        now = time.monotonic()
        last = self._seen.get(chat_id)
        if last is not None and now - last < SEEN_REFRESH_SECONDS:
            return
        if len(self._seen) >= _MAX_SEEN:
            self._seen.clear()
        self._seen[chat_id] = now
        now_dt = dt.datetime.now(dt.UTC)
        await self.db.run(outbox.reactivate, chat_id, now_dt)

    def forget_chat(self, chat_id: int) -> None:
        """Drop what this process remembers of a person's chat (their data was deleted)."""
        self._seen.pop(chat_id, None)

    async def is_reachable(self, chat_id: int) -> bool:
        """Whether the chat is not known to have blocked the bot."""
        return await self.db.run(outbox.is_active, chat_id)


__all__ = ["DeliveryService", "DeliveryStatus", "OutboxStatus"]
