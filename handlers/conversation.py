"""Building blocks for conversations, and the one rule that keeps them apart.

Every conversation ends on /batal (or the word "batal"). A user has at most one open
conversation: when a command or button starts one, any other the user has open ends (its
draft is dropped, its timeout cancelled) and the user is told in one line which one was left.
So a typed text always goes to the conversation the user started last, whatever the order in
which bot/app.py registers them.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from telegram import ReplyKeyboardRemove
from telegram import Update
from telegram.ext import Application
from telegram.ext import BaseHandler
from telegram.ext import CommandHandler
from telegram.ext import ConversationHandler
from telegram.ext import MessageHandler
from telegram.ext import filters
from telegram.ext._utils.types import ConversationKey

from bot.ptb.context import Ctx
from bot.texts import TEXTS
from bot.texts import t
from handlers.common import NEW_MESSAGE

# "/batal", and "batal" typed as a word, as people used to WhatsApp do.
CANCEL_WORD = filters.Regex(r"(?i)^\s*batal\s*$")


async def cancel_conversation(update: Update, context: Ctx) -> int:
    """Leave the running conversation; nothing half-done is kept."""
    # user_data holds only conversation drafts (bot/ptb/persistence.py): drop them.
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


class Conversation(ConversationHandler[Ctx]):
    """A ConversationHandler that, once started, is its user's only open conversation.

    States are keyed by (chat id, user id), PTB's default; the draft lives in
    `user_data[draft]`. Ending one from outside uses PTB 22's own bookkeeping
    (`_conversations`, `timeout_jobs`, `_update_state`), as its timeout does.
    """

    __slots__ = ("draft",)

    def __init__(self, *, draft: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.draft = draft

    async def handle_update(  # type: ignore[override]
        self,
        update: Update,
        application: Application[Any, Ctx, Any, Any, Any, Any],
        check_result: Any,
        context: Ctx,
    ) -> object | None:
        """Run the step; when it was an entry point and the conversation is now open, end
        every other conversation of the user."""
        _state, key, handler, _check = check_result
        result = await super().handle_update(update, application, check_result, context)
        if handler in self.entry_points and key in self._conversations:
            await _leave_others(application, context, started=self, key=key)
        return result

    async def end(self, key: ConversationKey) -> None:
        """End the conversation at `key` from outside: no timeout fires for it any more, and
        persistence learns that it ended (PTB tracks the deletion)."""
        async with self._timeout_jobs_lock:
            job = self.timeout_jobs.pop(key, None)
        if job is not None:
            job.schedule_removal()
        self._update_state(self.END, key)

    def keys_of(self, user_id: int) -> list[ConversationKey]:
        """The keys under which `user_id` has this conversation open (one per chat)."""
        return [key for key in self._conversations if key[-1] == user_id]

    def state(self, key: ConversationKey) -> object | None:
        """Where the conversation at `key` stands (None: not open)."""
        return self._conversations.get(key)


def conversations(application: Application[Any, Any, Any, Any, Any, Any]) -> list[Conversation]:
    """Every conversation registered in `application`."""
    return [
        handler
        for group in application.handlers.values()
        for handler in group
        if isinstance(handler, Conversation)
    ]


async def end_all(application: Application[Any, Any, Any, Any, Any, Any], user_id: int) -> None:
    """End every conversation `user_id` has open, in every chat, and drop their user_data (their
    drafts), in memory and, at the next persistence round, in the database (a deletion of their
    data: nothing of theirs may linger in the running bot)."""
    for known in conversations(application):
        for key in known.keys_of(user_id):
            await known.end(key)
    application.user_data.get(user_id, {}).clear()
    application.drop_user_data(user_id)


def check_registered(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Refuse a conversation that would escape the rule: every ConversationHandler must come
    from `conversation()` and have a name its users are told."""
    for group in application.handlers.values():
        for handler in group:
            if isinstance(handler, ConversationHandler) and not isinstance(handler, Conversation):
                raise TypeError(f"conversation {handler.name!r} is not made by conversation()")
    for known in conversations(application):
        if f"conversation.{known.name}" not in TEXTS["id"]:
            raise LookupError(f"conversation {known.name!r} has no text conversation.{known.name}")


def label(lang: str, name: str, state: object) -> str:
    """The conversation's name as its users know it; a state may have its own
    (`conversation.<name>.<state>`), else the conversation's (`conversation.<name>`)."""
    specific = f"conversation.{name}.{state}"
    return t(lang, specific if specific in TEXTS["id"] else f"conversation.{name}")


async def _leave_others(
    application: Application[Any, Any, Any, Any, Any, Any],
    context: Ctx,
    *,
    started: Conversation,
    key: ConversationKey,
) -> None:
    """End every conversation the user has open besides `started` at `key`, drop their
    drafts, and say in one line which ones were left."""
    chat_id, user_id = key[0], key[-1]
    left: list[str] = []
    chats = {chat_id}
    for other in conversations(application):
        for other_key in other.keys_of(user_id):
            if other is started and other_key == key:
                continue
            state = other.state(other_key)
            await other.end(other_key)
            # The same conversation open in another chat shares the fresh draft: keep it.
            if other is not started:
                context.user_data.pop(other.draft, None)
                left.append(label(context.lang, str(other.name), state))
                chats.add(other_key[0])
    if left:
        # Said in private when either conversation was there (chat id = user id): a group
        # need not hear about someone's private report.
        where = user_id if user_id in chats else chat_id
        names = ", ".join(dict.fromkeys(left))
        await context.bot.send_message(where, t(context.lang, "conversation.left", names=names))


def conversation(
    name: str,
    entry_points: Sequence[BaseHandler],
    states: Mapping[object, Sequence[BaseHandler]],
    *,
    fallbacks: Sequence[BaseHandler] = (),
    conversation_timeout: float | None = None,
    persistent: bool = True,
    draft: str | None = None,
) -> Conversation:
    """A persistent conversation in which /batal (or "batal") ends every state.

    Its state survives a restart (bot/ptb/persistence.py); keep its draft in
    `context.user_data[draft]` (the conversation's `name` unless given), as plain JSON.
    Starting it ends the user's other conversations (see the module docstring); give it a
    `conversation.<name>` text so the user is told which one was left.

    The cancel handlers go first in each state, not only among the fallbacks: a state waiting
    for free text would otherwise take the word "batal" as its answer.
    """
    with warnings.catch_warnings():
        # Conversations are per user and chat on purpose: buttons of any earlier message of the
        # conversation stay usable (each press is validated by its handler), which is what PTB
        # warns about for CallbackQueryHandlers.
        warnings.filterwarnings("ignore", message="If 'per_message=False'")
        return Conversation(
            draft=draft or name,
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
