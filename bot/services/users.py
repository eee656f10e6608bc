"""People who talk to the bot: who they are, when we last saw them, which language they read."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session

from bot.config import SUPPORTED_LANGUAGES
from storage import queries
from storage.db import Database

# How often one user's row is refreshed at most; every update in between is served from memory.
# (Each process keeps its own cache; a language change made in another process shows here after
# this many seconds at the latest.)
REFRESH_SECONDS = 300.0
# Bound on remembered users (about 200 bytes each); the least recently refreshed go first.
MAX_CACHED = 100_000


@dataclass(frozen=True)
class Person:
    """The parts of a Telegram user the bot keeps."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None


def display_names(session: Session, user_ids: Sequence[int]) -> dict[int, str]:
    """Display names ("Budi Santoso (@budi)"; an officer by rank and name, "Aiptu Bambang S.
    (@bambang)") of the known users among `user_ids`, inside the caller's transaction."""
    return {
        user.id: (user.title or user.full_name) + (f" (@{user.username})" if user.username else "")
        for user in queries.get_users(session, list(user_ids))
    }


def official_name(session: Session, user_id: int | None) -> str | None:
    """An officer's rank and name ("Aiptu Bambang S."), the name residents may read; None when
    they have none (their Telegram name is not shown to residents)."""
    user = queries.get_user(session, user_id) if user_id is not None else None
    return user.title if user is not None else None


class UserService:
    """Records users as they appear and answers which language to talk to them in."""

    def __init__(self, db: Database, *, default_language: str) -> None:
        self._db = db
        self.default_language = default_language
        self.max_cached = MAX_CACHED
        # user id -> (stored language or None, monotonic time of the last write)
        self._cache: dict[int, tuple[str | None, float]] = {}

    async def seen(self, person: Person) -> str:
        """Note that `person` sent something (creating them if new); return their language."""
        cached = self._cache.get(person.id)
        now = time.monotonic()
        if cached is not None and now - cached[1] < REFRESH_SECONDS:
            return cached[0] or self.default_language
        language = await self._db.run(
            queries.upsert_user, person.id, person.first_name, person.last_name, person.username
        )
        self._remember(person.id, language, now)
        return language or self.default_language

    def language(self, user_id: int | None) -> str:
        """The language for `user_id` as last seen (the default for unknown users)."""
        cached = self._cache.get(user_id) if user_id is not None else None
        return (cached[0] if cached else None) or self.default_language

    async def language_of(self, user_id: int) -> str:
        """The language for `user_id`, read from the database when not in memory (for people
        the bot writes to without their having written first, e.g. after a CLI grant)."""
        cached = self._cache.get(user_id)
        if cached is not None:
            return cached[0] or self.default_language
        user = await self._db.run(queries.get_user, user_id)
        return (user.language if user else None) or self.default_language

    async def official_name(self, user_id: int) -> str | None:
        """An officer's rank and name, if an invitation gave them one."""
        return await self._db.run(official_name, user_id)

    async def names(self, user_ids: list[int]) -> dict[int, str]:
        """Display names ("Budi Santoso (@budi)") of the known users among `user_ids`."""
        return await self._db.run(display_names, user_ids)

    async def find(self, text: str) -> int | None:
        """The user a handle names: a Telegram id, or the @username of someone the bot knows."""
        text = text.strip()
        if text.isdigit() and 0 < int(text) < 10**15:
            return int(text)
        if text.startswith("@") and len(text) > 1:
            user = await self._db.run(queries.user_by_username, text[1:])
            return user.id if user else None
        return None

    async def set_language(self, user_id: int, language: str) -> bool:
        """Store the user's language choice; False if it is not supported or the user unknown."""
        if language not in SUPPORTED_LANGUAGES:
            return False
        stored = await self._db.run(queries.set_language, user_id, language)
        if stored:
            self._remember(user_id, language, time.monotonic())
        return stored

    def forget(self, user_id: int) -> None:
        """Drop what this process remembers of `user_id` (their data was deleted): their next
        update records them afresh, as a newcomer."""
        self._cache.pop(user_id, None)

    def _remember(self, user_id: int, language: str | None, at: float) -> None:
        # Re-inserting moves the user to the end, so the first key is the stalest.
        self._cache.pop(user_id, None)
        if len(self._cache) >= self.max_cached:
            del self._cache[next(iter(self._cache))]
        self._cache[user_id] = (language, at)
