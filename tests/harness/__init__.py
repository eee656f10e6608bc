"""Test harness: a fake Telegram Bot API (in-process and over HTTP) and update builders."""

from typing import Any

from tests.harness.fake_api import ApiError
from tests.harness.fake_api import Call
from tests.harness.fake_api import Clock
from tests.harness.fake_api import FakeRequest
from tests.harness.fake_api import FakeTelegram
from tests.harness.fake_api import Fault
from tests.harness.fake_api import HtmlParseError
from tests.harness.fake_api import ManualClock
from tests.harness.fake_api import RealClock
from tests.harness.fake_api import ScaledClock
from tests.harness.fake_api import SimulatedTransportError
from tests.harness.fake_api import Stats
from tests.harness.fake_api import StoredFile
from tests.harness.fake_api import Upload
from tests.harness.fake_api import chat_member
from tests.harness.fake_api import latency_profile
from tests.harness.fake_api import parse_html
from tests.harness.http_server import DEFAULT_TOKEN
from tests.harness.http_server import FakeTelegramServer
from tests.harness.http_server import deliver_webhook_updates
from tests.harness.http_server import post_webhook_update
from tests.harness.http_server import post_webhook_update_async
from tests.harness.updates import UpdateFactory
from tests.harness.updates import to_update

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
