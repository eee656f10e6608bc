"""A bare python-telegram-bot 22 bot that answers the updates of bench/speed.py with the same
Bot API calls as the Kamtibmas Bot, keeping no state: the peer of issue 19's side-by-side.

    TELEGRAM_BOT_TOKEN=... TELEGRAM_API_BASE_URL=... TELEGRAM_API_FILE_URL=... \
        DUTY_CHAT_ID=-100... python bench/bare_bot.py

No database, no persistence, no rate limiter; `concurrent_updates(True)`. What it answers, with
texts and keyboards of about the size of ours (same callback data, so the driver presses the
same buttons):

- /start, /status: one reply;
- /lapor: the category question with its buttons;
- a category, "Lanjut", urgency, named/anonymous, "Kirim laporan" button: answer the query and
  edit its message at once (as the bot's `_show` does), with the next question's buttons; after
  "Kirim laporan" also the card to the duty chat (ours queues it for its delivery engine);
- text (the story): the place question with a reply keyboard;
- a location: "place noted" (removing the keyboard), then the photo question with "Lanjut";
- "Sudah dibaca" under an advisory: answer the query with a toast.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
from typing import Any

from telegram import InlineKeyboardButton
from telegram import InlineKeyboardMarkup
from telegram import KeyboardButton
from telegram import Message
from telegram import ReplyKeyboardMarkup
from telegram import ReplyKeyboardRemove
from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import Application
from telegram.ext import CallbackQueryHandler
from telegram.ext import CommandHandler
from telegram.ext import ContextTypes
from telegram.ext import Defaults
from telegram.ext import MessageHandler
from telegram.ext import filters

CATEGORIES = [
    ("🏍️ Pencurian", "pencurian"),
    ("👊 Kekerasan", "kekerasan"),
    ("🚗 Kecelakaan", "kecelakaan"),
    ("🔥 Kebakaran", "kebakaran"),
    ("🍺 Miras/Narkoba", "narkoba"),
    ("📢 Keributan", "keributan"),
    ("🌊 Bencana", "bencana"),
    ("❓ Lainnya", "lainnya"),
]
START = (
    "<b>Selamat datang di Bot Kamtibmas</b> 👮\n\nBot ini membantu warga melaporkan kejadian "
    "dan menerima imbauan dari Polsek. Desa Anda: <b>Kronto, Kec. Lumbang</b>.\n\n"
    "/lapor — buat laporan\n/status — laporan Anda\n/langganan — wilayah yang diikuti\n"
    "/bantuan — semua perintah\n\nDarurat? Telepon <b>110</b>."
)
STATUS = (
    "<b>Laporan Anda</b>\n\nBelum ada laporan yang sedang diproses. Buat laporan baru dengan "
    "/lapor; petugas Polsek akan menanggapinya di sini."
)
ASK_CATEGORY = "<b>Buat laporan</b> (1/6)\nApa yang terjadi? Pilih jenis kejadian:"
ASK_DESCRIPTION = (
    "<b>Ceritakan kejadiannya</b> (2/6)\nApa yang terjadi, kapan, dan siapa yang terlibat? "
    "Tulis minimal 10 huruf. Anda bisa mengirim foto dengan keterangan."
)
ASK_PLACE = (
    "<b>Di mana kejadiannya?</b> (3/6)\nBagikan lokasi, ketik tempatnya (mis. Jl. Raya dekat "
    "masjid), atau pilih desa Anda.\nDesa Anda: Kronto, Kec. Lumbang"
)
PLACE_NOTED = "📍 Tempat dicatat: lokasi yang dibagikan"
ASK_PHOTO = "<b>Foto</b> (4/6)\nKirim foto kejadian (maksimal 5), atau tekan Lanjut."
ASK_URGENT = "<b>Masih berlangsung?</b> (5/6)\nApakah kejadian ini darurat dan masih berlangsung?"
ASK_ANONYMOUS = (
    "<b>Identitas pelapor</b> (6/6)\nNama Anda hanya terlihat oleh polisi. Kirim dengan nama "
    "atau tanpa nama?"
)
SUMMARY = (
    "<b>Periksa laporan Anda</b>\n\nJenis: Pencurian\nCerita: Motor Honda Beat dicuri dari depan "
    "rumah tadi malam\nTempat: lokasi yang dibagikan\nDesa: Kronto, Kec. Lumbang\nFoto: 0\n"
    "Darurat: tidak\nIdentitas: dengan nama\n\nSudah benar? Tekan Kirim laporan."
)
SENT = (
    "✅ <b>Laporan terkirim</b> ke petugas Polsek Lumbang.\nNomor laporan: <code>LMB-0001</code>"
    "\nKami kabari di sini saat petugas menanggapinya. /status untuk melihat laporan Anda."
)
CARD = (
    "🆕 <b>Laporan LMB-0001</b> — Pencurian\nDesa Kronto, Kec. Lumbang\n📍 lokasi dibagikan\n"
    "Motor Honda Beat dicuri dari depan rumah tadi malam\nPelapor: Warga (dengan nama)"
)
ACK_THANKS = "Terima kasih, sudah dicatat."


def _buttons(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text, callback_data=data) for text, data in row] for row in rows]
    )


def _categories() -> InlineKeyboardMarkup:
    pairs = [(label, f"lp:cat:{value}") for label, value in CATEGORIES]
    return _buttons(
        [pairs[i : i + 2] for i in range(0, len(pairs), 2)] + [[("Batal", "lp:cancel")]]
    )


def _summary() -> InlineKeyboardMarkup:
    return _buttons(
        [
            [("📤 Kirim laporan", f"lp:send:{secrets.token_hex(8)}")],
            [("✏️ Jenis", "lp:fix:cat"), ("✏️ Cerita", "lp:fix:desc")],
            [("✏️ Tempat", "lp:fix:place"), ("✏️ Foto", "lp:fix:photo")],
            [("✏️ Darurat", "lp:fix:urg"), ("✏️ Identitas", "lp:fix:anon")],
            [("Batal", "lp:cancel")],
        ]
    )


# What a button leads to: the next question and its buttons (None: no buttons).
STEPS: dict[str, tuple[str, InlineKeyboardMarkup | None]] = {
    "lp:next": (ASK_URGENT, _buttons([[("Ya, darurat", "lp:urg:1"), ("Tidak", "lp:urg:0")]])),
    "lp:urg:": (
        ASK_ANONYMOUS,
        _buttons([[("Dengan nama", "lp:anon:0")], [("Tanpa nama", "lp:anon:1")]]),
    ),
}


def _message(update: Update) -> Message:
    message = update.effective_message
    assert message is not None
    return message


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start."""
    await _message(update).reply_text(START)


