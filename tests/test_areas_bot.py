"""Residents choose their home desa and subscriptions through the real bot (Pasuruan's areas)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import select

from bot.services.areas import MAX_SUBSCRIPTIONS
from storage import areas as q
from storage.models import Area
from storage.models import HomeArea
from storage.models import Subscription
from tests.harness import BotHarness
from tests.helpers import buttons
from tests.helpers import desa
from tests.helpers import kecamatan

JSON = dict[str, Any]


async def home_of(bot: BotHarness, user: JSON) -> int | None:
    return await bot.services.db.run(q.home_area_id, user["id"])


async def followed(bot: BotHarness, user: JSON) -> list[int]:
    return await bot.services.db.run(q.subscription_ids, user["id"])


async def row_counts(bot: BotHarness) -> tuple[int, int, int]:
    def count(session: Any) -> tuple[int, int, int]:
        return tuple(
            len(session.exec(select(model)).all()) for model in (Area, HomeArea, Subscription)
        )

    return await bot.services.db.run(count)


async def test_a_newcomer_is_asked_for_their_desa_and_a_typed_name_is_matched(
    area_bot: BotHarness,
) -> None:
    bot = area_bot
    user = bot.updates.user(first_name="Siti")
    await bot.command(user, "/start")
    welcome, question = bot.fake.texts(user["id"])[-2:]
    assert welcome.startswith("Halo, Siti!") and "110" in welcome
    assert "Di desa/kelurahan mana Anda tinggal?" in question
    offer = buttons(bot.fake.last_message(user["id"]))
    assert "Lumbang" in offer and "Berikutnya »" in offer  # 24 kecamatan, 12 per page

    await bot.say(user, "kronto")
    assert "Desa asal Anda: Kronto (Kec. Lumbang)" in bot.fake.texts(user["id"])[-1]
    kronto = desa(bot, "Kronto")
    assert await home_of(bot, user) == kronto.id
    assert await followed(bot, user) == [kronto.id]

    # The conversation is over: more text is not taken for a village name.
    await bot.say(user, "Pancur")
    assert "kami belum mengerti" in bot.fake.texts(user["id"])[-1]
    assert await home_of(bot, user) == kronto.id


async def test_a_returning_user_is_not_asked_again(area_bot: BotHarness) -> None:
    bot = area_bot
    user = bot.updates.user()
    await bot.services.subscriptions.set_home(user["id"], desa(bot, "Pancur").id)
    await bot.command(user, "/start")
    assert len(bot.fake.texts(user["id"])) == 1
    assert bot.fake.texts(user["id"])[0].startswith("Halo")


@pytest.mark.parametrize("typed", ["karangjati", "krg jati", "Karang  Jati", "KARANG-JATI"])
async def test_a_name_in_two_kecamatan_is_asked_about(area_bot: BotHarness, typed: str) -> None:
    bot = area_bot
    user = bot.updates.user()
    await bot.command(user, "/start")
    await bot.say(user, typed)
    offer = bot.fake.last_message(user["id"])
    assert offer["text"] == "Karang Jati yang mana?"
    choices = buttons(offer)
    assert "Karang Jati (Kec. Lumbang)" in choices and "Karang Jati (Kec. Pandaan)" in choices
    assert await home_of(bot, user) is None

    await bot.press(user, offer, choices["Karang Jati (Kec. Lumbang)"])
    assert await home_of(bot, user) == desa(bot, "Karang Jati").id
    assert "Karang Jati (Kec. Lumbang)" in bot.fake.last_message(user["id"])["text"]


async def test_lumbang_is_a_kecamatan_and_a_desa_so_the_bot_asks(area_bot: BotHarness) -> None:
    bot = area_bot
    user = bot.updates.user()
    await bot.command(user, "/start")
    await bot.say(user, "Lumbang")
    choices = buttons(bot.fake.last_message(user["id"]))
    assert list(choices) == ["Desa Lumbang (Kec. Lumbang)", "📂 Desa di Kec. Lumbang"]
    await bot.press(user, bot.fake.last_message(user["id"]), choices["📂 Desa di Kec. Lumbang"])
    page = bot.fake.last_message(user["id"])
    assert page["text"].startswith("Pilih desa di Kec. Lumbang (halaman 1/2)")
    assert "Welulang" not in buttons(page)  # 12 desa, 8 per page
    await bot.press(user, page, buttons(page)["Berikutnya »"])
    page = bot.fake.last_message(user["id"])
    assert "halaman 2/2" in page["text"]
    await bot.press(user, page, buttons(page)["Welulang"])
    assert await home_of(bot, user) == desa(bot, "Welulang").id


async def test_typos_and_unknown_names_lead_to_candidates_or_browsing(area_bot: BotHarness) -> None:
    bot = area_bot
    user = bot.updates.user()
    await bot.command(user, "/start")
    await bot.say(user, "panditn")
    assert "Desa Panditan (Kec. Lumbang)" in buttons(bot.fake.last_message(user["id"]))

    await bot.say(user, "Kota Atlantis")
    offer = bot.fake.last_message(user["id"])
    assert "Desa bernama “Kota Atlantis” tidak ditemukan" in offer["text"]
    await bot.press(user, offer, buttons(offer)["🔎 Tidak ada di daftar"])
    listing = bot.fake.last_message(user["id"])
    assert listing["text"].startswith("Pilih kecamatan (halaman 1/2)")
    await bot.press(user, listing, buttons(listing)["Lumbang"])
    await bot.press(user, listing, buttons(bot.fake.last_message(user["id"]))["Bulukandang"])
    assert await home_of(bot, user) == desa(bot, "Bulukandang").id


@pytest.mark.parametrize(
    "typed",
    ["😀🙏", "a" * 4000, "'; DROP TABLE areas; --", "Kronto & co", "   ", "."],
)
async def test_odd_input_gets_a_polite_answer_and_changes_nothing(
    area_bot: BotHarness, typed: str
) -> None:
    bot = area_bot
    user = bot.updates.user()
    await bot.command(user, "/start")
    before = await row_counts(bot)
    await bot.say(user, typed)
    answer = bot.fake.last_message(user["id"])["text"]
    if "Kronto" in typed:
        # Markup is text, never markup: the words still find the desa.
        assert "Pilih" in answer or "Maksud Anda" in answer or "Desa asal Anda" in answer
    else:
        assert "tidak ditemukan" in answer
    assert len(answer) < 1000
    if "Kronto" not in typed:
        assert await row_counts(bot) == before


async def test_non_text_while_asking_and_batal(area_bot: BotHarness) -> None:
    bot = area_bot
    user = bot.updates.user()
    await bot.command(user, "/start")
    await bot.process(bot.updates.sticker(user))
    assert "nama desa dalam bentuk teks" in bot.fake.texts(user["id"])[-1]
    await bot.command(user, "/batal")
    assert bot.fake.texts(user["id"])[-1].startswith("Dibatalkan")
    await bot.say(user, "Kronto")
    assert await home_of(bot, user) is None


async def test_subscriptions_add_cover_limit_and_overview(area_bot: BotHarness) -> None:
    bot = area_bot
    user = bot.updates.user()
    await bot.services.subscriptions.set_home(user["id"], desa(bot, "Kronto").id)

    await bot.command(user, "/langganan Pancur")
    assert (
        "sekarang berlangganan kabar dari Pancur (Kec. Lumbang)" in (bot.fake.texts(user["id"])[-1])
    )
    await bot.command(user, "/langganan pancur")
    assert bot.fake.texts(user["id"])[-1] == "Anda sudah berlangganan Pancur (Kec. Lumbang)."

    # "Lumbang": the desa or the whole kecamatan.
    await bot.command(user, "/langganan Lumbang")
    choices = buttons(bot.fake.last_message(user["id"]))
    whole = choices["🔔 Seluruh Kec. Lumbang"]
    await bot.press(user, bot.fake.last_message(user["id"]), whole)
    assert kecamatan(bot, "Lumbang").id in await followed(bot, user)
    await bot.command(user, "/langganan Welulang")
    assert (
        "sudah termasuk langganan Anda untuk seluruh Kec. Lumbang"
        in (bot.fake.texts(user["id"])[-1])
    )

    await bot.command(user, "/desa")
    overview = bot.fake.last_message(user["id"])
    assert "Desa asal: Kronto (Kec. Lumbang)" in overview["text"]
    assert f"(3 dari maks. {MAX_SUBSCRIPTIONS})" in overview["text"]
    assert set(buttons(overview).values()) == {"ar:h:ask", "ar:s:ask", "ar:ua"}

    # Fill up to the limit with other kecamatan, then one more is refused.
    others = [k for k in bot.services.areas.kecamatan_list() if k.name != "Lumbang"]
    for entry in others[: MAX_SUBSCRIPTIONS - 3]:
        await bot.command(user, f"/langganan #{entry.id}")
    assert len(await followed(bot, user)) == MAX_SUBSCRIPTIONS
    await bot.command(user, f"/langganan #{others[-1].id}")
    assert "batas maksimal" in bot.fake.texts(user["id"])[-1]
    assert len(await followed(bot, user)) == MAX_SUBSCRIPTIONS


async def test_subscribe_by_button_flow(area_bot: BotHarness) -> None:
    bot = area_bot
    user = bot.updates.user()
    await bot.command(user, "/desa")
    overview = bot.fake.last_message(user["id"])
    assert "Desa asal: belum dipilih" in overview["text"]
    await bot.press(user, overview, "ar:s:ask")
    assert "Ketik nama desa atau kecamatan" in bot.fake.texts(user["id"])[-1]
    await bot.say(user, "Watu Lumbung")
    assert await followed(bot, user) == [desa(bot, "Watulumbung").id]
    assert await home_of(bot, user) is None


async def test_change_home_keeps_the_old_subscription(area_bot: BotHarness) -> None:
    bot = area_bot
    user = bot.updates.user()
    await bot.services.subscriptions.set_home(user["id"], desa(bot, "Kronto").id)
    await bot.press(user, bot.updates.message(user, text="menu"), "ar:h:ask")
    await bot.say(user, "Pancur")
    assert "Desa asal diganti ke Pancur (Kec. Lumbang)" in bot.fake.texts(user["id"])[-1]
    assert await home_of(bot, user) == desa(bot, "Pancur").id
    assert await followed(bot, user) == [desa(bot, "Kronto").id, desa(bot, "Pancur").id]


async def test_a_changed_home_desa_is_what_the_next_start_and_lapor_see(
    area_bot: BotHarness,
) -> None:
    # The home desa is kept in memory (SubscriptionService): a change must show at once.
    bot = area_bot
    user = bot.updates.user()

    async def place_question() -> str:
        await bot.command(user, "/lapor")
        await bot.press(user, bot.fake.last_message(user["id"]), "lp:cat:pencurian")
        await bot.say(user, "Motor dicuri dari depan rumah tadi malam")
        question = bot.fake.texts(user["id"])[-1]
        await bot.command(user, "/batal")
        return question

    await bot.command(user, "/start")
    assert "Di desa/kelurahan mana Anda tinggal?" in bot.fake.texts(user["id"])[-1]
    await bot.say(user, "kronto")
    assert "Atau pilih desa asal Anda: Kronto (Kec. Lumbang)" in await place_question()
    await bot.press(user, bot.updates.message(user, text="menu"), "ar:h:ask")
    await bot.say(user, "Pancur")
    assert "Desa asal diganti ke Pancur (Kec. Lumbang)" in bot.fake.texts(user["id"])[-1]
    assert "Atau pilih desa asal Anda: Pancur (Kec. Lumbang)" in await place_question()
    sent = len(bot.fake.texts(user["id"]))
    await bot.command(user, "/start")  # not asked for a desa again
    assert len(bot.fake.texts(user["id"])) == sent + 1


async def test_berhenti_one_then_all_after_confirmation(area_bot: BotHarness) -> None:
    bot = area_bot
    user = bot.updates.user()
    for name in ("Kronto", "Pancur", "Lumbang"):
        await bot.services.subscriptions.subscribe(user["id"], desa(bot, name).id)
    await bot.command(user, "/berhenti")
    menu = bot.fake.last_message(user["id"])
    await bot.press(user, menu, buttons(menu)["🔕 Pancur (Kec. Lumbang)"])
    assert await followed(bot, user) == [desa(bot, "Kronto").id, desa(bot, "Lumbang").id]
    menu = bot.fake.last_message(user["id"])
    assert menu["text"].startswith("🔕 Langganan Pancur (Kec. Lumbang) dihentikan.")

    await bot.press(user, menu, "ar:ua")
    confirm = bot.fake.last_message(user["id"])
    assert "Hentikan semua (2) langganan?" in confirm["text"]
    await bot.press(user, confirm, "ar:un")
    assert len(await followed(bot, user)) == 2
    await bot.press(user, confirm, "ar:uay")
    assert await followed(bot, user) == []
    assert "Semua langganan (2) dihentikan" in bot.fake.last_message(user["id"])["text"]


async def test_forged_and_stale_area_buttons_change_nothing(area_bot: BotHarness) -> None:
    bot = area_bot
    user = bot.updates.user()
    kabupaten = bot.services.areas.default_kabupaten
    await bot.command(user, "/desa")
    message = bot.fake.last_message(user["id"])
    before = await row_counts(bot)
    for data in (
        "ar:h:pick:99999999",
        f"ar:h:pick:{kecamatan(bot, 'Lumbang').id}",  # a kecamatan is no home
        f"ar:s:pick:{kabupaten.id}",  # nor is a whole kabupaten followed
        f"ar:h:kec:{desa(bot, 'Kronto').id}:0",  # a desa is browsed as a kecamatan
        "ar:u:99999999",
        "ar:h:pick:1;DROP",
        "ar:x",
    ):
        await bot.press(user, message, data)
        answer = bot.fake.calls_to("answerCallbackQuery")[-1].params
        assert answer["text"] == "Tombol ini sudah tidak berlaku.", data
    assert await row_counts(bot) == before
    # A page number past the end shows the last page instead of failing.
    await bot.press(user, message, f"ar:s:kec:{kecamatan(bot, 'Lumbang').id}:999")
    assert "halaman 2/2" in bot.fake.last_message(user["id"])["text"]


async def test_commands_for_private_chats_point_there_from_groups(area_bot: BotHarness) -> None:
    bot = area_bot
    user = bot.updates.user()
    group = bot.updates.group()
    for command in ("/desa", "/langganan Kronto", "/berhenti"):
        await bot.command(user, command, chat=group)
        assert bot.fake.texts(group["id"])[-1] == "Perintah ini dipakai di chat pribadi dengan bot."
    # A forged "ask" button in a group does not start a conversation there.
    await bot.press(user, bot.updates.message(user, chat=group, text="x"), "ar:s:ask")
    answer = bot.fake.calls_to("answerCallbackQuery")[-1].params
    assert answer["text"] == "Tombol ini sudah tidak berlaku."
    await bot.say(user, "Kronto", chat=group)
    assert await followed(bot, user) == []


async def test_no_area_data_yet_is_explained(bot: BotHarness) -> None:
    user = bot.updates.user()
    await bot.command(user, "/langganan")
    assert "daftar desa belum tersedia" in bot.fake.texts(user["id"])[-1]
    await bot.command(user, "/start")
    assert len(bot.fake.texts(user["id"])) == 2  # the welcome only: nothing to choose from


async def test_audience_reaches_each_chat_once(area_bot: BotHarness) -> None:
    bot = area_bot
    subscriptions = bot.services.subscriptions
    kronto, pancur = desa(bot, "Kronto"), desa(bot, "Pancur")
    lumbang = kecamatan(bot, "Lumbang")
    await subscriptions.subscribe(1, kronto.id)
    await subscriptions.subscribe(2, lumbang.id)
    await subscriptions.subscribe(3, pancur.id)
    await subscriptions.subscribe(4, kronto.id)
    await subscriptions.subscribe(4, pancur.id)
    await subscriptions.link_group(-100, kronto.id, title="Warga Kronto", actor_id=9)
    people, groups = await subscriptions.audience([kronto.id])
    assert people == {1, 2, 4} and groups == {-100}
    people, _ = await subscriptions.audience([lumbang.id])
    assert people == {1, 2, 3, 4}
    people, _ = await subscriptions.audience([kronto.id, pancur.id])
    assert people == {1, 2, 3, 4}
    people, groups = await subscriptions.audience([bot.services.areas.default_kabupaten.id])
    assert people == {1, 2, 3, 4} and groups == {-100}
    elsewhere = desa(bot, "Karang Jati", "Pandaan")
    assert await subscriptions.audience([elsewhere.id]) == (set(), set())


async def test_an_unanswered_question_lapses(
    pasuruan: str, settings: Any, fake: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    from handlers import areas as area_handlers

    monkeypatch.setattr(area_handlers, "TIMEOUT_SECONDS", 0.3)
    async with BotHarness(settings, fake) as bot:
        user = bot.updates.user()
        await bot.command(user, "/start")
        for _ in range(50):
            await asyncio.sleep(0.1)
            if "sudah ditutup" in bot.fake.texts(user["id"])[-1]:
                break
        assert bot.fake.texts(user["id"])[-1].startswith("⏱ Pertanyaan tentang desa tadi")
        # A late answer is no longer taken for the home desa.
        await bot.say(user, "Kronto")
        assert await home_of(bot, user) is None


@pytest.mark.parametrize(
    "typed", ["Karang Jati (Kec. Lumbang)", "Karang Jati (Lumbang)", "karang jati, lumbang"]
)
async def test_a_name_with_its_kecamatan_is_taken_at_once(area_bot: BotHarness, typed: str) -> None:
    bot = area_bot
    user = bot.updates.user()
    await bot.command(user, "/start")
    await bot.say(user, typed)
    assert "Desa asal Anda: Karang Jati (Kec. Lumbang)" in bot.fake.texts(user["id"])[-1]
    assert await home_of(bot, user) == desa(bot, "Karang Jati").id


async def test_kec_names_the_kecamatan_not_the_desa_of_that_name(area_bot: BotHarness) -> None:
    bot = area_bot
    user = bot.updates.user()
    await bot.command(user, "/start")
    await bot.say(user, "Kec. Lumbang")  # a home is a desa: the kecamatan's desa are shown
    assert bot.fake.texts(user["id"])[-1].startswith("Pilih desa di Kec. Lumbang (halaman 1/2)")
    await bot.command(user, "/batal")

    await bot.command(user, "/langganan Kec. Lumbang")
    assert "Kec. Lumbang (Kabupaten Pasuruan)" in bot.fake.texts(user["id"])[-1]
    assert await followed(bot, user) == [kecamatan(bot, "Lumbang").id]
    await bot.command(user, "/langganan Karang Jati (Kec. Pandaan)")
    assert "Karang Jati (Kec. Pandaan)" in bot.fake.texts(user["id"])[-1]
    assert desa(bot, "Karang Jati", "Pandaan").id in await followed(bot, user)
