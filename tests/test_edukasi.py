"""Sosialisasi (/edukasi) through the real bot: managers add education items (with a photo, with
a PDF), the refusals that name their limit (a text too long, a PDF too big, a file that is no
PDF, an empty text), a resident who may not add, a resident who browses, opens an item and asks
for it again; series sent as Info advisories (a police source at once, then N days later; a
restart sends nothing twice; a moment missed while down sends once), and a series whose source
needs the Polsek's approval."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlmodel import select

from bot.config import Settings
from bot.services.authz import Scope
from bot.services.edukasi import Attachment
from bot.services.edukasi import ItemDraft
from bot.services.roles import RoleSpec
from handlers.edukasi import jobs as edukasi_jobs
from storage.models import Advisory
from storage.models import AdvisoryStatus
from storage.models import AttachmentKind
from storage.models import Division
from storage.models import EducationItem
from storage.models import EducationSend
from storage.models import EducationSeries
from storage.models import EducationSeriesItem
from storage.models import EducationTopic
from storage.models import Organisation
from storage.models import Role
from storage.models import SeriesStatus
from storage.models import utcnow
from tests.harness import BotHarness
from tests.harness import FakeTelegram
from tests.harness import ScaledClock
from tests.helpers import buttons
from tests.helpers import desa
from tests.helpers import document_update
from tests.helpers import kecamatan
from tests.helpers import wait_until

JSON = dict[str, Any]
BODY = (
    "Menyampaikan pendapat di muka umum dilindungi undang-undang. Beri tahu Polsek tiga hari "
    "sebelumnya, tetap tertib, dan jangan merusak fasilitas umum."
)


class World:
    """Polsek Lumbang (duty chat, an officer), a pemuda of the Divisi Sosialisasi and a tokoh
    of Kronto, an MUI member of Lumbang, residents of Kronto."""

    def __init__(self, bot: BotHarness) -> None:
        self.bot = bot
        self.fake = bot.fake
        updates = bot.updates
        self.duty = updates.group(title="Piket Polsek Lumbang")
        self.officer = updates.user(first_name="Bambang")
        self.youth = updates.user(first_name="Sari")
        self.tokoh = updates.user(first_name="Haji Umar")
        self.mui = updates.user(first_name="Kyai")
        self.residents = [updates.user(first_name=n) for n in ("Gita", "Hadi")]
        self.kronto = 0

    async def set_up(self) -> World:
        bot = self.bot
        services = bot.services
        self.kronto = desa(bot, "Kronto").id
        lumbang = kecamatan(bot, "Lumbang").id
        polsek = await services.areas.set_polsek_coverage(
            "Polsek Lumbang", [lumbang], actor_label="test"
        )
        await services.areas.set_duty_chat(polsek.name, self.duty["id"], actor_label="test")
        grants = [
            (self.officer, RoleSpec(Role.POLISI, Scope(polsek_id=polsek.id))),
            (
                self.youth,
                RoleSpec(Role.PEMUDA, Scope(area_id=self.kronto), division=Division.SOSIALISASI),
            ),
            (self.tokoh, RoleSpec(Role.TOKOH, Scope(area_id=self.kronto))),
            (self.mui, RoleSpec(Role.MUI, Scope(area_id=lumbang))),
        ]
        for user, spec in grants:
            await services.roles.grant(user["id"], spec)
            await bot.command(user, "/bantuan")
        for resident in self.residents:
            await bot.command(resident, "/bantuan")
            await services.subscriptions.set_home(resident["id"], self.kronto)
        return self

    async def press(self, user: JSON, label: str) -> None:
        """Press the button labelled `label` on the latest message in the user's chat with it."""
        chat = user["id"]
        for message in reversed(self.fake.sent_messages(chat)):
            current = self.fake.get_message(chat, message["message_id"]) or message
            offered = buttons(current)
            if label in offered:
                await self.bot.press(user, current, offered[label])
                return
        raise AssertionError(f"no button {label!r} in chat {chat}")

    def text(self, user: JSON) -> str:
        message = self.fake.last_message(user["id"]) or {}
        return str(message.get("text", message.get("caption", "")))

    async def organisation(self, name_part: str) -> Organisation:
        def read(session: Any) -> Organisation:
            return next(o for o in session.exec(select(Organisation)) if name_part in o.name)

        return await self.bot.services.db.run(read)

    async def rows(self, model: type) -> list[Any]:
        return await self.bot.services.db.run(lambda s: list(s.exec(select(model))))

    async def start_item(self, manager: JSON, title: str, topic: str, source: str) -> None:
        """➕ Tambah materi up to the text."""
        await self.bot.command(manager, "/edukasi")
        await self.press(manager, "➕ Tambah materi")
        await self.bot.say(manager, title)
        await self.press(manager, topic)
        await self.press(manager, source)
        assert "Tulis isi materinya" in self.text(manager)

    def advisories_in(self, chat_id: int) -> list[JSON]:
        return [
            m
            for m in self.fake.sent_messages(chat_id)
            if "Imbauan ·" in str(m.get("text", m.get("caption", "")))
        ]

    async def make_due(self, series_id: int, when: dt.datetime | None = None) -> None:
        """The series' moment came (as the clock would bring it), and its job runs."""
        moment = when or utcnow() - dt.timedelta(seconds=1)

        def due(session: Any) -> None:
            row = session.get(EducationSeries, series_id)
            row.next_at = moment
            session.add(row)

        await self.bot.services.db.run(due)
        edukasi_jobs.schedule(self.bot.app, series_id, utcnow())


