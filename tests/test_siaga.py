"""Siaga (/siaga) through the real bot: an officer calls a desa's Karang Taruna, the people
answer (✅, 📍 with a location, ❌ with a reason), the tally in the caller's chat and the duty
chat is edited to the exact count, the full list, the reminder rule, the stand-down; who may
call where; the bad input the issue lists; a restart in the middle; a member who lost the role;
the CSV on the command line; a person's copy and deletion."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from bot.cli import main as cli_main
from bot.config import Settings
from bot.services.authz import Scope
from bot.services.roles import RoleSpec
from bot.services.siaga import Pacer
from bot.services.siaga import SiagaError
from handlers.siaga import jobs as siaga_jobs
from storage.models import AuditEntry
from storage.models import Division
from storage.models import PatrolPost
from storage.models import Role
from storage.models import SiagaAnswer
from storage.models import SiagaCall
from storage.models import SiagaRecipient
from storage.models import SiagaStatus
from tests.harness import BotHarness
from tests.harness import FakeTelegram
from tests.harness import ScaledClock
from tests.helpers import buttons
from tests.helpers import desa
from tests.helpers import kecamatan
from tests.helpers import last
from tests.helpers import make_volunteers
from tests.helpers import text_of
from tests.helpers import told
from tests.helpers import wait_until

JSON = dict[str, Any]
BOUNDS = (-7.98, 112.55, -7.50, 113.10)
# Inside Kronto (Kec. Lumbang); far away: Surabaya.
POS = (-7.7756, 112.9802)
FAR = (-7.2575, 112.7521)


@pytest.fixture
def siaga_settings(settings: Settings) -> Settings:
    return replace(settings, report_bounds=BOUNDS)


class SiagaWorld:
    """Polsek Lumbang (duty chat, an officer), Kronto's Karang Taruna (a koordinator, four
    members), a volunteer of Kronto's ronda, a pemuda of Pancur and a resident."""

    def __init__(self, bot: BotHarness) -> None:
        self.bot = bot
        updates = bot.updates
        self.duty = updates.group(title="Piket Polsek Lumbang")
        self.officer = updates.user(first_name="Bambang", username="bambang")
        self.koordinator = updates.user(first_name="Kurnia", username="kurnia")
        self.members = [
            updates.user(first_name=name, username=name.lower())
            for name in ("Andi", "Budi", "Citra", "Dedi")
        ]
        self.volunteer = updates.user(first_name="Eko")
        self.pancur_youth = updates.user(first_name="Fajar")
        self.resident = updates.user(first_name="Gita")
        self.kronto = self.pancur = self.lumbang = self.polsek_id = 0

    async def set_up(self) -> None:
        bot = self.bot
        services = bot.services
        self.kronto = desa(bot, "Kronto").id
        self.pancur = desa(bot, "Pancur").id
        self.lumbang = kecamatan(bot, "Lumbang").id
        polsek = await services.areas.set_polsek_coverage(
            "Polsek Lumbang", [self.lumbang], actor_label="test"
        )
        await services.areas.set_duty_chat(polsek.name, self.duty["id"], actor_label="test")
        self.polsek_id = polsek.id or 0
        await services.roles.grant(
            self.officer["id"], RoleSpec(Role.POLISI, Scope(polsek_id=self.polsek_id))
        )
        pemuda = RoleSpec(Role.PEMUDA, Scope(area_id=self.kronto), division=Division.PATROLI)
        await services.roles.grant(self.koordinator["id"], replace(pemuda, koordinator=True))
        for member in self.members:
            await services.roles.grant(member["id"], pemuda)
        await services.roles.grant(
            self.pancur_youth["id"], replace(pemuda, scope=Scope(area_id=self.pancur))
        )
        await make_volunteers(bot, self.kronto, self.volunteer["id"])
        for person in (
            self.officer,
            self.koordinator,
            *self.members,
            self.volunteer,
            self.pancur_youth,
            self.resident,
        ):
            await bot.command(person, "/bantuan")  # known to the bot, with a name
        # Tally edits as soon as answers come (the pacing itself: test_the_pacer_...).
        services.siaga.pacer.gap = lambda chat_id: 0.0


@pytest.fixture
async def siaga_world(
    pasuruan: str, siaga_settings: Settings, fake: FakeTelegram
) -> AsyncIterator[SiagaWorld]:
    async with BotHarness(siaga_settings, fake, delivery_clock=ScaledClock(20)) as bot:
        world = SiagaWorld(bot)
        await world.set_up()
        yield world