async def status(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/status."""
    await _message(update).reply_text(STATUS)


async def lapor(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/lapor: the category question."""
    await _message(update).reply_text(ASK_CATEGORY, reply_markup=_categories())


async def text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The story: ask for the place."""
    markup = ReplyKeyboardMarkup(
        [[KeyboardButton("📍 Bagikan lokasi", request_location=True)], ["🏠 Di desa saya"]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )
    await _message(update).reply_text(ASK_PLACE, reply_markup=markup)


async def location(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A shared location: noted, then the photo question."""
    message = _message(update)
    await message.reply_text(PLACE_NOTED, reply_markup=ReplyKeyboardRemove())
    await message.reply_text(ASK_PHOTO, reply_markup=_buttons([[("Lanjut ➡️", "lp:next")]]))


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button: answer it and edit its message at once; a "Sudah dibaca" only answers."""
    query = update.callback_query
    assert query is not None
    data = query.data or ""
    if data.startswith("adv:ack:"):
        await query.answer(ACK_THANKS)
        return
    markup: InlineKeyboardMarkup | None = None
    card = None
    if data.startswith("lp:cat:"):
        reply = ASK_DESCRIPTION
    elif data.startswith("lp:anon:"):
        reply, markup = SUMMARY, _summary()
    elif data.startswith("lp:send:"):
        reply, card = SENT, os.environ.get("DUTY_CHAT_ID")
    else:
        reply, markup = next(
            (step for prefix, step in STEPS.items() if data.startswith(prefix)), (SENT, None)
        )
    await asyncio.gather(query.answer(), query.edit_message_text(reply, reply_markup=markup))
    if card:
        await context.bot.send_message(int(card), CARD)


def build() -> Application[Any, Any, Any, Any, Any, Any]:
    """The Application, pointed at TELEGRAM_API_BASE_URL like the bot."""
    application = (
        Application.builder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(os.environ.get("TELEGRAM_API_BASE_URL", "https://api.telegram.org/bot"))
        .base_file_url(os.environ.get("TELEGRAM_API_FILE_URL", "https://api.telegram.org/file/bot"))
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .concurrent_updates(True)
        .build()
    )
    private = filters.ChatType.PRIVATE
    application.add_handler(CommandHandler("start", start, filters=private))
    application.add_handler(CommandHandler("status", status, filters=private))
    application.add_handler(CommandHandler("lapor", lapor, filters=private))
    application.add_handler(MessageHandler(private & filters.LOCATION, location))
    application.add_handler(MessageHandler(private & filters.TEXT & ~filters.COMMAND, text))
    application.add_handler(CallbackQueryHandler(button))
    return application


def main() -> None:
    """Poll until SIGINT/SIGTERM."""
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "WARNING"))
    logging.getLogger("httpx").setLevel(logging.WARNING)
    build().run_polling(allowed_updates=Update.ALL_TYPES)


if __name__ == "__main__":
    main()
