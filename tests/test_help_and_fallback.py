"""What the bot answers when asked for help (/bantuan, per role) and to free text nobody was
waiting for (a report-like message gets the /lapor button and the 110 line)."""

from __future__ import annotations

import pytest

from bot.texts import plain_text
from tests.harness import BotHarness
from tests.helpers import ADMIN_ID
from tests.helpers import World
from tests.helpers import buttons

# One phone screen: about 30 lines of text, and no more than this many characters.
MAX_LINES = 30
MAX_CHARS = 1500
ADMIN_ONLY = ("/peran", "/beriperan", "/audit", "/wilayah", "/tambahdesa")
OFFICERS = ("/undang", "/statistik", "/imbauan", "/aturronda", "/pengiriman", "/dasbor")


def last_text(bot: BotHarness, chat_id: int) -> str:
    message = bot.fake.last_message(chat_id)
    assert message is not None
    return str(message["text"])


def fits_one_screen(text: str) -> None:
    assert len(text.splitlines()) <= MAX_LINES, text
    assert len(text) <= MAX_CHARS, text


@pytest.mark.parametrize(
    "typed",
    [
        "pak ini gimana caranya lapor maling",
        "ada kebakaran di pasar",
        "tolong ada kecelakaan",
        "rumah saya kemalingan",
        "TOLONGGG!!! ada tawuran",
        "ada orang mencurigakan di depan rumah",
        "Api! Api di gudang",
    ],
)
async def test_report_like_text_gets_the_lapor_button_and_110(
    area_bot: BotHarness, typed: str
) -> None:
    bot = area_bot
    user = bot.updates.user()
    await bot.say(user, typed)
    answer = bot.fake.last_message(user["id"])
    assert "Jika ada bahaya bagi jiwa, telepon 110 sekarang." in answer["text"]
    assert "belum mengerti" not in answer["text"]
    offered = buttons(answer)
    assert list(offered) == ["📝 Buat laporan (/lapor)"]
    # The button starts the /lapor conversation.
    await bot.press(user, answer, offered["📝 Buat laporan (/lapor)"])
    assert "Kejadian apa yang ingin Anda laporkan?" in last_text(bot, user["id"])


@pytest.mark.parametrize("typed", ["halo", "sapi saya sakit", "apik tenan", "Pancur"])
async def test_other_text_gets_the_polite_fallback_in_our_voice(
    bot: BotHarness, typed: str
) -> None:
    user = bot.updates.user()
    await bot.say(user, typed)
    answer = bot.fake.last_message(user["id"])
    assert answer["text"].startswith("Maaf, kami belum mengerti pesan itu.")
    assert "saya" not in answer["text"].lower()
    assert "reply_markup" not in answer


async def test_report_like_text_in_a_group_is_not_answered(bot: BotHarness) -> None:
    user, group = bot.updates.user(), bot.updates.group()
    await bot.say(user, "ada kebakaran di pasar", chat=group)
    assert bot.fake.texts(group["id"]) == []


async def test_residents_see_only_their_commands(area_bot: BotHarness) -> None:
    bot = area_bot
    world = World(bot)
    await world.set_up()
    await bot.command(world.resident, "/bantuan")
    text = last_text(bot, world.resident["id"])
    assert "/lapor" in text and "/privasi" in text and "110" in text
    assert "Untuk petugas" not in text and "/bantuan admin" not in text
    assert not any(command in text for command in OFFICERS + ADMIN_ONLY)
    fits_one_screen(text)


@pytest.mark.parametrize("language", ["id", "en"])
async def test_officers_help_is_grouped_and_fits_one_screen(
    area_bot: BotHarness, language: str
) -> None:
    bot = area_bot
    world = World(bot)
    await world.set_up()
    officer = world.officer
    await bot.services.users.set_language(officer["id"], language)
    await bot.command(officer, "/bantuan")
    text = last_text(bot, officer["id"])
    fits_one_screen(text)
    heads = (
        ("Untuk warga", "Untuk petugas") if language == "id" else ("For residents", "For officers")
    )
    assert text.index(heads[0]) < text.index("/lapor") < text.index(heads[1])
    assert text.index(heads[1]) < text.index("/undang")
    assert all(command in text for command in OFFICERS)
    # The residents' commands by name only; what the officer may also manage, among theirs.
    assert "/lapor · /status" in text and "/kondisi catat" in text[text.index(heads[1]) :]
    assert not any(command + " " in text for command in ADMIN_ONLY)
    assert "/bantuan admin" not in text and "110" in text


@pytest.mark.parametrize("language", ["id", "en"])
async def test_admins_get_a_pointer_and_the_admin_part_behind_bantuan_admin(
    area_bot: BotHarness, language: str
) -> None:
    bot = area_bot
    admin = bot.updates.user(id=ADMIN_ID)
    await bot.command(admin, "/bantuan")
    await bot.services.users.set_language(ADMIN_ID, language)
    await bot.command(admin, "/bantuan")
    text = last_text(bot, ADMIN_ID)
    fits_one_screen(text)
    pointer = (
        "Perintah admin: /bantuan admin" if language == "id" else "Admin commands: /bantuan admin"
    )
    assert pointer in text
    assert all(command in text for command in OFFICERS)
    assert "/kondisi catat" in text and "/edukasi — " in text
    assert not any(command + " " in text for command in ADMIN_ONLY)

    await bot.command(admin, "/bantuan admin")
    admin_part = last_text(bot, ADMIN_ID)
    fits_one_screen(admin_part)
    assert plain_text(admin_part).startswith("Untuk admin" if language == "id" else "For admins")
    assert all(command + " " in admin_part for command in ADMIN_ONLY)
    assert "/lapor" not in admin_part and "110" in admin_part


async def test_bantuan_admin_of_an_officer_is_their_own_help(area_bot: BotHarness) -> None:
    bot = area_bot
    world = World(bot)
    await world.set_up()
    await bot.command(world.officer, "/bantuan admin")
    text = last_text(bot, world.officer["id"])
    assert "Untuk petugas" in text and not any(c + " " in text for c in ADMIN_ONLY)
