"""The fast lane for the Bot API calls handlers and jobs make themselves (replies, edits, button
answers): python-telegram-bot's rate-limiter hook, so every `context.bot...` call passes here.

- A message (send*, edit*, copy/forward) waits for the flood pause and takes a slot of the
  delivery engine's rate budget, ahead of broadcast rows (`DeliveryEngine.take_direct_slot`: no
  database round trip per reply); new messages to a chat whose replies once got a 429 are paced
  as Telegram limits a chat (1/s, 20/min in a group), with a margin.
- Other calls (getMe, answerCallbackQuery, setMyCommands, getChat...) are not counted by
  Telegram's message limits: they neither take a slot nor wait for the pause.
- 429: the pause is shared with the engine (every send of the bot waits), and the call is
  made again once it is over, if it is at most `MAX_RETRY_AFTER` seconds; otherwise the
  caller gets `RetryAfter` at once rather than a conversation frozen for minutes.
- 5xx, network errors, timeouts: made again after a short backoff, `MAX_ATTEMPTS` in all.
- A button answer (answerCallbackQuery) Telegram would refuse as too old is not made: the
  press waited in the bot longer than `CALLBACK_ANSWER_WINDOW` (bot/ptb/updates.py), or
  Telegram answered 400 "query is too old". The call counts as done and the handler goes on,
  so the press still has its effect (a "Sudah dibaca" counts, a report is taken) and its edits
  and messages are still sent; only the spinner's answer, which the app has already given up
  on, is missing. Without this every late press was an "Unhandled error", an alert to the
  admins and a "terjadi gangguan" message to the resident.
- The engine's own sends (`bot.ptb.sender.TelegramSender`) pass straight through: the engine
  has paced them and handles their errors itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import datetime as dt
import logging
import math
import random
from collections.abc import Callable
from collections.abc import Coroutine
from collections.abc import Iterator
from typing import Any

from telegram.error import BadRequest
from telegram.error import Forbidden
from telegram.error import NetworkError
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot import metrics
from bot.delivery.engine import DeliveryEngine
from bot.delivery.fastlane import PauseTooLong
from bot.ptb.updates import lend_slot
from bot.ptb.updates import waited

log = logging.getLogger(__name__)

# The longest flood wait a reply waits out: a user still sees their answer a few seconds late
# rather than an error; a longer wait (they reach minutes, even hours) is not waited for.
MAX_RETRY_AFTER = 15.0
# What the error notice ("Telegram sedang sibuk...") may wait: it is the last word, and a
# notice sent into the pause would be lost (and could lengthen the wait).
NOTICE_MAX_WAIT = 120.0
# Attempts of one call through 5xx / network errors / timeouts (and, apart, 429s).
MAX_ATTEMPTS = 3
MAX_RETRY_AFTERS = 2
# Backoff before retry n: BACKOFF * 2**(n-1), +-20%.
BACKOFF = 0.5
# Telegram does not say how long a button press may be answered; reports put it at 10-15 s
# ("query is too old and response timeout expired"). A press that waited longer is not answered.
CALLBACK_ANSWER_WINDOW = 10.0
_TOO_OLD = "query is too old"
# Methods that put a message in a chat: Telegram's flood limits count these.
_MESSAGE_PREFIXES = ("send", "edit", "copymessage", "forwardmessage")
_NOT_MESSAGES = frozenset({"sendchataction"})

# Set by the engine's Sender around its own calls (a context variable rather than
# `rate_limit_args`: the Sender also drives plain `telegram.Bot`s, which take no such
# argument, and the variable keeps ExtBot's type parameter out of every handler's signature).
_ENGINE_CALL: contextvars.ContextVar[bool] = contextvars.ContextVar("engine_call", default=False)
_MAX_WAIT: contextvars.ContextVar[float] = contextvars.ContextVar(
    "max_wait", default=MAX_RETRY_AFTER
)

Callback = Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]]


@contextlib.contextmanager
def engine_call() -> Iterator[None]:
    """Mark the Bot API calls made inside as the engine's own (paced, retried by it)."""
    token = _ENGINE_CALL.set(True)
    try:
        yield
    finally:
        _ENGINE_CALL.reset(token)


@contextlib.contextmanager
def patience(seconds: float) -> Iterator[None]:
    """Let the calls made inside wait up to `seconds` for a flood pause (the error notice)."""
    token = _MAX_WAIT.set(seconds)
    try:
        yield
    finally:
        _MAX_WAIT.reset(token)


def is_message(endpoint: str) -> bool:
    """Whether Telegram's message limits count a call of `endpoint`."""
    name = endpoint.lower()
    return name.startswith(_MESSAGE_PREFIXES) and name not in _NOT_MESSAGES


def retry_after_seconds(error: RetryAfter) -> float:
    """`retry_after` in seconds (PTB gives a timedelta or an int, depending on settings)."""
    wait = error.retry_after
    return wait.total_seconds() if isinstance(wait, dt.timedelta) else float(wait)


