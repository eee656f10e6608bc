"""The delivery engine: every message reaches every recipient at least once, as fast as Telegram
allows. Telegram-free: it sends through a `Sender` (the PTB adapter is `bot.ptb.sender`).

How to send (from a handler or a service, through `context.services.delivery`)::

    from bot.delivery import Payload, Priority

    delivery_id = await services.delivery.enqueue(
        recipients=[chat_id, ...],                  # duplicates are dropped
        payload=Payload.message("<b>Imbauan</b> ...", reply_markup={"inline_keyboard": ...}),
        priority=Priority.DARURAT,                  # DIRECT < SIAGA < DARURAT < WASPADA < INFO
        kind="advisory", ref="adv:12",              # what it is, for the ledger and for you
        created_by=author_user_id,
        progress_chat_id=author_chat_id,            # progress message + final report there
        progress_message_id=None,                   # or a bot message there to edit instead
        language="id",                              # language of progress and report
    )
    await services.delivery.send_direct(chat_id, Payload.message("Laporan #7 diterima"))
    await services.delivery.edit_delivered(delivery_id, Payload.message("<s>...</s> DICABUT"))
    await services.delivery.follow_up(delivery_id, Payload.message("Pembaruan: ..."))
    await services.delivery.cancel(delivery_id)     # rows not yet sent are dropped
    status = await services.delivery.status(delivery_id)   # .state, .counts.sent/.blocked/...
    rows = await services.delivery.ledger(delivery_id)     # per chat: status, message id, error

`Payload.photo(file_id, caption)` sends a photo; `edit_delivered` then edits the caption.

Direct replies (a handler's own `context.bot...` calls) skip the outbox but not the budget: the
fast lane (`bot.ptb.ratelimiter`, `DeliveryEngine.take_direct_slot`) gives them a slot of the same
rate, after the same flood pause, ahead of every queued row, with no database round trip.

Guarantees:

- `enqueue` writes the delivery and one outbox row per chat in one transaction, before anything
  is sent; it returns once the rows are durable. The engine sends them in the background.
- At least once; duplicates only for the messages in flight at a fault. Telegram has no
  idempotent send: after a lost or late answer (the request timed out but the message arrived)
  or a crash between a send and its record, the row is sent again. A row recorded as sent is
  never sent again; after a crash the rows whose outcome is unknown are at most those in flight
  plus those answered but not yet recorded (`DeliveryEngine.unknown_at_crash`).
- A dead process's rows do not wait for their lease: on SQLite one process sends (a lock next
  to the database file) and the next start resumes them at once; on PostgreSQL a live worker
  resumes them about 10 s after the dead one's last heartbeat (`bot.delivery.workers`).
- One overall rate (DELIVERY_RATE, shared by every process through the database), 1 message a
  second per private chat, 20 a minute per group; DIRECT rows go before any other row, SIAGA
  rows (muster calls) before any broadcast.
- 429: every send of the bot pauses for `retry_after`. 403: the chat is marked inactive and
  later deliveries skip it (counted as blocked) until the user writes to the bot again.
  400: recorded, not retried. Network errors and timeouts: retried with backoff, then failed.
- A group that became a supergroup (400 with `migrate_to_chat_id`): the row is sent to the new
  id, and `on_migrated(hook)` hooks update what else stored the old one, in that transaction.
- `on_finished(kind, hook)`: when a delivery of `kind` is done (every row sent, failed, blocked
  or cancelled, whichever process sent them), `hook(session, Finished)` runs once, in the
  transaction that marks it done (e.g. a report's card that reached nobody).
- Progress: the author's message is edited at most every `progress_every` (3 s), never with
  the same text. `on_progress(kind, hook)`: `hook(session, Progress) -> str | None` writes that
  text for `kind` (None: not its delivery), and its final text (`Progress.done`) is the last
  edit of the same message, not a second one.
- Edits and follow-ups reach exactly the chats whose rows of the original were sent.
"""

from bot.delivery.hooks import Finished
from bot.delivery.hooks import Progress
from bot.delivery.service import DeliveryService
from bot.delivery.service import DeliveryStatus
from bot.delivery.types import Blocked
from bot.delivery.types import Clock
from bot.delivery.types import Migrated
from bot.delivery.types import Payload
from bot.delivery.types import Priority
from bot.delivery.types import Rejected
from bot.delivery.types import RetryAfter
from bot.delivery.types import Sender
from bot.delivery.types import SendOutcome
from bot.delivery.types import Sent
from bot.delivery.types import SystemClock
from bot.delivery.types import Transient

__all__ = [
    "Blocked",
    "Clock",
    "DeliveryService",
    "DeliveryStatus",
    "Finished",
    "Migrated",
    "Payload",
    "Priority",
    "Progress",
    "Rejected",
    "RetryAfter",
    "SendOutcome",
    "Sender",
    "Sent",
    "SystemClock",
    "Transient",
]
