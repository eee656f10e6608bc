"""Incident reports through the real bot: /lapor from a resident, the duty chat's buttons, the
reporter hearing every change, questions both ways, escalation across restarts, anonymity,
limits, bad input, /status, /laporanku, /statistik and the CSV export."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import re
from dataclasses import replace
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update
from sqlmodel import select

from bot.callbacks import CallbackData
from bot.config import Settings
from bot.services.authz import Scope
from bot.services.reports import MAX_DESCRIPTION
from bot.services.reports import MAX_PHOTOS
from bot.services.reports import callbacks
from bot.services.reports import parse_code
from bot.services.reports import prefix_candidates
from bot.services.roles import RoleSpec
from bot.texts import CAPTION_LIMIT
from bot.texts import t
from bot.texts import visible_length
from storage import outbox
from storage.models import OutboxRow
from storage.models import OutboxStatus
from storage.models import Report
from storage.models import ReportEvent
from storage.models import ReportStatus
from storage.models import Role
from tests.harness import BotHarness
from tests.harness import FakeTelegram
from tests.harness import ScaledClock
from tests.helpers import ADMIN_CHAT_ID
from tests.helpers import ADMIN_ID
from tests.helpers import POLRES_CHAT
from tests.helpers import World
from tests.helpers import buttons
from tests.helpers import card
from tests.helpers import desa
from tests.helpers import kecamatan
from tests.helpers import last
from tests.helpers import report
from tests.helpers import stored
from tests.helpers import text_of
from tests.helpers import told
from tests.helpers import wait_until

JSON = dict[str, Any]


async def events(bot: BotHarness, report_id: int) -> list[tuple[str, int | None, str]]:
    def read(session: Any) -> list[tuple[str, int | None, str]]:
        rows = session.exec(
            select(ReportEvent).where(ReportEvent.report_id == report_id).order_by(ReportEvent.id)
        )
        return [(e.kind, e.actor_id, e.note) for e in rows]

    return await bot.services.db.run(read)


async def begin_theft(bot: BotHarness, resident: JSON) -> None:
    """/lapor, then "Pencurian": the bot asks for the story."""
    await bot.command(resident, "/lapor")
    await bot.press(resident, last(bot, resident["id"]), "lp:cat:pencurian")


async def test_a_report_goes_to_the_duty_chat_and_the_reporter_hears_every_change(
    report_world: World,
) -> None:
    bot, resident, officer = report_world.bot, report_world.resident, report_world.officer
    await report(report_world, description="Maling <b>bawa</b> motor & helm *cepat*", photos=2)
    sent = text_of(last(bot, resident["id"]))
    assert "Laporan terkirim" in sent and "LMB-0001" in sent
    assert "/status LMB-0001" in sent and "110" in sent  # the next step, and the reminder
    (stored_report,) = await stored(bot)
    assert stored_report.code == "LMB-0001"
    assert stored_report.description == "Maling <b>bawa</b> motor & helm *cepat*"
    assert stored_report.desa_id == desa(bot, "Kronto").id  # the home desa by default
    assert stored_report.status is ReportStatus.BARU

    # The duty chat: the first photo with the card (text shown literally), then the second photo.
    first = await card(report_world, "Baru")
    assert "photo" in first
    caption = text_of(first)
    assert "Maling <b>bawa</b> motor & helm *cepat*" in caption
    # Named: the card says so, not who (the whole duty group reads it); "👤 Pelapor" shows who.
    assert "Pelapor: 👤 bernama" in caption and "Siti" not in caption
    assert "Desa: Kronto (Kec. Lumbang)" in caption
    assert list(buttons(first)) == ["✋ Terima", "⛔ Tolak", "❓ Tanya pelapor", "👤 Pelapor"]
    await wait_until(
        lambda: len(bot.fake.sent_messages(report_world.duty["id"])) == 2, "the second photo"
    )
    second = bot.fake.sent_messages(report_world.duty["id"])[1]
    assert "photo" in second and second["reply_to_message"]["message_id"] == first["message_id"]

    # Terima: the card shows who took it, the reporter is told.
    await bot.press(officer, first, buttons(first)["✋ Terima"])
    toast = bot.fake.calls_to("answerCallbackQuery")[-1].params
    assert "LMB-0001" in toast["text"]
    taken = await card(report_world, "Diterima oleh Andi (@andi)")
    assert list(buttons(taken)) == [
        "🔎 Proses",
        "✅ Selesai",
        "⛔ Tolak",
        "❓ Tanya pelapor",
        "👤 Pelapor",
    ]
    assert taken["message_id"] == first["message_id"]  # edited in place, not re-posted
    await told(bot, resident["id"], "sudah diterima petugas Polsek Lumbang")

    # Another officer cannot work it too.
    await bot.press(report_world.other_officer, taken, buttons(taken)["🔎 Proses"])
    alert = bot.fake.calls_to("answerCallbackQuery")[-1].params
    assert alert["show_alert"] is True and "ditangani Andi" in alert["text"]

    await bot.press(officer, taken, buttons(taken)["🔎 Proses"])
    processing = await card(report_world, "Diproses oleh Andi")
    await told(bot, resident["id"], "sedang diproses")

    # Selesai asks for an outcome note (a reply box for this officer only).
    await bot.press(officer, processing, buttons(processing)["✅ Selesai"])
    prompt = last(bot, report_world.duty["id"])
    assert "catatan hasil" in text_of(prompt)
    asked = bot.fake.calls_to("sendMessage", chat_id=report_world.duty["id"])[-1].params
    assert asked["reply_markup"]["force_reply"] is True
    await bot.say(officer, "Pelaku diamankan, motor kembali", chat=report_world.duty)
    done = await card(report_world, "Selesai oleh Andi (@andi): Pelaku diamankan")
    assert list(buttons(done)) == ["👤 Pelapor"]  # the police may need the reporter later
    await told(bot, resident["id"], "Catatan petugas: Pelaku diamankan, motor kembali")

    history = await events(bot, stored_report.id)
    assert [kind for kind, _, _ in history] == ["created", "diterima", "diproses", "selesai"]
    assert [actor for _, actor, _ in history] == [
        resident["id"],
        officer["id"],
        officer["id"],
        officer["id"],
    ]

    # The reporter follows it: /status shows the history (officers are not named).
    await bot.command(resident, "/status lmb-1")
    status = text_of(last(bot, resident["id"]))
    assert "Laporan LMB-0001" in status and "Selesai" in status
    assert "selesai: Pelaku diamankan" in status and "Andi" not in status
    await bot.command(resident, "/laporanku")
    assert "LMB-0001" in text_of(last(bot, resident["id"]))
    # Someone else's report is not found for another resident.
    stranger = bot.updates.user()
    await bot.command(stranger, "/status LMB-0001")
    assert "tidak ditemukan" in text_of(last(bot, stranger["id"]))


async def test_a_double_tap_on_kirim_makes_one_report(report_world: World) -> None:
    bot, resident = report_world.bot, report_world.resident
    summary = await report(report_world, send=False)
    data = buttons(summary)["✅ Kirim laporan"]
    await asyncio.gather(bot.press(resident, summary, data), bot.press(resident, summary, data))
    await bot.press(resident, summary, data)
    assert len(await stored(bot)) == 1
    answers = [c.params for c in bot.fake.calls_to("answerCallbackQuery")[-2:]]
    assert any("sudah terkirim dengan nomor LMB-0001" in (a.get("text") or "") for a in answers)
    # The old summary's "Kirim" pressed while writing the next report keeps the new draft.
    second = await report(report_world, description="Lampu jalan dicuri", send=False)
    await bot.press(resident, summary, data)
    assert "LMB-0001" in bot.fake.calls_to("answerCallbackQuery")[-1].params["text"]
    await bot.press(resident, second, buttons(second)["✅ Kirim laporan"])
    assert [r.code for r in await stored(bot)] == ["LMB-0001", "LMB-0002"]


async def test_an_anonymous_reporter_is_shown_to_nobody(report_world: World) -> None:
    bot, resident = report_world.bot, report_world.resident
    await report(report_world, anonymous=True)
    shown = text_of(await card(report_world, "Baru"))
    assert "anonim" in shown
    for secret in ("Siti", "Aminah", "siti", str(resident["id"])):
        assert secret not in shown
    assert "👤 Pelapor" not in buttons(await card(report_world, "Baru"))
    # The export for the police withholds them too, and says so.
    await bot.command(report_world.officer, "/eksporlaporan")
    document = bot.fake.calls_to("sendDocument")[-1]
    assert document.ok
    content = next(iter(document.files.values())).content.decode("utf-8-sig")
    (row,) = list(csv.DictReader(io.StringIO(content)))
    assert row["pelapor"] == "anonim" and "Siti" not in content
    # Still, the reporter hears of changes.
    shown_card = await card(report_world, "Baru")
    await bot.press(report_world.officer, shown_card, buttons(shown_card)["✋ Terima"])
    await told(bot, resident["id"], "sudah diterima petugas")


async def test_questions_go_to_the_reporter_and_answers_come_back(report_world: World) -> None:
    bot, resident, officer = report_world.bot, report_world.resident, report_world.officer
    await report(report_world)
    first = await card(report_world, "Baru")
    await bot.press(officer, first, buttons(first)["❓ Tanya pelapor"])
    await bot.say(officer, "Warna motornya apa?", chat=report_world.duty)
    assert "sudah dikirim" in text_of(last(bot, report_world.duty["id"]))
    question = await wait_until(
        lambda: next(
            (m for m in bot.fake.sent_messages(resident["id"]) if "bertanya" in text_of(m)), None
        ),
        "the question",
    )
    assert "Warna motornya apa?" in text_of(question)
    await bot.press(resident, question, buttons(question)["✍️ Jawab pertanyaan"])
    await bot.say(resident, "Hitam, plat N 1234 AB")
    assert "diteruskan" in text_of(last(bot, resident["id"]))
    relayed = await wait_until(
        lambda: next(
            (
                m
                for m in bot.fake.sent_messages(report_world.duty["id"])
                if "Jawaban pelapor" in text_of(m)
            ),
            None,
        ),
        "the answer in the duty chat",
    )
    assert "Hitam, plat N 1234 AB" in text_of(relayed)
    assert relayed["reply_to_message"]["message_id"] == first["message_id"]
    # Asking took the report: the card says who has it.
    await card(report_world, "Diterima oleh Andi")

    # A reporter who blocked the bot cannot be asked: the officer is told at once.
    bot.fake.block(resident["id"])
    now = dt.datetime.now(dt.UTC)
    await bot.services.db.run(outbox.mark_inactive, {resident["id"]: "blocked"}, now)
    await bot.press(
        officer, first, buttons(await card(report_world, "Diterima"))["❓ Tanya pelapor"]
    )
    alert = bot.fake.calls_to("answerCallbackQuery")[-1].params
    assert "tidak bisa dihubungi" in alert["text"]


async def test_a_blocked_reporter_does_not_stop_the_report(report_world: World) -> None:
    bot, resident, officer = report_world.bot, report_world.resident, report_world.officer
    await report(report_world)
    bot.fake.block(resident["id"])
    first = await card(report_world, "Baru")
    await bot.press(officer, first, buttons(first)["✋ Terima"])
    await card(report_world, "Diterima oleh Andi")  # the report went on

    def notice(session: Any) -> list[OutboxStatus]:
        rows = session.exec(select(OutboxRow).where(OutboxRow.chat_id == resident["id"]))
        return [row.status for row in rows]

    # The notice to the reporter is recorded as blocked (their chat is marked unreachable).
    await wait_until(
        lambda: bot.services.db.run(lambda s: OutboxStatus.BLOCKED in notice(s)),
        "the blocked notice to be recorded",
    )
    (now,) = await stored(bot)
    assert now.status is ReportStatus.DITERIMA


async def test_rejecting_asks_for_a_reason(report_world: World) -> None:
    bot, resident, officer = report_world.bot, report_world.resident, report_world.officer
    await report(report_world)
    first = await card(report_world, "Baru")
    await bot.press(officer, first, buttons(first)["⛔ Tolak"])
    reasons = last(bot, report_world.duty["id"])
    assert "ditolak karena apa" in text_of(reasons)
    await bot.press(officer, reasons, buttons(reasons)["Hoaks / tidak benar"])
    await card(report_world, "Ditolak oleh Andi (@andi): Hoaks / tidak benar")
    await told(bot, resident["id"], "Alasan: Hoaks / tidak benar")
    # A closed report takes no more actions, and pressing twice changes nothing.
    await bot.press(officer, reasons, "rp:rr:1:duplikat")
    assert "sudah ditutup" in bot.fake.calls_to("answerCallbackQuery")[-1].params["text"]
    (stored_report,) = await stored(bot)
    assert stored_report.reject_reason == "hoaks"

    # "Alasan lain" asks for the reason in words.
    await report(report_world, description="Ada orang asing mondar-mandir")
    second = await card(report_world, "LMB-0002")
    await bot.press(officer, second, buttons(second)["⛔ Tolak"])
    await bot.press(officer, last(bot, report_world.duty["id"]), "rp:rr:2:lainnya")
    await bot.say(officer, "Sudah dicek, warga setempat", chat=report_world.duty)
    await told(bot, resident["id"], "Alasan lain: Sudah dicek, warga setempat")


async def test_two_officers_pressing_terima_at_once_one_takes_it(report_world: World) -> None:
    bot = report_world.bot
    await report(report_world)
    first = await card(report_world, "Baru")
    await asyncio.gather(
        bot.press(report_world.officer, first, "rp:take:1"),
        bot.press(report_world.other_officer, first, "rp:take:1"),
    )
    (stored_report,) = await stored(bot)
    assert stored_report.claimed_by in (
        report_world.officer["id"],
        report_world.other_officer["id"],
    )
    taken = [e for e in await events(bot, stored_report.id) if e[0] == "diterima"]
    assert len(taken) == 1


async def test_an_officer_of_another_polsek_cannot_act(report_world: World) -> None:
    bot = report_world.bot
    other = await bot.services.areas.set_polsek_coverage(
        "Polsek Pandaan",
        [kecamatan(bot, "Pandaan").id],
        actor_label="test",
    )
    outsider = bot.updates.user(first_name="Luar")
    await bot.services.roles.grant(outsider["id"], RoleSpec(Role.POLISI, Scope(polsek_id=other.id)))
    await report(report_world)
    first = await card(report_world, "Baru")
    await bot.press(outsider, first, buttons(first)["✋ Terima"])
    refused = bot.fake.calls_to("answerCallbackQuery")[-1].params
    assert refused["show_alert"] is True
    assert refused["text"] == "Maaf, laporan ini di luar wilayah tugas Anda. Tidak ada yang diubah."
    (stored_report,) = await stored(bot)
    assert stored_report.claimed_by is None


async def test_urgent_reports_remind_of_110_and_escalate_once_across_restarts(
    pasuruan: str, report_settings: Settings, fake: FakeTelegram
) -> None:
    clock = ScaledClock(20)
    async with BotHarness(report_settings, fake, delivery_clock=clock) as bot:
        report_world = World(bot)
        await report_world.set_up()
        await bot.command(report_world.resident, "/lapor")
        await bot.press(
            report_world.resident, last(bot, report_world.resident["id"]), "lp:cat:kebakaran"
        )
        assert "telepon 110 sekarang" in text_of(last(bot, report_world.resident["id"]))
        await bot.command(report_world.resident, "/batal")
        await report(report_world, urgent=True)
        (stored_report,) = await stored(bot)
        assert stored_report.urgent
        delay = stored_report.escalate_at - stored_report.created_at
        assert delay == dt.timedelta(minutes=5)
        (job,) = bot.app.job_queue.get_jobs_by_name(f"report:escalate:{stored_report.id}")
        remaining = job.next_t - dt.datetime.now(dt.UTC)
        assert dt.timedelta(minutes=4) < remaining <= dt.timedelta(minutes=5)
        await card(report_world, "MENDESAK")

    # Five minutes pass while the bot is down.
    past = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    async with BotHarness(report_settings, fake, delivery_clock=clock) as bot:
        await bot.services.db.run(lambda s: s.execute(update(Report).values(escalate_at=past)))
    for _ in range(2):  # restarted twice: escalated once
        async with BotHarness(report_settings, fake, delivery_clock=clock) as bot:
            await told(bot, POLRES_CHAT, "Eskalasi laporan LMB-0001")
            await told(bot, report_world.duty["id"], "belum diterima siapa pun selama 5 menit")
            await told(bot, report_world.resident["id"], "kami teruskan ke Polres")
            await asyncio.sleep(0.3)
    assert sum("Eskalasi" in x for x in fake.texts(POLRES_CHAT)) == 1
    polres = fake.texts(POLRES_CHAT)[-1]
    assert "Pelapor: 👤 bernama" in polres and "Siti" not in polres  # named, not who
    (escalation,) = [m for m in fake.sent_messages(POLRES_CHAT) if "Eskalasi" in text_of(m)]
    assert list(buttons(escalation)) == ["👤 Pelapor"]
    assert [e for e in await _events_of(report_settings) if e == "escalated"] == ["escalated"]


async def _events_of(settings: Settings) -> list[str]:
    from storage.db import Database

    db = Database(settings.database_url, pool_size=1)
    try:
        return db.call(lambda s: [e.kind for e in s.exec(select(ReportEvent))])
    finally:
        db.close()


async def test_a_taken_report_is_not_escalated(report_world: World) -> None:
    bot = report_world.bot
    await report(report_world, urgent=True)
    first = await card(report_world, "Baru")
    await bot.press(report_world.officer, first, buttons(first)["✋ Terima"])
    assert bot.app.job_queue.get_jobs_by_name("report:escalate:1") == [] or all(
        j.removed for j in bot.app.job_queue.get_jobs_by_name("report:escalate:1")
    )
    assert await bot.services.reports.escalate(1) is False
    assert await bot.services.reports.pending_escalations() == []


async def test_a_half_written_report_survives_a_restart(
    pasuruan: str, report_settings: Settings, fake: FakeTelegram
) -> None:
    async with BotHarness(report_settings, fake, delivery_clock=ScaledClock(20)) as bot:
        report_world = World(bot)
        await report_world.set_up()
        await bot.command(report_world.resident, "/lapor")
        await bot.press(
            report_world.resident, last(bot, report_world.resident["id"]), "lp:cat:pencurian"
        )
        await bot.say(report_world.resident, "Sepeda hilang di depan sekolah")
    async with BotHarness(report_settings, fake, delivery_clock=ScaledClock(20)) as bot:
        await bot.say(report_world.resident, "SDN Kronto 1")
        assert "Dicatat: SDN Kronto 1" in "\n".join(fake.texts(report_world.resident["id"])[-2:])
        await bot.press(report_world.resident, last(bot, report_world.resident["id"]), "lp:next")
        await bot.press(report_world.resident, last(bot, report_world.resident["id"]), "lp:urg:0")
        await bot.press(report_world.resident, last(bot, report_world.resident["id"]), "lp:anon:0")
        summary = last(bot, report_world.resident["id"])
        assert "Sepeda hilang di depan sekolah" in text_of(summary)
        await bot.press(report_world.resident, summary, buttons(summary)["✅ Kirim laporan"])
        assert "LMB-0001" in text_of(last(bot, report_world.resident["id"]))


async def test_bad_input_gets_a_clear_answer_and_the_report_goes_on(report_world: World) -> None:
    bot, resident = report_world.bot, report_world.resident
    chat = resident["id"]
    await bot.command(resident, "/lapor")
    await bot.say(resident, "pencurian")  # typed where a button is expected
    assert "Pilih salah satu tombol" in text_of(last(bot, chat))
    await bot.press(resident, bot.fake.sent_messages(chat)[-2], "lp:cat:pencurian")
    await bot.process(bot.updates.sticker(resident))
    assert "Mohon kirim teks" in text_of(last(bot, chat))
    await bot.process(bot.updates.voice(resident))
    assert "Mohon kirim teks" in text_of(last(bot, chat))
    await bot.say(resident, "x" * 10_000)
    assert "terlalu panjang (10.000 karakter)" in text_of(last(bot, chat))
    await bot.say(resident, "ok")
    assert "terlalu singkat" in text_of(last(bot, chat))
    long_story = "Kejadian " + "panjang sekali " * 130  # under 2,000, over a caption's 1,024
    await bot.say(resident, long_story)
    # A location far away (Jakarta) is refused; one in Lumbang is taken.
    await bot.process(bot.updates.location(resident, -6.2, 106.8))
    assert "di luar wilayah layanan" in text_of(last(bot, chat))
    await bot.process(bot.updates.location(resident, -7.79, 112.95))
    assert "lokasi dibagikan" in "\n".join(bot.fake.texts(chat)[-2:])
    await bot.say(resident, "tidak ada foto")  # the word, instead of the button
    assert "Langkah 5 dari 6" in text_of(last(bot, chat))
    # A photo after all: fix it from the summary.
    await bot.press(resident, last(bot, chat), "lp:urg:0")
    await bot.press(resident, last(bot, chat), "lp:anon:0")
    await bot.press(resident, last(bot, chat), "lp:fix:photo")
    await bot.say(resident, "ini bukan foto")
    assert "Kirim foto" in text_of(last(bot, chat))
    await bot.process(bot.updates.photo(resident))
    await bot.press(resident, last(bot, chat), "lp:next")
    summary = last(bot, chat)
    assert "Foto: 1" in text_of(summary)
    await bot.press(resident, summary, buttons(summary)["✅ Kirim laporan"])
    shown = await card(report_world, "Baru")
    assert "photo" in shown
    caption = bot.fake.raw_text(report_world.duty["id"], shown["message_id"])
    assert visible_length(caption) <= CAPTION_LIMIT  # the long story was cut to fit
    assert text_of(shown).count("panjang sekali") < 130 and "…" in text_of(shown)
    assert "maps.google.com/?q=-7.790000,112.950000" in caption
    (stored_report,) = await stored(bot)
    assert stored_report.description == long_story.strip()  # stored in full


async def test_batal_leaves_at_every_step_and_nothing_is_stored(report_world: World) -> None:
    bot, resident = report_world.bot, report_world.resident
    steps = [
        lambda: None,
        lambda: bot.press(resident, last(bot, resident["id"]), "lp:cat:pencurian"),
        lambda: bot.say(resident, "Ada pencurian ayam"),
        lambda: bot.say(resident, "Kandang pak RT"),
        lambda: bot.press(resident, last(bot, resident["id"]), "lp:next"),
        lambda: bot.press(resident, last(bot, resident["id"]), "lp:urg:0"),
        lambda: bot.press(resident, last(bot, resident["id"]), "lp:anon:1"),
    ]
    for count in range(1, len(steps) + 1):
        await bot.command(resident, "/lapor")
        for step in steps[1:count]:
            await step()
        await bot.command(resident, "/batal")
        assert text_of(last(bot, resident["id"])).startswith("Dibatalkan"), count
        await bot.say(resident, "halo")
        assert "kami belum mengerti" in text_of(last(bot, resident["id"])), count
    assert await stored(bot) == []


async def test_the_daily_limit_is_polite(
    pasuruan: str, report_settings: Settings, fake: FakeTelegram
) -> None:
    async with BotHarness(
        replace(report_settings, report_limit_per_day=1), fake, delivery_clock=ScaledClock(20)
    ) as bot:
        report_world = World(bot)
        await report_world.set_up()
        await report(report_world)
        await bot.command(report_world.resident, "/lapor")
        assert "sudah membuat 1 laporan dalam 24 jam" in text_of(
            last(bot, report_world.resident["id"])
        )
        assert len(await stored(bot)) == 1


async def test_without_a_duty_chat_reports_go_to_the_admin_chat(
    pasuruan: str, report_settings: Settings, fake: FakeTelegram
) -> None:
    async with BotHarness(report_settings, fake, delivery_clock=ScaledClock(20)) as bot:
        resident = bot.updates.user(first_name="Rina")
        await bot.services.subscriptions.set_home(resident["id"], desa(bot, "Kronto").id)
        report_world = World.__new__(World)
        report_world.bot, report_world.resident = bot, resident
        await report(report_world)
        assert "Grup piket polisi untuk desa ini belum terhubung" in text_of(
            last(bot, resident["id"])
        )
        await told(bot, ADMIN_CHAT_ID, "Laporan LMB-0001")
        # Only an admin can act on a report no Polsek covers.
        shown = bot.fake.last_message(ADMIN_CHAT_ID)
        admin = bot.updates.user(id=ADMIN_ID, first_name="Admin")
        await bot.press(admin, shown, "rp:take:1")
        (stored_report,) = await stored(bot)
        assert stored_report.claimed_by == ADMIN_ID


async def test_in_a_group_lapor_points_to_the_private_chat(report_world: World) -> None:
    bot = report_world.bot
    group = bot.updates.group(title="Warga Kronto")
    await bot.command(report_world.resident, "/lapor", chat=group)
    message = last(bot, group["id"])
    assert "chat pribadi" in text_of(message)
    url = message["reply_markup"]["inline_keyboard"][0][0]["url"]
    assert url == f"https://t.me/{bot.app.bot.username}?start=lapor"
    await bot.command(report_world.resident, "/start lapor")
    assert "Kejadian apa" in text_of(last(bot, report_world.resident["id"]))


async def test_statistics_and_export_for_the_police(report_world: World) -> None:
    bot = report_world.bot
    await report(report_world)
    await report(
        report_world, category="🔥 Kebakaran", description="Kebakaran gudang kayu", urgent=True
    )
    first = await card(report_world, "LMB-0001")
    await bot.press(report_world.officer, first, buttons(first)["✋ Terima"])
    await bot.command(report_world.officer, "/statistik")
    stats = text_of(last(bot, report_world.officer["id"]))
    assert "Jumlah laporan: 2" in stats and "Polsek Lumbang" in stats
    assert "Pencurian: 1" in stats and "Kebakaran: 1" in stats
    assert "Kronto (Kec. Lumbang): 2" in stats
    year, week, _ = dt.datetime.now(dt.UTC).astimezone(bot.services.settings.timezone).isocalendar()
    assert f"Per minggu (8 minggu terakhir)\n• {year}-W{week:02d}: 2" in stats
    assert "Diterima petugas: 1" in stats and "Baru, menunggu petugas: 1" in stats
    # In the duty chat too.
    await bot.command(report_world.officer, "/statistik", chat=report_world.duty)
    assert "Jumlah laporan: 2" in text_of(last(bot, report_world.duty["id"]))
    await bot.command(report_world.officer, "/eksporlaporan")
    document = bot.fake.calls_to("sendDocument")[-1]
    content = next(iter(document.files.values())).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert [r["kode"] for r in rows] == ["LMB-0001", "LMB-0002"]
    # Named, not who: a file travels beyond the audit log.
    assert rows[0]["pelapor"] == "bernama" and rows[0]["petugas"] == "Andi (@andi)"
    assert "Siti" not in content
    assert rows[1]["mendesak"] == "ya"
    (audited,) = await bot.services.audit.recent(5, action="report.export")
    assert audited.actor_id == report_world.officer["id"]
    # Which reports it held, compactly.
    assert audited.details == "2 reports: LMB-0001..0002"
    # A resident may not.
    await bot.command(report_world.resident, "/statistik")
    assert text_of(last(bot, report_world.resident["id"])).startswith("Maaf")


def test_tracking_numbers_are_short_and_forgiving() -> None:
    assert prefix_candidates("Lumbang")[0] == "LMB"
    assert prefix_candidates("Pasrepan")[0] == "PSR"
    assert prefix_candidates("Gondang Wetan")[0] == "GND"
    assert len(set(prefix_candidates("Purwosari"))) > 5  # room for kecamatan that collide
    for typed in ("LMB-0042", "lmb-42", "LMB 0042", "lmb0042", " Lmb.42 "):
        assert parse_code(typed) == "LMB-0042", typed
    assert parse_code("LMB-") is None and parse_code("halo") is None


# Every kind of report button with data as the previous release sent it: buttons already in
# chats keep working.
STORED_BUTTONS: list[tuple[CallbackData, str]] = [
    (callbacks.NewReport(), "lp:new"),
    (callbacks.NewReport(3), "lp:new:d:3"),
    (callbacks.NewReport(3, 7), "lp:new:d:3:r:7"),
    (callbacks.PickCategory("pencurian"), "lp:cat:pencurian"),
    (callbacks.PickDesa(12), "lp:desa:12"),
    (callbacks.PhotosDone(), "lp:next"),
    (callbacks.SetUrgent(True), "lp:urg:1"),
    (callbacks.SetAnonymous(False), "lp:anon:0"),
    (callbacks.Fix("photo"), "lp:fix:photo"),
    (callbacks.Send("0123456789abcdef"), "lp:send:0123456789abcdef"),
    (callbacks.CancelDraft(), "lp:cancel"),
    (callbacks.AnswerQuestion(5), "lp:ans:5"),
    (callbacks.DutyAction("take", 1), "rp:take:1"),
    (callbacks.DutyAction("rej", 1), "rp:rej:1"),
    (callbacks.RejectReason(1, "bukan_wewenang"), "rp:rr:1:bukan_wewenang"),
    (callbacks.ShowReporter(1), "rp:who:1"),
]


KINDS = [
    kind
    for kind in vars(callbacks).values()
    if isinstance(kind, type) and issubclass(kind, CallbackData) and kind is not CallbackData
]


def test_every_kind_of_report_button_has_a_stored_sample() -> None:
    assert {type(button) for button, _ in STORED_BUTTONS} == set(KINDS)


@pytest.mark.parametrize(("button", "data"), STORED_BUTTONS)
def test_report_buttons_keep_the_format_already_stored_in_chats(
    button: CallbackData, data: str
) -> None:
    assert button.data == data
    assert type(button).parse(data) == button
    assert [kind for kind in KINDS if kind.parse(data)] == [type(button)]  # one kind each


async def test_a_report_can_start_from_a_button_elsewhere_for_a_given_desa(
    report_world: World,
) -> None:
    # How a patrol check-out (or any message) offers "report an incident" for its desa.
    bot, resident = report_world.bot, report_world.resident
    pancur = desa(bot, "Pancur")
    await bot.command(resident, "/bantuan")
    await bot.press(resident, last(bot, resident["id"]), f"lp:new:d:{pancur.id}")
    await bot.press(resident, last(bot, resident["id"]), "lp:cat:mencurigakan")
    await bot.say(resident, "Mobil tanpa plat parkir lama di ujung gang")
    # A reply keyboard: not part of the message, so read it from the request.
    keyboard = bot.fake.calls_to("sendMessage", chat_id=resident["id"])[-1].params["reply_markup"][
        "keyboard"
    ]
    assert [b["text"] for row in keyboard for b in row][1] == "🏠 Di Pancur"
    assert keyboard[0][0]["request_location"] is True
    await bot.say(resident, "🏠 Di Pancur")
    await bot.press(resident, last(bot, resident["id"]), "lp:next")
    await bot.press(resident, last(bot, resident["id"]), "lp:urg:0")
    await bot.press(resident, last(bot, resident["id"]), "lp:anon:0")
    summary = last(bot, resident["id"])
    assert "Desa: Pancur (Kec. Lumbang)" in text_of(summary)
    await bot.press(resident, summary, buttons(summary)["✅ Kirim laporan"])
    (stored_report,) = await stored(bot)
    assert stored_report.desa_id == pancur.id and stored_report.place_text == ""


async def test_text_without_letters_or_digits_is_too_short_everywhere(report_world: World) -> None:
    bot, resident, officer = report_world.bot, report_world.resident, report_world.officer
    chat = resident["id"]
    await begin_theft(bot, resident)
    zero_width = "\u200b\u200c\u200d\u2060\ufeff\ufe0f" * 5
    for empty in (zero_width, "🔥🔥🔥🚨🚨", "?!... — ***", "👍🏽" + "\ufe0f" * 10):
        await bot.say(resident, empty)
        assert "terlalu singkat" in text_of(last(bot, chat)), repr(empty)
    await bot.say(resident, "Motor hilang 🔥")
    assert "Langkah 3 dari 6" in text_of(last(bot, chat))
    await bot.command(resident, "/batal")

    # A question of one letter is not passed on; the officer is asked for words.
    await report(report_world)
    first = await card(report_world, "Baru")
    await bot.press(officer, first, buttons(first)["❓ Tanya pelapor"])
    for meaningless in ("k", "?", "\u200b\u200b\u200b", "👮‍♂️❓"):
        await bot.say(officer, meaningless, chat=report_world.duty)
        assert "paling sedikit 2 huruf" in text_of(last(bot, report_world.duty["id"]))
    await bot.say(officer, "Warna motornya apa?", chat=report_world.duty)
    assert "sudah dikirim" in text_of(last(bot, report_world.duty["id"]))
    question = await wait_until(
        lambda: next((m for m in bot.fake.sent_messages(chat) if "bertanya" in text_of(m)), None),
        "the question",
    )
    assert sum("bertanya" in text for text in bot.fake.texts(chat)) == 1

    # An answer of one letter is not passed on either; "ya" is.
    await bot.press(resident, question, buttons(question)["✍️ Jawab pertanyaan"])
    for meaningless in ("y", "👍", "\u2060"):
        await bot.say(resident, meaningless)
        assert "terlalu singkat" in text_of(last(bot, chat))
    await bot.say(resident, "ya")
    assert "diteruskan" in text_of(last(bot, chat))
    await wait_until(
        lambda: any("Jawaban pelapor" in t for t in bot.fake.texts(report_world.duty["id"])),
        "the answer in the duty chat",
    )
    relayed = [t for t in bot.fake.texts(report_world.duty["id"]) if "Jawaban pelapor" in t]
    assert len(relayed) == 1 and "ya" in relayed[0]
    (stored_report,) = await stored(bot)
    notes = [
        note
        for kind, _, note in await events(bot, stored_report.id)
        if kind in ("question", "answer")
    ]
    assert notes == ["Warna motornya apa?", "ya"]


async def test_empty_or_broken_button_data_is_answered_as_a_stale_button(
    report_world: World,
) -> None:
    bot, resident, officer = report_world.bot, report_world.resident, report_world.officer
    await report(report_world)
    first = await card(report_world, "Baru")
    mine = last(bot, resident["id"])
    broken = [
        "",  # PTB lets a press without data through every button handler's pattern
        "lp:ans",
        "lp:ans:",
        "rp:take",
        "lp:cat:",
        "lp:ans:99999999999999999999",
        "rp:take:2147483648",
        "\n",
        "🔥",
    ]
    for data in broken:
        for user, message in ((resident, mine), (officer, first)):
            await bot.press(user, message, data)
            answer = bot.fake.calls_to("answerCallbackQuery")[-1].params
            assert answer.get("text") == "Tombol ini sudah tidak berlaku.", (data, answer)
    error_text = t("id", "error.user")
    for chat in (resident["id"], officer["id"], report_world.duty["id"]):
        assert not any(error_text in text for text in bot.fake.texts(chat))
    assert bot.fake.texts(ADMIN_CHAT_ID) == []
    assert (await stored(bot))[0].status == ReportStatus.BARU


async def test_a_forged_step_button_under_a_photo_is_answered_in_a_new_message(
    report_world: World,
) -> None:
    bot, resident = report_world.bot, report_world.resident
    chat = resident["id"]
    await bot.command(resident, "/lapor")
    photo = await bot.app.bot.send_photo(chat, bot.fake.photo_sizes()[-1]["file_id"])
    under_photo = bot.fake.get_message(chat, photo.message_id)
    # Telegram refuses to edit the text of a message that has none (400).
    await bot.press(resident, under_photo, "lp:cat:pencurian")
    assert "Langkah 2 dari 6" in text_of(last(bot, chat))
    assert not any(t("id", "error.user") in text for text in bot.fake.texts(chat))


async def test_a_desa_picked_from_candidates_goes_on_to_the_photos(report_world: World) -> None:
    bot = report_world.bot
    newcomer = bot.updates.user(first_name="Tamu")  # no home desa: the desa is asked
    chat = newcomer["id"]
    await bot.command(newcomer, "/lapor")
    await bot.press(newcomer, last(bot, chat), "lp:cat:pencurian")
    await bot.say(newcomer, "Motor dicuri di depan warung")
    await bot.say(newcomer, "depan warung Bu Sri")
    assert "desa" in text_of(last(bot, chat)).lower()
    await bot.say(newcomer, "sumber")  # many desa: candidates are offered
    offer = last(bot, chat)
    candidates = [data for data in buttons(offer).values() if data.startswith("lp:desa:")]
    assert len(candidates) > 1, text_of(offer)
    # The step answered the button, then the photo question answered it again: Telegram
    # refuses a second answer (400) and the reporter read "gangguan".
    await bot.press(newcomer, offer, candidates[0])
    assert "Langkah 4 dari 6" in text_of(bot.fake.get_message(chat, offer["message_id"]))
    assert not any(t("id", "error.user") in text for text in bot.fake.texts(chat))


async def past_the_photos(bot: BotHarness, resident: JSON) -> JSON:
    """From the photo step on: no more photos, not urgent, named; the draft's summary."""
    chat = resident["id"]
    await bot.press(resident, last(bot, chat), "lp:next")
    await bot.press(resident, last(bot, chat), "lp:urg:0")
    await bot.press(resident, last(bot, chat), "lp:anon:0")
    return last(bot, chat)


