"""Random but well-formed updates (tests/harness/fuzz.py) against the real bot: no exception
reaches the error handler, nobody reads "terjadi gangguan", and residents and newcomers change
no row that is not theirs. A short, deterministic run; bench/fuzz.py runs 100,000 updates."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from bot.config import Settings
from tests.harness import BotHarness
from tests.harness import FakeTelegram
from tests.harness import ScaledClock
from tests.harness.fuzz import Fuzzer
from tests.helpers import POLRES_CHAT


@pytest.fixture
async def fuzzer(pasuruan: str, settings: Settings, fake: FakeTelegram) -> AsyncIterator[Fuzzer]:
    configured = replace(
        settings, polres_chat_id=POLRES_CHAT, report_bounds=(-7.98, 112.55, -7.50, 113.10)
    )
    async with BotHarness(configured, fake, delivery_clock=ScaledClock(20)) as bot:
        world = Fuzzer(bot)
        await world.set_up()
        yield world


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,  # the same updates on every run: CI stays deterministic
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
async def test_random_updates_break_nothing_and_change_nothing_that_is_not_theirs(
    fuzzer: Fuzzer, data: st.DataObject
) -> None:
    problems = []
    for step in data.draw(st.lists(fuzzer.strategy(), min_size=1, max_size=8)):
        outcome = await fuzzer.run(step)
        problems += [f"{step}: {problem}" for problem in outcome.problems]
    assert not problems, "\n".join(problems)
