"""Builders for incoming Updates as Telegram sends them, from many users and chats.

Every message a builder makes is registered in the FakeTelegram, so it has a real per-chat
message_id and the bot can reply to it, edit around it or download its files.
"""

from __future__ import annotations

import itertools
from typing import Any

from telegram import Bot
from telegram import Update

from tests.harness.fake_api import FakeTelegram
from tests.harness.fake_api import JSONDict
from tests.harness.fake_api import chat_member

# Ids in ranges real Telegram uses: users positive, basic groups negative, supergroups -100….
_FIRST_USER_ID = 100_000_001
_SUPERGROUP_BASE = -1_002_000_000_000
_GROUP_BASE = -400_000_000


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class UpdateFactory:
    """Make users, chats and updates for one FakeTelegram."""

    def __init__(self, fake: FakeTelegram) -> None:
        self.fake = fake
        self._user_ids = itertools.count(_FIRST_USER_ID)
        self._group_numbers = itertools.count(1)

    # ---- users and chats ------------------------------------------------------------------

    def user(
        self,
        id: int | None = None,
        first_name: str = "Budi",
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "id",
    ) -> JSONDict:
        """Make a user (auto id), registering it and its private chat in the fake."""
        user: JSONDict = {
            "id": id if id is not None else next(self._user_ids),
            "is_bot": False,
            "first_name": first_name,
        }
        if last_name is not None:
            user["last_name"] = last_name
        if username is not None:
            user["username"] = username
        if language_code is not None:
            user["language_code"] = language_code
        self.fake.register_user(user)
        self.private_chat(user)
        return user

    def private_chat(self, user: JSONDict) -> JSONDict:
        """Return (and register) the private chat between `user` and the bot."""
        chat: JSONDict = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
        for key in ("last_name", "username"):
            if key in user:
                chat[key] = user[key]
        self.fake.register_chat(chat)
        return chat

    def group(
        self,
        title: str = "Warga Desa Lumbang",
        supergroup: bool = True,
        id: int | None = None,
        username: str | None = None,
    ) -> JSONDict:
        """Make and register a group (negative id) or supergroup (-100… id)."""
        if id is None:
            number = next(self._group_numbers)
            id = _SUPERGROUP_BASE - number if supergroup else _GROUP_BASE - number
        chat: JSONDict = {"id": id, "type": "supergroup" if supergroup else "group", "title": title}
        if username is not None:
            chat["username"] = username
        self.fake.register_chat(chat)
        return chat

    # ---- messages -------------------------------------------------------------------------

    def message(self, user: JSONDict, chat: JSONDict | None = None, **content: Any) -> JSONDict:
        """Make and register a message `user` sent to `chat` (default: the private chat)."""
        message: JSONDict = {
            "from": user,
            "chat": chat if chat is not None else self.private_chat(user),
            "date": int(self.fake.clock.wall_time()),
            **content,
        }
        return self.fake.register_incoming_message(message)

    def _update(self, kind: str, payload: JSONDict) -> JSONDict:
        return {"update_id": self.fake.next_update_id(), kind: payload}

    def text(
        self,
        user: JSONDict,
        text: str,
        chat: JSONDict | None = None,
        reply_to: JSONDict | None = None,
    ) -> JSONDict:
        """Make an update with a plain text message."""
        content: JSONDict = {"text": text}
        if reply_to is not None:
            content["reply_to_message"] = reply_to
        return self._update("message", self.message(user, chat, **content))

    def mentioning(
        self,
        user: JSONDict,
        parts: list[str | tuple[JSONDict, str]],
        chat: JSONDict | None = None,
    ) -> JSONDict:
        """Make an update with a text message that names people: each part is typed text, or
        (person, shown text) for a text mention, as a Telegram app writes one when a person
        without a username is chosen from the mention list (the entity carries the user;
        offsets count UTF-16 code units)."""
        text, entities = "", []
        for part in parts:
            if isinstance(part, str):
                text += part
                continue
            person, shown = part
            entities.append(
                {
                    "type": "text_mention",
                    "offset": _utf16_len(text),
                    "length": _utf16_len(shown),
                    "user": person,
                }
            )
            text += shown
        content: JSONDict = {"text": text}
        if entities:
            content["entities"] = entities
        return self._update("message", self.message(user, chat, **content))

    def forwarded(
        self,
        user: JSONDict,
        *,
        sender: JSONDict | None = None,
        hidden_name: str | None = None,
        from_chat: JSONDict | None = None,
        text: str = "Siap, nanti malam saya ikut ronda.",
        chat: JSONDict | None = None,
    ) -> JSONDict:
        """Make an update where `user` forwards a message written by `sender` (a user), by
        someone whose privacy setting hides their account (`hidden_name`: only their name is
        shown), or posted in a channel or group (`from_chat`)."""
        date = int(self.fake.clock.wall_time()) - 3600
        origin: JSONDict
        if sender is not None:
            origin = {"type": "user", "date": date, "sender_user": sender}
        elif hidden_name is not None:
            origin = {"type": "hidden_user", "date": date, "sender_user_name": hidden_name}
        elif from_chat is not None and from_chat["type"] == "channel":
            origin = {"type": "channel", "date": date, "chat": from_chat, "message_id": 7}
        elif from_chat is not None:
            origin = {"type": "chat", "date": date, "sender_chat": from_chat}
        else:
            raise ValueError("forwarded() needs sender, hidden_name or from_chat")
        return self._update("message", self.message(user, chat, text=text, forward_origin=origin))

    def command(
        self,
        user: JSONDict,
        command: str,
        chat: JSONDict | None = None,
        bot_username: str | None = None,
    ) -> JSONDict:
        """Make an update with a command such as "/start payload" and its bot_command entity."""
        if not command.startswith("/"):
            command = f"/{command}"
        name, sep, rest = command.partition(" ")
        if bot_username:
            name = f"{name}@{bot_username.lstrip('@')}"
        text = f"{name}{sep}{rest}"
        entity = {"type": "bot_command", "offset": 0, "length": _utf16_len(name)}
        return self._update("message", self.message(user, chat, text=text, entities=[entity]))

    def location(
        self,
        user: JSONDict,
        latitude: float,
        longitude: float,
        chat: JSONDict | None = None,
        live_period: int | None = None,
    ) -> JSONDict:
        """Make an update with a (possibly live) location."""
        location: JSONDict = {"latitude": latitude, "longitude": longitude}
        if live_period is not None:
            location["live_period"] = live_period
        return self._update("message", self.message(user, chat, location=location))

    def photo(
        self,
        user: JSONDict,
        caption: str | None = None,
        chat: JSONDict | None = None,
        media_group_id: str | None = None,
    ) -> JSONDict:
        """Make an update with a photo in three sizes (downloadable through getFile); one of
        an album when `media_group_id` is given."""
        content: JSONDict = {"photo": self.fake.photo_sizes()}
        if caption is not None:
            content["caption"] = caption
        if media_group_id is not None:
            content["media_group_id"] = media_group_id
        return self._update("message", self.message(user, chat, **content))

    def sticker(self, user: JSONDict, chat: JSONDict | None = None) -> JSONDict:
        """Make an update with a regular sticker."""
        stored = self.fake.register_file(kind="stickers", size=20_000, extension="webp")
        sticker = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "👍",
            "file_size": stored.file_size,
        }
        return self._update("message", self.message(user, chat, sticker=sticker))

    def voice(self, user: JSONDict, duration: int = 3, chat: JSONDict | None = None) -> JSONDict:
        """Make an update with a voice note."""
        stored = self.fake.register_file(kind="voice", size=duration * 4_000, extension="oga")
        voice = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": stored.file_size,
        }
        return self._update("message", self.message(user, chat, voice=voice))

    def contact(self, user: JSONDict, phone: str, chat: JSONDict | None = None) -> JSONDict:
        """Make an update where `user` shares their own contact."""
        contact = {"phone_number": phone, "first_name": user["first_name"], "user_id": user["id"]}
        if "last_name" in user:
            contact["last_name"] = user["last_name"]
        return self._update("message", self.message(user, chat, contact=contact))

    def new_chat_members(
        self, chat: JSONDict, users: list[JSONDict], by: JSONDict | None = None
    ) -> JSONDict:
        """Make a service message: `users` joined `chat` (added by `by`, default themselves)."""
        for member in users:
            if member["id"] != self.fake.bot_id:
                self.fake.register_user(member)
            self.fake.set_member_status(chat["id"], member["id"], "member")
        actor = by if by is not None else users[0]
        return self._update("message", self.message(actor, chat, new_chat_members=list(users)))

    def my_chat_member(
        self,
        chat: JSONDict,
        user: JSONDict,
        old_status: str,
        new_status: str,
        *,
        apply: bool = True,
    ) -> JSONDict:
        """Make a my_chat_member update (the bot's status changed); `apply` mirrors it in the fake.

        A private chat moving to "kicked" is the user blocking the bot; in groups "kicked"/"left"
        means the bot was removed. With `apply`, later sends to the chat answer 403 accordingly.
        """
        bot_user = dict(self.fake.bot_user)
        payload = {
            "chat": chat,
            "from": user,
            "date": int(self.fake.clock.wall_time()),
            "old_chat_member": chat_member(bot_user, old_status),
            "new_chat_member": chat_member(bot_user, new_status),
        }
        if apply:
            self._apply_bot_status(chat, new_status)
        return self._update("my_chat_member", payload)

    def _apply_bot_status(self, chat: JSONDict, status: str) -> None:
        chat_id = int(chat["id"])
        kind = "group" if chat["type"] == "group" else chat["type"]
        if status in ("member", "administrator", "creator", "restricted"):
            self.fake.unblock(chat_id)
        elif chat["type"] == "private":
            self.fake.block(chat_id, "bot was blocked by the user")
        elif status == "kicked":
            self.fake.block(chat_id, f"bot was kicked from the {kind} chat")
        else:
            self.fake.block(chat_id, f"bot is not a member of the {kind} chat")

    # ---- callback queries -----------------------------------------------------------------

    def callback(
        self, user: JSONDict, message: JSONDict, data: str, *, check_button: bool = False
    ) -> JSONDict:
        """Make a callback_query for a button under `message` (a message the bot sent).

        The message is refreshed from the fake so edits made since are visible, as in Telegram.
        Any `data` is accepted (forged or stale buttons are worth testing); with `check_button`,
        it must belong to one of the message's inline buttons.
        """
        chat_id = int(message["chat"]["id"])
        current = self.fake.get_message(chat_id, int(message["message_id"])) or message
        if check_button:
            offered = [
                button.get("callback_data")
                for row in current.get("reply_markup", {}).get("inline_keyboard", [])
                for button in row
            ]
            if data not in offered:
                raise ValueError(f"message has no button with callback_data {data!r}: {offered}")
        # Unique per fake, not per factory: a restarted bot gets a new factory (and Telegram
        # refuses to answer a query id twice).
        query_id = f"{user['id']}{self.fake.next_update_id():08d}"
        self.fake.register_callback_query(query_id)
        query = {
            "id": query_id,
            "from": user,
            "message": current,
            # Telegram gives a stable opaque value per chat; derive one from the chat id.
            "chat_instance": str(abs(chat_id) * 7919 % 10**18),
            "data": data,
        }
        return self._update("callback_query", query)

    def press(self, user: JSONDict, message: JSONDict, button_text: str) -> JSONDict:
        """Make a callback_query for the inline button labelled `button_text`."""
        for row in message.get("reply_markup", {}).get("inline_keyboard", []):
            for button in row:
                if button.get("text") == button_text and "callback_data" in button:
                    return self.callback(user, message, button["callback_data"], check_button=True)
        raise ValueError(f"message has no callback button labelled {button_text!r}")

    def push(self, update: JSONDict) -> JSONDict:
        """Queue `update` in the fake for getUpdates (polling mode)."""
        return self.fake.push_update(update)


def to_update(data: JSONDict, bot: Bot) -> Update:
    """Turn an update dict into a `telegram.Update` bound to `bot`."""
    return Update.de_json(data, bot)
