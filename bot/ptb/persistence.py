"""Conversations that survive a restart: python-telegram-bot's persistence, kept in the database.

Every ConversationHandler made with `handlers.conversation.conversation()` is persistent: its
state per (chat, user) is stored here, and so is `context.user_data`, where conversations keep
their drafts (a half-written report, an advisory being composed). Values must be plain JSON
(str, int, float, bool, None, lists, dicts with str keys). A user has one open conversation at
a time (handlers/conversation.py): one that a new start ends is removed here like any other
ended conversation, and its draft leaves the user's data in the same round. A database from
before that rule may hold several open conversations of one user: at start-up only the one they
started last is kept (`storage.persistence.drop_superseded`).

PTB hands changes over every `update_interval` seconds and once more when the bot stops; all
changes of one round are written in one transaction. A clean restart therefore loses nothing;
a crash loses at most the last `update_interval` seconds of conversation progress (never a
report: reports are stored before they are acknowledged).

While the database is down or its disk is full, a round that cannot be written stays pending
in memory (a later round's change of the same row wins) and is tried again every few seconds,
so a half-written report survives the outage and reaches the database once it is back.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from sqlmodel import Session
from telegram.ext import BasePersistence
from telegram.ext import PersistenceInput
from telegram.ext._utils.types import CDCData
from telegram.ext._utils.types import ConversationDict
from telegram.ext._utils.types import ConversationKey

from storage import persistence as store
from storage.db import Database
from storage.db import fault_summary
from storage.db import storage_fault

log = logging.getLogger(__name__)

UPDATE_INTERVAL_SECONDS = 1.0
# While the database is unavailable: the first retry of an unwritten round, and the longest wait.
RETRY_SECONDS = 1.0
MAX_RETRY_SECONDS = 5.0


class DatabasePersistence(BasePersistence[dict, dict, dict]):
    """Conversation states and user_data in the bot's database (chat and bot data are not
    persisted: the bot keeps its shared state in its own tables)."""

    def __init__(self, db: Database, *, update_interval: float = UPDATE_INTERVAL_SECONDS) -> None:
        super().__init__(
            store_data=PersistenceInput(
                bot_data=False, chat_data=False, user_data=True, callback_data=False
            ),
            update_interval=update_interval,
        )
        self.db = db
        # What the database holds now, as JSON, so unchanged data is not written again.
        self._stored_users: dict[int, str] = {}
        self._stored_states: dict[tuple[str, str], str] = {}
        self._pending_users: dict[int, str | None] = {}
        self._pending_states: dict[tuple[str, str], str | None] = {}
        self._writer: asyncio.Task[None] | None = None
        self._sorted_out = False
        # Set while a round waits for the database to come back.
        self._retry: asyncio.Task[None] | None = None
        self._failing_since: float | None = None
        self._closing = False

    # ---- loading (once, at start-up) ------------------------------------------------------

    async def get_user_data(self) -> dict[int, dict]:
        """Every user's stored data."""
        rows = await self.db.run(store.all_user_data)
        self._stored_users = dict(rows)
        return {user_id: json.loads(data) for user_id, data in rows.items()}

    async def get_conversations(self, name: str) -> ConversationDict:
        """The stored states of the conversation `name`."""
        if not self._sorted_out:
            # Once, before the first conversation loads: a user left with several open
            # conversations by an older release keeps only the one started last.
            self._sorted_out = True
            left = await self.db.write(store.drop_superseded)
            if left:
                log.info("Left %d conversation(s) superseded by a newer one", len(left))
        rows = await self.db.run(store.conversations, name)
        result: dict[ConversationKey, object] = {}
        for key, state in rows.items():
            self._stored_states[(name, key)] = state
            result[tuple(json.loads(key))] = json.loads(state)
        return result

    async def get_chat_data(self) -> dict[int, dict]:
        """Not persisted."""
        return {}

    async def get_bot_data(self) -> dict:
        """Not persisted."""
        return {}

    async def get_callback_data(self) -> CDCData | None:
        """Not persisted."""
        return None

    # ---- writing (batched) ------------------------------------------------------------------

    async def update_user_data(self, user_id: int, data: dict) -> None:
        """Store one user's data (an empty dict removes the row)."""
        encoded = _encode(data) if data else None
        # (A pending value of the same user, not yet written, must still be replaced.)
        if user_id not in self._pending_users and self._stored_users.get(user_id) == encoded:
            return
        self._pending_users[user_id] = encoded
        await self._write_soon()

    async def drop_user_data(self, user_id: int) -> None:
        """Forget one user's data."""
        if user_id in self._stored_users:
            self._pending_users[user_id] = None
            await self._write_soon()

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        """Store (or, with None, remove) one conversation's state."""
        state_key = (name, json.dumps(list(key)))
        encoded = None if new_state is None else _encode(new_state)
        if state_key not in self._pending_states and self._stored_states.get(state_key) == encoded:
            return
        self._pending_states[state_key] = encoded
        await self._write_soon()

    async def update_chat_data(self, chat_id: int, data: dict) -> None:
        """Not persisted."""

    async def update_bot_data(self, data: dict) -> None:
        """Not persisted."""

    async def update_callback_data(self, data: CDCData) -> None:
        """Not persisted."""

    async def drop_chat_data(self, chat_id: int) -> None:
        """Not persisted."""

    async def refresh_user_data(self, user_id: int, user_data: dict) -> None:
        """Nothing to refresh: this process is the only writer of its users' drafts."""

    async def refresh_chat_data(self, chat_id: int, chat_data: dict) -> None:
        """Not persisted."""

    async def refresh_bot_data(self, bot_data: dict) -> None:
        """Not persisted."""

    async def flush(self) -> None:
        """Write whatever is still pending (PTB calls this at shutdown)."""
        self._closing = True
        if self._retry is not None:
            self._retry.cancel()
        await self._write_soon()
        left = len(self._pending_users) + len(self._pending_states)
        if left:
            log.error("Stopping with %d conversation change(s) the database did not take", left)

    async def _write_soon(self) -> None:
        """Wait until everything handed over so far is written: PTB hands over a round's
        changes concurrently, so the first caller's writer picks them all up in one go."""
        if self._writer is None or self._writer.done():
            self._writer = asyncio.get_running_loop().create_task(self._write_all())
        await asyncio.shield(self._writer)

    async def _write_all(self) -> None:
        await asyncio.sleep(0)  # let the rest of the round arrive
        while self._pending_users or self._pending_states:
            users, self._pending_users = self._pending_users, {}
            states, self._pending_states = self._pending_states, {}
            try:
                await self.db.write(_write, users, states)
            except Exception as exc:
                if storage_fault(exc) is None:
                    raise
                # Kept for later; what was handed over meanwhile is newer and wins.
                self._pending_users = users | self._pending_users
                self._pending_states = states | self._pending_states
                self._wait_for_database(exc)
                return
            if self._failing_since is not None:
                log.info("Conversation changes written again after the database came back")
                self._failing_since = None
            for user_id, value in users.items():
                _remember(self._stored_users, user_id, value)
            for key, value in states.items():
                _remember(self._stored_states, key, value)

    def _wait_for_database(self, error: Exception) -> None:
        """Try the pending round again later: PTB hands over only what changes, so nothing
        else would write it."""
        loop = asyncio.get_running_loop()
        if self._failing_since is None:
            self._failing_since = loop.time()
            log.warning(
                "Conversation changes kept in memory, database unavailable: %s",
                fault_summary(error),
            )
        if not self._closing and (self._retry is None or self._retry.done()):
            waited = loop.time() - self._failing_since
            delay = min(MAX_RETRY_SECONDS, max(RETRY_SECONDS, waited / 2))
            self._retry = loop.create_task(self._retry_after(delay))

    async def _retry_after(self, delay: float) -> None:
        await asyncio.sleep(delay)
        self._retry = None  # a round that fails again schedules the next try
        await self._write_soon()


def _write(
    session: Session, users: dict[int, str | None], states: dict[tuple[str, str], str | None]
) -> None:
    store.write_user_data(session, users)
    store.write_conversations(session, states)


def _encode(value: Any) -> str:
    """JSON, compact and stable; anything else is a programming error worth a clear message."""
    try:
        return json.dumps(value, separators=(",", ":"), sort_keys=True)
    except TypeError as exc:
        raise TypeError(f"conversation data must be plain JSON: {exc}") from exc


def _remember(stored: dict[Any, str], key: Any, value: str | None) -> None:
    if value is None:
        stored.pop(key, None)
    else:
        stored[key] = value
