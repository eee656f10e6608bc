"""Tests of the test harness itself: the fake Bot API, its HTTP server and the update builders."""

from __future__ import annotations

import asyncio
import datetime as dtm
import html
import random
import socket
import time
from collections.abc import AsyncIterator

import httpx
import pytest
from telegram import Bot
from telegram import InlineKeyboardButton
from telegram import InlineKeyboardMarkup
from telegram import KeyboardButton
from telegram import ReplyKeyboardMarkup
from telegram import Update
from telegram.error import BadRequest
from telegram.error import Conflict
from telegram.error import Forbidden
from telegram.error import NetworkError
from telegram.error import RetryAfter
from telegram.error import TimedOut
from telegram.ext import Application
from telegram.ext import CallbackQueryHandler
from telegram.ext import CommandHandler
from telegram.ext import ContextTypes
from telegram.request import HTTPXRequest

from tests.harness import DEFAULT_TOKEN
from tests.harness import FakeRequest
from tests.harness import FakeTelegram
from tests.harness import FakeTelegramServer
from tests.harness import Fault
from tests.harness import HtmlParseError
from tests.harness import ManualClock
from tests.harness import RealClock
from tests.harness import ScaledClock
from tests.harness import UpdateFactory
from tests.harness import deliver_webhook_updates
from tests.harness import latency_profile
from tests.harness import parse_html
from tests.harness import post_webhook_update_async
from tests.harness import to_update

START_WALL = 1_790_000_000.0


@pytest.fixture(autouse=True)
def _timedelta_retry_after(monkeypatch: pytest.MonkeyPatch) -> None:
    # Without it PTB warns (PTBDeprecationWarning) inside RetryAfter() itself: an error here.
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture
def manual_clock() -> ManualClock:
    """A clock that only moves when the test says so."""
    return ManualClock(START_WALL)


@pytest.fixture
def api(manual_clock: ManualClock) -> FakeTelegram:
    """A fake Bot API with Telegram's default limits on a manual clock."""
    return FakeTelegram(clock=manual_clock)


@pytest.fixture
def factory(api: FakeTelegram) -> UpdateFactory:
    """Update builders bound to `api`."""
    return UpdateFactory(api)


@pytest.fixture
async def tg_bot(api: FakeTelegram) -> AsyncIterator[Bot]:
    """A real telegram.Bot talking to `api` in-process."""
    # Both transports: a Bot given only `request` still polls api.telegram.org for getUpdates.
    bot = Bot(DEFAULT_TOKEN, request=FakeRequest(api), get_updates_request=FakeRequest(api))
    async with bot:
        yield bot


# ---- basics -----------------------------------------------------------------------------------


async def test_get_me(tg_bot: Bot, api: FakeTelegram) -> None:
    me = await tg_bot.get_me()
    assert me.id == api.bot_id
    assert me.username == "kamtibmas_test_bot"
    assert me.is_bot
    assert [c.method for c in api.calls_to("getme")] == ["getMe", "getMe"]  # initialize + ours


async def test_send_message_ids_per_chat_and_date(
    tg_bot: Bot, api: FakeTelegram, factory: UpdateFactory, manual_clock: ManualClock
) -> None:
    budi, siti = factory.user(first_name="Budi"), factory.user(first_name="Siti")
    first = await tg_bot.send_message(budi["id"], "satu")
    manual_clock.advance(5)
    second = await tg_bot.send_message(budi["id"], "dua")
    other = await tg_bot.send_message(siti["id"], "tiga")
    assert (first.message_id, second.message_id, other.message_id) == (1, 2, 1)
    assert first.date == dtm.datetime.fromtimestamp(START_WALL, dtm.UTC)
    assert second.date == dtm.datetime.fromtimestamp(START_WALL + 5, dtm.UTC)
    assert first.from_user is not None and first.from_user.id == api.bot_id
    assert api.texts(budi["id"]) == ["satu", "dua"]
    assert api.last_message(siti["id"]) == api.sent_messages(siti["id"])[0]
    assert api.stats.sends_accepted == 3


