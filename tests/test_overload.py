"""Under overload: the bot takes in no more updates than it can work on (the rest wait at
Telegram), a button press too old to answer still has its effect, and a storm of "Sudah
dibaca" presses is counted exactly (bot/ptb/updates.py, bot/ptb/ratelimiter.py,
bot/services/advisories/acks.py)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from telegram import Update
from telegram.ext import ApplicationHandlerStop
from telegram.ext import TypeHandler

from bot.ptb import ratelimiter
from bot.ptb.updates import FETCH_BELOW
from bot.ptb.updates import MAX_CONCURRENT_UPDATES
from bot.ptb.updates import PerSenderUpdateProcessor
from bot.services.advisories.callbacks import Acknowledge
from storage import advisories as q
from storage.models import Advisory
from storage.models import AdvisoryLevel
from storage.models import AdvisoryStatus
from tests.harness import BotHarness
from tests.harness import Fault
from tests.helpers import ADMIN_CHAT_ID
from tests.helpers import wait_until

THANKS = "Terima kasih, sudah dicatat. ✅"


async def darurat(bot: BotHarness) -> int:
    """A sent Darurat advisory (the button's target), straight in the database."""

    def store(session: Any) -> int:
        advisory = Advisory(
            status=AdvisoryStatus.SENT,
            level=AdvisoryLevel.DARURAT,
            text="Banjir bandang: mengungsi ke balai desa.",
            targets="[]",
            target_label="Kronto",
            author_id=1,
            source_name="Polsek Lumbang",
        )
        session.add(advisory)
        session.flush()
        return advisory.id or 0

    return await bot.services.db.run(store)


async def reads(bot: BotHarness, advisory_id: int) -> int:
    return await bot.services.db.run(q.ack_count, advisory_id=advisory_id)


def under_advisory(bot: BotHarness, resident: dict) -> dict:
    """The Darurat message in the resident's chat (the button sits under it)."""
    return bot.updates.message(resident, text="🚨 DARURAT", chat=bot.updates.private_chat(resident))


def answers(bot: BotHarness, user_id: int) -> list[str]:
    return [
        str(a.get("text", ""))
        for a in bot.fake.callback_answers
        if str(a["callback_query_id"]).startswith(str(user_id))
    ]


async def test_a_storm_of_presses_is_counted_exactly_each_press_answered(
    bot: BotHarness,
) -> None:
    advisory_id = await darurat(bot)
    data = Acknowledge(advisory_id).data
    residents = [bot.updates.user(first_name=f"Warga {i}") for i in range(120)]
    presses = [bot.updates.callback(r, under_advisory(bot, r), data) for r in residents]
    # A few press twice at once (a double tap): counted once, told the second time.
    twice = [bot.updates.callback(r, under_advisory(bot, r), data) for r in residents[:10]]
    await asyncio.gather(*(bot.process(p) for p in presses + twice))
    assert await reads(bot, advisory_id) == 120
    for resident in residents:
        said = answers(bot, resident["id"])
        assert said.count(THANKS) == 1
        assert len(said) == (2 if resident in residents[:10] else 1)
    assert bot.fake.sent_messages() == []  # no "gangguan" anywhere


async def test_a_press_too_old_to_answer_still_counts_and_nobody_hears_of_an_error(
    bot: BotHarness,
) -> None:
    advisory_id = await darurat(bot)
    siti = bot.updates.user(first_name="Siti")
    bot.fake.inject(
        Fault.bad_request("query is too old and response timeout expired or query ID is invalid"),
        method="answerCallbackQuery",
    )
    await bot.press(siti, under_advisory(bot, siti), Acknowledge(advisory_id).data)
    assert await reads(bot, advisory_id) == 1
    # Neither the resident ("terjadi gangguan") nor the admins (a traceback) hear of it.
    assert bot.fake.sent_messages(siti["id"]) == []
    assert bot.fake.sent_messages(ADMIN_CHAT_ID) == []


async def test_a_press_that_waited_past_the_window_is_counted_and_not_answered(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every press counts as having waited too long: no answer is attempted at all.
    monkeypatch.setattr(ratelimiter, "CALLBACK_ANSWER_WINDOW", 0.0)
    advisory_id = await darurat(bot)
    siti = bot.updates.user(first_name="Siti")
    press = bot.updates.callback(siti, under_advisory(bot, siti), Acknowledge(advisory_id).data)
    # Through the update queue and the processor, as polling hands it over.
    await bot.app.update_queue.put(Update.de_json(press, bot.app.bot))
    await wait_until(lambda: reads(bot, advisory_id), "the press counted")
    await bot.app.update_queue.join()
    assert bot.fake.calls_to("answerCallbackQuery") == []
    assert bot.fake.sent_messages(ADMIN_CHAT_ID) == []


async def test_the_bot_fetches_no_more_updates_while_its_backlog_is_full(
    bot: BotHarness,
) -> None:
    processor = bot.app.update_processor
    assert isinstance(processor, PerSenderUpdateProcessor)
    release = asyncio.Event()
    held: list[int] = []

    async def hold(update: Update, context: Any) -> None:
        held.append(update.update_id)
        await release.wait()
        raise ApplicationHandlerStop  # the test's own handler: nothing else to do

    bot.app.add_handler(TypeHandler(Update, hold), group=-10)
    residents = [bot.updates.user(first_name=f"Warga {i}") for i in range(250)]
    for resident in residents:
        bot.updates.push(bot.updates.text(resident, "halo"))
    assert bot.app.updater is not None
    await bot.app.updater.start_polling(poll_interval=0.01, timeout=0)
    try:
        # One getUpdates brings 100, more than FETCH_BELOW unfinished: no second one until
        # some are done; the other 150 wait at Telegram.
        assert FETCH_BELOW < 100
        await wait_until(lambda: len(held) == MAX_CONCURRENT_UPDATES, "the slots taken")
        await wait_until(lambda: processor.unfinished == 100, "the first batch taken in")
        for _ in range(20):  # let the polling loop go round (it must wait)
            await asyncio.sleep(0.01)
        assert len(bot.fake.calls_to("getUpdates")) == 1
        assert processor.current_concurrent_updates == MAX_CONCURRENT_UPDATES
        assert len(held) == MAX_CONCURRENT_UPDATES  # the rest wait for a slot, in order
        assert held == sorted(held)
        release.set()
        await wait_until(lambda: len(held) == 250, "every update handled")
    finally:
        release.set()
        await bot.app.updater.stop()
    assert held == sorted(held)  # first come, first served


async def test_a_press_is_answered_while_every_slot_waits_for_the_sending_budget(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Telegram's budget is used up: every reply waits for its turn until `budget` is set.
    budget = asyncio.Event()
    engine = bot.services.delivery.engine

    async def take_direct_slot(chat_id: int | None, *, max_pause: float) -> None:
        await budget.wait()

    monkeypatch.setattr(engine, "take_direct_slot", take_direct_slot)
    advisory_id = await darurat(bot)
    residents = [
        bot.updates.user(first_name=f"Warga {i}") for i in range(MAX_CONCURRENT_UPDATES + 8)
    ]
    for resident in residents:  # through the processor, as polling hands them over
        await bot.app.update_queue.put(
            Update.de_json(bot.updates.command(resident, "/bantuan"), bot.app.bot)
        )
    siti = bot.updates.user(first_name="Siti")
    press = bot.updates.callback(siti, under_advisory(bot, siti), Acknowledge(advisory_id).data)
    await bot.app.update_queue.put(Update.de_json(press, bot.app.bot))
    # The replies' handlers wait for the budget without holding the slots: the press, which
    # sends no message, is counted and answered before any reply goes out.
    await wait_until(lambda: answers(bot, siti["id"]) == [THANKS], "the press answered")
    assert await reads(bot, advisory_id) == 1
    assert all(bot.fake.sent_messages(r["id"]) == [] for r in residents)
    budget.set()
    await wait_until(
        lambda: all(bot.fake.sent_messages(r["id"]) for r in residents), "every reply sent"
    )
    await bot.app.update_queue.join()
    processor = bot.app.update_processor
    assert isinstance(processor, PerSenderUpdateProcessor)
    assert processor.current_concurrent_updates == 0  # every slot given back once


async def test_jobs_scheduled_by_updates_do_not_keep_their_slots(bot: BotHarness) -> None:
    # A handler schedules a job that sends (the siaga tally's edit round does): APScheduler runs
    # it in the context of the add_job that woke it, i.e. with the finished update's place. Its
    # wait for the sending budget took that place back, for ever: once 32 slots were held so, no
    # update was handled again (bench/siaga.py, 2,000 answers in 2 minutes: 721 presses stuck).
    sent = asyncio.Event()
    group = bot.updates.group(title="Piket")
    count = MAX_CONCURRENT_UPDATES + 8

    async def job(context: Any) -> None:
        await context.bot.send_message(group["id"], "tally")
        if len(bot.fake.sent_messages(group["id"])) >= count:
            sent.set()

    async def schedule(update: Update, context: Any) -> None:
        if update.message is not None and update.message.text == "/jadwalkan":
            context.job_queue.run_once(job, when=0.01)
            raise ApplicationHandlerStop

    bot.app.add_handler(TypeHandler(Update, schedule), group=-100)
    people = [bot.updates.user(first_name=f"Warga {i}") for i in range(count)]
    for person in people:
        await bot.app.update_queue.put(
            Update.de_json(bot.updates.command(person, "/jadwalkan"), bot.app.bot)
        )
    await asyncio.wait_for(sent.wait(), 10)
    await bot.app.update_queue.join()
    processor = bot.app.update_processor
    assert isinstance(processor, PerSenderUpdateProcessor)
    assert processor.current_concurrent_updates == 0
    # And the bot still answers.
    late = bot.updates.user(first_name="Siti")
    await bot.app.update_queue.put(
        Update.de_json(bot.updates.command(late, "/bantuan"), bot.app.bot)
    )
    await wait_until(lambda: bot.fake.sent_messages(late["id"]), "the late update answered")
