"""Siaga (/siaga) through the real bot: an officer calls a desa's Karang Taruna, the people
answer (✅, 📍 with a location, ❌ with a reason), the tally in the caller's chat and the duty
chat is edited to the exact count, the full list, the reminder rule, the stand-down; who may
call where; the bad input the issue lists; a restart in the middle; a member who lost the role;
the CSV on the command line; a person's copy and deletion; 👤 people chosen one by one (the
picker, text mentions, forwards), the refusals and a restart in the middle of picking."""

from __future__ import annotations

import asyncio
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
from bot.delivery import Priority
from bot.services.authz import Scope
from bot.services.roles import RoleSpec
from bot.services.siaga import Audience
from bot.services.siaga import CallPlan
from bot.services.siaga import Pacer
from bot.services.siaga import PlaceKind
from bot.services.siaga import SiagaError
from bot.services.siaga import SiagaLevel
from handlers.siaga import jobs as siaga_jobs
from storage.models import AuditEntry
from storage.models import Delivery
from storage.models import Division
from storage.models import PatrolPost
from storage.models import Role
from storage.models import SiagaAnswer
from storage.models import SiagaCall
from storage.models import SiagaRecipient
from storage.models import SiagaStatus
from storage.persistence import all_user_data
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
    assert "Jawaban Anda: ✅ Siap" in text_of(
        bot.fake.get_message(andi["id"], message["message_id"])
    )
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


# --- who may call where --------------------------------------------------------------------------


async def test_a_koordinator_calls_only_their_own_desa(siaga_world: SiagaWorld) -> None:
    world = siaga_world
    bot, koordinator = world.bot, world.koordinator
    chat = koordinator["id"]
    await bot.command(koordinator, "/siaga")
    await press(bot, koordinator, last(bot, chat), "📣 Panggil siaga")
    offered = last(bot, chat)
    assert list(buttons(offered)) == ["Desa Kronto"]  # no kecamatan for a desa's koordinator
    await bot.say(koordinator, "Pancur")
    assert "Desa Pancur" in text_of(last(bot, chat)) and "Maaf" in text_of(last(bot, chat))
    # A forged button for the whole kecamatan is refused the same way.
    await bot.press(koordinator, offered, f"sg:area:{world.lumbang}")
    assert "Maaf" in toast(bot)
    # Their own desa: Karang Taruna (4, the caller left out), or its ronda (the volunteer).
    await bot.say(koordinator, "Kronto")
    assert set(buttons(last(bot, chat))) == {
        "👥 Karang Taruna",
        "🔦 Anggota ronda",
        "👥🔦 Keduanya",
        "👤 Pilih orang",
    }
    await press(bot, koordinator, last(bot, chat), "🔦 Anggota ronda")
    assert "1 orang" in text_of(last(bot, chat))
    # Residents and pemuda who are no koordinator are refused /siaga.
    for person in (world.resident, world.pancur_youth):
        await bot.command(person, "/siaga")
        assert text_of(last(bot, person["id"])).startswith("Maaf")
    assert await calls(bot) == []


# --- bad input -----------------------------------------------------------------------------------


