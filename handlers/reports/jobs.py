"""Escalation jobs on the JobQueue: one per untaken report, named `report:escalate:<id>`, rebuilt
from the database at start-up (the database makes sure each report is escalated once)."""

from __future__ import annotations

import datetime as dt

from bot.ptb.context import App
from bot.ptb.context import Ctx
from handlers import jobs


def _job_name(report_id: int) -> str:
    return f"report:escalate:{report_id}"


def schedule_escalation(context: Ctx | App, report_id: int, when: dt.datetime) -> None:
    """Escalate the report at `when` unless someone takes it first (a job per report whose id
    is its name, so finding it costs nothing however many jobs wait; running it twice
    escalates once)."""
    jobs.schedule_at(context.job_queue, _job_name(report_id), _escalate, when, report_id)


def cancel_escalation(context: Ctx | App, report_id: int) -> None:
    """Drop a report's escalation job (it was taken: in the duty chat or on the dashboard)."""
    jobs.cancel(context.job_queue, _job_name(report_id))


async def _escalate(context: Ctx) -> None:
    """The job: re-announce and escalate, if the report is still untaken."""
    await context.services.reports.escalate(int(context.job.data))


async def rebuild_jobs(application: App) -> None:
    """At start-up: one escalation job per untaken report, from the database (overdue ones run
    at once)."""
    for report_id, when in await application.bot_data.services.reports.pending_escalations():
        schedule_escalation(application, report_id, when)
