"""PTB's JobQueue, with jobs that run however late the event loop gets to them.

APScheduler drops a job whose run comes more than `misfire_grace_time` (1 s by default) after its
time: a busy second at start-up lost the menu sync (`menus:sync`, due at once), and a busy
second at 02:00 would lose that day's backup. Every job here is safe to run late (the database
decides what is still due), so none has a grace limit; runs missed together become one.
"""

from __future__ import annotations

from typing import Any

from telegram.ext import JobQueue

from bot.ptb.context import Ctx


class PatientJobQueue(JobQueue[Ctx]):
    """A JobQueue whose jobs never misfire."""

    @property
    def scheduler_configuration(self) -> dict[str, Any]:
        """PTB's configuration, plus job defaults without a grace limit."""
        return {
            **super().scheduler_configuration,
            "job_defaults": {"misfire_grace_time": None, "coalesce": True},
        }
