"""The daily backup: one JobQueue job, `backup:daily`, at BACKUP_HOUR in the local time of TZ.

The backup itself (bot/services/backups) runs in a thread: the bot goes on answering while
SQLite copies its pages or pg_dump runs. Success is logged; a failure is logged and told to
ADMIN_CHAT_ID once, and again only after a backup has succeeded in between (the state lives in
the job's `DailyBackups`, so a restart of the bot may tell a continuing failure once more).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from telegram.error import TelegramError
from telegram.ext import Job
from telegram.ext import JobQueue

from bot.config import Settings
from bot.ptb.context import App
from bot.ptb.context import Ctx
from bot.services.backups import DailyBackups
from bot.services.backups.files import human_size
from bot.texts import t
from bot.texts.when import format_clock
from bot.texts.when import format_when

log = logging.getLogger(__name__)

DAILY_JOB = "backup:daily"


async def rebuild_jobs(application: App) -> None:
    """Schedule the daily backup (nothing when BACKUP_DIR is empty)."""
    schedule(application.job_queue, application.bot_data.services.settings)


def schedule(queue: JobQueue[Ctx] | None, settings: Settings) -> Job[Ctx] | None:
    """The `backup:daily` job of these settings, replacing one scheduled before."""
    assert queue is not None  # the job-queue extra is a dependency
    for old in queue.get_jobs_by_name(DAILY_JOB):
        old.schedule_removal()
    if settings.backup_dir is None:
        log.info("Daily backups are off (BACKUP_DIR is empty)")
        return None
    daily = DailyBackups(settings.database_url, settings.backup_dir, settings.backup_keep)
    at = dt.time(settings.backup_hour, tzinfo=settings.timezone)
    return queue.run_daily(daily_backup, time=at, name=DAILY_JOB, data=daily)


async def daily_backup(context: Ctx) -> None:
    """Back up, keep the newest BACKUP_KEEP; tell the admin chat of a new failure."""
    assert context.job is not None
    daily: DailyBackups = context.job.data  # type: ignore[assignment]
    outcome = await asyncio.to_thread(daily.run)
    if outcome.backup is not None:
        backup = outcome.backup
        log.info("Daily backup written: %s (%s)", backup.path, human_size(backup.size))
        for path in outcome.pruned:
            log.info("Old backup deleted (BACKUP_KEEP=%d): %s", daily.keep, path.name)
        return
    log.error("Daily backup failed: %s", outcome.error)
    settings = context.services.settings
    if not outcome.alert or not settings.admin_chat_id:
        return
    language = settings.default_language
    text = t(
        language,
        "backup.failed",
        when=format_when(daily.clock(), language, settings.timezone, now=daily.clock()),
        error=(outcome.error or "")[-1500:],
        folder=str(daily.folder),
        hour=format_clock(settings.backup_hour * 60, language),
    )
    try:
        await context.bot.send_message(settings.admin_chat_id, text)
    except TelegramError as exc:
        log.warning("Could not tell the admin chat that the backup failed: %s", exc)
