"""Scheduled advisories in the JobQueue: derived from the rows (`adv:send:<id>`), rebuilt at
every start, removed when an advisory is withdrawn."""

from __future__ import annotations

import datetime as dt

from bot.ptb.context import App
from bot.ptb.context import Ctx
from handlers import jobs
from storage.models import Advisory


def job_name(advisory_id: int) -> str:
    """The JobQueue name of a scheduled advisory."""
    return f"adv:send:{advisory_id}"


async def _send_scheduled(context: Ctx) -> None:
    """The JobQueue job of one scheduled advisory (a no-op when it was sent or cancelled)."""
    await context.services.advisories.send_due(int(context.job.data))


def unschedule(application: App, advisory_id: int) -> None:
    """Remove the job of an advisory, if it has one."""
    jobs.cancel(application.job_queue, job_name(advisory_id))


def schedule(application: App, advisory: Advisory) -> None:
    """(Re)place the job that sends a scheduled advisory at its time (now, if that passed)."""
    assert advisory.id is not None
    when = advisory.send_at or dt.datetime.now(dt.UTC)
    jobs.schedule_at(
        application.job_queue, job_name(advisory.id), _send_scheduled, when, advisory.id
    )


async def rebuild_jobs(application: App) -> None:
    """At start-up: one job per scheduled advisory, from the database."""
    for advisory in await application.bot_data.services.advisories.scheduled():
        schedule(application, advisory)