async def press(bot: BotHarness, user: JSON, message: JSON, label: str) -> None:
    await bot.process(bot.updates.press(user, message, label))


async def call_out(
    world: SiagaWorld,
    caller: JSON,
    *,
    area: str = "Kronto",
    who: str = "👥 Karang Taruna",
    place: str = "🏢 Polsek Lumbang",
    level: str = "🚨 Darurat",
    send: bool = True,
) -> JSON:
    """/siaga up to the summary (and 📣 Kirim); returns the summary (then tally) message."""
    bot, chat = world.bot, caller["id"]
    await bot.command(caller, "/siaga")
    await press(bot, caller, last(bot, chat), "📣 Panggil siaga")
    await bot.say(caller, area)
    await press(bot, caller, last(bot, chat), who)
    await bot.say(caller, "Ada ancaman pencurian di kantor desa")
    await press(bot, caller, last(bot, chat), place)
    await press(bot, caller, last(bot, chat), "⏱ Sekarang")
    await press(bot, caller, last(bot, chat), level)
    summary = last(bot, chat)
    assert "Periksa dulu panggilan siaga ini" in text_of(summary)
    if send:
        await press(bot, caller, summary, "📣 Kirim")
    return summary


async def the_call(bot: BotHarness, user: JSON) -> JSON:
    """The call message the delivery engine brought to `user`."""

    def find() -> JSON | None:
        for message in reversed(bot.fake.sent_messages(user["id"])):
            if "anggilan siaga" in text_of(message) or "PANGGILAN SIAGA" in text_of(message):
                return bot.fake.get_message(user["id"], message["message_id"])
        return None

    return await wait_until(find, f"{user['first_name']} to get the call")


async def tally_shows(bot: BotHarness, chat_id: int, message_id: int, *parts: str) -> str:
    def shown() -> str | None:
        message = bot.fake.get_message(chat_id, message_id) or {}
        text = text_of(message)
        return text if all(part in text for part in parts) else None

    return await wait_until(shown, f"the tally in {chat_id} to show {parts}")


def toast(bot: BotHarness) -> str:
    return str(bot.fake.calls_to("answerCallbackQuery")[-1].params.get("text", ""))


async def calls(bot: BotHarness) -> list[SiagaCall]:
    return await bot.services.db.run(lambda s: list(s.exec(select(SiagaCall))))


async def recipients(bot: BotHarness) -> dict[int, SiagaRecipient]:
    rows = await bot.services.db.run(lambda s: list(s.exec(select(SiagaRecipient))))
    return {r.user_id: r for r in rows}


def edits_of(bot: BotHarness, chat_id: int, message_id: int) -> list[str]:
    return [
        str(c.params["text"])
        for c in bot.fake.calls_to("editMessageText", chat_id=chat_id)
        if c.params.get("message_id") == message_id and c.ok
    ]


# --- the whole flow ------------------------------------------------------------------------------


