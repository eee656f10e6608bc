"""Test harness: a fake Telegram Bot API (in-process and over HTTP) and update builders."""

from typing import Any

from tests.harness.fake_api import (
    ApiError,
    Call,
    Clock,
    FakeRequest,
    FakeTelegram,
    Fault,
    HtmlParseError,
    ManualClock,
    RealClock,
    ScaledClock,
    SimulatedTransportError,
    Stats,
    StoredFile,
    Upload,
    chat_member,
    latency_profile,
    parse_html,
)
from tests.harness.http_server import (
    DEFAULT_TOKEN,
    FakeTelegramServer,
    deliver_webhook_updates,
    post_webhook_update,
    post_webhook_update_async,
)
from tests.harness.updates import UpdateFactory, to_update

__all__ = [
    "DEFAULT_TOKEN",
    "ApiError",
    "BotHarness",
    "Call",
    "Clock",
    "FakeRequest",
    "FakeTelegram",
    "FakeTelegramServer",
    "Fault",
    "HtmlParseError",
    "ManualClock",
    "RealClock",
    "ScaledClock",
    "SimulatedTransportError",
    "Stats",
    "StoredFile",
    "UpdateFactory",
    "Upload",
    "chat_member",
    "deliver_webhook_updates",
    "latency_profile",
    "parse_html",
    "post_webhook_update",
    "post_webhook_update_async",
    "to_update",
]


def __getattr__(name: str) -> Any:
    """Import BotHarness on first use: it needs the application, the rest of the harness not."""
    if name == "BotHarness":
        from tests.harness.bot import BotHarness

        return BotHarness
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
