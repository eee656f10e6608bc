"""A person's rights, in chat (/privasi): what is kept and why, their copy (their own data, never
another person's), and the deletion (after a confirmation; reports stay, unlinked; police
refused; the running bot forgets them), through the fake Bot API on a real database."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import pytest
from alembic import command
from sqlalchemy import inspect
from sqlalchemy import text
from sqlmodel import select

from bot.config import Settings
from bot.delivery import Payload
from bot.delivery import Priority
from bot.services.authz import Scope
from bot.services.roles import RoleSpec
from handlers.conversation import conversations
from handlers.menus import all_commands
from handlers.menus import refresh_menu
from storage import migrate
from storage import outbox
from storage.db import Database
from storage.models import AdvisoryMute
from storage.models import AuditEntry
from storage.models import CommandMenu
from storage.models import ConversationState
from storage.models import Division
from storage.models import HomeArea
from storage.models import OutboxRow
from storage.models import OutboxStatus
from storage.models import PatrolShift
from storage.models import PatrolShiftMember
from storage.models import Report
from storage.models import ReportEvent
from storage.models import Role
from storage.models import RoleAssignment
from storage.models import Subscription
from storage.models import User
from storage.models import UserDraft
from storage.models import utcnow
from tests.harness import BotHarness
from tests.harness import FakeTelegram
from tests.harness import ScaledClock
from tests.helpers import POLRES_CHAT
from tests.helpers import World
from tests.helpers import buttons
from tests.helpers import card
from tests.helpers import desa
from tests.helpers import last
from tests.helpers import report
from tests.helpers import stored
from tests.helpers import text_of
from tests.helpers import told
from tests.helpers import wait_until

JSON = dict[str, Any]

COPY = "📄 Minta salinan data"
DELETE = "🗑 Hapus data saya"
YES = "🗑 Ya, hapus data saya"
NO = "Batal"

SITI_STORY = "Motor Honda Beat dicuri dari depan rumah pagi tadi, pakai “kunci T”"
BUDI_STORY = "Kambing hilang dari kandang belakang"


class Neighbours(World):
    """The reports world with a second resident of Kronto, Budi, whose data must never appear
    in Siti's copy: the same desa and subscriptions, reports, and a ronda shift together."""

    async def set_up(self) -> None:
        await super().set_up()
        bot = self.bot
        self.budi = bot.updates.user(first_name="Budi", last_name="Santoso", username="budisan")
        kronto, pancur = desa(bot, "Kronto").id, desa(bot, "Pancur").id
        await bot.services.subscriptions.set_home(self.budi["id"], kronto)
        await bot.command(self.budi, "/bantuan")
        for person in (self.resident, self.budi):
            await bot.services.subscriptions.subscribe(person["id"], pancur)
        start = utcnow() + dt.timedelta(days=1)

        def shift(session: Any) -> int:
            row = PatrolShift(
                desa_id=kronto, starts_at=start, ends_at=start + dt.timedelta(hours=4)
            )
            session.add(row)
            session.flush()
            assert row.id is not None
            for person in (self.resident, self.budi):
                session.add(PatrolShiftMember(shift_id=row.id, user_id=person["id"]))
            return row.id

        self.shift_id = await bot.services.db.run(shift)


@pytest.fixture
async def neighbours(
    pasuruan: str, settings: Settings, fake: FakeTelegram
) -> AsyncIterator[Neighbours]:
    report_settings = replace(settings, polres_chat_id=POLRES_CHAT)
    async with BotHarness(report_settings, fake, delivery_clock=ScaledClock(20)) as bot:
        world = Neighbours(bot)
        await world.set_up()
        yield world


async def rows(bot: BotHarness, model: Any, *where: Any) -> list[Any]:
    return await bot.services.db.run(lambda s: list(s.exec(select(model).where(*where))))


async def open_privacy(bot: BotHarness, user: JSON) -> JSON:
    await bot.command(user, "/privasi")
    return last(bot, user["id"])


async def copy_of(bot: BotHarness, user: JSON) -> tuple[bytes, JSON]:
    shown = await open_privacy(bot, user)
    await bot.press(user, shown, buttons(shown)[COPY])
    sent = bot.fake.calls_to("sendDocument", chat_id=user["id"])[-1]
    assert sent.ok
    (upload,) = sent.files.values()
    return upload.content, sent.params