@pytest.fixture
async def edukasi_world(area_bot: BotHarness) -> AsyncIterator[World]:
    yield await World(area_bot).set_up()


# --- the library ---------------------------------------------------------------------------------


async def test_managers_add_items_with_a_photo_and_with_a_pdf(edukasi_world: World) -> None:
    world = edukasi_world
    bot, fake, officer, youth = world.bot, world.fake, world.officer, world.youth
    # An officer: a photo.
    await world.start_item(
        officer, "Cara menyampaikan aspirasi", "📣 Aspirasi tertib", "Polsek Lumbang"
    )
    await bot.say(officer, BODY)
    assert "foto atau berkas PDF" in world.text(officer)
    await bot.process(bot.updates.photo(officer))
    preview = world.text(officer)
    assert BODY.split(".")[0] in preview and "Sumber: Polsek Lumbang" in preview
    assert fake.calls_to("sendPhoto", officer["id"])  # the photo as it will show
    await world.press(officer, "✅ Simpan")
    assert "disimpan di topik 📣 Aspirasi tertib" in world.text(officer)
    # A pemuda of the Divisi Sosialisasi: a PDF, from MUI.
    await world.start_item(youth, "Bahaya narkoba bagi remaja", "💊 Narkoba", "MUI Kec. Lumbang")
    await bot.say(youth, "Narkoba merusak otak dan masa depan. Tolak sejak ajakan pertama.")
    await bot.process(document_update(bot, youth, name="narkoba.pdf", size=1_500_000))
    assert fake.calls_to("sendDocument", youth["id"])
    await world.press(youth, "✅ Simpan")
    items = {item.title: item for item in await world.rows(EducationItem)}
    photo = items["Cara menyampaikan aspirasi"]
    assert photo.attachment_kind is AttachmentKind.PHOTO and photo.source_name == "Polsek Lumbang"
    assert photo.topic is EducationTopic.ASPIRASI and photo.author_id == officer["id"]
    pdf = items["Bahaya narkoba bagi remaja"]
    assert pdf.attachment_kind is AttachmentKind.PDF and pdf.attachment_size == 1_500_000
    assert pdf.source_name == "MUI Kec. Lumbang" and pdf.attachment_name == "narkoba.pdf"


async def test_refusals_name_their_limit_and_store_nothing(edukasi_world: World) -> None:
    world = edukasi_world
    bot, youth = world.bot, world.youth
    await world.start_item(youth, "Tawuran", "🧒 Kenakalan remaja", "Polsek Lumbang")
    # Too long for one message: refused with the limit, never cut.
    await bot.say(youth, "Jangan ikut tawuran. " * 200)
    answer = world.text(youth)
    assert "terlalu panjang" in answer and "paling banyak 3500 karakter" in answer
    assert "4096" in answer and "Tidak ada yang dipotong" in answer
    # Emoji only: empty.
    await bot.say(youth, "🚨🚨🚨 🔥🔥")
    assert "terlalu pendek" in world.text(youth)
    await bot.say(youth, "Tawuran merugikan semua orang. Laporkan ke Polsek bila ada ajakan.")
    # A file that is no PDF, then a PDF over the limit.
    await bot.process(document_update(bot, youth, name="foto.docx", mime_type="application/msword"))
    assert "“foto.docx” bukan PDF" in world.text(youth)
    await bot.process(document_update(bot, youth, name="besar.pdf", size=25 * 1024 * 1024))
    assert "25,0 MB, terlalu besar: paling besar 20,0 MB" in world.text(youth)
    assert await world.rows(EducationItem) == []
    # Without attachment it can still be saved.
    await world.press(youth, "Tanpa lampiran")
    await world.press(youth, "✅ Simpan")
    assert [i.title for i in await world.rows(EducationItem)] == ["Tawuran"]
    # A title over 100 characters.
    await bot.command(youth, "/edukasi")
    await world.press(youth, "➕ Tambah materi")
    await bot.say(youth, "Judul " * 30)
    assert "paling banyak 100 karakter" in world.text(youth)


