"""UserService: users are recorded on first contact, their rows refreshed at most every few
minutes, and the language cache stays bounded."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from bot.services import users as users_module
from bot.services.users import Person
from bot.services.users import UserService
from storage import queries
from storage.db import Database


async def test_first_contact_creates_the_user_and_later_updates_are_served_from_memory(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = UserService(db, default_language="id")
    assert await service.seen(Person(1, "Ani")) == "id"
    assert (await db.run(queries.get_user, 1)).first_name == "Ani"

    calls: list[str] = []
    real_run = db.run

    async def counting_run(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        calls.append(fn.__name__)
        return await real_run(fn, *args, **kwargs)

    monkeypatch.setattr(db, "run", counting_run)
    for _ in range(10):
        await service.seen(Person(1, "Ani"))
    assert calls == []  # within REFRESH_SECONDS nothing is written

    monkeypatch.setattr(users_module, "REFRESH_SECONDS", 0.0)
    await service.seen(Person(1, "Ani Lestari"))
    assert calls == ["upsert_user"]
    assert (await db.run(queries.get_user, 1)).first_name == "Ani Lestari"


async def test_language_choice_is_stored_and_validated(db: Database) -> None:
    service = UserService(db, default_language="id")
    await service.seen(Person(2, "Made"))
    assert await service.set_language(2, "en") is True
    assert service.language(2) == "en"
    assert await service.set_language(2, "jv") is False
    assert await service.set_language(404, "en") is False  # never talked to the bot
    assert service.language(2) == "en"
    assert service.language(None) == "id"
    # A fresh process reads the stored choice.
    fresh = UserService(db, default_language="id")
    assert await fresh.seen(Person(2, "Made")) == "en"


async def test_the_cache_is_bounded(db: Database) -> None:
    service = UserService(db, default_language="id")
    service.max_cached = 3
    for user_id in range(1, 6):
        await service.seen(Person(user_id, f"Warga {user_id}"))
    assert list(service._cache) == [3, 4, 5]
