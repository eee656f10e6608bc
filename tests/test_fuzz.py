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
from sqlmodel import Session
from telegram import Update
from telegram.ext import MessageHandler
from telegram.ext import filters

from bot.config import Settings
from bot.ptb.context import Ctx
from storage.models import Polsek
from tests.harness import BotHarness
from tests.harness import FakeTelegram
from tests.harness import ScaledClock
from tests.harness.fuzz import Fuzzer
from tests.harness.fuzz import Step
from tests.helpers import POLRES_CHAT


@pytest.fixture
async def fuzzer(pasuruan: str, settings: Settings, fake: FakeTelegram) -> AsyncIterator[Fuzzer]:
    configured = replace(
        settings, polres_chat_id=POLRES_CHAT, report_bounds=(-7.98, 112.55, -7.50, 113.10)
    )
    bot = BotHarness(configured, fake, delivery_clock=ScaledClock(20))
    world = Fuzzer(bot)
    async with bot:
        await world.set_up()
        yield world


@settings(
    max_examples=150,
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
    for step in data.draw(fuzzer.sessions()):
        outcome = await fuzzer.run(step)
        problems += [f"{step}: {problem}" for problem in outcome.problems]
    assert not problems, "\n".join(problems)


async def test_the_fuzzer_sees_a_broken_property(fuzzer: Fuzzer) -> None:
    """The oracle itself: a handler that fails, says "gangguan" or changes the Polsek for a
    newcomer's word is caught (else a green fuzz run would prove nothing)."""

    async def misbehave(update: Update, context: Ctx) -> None:
        def rename(session: Session) -> None:
            session.get(Polsek, fuzzer.world.polsek_id).name = "Polsek Diubah"

        await context.services.db.run(rename)
        raise RuntimeError("boom")

    fuzzer.bot.app.add_handler(MessageHandler(filters.Regex("^rusak$"), misbehave), group=-3)
    outcome = await fuzzer.run(Step(actor="newcomer", place="private", kind="text", text="rusak"))
    problems = "\n".join(outcome.problems)
    assert "error handler: RuntimeError: boom" in problems
    assert "'gangguan' answer" in problems
    assert "polsek row" in problems and "Polsek Diubah" in problems
    fine = await fuzzer.run(Step(actor="resident", place="private", kind="command", text="/start"))
    assert fine.problems == []
