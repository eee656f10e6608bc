"""The bot's basic conversation, through the real Application and the fake Bot API."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import time

import pytest
from telegram import Update
from telegram.ext import CommandHandler
from telegram.ext import MessageHandler
from telegram.ext import filters

from bot.app import build_application
from bot.config import Settings
from bot.errors import UserFacingError
from bot.ptb.context import Ctx
from bot.services.roles import grants as roles
from bot.texts import t
from handlers.conversation import conversation
from storage import queries
from storage.models import Role
from tests.harness import BotHarness
from tests.harness import Fault
from tests.helpers import ADMIN_CHAT_ID
from tests.helpers import ADMIN_ID
from tests.helpers import TEST_TOKEN


def visible(harness: BotHarness, chat_id: int) -> str:
    """Everything the bot showed in a chat, as one string."""
    return "\n".join(harness.fake.texts(chat_id))


async def test_start_welcomes_in_indonesian_and_records_the_user(bot: BotHarness) -> None:
    budi = bot.updates.user(first_name="Budi", last_name="Santoso", username="budi")
    await bot.command(budi, "/start")
    text = visible(bot, budi["id"])
    assert "Halo, Budi!" in text
    assert "Kamtibmas Bot" in text
    assert "110" in text
    assert "/bantuan" in text
    user = await bot.services.db.run(queries.get_user, budi["id"])
    assert user is not None
    assert (user.first_name, user.last_name, user.username) == ("Budi", "Santoso", "budi")
    assert user.created_at.tzinfo is not None


async def test_user_text_is_shown_literally(bot: BotHarness) -> None:
    tricky = bot.updates.user(first_name="<b>Joko</b> & *Co*")
    await bot.command(tricky, "/start")
    message = bot.fake.last_message(tricky["id"])
    # Telegram accepted the HTML (escaped), and shows the name exactly as typed.
    assert "Halo, <b>Joko</b> & *Co*!" in message["text"]


async def test_start_in_a_group_points_to_a_private_chat(bot: BotHarness) -> None:
    user = bot.updates.user()
    group = bot.updates.group()
    await bot.command(user, "/start", chat=group)
    assert "chat pribadi" in visible(bot, group["id"])


async def test_help_lists_the_commands_that_exist(bot: BotHarness) -> None:
    user = bot.updates.user()
    await bot.command(user, "/bantuan")
    text = visible(bot, user["id"])
    for command in ("/start", "/bantuan", "/bahasa", "/batal"):
        assert command in text
    assert "110" in text


async def test_language_switch_is_stored_and_used(bot: BotHarness) -> None:
    user = bot.updates.user()
    await bot.command(user, "/bahasa")
    offer = bot.fake.last_message(user["id"])
    buttons = [b["callback_data"] for row in offer["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons == ["lang:id", "lang:en"]

    await bot.press(user, offer, "lang:en")
    assert bot.fake.last_message(user["id"])["text"].startswith("Language changed to English")
    stored = await bot.services.db.run(queries.get_user, user["id"])
    assert stored.language == "en"
    # The command menu of this chat follows the chosen language.
    scoped = [
        c
        for c in bot.fake.calls_to("setMyCommands")
        if "scope" in c.params and c.params["scope"].get("chat_id") == user["id"]
    ]
    assert scoped and "Commands and help" in json.dumps(scoped[-1].params["commands"])

    await bot.command(user, "/start")
    assert "Hello," in bot.fake.last_message(user["id"])["text"]

    await bot.command(user, "/bahasa")
    await bot.press(user, bot.fake.last_message(user["id"]), "lang:id")
    await bot.command(user, "/bantuan")
    assert "Perintah yang bisa Anda pakai" in bot.fake.last_message(user["id"])["text"]


async def test_forged_or_stale_buttons_are_answered_politely(bot: BotHarness) -> None:
    user = bot.updates.user()
    await bot.command(user, "/bahasa")
    offer = bot.fake.last_message(user["id"])
    for data in ("lang:xx", "lang:en'; DROP TABLE users;--", "something-old"):
        await bot.press(user, offer, data)
        answer = bot.fake.calls_to("answerCallbackQuery")[-1].params
        assert answer["text"] == "Tombol ini sudah tidak berlaku."
    stored = await bot.services.db.run(queries.get_user, user["id"])
    assert stored.language is None


async def test_command_menus_are_published_in_both_languages(bot: BotHarness) -> None:
    calls = bot.fake.calls_to("setMyCommands")
    by_language = {c.params.get("language_code"): c.params["commands"] for c in calls}
    assert {"id", "en", None} <= set(by_language)
    residents = bot.fake.commands_for("en")
    names = [c["command"] for c in residents]
    assert names == [
        "start", "lapor", "status", "laporanku", "desa", "langganan", "berhenti",
        "riwayat", "edukasi", "senyap", "kode", "ronda", "kondisi", "jadwal", "ikutronda",
        "bantuan", "bahasa", "privasi", "batal",
    ]  # fmt: skip
    assert bot.fake.commands_for("id")[15]["description"] == "Daftar perintah dan bantuan"
    assert residents[15]["description"] == "Commands and help"
    assert bot.fake.commands_for("") == bot.fake.commands_for("id")


async def test_free_text_gets_a_hint_in_private_and_silence_in_groups(bot: BotHarness) -> None:
    user = bot.updates.user()
    await bot.say(user, "halo pak, apa kabar")
    assert "/bantuan" in visible(bot, user["id"])
    group = bot.updates.group()
    await bot.say(user, "selamat pagi semua", chat=group)
    assert bot.fake.texts(group["id"]) == []


async def test_unknown_commands(bot: BotHarness) -> None:
    user = bot.updates.user()
    await bot.command(user, "/terbang sekarang")
    assert "Perintah /terbang tidak dikenal" in visible(bot, user["id"])

    group = bot.updates.group()
    await bot.command(user, "/terbang", chat=group)  # not addressed to us: quiet
    await bot.command(user, "/terbang@other_bot", chat=group)
    assert bot.fake.texts(group["id"]) == []
    await bot.command(user, f"/terbang@{bot.app.bot.username}", chat=group)
    assert "/bantuan" in visible(bot, group["id"])


async def test_stickers_and_voice_notes_get_a_polite_answer(bot: BotHarness) -> None:
    user = bot.updates.user()
    await bot.process(bot.updates.sticker(user))
    await bot.process(bot.updates.voice(user))
    assert (
        bot.fake.texts(user["id"])
        == ["Maaf, pesan jenis ini belum bisa kami proses. Ketik /bantuan untuk bantuan."] * 2
    )


async def test_batal_with_nothing_running(bot: BotHarness) -> None:
    user = bot.updates.user()
    await bot.command(user, "/batal")
    assert "Tidak ada percakapan" in visible(bot, user["id"])


ASKING = 1


async def _ask(update: Update, context: Ctx) -> int:
    await update.effective_message.reply_text("Apa yang terjadi?")
    return ASKING


async def _answer(update: Update, context: Ctx) -> int:
    await update.effective_message.reply_text("Tersimpan.")
    return -1


@pytest.mark.parametrize("cancel", ["/batal", "batal", "  Batal "])
async def test_batal_leaves_a_running_conversation(bot: BotHarness, cancel: str) -> None:
    # Conversations built with the project's helper all end on /batal; this one stands for
    # /lapor and the others that will come.
    bot.app.add_handler(
        conversation(
            "test",
            [CommandHandler("uji", _ask)],
            {ASKING: [MessageHandler(filters.TEXT & ~filters.COMMAND, _answer)]},
            persistent=False,  # added to a running Application
        )
    )
    # Added after the catch-all fallbacks, so move it to the front of group 0, where
    # bot/app.py puts feature handlers.
    handlers = bot.app.handlers[0]
    handlers.insert(0, handlers.pop())

    user = bot.updates.user()
    await bot.command(user, "/uji")
    assert bot.fake.texts(user["id"])[-1] == "Apa yang terjadi?"
    if cancel.startswith("/"):
        await bot.command(user, cancel)
    else:
        await bot.say(user, cancel)
    assert bot.fake.texts(user["id"])[-1].startswith("Dibatalkan.")
    # The conversation is over: text now gets the ordinary hint, not "Tersimpan."
    await bot.say(user, "ada yang baru")
    assert "/bantuan" in bot.fake.texts(user["id"])[-1]


async def _explode(update: Update, context: Ctx) -> None:
    user = update.effective_user.id
    raise RuntimeError(f"boom for {user} at https://api.telegram.org/bot{TEST_TOKEN}/sendMessage")


async def test_errors_are_logged_reported_and_answered_politely(
    bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    bot.app.add_handler(CommandHandler("meledak", _explode), group=-2)
    user = bot.updates.user()
    with caplog.at_level(logging.ERROR):
        await bot.command(user, "/meledak")
    assert "Unhandled error" in caplog.text
    assert "Maaf, terjadi gangguan" in visible(bot, user["id"])
    report = visible(bot, ADMIN_CHAT_ID)
    assert "RuntimeError" in report
    assert str(user["id"]) in report
    assert TEST_TOKEN not in report
    assert TEST_TOKEN.split(":")[1] not in report


async def _refuse(update: Update, context: Ctx) -> None:
    raise UserFacingError("cancel.nothing")


async def test_a_refusal_no_handler_caught_is_said_and_alerts_nobody(bot: BotHarness) -> None:
    bot.app.add_handler(CommandHandler("tolak", _refuse), group=-2)
    user = bot.updates.user()
    await bot.command(user, "/tolak")
    assert bot.fake.texts(user["id"])[0] == t("id", "cancel.nothing")  # then: not a command
    assert bot.fake.texts(ADMIN_CHAT_ID) == []


async def test_a_user_who_blocked_the_bot_is_not_an_error_for_admins(bot: BotHarness) -> None:
    user = bot.updates.user()
    bot.fake.block(user["id"])
    await bot.command(user, "/start")
    assert bot.fake.texts(ADMIN_CHAT_ID) == []


async def test_telegram_errors_during_an_answer_reach_the_error_handler(bot: BotHarness) -> None:
    user = bot.updates.user()
    bot.fake.inject(Fault.chat_not_found(), method="sendMessage", chat_id=user["id"])
    await bot.command(user, "/bantuan")
    assert "chat not found" in visible(bot, ADMIN_CHAT_ID).lower()
    # The polite answer went out after the injected failure.
    assert "Maaf, terjadi gangguan" in visible(bot, user["id"])


async def test_admins_come_from_config_and_from_grants(bot: BotHarness) -> None:
    other = ADMIN_ID + 1
    assert await bot.services.roles.is_admin(ADMIN_ID)
    assert not await bot.services.roles.is_admin(other)
    await bot.services.db.run(roles.grant, other, roles.RoleSpec(Role.ADMIN), actor_label="cli")
    assert await bot.services.roles.is_admin(other)
    assert await bot.services.roles.roles(other) == {Role.ADMIN, Role.WARGA}


async def test_edited_messages_are_not_answered_again(bot: BotHarness) -> None:
    user = bot.updates.user()
    for update in (bot.updates.command(user, "/start"), bot.updates.text(user, "halo")):
        message = update.pop("message")
        update["edited_message"] = message | {"edit_date": message["date"] + 5}
        await bot.process(update)
    assert bot.fake.texts(user["id"]) == []


async def test_a_repeating_error_reaches_the_admin_chat_once(bot: BotHarness) -> None:
    bot.app.add_handler(CommandHandler("meledak", _explode), group=-2)
    users = [bot.updates.user() for _ in range(5)]
    for user in users:
        await bot.command(user, "/meledak")
    assert len(bot.fake.texts(ADMIN_CHAT_ID)) == 1
    # Every user still got the polite answer.
    assert all("Maaf, terjadi gangguan" in visible(bot, u["id"]) for u in users)


async def test_pressing_a_language_button_repeatedly_is_harmless(bot: BotHarness) -> None:
    user = bot.updates.user()
    await bot.command(user, "/bahasa")
    offer = bot.fake.last_message(user["id"])
    for _ in range(3):
        await bot.press(user, offer, "lang:en")
    assert bot.fake.last_message(user["id"])["text"] == "Your language is already English."
    assert bot.fake.texts(ADMIN_CHAT_ID) == []
    assert "Maaf" not in visible(bot, user["id"])


def test_api_urls_from_the_configuration_reach_python_telegram_bot(settings: Settings) -> None:
    custom = dataclasses.replace(
        settings,
        api_base_url="http://127.0.0.1:8081/bot",
        api_file_url="http://127.0.0.1:8081/file/bot",
    )
    application = build_application(custom)
    assert application.bot.base_url == f"http://127.0.0.1:8081/bot{TEST_TOKEN}"
    assert application.bot.base_file_url == f"http://127.0.0.1:8081/file/bot{TEST_TOKEN}"


async def test_a_job_the_event_loop_reaches_late_still_runs(bot: BotHarness) -> None:
    """A busy second (a slow start, a long transaction) must not drop a job: APScheduler's
    default drops one that runs more than 1 s after its time (the menu sync at start-up was
    lost so)."""
    ran = asyncio.Event()

    async def job(context: Ctx) -> None:
        ran.set()

    queue = bot.app.job_queue
    assert queue is not None
    queue.run_once(job, when=0.05, name="late")
    time.sleep(1.5)  # noqa: ASYNC251 -- the event loop blocked past the job's time and grace
    await asyncio.wait_for(ran.wait(), timeout=5)