async def test_a_photo_with_a_caption_at_the_story_step_is_the_story_and_a_photo(
    report_world: World,
) -> None:
    bot, resident = report_world.bot, report_world.resident
    chat = resident["id"]
    await begin_theft(bot, resident)
    # An album: the caption rides on its first photo, the second arrives as the place is asked.
    caption = "Motor dibawa lari dua orang"
    await bot.process(bot.updates.photo(resident, caption, media_group_id="album-1"))
    assert "Langkah 3 dari 6" in text_of(last(bot, chat))  # the caption was the story
    await bot.process(bot.updates.photo(resident, media_group_id="album-1"))
    assert "Langkah 3 dari 6" in text_of(last(bot, chat))  # kept quietly
    await bot.say(resident, "Jl. Raya Kronto")
    summary = await past_the_photos(bot, resident)
    assert "Motor dibawa lari dua orang" in text_of(summary)
    assert "Foto: 2" in text_of(summary)
    await bot.press(resident, summary, buttons(summary)["✅ Kirim laporan"])
    shown = await card(report_world, "Baru")
    assert "photo" in shown and "Motor dibawa lari dua orang" in text_of(shown)
    assert "Foto: 2" in text_of(shown)

    # A photo without a caption is kept, and the story is still asked for.
    await begin_theft(bot, resident)
    await bot.process(bot.updates.photo(resident, caption="!!"))
    assert "Foto disimpan" in text_of(last(bot, chat))
    await bot.say(resident, "Helm hilang dari motor di parkiran")
    assert "Langkah 3 dari 6" in text_of(last(bot, chat))


