"""Updates of different people run concurrently; the updates of one person (or one chat) run
in the order they came, one at a time.

PTB's own `concurrent_updates` runs every update at once, which a ConversationHandler cannot
take: two quick messages of one resident would both be read in the same state. This processor
keeps each sender's updates in order and lets everyone else go ahead meanwhile.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# Updates handled at once; more wait (PTB's semaphore) until one finishes.
MAX_CONCURRENT_UPDATES = 256


class PerSenderUpdateProcessor(BaseUpdateProcessor):
    """Concurrent across senders, sequential per sender."""

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[object, asyncio.Lock] = {}
        self._waiting: dict[object, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run `coroutine` once the same sender's earlier updates are done."""
        key = _sender(update)
        if key is None:
            await coroutine
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:  # nobody else queued: forget the lock
                del self._waiting[key]
                del self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


def _sender(update: object) -> object | None:
    """Whose updates must stay in order: the user (in a given chat), else the chat."""
    if not isinstance(update, Update):
        return None
    user, chat = update.effective_user, update.effective_chat
    if user is not None:
        return ("u", user.id)
    if chat is not None:
        return ("c", chat.id)
    return None