async def test_incoming_messages_share_the_chat_counter(
    tg_bot: Bot, api: FakeTelegram, factory: UpdateFactory
) -> None:
    budi = factory.user()
    incoming = factory.text(budi, "lapor pak")["message"]
    reply = await tg_bot.send_message(
        budi["id"], "Diterima", reply_to_message_id=incoming["message_id"]
    )
    assert (incoming["message_id"], reply.message_id) == (1, 2)
    assert reply.reply_to_message is not None
    assert reply.reply_to_message.text == "lapor pak"
    with pytest.raises(BadRequest, match="Message to be replied not found"):
        await tg_bot.send_message(budi["id"], "x", reply_to_message_id=99)


async def test_real_clock_dates_are_now() -> None:
    fake = FakeTelegram(clock=RealClock())
    user = UpdateFactory(fake).user()
    async with Bot(DEFAULT_TOKEN, request=FakeRequest(fake)) as bot:
        message = await bot.send_message(user["id"], "halo")
    assert abs(message.date.timestamp() - time.time()) < 2


# ---- formatting and validation ----------------------------------------------------------------


async def test_escaped_user_text_passes_html(
    tg_bot: Bot, api: FakeTelegram, factory: UpdateFactory
) -> None:
    budi = factory.user()
    user_text = 'Maling <motor> di "gang 3" & kabur'
    raw = f"<b>Laporan:</b> {html.escape(user_text)}"
    message = await tg_bot.send_message(budi["id"], raw, parse_mode="HTML")
    assert message.text == f"Laporan: {user_text}"
    assert [(e.type, e.offset, e.length) for e in message.entities] == [("bold", 0, 8)]
    assert api.raw_text(budi["id"], message.message_id) == raw


@pytest.mark.parametrize(
    "raw",
    [
        "harga < 5000",
        "<b>tebal",
        "Tom & Jerry",
        "<b><i>x</b></i>",
        "<script>alert(1)</script>",
        '<span class="merah">x</span>',
        "tutup</b>",
    ],
)
async def test_invalid_html_is_rejected(tg_bot: Bot, factory: UpdateFactory, raw: str) -> None:
    budi = factory.user()
    with pytest.raises(BadRequest, match="Can't parse entities"):
        await tg_bot.send_message(budi["id"], raw, parse_mode="HTML")


def test_parse_html_entities_count_utf16() -> None:
    text, entities = parse_html(
        '😀 <a href="https://x.id/?a=1&amp;b=2">tautan</a> '
        '<pre><code class="language-python">x = 1</code></pre> '
        "<blockquote expandable>kutipan</blockquote> &#65;&#x42;"
    )
    assert text == "😀 tautan x = 1 kutipan AB"
    assert entities == [
        {"type": "text_link", "offset": 3, "length": 6, "url": "https://x.id/?a=1&b=2"},
        {"type": "pre", "offset": 10, "length": 5, "language": "python"},
        {"type": "expandable_blockquote", "offset": 16, "length": 7},
    ]
    with pytest.raises(HtmlParseError, match='Unsupported start tag "br"'):
        parse_html("a<br/>b")


async def test_length_limits(tg_bot: Bot, factory: UpdateFactory) -> None:
    budi = factory.user()
    await tg_bot.send_message(budi["id"], "x" * 4096)
    # The limit applies to the visible text, after tags are stripped.
    await tg_bot.send_message(budi["id"], f"<b>{'x' * 4096}</b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match="Message is too long"):
        await tg_bot.send_message(budi["id"], "x" * 4097)
    with pytest.raises(BadRequest, match="Message text is empty"):
        await tg_bot.send_message(budi["id"], "   ")
    with pytest.raises(BadRequest, match="Message caption is too long"):
        await tg_bot.send_photo(budi["id"], b"\xff\xd8 foto", caption="y" * 1025)


async def test_button_rules(tg_bot: Bot, factory: UpdateFactory) -> None:
    budi, group = factory.user(), factory.group()
    ok = InlineKeyboardMarkup([[InlineKeyboardButton("Ya", callback_data="x" * 64)]])
    await tg_bot.send_message(budi["id"], "pilih", reply_markup=ok)
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("Ya", callback_data="é" * 33)]])
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await tg_bot.send_message(budi["id"], "pilih", reply_markup=too_long)
    share = ReplyKeyboardMarkup([[KeyboardButton("Kirim lokasi", request_location=True)]])
    await tg_bot.send_message(budi["id"], "lokasi?", reply_markup=share)
    with pytest.raises(BadRequest, match="private chats"):
        await tg_bot.send_message(group["id"], "lokasi?", reply_markup=share)


