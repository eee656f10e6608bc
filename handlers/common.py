"""Small helpers shared by the handler modules."""

from __future__ import annotations

from typing import Any

from telegram import CallbackQuery, Update
from telegram import User as TgUser
from telegram.constants import ChatType
from telegram.error import BadRequest
from telegram.ext import filters

from bot.services.users import Person

# Commands and messages are answered when sent, not again when the user edits them (PTB's
# handlers take edited messages too unless told otherwise).
NEW_MESSAGE = filters.UpdateType.MESSAGE


def person(user: TgUser) -> Person:
    """The service-layer view of a Telegram user."""
    return Person(
        id=user.id, first_name=user.first_name, last_name=user.last_name, username=user.username
    )


def is_private(update: Update) -> bool:
    """Whether the update comes from a one-to-one chat with the bot."""
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE


async def edit_query_message(query: CallbackQuery, text: str, **kwargs: Any) -> None:
    """Edit the message under a pressed button; an identical edit (a double tap) is fine."""
    try:
        await query.edit_message_text(text, **kwargs)
    except BadRequest as exc:
        # Telegram answers 400 "message is not modified" when nothing would change.
        if "not modified" not in exc.message.lower():
            raise