class FastLaneLimiter(BaseRateLimiter[None]):
    """Paces and retries the bot's direct Bot API calls; see the module docstring."""

    def __init__(self, *, rng: random.Random | None = None) -> None:
        self._engine: DeliveryEngine | None = None
        self._rng = rng or random.Random()
        # Before the engine runs (getMe, setMyCommands at start-up): a pause kept here.
        self._pause_until = 0.0

    def attach(self, engine: DeliveryEngine | None) -> None:
        """Draw on `engine`'s budget and pause from now on (set once the engine runs)."""
        self._engine = engine

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    async def process_request(
        self,
        callback: Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        """Make the call in the fast lane, retrying what is worth retrying."""
        if _ENGINE_CALL.get():
            return await callback(*args, **kwargs)
        button_answer = endpoint == "answerCallbackQuery"
        if button_answer and waited() > CALLBACK_ANSWER_WINDOW:
            log.info("A button press waited %.1f s: not answered (too old for Telegram)", waited())
            return True
        message = is_message(endpoint)
        chat = data.get("chat_id")
        # Per-chat pacing is for new messages (1/s to a person, 20/min to a group): an edit
        # (a button's answer) takes a slot of the bot's rate but does not wait for its chat.
        new_message = message and not endpoint.lower().startswith("edit")
        chat_id = chat if isinstance(chat, int) and new_message else None
        max_wait = _MAX_WAIT.get()
        failures = retry_afters = 0
        while True:
            if message:
                # Waiting for Telegram's budget uses no CPU: another update may work meanwhile.
                async with lend_slot():
                    await self._take_turn(chat_id, max_wait)
            try:
                return await _counted(callback, args, kwargs, counted=message)
            except RetryAfter as exc:
                seconds = retry_after_seconds(exc)
                retry_afters += 1
                if message:
                    self._report(seconds, chat_id)
                if seconds > max_wait or retry_afters >= MAX_RETRY_AFTERS:
                    raise
                log.info("%s: Telegram asked to wait %.1f s; retrying after it", endpoint, seconds)
                if not message:  # messages wait in _take_turn, with the rest of the bot
                    await self._sleep(seconds)
            except BadRequest as exc:
                if button_answer and _TOO_OLD in exc.message.lower():
                    log.info("A button press was too old to answer (%.1f s in the bot)", waited())
                    return True
                raise  # a NetworkError subclass, but the request itself is wrong
            except NetworkError as exc:  # TimedOut, 5xx (PTB maps them to NetworkError)
                failures += 1
                if failures >= MAX_ATTEMPTS:
                    raise
                # Not idempotent everywhere: a sendMessage that timed out (or got a 5xx) may
                # have arrived, and its retry then shows the message twice. Telegram has no
                # idempotency key; a reply twice is better than none. Edits, button answers
                # and reads repeat harmlessly.
                wait = BACKOFF * 2 ** (failures - 1) * self._rng.uniform(0.8, 1.2)
                log.info("%s failed (%s); retry %d in %.1f s", endpoint, exc, failures, wait)
                await self._sleep(wait)

    async def _take_turn(self, chat_id: int | None, max_wait: float) -> None:
        """Wait for the pause to end and for a slot (the engine's, when it runs)."""
        engine = self._engine
        try:
            if engine is not None:
                await engine.take_direct_slot(chat_id, max_pause=max_wait)
                return
            remaining = self._pause_until - asyncio.get_running_loop().time()
            if remaining > max_wait:
                raise PauseTooLong(remaining)
            if remaining > 0:
                await asyncio.sleep(remaining)
        except PauseTooLong as exc:
            # As Telegram would answer a send made now, without making it.
            raise RetryAfter(dt.timedelta(seconds=math.ceil(exc.seconds))) from None

    def _report(self, seconds: float, chat_id: int | None) -> None:
        if self._engine is not None:
            self._engine.report_retry_after(seconds, chat_id)
        else:
            until = asyncio.get_running_loop().time() + seconds
            self._pause_until = max(self._pause_until, until)

    async def _sleep(self, seconds: float) -> None:
        # The engine's clock: benchmarks scale time, and Telegram's waits scale with it.
        async with lend_slot():
            if self._engine is not None:
                await self._engine.clock.sleep(seconds)
            else:
                await asyncio.sleep(seconds)


async def _counted(
    callback: Callback, args: Any, kwargs: dict[str, Any], *, counted: bool
) -> bool | dict[str, Any] | list[dict[str, Any]]:
    """Make the call; count Telegram's answer to a message call (bot/metrics.py)."""
    if not counted:
        return await callback(*args, **kwargs)
    try:
        answer = await callback(*args, **kwargs)
    except Exception as exc:
        metrics.message_call("direct", _outcome(exc))
        raise
    metrics.message_call("direct", "sent")
    return answer


def _outcome(error: Exception) -> str:
    """The metrics' name for Telegram's answer to a message call (bot/metrics.py MESSAGES)."""
    if isinstance(error, RetryAfter):
        return "retry_after"
    if isinstance(error, Forbidden):
        return "blocked"
    if isinstance(error, BadRequest):  # before NetworkError: BadRequest is a subclass of it
        return "rejected"
    return "error"