async def test_bad_input_gets_clear_answers_and_nothing_is_sent(siaga_world: SiagaWorld) -> None:
    world = siaga_world
    bot, officer = world.bot, world.officer
    chat = officer["id"]
    siaga = bot.services.siaga
    await bot.command(officer, "/siaga")
    await press(bot, officer, last(bot, chat), "📣 Panggil siaga")
    await bot.say(officer, "Pancur")
    # Pancur's ronda has nobody: refused, the question stays.
    await press(bot, officer, last(bot, chat), "🔦 Anggota ronda")
    assert "Tidak ada orang yang bisa dipanggil" in toast(bot)
    await press(bot, officer, last(bot, chat), "👥 Karang Taruna")
    assert "1 orang" in text_of(last(bot, chat))
    await bot.say(officer, "ok")
    assert "terlalu pendek" in text_of(last(bot, chat))
    await bot.say(officer, "x" * 201)
    assert "terlalu panjang" in text_of(last(bot, chat))
    await bot.say(officer, "Kebakaran gudang, butuh bantuan")
    await press(bot, officer, last(bot, chat), "📍 Kirim lokasi")
    await bot.process(bot.updates.location(officer, *FAR))
    assert "di luar wilayah kita" in text_of(last(bot, chat))
    await bot.process(bot.updates.location(officer, *POS))
    await bot.say(officer, "25.00")
    assert "tidak terbaca" in text_of(last(bot, chat))
    await bot.command(officer, "/batal")
    assert await calls(bot) == []
    # A time already past today is refused, a later one taken (WIB).
    now = dt.datetime(2026, 12, 6, 15, 0, tzinfo=dt.UTC)  # 22.00 WIB
    with pytest.raises(SiagaError) as past:
        siaga.parse_time("21.30", now)
    assert past.value.key == "siaga.time_past"
    assert siaga.parse_time("23:15", now) == dt.datetime(2026, 12, 6, 16, 15, tzinfo=dt.UTC)
    assert siaga.parse_time("Sekarang", now) == now
    # A second call for the same people is allowed, and the summary says so.
    await call_out(world, officer, level="⚠️ Waspada")
    summary = await call_out(world, world.koordinator, send=False)
    assert "panggilan siaga lain yang belum selesai (#1)" in text_of(summary)
    # Waspada comes silently.
    await the_call(bot, world.members[0])
    sent = bot.fake.calls_to("sendMessage", chat_id=world.members[0]["id"])[-1].params
    assert sent.get("disable_notification") is True


# --- a restart, a lost role, a confirmed place ---------------------------------------------------


async def test_a_call_survives_a_restart(
    pasuruan: str, siaga_settings: Settings, fake: FakeTelegram
) -> None:
    clock = ScaledClock(20)
    async with BotHarness(siaga_settings, fake, delivery_clock=clock) as bot:
        world = SiagaWorld(bot)
        await world.set_up()
        officer, (andi, budi, *_rest) = world.officer, world.members
        summary = await call_out(world, officer)
        tally_id = int(summary["message_id"])
        await press(bot, andi, await the_call(bot, andi), "✅ Siap")
        await tally_shows(bot, officer["id"], tally_id, "Siap: 1")
        await press(
            bot,
            officer,
            bot.fake.get_message(officer["id"], tally_id) or {},
            "🔔 Ingatkan yang belum jawab",
        )
        assert "4 orang" in toast(bot)
        # An answer whose tally edit has not run yet when the bot stops.
        await bot.services.siaga.answer(budi["id"], 1, SiagaAnswer.TIDAK)
        budi_call = await the_call(bot, budi)
    async with BotHarness(siaga_settings, fake, delivery_clock=clock) as bot:
        bot.services.siaga.pacer.gap = lambda chat_id: 0.0
        # The close job is back, and the pending tally edit lands in the same message.
        (close,) = bot.app.job_queue.get_jobs_by_name("siaga:close:1")
        (call,) = await calls(bot)
        assert close.next_t is not None
        assert abs((close.next_t - (call.at + dt.timedelta(hours=12))).total_seconds()) < 1
        await tally_shows(bot, officer["id"], tally_id, "Siap: 1", "Tidak bisa: 1")
        await press(bot, budi, budi_call, "📍 Sudah di lokasi")
        await tally_shows(bot, officer["id"], tally_id, "Di lokasi: 1", "Tidak bisa: 0")
        tally = bot.fake.get_message(officer["id"], tally_id) or {}
        await press(bot, officer, tally, "🔔 Ingatkan yang belum jawab")
        assert "Bisa lagi pukul" in toast(bot)
        # Twelve hours after its time the call closes by itself; the caller is told.
        await close.run(bot.app)
        assert await told(bot, officer["id"], "ditutup otomatis")
        await tally_shows(bot, officer["id"], tally_id, "ditutup otomatis pukul")
        (call,) = await calls(bot)
        assert call.status is SiagaStatus.CLOSED and call.closed_how == "auto"


