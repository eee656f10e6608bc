"""The delivery engine: every message reaches every recipient exactly once, as fast as Telegram
allows. Telegram-free: it sends through a `Sender` (the PTB adapter is `bot.ptb.sender`).

How to send (from a handler or a service, through `context.services.delivery`)::

    from bot.delivery import Payload, Priority

    delivery_id = await services.delivery.enqueue(
        recipients=[chat_id, ...],                  # duplicates are dropped
        payload=Payload.message("<b>Himbauan</b> ...", reply_markup={"inline_keyboard": ...}),
        priority=Priority.DARURAT,                  # DIRECT < DARURAT < WASPADA < INFO
        kind="advisory", ref="adv:12",              # what it is, for the ledger and for you
        created_by=author_user_id,
        progress_chat_id=author_chat_id,            # progress message + final report there
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
- A row recorded as sent is never sent again. After a crash, rows whose outcome is unknown are
  at most those in flight plus those answered but not yet recorded
  (`DeliveryEngine.unknown_at_crash`); they are sent again once their lease expires.
- One overall rate (DELIVERY_RATE, shared by every process through the database), 1 message a
  second per private chat, 20 a minute per group; DIRECT rows go before any broadcast row.
- 429: every send of the bot pauses for `retry_after`. 403: the chat is marked inactive and
  later deliveries skip it (counted as blocked) until the user writes to the bot again.
  400: recorded, not retried. Network errors and timeouts: retried with backoff, then failed.
- Edits and follow-ups reach exactly the chats whose rows of the original were sent.
"""

from bot.delivery.service import DeliveryService
from bot.delivery.service import DeliveryStatus
from bot.delivery.types import Blocked
from bot.delivery.types import Clock
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
    "Payload",
    "Priority",
    "Rejected",
    "RetryAfter",
    "SendOutcome",
    "Sender",
    "Sent",
    "SystemClock",
    "Transient",
]