async def test_privasi_says_what_is_kept_why_how_long_who_sees_it_and_the_law(
    area_bot: BotHarness,
) -> None:
    bot = area_bot
    user = bot.updates.user(first_name="Ani")
    shown = await open_privacy(bot, user)
    text = text_of(shown)
    for expected in (
        "Yang disimpan",
        "365 hari",  # photos and exact locations of closed reports
        "90 hari",  # delivery records
        "7 hari",  # abandoned drafts
        "catatan audit",
        "petugas Polsek",
        "anonim",
        "UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi",
    ):
        assert expected in text, expected
    assert list(buttons(shown)) == [COPY, DELETE]
    assert len(text) < 1200  # a few lines, not a wall of legal text
    # In English too, and /privacy works as well.
    await bot.services.users.set_language(user["id"], "en")
    await bot.command(user, "/privacy")
    english = last(bot, user["id"])
    assert "Personal Data Protection" in text_of(english)
    assert "📄 Get a copy of my data" in buttons(english)
    # Never in a group, not even by a forged press of its buttons there.
    group = bot.updates.group()
    await bot.command(user, "/privasi", chat=group)
    answer = last(bot, group["id"])
    assert "private chat" in text_of(answer) and not buttons(answer)
    for data in ("pv:copy", "pv:del"):
        await bot.press(user, answer, data)
    assert bot.fake.calls_to("sendDocument") == []
    assert bot.fake.last_message(group["id"]) == answer


async def test_the_first_start_mentions_privasi_once(area_bot: BotHarness) -> None:
    bot = area_bot
    user = bot.updates.user(first_name="Wati")
    await bot.command(user, "/start")
    welcome = bot.fake.texts(user["id"])
    assert sum("/privasi" in text for text in welcome) == 1
    note = next(text for text in welcome if "/privasi" in text)
    assert "Data Anda dijaga" in note and "Undang-Undang" not in note
    await bot.say(user, "Kronto")  # the home desa: no longer a newcomer
    await bot.command(user, "/start")
    assert "/privasi" not in bot.fake.texts(user["id"])[-1]


async def test_the_copy_holds_ones_own_data_and_nothing_of_anyone_else(
    neighbours: Neighbours,
) -> None:
    world, bot = neighbours, neighbours.bot
    siti, budi, officer = world.resident, world.budi, world.officer
    await report(world, description=SITI_STORY)
    first = await card(world, "Baru")
    await bot.press(officer, first, buttons(first)["❓ Tanya pelapor"])
    await bot.say(officer, "Warna motornya apa?", chat=world.duty)
    await told(bot, siti["id"], "Warna motornya apa?")
    await report(world, user=budi, description=BUDI_STORY, place="Kandang belakang rumah Budi")
    await wait_until(lambda: len(bot.fake.sent_messages(world.duty["id"])) >= 3, "both cards")

    content, params = await copy_of(bot, siti)
    assert params["caption"].startswith("📄 Salinan data Anda")
    text = content.decode("utf-8")
    data = json.loads(text)
    assert data["profil"]["id_telegram"] == siti["id"]
    assert data["profil"]["nama_depan"] == "Siti"
    assert data["desa_asal"].startswith("Kronto")
    assert any(label.startswith("Pancur") for label in data["langganan"])
    (mine,) = data["laporan"]
    assert mine["nomor"] == "LMB-0001" and mine["uraian"] == SITI_STORY
    assert SITI_STORY.encode("utf-8") in content  # UTF-8 as it is, not \u escapes
    assert any("Warna motornya apa?" in line for line in mine["riwayat"])
    (shift,) = data["giliran_ronda"]
    assert shift["desa"].startswith("Kronto") and shift["status"] == "terjadwal"
    # Nothing of Budi's, nor the officer's name, in the bytes.
    for secret in (
        str(budi["id"]),
        "Budi",
        "Santoso",
        "budisan",
        BUDI_STORY,
        "Kandang belakang",
        "LMB-0002",
        str(officer["id"]),
        "Andi",
        "andi",
    ):
        assert secret.encode() not in content, secret
    # And the other way round.
    other, _ = await copy_of(bot, budi)
    for secret in (str(siti["id"]), "Siti", "Aminah", "@siti", SITI_STORY, "Warna motornya"):
        assert secret.encode() not in other, secret
    assert BUDI_STORY.encode() in other


