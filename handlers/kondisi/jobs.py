"""The weekly digest of kondisi wilayah (bot/services/kondisi), the job `kondisi:digest`.

Derived from the database at start-up: the week's moment (KONDISI_DIGEST_DAY at
KONDISI_DIGEST_TIME) if it is still to come; at once if it passed and that week's `digest_runs`
row does not exist (the bot was down then: caught up once); else next week's. The service sends
a week at most once, whichever process or start gets there first.
"""

from __future__ import annotations

import datetime as dt
import logging

from telegram.ext import JobQueue

from bot.ptb.context import App
from bot.ptb.context import Ctx
from bot.services import Services
from handlers import jobs

log = logging.getLogger(__name__)

JOB = "kondisi:digest"
RETRY = dt.timedelta(minutes=10)


async def rebuild_jobs(application: App) -> None:
    """At start-up: the digest's next run (at once, to catch up a week it missed)."""
    await schedule(application.job_queue, application.bot_data.services)


async def schedule(
    queue: JobQueue[Ctx] | None, services: Services, now: dt.datetime | None = None
) -> dt.datetime | None:
    """(Re)schedule the job at its next moment; returns it (None: KONDISI_DIGEST_DAY=off)."""
    when = await services.kondisi.next_due(now)
    if when is not None:
        jobs.schedule_at(queue, JOB, _digest, when)
    return when


async def _digest(context: Ctx) -> None:
    """Send this week's digest (once), then wait for the next week's moment."""
    services = context.services
    try:
        sent = await services.kondisi.run_digest()
    except Exception:
        # Tried again in a while; the error handler hears of it.
        jobs.schedule_at(context.job_queue, JOB, _digest, dt.datetime.now(dt.UTC) + RETRY)
        raise
    if sent is not None:
        log.info("Kondisi digest: %d message(s) queued", sent)
    await schedule(context.job_queue, services)
