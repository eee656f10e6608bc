"""Scheduled advisories in the JobQueue: derived from the rows (`adv:send:<id>`), rebuilt at
every start, removed when an advisory is withdrawn."""

from __future__ import annotations

import datetime as dt

from bot.ptb.context import App
from bot.ptb.context import Ctx
from storage.models import Advisory


def job_name(advisory_id: int) -> str:
    """The JobQueue name of a scheduled advisory."""
    return f"adv:send:{advisory_id}"


async def _send_scheduled(context: Ctx) -> None:
    """The JobQueue job of one scheduled advisory (a no-op when it was sent or cancelled)."""
    await context.services.advisories.send_due(int(context.job.data))


def unschedule(application: App, advisory_id: int) -> None:
    """Remove the job of an advisory, if it has one."""
    for job in application.job_queue.get_jobs_by_name(job_name(advisory_id)):
        job.schedule_removal()


def schedule(application: App, advisory: Advisory) -> None:
    """(Re)place the job that sends a scheduled advisory at its time (now, if that passed)."""
    assert advisory.id is not None
    unschedule(application, advisory.id)
    now = dt.datetime.now(dt.UTC)
    when = advisory.send_at if advisory.send_at and advisory.send_at > now else now
    application.job_queue.run_once(
        _send_scheduled, when=when, name=job_name(advisory.id), data=advisory.id
    )


async def rebuild_jobs(application: App) -> None:
    """At start-up: one job per scheduled advisory, from the database."""
    for advisory in await application.bot_data.services.advisories.scheduled():
        schedule(application, advisory)