# ---- errors and faults ------------------------------------------------------------------------


async def test_block_and_unblock(tg_bot: Bot, api: FakeTelegram, factory: UpdateFactory) -> None:
    budi = factory.user()
    api.block(budi["id"])
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await tg_bot.send_message(budi["id"], "halo")
    api.block(budi["id"], "user is deactivated")
    with pytest.raises(Forbidden, match="user is deactivated"):
        await tg_bot.send_chat_action(budi["id"], "typing")
    api.unblock(budi["id"])
    assert (await tg_bot.send_message(budi["id"], "halo")).message_id == 1
    assert api.stats.forbidden == 2


async def test_injected_retry_after(tg_bot: Bot, api: FakeTelegram, factory: UpdateFactory) -> None:
    budi, siti = factory.user(), factory.user()
    api.inject(Fault.retry_after(34), method="sendMessage", chat_id=budi["id"])
    await tg_bot.send_message(siti["id"], "other chats are unaffected")
    with pytest.raises(RetryAfter) as caught:
        await tg_bot.send_message(budi["id"], "halo")
    assert caught.value.retry_after == dtm.timedelta(seconds=34)
    await tg_bot.send_message(budi["id"], "one-shot: passes now")
    failed = api.calls_to("sendMessage", chat_id=budi["id"])[0]
    assert failed.response == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 34",
        "parameters": {"retry_after": 34},
    }
    assert api.texts(budi["id"]) == ["one-shot: passes now"]


async def test_injected_transport_faults(
    tg_bot: Bot, api: FakeTelegram, factory: UpdateFactory
) -> None:
    budi = factory.user()
    api.inject(Fault.timeout(), method="sendMessage", times=2)
    for _ in range(2):
        with pytest.raises(TimedOut):
            await tg_bot.send_message(budi["id"], "lost")
    api.inject(Fault.network_error())
    with pytest.raises(NetworkError) as caught:
        await tg_bot.send_message(budi["id"], "lost")
    assert type(caught.value) is NetworkError
    # A delivered timeout: Telegram sent the message, the bot never heard back.
    api.inject(Fault.timeout(delivered=True))
    with pytest.raises(TimedOut):
        await tg_bot.send_message(budi["id"], "sent twice?")
    assert api.texts(budi["id"]) == ["sent twice?"]
    assert [c.fault for c in api.calls_to("sendMessage")] == [
        "timeout",
        "timeout",
        "network",
        "timeout",
    ]


async def test_slow_answer_times_out_but_is_delivered(
    api: FakeTelegram, factory: UpdateFactory
) -> None:
    budi = factory.user()
    async with Bot(DEFAULT_TOKEN, request=FakeRequest(api, read_timeout=1.0)) as bot:
        api.latency = lambda: 3.0
        with pytest.raises(TimedOut):
            await bot.send_message(budi["id"], "lambat")
    assert api.texts(budi["id"]) == ["lambat"]


async def test_chat_not_found(tg_bot: Bot, api: FakeTelegram, factory: UpdateFactory) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await tg_bot.send_message(123456, "halo")
    with pytest.raises(BadRequest, match="Chat not found"):
        await tg_bot.send_message("@tidak_ada", "halo")
    channel = api.register_chat(
        {"id": -1001234, "type": "channel", "title": "Info", "username": "info_desa"}
    )
    message = await tg_bot.send_message("@info_desa", "halo")
    assert message.chat_id == channel["id"]
    assert api.calls_to("sendMessage", chat_id=channel["id"])[0].ok


async def test_lenient_chats() -> None:
    fake = FakeTelegram(strict_chats=False)
    async with Bot(DEFAULT_TOKEN, request=FakeRequest(fake)) as bot:
        message = await bot.send_message(-1002000000042, "halo")
    assert message.chat.type == "supergroup"


