"""Is the bot well? The database part of GET /healthz and the figures of GET /metrics
(bot/web/operator.py), read without ever holding more than one database thread.

A monitor that polls every few seconds while the database hangs would otherwise start a new
query each time, and the bot's own work would find every database thread taken: one look runs
at a time, and callers that come meanwhile share its answer.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import Session

from storage import operator
from storage.db import Database
from storage.db import storage_fault
from storage.operator import Figures

log = logging.getLogger(__name__)

# How long a health check or a scrape waits for the database before it says "timeout".
DATABASE_TIMEOUT = 3.0


@dataclass(frozen=True)
class DatabaseLook:
    """What one look at the database found: "ok", "down", "full", "timeout" or "error",
    and the figures when it answered."""

    state: str
    figures: Figures | None = None


def _write_and_read(session: Session) -> Figures:
    operator.prove_writable(session)
    return operator.figures(session)


class HealthService:
    """Looks at one database, one look at a time."""

    def __init__(self, db: Database, *, timeout: float = DATABASE_TIMEOUT) -> None:
        self._db = db
        self._timeout = timeout
        self._looks: dict[bool, asyncio.Task[Figures]] = {}

    async def check(self) -> DatabaseLook:
        """Write (a scratch row, removed again) and read the figures: the health check."""
        return await self._look(write=True)

    async def figures(self) -> DatabaseLook:
        """Read the figures only: a scrape writes nothing."""
        return await self._look(write=False)

    async def _look(self, *, write: bool) -> DatabaseLook:
        task = self._looks.get(write)
        if task is None or task.done():
            work: Callable[[Session], Figures] = _write_and_read if write else operator.figures
            task = asyncio.ensure_future(self._db.run(work))
            task.add_done_callback(_retrieved)
            self._looks[write] = task
        try:
            # Shielded: a caller that gives up does not cancel the look others share (nor
            # could it stop the database thread it runs on).
            figures = await asyncio.wait_for(asyncio.shield(task), self._timeout)
        except TimeoutError:
            return DatabaseLook("timeout")
        except Exception as exc:
            fault = storage_fault(exc)
            if fault is None:  # not the database being away: a bug to see
                log.warning("health: looking at the database failed", exc_info=exc)
            return DatabaseLook(fault or "error")
        return DatabaseLook("ok", figures)


def _retrieved(task: asyncio.Task[Figures]) -> None:
    """Mark a look's failure as seen: when every caller timed out, nobody awaits it, and
    asyncio would log "Task exception was never retrieved"."""
    if not task.cancelled():
        task.exception()