async def test_deleting_asks_first_and_batal_keeps_everything(neighbours: Neighbours) -> None:
    world, bot = neighbours, neighbours.bot
    siti = world.resident
    shown = await open_privacy(bot, siti)
    await bot.press(siti, shown, buttons(shown)[DELETE])
    question = last(bot, siti["id"])
    assert "Hapus data Anda?" in text_of(question) and "/batal" in text_of(question)
    assert list(buttons(question)) == [YES, NO]
    await bot.press(siti, question, buttons(question)[NO])
    assert text_of(last(bot, siti["id"])) == "Baik, data Anda tidak dihapus."
    # /batal ends the question too; its "Ya" button is then a stale one.
    await bot.press(siti, shown, buttons(shown)[DELETE])
    question = last(bot, siti["id"])
    await bot.command(siti, "/batal")
    assert "Dibatalkan" in text_of(last(bot, siti["id"]))
    await bot.press(siti, question, buttons(question)[YES])
    assert "tidak berlaku" in bot.fake.calls_to("answerCallbackQuery")[-1].params["text"]
    assert await rows(bot, User, User.id == siti["id"])
    assert await rows(bot, HomeArea, HomeArea.user_id == siti["id"])


def with_button(bot: BotHarness, chat_id: int, label: str) -> JSON:
    """The newest message to `chat_id` with the button `label` (a notice may follow it)."""
    return next(m for m in reversed(bot.fake.sent_messages(chat_id)) if label in buttons(m))


async def delete_data(bot: BotHarness, user: JSON) -> JSON:
    shown = await open_privacy(bot, user)
    await bot.press(user, shown, buttons(shown)[DELETE])
    question = with_button(bot, user["id"], YES)
    await bot.press(user, question, buttons(question)[YES])
    return bot.fake.get_message(user["id"], question["message_id"]) or {}


