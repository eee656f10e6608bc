"""Plain values the delivery engine works with: priorities, payloads, send outcomes, and the two
things it needs from outside — a `Sender` (the Telegram adapter) and a `Clock`."""

from __future__ import annotations

import asyncio
import enum
import time
from dataclasses import dataclass
from typing import Any
from typing import Protocol


class Priority(enum.IntEnum):
    """Which rows go first; lower is more urgent."""

    DIRECT = 0  # one message to one person: report status, replies, progress, reports
    # A muster call (/siaga), its reminders and stand-down: ahead of every broadcast, yet a
    # report card or a reply to one person is not held up by a call to 2,000 people.
    SIAGA = 1
    DARURAT = 2  # emergency advisory
    WASPADA = 3  # be-alert advisory
    INFO = 4  # everything else


@dataclass(frozen=True)
class Payload:
    """What to send, as Bot API data: a method and its parameters (without chat_id).

    Build it with `Payload.message(...)` or `Payload.photo(...)`; the text is Telegram HTML.
    """

    method: str
    params: dict[str, Any]

    @classmethod
    def message(
        cls,
        text: str,
        *,
        reply_markup: dict[str, Any] | None = None,
        disable_notification: bool = False,
        protect_content: bool = False,
        disable_link_preview: bool = True,
    ) -> Payload:
        """A sendMessage with HTML text; `reply_markup` as Bot API JSON (inline_keyboard...)."""
        params: dict[str, Any] = {"text": text, "parse_mode": "HTML"}
        _add_options(params, reply_markup, disable_notification, protect_content)
        if disable_link_preview:
            params["link_preview_options"] = {"is_disabled": True}
        return cls("sendMessage", params)

    @classmethod
    def photo(
        cls,
        photo: str,
        caption: str = "",
        *,
        reply_markup: dict[str, Any] | None = None,
        disable_notification: bool = False,
        protect_content: bool = False,
    ) -> Payload:
        """A sendPhoto of a Telegram file_id (or URL) with an HTML caption."""
        params: dict[str, Any] = {"photo": photo, "parse_mode": "HTML"}
        if caption:
            params["caption"] = caption
        _add_options(params, reply_markup, disable_notification, protect_content)
        return cls("sendPhoto", params)

    def as_edit(self) -> Payload:
        """The edit that turns an already sent message into this payload."""
        if self.method == "sendPhoto":
            keys: tuple[str, ...] = ("caption", "parse_mode", "reply_markup")
            return Payload(
                "editMessageCaption", {k: v for k, v in self.params.items() if k in keys}
            )
        keys = ("text", "parse_mode", "reply_markup", "link_preview_options")
        return Payload("editMessageText", {k: v for k, v in self.params.items() if k in keys})

    def to_json(self, link: str | None = None) -> dict[str, Any]:
        """The stored form; `link` is "edit" or "reply" for rows tied to an original message."""
        return {"method": self.method, "params": self.params, "link": link}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Payload:
        """Back from the stored form."""
        return cls(str(data["method"]), dict(data["params"]))


# ---- what one send can come to -------------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    """Telegram accepted the message."""

    message_id: int | None


@dataclass(frozen=True)
class RetryAfter:
    """429: the whole bot must wait `seconds`."""

    seconds: float


@dataclass(frozen=True)
class Blocked:
    """403: the user blocked the bot, is deactivated, or the bot was removed from the group."""

    reason: str


@dataclass(frozen=True)
class Rejected:
    """400 (chat not found, can't parse entities, ...): retrying would not help."""

    reason: str


@dataclass(frozen=True)
class Transient:
    """A network error, timeout or server error: retry later, a bounded number of times."""

    reason: str


@dataclass(frozen=True)
class Migrated:
    """400 with `migrate_to_chat_id`: the group became a supergroup with a new id; the engine
    sends there instead (and tells `DeliveryService.on_migrated` hooks)."""

    chat_id: int


SendOutcome = Sent | RetryAfter | Blocked | Rejected | Transient | Migrated


class Sender(Protocol):
    """Sends one Bot API request to one chat and says what happened; never raises."""

    async def send(self, chat_id: int, method: str, params: dict[str, Any]) -> SendOutcome:
        """Call `method` with `params` and `chat_id`."""
        ...


class Clock(Protocol):
    """Time as the engine sees it (benchmarks scale it; production uses `SystemClock`)."""

    def wall_time(self) -> float:
        """Unix time in seconds."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Let `seconds` pass."""
        ...


class SystemClock:
    """The machine's clock."""

    def wall_time(self) -> float:
        """`time.time()`."""
        return time.time()

    async def sleep(self, seconds: float) -> None:
        """`asyncio.sleep`."""
        await asyncio.sleep(max(0.0, seconds))


def _add_options(
    params: dict[str, Any],
    reply_markup: dict[str, Any] | None,
    disable_notification: bool,
    protect_content: bool,
) -> None:
    """The options sendMessage and sendPhoto share; only those set are sent."""
    if reply_markup:
        params["reply_markup"] = reply_markup
    if disable_notification:
        params["disable_notification"] = True
    if protect_content:
        params["protect_content"] = True
