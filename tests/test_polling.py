"""Long polling as `kamtibmas run` does it (bot.app.run): a short network error while fetching
updates is one WARNING line and polling goes on, no "Unhandled error" with a traceback."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Iterator

import pytest

from bot.app import STOP_SIGNALS
from bot.app import build_application
from bot.app import run
from bot.config import Settings
from tests.harness import FakeRequest
from tests.harness import FakeTelegram
from tests.harness import Fault
from tests.harness import UpdateFactory


@pytest.fixture
def stop_signals_restored() -> Iterator[None]:
    """`run` handles SIGTERM and ignores it once stopped: give pytest its handlers back."""
    saved = {sig: signal.getsignal(sig) for sig in STOP_SIGNALS}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


@pytest.mark.parametrize("fault", [Fault.network_error(), Fault.server_error(502)])
def test_a_network_error_while_polling_is_one_warning_and_polling_goes_on(
    settings: Settings,
    fake: FakeTelegram,
    fault: Fault,
    caplog: pytest.LogCaptureFixture,
    stop_signals_restored: None,
) -> None:
    updates = UpdateFactory(fake)
    budi = updates.user(first_name="Budi")
    fake.inject(fault, method="getUpdates")
    answered = threading.Event()

    def resident_then_stop() -> None:
        # The update arrives after the failed getUpdates: the retried polling must fetch it.
        deadline = time.monotonic() + 20
        while not fake.calls_to("getUpdates") and time.monotonic() < deadline:
            time.sleep(0.02)
        fake.push_update(updates.command(budi, "/bantuan"))
        while not fake.texts(budi["id"]) and time.monotonic() < deadline:
            time.sleep(0.02)
        if fake.texts(budi["id"]):
            answered.set()
        os.kill(os.getpid(), signal.SIGTERM)  # stops `run` as a service manager would

    caplog.set_level(logging.DEBUG)
    application = build_application(settings, request=FakeRequest(fake))
    helper = threading.Thread(target=resident_then_stop, daemon=True)
    helper.start()
    run(application, settings)
    helper.join(5)

    assert answered.is_set(), "polling did not go on after the network error"
    problems = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(problems) == 1, [r.getMessage() for r in problems]
    (warning,) = problems
    assert warning.levelno == logging.WARNING
    assert warning.exc_info is None and "Traceback" not in caplog.text
    assert "Fetching updates from Telegram failed, retrying" in warning.getMessage()
