"""Building blocks for conversations: every conversation ends on /batal (or the word "batal")."""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence

from telegram import ReplyKeyboardRemove, Update
from telegram.ext import BaseHandler, CommandHandler, ConversationHandler, MessageHandler, filters

from bot.context import Ctx
from bot.texts import t
from handlers.common import NEW_MESSAGE

# "/batal", and "batal" typed as a word, as people used to WhatsApp do.
CANCEL_WORD = filters.Regex(r"(?i)^\s*batal\s*$")


async def cancel_conversation(update: Update, context: Ctx) -> int:
    """Leave the running conversation; nothing half-done is kept."""
    # user_data holds only conversation drafts (bot/persistence.py): drop them.
    context.user_data.clear()
    if update.effective_message is not None:
        await update.effective_message.reply_text(
            t(context.lang, "cancel.done"), reply_markup=ReplyKeyboardRemove()
        )
    return ConversationHandler.END


def cancel_handlers() -> list[BaseHandler]:
    """The fallbacks that cancel a conversation from any state."""
    return [
        CommandHandler(["batal", "cancel"], cancel_conversation, filters=NEW_MESSAGE),
        MessageHandler(NEW_MESSAGE & CANCEL_WORD & ~filters.COMMAND, cancel_conversation),
    ]


def conversation(
    name: str,
    entry_points: Sequence[BaseHandler],
    states: Mapping[object, Sequence[BaseHandler]],
    *,
    fallbacks: Sequence[BaseHandler] = (),
    conversation_timeout: float | None = None,
    persistent: bool = True,
) -> ConversationHandler:
    """A persistent ConversationHandler in which /batal (or "batal") ends every state.

    Its state survives a restart (bot/persistence.py); keep its draft in
    `context.user_data[name]`, as plain JSON.

    The cancel handlers go first in each state, not only among the fallbacks: a state waiting
    for free text would otherwise take the word "batal" as its answer.
    """
    with warnings.catch_warnings():
        # Conversations are per user and chat on purpose: buttons of any earlier message of the
        # conversation stay usable (each press is validated by its handler), which is what PTB
        # warns about for CallbackQueryHandlers.
        warnings.filterwarnings("ignore", message="If 'per_message=False'")
        return ConversationHandler(
            entry_points=list(entry_points),
            states={
                state: hs if state == ConversationHandler.TIMEOUT else [*cancel_handlers(), *hs]
                for state, hs in states.items()
            },
            fallbacks=[*cancel_handlers(), *fallbacks],
            name=name,
            persistent=persistent,
            conversation_timeout=conversation_timeout,
            allow_reentry=True,
        )