async def test_an_officer_calls_kronto_and_follows_the_answers_to_the_stand_down(
    siaga_world: SiagaWorld,
) -> None:
    world = siaga_world
    bot, officer = world.bot, world.officer
    andi, budi, citra, dedi = world.members
    await bot.command(officer, "/siaga")
    menu = last(bot, officer["id"])
    await press(bot, officer, menu, "📣 Panggil siaga")
    # The officer's Polsek covers Kec. Lumbang: the whole kecamatan is offered.
    assert "Seluruh Kec. Lumbang" in buttons(last(bot, officer["id"]))
    summary = await call_out(world, officer, send=False)
    text = text_of(summary)
    # The koordinator and the four members; the caller is never among them.
    assert "5 orang" in text and "Polsek Lumbang" in text and "Darurat" in text
    await press(bot, officer, summary, "📣 Kirim")
    (call,) = await calls(bot)
    assert call.recipients == 5 and call.status is SiagaStatus.OPEN
    tally_id = int(summary["message_id"])
    await tally_shows(bot, officer["id"], tally_id, "Belum menjawab: 5 dari 5")
    duty = await wait_until(lambda: bot.fake.last_message(world.duty["id"]), "the duty tally")
    assert "Siaga #1" in text_of(duty)

    message = await the_call(bot, andi)
    assert "110" in text_of(message) and "🚨" in text_of(message)
    sent = bot.fake.calls_to("sendMessage", chat_id=andi["id"])[-1].params
    assert not sent.get("disable_notification")  # Darurat rings
    # ✅ Siap: their own message shows it.
    await press(bot, andi, message, "✅ Siap")
    assert "Jawaban Anda: ✅ Siap" in text_of(bot.fake.get_message(andi["id"], message["message_id"]))
    # 📍 then a location inside the bounds (the Polsek has no point): confirmed.
    await press(bot, budi, await the_call(bot, budi), "📍 Sudah di lokasi")
    await bot.process(bot.updates.location(budi, *POS))
    assert await told(bot, budi["id"], "terkonfirmasi")
    # ❌ with a reason button; Dedi first says Siap, then changes to ❌ with a typed reason.
    await press(bot, citra, await the_call(bot, citra), "❌ Tidak bisa")
    await press(bot, citra, last(bot, citra["id"]), "Sakit")
    dedi_call = await the_call(bot, dedi)
    await press(bot, dedi, dedi_call, "✅ Siap")
    await press(bot, dedi, dedi_call, "❌ Tidak bisa")
    await bot.say(dedi, "Jaga toko sampai malam")
    # Someone not called pressing a forwarded button changes nothing.
    await press(bot, world.resident, message, "✅ Siap")
    assert "bukan untuk Anda" in toast(bot)

    final = await tally_shows(
        bot,
        officer["id"],
        tally_id,
        "Siap: 1",
        "Di lokasi: 1 (1 terkonfirmasi)",
        "Tidak bisa: 2",
        "Belum menjawab: 1 dari 5",
    )
    assert "Andi" in final and "Budi" in final and "Dedi" not in final.split("Di lokasi")[0][-30:]
    await tally_shows(bot, world.duty["id"], int(duty["message_id"]), "Belum menjawab: 1 dari 5")
    # Never edited to the text it already shows.
    shown = edits_of(bot, officer["id"], tally_id)
    assert all(a != b for a, b in itertools.pairwise(shown))
    people = await recipients(bot)
    assert people[dedi["id"]].answer is SiagaAnswer.TIDAK
    assert people[dedi["id"]].note == "Jaga toko sampai malam"
    assert people[dedi["id"]].first_siap_at is not None  # the first Siap counts for statistics
    assert people[citra["id"]].note == "Sakit"

    # 📄 Daftar: everyone, with their answers and reasons.
    tally = bot.fake.get_message(officer["id"], tally_id) or {}
    await press(bot, officer, tally, "📄 Daftar")
    listing = text_of(last(bot, officer["id"]))
    assert "Daftar siaga #1" in listing and "Sakit" in listing and "⏳ Kurnia" in listing

    # 🔔 once per 10 minutes: the one who has not answered gets the call again.
    await press(bot, officer, tally, "🔔 Ingatkan yang belum jawab")
    assert "1 orang" in toast(bot)
    assert await told(bot, world.koordinator["id"], "Pengingat")
    await press(bot, officer, tally, "🔔 Ingatkan yang belum jawab")
    assert "Bisa lagi pukul" in toast(bot)

    # ✅ Siaga selesai, confirmed: everyone called hears it; the tally shows the end.
    await press(bot, officer, tally, "✅ Siaga selesai")
    await press(bot, officer, last(bot, officer["id"]), "✅ Ya, siaga selesai")
    for person in (world.koordinator, *world.members):
        assert await told(bot, person["id"], "Siaga #1 selesai")
    await tally_shows(bot, officer["id"], tally_id, "Siaga selesai pukul")
    await press(bot, andi, message, "❌ Tidak bisa")
    assert "sudah selesai" in toast(bot)
    actions = await bot.services.db.run(
        lambda s: [a.action for a in s.exec(select(AuditEntry)) if a.action.startswith("siaga")]
    )
    assert sorted(actions) == ["siaga.call", "siaga.remind", "siaga.stand_down"]

    # /siaga shows the call, and its tally again on request.
    await bot.command(officer, "/siaga")
    menu = last(bot, officer["id"])
    assert "#1" in text_of(menu) and "4/5 menjawab" in text_of(menu)
    stats_before = len(bot.fake.sent_messages(officer["id"]))
    await press(bot, officer, menu, "📊 #1 · Desa Kronto")
    assert len(bot.fake.sent_messages(officer["id"])) == stats_before + 1
    # /statistikronda has the siaga line: 4 of 5 answered, the median time to Siap.
    await bot.command(officer, "/statistikronda")
    assert "1 panggilan, 4 dari 5 orang menjawab (80%)" in text_of(last(bot, officer["id"]))
