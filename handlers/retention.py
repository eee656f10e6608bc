"""The daily retention job (bot/services/retention), `retention:daily`, scheduled at start-up for
RETENTION_HOUR in the configured time zone (after the nightly backup).

Besides the database, an abandoned conversation lives in the running bot's memory: PTB's
`user_data` (the draft) and the ConversationHandler's state. Both are dropped here too;
otherwise the conversation would go on when its user came back, and the draft would be written
back at the next change. A failure goes to the error handler (logged, told to the admin chat
once); the next day's run tries again.
"""

from __future__ import annotations

import datetime as dt
import json
import logging

from bot.ptb.context import App
from bot.ptb.context import Ctx
from bot.services.retention import Drafts
from bot.services.retention import RetentionResult
from handlers import conversation

log = logging.getLogger(__name__)

JOB = "retention:daily"


async def rebuild_jobs(application: App) -> None:
    """At start-up: the daily job, at RETENTION_HOUR local time."""
    settings = application.bot_data.services.settings
    assert application.job_queue is not None  # the job-queue extra is a dependency
    application.job_queue.run_daily(
        _daily,
        time=dt.time(hour=settings.retention_hour, tzinfo=settings.timezone),
        name=JOB,
        job_kwargs={"id": JOB, "replace_existing": True},
    )


async def _daily(context: Ctx) -> None:
    """The job."""
    await run(context.application)


async def run(application: App, *, now: dt.datetime | None = None) -> RetentionResult:
    """Apply the retention rules at `now` (default: the current time), to the database and to
    the conversations in memory."""
    # What the persistence has not written yet goes first: a conversation touched a moment ago
    # then counts as touched.
    await application.update_persistence()
    result = await application.bot_data.services.retention.apply(now=now)
    await forget(application, result.drafts)
    return result


async def forget(application: App, drafts: Drafts) -> None:
    """End the abandoned conversations in memory and drop their users' drafts (persistence
    then deletes nothing more: the rows are gone already). A person's drafts go together, when
    the newest of them is old: every conversation of theirs ends."""
    users = set(drafts.users)
    for _name, stored_key in drafts.states:
        key = json.loads(stored_key)
        if key and isinstance(key[-1], int):
            users.add(key[-1])
    for user_id in users:
        await conversation.end_all(application, user_id)
    if users:
        log.info("Retention: %d abandoned conversation draft(s) left memory", len(users))