async def test_deletion_removes_the_person_and_unlinks_their_reports(
    neighbours: Neighbours,
) -> None:
    world, bot = neighbours, neighbours.bot
    siti, budi, officer = world.resident, world.budi, world.officer
    sid = siti["id"]
    await report(world, description=SITI_STORY)
    first = await card(world, "Baru")
    # Siti also holds a role (with its own menu), mutes an organisation, leaves a draft.
    await bot.services.roles.grant(
        sid, RoleSpec(Role.PEMUDA, Scope(area_id=desa(bot, "Kronto").id), Division.PATROLI)
    )
    commands = all_commands(bot.app)
    assert await refresh_menu(bot.app.bot, bot.services, commands, sid)
    organisations = await bot.services.roles.organisations()
    await bot.services.db.run(
        lambda s: s.add(AdvisoryMute(user_id=sid, organisation_id=organisations[0].id))
    )
    await bot.command(siti, "/lapor")  # a draft in memory (and soon in the database)
    # A message waiting for her (and Budi), due in a day.
    later = bot.services.delivery.clock.wall_time() + 86_400
    pending = await bot.services.db.run(
        lambda s: outbox.create_delivery(
            s,
            kind="test",
            ref="",
            priority=Priority.INFO,
            payload=Payload.message("Halo").to_json(None),
            chat_ids=[sid, budi["id"]],
            now=later,
        )
    )

    done = await delete_data(bot, siti)
    assert "Data Anda sudah dihapus" in text_of(done) and "/start" in text_of(done)
    assert "1 laporan" in text_of(done)

    for model, where in (
        (User, User.id == sid),
        (HomeArea, HomeArea.user_id == sid),
        (Subscription, Subscription.user_id == sid),
        (RoleAssignment, RoleAssignment.user_id == sid),
        (CommandMenu, CommandMenu.user_id == sid),
        (AdvisoryMute, AdvisoryMute.user_id == sid),
        (PatrolShiftMember, PatrolShiftMember.user_id == sid),
        (UserDraft, UserDraft.user_id == sid),
        (ReportEvent, ReportEvent.actor_id == sid),
    ):
        assert await rows(bot, model, where) == [], model.__name__
    # Budi keeps everything: his home, subscriptions, shift.
    assert await rows(bot, HomeArea, HomeArea.user_id == budi["id"])
    assert await rows(bot, PatrolShiftMember, PatrolShiftMember.user_id == budi["id"])
    # The report stays for the police, linked to nobody.
    (kept,) = await stored(bot)
    assert kept.reporter_id is None and kept.description == SITI_STORY
    # In memory too: no conversation, no draft, no cached language or home; and the next
    # persistence round writes none of it back.
    assert bot.app.user_data.get(sid, {}) == {}
    assert not [c for c in conversations(bot.app) if c.keys_of(sid)]
    await bot.app.update_persistence()
    assert await rows(bot, UserDraft, UserDraft.user_id == sid) == []
    states = await rows(bot, ConversationState)
    assert not [row for row in states if json.loads(row.key)[-1] == sid]
    assert sid not in bot.services.users._cache
    assert sid not in bot.services.subscriptions._homes
    assert sid not in bot.services.delivery._seen
    # Her personal menu is taken back.
    assert bot.fake.calls_to("deleteMyCommands")
    # The message waiting for her is cancelled, Budi's is not.
    waiting = {
        row.chat_id: row.status
        for row in await rows(bot, OutboxRow, OutboxRow.delivery_id == pending)
    }
    assert waiting == {sid: OutboxStatus.CANCELLED, budi["id"]: OutboxStatus.PENDING}
    # The audit log says it happened, without her data.
    (entry,) = await rows(bot, AuditEntry, AuditEntry.action == "privacy.delete")
    assert entry.target == f"user:{sid}"
    assert "Siti" not in entry.details and "Aminah" not in entry.details
    assert "reports_unlinked=1" in entry.details
    # A broadcast to Kronto no longer counts her.
    audience, _ = await bot.services.subscriptions.audience([desa(bot, "Kronto").id])
    assert sid not in audience and budi["id"] in audience

    # The officer goes on with the report; a question to its reporter cannot be sent.
    await bot.press(officer, first, buttons(first)["✋ Terima"])
    current = await card(world, "Diterima oleh Andi")
    assert "anonim" in text_of(current) and "Siti" not in text_of(current)
    await bot.press(officer, current, buttons(current)["❓ Tanya pelapor"])
    alert = bot.fake.calls_to("answerCallbackQuery")[-1].params
    assert "tidak bisa dihubungi" in alert["text"]
    await bot.press(officer, current, buttons(current)["✅ Selesai"])
    await bot.say(officer, "Motor ditemukan", chat=world.duty)
    await card(world, "Selesai")
    assert not [t for t in bot.fake.texts(sid) if "Motor ditemukan" in t]

    # Her next /start is a newcomer's: asked for her desa, told about /privasi.
    await bot.command(siti, "/start")
    assert "/privasi" in "".join(bot.fake.texts(sid)[-2:])
    assert await bot.services.subscriptions.home(sid) is None
    assert await bot.services.reports.mine(sid) == []


async def test_police_and_admins_are_refused(neighbours: Neighbours) -> None:
    world, bot = neighbours, neighbours.bot
    officer = world.officer
    shown = await open_privacy(bot, officer)
    await bot.press(officer, shown, buttons(shown)[DELETE])
    refusal = text_of(last(bot, officer["id"]))
    assert "polisi atau admin" in refusal and "admin" in refusal
    assert YES not in buttons(last(bot, officer["id"]))
    assert await rows(bot, User, User.id == officer["id"])
    assert await rows(bot, AuditEntry, AuditEntry.action == "privacy.delete") == []
    # Their copy has their own data, not the reports they handle.
    await report(world, description=SITI_STORY)
    content, _ = await copy_of(bot, officer)
    data = json.loads(content)
    assert data["laporan"] == [] and data["peran"][0]["peran"] == "polisi"
    assert SITI_STORY.encode() not in content