async def test_a_photo_caption_at_the_photo_step_joins_the_story_on_the_card(
    report_world: World,
) -> None:
    bot, resident = report_world.bot, report_world.resident
    chat = resident["id"]
    await begin_theft(bot, resident)
    await bot.say(resident, "Motor Honda Beat dicuri dari depan rumah")
    await bot.say(resident, "Jl. Raya Kronto")
    await bot.process(bot.updates.photo(resident, caption="Pelaku pakai jaket merah"))
    assert "Keterangan foto dicatat" in text_of(last(bot, chat))
    await bot.process(bot.updates.photo(resident))
    summary = await past_the_photos(bot, resident)
    assert "📷 Pelaku pakai jaket merah" in text_of(summary)
    await bot.press(resident, summary, buttons(summary)["✅ Kirim laporan"])
    shown = text_of(await card(report_world, "Baru"))
    assert "Motor Honda Beat dicuri dari depan rumah\n📷 Pelaku pakai jaket merah" in shown
    (stored_report,) = await stored(bot)
    assert stored_report.description.endswith("📷 Pelaku pakai jaket merah")


async def test_long_captions_on_a_long_story_still_fit_the_summary_and_the_card(
    report_world: World,
) -> None:
    bot, resident = report_world.bot, report_world.resident
    await begin_theft(bot, resident)
    await bot.say(resident, "Motor hilang di depan rumah. " * 68)  # 1,972 characters
    await bot.say(resident, "Jl. Raya Kronto")
    for _ in range(MAX_PHOTOS + 1):  # Telegram allows captions of 1,024 characters
        await bot.process(bot.updates.photo(resident, caption="Pelaku pakai jaket merah. " * 39))
    summary = await past_the_photos(bot, resident)
    assert "Kirim laporan" in str(buttons(summary)), text_of(summary)
    assert "📷 Pelaku pakai jaket merah." in text_of(summary)
    await bot.press(resident, summary, buttons(summary)["✅ Kirim laporan"])
    assert "Motor hilang" in text_of(await card(report_world, "Baru"))
    (stored_report,) = await stored(bot)
    assert len(stored_report.description) == MAX_DESCRIPTION
    assert stored_report.description.endswith("…")


