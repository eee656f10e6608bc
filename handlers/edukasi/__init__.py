"""Sosialisasi (/edukasi) in the chat (the service: bot/services/edukasi).

    browse.py    /edukasi: topics, a topic's items, an item, 🔁 again, 🗄 archive (managers)
    add.py       ➕ Tambah materi: the conversation that adds an item
    series.py    🗓 Rencanakan seri (a conversation), 📋 the list with ⏸ / ▶️ / ⏹
    jobs.py      the JobQueue jobs `edukasi:series:<id>`; `rebuild_jobs`

Button data is defined once in bot/services/edukasi/callbacks.py.
"""

from __future__ import annotations

from telegram.ext import BaseHandler
from telegram.ext import CallbackQueryHandler
from telegram.ext import filters

from bot.services.authz import Action
from bot.services.edukasi.callbacks import Again
from bot.services.edukasi.callbacks import Archive
from bot.services.edukasi.callbacks import Home
from bot.services.edukasi.callbacks import OpenItem
from bot.services.edukasi.callbacks import Topic
from handlers.common import NEW_MESSAGE
from handlers.edukasi import add
from handlers.edukasi import browse
from handlers.edukasi import series
from handlers.edukasi.jobs import rebuild_jobs
from handlers.menus import command

__all__ = ["handlers", "rebuild_jobs"]


def handlers() -> list[BaseHandler]:
    """/edukasi and its buttons; the conversations that add an item and plan a series."""
    return [
        *add.handlers(),
        *series.handlers(),
        command(
            "edukasi",
            browse.start,
            rank=85,
            filters=NEW_MESSAGE & filters.ChatType.PRIVATE,
            manages=Action.MANAGE_EDUCATION,
        ),
        CallbackQueryHandler(browse.home, pattern=Home.pattern()),
        CallbackQueryHandler(browse.topic, pattern=Topic.pattern()),
        CallbackQueryHandler(browse.open_item, pattern=OpenItem.pattern()),
        CallbackQueryHandler(browse.again, pattern=Again.pattern()),
        CallbackQueryHandler(browse.archive, pattern=Archive.pattern()),
    ]
