""" "Sudah dibaca" presses, written in groups: a Darurat to a whole kabupaten brings them at
hundreds a second.

Each press waits for its row to be committed (the count must be exact and survive a crash),
but presses that arrive while a transaction is being written are written together in the
next one (group commit): one short INSERT ... ON CONFLICT DO NOTHING for all of them instead of
a transaction each, so the writer keeps up however many press at once. No timer: a lone press
is written at once.
"""

from __future__ import annotations

import asyncio

from storage import advisories as q
from storage.db import Database
from storage.models import utcnow

# Presses written in one transaction at most (one statement; SQLite allows 32,766 values).
MAX_BATCH = 500


class AckWriter:
    """Records acknowledgements in groups; `add` returns once its own row is durable."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._pending: list[tuple[int, int, asyncio.Future[bool]]] = []
        self._writing: asyncio.Task[None] | None = None

    async def add(self, advisory_id: int, user_id: int) -> bool:
        """Record that `user_id` read the advisory; False if they had already said so."""
        done: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._pending.append((advisory_id, user_id, done))
        if self._writing is None or self._writing.done():
            self._writing = asyncio.create_task(self._write_pending(), name="advisory-acks")
        return await done

    async def _write_pending(self) -> None:
        while self._pending:
            batch, self._pending = self._pending[:MAX_BATCH], self._pending[MAX_BATCH:]
            pairs = [(advisory_id, user_id) for advisory_id, user_id, _ in batch]
            try:
                new = await self._db.write(q.add_acks, pairs=pairs, now=utcnow())
            except Exception as exc:  # each press gets the error (its handler reports it)
                for _, _, done in batch:
                    if not done.done():
                        done.set_exception(exc)
                continue
            for pair, (_, _, done) in zip(pairs, batch, strict=True):
                if done.done():  # its handler was cancelled (the bot stops)
                    continue
                # A pair twice in one batch (a double tap): the first press is the new one.
                done.set_result(pair in new)
                new.discard(pair)