async def test_a_report_that_is_no_police_matter_tells_the_resident_where_to_go(
    report_world: World,
) -> None:
    bot, resident, officer = report_world.bot, report_world.resident, report_world.officer
    duty = report_world.duty["id"]
    # A land dispute: the village or kecamatan office.
    await report(report_world, category="📝 Lainnya", description="Sengketa batas tanah tetangga")
    first = await card(report_world, "LMB-0001")
    await bot.press(officer, first, buttons(first)["⛔ Tolak"])
    await bot.press(officer, last(bot, duty), buttons(last(bot, duty))["Bukan wewenang polisi"])
    await card(report_world, "Ditolak oleh Andi (@andi): Bukan wewenang polisi")
    told_land = await told(bot, resident["id"], "bukan wewenang polisi")
    assert "kantor desa atau kantor kecamatan" in told_land and "110" in told_land
    # A natural disaster: the kabupaten's BPBD.
    await report(report_world, category="🌊 Bencana alam", description="Tanah longsor di kebun")
    second = await card(report_world, "LMB-0002")
    await bot.press(officer, second, "rp:rr:2:bukan_wewenang")
    told_disaster = await told(bot, resident["id"], "BPBD")
    assert "BPBD Kabupaten Pasuruan" in told_disaster
    # Another reason says only why.
    await report(report_world, category="🔥 Kebakaran", description="Asap dari rumah kosong")
    third = await card(report_world, "LMB-0003")
    await bot.press(officer, third, "rp:rr:3:hoaks")
    told_hoax = await told(bot, resident["id"], "Alasan: Hoaks")
    assert "Damkar" not in told_hoax and "kantor desa" not in told_hoax