async def test_edits(
    tg_bot: Bot, api: FakeTelegram, factory: UpdateFactory, manual_clock: ManualClock
) -> None:
    budi = factory.user()
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Ya", callback_data="ya")]])
    sent = await tg_bot.send_message(budi["id"], "Status: baru", reply_markup=keyboard)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await tg_bot.edit_message_text("x", chat_id=budi["id"], message_id=42)
    with pytest.raises(BadRequest, match="Message is not modified"):
        await tg_bot.edit_message_text(
            "Status: baru", chat_id=budi["id"], message_id=sent.message_id, reply_markup=keyboard
        )
    manual_clock.advance(3)
    # Same text without markup is a change: Telegram removes the keyboard.
    edited = await tg_bot.edit_message_text(
        "Status: baru", chat_id=budi["id"], message_id=sent.message_id
    )
    assert edited.reply_markup is None
    assert edited.edit_date == dtm.datetime.fromtimestamp(START_WALL + 3, dtm.UTC)
    await tg_bot.edit_message_reply_markup(budi["id"], sent.message_id, reply_markup=keyboard)
    with pytest.raises(BadRequest, match="Message is not modified"):
        await tg_bot.edit_message_reply_markup(budi["id"], sent.message_id, reply_markup=keyboard)
    with pytest.raises(BadRequest, match="There is no caption"):
        await tg_bot.edit_message_caption(budi["id"], sent.message_id, caption="x")
    current = api.last_message(budi["id"])
    assert current is not None and current["reply_markup"] == keyboard.to_dict()
    # sent_messages keeps what was sent; last_message shows the current state.
    assert "edit_date" not in api.sent_messages(budi["id"])[0]
    incoming = factory.text(budi, "pesan warga")["message"]
    with pytest.raises(BadRequest, match="Message can't be edited"):
        await tg_bot.edit_message_text("x", chat_id=budi["id"], message_id=incoming["message_id"])
    assert await tg_bot.delete_message(budi["id"], sent.message_id)
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await tg_bot.delete_message(budi["id"], sent.message_id)


async def test_unknown_method_is_404(api: FakeTelegram) -> None:
    assert api.handle("pinChatMessage", {"chat_id": 1}) == (
        404,
        {"ok": False, "error_code": 404, "description": "Not Found"},
    )
    status, body = api.handle("SENDMESSAGE", {"chat_id": "77", "text": "x"})
    assert (status, body["description"]) == (400, "Bad Request: chat not found")
    assert api.calls[-1].params["chat_id"] == 77


# ---- flood limits on a manual clock -----------------------------------------------------------


async def test_global_limit(
    tg_bot: Bot, api: FakeTelegram, factory: UpdateFactory, manual_clock: ManualClock
) -> None:
    users = [factory.user() for _ in range(32)]
    for user in users[:30]:
        await tg_bot.send_message(user["id"], "himbauan")
    with pytest.raises(RetryAfter) as caught:
        await tg_bot.send_message(users[30]["id"], "himbauan")
    assert caught.value.retry_after == dtm.timedelta(seconds=1)
    assert api.texts(users[30]["id"]) == []
    manual_clock.advance(1)
    await tg_bot.send_message(users[30]["id"], "himbauan")
    await tg_bot.send_message(users[31]["id"], "himbauan")
    assert api.stats.sends_accepted == 32
    assert api.stats.rate_limited == 1


async def test_private_chat_limit(
    tg_bot: Bot, api: FakeTelegram, factory: UpdateFactory, manual_clock: ManualClock
) -> None:
    budi = factory.user()
    for _ in range(3):  # a short burst passes
        await tg_bot.send_message(budi["id"], "burst")
    with pytest.raises(RetryAfter):
        await tg_bot.send_message(budi["id"], "too fast")
    for _ in range(10):  # one a second is sustainable
        manual_clock.advance(1)
        await tg_bot.send_message(budi["id"], "steady")
    manual_clock.advance(0.5)
    with pytest.raises(RetryAfter) as caught:
        await tg_bot.send_message(budi["id"], "two a second is not")
    assert caught.value.retry_after == dtm.timedelta(seconds=1)