async def test_an_unlinked_report_survives_the_readers_of_reporter_id(
    neighbours: Neighbours,
) -> None:
    """Every reader of reports.reporter_id copes with None: the reporter's old answer button,
    /status of another person, the CSV export, the escalation that would tell the reporter."""
    world, bot = neighbours, neighbours.bot
    siti, officer = world.resident, world.officer
    await report(world, description=SITI_STORY)
    first = await card(world, "Baru")
    await bot.press(officer, first, buttons(first)["❓ Tanya pelapor"])
    await bot.say(officer, "Warna motornya apa?", chat=world.duty)
    await told(bot, siti["id"], "Warna motornya apa?")
    question = with_button(bot, siti["id"], "✍️ Jawab pertanyaan")
    await report(world, description="Ada orang mencurigakan di gang")  # nobody takes it
    await delete_data(bot, siti)
    # Her old "Jawab" button answers nothing any more.
    await bot.press(siti, question, buttons(question)["✍️ Jawab pertanyaan"])
    assert "tidak berlaku" in bot.fake.calls_to("answerCallbackQuery")[-1].params["text"]
    kept, untaken = await stored(bot)
    assert kept.reporter_id is untaken.reporter_id is None and untaken.id is not None
    # The escalation of the untaken one goes to the Polres and tells no reporter.
    told_before = len(bot.fake.texts(siti["id"]))
    assert await bot.services.reports.escalate(untaken.id)
    await told(bot, POLRES_CHAT, "LMB-0002")
    assert len(bot.fake.texts(siti["id"])) == told_before
    await bot.command(world.budi, "/status LMB-0001")
    assert SITI_STORY not in text_of(last(bot, world.budi["id"]))
    await bot.command(world.officer, "/eksporlaporan")
    document = bot.fake.calls_to("sendDocument")[-1]
    content = next(iter(document.files.values())).content.decode("utf-8-sig")
    assert "anonim" in content and "Siti" not in content
    reports = await rows(bot, Report, Report.reporter_id.is_(None))  # type: ignore[union-attr]
    assert len(reports) == 2


def test_migration_0011_lets_reports_lose_their_reporter_and_back(
    empty_database_url: str,
) -> None:
    """0011 on a database the previous release filled: its reports keep their reporters and
    may lose them; a downgrade gives unlinked ones reporter 0 (nobody), as the old schema needs
    a value."""
    db = Database(empty_database_url, pool_size=1)
    try:
        migrate.upgrade(db.engine, "0010")
        insert = text(
            "INSERT INTO reports (code, reporter_id, anonymous, category, description, "
            "place_text, urgent, status, outcome, created_at, updated_at, client_token, source, "
            "source_ref) VALUES (:code, :reporter, false, 'pencurian', 'Motor hilang', '', "
            "false, 'baru', '', :now, :now, :code, 'lapor', '')"
        )
        with db.engine.begin() as connection:
            for code, reporter in (("LMB-0001", 7123456789), ("LMB-0002", 7123456790)):
                connection.execute(insert, {"code": code, "reporter": reporter, "now": utcnow()})
        migrate.upgrade(db.engine)
        with db.engine.begin() as connection:
            connection.execute(
                text("UPDATE reports SET reporter_id = NULL WHERE code = 'LMB-0002'")
            )
            found = connection.execute(text("SELECT code, reporter_id FROM reports ORDER BY code"))
            assert found.all() == [("LMB-0001", 7123456789), ("LMB-0002", None)]
        config = migrate.alembic_config(db.engine.url.render_as_string(hide_password=False))
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0010")
        with db.engine.connect() as connection:
            found = connection.execute(text("SELECT code, reporter_id FROM reports ORDER BY code"))
            assert found.all() == [("LMB-0001", 7123456789), ("LMB-0002", 0)]
        (column,) = [
            c for c in inspect(db.engine).get_columns("reports") if c["name"] == "reporter_id"
        ]
        assert column["nullable"] is False
    finally:
        db.close()


async def test_the_deletion_question_is_one_open_conversation_like_the_others(
    neighbours: Neighbours,
) -> None:
    """Asking to delete ends a half-written report (its draft dropped, the person told); a
    /lapor started afterwards ends the question, whose "Ya" is then a stale button."""
    world, bot = neighbours, neighbours.bot
    siti = world.resident
    await bot.command(siti, "/lapor")
    shown = await open_privacy(bot, siti)
    await bot.press(siti, shown, buttons(shown)[DELETE])
    assert any("laporan (/lapor)" in x for x in bot.fake.texts(siti["id"])[-2:])
    assert "lapor" not in bot.app.user_data.get(siti["id"], {})
    question = with_button(bot, siti["id"], YES)
    await bot.command(siti, "/lapor")
    assert any("penghapusan data (/privasi)" in x for x in bot.fake.texts(siti["id"])[-2:])
    await bot.press(siti, question, buttons(question)[YES])
    assert "tidak berlaku" in bot.fake.calls_to("answerCallbackQuery")[-1].params["text"]
    assert await rows(bot, User, User.id == siti["id"])
