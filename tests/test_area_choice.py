"""Area names typed in chat resolve as on the command line ("desa lumbang", "kec lumbang",
"Karang Jati (Kec. Lumbang)"), and a name several areas bear asks one short question whose
buttons answer it with one tap: /start (home desa), /langganan, /lapor's desa step, /aturronda
(the advisory's targets: tests/test_advisories.py)."""

from __future__ import annotations

import pytest

from bot.cli.common import find_area
from bot.services.areas import CHOICE_LABEL_CHARS
from storage import areas as q
from storage.models import AreaLevel
from tests.harness import BotHarness
from tests.helpers import ADMIN_ID
from tests.helpers import buttons
from tests.helpers import desa
from tests.helpers import kecamatan
from tests.helpers import text_of

BOTH = (AreaLevel.DESA, AreaLevel.KECAMATAN)
# As typed -> (level, name, kecamatan) of the area meant.
FORMS = {
    "desa lumbang": (AreaLevel.DESA, "Lumbang", "Lumbang"),
    "DESA   Lumbang": (AreaLevel.DESA, "Lumbang", "Lumbang"),
    "Ds. Lumbang": (AreaLevel.DESA, "Lumbang", "Lumbang"),
    "kec lumbang": (AreaLevel.KECAMATAN, "Lumbang", ""),
    "Kec. Lumbang": (AreaLevel.KECAMATAN, "Lumbang", ""),
    "kec.lumbang": (AreaLevel.KECAMATAN, "Lumbang", ""),
    "kecamatan  LUMBANG": (AreaLevel.KECAMATAN, "Lumbang", ""),
    "Karang Jati (Kec. Lumbang)": (AreaLevel.DESA, "Karang Jati", "Lumbang"),
    "ds. karang jati (kec. pandaan)": (AreaLevel.DESA, "Karang Jati", "Pandaan"),
    "karang jati, lumbang": (AreaLevel.DESA, "Karang Jati", "Lumbang"),
    "karang jati kec lumbang": (AreaLevel.DESA, "Karang Jati", "Lumbang"),
}


def meant(bot: BotHarness, typed: str) -> int:
    level, name, kec = FORMS[typed]
    if level == AreaLevel.KECAMATAN:
        return kecamatan(bot, name).id
    return desa(bot, name, kec).id


async def followed(bot: BotHarness, user_id: int) -> list[int]:
    return await bot.services.db.run(q.subscription_ids, user_id)


@pytest.mark.parametrize("typed", sorted(FORMS))
async def test_each_form_is_taken_at_once_in_chat_as_on_the_command_line(
    area_bot: BotHarness, typed: str
) -> None:
    bot = area_bot
    # The command line's resolver answers the same area (one resolver for both).
    assert find_area(bot.services.areas, typed, BOTH).id == meant(bot, typed)
    user = bot.updates.user()
    await bot.command(user, f"/langganan {typed}")
    answer = bot.fake.last_message(user["id"])
    assert "reply_markup" not in answer, answer["text"]
    assert await followed(bot, user["id"]) == [meant(bot, typed)]


async def test_lumbang_asks_one_short_question_and_one_tap_follows_the_desa(
    area_bot: BotHarness,
) -> None:
    bot = area_bot
    user = bot.updates.user()
    await bot.command(user, "/langganan")
    sent = len(bot.fake.texts(user["id"]))
    await bot.say(user, "lumbang")
    # One message: the question, not the whole prompt again.
    assert bot.fake.texts(user["id"])[sent:] == ["Lumbang yang mana?"]
    question = bot.fake.last_message(user["id"])
    offered = buttons(question)
    assert list(offered) == ["Desa Lumbang (Kec. Lumbang)", "🔔 Seluruh Kec. Lumbang"]
    assert all(len(label) <= CHOICE_LABEL_CHARS for label in offered)
    await bot.press(user, question, offered["Desa Lumbang (Kec. Lumbang)"])
    assert await followed(bot, user["id"]) == [desa(bot, "Lumbang").id]


async def test_two_desa_of_one_name_are_told_apart_by_their_kecamatan(
    area_bot: BotHarness,
) -> None:
    bot = area_bot
    user = bot.updates.user()
    await bot.command(user, "/start")
    await bot.say(user, "ds. karang jati")
    question = bot.fake.last_message(user["id"])
    assert question["text"] == "Karang Jati yang mana?"
    offered = buttons(question)
    assert list(offered) == ["Karang Jati (Kec. Lumbang)", "Karang Jati (Kec. Pandaan)"]
    await bot.press(user, question, offered["Karang Jati (Kec. Pandaan)"])
    home = await bot.services.db.run(q.home_area_id, user["id"])
    assert home == desa(bot, "Karang Jati", "Pandaan").id