async def test_group_limit(
    tg_bot: Bot, api: FakeTelegram, factory: UpdateFactory, manual_clock: ManualClock
) -> None:
    group = factory.group()
    for _ in range(20):
        await tg_bot.send_message(group["id"], "info")
        manual_clock.advance(1)
    # 20 messages at t=0..19; at t=20 the window frees up at t=60.
    with pytest.raises(RetryAfter) as caught:
        await tg_bot.send_message(group["id"], "info")
    assert caught.value.retry_after == dtm.timedelta(seconds=40)
    manual_clock.advance(39)
    with pytest.raises(RetryAfter):
        await tg_bot.send_message(group["id"], "info")
    manual_clock.advance(1)
    await tg_bot.send_message(group["id"], "info")
    assert len(api.sent_messages(group["id"])) == 21


async def test_penalty_mode_pauses_every_send(manual_clock: ManualClock) -> None:
    fake = FakeTelegram(clock=manual_clock, penalty_seconds=30)
    factory = UpdateFactory(fake)
    budi, siti = factory.user(), factory.user()
    async with Bot(DEFAULT_TOKEN, request=FakeRequest(fake)) as bot:
        for _ in range(3):
            await bot.send_message(budi["id"], "burst")
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(budi["id"], "one too many")
        assert caught.value.retry_after == dtm.timedelta(seconds=30)
        manual_clock.advance(10)
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(siti["id"], "another chat is paused too")
        assert caught.value.retry_after == dtm.timedelta(seconds=20)
        # Edits are not flood-limited.
        await bot.edit_message_text("edited", chat_id=budi["id"], message_id=1)
        manual_clock.advance(20)
        await bot.send_message(siti["id"], "free again")
    assert fake.stats.penalty_rejections == 1
    assert fake.stats.too_many_requests == 2


async def test_limits_off_and_scaled_clock() -> None:
    clock = ScaledClock(1000)
    fake = FakeTelegram(clock=clock, enforce_limits=False)
    budi = UpdateFactory(fake).user()
    start = clock.monotonic()
    async with Bot(DEFAULT_TOKEN, request=FakeRequest(fake)) as bot:
        for _ in range(50):
            await bot.send_message(budi["id"], "x")
        await clock.sleep(60)  # a fake minute is 60 ms of real time
    assert len(fake.sent_messages()) == 50
    assert clock.monotonic() - start >= 60


async def test_latency_overlaps_like_a_real_server() -> None:
    fake = FakeTelegram(enforce_limits=False)
    users = [UpdateFactory(fake).user(id=1000 + n) for n in range(10)]
    fake.latency = lambda: 0.2
    async with Bot(DEFAULT_TOKEN, request=FakeRequest(fake)) as bot:
        started = time.monotonic()
        await asyncio.gather(*(bot.send_message(u["id"], "x") for u in users))
        elapsed = time.monotonic() - started
    assert 0.2 <= elapsed < 0.6


async def test_latency_can_pass_after_the_request_arrives() -> None:
    clock = ManualClock(START_WALL)
    fake = FakeTelegram(clock=clock, enforce_limits=False)
    budi = UpdateFactory(fake).user()
    async with Bot(DEFAULT_TOKEN, request=FakeRequest(fake)) as bot:
        fake.latency = lambda: 0.5
        fake.latency_before_share = 0.0  # Telegram sees it at once, answers 0.5 s later
        await bot.send_message(budi["id"], "x")
        fake.latency_before_share = 1.0  # the default: the whole latency before arrival
        await bot.send_message(budi["id"], "y")
    first, second = fake.calls_to("sendMessage")
    assert first.at == 0.0  # arrived at once...
    assert second.at == 1.0  # ...answered 0.5 s later; the next one arrived 0.5 s after that