async def test_a_resident_cannot_add_and_sees_no_managers_buttons(edukasi_world: World) -> None:
    world = edukasi_world
    bot, fake = world.bot, world.fake
    resident = world.residents[0]
    await bot.command(resident, "/edukasi")
    home = fake.last_message(resident["id"])
    assert home is not None and "Belum ada materi" in home["text"]
    assert "➕ Tambah materi" not in buttons(home)
    # A forged press of the manager's button is refused, and nothing starts.
    await bot.press(resident, home, "ed:add")
    answer = fake.calls_to("answerCallbackQuery")[-1].params["text"]
    assert "tidak" in answer.lower() and "berwenang" in answer.lower()
    await bot.say(resident, "Judul palsu")
    assert await world.rows(EducationItem) == []


async def test_a_resident_browses_opens_an_item_and_asks_for_it_again(edukasi_world: World) -> None:
    world = edukasi_world
    bot, fake = world.bot, world.fake
    library = bot.services.edukasi.library
    polsek = await world.organisation("Polsek")
    first = await library.add(
        world.officer["id"],
        ItemDraft("Hukum tawuran", EducationTopic.HUKUM, polsek.id or 0, BODY),
    )
    photo = fake.photo_sizes()[-1]["file_id"]
    await library.add(
        world.officer["id"],
        ItemDraft(
            "Pasal pencurian",
            EducationTopic.HUKUM,
            polsek.id or 0,
            BODY,
            Attachment(AttachmentKind.PHOTO, photo, 48_000),
        ),
    )
    resident = world.residents[0]
    await bot.command(resident, "/edukasi")
    home = fake.last_message(resident["id"])
    assert home is not None
    # Only topics that have items.
    assert [label for label in buttons(home)] == ["⚖️ Hukum (2)"]
    await world.press(resident, "⚖️ Hukum (2)")
    listing = fake.last_message(resident["id"])
    assert listing is not None
    # Newest first.
    assert list(buttons(listing))[:2] == ["Pasal pencurian", "Hukum tawuran"]
    await world.press(resident, "Pasal pencurian")
    assert len(fake.calls_to("sendPhoto", resident["id"])) == 1
    assert "Pasal pencurian" in world.text(resident) and "Sumber: Polsek Lumbang" in world.text(
        resident
    )
    assert "🗄 Arsipkan" not in buttons(fake.last_message(resident["id"]) or {})
    await world.press(resident, "🔁 Kirim lagi ke saya")
    assert len(fake.calls_to("sendPhoto", resident["id"])) == 2
    assert world.text(resident).startswith("Pasal pencurian")
    # A manager archives the other; residents no longer see it.
    await bot.command(world.officer, "/edukasi")
    await world.press(world.officer, "⚖️ Hukum (2)")
    await world.press(world.officer, "Hukum tawuran")
    await world.press(world.officer, "🗄 Arsipkan")
    assert (await library.item(first.id or 0)) is None
    await bot.command(resident, "/edukasi")
    assert "⚖️ Hukum (1)" in buttons(fake.last_message(resident["id"]) or {})


# --- series ----------------------------------------------------------------------------------


async def plan(world: World, manager: JSON, area: str, topic_label: str, every: str) -> None:
    bot = world.bot
    await bot.command(manager, "/edukasi")
    await world.press(manager, "🗓 Rencanakan seri")
    await bot.say(manager, area)
    await world.press(manager, topic_label)
    await bot.say(manager, every)
    await bot.say(manager, "07:00")
    assert "07.00 WIB" in world.text(manager)
    await world.press(manager, "✅ Mulai seri")
    assert "dimulai" in world.text(manager)


