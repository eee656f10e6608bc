"""Naming people in the chat: the people picker's keyboard, text mentions and forwarded
messages. The plain parts (pages, choosing, teams put together) are in
bot/services/patrols/people.py; button data is `Pick` (bot/services/patrols/callbacks.py).

Reuse in another conversation (e.g. /siaga choosing people), with an owner word of its own
(`[a-z]{1,8}`) and its own draft in `user_data`::

    CallbackQueryHandler(on_pick, pattern=Pick.pattern_for("sg"))   # in the state that picks
    candidates = await services.patrols.watch_members(desa_id)        # [(id, "Andi (@andi)")]
    page = page_of(candidates, draft["page"])
    text = picker_text(lang, title, page)
    markup = picker_keyboard(lang, "sg", page, chosen, actions=[(t(lang, "pick.btn_done"), "ok")])
    # on_pick: button = pressed(update, Pick); "t": toggle button.value (a Telegram id),
    # "pg": show page button.value, "ok": done; edit the message with the new text and markup.

    text, people, shown = with_mentions(message)   # text mentions as stand-in words
    parse_teams(text, people)                       # -> names and ids; `shown` names the ids
    origin = forwarded_from(message)                # who wrote a forwarded message (or None)

handlers/patrols/naming.py puts them together for a roster's teams and a shift's members.
"""

from __future__ import annotations

from collections.abc import Collection
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from telegram import InlineKeyboardMarkup
from telegram import Message
from telegram import MessageEntity
from telegram import MessageOriginChannel
from telegram import MessageOriginChat
from telegram import MessageOriginHiddenUser
from telegram import MessageOriginUser

from bot.services.patrols.callbacks import Pick
from bot.services.patrols.callbacks import PickVerb
from bot.services.patrols.people import Page
from bot.texts import t
from handlers.common import keyboard

# Telegram shows about this much of a button's label on a phone.
LABEL_LIMIT = 48
# A text mention in typed teams becomes this word (a private-use character nobody types).
STAND_IN = "\ue000{}"


def picker_text(lang: str, title: str, page: Page) -> str:
    """The picker's message: its title and which page it shows."""
    return t(lang, "pick.list", title=title, page=page.number + 1, pages=page.count)


def picker_keyboard(
    lang: str,
    owner: str,
    page: Page,
    chosen: Collection[int],
    actions: Sequence[tuple[str, PickVerb]] = (),
) -> InlineKeyboardMarkup:
    """One button per person of the page (✅ before the chosen), ◀️ n/m ▶️ when there are
    several pages, and the owner's action buttons (label, verb) in the last row."""
    rows = []
    for user_id, label in page.items:
        shown = ("✅ " if user_id in chosen else "") + label
        if len(shown) > LABEL_LIMIT:
            shown = shown[: LABEL_LIMIT - 1] + "…"
        rows.append([(shown, Pick(owner, "t", user_id))])
    if page.count > 1:
        nav = []
        if page.number > 0:
            nav.append((t(lang, "pick.btn_prev_page"), Pick(owner, "pg", page.number - 1)))
        here = t(lang, "pick.page", page=page.number + 1, pages=page.count)
        nav.append((here, Pick(owner, "pg", page.number)))
        if page.number < page.count - 1:
            nav.append((t(lang, "pick.btn_next_page"), Pick(owner, "pg", page.number + 1)))
        rows.append(nav)
    if actions:
        rows.append([(label, Pick(owner, verb, 0)) for label, verb in actions])
    return keyboard(rows)


def with_mentions(message: Message) -> tuple[str, dict[str, int], dict[int, str]]:
    """The message's text with each text mention (a person named without @username) replaced
    by a stand-in word; the stand-ins' Telegram ids, and each id's shown name (the mention's
    text). Offsets count UTF-16 code units, as Telegram's do."""
    text = message.text or ""
    found = message.parse_entities([MessageEntity.TEXT_MENTION])
    if not found:
        return text, {}, {}
    encoded = text.encode("utf-16-le")
    pieces, people, shown = [], {}, {}
    position = 0
    for number, entity in enumerate(sorted(found, key=lambda e: e.offset)):
        if entity.user is None or entity.offset < position:
            continue
        word = STAND_IN.format(number)
        pieces.append(encoded[position * 2 : entity.offset * 2].decode("utf-16-le"))
        pieces.append(f" {word} ")
        people[word] = entity.user.id
        shown[entity.user.id] = " ".join(found[entity].split()) or entity.user.full_name
        position = entity.offset + entity.length
    pieces.append(encoded[position * 2 :].decode("utf-16-le"))
    return "".join(pieces), people, shown


@dataclass(frozen=True)
class Forwarded:
    """Who wrote a forwarded message: a person (`user_id` set), a person who hides their
    account (`hidden`), or a group or channel (`chat`); `name` as Telegram shows it."""

    kind: Literal["person", "hidden", "chat"]
    name: str
    user_id: int | None = None


def forwarded_from(message: Message) -> Forwarded | None:
    """The origin of a forwarded message (None: it was not forwarded)."""
    origin = message.forward_origin
    if isinstance(origin, MessageOriginUser):
        user = origin.sender_user
        return Forwarded("person", user.full_name, user.id)
    if isinstance(origin, MessageOriginHiddenUser):
        return Forwarded("hidden", origin.sender_user_name)
    if isinstance(origin, MessageOriginChat):
        return Forwarded("chat", origin.sender_chat.title or origin.sender_chat.full_name or "")
    if isinstance(origin, MessageOriginChannel):
        return Forwarded("chat", origin.chat.title or "")
    return None
