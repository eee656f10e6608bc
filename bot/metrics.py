"""The bot's Prometheus metrics that count events as they happen (served at /metrics by
bot/web/operator.py, which adds the figures read from the database at scrape time).

The objects are module-level, in prometheus_client's default registry: one set per process,
however many Applications it builds (tests build many: they assert on differences). The
recording functions are what the rest of the bot calls; nothing here imports `telegram`.
"""

from __future__ import annotations

from prometheus_client import Counter
from prometheus_client import Histogram
from prometheus_client import disable_created_metrics

# No `<name>_created` series beside every counter and histogram: Prometheus does not use them,
# and they doubled what a scrape carries.
disable_created_metrics()

UPDATES = Counter(
    "kamtibmas_updates",
    "Telegram updates handled, by kind (command, message, callback_query, ...).",
    ["kind"],
)
# From the moment the bot took the update in to the end of its handlers: what the person
# waits for (their earlier updates, a free slot, the replies' Bot API calls included).
UPDATE_SECONDS = Histogram(
    "kamtibmas_update_handling_seconds",
    "Seconds from taking an update in to the end of its handlers, by kind.",
    ["kind"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0),
)
# Every attempt to put a message in a chat (send*, edit*, copy, forward), by who made it
# (`outbox`: the delivery engine; `direct`: a handler's or job's own call through the fast
# lane) and Telegram's answer.
MESSAGES = Counter(
    "kamtibmas_telegram_messages",
    "Bot API message calls by path (outbox, direct) and outcome "
    "(sent, retry_after = 429, blocked = 403, rejected = other 4xx, error = network/5xx).",
    ["via", "outcome"],
)

VIAS = ("outbox", "direct")
OUTCOMES = ("sent", "retry_after", "blocked", "rejected", "error")
UPDATE_KINDS = (
    "command",
    "message",
    "edited_message",
    "callback_query",
    "my_chat_member",
    "chat_member",
    "other",
)

# Every series exists from the start (0 rather than absent): rate() and alerts in Grafana
# need no `or vector(0)`.
for _via in VIAS:
    for _outcome in OUTCOMES:
        MESSAGES.labels(via=_via, outcome=_outcome)
for _kind in UPDATE_KINDS:
    UPDATES.labels(kind=_kind)


def update_handled(kind: str, seconds: float) -> None:
    """Count one handled update of `kind` that took `seconds` in the bot."""
    kind = kind if kind in UPDATE_KINDS else "other"
    UPDATES.labels(kind=kind).inc()
    UPDATE_SECONDS.labels(kind=kind).observe(seconds)


def message_call(via: str, outcome: str) -> None:
    """Count one Bot API message call's outcome (see MESSAGES)."""
    MESSAGES.labels(via=via, outcome=outcome).inc()