async def add_items(
    world: World, source: str, topic: EducationTopic, *titles: str, photo: bool = False
) -> None:
    """Items in the library (the first with a photo when `photo`)."""
    organisation = await world.organisation(source)
    for i, title in enumerate(titles):
        attachment = None
        if photo and i == 0:
            file_id = world.fake.photo_sizes()[-1]["file_id"]
            attachment = Attachment(AttachmentKind.PHOTO, file_id, 48_000)
        await world.bot.services.edukasi.library.add(
            world.officer["id"], ItemDraft(title, topic, organisation.id or 0, BODY, attachment)
        )


async def test_a_police_series_sends_its_items_as_silent_info_advisories_once(
    pasuruan: str, settings: Settings, fake: FakeTelegram, delivery_clock: ScaledClock
) -> None:
    async with BotHarness(settings, fake, delivery_clock=delivery_clock) as bot:
        world = await World(bot).set_up()
        await add_items(
            world, "Polsek", EducationTopic.HUKUM, "Materi satu", "Materi dua", photo=True
        )
        await plan(world, world.officer, "Kronto", "⚖️ Hukum (2)", "3")
        (series,) = await world.rows(EducationSeries)
        assert bot.app.job_queue.get_jobs_by_name("edukasi:series:1")
        assert series.every_days == 3 and series.send_time == "07:00" and series.position == 0
        # Its moment came: item 1 as an Info advisory to Kronto's residents, silent.
        await world.make_due(1)
        for resident in world.residents:
            await wait_until(lambda r=resident: world.advisories_in(r["id"]), "item 1")
        # Item 1 has a photo, and its text fits the caption: one photo message.
        delivered = world.advisories_in(world.residents[0]["id"])[0]
        assert "Polsek Lumbang" in delivered["caption"] and "Materi satu" in delivered["caption"]
        assert "ℹ️" in delivered["caption"]
        call = fake.calls_to("sendPhoto", world.residents[0]["id"])[-1].params
        assert call.get("disable_notification") is True
        (series,) = await world.rows(EducationSeries)
        assert series.position == 1 and series.status is SeriesStatus.ACTIVE
        # The next one three days after this one.
        assert dt.timedelta(days=2, hours=23) < series.next_at - utcnow() <= dt.timedelta(days=3)
        (send,) = await world.rows(EducationSend)
        (advisory,) = await world.rows(Advisory)
        assert send.advisory_id == advisory.id and advisory.status is AdvisoryStatus.SENT
        # Run again before its time (a late or second job): nothing.
        outcome = await bot.services.edukasi.series.send_due(1)
        assert not outcome.sent
    # A restart: the job is rebuilt; nothing is sent again.
    async with BotHarness(settings, fake, delivery_clock=delivery_clock) as bot:
        world.bot = bot
        assert bot.app.job_queue.get_jobs_by_name("edukasi:series:1")
        assert len(await world.rows(Advisory)) == 1
        # Three days later (after downtime that skipped two more periods): item 2, once.
        await world.make_due(1, utcnow() - dt.timedelta(days=6))
        await wait_until(lambda: len(world.advisories_in(world.residents[0]["id"])) == 2, "item 2")
        assert "Materi dua" in world.advisories_in(world.residents[0]["id"])[1]["text"]
        call = fake.calls_to("sendMessage", world.residents[0]["id"])[-1].params
        assert call.get("disable_notification") is True
        (series,) = await world.rows(EducationSeries)
        assert series.status is SeriesStatus.FINISHED and series.position == 2
        assert not (await bot.services.edukasi.series.send_due(1)).sent
        assert [s.position for s in await world.rows(EducationSend)] == [0, 1]
        assert len(await world.rows(Advisory)) == 2


async def test_a_series_from_a_source_that_needs_approval_waits_for_the_polsek(
    edukasi_world: World,
) -> None:
    world = edukasi_world
    bot, fake, tokoh = world.bot, world.fake, world.tokoh
    await add_items(world, "MUI", EducationTopic.ASPIRASI, "Aspirasi santun")
    await plan(world, tokoh, "Kronto", "📣 Aspirasi tertib (1)", "7")
    assert "menunggu persetujuan Polsek Lumbang" in fake.texts(tokoh["id"])[-2]
    await world.make_due(1)
    duty = world.duty["id"]
    await wait_until(lambda: "Setujui" in str(fake.last_message(duty)), "the approval request")
    (advisory,) = await world.rows(Advisory)
    assert advisory.status is AdvisoryStatus.PENDING and advisory.source_name == "MUI Kec. Lumbang"
    await wait_until(
        lambda: any("diajukan ke Polsek Lumbang" in x for x in fake.texts(tokoh["id"])),
        "the tokoh told",
    )
    assert world.advisories_in(world.residents[0]["id"]) == []
    # The Polsek approves: it goes out as any approved advisory.
    message = fake.last_message(duty)
    assert message is not None
    await bot.press(world.officer, message, buttons(message)["✅ Setujui"])
    await wait_until(lambda: world.advisories_in(world.residents[0]["id"]), "the approved item")
    assert (
        "disetujui oleh Polsek Lumbang" in world.advisories_in(world.residents[0]["id"])[0]["text"]
    )


