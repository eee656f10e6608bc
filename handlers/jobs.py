"""The one idiom of the JobQueue jobs that features derive from their rows (escalations,
scheduled advisories, ronda moments).

A job's name is also its APScheduler id, so scheduling it again replaces it and cancelling finds
it at once, however many jobs wait. It runs at its time (a time, not a delay: no drift), at once
when that has passed, and however late the event loop gets to it: the database decides whether
it is still due, so running late or twice does no harm.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Awaitable
from collections.abc import Callable
from typing import Any

from apscheduler.jobstores.base import JobLookupError
from telegram.ext import JobQueue

from bot.ptb.context import Ctx


def schedule_at(
    queue: JobQueue[Ctx] | None,
    name: str,
    callback: Callable[[Ctx], Awaitable[Any]],
    when: dt.datetime,
    data: object = None,
) -> None:
    """Run `callback` at `when` (now, if that passed) as the job `name`, replacing one of that
    name."""
    assert queue is not None  # the job-queue extra is a dependency
    queue.run_once(
        callback,
        when=max(when, dt.datetime.now(dt.UTC)),
        data=data,
        name=name,
        job_kwargs={"id": name, "replace_existing": True, "misfire_grace_time": None},
    )


def cancel(queue: JobQueue[Ctx] | None, name: str) -> None:
    """Drop the job `name`, if there is one."""
    assert queue is not None
    with contextlib.suppress(JobLookupError):
        queue.scheduler.remove_job(name)
