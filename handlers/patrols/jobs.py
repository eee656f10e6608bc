"""The JobQueue jobs that carry every shift through its moments (bot/services/patrols).

One job per shift, `ronda:shift:<id>` (its id is its name, so replacing it costs nothing), runs
at the shift's next moment and schedules the one after; shifts get it once their next moment is
within WINDOW (48 hours), by the hourly `ronda:window` job. The database is the source of
truth: `rebuild_jobs` makes the jobs again at start-up.
"""

from __future__ import annotations

import datetime as dt
import logging

from bot.ptb.context import App
from bot.ptb.context import Ctx
from handlers import jobs

log = logging.getLogger(__name__)

RETRY_SECONDS = 60
# Shifts get their job this long before their next moment; the window is refilled every hour.
WINDOW = dt.timedelta(hours=48)
WINDOW_REFILL = dt.timedelta(hours=1)
WINDOW_JOB = "ronda:window"


def job_name(shift_id: int) -> str:
    """The name (and id) of a shift's job."""
    return f"ronda:shift:{shift_id}"


def schedule(
    context: Ctx | App, shift_id: int, when: dt.datetime | None, now: dt.datetime | None = None
) -> None:
    """Run the shift's next moment at `when` (None: it needs nothing more; its job goes).

    Only moments within WINDOW get a job; the hourly `ronda:window` job adds the later ones as
    they come near, so the scheduler holds a few days' shifts however far rosters reach."""
    now = now or dt.datetime.now(dt.UTC)
    if when is None or when > now + WINDOW:
        jobs.cancel(context.job_queue, job_name(shift_id))
    else:
        jobs.schedule_at(context.job_queue, job_name(shift_id), _moment, when, shift_id)


async def _moment(context: Ctx) -> None:
    """The job: handle what is due, then wait for the next moment. A failure (the database
    away) is retried in a minute; the stamps make a retry safe."""
    shift_id = int(context.job.data)
    try:
        due = await context.services.patrols.advance(shift_id)
    except Exception:
        log.exception("Shift %s: its moment failed; retrying in %s s", shift_id, RETRY_SECONDS)
        due = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=RETRY_SECONDS)
    schedule(context, shift_id, due)


async def fill_window(context: Ctx | App, now: dt.datetime | None = None) -> int:
    """Give every shift whose next moment falls within WINDOW of `now` its job (replacing
    the job of one that has it); returns how many."""
    now = now or dt.datetime.now(dt.UTC)
    services = context.bot_data.services
    due = await services.patrols.pending(until=now + WINDOW)
    for shift_id, when in due:
        schedule(context, shift_id, when, now)
    return len(due)


async def _window(context: Ctx) -> None:
    await fill_window(context)


async def rebuild_jobs(application: App) -> None:
    """At start-up: the jobs of the shifts that need the bot within WINDOW, from the database,
    and the hourly job that keeps the window filled. Moments missed while the bot was down run
    at once (the database makes sure each runs once)."""
    await fill_window(application)
    application.job_queue.run_repeating(
        _window,
        interval=WINDOW_REFILL,
        first=WINDOW_REFILL,
        name=WINDOW_JOB,
        job_kwargs={"id": WINDOW_JOB, "replace_existing": True},
    )
