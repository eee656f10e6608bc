"""A report's card that cannot be posted in its duty chat (issue 17, point 2): the bot removed
from the group (400 chat not found), kicked (403), refused otherwise (400), or the group upgraded
to a supergroup (400 with migrate_to_chat_id). The report must not wait unseen."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from sqlmodel import select

from bot.config import Settings
from bot.delivery import Finished
from bot.delivery import Payload
from storage.models import AuditEntry
from storage.models import Polsek
from storage.models import ReportEvent
from tests.harness import BotHarness
from tests.harness import FakeTelegram
from tests.harness import ScaledClock
from tests.harness.fake_api import Fault
from tests.helpers import ADMIN_CHAT_ID
from tests.helpers import POLRES_CHAT
from tests.helpers import World
from tests.helpers import buttons
from tests.helpers import report
from tests.helpers import stored
from tests.helpers import text_of
from tests.helpers import told
from tests.helpers import wait_until

UNDELIVERED = "tidak bisa dikirim ke grup piket"


@pytest.fixture
def duty_settings(settings: Settings) -> Settings:
    return replace(settings, polres_chat_id=POLRES_CHAT)


@pytest.fixture
async def duty_world(
    pasuruan: str, duty_settings: Settings, fake: FakeTelegram
) -> AsyncIterator[World]:
    async with BotHarness(duty_settings, fake, delivery_clock=ScaledClock(20)) as bot:
        bot.updates.group(title="Admin Kamtibmas", id=ADMIN_CHAT_ID)
        world = World(bot)
        await world.set_up()
        yield world


def _removed(fake: FakeTelegram, chat_id: int) -> None:
    fake.inject(Fault.chat_not_found(), chat_id=chat_id, times=1000)


def _kicked(fake: FakeTelegram, chat_id: int) -> None:
    fake.block(chat_id, "bot was kicked from the group chat")


def _muted(fake: FakeTelegram, chat_id: int) -> None:
    fake.inject(
        Fault.bad_request("not enough rights to send text messages to the chat"),
        chat_id=chat_id,
        times=1000,
    )


def _count(fake: FakeTelegram, chat_id: int, expected: str) -> int:
    return sum(expected in x for x in fake.texts(chat_id))


@pytest.mark.parametrize("fault", [_removed, _kicked, _muted], ids=["not_found", "403", "400"])
async def test_a_card_the_duty_chat_refuses_reaches_officers_admins_and_the_polres(
    duty_world: World, fault: Callable[[FakeTelegram, int], None]
) -> None:
    bot, duty = duty_world.bot, duty_world.duty["id"]
    officers = [duty_world.officer["id"], duty_world.other_officer["id"]]
    fault(bot.fake, duty)
    await report(duty_world)

    # Each officer, in private: what happened, what to do, and the card with its buttons.
    for officer in officers:
        notice = await told(bot, officer, UNDELIVERED)
        assert "LMB-0001" in notice and "/piket" in notice and "diteruskan ke Polres" in notice
        assert "Motor Honda Beat dicuri" in notice and "Pelapor: 👤 bernama" in notice
        assert "Siti" not in notice  # the name only on "👤 Pelapor", to one officer
    admin = await told(bot, ADMIN_CHAT_ID, "LMB-0001")
    assert UNDELIVERED in admin and "Polsek Lumbang" in admin and "(2 orang)" in admin
    polres = await told(bot, POLRES_CHAT, "Eskalasi laporan LMB-0001")
    assert UNDELIVERED in polres
    await told(bot, duty_world.resident["id"], "kami teruskan ke Polres")
    assert bot.fake.sent_messages(duty) == []

    # Once each, and the escalation job finds the report escalated already.
    (stored_report,) = await stored(bot)
    assert stored_report.escalated_at is not None
    assert await bot.services.reports.escalate(stored_report.id) is False
    await asyncio.sleep(0.5)
    for officer in officers:
        assert _count(bot.fake, officer, UNDELIVERED) == 1
    assert _count(bot.fake, ADMIN_CHAT_ID, UNDELIVERED) == 1
    assert _count(bot.fake, POLRES_CHAT, "Eskalasi") == 1
    kinds = await bot.services.db.run(
        lambda s: [e.kind for e in s.exec(select(ReportEvent).order_by(ReportEvent.id))]
    )
    assert kinds == ["created", "escalated_undelivered"]

    # The officer takes it from the private copy; the reporter hears it.
    private = bot.fake.last_message(officers[0]) or {}
    await bot.press(duty_world.officer, private, buttons(private)["✋ Terima"])
    await told(bot, duty_world.resident["id"], "sudah diterima petugas Polsek Lumbang")

    # The next report is refused too (after a 403 without even trying): told again, for it.
    await report(duty_world, description="Ada orang mencurigakan di pos ronda")
    for officer in officers:
        assert UNDELIVERED in await told(bot, officer, "LMB-0002")
    await told(bot, ADMIN_CHAT_ID, "LMB-0002")
    await told(bot, POLRES_CHAT, "Eskalasi laporan LMB-0002")


async def test_a_duty_group_that_became_a_supergroup_is_followed(
    duty_world: World, caplog: pytest.LogCaptureFixture
) -> None:
    bot = duty_world.bot
    old = bot.updates.group(title="Piket Polsek Lumbang (lama)", supergroup=False)
    await bot.services.areas.set_duty_chat("Polsek Lumbang", old["id"], actor_label="test")
    new = bot.fake.migrate(old["id"], -100_123_456_7890)

    with caplog.at_level(logging.WARNING):
        await report(duty_world)

        def in_new_chat(code: str) -> Callable[[], Any]:
            return lambda: next(
                (m for m in bot.fake.sent_messages(new["id"]) if code in text_of(m)), None
            )

        card = await wait_until(in_new_chat("LMB-0001"), "the card in the new supergroup")
    assert "became supergroup" in caplog.text

    # Stored: the Polsek's duty chat, the report's, and an audit entry say the new id.
    def read(session: Any) -> tuple[int | None, list[str]]:
        polsek = session.exec(select(Polsek).where(Polsek.name == "Polsek Lumbang")).one()
        audit = [a.action for a in session.exec(select(AuditEntry))]
        return polsek.duty_chat_id, audit

    duty_chat, audit = await bot.services.db.run(read)
    assert duty_chat == new["id"]
    assert "chat.migrated" in audit
    (stored_report,) = await stored(bot)
    assert stored_report.duty_chat_id == new["id"]

    # The card works there: Terima edits it in the new chat.
    await bot.press(duty_world.officer, card, buttons(card)["✋ Terima"])

    def taken() -> bool:
        return "Diterima oleh Andi" in text_of(
            bot.fake.get_message(new["id"], card["message_id"]) or {}
        )

    await wait_until(taken, "the card edited in the new chat")

    # The next report's card goes straight to the new id; nobody was alarmed.
    await report(duty_world, description="Ada orang mencurigakan di pos ronda")
    await wait_until(in_new_chat("LMB-0002"), "the second card in the new supergroup")
    assert len(bot.fake.calls_to("sendMessage", chat_id=old["id"])) == 1
    await asyncio.sleep(0.3)
    assert bot.fake.texts(POLRES_CHAT) == []
    assert bot.fake.texts(ADMIN_CHAT_ID) == []
    assert _count(bot.fake, duty_world.officer["id"], UNDELIVERED) == 0


async def test_the_engine_follows_a_migrated_group_and_tells_its_hooks(
    bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    delivery = bot.services.delivery
    moves: list[tuple[int, int]] = []
    done: list[Finished] = []

    def broken(session: Any, finished: Finished) -> None:
        raise RuntimeError("a broken hook")

    # Registered after the start too: the engine reads the service's hooks.
    delivery.on_migrated(lambda session, old, new: moves.append((old, new)))
    delivery.on_finished("pengumuman", broken)
    delivery.on_finished("pengumuman", lambda session, finished: done.append(finished))
    old = bot.updates.group(title="RT 05", supergroup=False)["id"]
    new = bot.fake.migrate(old, -100_555_000_0001)["id"]

    with caplog.at_level(logging.ERROR):
        first = await delivery.enqueue(
            [old], Payload.message("Kerja bakti Minggu"), kind="pengumuman"
        )
        await wait_until(lambda: len(done) == 1, "the hook of the finished delivery")
    assert "a broken hook" in caplog.text  # logged; the delivery finished all the same
    assert bot.fake.texts(new) == ["Kerja bakti Minggu"]
    assert moves == [(old, new)]
    assert (done[0].delivery_id, done[0].ref, done[0].counts.sent) == (first, "", 1)
    assert [(e.chat_id, e.status) for e in await delivery.ledger(first)] == [(new, "sent")]

    # A delivery that has the new id already: the old id's row is dropped, one copy arrives.
    second = await delivery.enqueue([old, new], Payload.message("Ronda malam"), kind="pengumuman")
    await wait_until(lambda: len(done) == 2, "the second delivery to finish")
    assert bot.fake.texts(new).count("Ronda malam") == 1
    statuses = sorted((e.chat_id, e.status) for e in await delivery.ledger(second))
    assert statuses == sorted([(old, "cancelled"), (new, "sent")])