async def test_an_officer_invited_with_rank_and_name_is_named_by_it(report_world: World) -> None:
    bot, resident = report_world.bot, report_world.resident
    boss = bot.updates.user(id=ADMIN_ID, first_name="Admin")
    await bot.command(boss, "/undang polisi; Polsek Lumbang; Aiptu Bambang S.")
    created = text_of(last(bot, boss["id"]))
    assert "Pangkat dan nama: Aiptu Bambang S." in created
    code = created.split("start=inv_", 1)[1][:8]
    bambang = bot.updates.user(first_name="Bams", username="bams88")
    await bot.command(bambang, f"/start inv_{code}")
    offer = last(bot, bambang["id"])
    assert "Aiptu Bambang S." in text_of(offer)  # the invited officer sees how they will be named
    await bot.press(bambang, offer, buttons(offer)["✅ Terima"])
    await told(bot, ADMIN_ID, "Aiptu Bambang S. menerima undangan Anda")

    await report(report_world)
    first = await card(report_world, "Baru")
    await bot.press(bambang, first, buttons(first)["✋ Terima"])
    taken = text_of(await card(report_world, "Diterima oleh Aiptu Bambang S. (@bams88)"))
    assert "Bams" not in taken.replace("@bams88", "")
    # The resident reads the officer's rank and name, never the Telegram name.
    notice = await told(bot, resident["id"], "sudah diterima")
    assert "Polsek Lumbang (Aiptu Bambang S.)" in notice and "Bams" not in notice
    # Asked for a note, the officer is called by it too.
    await bot.press(bambang, await card(report_world, "Diterima"), "rp:done:1")
    assert "Aiptu Bambang S., tulis catatan" in text_of(last(bot, report_world.duty["id"]))
    # An officer without one: their Polsek only, as before.
    await report(report_world, description="Lampu jalan dicuri semalam")
    second = await card(report_world, "LMB-0002")
    await bot.press(report_world.officer, second, "rp:take:2")
    later = await told(bot, resident["id"], "LMB-0002 sudah diterima")
    assert "petugas Polsek Lumbang dan" in later