async def test_someone_who_lost_the_role_is_counted_and_flagged(siaga_world: SiagaWorld) -> None:
    world = siaga_world
    bot, officer, andi = world.bot, world.officer, world.members[0]
    summary = await call_out(world, officer)
    message = await the_call(bot, andi)
    await bot.services.roles.revoke(andi["id"], Role.PEMUDA, Scope(area_id=world.kronto))
    await press(bot, andi, message, "✅ Siap")
    assert "tetap dihitung" in toast(bot)
    final = await tally_shows(bot, officer["id"], int(summary["message_id"]), "Siap: 1", "⚠️")
    assert "Andi (@andi) ⚠️" in final
    assert (await recipients(bot))[andi["id"]].still_member is False
    await press(
        bot,
        officer,
        bot.fake.get_message(officer["id"], int(summary["message_id"])) or {},
        "📄 Daftar",
    )
    assert "⚠️" in text_of(last(bot, officer["id"]))


async def test_on_site_is_confirmed_near_the_pos_and_the_csv_lists_everyone(
    siaga_world: SiagaWorld, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = siaga_world
    bot, koordinator, andi = world.bot, world.koordinator, world.members[0]

    def add_post(session: Any) -> None:
        session.add(
            PatrolPost(
                desa_id=world.kronto, name="Pos Kamling RT 02", latitude=POS[0], longitude=POS[1]
            )
        )

    await bot.services.db.write(add_post)
    await call_out(world, koordinator, who="👥🔦 Keduanya", place="📍 Pos Kamling RT 02")
    (call,) = await calls(bot)
    assert call.recipients == 5  # four members and the volunteer, not the caller
    await press(bot, andi, await the_call(bot, andi), "📍 Sudah di lokasi")
    await bot.process(bot.updates.location(andi, *FAR))
    assert "km dari Pos Kamling RT 02" in text_of(last(bot, andi["id"]))
    assert (await recipients(bot))[andi["id"]].confirmed is False
    await bot.process(bot.updates.location(andi, POS[0] + 0.005, POS[1]))
    assert "terkonfirmasi" in text_of(last(bot, andi["id"]))
    assert (await recipients(bot))[andi["id"]].confirmed is True
    assert "(lokasi terkonfirmasi)" in text_of(await the_call(bot, andi))

    for key in ("TELEGRAM_BOT_TOKEN", "ADMIN_IDS", "ADMIN_CHAT_ID", "KAMTIBMAS_CONFIG"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("DATABASE_URL", bot.settings.database_url)
    target = tmp_path / "siaga.csv"
    config = str(tmp_path / "config.env")
    # The command line runs its own event loop: in a thread, as `kamtibmas` beside the bot.
    done = await asyncio.to_thread(cli_main, ["--config", config, "siaga", "csv", "1", str(target)])
    assert done == 0
    rows = list(csv.DictReader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 5
    by_name = {r["nama"]: r for r in rows}
    assert by_name["Andi (@andi)"]["jawaban"] == "lokasi"
    assert by_name["Andi (@andi)"]["lokasi_terkonfirmasi"] == "ya"
    assert "+07:00" in by_name["Andi (@andi)"]["dijawab"]
    assert await asyncio.to_thread(cli_main, ["--config", config, "siaga", "csv", "99"]) != 0


# --- 👤 people chosen one by one -----------------------------------------------------------------


async def to_people(world: SiagaWorld, caller: JSON, area: str = "Kronto") -> JSON:
    """/siaga up to the question whom to choose; returns it."""
    bot, chat = world.bot, caller["id"]
    await bot.command(caller, "/siaga")
    await press(bot, caller, last(bot, chat), "📣 Panggil siaga")
    await bot.say(caller, area)
    await press(bot, caller, last(bot, chat), "👤 Pilih orang")
    return last(bot, chat)


async def tap(bot: BotHarness, user: JSON, message: JSON, label: str) -> JSON:
    """Press `label` under `message` as it is now; the message after."""
    chat_id, message_id = int(message["chat"]["id"]), int(message["message_id"])
    await press(bot, user, bot.fake.get_message(chat_id, message_id) or message, label)
    return bot.fake.get_message(chat_id, message_id) or {}


async def to_summary(world: SiagaWorld, caller: JSON) -> JSON:
    """After the people: a reason, the Polsek, now, Waspada; returns the summary."""
    bot, chat = world.bot, caller["id"]
    await bot.say(caller, "Jaga kantor desa malam ini")
    await press(bot, caller, last(bot, chat), "🏢 Polsek Lumbang")
    await press(bot, caller, last(bot, chat), "⏱ Sekarang")
    await press(bot, caller, last(bot, chat), "⚠️ Waspada")
    return last(bot, chat)


async def test_people_chosen_from_the_list_are_the_only_ones_called(
    siaga_world: SiagaWorld,
) -> None:
    world = siaga_world
    bot, koordinator, andi = world.bot, world.koordinator, world.members[0]
    chat = koordinator["id"]
    await call_out(world, world.officer)  # Kronto's Karang Taruna, Andi among them: call #1
    ask = await to_people(world, koordinator)
    assert "Tiga cara" in text_of(ask) and "👥 Pilih dari daftar" in buttons(ask)
    await tap(bot, koordinator, ask, "👥 Pilih dari daftar")
    picker = last(bot, chat)
    assert "Pilih yang dipanggil" in text_of(picker)
    names = [label for label in buttons(picker) if label[0].isalpha()]
    # Kronto's watch (the officer's Polsek covers it, Eko volunteers), the caller left out.
    assert names == [
        "Andi (@andi)",
        "Bambang (@bambang)",
        "Budi (@budi)",
        "Citra (@citra)",
        "Dedi (@dedi)",
        "Eko",
    ]
    picker = await tap(bot, koordinator, picker, "Andi (@andi)")
    picker = await tap(bot, koordinator, picker, "Eko")  # no @username
    assert {"✅ Andi (@andi)", "✅ Eko"} <= set(buttons(picker))
    await tap(bot, koordinator, picker, "✅ Selesai")
    assert "Yang dipanggil: 2 orang di Desa Kronto: Andi (@andi), Eko." in text_of(last(bot, chat))
    summary = await to_summary(world, koordinator)
    text = text_of(summary)
    assert "orang pilihan (Andi (@andi), Eko), 2 orang" in text
    assert "panggilan siaga lain yang belum selesai (#1)" in text  # Andi is in call #1
    await press(bot, koordinator, summary, "📣 Kirim")
    call = max(await calls(bot), key=lambda c: c.id or 0)
    assert call.recipients == 2 and call.audience == "chosen"
    people = await bot.services.db.run(
        lambda s: {
            r.user_id
            for r in s.exec(select(SiagaRecipient).where(SiagaRecipient.call_id == call.id))
        }
    )
    assert people == {andi["id"], world.volunteer["id"]}
    await the_call(bot, world.volunteer)
    await press(bot, andi, await the_call(bot, andi), "✅ Siap")
    await tally_shows(bot, chat, int(summary["message_id"]), "Siap: 1", "Belum menjawab: 1 dari 2")
    assert not any(
        f"#{call.id}" in text_of(m) for m in bot.fake.sent_messages(world.members[1]["id"])
    )
    # A call goes ahead of every broadcast, behind one-to-one messages.
    priorities = await bot.services.db.run(
        lambda s: {d.priority for d in s.exec(select(Delivery).where(Delivery.kind == "siaga"))}
    )
    assert priorities == {Priority.SIAGA}
    # Someone chosen who left the desa's watch since is still counted, and flagged.
    await bot.services.patrols.leave_watch(world.volunteer["id"], world.kronto)
    await press(bot, world.volunteer, await the_call(bot, world.volunteer), "✅ Siap")
    assert "tetap dihitung" in toast(bot)
    await tally_shows(bot, chat, int(summary["message_id"]), "Siap: 2", "Eko ⚠️")


async def test_mentions_and_forwards_add_people_and_refusals_name_them(
    siaga_world: SiagaWorld,
) -> None:
    world = siaga_world
    bot, koordinator = world.bot, world.koordinator
    chat = koordinator["id"]
    citra, eko = world.members[2], world.volunteer
    # A whole kecamatan has no 👤 (a desa only), and says so; a forged press is refused.
    await bot.command(world.officer, "/siaga")
    await press(bot, world.officer, last(bot, world.officer["id"]), "📣 Panggil siaga")
    await bot.say(world.officer, "Lumbang")
    await press(bot, world.officer, last(bot, world.officer["id"]), "Kec. Lumbang")
    whole = last(bot, world.officer["id"])
    assert "👤 Pilih orang" not in buttons(whole) and "pilih satu desa" in text_of(whole)
    await bot.press(world.officer, whole, "sg:who:chosen")
    assert "hanya bisa dipilih satu per satu untuk satu desa" in toast(bot)

    await to_people(world, koordinator)
    await bot.process(bot.updates.forwarded(koordinator, sender=eko))  # Eko has no @username
    overview = last(bot, chat)
    assert "Yang dipilih sejauh ini" in text_of(overview) and "Eko" in text_of(overview)
    await bot.process(bot.updates.mentioning(koordinator, [(citra, "Mbak Citra")]))
    assert "Eko, Citra (@citra)" in text_of(last(bot, chat))
    # Not of Kronto's watch: named, nothing added.
    await bot.process(bot.updates.forwarded(koordinator, sender=world.pancur_youth))
    refused = text_of(last(bot, chat))
    assert "Tidak bisa dipanggil di Desa Kronto: Fajar" in refused
    await bot.process(bot.updates.mentioning(koordinator, [(world.resident, "Bu Gita")]))
    assert "Tidak bisa dipanggil di Desa Kronto: Gita" in text_of(last(bot, chat))
    # The caller themselves, however named.
    for update in (
        bot.updates.text(koordinator, "@Kurnia"),
        bot.updates.forwarded(koordinator, sender=koordinator),
    ):
        await bot.process(update)
        assert "pemanggil tidak ikut dipanggil" in text_of(last(bot, chat))
    assert bot.app.user_data[chat]["siaga"]["build"]["teams"] == [[eko["id"], citra["id"]]]
    await tap(bot, koordinator, overview, "✅ Selesai")
    assert "2 orang di Desa Kronto: Eko, Citra (@citra)" in text_of(last(bot, chat))
    summary = await to_summary(world, koordinator)
    # Citra leaves the Karang Taruna before Kirim: named, and nothing is sent.
    await bot.services.roles.revoke(citra["id"], Role.PEMUDA, Scope(area_id=world.kronto))
    await press(bot, koordinator, summary, "📣 Kirim")
    assert "Tidak bisa dipanggil di Desa Kronto: Citra (@citra)" in text_of(last(bot, chat))
    assert await calls(bot) == []
    # Refused by the service too, whoever the handler hands it.
    siaga = bot.services.siaga
    plan = siaga_plan(world.kronto)
    holdings = await bot.services.roles.holdings(chat)
    with pytest.raises(SiagaError) as refusal:
        await siaga.create(plan, [eko["id"], world.resident["id"]], chat, "id", holdings)
    assert refusal.value.key == "siaga.pick_not_eligible" and "Gita" in refusal.value.text("id")
    with pytest.raises(SiagaError, match=r"siaga\.nobody"):
        await siaga.create(plan, [chat], chat, "id", holdings)
    assert await calls(bot) == []


async def test_an_empty_choice_is_refused_and_a_restart_keeps_the_people_picked(
    pasuruan: str, siaga_settings: Settings, fake: FakeTelegram
) -> None:
    clock = ScaledClock(20)
    async with BotHarness(siaga_settings, fake, delivery_clock=clock) as bot:
        world = SiagaWorld(bot)
        await world.set_up()
        koordinator, (andi, budi, citra, _dedi) = world.koordinator, world.members
        chat = koordinator["id"]
        await tap(bot, koordinator, await to_people(world, koordinator), "👥 Pilih dari daftar")
        picker = last(bot, chat)
        await tap(bot, koordinator, picker, "✅ Selesai")
        assert "Belum ada yang dipilih" in text_of(last(bot, chat))
        picker = await tap(bot, koordinator, picker, "Andi (@andi)")
        picker = await tap(bot, koordinator, picker, "Budi (@budi)")
        picker = await tap(bot, koordinator, picker, "✅ Budi (@budi)")  # taken back
    async with BotHarness(siaga_settings, fake, delivery_clock=clock) as bot:
        world.bot = bot
        stored = await bot.services.db.run(all_user_data)
        draft = json.loads(stored[chat])["siaga"]
        assert draft["who"] == "chosen" and draft["build"]["teams"] == [[andi["id"]]]
        picker = await tap(bot, koordinator, picker, "Citra (@citra)")
        assert {"✅ Andi (@andi)", "✅ Citra (@citra)"} <= set(buttons(picker))
        assert "✅ Budi (@budi)" not in buttons(picker)
        await tap(bot, koordinator, picker, "✅ Selesai")
        summary = await to_summary(world, koordinator)
        assert "2 orang" in text_of(summary)
        await press(bot, koordinator, summary, "📣 Kirim")
        assert set(await recipients(bot)) == {andi["id"], citra["id"]}
        assert budi["id"] not in await recipients(bot)


def siaga_plan(area_id: int) -> CallPlan:
    """A call to be sent now to people chosen one by one in the area."""
    return CallPlan(
        area_id=area_id,
        audience=Audience.CHOSEN,
        reason="Jaga kantor desa",
        place_kind=PlaceKind.POLSEK,
        place_name="Polsek Lumbang",
        at=dt.datetime.now(dt.UTC),
        level=SiagaLevel.WASPADA,
    )


# --- privacy -------------------------------------------------------------------------------------


async def test_a_persons_copy_has_their_answers_and_deletion_removes_them(
    siaga_world: SiagaWorld,
) -> None:
    world = siaga_world
    bot, koordinator, andi = world.bot, world.koordinator, world.members[0]
    await call_out(world, koordinator)
    message = await the_call(bot, andi)
    await press(bot, andi, message, "❌ Tidak bisa")
    await press(bot, andi, last(bot, andi["id"]), "Sedang kerja")
    _name, content = await bot.services.privacy.copy(andi["id"], "id")
    (mine,) = json.loads(content)["panggilan_siaga"]
    assert mine["jawaban"] == "tidak" and mine["alasan_tidak_bisa"] == "Sedang kerja"
    assert mine["alasan"] == "Ada ancaman pencurian di kantor desa"
    await bot.services.privacy.delete(andi["id"])
    assert andi["id"] not in await recipients(bot)
    await press(bot, andi, message, "✅ Siap")
    assert "bukan untuk Anda" in toast(bot)
    # The caller's deletion keeps the call, without them.
    await bot.services.privacy.delete(koordinator["id"])
    (call,) = await calls(bot)
    assert call.caller_id is None and call.recipients == 4


# --- the pace of tally edits ---------------------------------------------------------------------


def test_the_pacer_keeps_each_chat_within_telegrams_limits() -> None:
    now = [100.0]
    pacer = Pacer(clock=lambda: now[0])
    private, group = 42, -1001
    assert pacer.due_in(private) == 0.0
    assert pacer.start(private)
    assert not pacer.start(private)  # one round at a time; the running one goes again
    pacer.edited(private)
    assert pacer.finish(private) is True
    assert pacer.finish(private) is False
    assert pacer.due_in(private) == 3.0
    assert pacer.start(group)
    pacer.edited(group)
    pacer.finish(group)
    now[0] += 4
    assert pacer.due_in(private) == 0.0 and pacer.due_in(group) == 2.0
    # Within a minute, at most 20 edits in a private chat and 10 in a group.
    assert 60 / 3.0 <= 20 and 60 / 6.0 <= 10
    assert siaga_jobs.tally_job(group) == "siaga:tally:-1001"