async def test_a_tokoh_naming_the_polsek_as_source_still_needs_approval(
    edukasi_world: World,
) -> None:
    world = edukasi_world
    bot = world.bot
    await add_items(world, "Polsek", EducationTopic.BENCANA, "Siaga banjir")
    await plan(world, world.tokoh, "Kronto", "🌊 Bencana (1)", "7")
    await world.make_due(1)
    await wait_until(lambda: "Setujui" in str(bot.fake.last_message(world.duty["id"])), "approval")
    (advisory,) = await world.rows(Advisory)
    assert advisory.status is AdvisoryStatus.PENDING and advisory.source_name == "Polsek Lumbang"


async def test_series_outside_the_role_and_a_series_paused_and_stopped(
    edukasi_world: World,
) -> None:
    world = edukasi_world
    bot, tokoh = world.bot, world.tokoh
    await add_items(world, "Polsek", EducationTopic.HUKUM, "Materi")
    await bot.command(tokoh, "/edukasi")
    await world.press(tokoh, "🗓 Rencanakan seri")
    await bot.say(tokoh, "Pancur")
    assert "di luar wilayah peran Anda" in world.text(tokoh)
    await bot.say(tokoh, "/batal")
    await plan(world, world.officer, "Kronto", "⚖️ Hukum (1)", "2")
    await bot.command(world.officer, "/edukasi")
    await world.press(world.officer, "📋 Seri edukasi")
    assert "0/1 terkirim, setiap 2 hari pukul 07.00" in world.text(world.officer)
    await world.press(world.officer, "⏸ Jeda #1")
    assert "⏸ dijeda" in world.text(world.officer)
    assert not [j for j in bot.app.job_queue.get_jobs_by_name("edukasi:series:1") if not j.removed]
    outcome = await bot.services.edukasi.series.send_due(1, utcnow() + dt.timedelta(days=9))
    assert not outcome.sent
    await world.press(world.officer, "▶️ Lanjut #1")
    assert bot.app.job_queue.get_jobs_by_name("edukasi:series:1")
    await world.press(world.officer, "⏹ Hentikan #1")
    (series,) = await world.rows(EducationSeries)
    assert series.status is SeriesStatus.FINISHED


async def test_a_series_whose_area_nobody_follows_is_paused_and_its_creator_told(
    edukasi_world: World,
) -> None:
    world = edukasi_world
    bot = world.bot
    await add_items(world, "Polsek", EducationTopic.HUKUM, "Materi")
    await plan(world, world.officer, "Pancur", "⚖️ Hukum (1)", "2")
    await world.make_due(1)

    async def paused() -> bool:
        (series,) = await world.rows(EducationSeries)
        return series.status is SeriesStatus.PAUSED

    for _ in range(100):
        if await paused():
            break
        await asyncio.sleep(0.05)
    assert await paused()
    await wait_until(
        lambda: any("dijeda" in x for x in bot.fake.texts(world.officer["id"])), "the note"
    )
    assert await world.rows(EducationSend) == []


async def test_a_photo_whose_text_outgrows_a_caption_and_a_pdf_are_pointed_to(
    edukasi_world: World,
) -> None:
    world = edukasi_world
    bot, fake = world.bot, world.fake
    polsek = await world.organisation("Polsek")
    library = bot.services.edukasi.library
    long_body = "Tertib berlalu lintas menjaga nyawa. " * 40  # ~1,500: no caption holds it
    photo = fake.photo_sizes()[-1]["file_id"]
    await library.add(
        world.officer["id"],
        ItemDraft(
            "Helm",
            EducationTopic.LALULINTAS,
            polsek.id or 0,
            long_body,
            Attachment(AttachmentKind.PHOTO, photo, 48_000),
        ),
    )
    pdf = fake.register_file(kind="documents", size=300_000, extension="pdf").file_id
    await library.add(
        world.officer["id"],
        ItemDraft(
            "Rambu",
            EducationTopic.LALULINTAS,
            polsek.id or 0,
            BODY,
            Attachment(AttachmentKind.PDF, pdf, 300_000, "rambu.pdf"),
        ),
    )
    await plan(world, world.officer, "Kronto", "🚦 Lalu lintas (2)", "1")
    resident = world.residents[0]["id"]
    await world.make_due(1)
    await wait_until(lambda: world.advisories_in(resident), "item 1")
    first = world.advisories_in(resident)[0]
    assert "text" in first and "Ada fotonya: buka /edukasi" in first["text"]
    assert long_body.strip() in first["text"]  # whole, never cut
    await world.make_due(1)
    await wait_until(lambda: len(world.advisories_in(resident)) == 2, "item 2")
    assert "Ada berkas PDF-nya: buka /edukasi" in world.advisories_in(resident)[1]["text"]
    assert not fake.calls_to("sendPhoto", resident) and not fake.calls_to("sendDocument", resident)


