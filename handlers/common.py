"""Small helpers shared by the handler modules: who sent it, `say()` an answer, guard a
conversation's draft, build a keyboard, tell a refusal."""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Awaitable
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Sequence
from typing import Any
from typing import TypeVar

from telegram import CallbackQuery
from telegram import InlineKeyboardButton
from telegram import InlineKeyboardMarkup
from telegram import Message
from telegram import Update
from telegram import User as TgUser
from telegram.constants import ChatType
from telegram.error import BadRequest
from telegram.ext import ConversationHandler
from telegram.ext import filters

from bot.callbacks import CallbackData
from bot.errors import UserFacingError
from bot.ptb.context import Ctx
from bot.services.area_search import AreaEntry
from bot.services.users import Person
from bot.texts import plain_text
from bot.texts import t
from storage.models import AreaLevel

# Commands and messages are answered when sent, not again when the user edits them (PTB's
# handlers take edited messages too unless told otherwise).
NEW_MESSAGE = filters.UpdateType.MESSAGE

# Telegram shows at most 200 characters in a button's answer (a toast or an alert).
TOAST_LIMIT = 200

R = TypeVar("R")
Button = TypeVar("Button", bound=CallbackData)
Handler = Callable[[Update, Ctx], Awaitable[R]]
# The button offered for an area among several: (its short label) -> (label, data).
AreaButton = Callable[[AreaEntry, str], tuple[str, CallbackData]]


# A line put above every message `say()` and `edit_query_message()` send while it is set: the
# LATIHAN banner of /lapor's practice mode (handlers/latihan/practice.py).
_BANNER: contextvars.ContextVar[str] = contextvars.ContextVar("banner", default="")


@contextlib.contextmanager
def banner(line: str) -> Iterator[None]:
    """Put `line` above every message sent inside (see `bannered`)."""
    token = _BANNER.set(line)
    try:
        yield
    finally:
        _BANNER.reset(token)


def bannered(text: str) -> str:
    """`text` under the banner line, when one is set (and not there already)."""
    line = _BANNER.get()
    return f"{line}\n{text}" if line and not text.startswith(line) else text


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
    """Edit the message under a pressed button; an identical edit (a double tap) is fine.
    A message without text (a photo: only a forged press gets here) is answered with a new one."""
    text = bannered(text)
    message = query.message
    if isinstance(message, Message) and message.text is None:
        await message.chat.send_message(text, **kwargs)
        return
    try:
        await query.edit_message_text(text, **kwargs)
    except BadRequest as exc:
        # Telegram answers 400 "message is not modified" when nothing would change.
        if "not modified" not in exc.message.lower():
            raise


async def say(
    update: Update,
    text: str,
    *,
    toast: bool = False,
    alert: bool = True,
    edit: bool = False,
    **kwargs: Any,
) -> Message | None:
    """Answer the user with `text`, the one way every handler does.

    - A typed message is answered with a reply (`reply_text`).
    - A pressed button: with `toast=True`, as the button's answer (plain text, up to 200
      characters; `alert=True` a pop-up to close, else a toast); with `edit=True`, in place of
      the message that carried the button (the caller has answered the button); otherwise the
      button is answered and `text` sent as a new message in its chat.
    `kwargs` (reply_markup, ...) go to the sent or edited message. Returns a sent message.
    """
    query = update.callback_query
    if query is not None:
        if toast:
            await query.answer(plain_text(text)[:TOAST_LIMIT], show_alert=alert)
            return None
        if edit:
            await edit_query_message(query, text, **kwargs)
            return None
        await query.answer()
        chat = update.effective_chat
        assert chat is not None  # a button always sits on a message in a chat
        return await chat.send_message(bannered(text), **kwargs)
    message = update.effective_message
    assert message is not None  # every handler that calls say() answers a message or button
    return await message.reply_text(bannered(text), **kwargs)


async def refuse(update: Update, context: Ctx, error: UserFacingError, **kwargs: Any) -> None:
    """Tell the user why their request cannot be done (a button: as a pop-up)."""
    await say(update, error.text(context.lang), toast=True, **kwargs)


def pressed(update: Update, kind: type[Button]) -> Button:
    """The values of the pressed button, for a handler registered with `kind.pattern()`."""
    query = update.callback_query
    button = kind.parse(query.data if query else None)
    assert button is not None  # the handler's pattern matched this data
    return button


def keyboard(
    rows: Sequence[Sequence[tuple[str, str | CallbackData]]],
) -> InlineKeyboardMarkup:
    """An inline keyboard from rows of (label, data): data is a `CallbackData` or its string."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    label, callback_data=data.data if isinstance(data, CallbackData) else data
                )
                for label, data in row
            ]
            for row in rows
        ]
    )


def needs_draft(name: str, lost_key: str) -> Callable[[Handler[Any]], Handler[Any]]:
    """Run a conversation step only while its draft (`user_data[name]`) exists.

    A button of a finished or expired conversation, or a restart that lost the draft, gets
    the text `lost_key` (a pop-up under a button) and ends the conversation.
    """

    def decorate(step: Handler[Any]) -> Handler[Any]:
        @functools.wraps(step)
        async def guarded_step(update: Update, context: Ctx) -> Any:
            if context.user_data.get(name) is None:
                context.user_data.pop(name, None)
                await say(update, t(context.lang, lost_key), toast=True)
                return ConversationHandler.END
            return await step(update, context)

        return guarded_step

    return decorate


async def typed_area(
    update: Update,
    context: Ctx,
    text: str,
    levels: tuple[AreaLevel, ...],
    button: Callable[[int], CallbackData],
    not_found: str,
    near: str | None = None,
) -> int | None:
    """The area `text` names at one of `levels`; otherwise None, the user told: `not_found`
    (a text key with {text}) when nothing is close, else which one is meant (`near`: the
    question for near spellings), with a `button(area_id)` each."""
    resolution = context.services.areas.resolution(text, levels)
    if resolution.entry is not None:
        return resolution.entry.id
    if not resolution.candidates:
        shown = " ".join(text.split())[:64] or "…"
        await say(update, t(context.lang, not_found, text=shown))
        return None
    candidates = [m.entry for m in resolution.candidates[:8]]
    question = None if resolution.same_name or near is None else t(context.lang, near)
    await ask_which_area(
        update, context, candidates, lambda e, label: (label, button(e.id)), question
    )
    return None


async def ask_which_area(
    update: Update,
    context: Ctx,
    candidates: Sequence[AreaEntry],
    button: AreaButton,
    question: str | None = None,
) -> None:
    """Ask which of the areas bearing one name is meant ("Lumbang yang mana?") or, with
    `question`, which of near spellings; one short button each. The question the user answered
    is not asked again."""
    labels = context.services.areas.choice_labels(candidates)
    rows = [[button(entry, label)] for entry, label in zip(candidates, labels, strict=True)]
    question = question or t(context.lang, "areas.which", name=candidates[0].name)
    await say(update, question, reply_markup=keyboard(rows))