def test_latency_profile_is_seeded() -> None:
    samples = [latency_profile(rng=random.Random(7))() for _ in range(3)]
    again = [latency_profile(rng=random.Random(7))() for _ in range(3)]
    assert samples == again
    profile = latency_profile(stall_probability=0.5, rng=random.Random(1))
    values = [profile() for _ in range(200)]
    assert 60 < values.count(2.0) < 140
    ordinary = sorted(v for v in values if v != 2.0)
    assert 0.04 < ordinary[len(ordinary) // 2] < 0.08


# ---- commands, webhook ------------------------------------------------------------------------


async def test_commands_per_language(tg_bot: Bot, api: FakeTelegram) -> None:
    await tg_bot.set_my_commands([("lapor", "Buat laporan"), ("bantuan", "Bantuan")])
    await tg_bot.set_my_commands([("lapor", "Report")], language_code="en")
    assert [c["command"] for c in api.commands_for()] == ["lapor", "bantuan"]
    assert api.commands_for("en") == [{"command": "lapor", "description": "Report"}]
    assert [c.command for c in await tg_bot.get_my_commands(language_code="en")] == ["lapor"]
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await tg_bot.set_my_commands([("Lapor!", "x")])
    await tg_bot.delete_my_commands(language_code="en")
    assert api.commands_for("en") == []


async def test_webhook_blocks_get_updates(tg_bot: Bot, api: FakeTelegram) -> None:
    await tg_bot.set_webhook("https://example.invalid/hook", secret_token="rahasia")
    assert (await tg_bot.get_webhook_info()).url == "https://example.invalid/hook"
    with pytest.raises(Conflict, match="webhook is active"):
        await tg_bot.get_updates()
    await tg_bot.delete_webhook()
    assert await tg_bot.get_updates() == ()


# ---- HTTP server ------------------------------------------------------------------------------


async def test_http_long_poll_wakes_on_push(factory: UpdateFactory, api: FakeTelegram) -> None:
    budi = factory.user()
    with FakeTelegramServer(api) as server:
        async with httpx.AsyncClient(timeout=5) as client:
            poll = asyncio.create_task(
                client.post(server.api_url("getUpdates"), data={"timeout": "4", "offset": "0"})
            )
            await asyncio.sleep(0.1)
            assert not poll.done()
            started = time.monotonic()
            pushed = api.push_update(factory.text(budi, "tolong"))
            response = await poll
            assert time.monotonic() - started < 1
            body = response.json()
            assert body["ok"] and [u["update_id"] for u in body["result"]] == [pushed["update_id"]]
            # Confirming with offset drops it.
            confirm = await client.get(
                server.api_url("getUpdates"), params={"offset": pushed["update_id"] + 1}
            )
            assert confirm.json() == {"ok": True, "result": []}


async def test_http_token_and_form_normalisation(factory: UpdateFactory, api: FakeTelegram) -> None:
    budi = factory.user()
    with FakeTelegramServer(api) as server:
        async with httpx.AsyncClient(timeout=5) as client:
            wrong = await client.post(f"{server.base_url}999:wrong/getMe")
            assert wrong.status_code == 401
            assert wrong.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
            markup = '{"inline_keyboard": [[{"text": "Ya", "callback_data": "ya"}]]}'
            sent = await client.post(
                server.api_url("sendMessage"),
                data={"chat_id": str(budi["id"]), "text": "123", "reply_markup": markup},
            )
            assert sent.status_code == 200
            as_json = await client.post(
                server.api_url("sendMessage"), json={"chat_id": budi["id"], "text": "json"}
            )
            assert as_json.json()["result"]["message_id"] == 2
    params = api.calls_to("sendMessage")[0].params
    assert params["chat_id"] == budi["id"] and params["text"] == "123"
    assert params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "ya"


async def test_http_multipart_photo_and_download(factory: UpdateFactory, api: FakeTelegram) -> None:
    budi = factory.user()
    picture = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8
    with FakeTelegramServer(api) as server:
        bot = Bot(DEFAULT_TOKEN, base_url=server.base_url, base_file_url=server.file_url)
        async with bot:
            message = await bot.send_photo(
                budi["id"],
                picture,
                caption="Foto <b>TKP</b> — jalan raya",
                parse_mode="HTML",
                filename="tkp.jpg",
            )
            assert message.caption == "Foto TKP — jalan raya"
            assert len(message.photo) == 3
            file = await bot.get_file(message.photo[-1].file_id)
            assert bytes(await file.download_as_bytearray()) == picture
            incoming = factory.photo(budi, caption="bukti")["message"]["photo"][0]
            downloaded = await (await bot.get_file(incoming["file_id"])).download_as_bytearray()
            assert len(downloaded) == incoming["file_size"]
    upload = api.calls_to("sendPhoto")[0].files["photo"]
    assert (upload.filename, upload.size, upload.mime_type) == (
        "tkp.jpg",
        len(picture),
        "image/jpeg",
    )
    assert upload.content == picture


async def test_http_transport_faults(factory: UpdateFactory, api: FakeTelegram) -> None:
    budi = factory.user()
    with FakeTelegramServer(api, timeout_delay=1.0) as server:
        request = HTTPXRequest(read_timeout=0.3)
        async with Bot(DEFAULT_TOKEN, base_url=server.base_url, request=request) as bot:
            api.inject(Fault.timeout(), method="sendMessage")
            with pytest.raises(TimedOut):
                await bot.send_message(budi["id"], "x")
            api.inject(Fault.network_error(), method="sendMessage")
            with pytest.raises(NetworkError) as caught:
                await bot.send_message(budi["id"], "x")
            assert type(caught.value) is NetworkError
            api.inject(Fault.blocked("bot was kicked from the group chat"))
            with pytest.raises(Forbidden, match="kicked"):
                await bot.send_message(budi["id"], "x")
            assert (await bot.send_message(budi["id"], "ok")).text == "ok"


# ---- through a PTB Application ----------------------------------------------------------------


async def test_application_polling_round_trip(api: FakeTelegram, factory: UpdateFactory) -> None:
    replies: list[str] = []
    both_answered = asyncio.Event()

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(f"Halo! payload={context.args}")
        replies.append(update.effective_message.text or "")
        if len(replies) == 2:
            both_answered.set()

    app = (
        Application.builder()
        .token(DEFAULT_TOKEN)
        .request(FakeRequest(api))
        .get_updates_request(FakeRequest(api))
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    budi = factory.user()
    group = factory.group()
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(timeout=5)
    try:
        api.push_update(factory.command(budi, "/start desa_12"))
        api.push_update(
            factory.command(budi, "/start", chat=group, bot_username="kamtibmas_test_bot")
        )
        await asyncio.wait_for(both_answered.wait(), timeout=3)
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
    assert api.texts(budi["id"]) == ["Halo! payload=['desa_12']"]
    group_reply = api.sent_messages(group["id"])[0]
    assert group_reply["reply_to_message"]["text"] == "/start@kamtibmas_test_bot"
    assert api.calls_to("deleteWebhook") and api.calls_to("getMe")
    assert api.pending_updates == []  # the final getUpdates confirmed them


async def test_callback_round_trip(tg_bot: Bot, api: FakeTelegram, factory: UpdateFactory) -> None:
    async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer("Tercatat")
        await query.edit_message_text(f"Pilihan: {query.data}")

    app = Application.builder().token(DEFAULT_TOKEN).request(FakeRequest(api)).build()
    app.add_handler(CallbackQueryHandler(on_button))
    siti = factory.user(first_name="Siti")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Aman", callback_data="status:aman")]])
    await tg_bot.send_message(siti["id"], "Situasi?", reply_markup=keyboard)
    sent = api.last_message(siti["id"])
    assert sent is not None
    update = factory.press(siti, sent, "Aman")
    async with app:
        await app.process_update(to_update(update, app.bot))
    assert api.callback_answers[0]["text"] == "Tercatat"
    assert api.last_message(siti["id"])["text"] == "Pilihan: status:aman"  # type: ignore[index]
    with pytest.raises(BadRequest, match="Query is too old"):
        await tg_bot.answer_callback_query(update["callback_query"]["id"])
    with pytest.raises(ValueError, match="no button"):
        factory.callback(siti, sent, "status:palsu", check_button=True)
    forged = factory.callback(siti, sent, "status:palsu")
    assert forged["callback_query"]["data"] == "status:palsu"


async def test_webhook_mode(api: FakeTelegram, factory: UpdateFactory) -> None:
    answered = asyncio.Event()

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("diterima")
        answered.set()

    app = Application.builder().token(DEFAULT_TOKEN).request(FakeRequest(api)).build()
    app.add_handler(CommandHandler("lapor", echo))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/hook"
    budi = factory.user()
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_webhook(
            listen="127.0.0.1", port=port, url_path="hook", webhook_url=url, secret_token="s3cret"
        )
        try:
            assert api.webhook == {"url": url, "secret_token": "s3cret", "max_connections": 40}
            update = factory.command(budi, "/lapor")
            assert await post_webhook_update_async(url, update, "salah") == 403
            assert await post_webhook_update_async(url, update, "s3cret") == 200
            await asyncio.wait_for(answered.wait(), timeout=3)
            # Telegram's side: queued updates are POSTed to the webhook with the secret.
            answered.clear()
            api.push_update(factory.command(budi, "/lapor"))
            assert await asyncio.to_thread(deliver_webhook_updates, api) == [200]
            await asyncio.wait_for(answered.wait(), timeout=3)
        finally:
            await app.updater.stop()
            await app.stop()
    assert api.texts(budi["id"]) == ["diterima", "diterima"]


# ---- update builders --------------------------------------------------------------------------


def test_builders_make_valid_updates(api: FakeTelegram, factory: UpdateFactory) -> None:
    bot = Bot(DEFAULT_TOKEN, request=FakeRequest(api))
    budi = factory.user(first_name="Budi", last_name="Santoso", username="budi_s")
    siti = factory.user(first_name="Siti", language_code="en")
    group = factory.group("RT 05", supergroup=False)
    supergroup = factory.group()
    assert str(supergroup["id"]).startswith("-100") and group["id"] < 0
    built = [
        factory.text(budi, "halo", chat=group),
        factory.command(budi, "start lapor_1"),
        factory.location(budi, -7.25, 112.75, live_period=900),
        factory.photo(siti, caption="kebakaran", chat=supergroup),
        factory.sticker(budi),
        factory.voice(budi),
        factory.contact(budi, "+6281234567890"),
        factory.new_chat_members(supergroup, [siti]),
        factory.my_chat_member(factory.private_chat(siti), siti, "member", "kicked"),
    ]
    updates = [to_update(data, bot) for data in built]
    ids = [u.update_id for u in updates]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    command = updates[1].effective_message
    assert command is not None and command.text == "/start lapor_1"
    assert command.parse_entities() == {command.entities[0]: "/start"}
    photo = updates[3].effective_message
    assert photo is not None and [p.width for p in photo.photo] == [90, 320, 800]
    assert len({p.file_unique_id for p in photo.photo}) == 3
    assert updates[6].effective_message.contact.user_id == budi["id"]  # type: ignore[union-attr]
    assert updates[8].my_chat_member.new_chat_member.status == "kicked"  # type: ignore[union-attr]
    # The user blocking the bot is mirrored in the fake.
    assert api.is_blocked(siti["id"])
    message_ids = [u.effective_message.message_id for u in updates[:3]]  # type: ignore[union-attr]
    assert message_ids == [1, 1, 2]  # group chat, then budi's private chat


async def test_in_process_file_download(tg_bot: Bot, factory: UpdateFactory) -> None:
    budi = factory.user()
    voice = factory.voice(budi, duration=2)["message"]["voice"]
    file = await tg_bot.get_file(voice["file_id"])
    assert file.file_path is not None and file.file_path.endswith(".oga")
    assert len(await file.download_as_bytearray()) == voice["file_size"]
    with pytest.raises(BadRequest, match="Wrong file_id"):
        await tg_bot.get_file("tidak-ada")


def test_get_chat_member_and_admins(api: FakeTelegram, factory: UpdateFactory) -> None:
    group = factory.group()
    ketua, warga = factory.user(first_name="Ketua"), factory.user(first_name="Warga")
    api.set_chat_admins(group["id"], [ketua["id"]])
    status, body = api.handle("getChatMember", {"chat_id": group["id"], "user_id": ketua["id"]})
    assert (status, body["result"]["status"]) == (200, "administrator")
    status, body = api.handle("getChatMember", {"chat_id": group["id"], "user_id": warga["id"]})
    assert body["result"]["status"] == "member"
    status, body = api.handle("getChatMember", {"chat_id": group["id"], "user_id": 5})
    assert (status, body["description"]) == (400, "Bad Request: user not found")
    status, body = api.handle("getChatAdministrators", {"chat_id": str(group["id"])})
    assert [m["user"]["id"] for m in body["result"]] == [ketua["id"]]
