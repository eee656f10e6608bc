"""The JobQueue jobs of education series (bot/services/edukasi):

    edukasi:series:<id>   the series' next item at its moment; it schedules itself again

The database is the source of truth (which series are active, when each is due):
`rebuild_jobs` makes the jobs again at start-up; a moment missed while the bot was down runs
at once, and sends once.
"""

from __future__ import annotations

import datetime as dt
import logging

from bot.ptb.context import App
from bot.ptb.context import Ctx
from handlers import jobs

log = logging.getLogger(__name__)

RETRY_SECONDS = 60


def series_job(series_id: int) -> str:
    return f"edukasi:series:{series_id}"


def schedule(context: Ctx | App, series_id: int, when: dt.datetime) -> None:
    """Run the series at `when` (at once, if that passed)."""
    jobs.schedule_at(context.job_queue, series_job(series_id), _run, when, series_id)


def cancel(context: Ctx | App, series_id: int) -> None:
    jobs.cancel(context.job_queue, series_job(series_id))


async def _run(context: Ctx) -> None:
    """The job: send the next item if it is due (the database decides), then wait for the next."""
    series_id = int(context.job.data)  # type: ignore[union-attr, arg-type]
    try:
        outcome = await context.services.edukasi.series.send_due(series_id)
    except Exception:
        log.exception("Education series %s failed; retrying in %s s", series_id, RETRY_SECONDS)
        schedule(context, series_id, dt.datetime.now(dt.UTC) + dt.timedelta(seconds=RETRY_SECONDS))
        return
    if outcome.next_at is not None:
        schedule(context, series_id, outcome.next_at)


async def rebuild_jobs(application: App) -> None:
    """At start-up: one job per active series, at its next moment."""
    for series in await application.bot_data.services.edukasi.series.active():
        schedule(application, series.id or 0, series.next_at)