async def test_times_read_in_the_configured_zone_in_chat_and_iso_in_the_csv(
    pasuruan: str, report_settings: Settings, fake: FakeTelegram
) -> None:
    # A deployment in Makassar (WITA): times say so, once per message, never "WIB".
    makassar = ZoneInfo("Asia/Makassar")
    settings = replace(report_settings, timezone=makassar)
    async with BotHarness(settings, fake, delivery_clock=ScaledClock(20)) as bot:
        world = World(bot)
        await world.set_up()
        await report(world)
        (stored_report,) = await stored(bot)
        local = stored_report.created_at.astimezone(makassar)
        days = "Sen Sel Rab Kam Jum Sab Min".split()
        months = "Jan Feb Mar Apr Mei Jun Jul Agu Sep Okt Nov Des".split()
        day = f"{days[local.weekday()]} {local.day} {months[local.month - 1]}"
        expected = f"{day}, {local:%H}.{local:%M} WITA"  # the same year: no year

        duty_card = text_of(await card(world, "LMB-0001"))
        assert f"Waktu lapor: {expected}\n" in duty_card and "WIB" not in duty_card

        await bot.command(world.resident, "/status LMB-0001")
        status = text_of(last(bot, world.resident["id"]))
        assert f"Waktu lapor: {expected}\n" in status
        assert f"• {expected.removesuffix(' WITA')} — " in status  # the history: zone once
        assert status.count("WITA") == 1 and "WIB" not in status

        await bot.command(world.resident, "/laporanku")
        mine = text_of(last(bot, world.resident["id"]))
        assert "(terbaru dulu, WITA)" in mine and mine.count("WITA") == 1
        assert f"· {expected.removesuffix(' WITA')}\n" in mine

        await bot.command(world.officer, "/eksporlaporan")
        document = bot.fake.calls_to("sendDocument")[-1]
        assert document.params["caption"].endswith("waktu dalam WITA.")
        content = next(iter(document.files.values())).content.decode("utf-8-sig")
        (row,) = csv.DictReader(io.StringIO(content))
        assert row["dibuat"] == local.replace(microsecond=0).isoformat()
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00", row["dibuat"])