async def lapor_until_the_desa_question(bot: BotHarness, user: dict) -> None:
    await bot.command(user, "/lapor")
    await bot.press(user, bot.fake.last_message(user["id"]), "lp:cat:pencurian")
    await bot.say(user, "Motor dicuri di depan warung")
    await bot.say(user, "depan warung Bu Sri")
    assert "Kejadiannya di desa mana?" in bot.fake.texts(user["id"])[-1]


@pytest.mark.parametrize("typed", ["desa lumbang", "Karang Jati (Kec. Lumbang)"])
async def test_lapor_takes_a_desa_at_once(area_bot: BotHarness, typed: str) -> None:
    bot = area_bot
    user = bot.updates.user()  # no home desa: /lapor asks for it
    await lapor_until_the_desa_question(bot, user)
    await bot.say(user, typed)
    assert "Langkah 4 dari 6" in bot.fake.texts(user["id"])[-1]


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("karangjati", ["Karang Jati (Kec. Lumbang)", "Karang Jati (Kec. Pandaan)"]),
        # A kecamatan where a desa is needed: the desa of that name.
        ("kec lumbang", ["Desa Lumbang (Kec. Lumbang)"]),
    ],
)
async def test_lapor_asks_which_desa_and_one_tap_goes_on(
    area_bot: BotHarness, typed: str, offered: list[str]
) -> None:
    bot = area_bot
    user = bot.updates.user()
    await lapor_until_the_desa_question(bot, user)
    await bot.say(user, typed)
    question = bot.fake.last_message(user["id"])
    assert text_of(question).endswith("yang mana?")
    assert list(buttons(question)) == offered
    await bot.press(user, question, buttons(question)[offered[0]])
    assert "Langkah 4 dari 6" in text_of(bot.fake.last_message(user["id"]))


async def test_aturronda_asks_which_desa_and_one_tap_answers(area_bot: BotHarness) -> None:
    bot = area_bot
    admin = bot.updates.user(id=ADMIN_ID)
    await bot.command(admin, "/aturronda")
    await bot.say(admin, "karang jati")
    question = bot.fake.last_message(ADMIN_ID)
    assert question["text"] == "Karang Jati yang mana?"
    offered = buttons(question)
    await bot.press(admin, question, offered["Karang Jati (Kec. Pandaan)"])
    question_again, next_step = bot.fake.texts(ADMIN_ID)[-2:]
    assert question_again == "Karang Jati yang mana?"  # then the next step, in a new message
    assert next_step.startswith("Ronda Desa Karang Jati")
    (draft,) = [v for v in bot.app.user_data[ADMIN_ID].values() if isinstance(v, dict)]
    assert draft["desa_id"] == desa(bot, "Karang Jati", "Pandaan").id


@pytest.mark.parametrize("command", ["/jadwal", "/statistikronda"])
async def test_a_desa_argument_of_two_desa_names_both_by_kecamatan(
    area_bot: BotHarness, command: str
) -> None:
    bot = area_bot
    admin = bot.updates.user(id=ADMIN_ID)
    await bot.command(admin, f"{command} karang jati")
    answer = bot.fake.texts(ADMIN_ID)[-1]
    assert "Karang Jati (Kec. Lumbang), Karang Jati (Kec. Pandaan)" in answer
    await bot.command(admin, f"{command} Karang Jati (Kec. Pandaan)")
    assert "Karang Jati (Kec. Lumbang), Karang" not in bot.fake.texts(ADMIN_ID)[-1]


@pytest.mark.parametrize("typed", ["panditn", "lumbng", "krangjati anyr", "sumber"])
async def test_near_spellings_are_offered_on_short_buttons(
    area_bot: BotHarness, typed: str
) -> None:
    bot = area_bot
    user = bot.updates.user()
    await bot.command(user, "/start")
    await bot.say(user, typed)
    offered = buttons(bot.fake.last_message(user["id"]))
    assert len(offered) > 1
    assert all(len(label) <= CHOICE_LABEL_CHARS for label in offered), list(offered)