async def test_a_series_of_items_chosen_one_by_one_keeps_their_order(
    edukasi_world: World,
) -> None:
    world = edukasi_world
    bot, officer = world.bot, world.officer
    await add_items(world, "Polsek", EducationTopic.HUKUM, "Pertama", "Kedua", "Ketiga")
    await bot.command(officer, "/edukasi")
    await world.press(officer, "🗓 Rencanakan seri")
    await bot.say(officer, "Kronto")
    await world.press(officer, "✋ Pilih materi satu per satu")
    await world.press(officer, "➡️ Lanjut")  # nothing chosen yet: refused
    await world.press(officer, "Ketiga")
    await world.press(officer, "Pertama")
    await world.press(officer, "Kedua")
    await world.press(officer, "✅3 Kedua")  # unchosen again
    assert "(2 dipilih)" in world.text(officer)
    await world.press(officer, "➡️ Lanjut")
    assert world.text(officer).startswith("2 materi.")
    await bot.say(officer, "0")
    assert "antara 1 dan 30" in world.text(officer)
    await bot.say(officer, "31")
    assert "antara 1 dan 30" in world.text(officer)
    await bot.say(officer, "5")
    await bot.say(officer, "jam tujuh")
    assert "tidak dikenali" in world.text(officer)
    await bot.say(officer, "19.30")
    await world.press(officer, "✅ Mulai seri")
    links = await world.rows(EducationSeriesItem)
    titles = {i.id: i.title for i in await world.rows(EducationItem)}
    assert [titles[x.item_id] for x in sorted(links, key=lambda x: x.position)] == [
        "Ketiga",
        "Pertama",
    ]
    (series,) = await world.rows(EducationSeries)
    assert series.every_days == 5 and series.send_time == "19:30"


async def test_a_tokoh_who_deletes_their_data_leaves_items_and_a_stopped_series(
    edukasi_world: World,
) -> None:
    world = edukasi_world
    bot, tokoh = world.bot, world.tokoh
    mui = await world.organisation("MUI")
    await bot.services.edukasi.library.add(
        tokoh["id"], ItemDraft("Aspirasi santun", EducationTopic.ASPIRASI, mui.id or 0, BODY)
    )
    await plan(world, tokoh, "Kronto", "📣 Aspirasi tertib (1)", "7")
    await bot.services.privacy.delete(tokoh["id"])
    (item,) = await world.rows(EducationItem)
    assert item.author_id is None and item.source_name == "MUI Kec. Lumbang"
    (series,) = await world.rows(EducationSeries)
    assert series.created_by is None and series.status is SeriesStatus.PAUSED
    assert not (await bot.services.edukasi.series.send_due(1, utcnow() + dt.timedelta(days=9))).sent


async def test_a_restart_in_the_middle_of_adding_an_item_loses_nothing(
    pasuruan: str, settings: Settings, fake: FakeTelegram, delivery_clock: ScaledClock
) -> None:
    async with BotHarness(settings, fake, delivery_clock=delivery_clock) as bot:
        world = await World(bot).set_up()
        await world.start_item(world.youth, "Judi online", "📚 Lainnya", "Polsek Lumbang")
    async with BotHarness(settings, fake, delivery_clock=delivery_clock) as bot:
        world.bot = bot
        await bot.say(world.youth, "Judi online merugikan keluarga dan bisa dipidana. Hindari.")
        assert "foto atau berkas PDF" in world.text(world.youth)
        await world.press(world.youth, "Tanpa lampiran")
        await world.press(world.youth, "✅ Simpan")
        (item,) = await world.rows(EducationItem)
        assert item.title == "Judi online" and item.topic is EducationTopic.LAINNYA
