"""Direct replies survive a bad moment of Telegram (issue 17, point 1): a 429, a 5xx or a
timeout on a handler's own Bot API call is retried in the fast lane (bot/ptb/ratelimiter.py),
replies wait for the delivery engine's flood pause instead of being sent into it, and a reply
that finally cannot go out ends in one plain notice, not "terjadi gangguan"."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.config import Settings
from bot.delivery import Payload
from bot.delivery import Priority
from bot.services.authz import Scope
from bot.services.roles import RoleSpec
from bot.texts import t
from storage.models import Role
from tests.harness import BotHarness
from tests.harness import FakeTelegram
from tests.harness import Fault
from tests.harness import ScaledClock
from tests.helpers import buttons
from tests.helpers import kecamatan
from tests.helpers import wait_until

GANGGUAN = "terjadi gangguan"
BUSY = t("id", "error.telegram_busy")

# Real time for the engine (conftest's clock is scaled): these tests measure Telegram's waits,
# and the engine's flood pause, against the fake's real clock.
pytestmark = pytest.mark.real_time


def texts(bot: BotHarness, chat_id: int) -> list[str]:
    return bot.fake.texts(chat_id)


def busy_notices(bot: BotHarness, chat_id: int) -> int:
    return sum(1 for x in texts(bot, chat_id) if x == BUSY)


async def test_a_429_on_a_imbauan_step_reply_is_waited_out_and_the_reply_arrives(
    area_bot: BotHarness,
) -> None:
    bot = area_bot
    lumbang = kecamatan(bot, "Lumbang")
    polsek = await bot.services.areas.set_polsek_coverage(
        "Polsek Lumbang", [lumbang.id], actor_label="t"
    )
    officer = bot.updates.user(first_name="Bripka")
    await bot.services.roles.grant(officer["id"], RoleSpec(Role.POLISI, Scope(polsek_id=polsek.id)))
    await bot.command(officer, "/imbauan")
    asked = len(texts(bot, officer["id"]))
    bot.fake.inject(Fault.retry_after(1), method="sendMessage", chat_id=officer["id"])
    await bot.say(officer, "Kronto")
    calls = bot.fake.calls_to("sendMessage", officer["id"])
    refused, answered = calls[-2], calls[-1]
    assert refused.status == 429 and answered.ok
    # Sent again once Telegram's wait was over, not before.
    assert answered.at - refused.at >= 1.0
    shown = texts(bot, officer["id"])[asked:]
    assert shown and "Kronto" in shown[-1]
    assert not any(GANGGUAN in x for x in shown)


async def test_a_500_on_bantuan_is_retried_and_the_answer_arrives(bot: BotHarness) -> None:
    user = bot.updates.user()
    bot.fake.inject(
        Fault.server_error(500, "Internal Server Error"), method="sendMessage", chat_id=user["id"]
    )
    await bot.command(user, "/bantuan")
    calls = bot.fake.calls_to("sendMessage", user["id"])
    assert [c.status for c in calls] == [500, 200]
    assert "/lapor" in texts(bot, user["id"])[0]
    assert not any(GANGGUAN in x for x in texts(bot, user["id"]))


async def test_a_timeout_is_retried(bot: BotHarness) -> None:
    user = bot.updates.user()
    bot.fake.inject(Fault.timeout(), method="sendMessage", chat_id=user["id"])
    await bot.command(user, "/bantuan")
    calls = bot.fake.calls_to("sendMessage", user["id"])
    assert [c.fault for c in calls] == ["timeout", None]
    assert len(texts(bot, user["id"])) == 1
    assert "/lapor" in texts(bot, user["id"])[0]


async def test_a_reply_during_the_engines_flood_pause_waits_for_it(bot: BotHarness) -> None:
    resident, user = bot.updates.user(), bot.updates.user()
    # A broadcast row answered 429: the engine pauses every send of the bot for 2 s.
    bot.fake.inject(Fault.retry_after(2), method="sendMessage", chat_id=resident["id"])
    await bot.services.delivery.enqueue([resident["id"]], Payload.message("Imbauan"), Priority.INFO)
    await wait_until(
        lambda: bot.fake.calls_to("sendMessage", resident["id"]), "the broadcast row's 429"
    )
    refused = bot.fake.calls_to("sendMessage", resident["id"])[0]
    assert refused.status == 429
    await bot.command(user, "/bantuan")
    (answer,) = bot.fake.calls_to("sendMessage", user["id"])
    assert answer.ok
    # Not sent into the pause (where Telegram would refuse it, or lengthen the wait).
    assert answer.at - refused.at >= 2.0 - 0.05


@pytest.fixture
def scaled() -> ScaledClock:
    """Fake time 20 times faster than real time, shared by the fake and the engine."""
    return ScaledClock(20)


@pytest.fixture
async def scaled_bot(settings: Settings, scaled: ScaledClock) -> AsyncIterator[BotHarness]:
    fake = FakeTelegram(clock=scaled, enforce_limits=False)
    async with BotHarness(settings, fake, delivery_clock=scaled) as harness:
        yield harness


async def test_a_reply_that_keeps_failing_ends_in_one_plain_notice(bot: BotHarness) -> None:
    user = bot.updates.user()
    bot.fake.inject(Fault.server_error(), method="sendMessage", chat_id=user["id"], times=3)
    await bot.command(user, "/bantuan")
    calls = bot.fake.calls_to("sendMessage", user["id"])
    assert [c.status for c in calls] == [502, 502, 502, 200]
    assert texts(bot, user["id"]) == [BUSY]
    assert bot.fake.texts(bot.settings.admin_chat_id) == []


async def test_a_long_flood_wait_is_not_waited_by_the_reply_but_by_its_notice(
    scaled_bot: BotHarness,
) -> None:
    bot = scaled_bot
    user = bot.updates.user()
    bot.fake.inject(Fault.retry_after(40), method="sendMessage", chat_id=user["id"])
    await bot.command(user, "/bantuan")
    refused, notice = bot.fake.calls_to("sendMessage", user["id"])
    assert refused.status == 429 and notice.ok
    # The reply was given up (40 s is too long for a conversation); the notice waited for the
    # pause to end rather than be refused in it.
    assert notice.at - refused.at >= 40 - 0.5
    assert texts(bot, user["id"]) == [BUSY]
    assert busy_notices(bot, user["id"]) == 1


async def test_only_handlers_messages_take_a_fast_lane_slot(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = bot.services.delivery.engine
    assert engine is not None
    taken: list[int | None] = []
    take = engine.take_direct_slot

    async def counting(chat_id: int | None, *, max_pause: float) -> None:
        taken.append(chat_id)
        await take(chat_id, max_pause=max_pause)

    monkeypatch.setattr(engine, "take_direct_slot", counting)
    residents = [bot.updates.user() for _ in range(3)]
    ids = [r["id"] for r in residents]
    delivery_id = await bot.services.delivery.enqueue(ids, Payload.message("Imbauan"))

    async def delivered() -> bool:
        status = await bot.services.delivery.status(delivery_id)
        return status is not None and status.counts.sent == 3

    await wait_until(delivered, "the broadcast")
    user = bot.updates.user()
    await bot.command(user, "/bantuan")
    await bot.command(user, "/bahasa")
    choice = bot.fake.last_message(user["id"])
    assert choice is not None
    await bot.press(user, choice, next(iter(buttons(choice).values())))
    assert [c.method for c in bot.fake.calls[-2:]] == ["answerCallbackQuery", "editMessageText"]
    # Two replies and the edit took a slot of the rate (the edit without per-chat pacing); the
    # button's answer (not a message) none; the engine's own sends were paced by the engine,
    # not a second time here.
    assert taken == [user["id"], user["id"], None]


async def test_a_button_whose_answer_keeps_failing_is_answered_and_gets_one_notice(
    area_bot: BotHarness,
) -> None:
    bot = area_bot
    user = bot.updates.user()
    await bot.command(user, "/lapor")
    card = bot.fake.last_message(user["id"])
    assert card is not None
    kind = next(iter(buttons(card).values()))
    bot.fake.inject(Fault.server_error(), method="editMessageText", chat_id=user["id"], times=3)
    before = len(bot.fake.calls_to("answerCallbackQuery"))
    await bot.press(user, card, kind)
    edits = bot.fake.calls_to("editMessageText", user["id"])
    assert [c.status for c in edits] == [502, 502, 502]
    assert texts(bot, user["id"])[-1] == BUSY
    assert busy_notices(bot, user["id"]) == 1
    # The button's spinner was stopped (the handler answers the press before it edits).
    assert [c.ok for c in bot.fake.calls_to("answerCallbackQuery")[before:]] == [True]
