"""Incident reports, the Telegram face: the resident's /lapor (lapor.py), /status, /laporanku and
answers to the police (mine.py), the duty chat's buttons and notes (duty.py), /statistik and
/eksporlaporan (overview.py), and the escalation jobs (jobs.py).

The rules live in bot/services/reports; the buttons' data in bot/services/reports/callbacks.py.
"""

from __future__ import annotations

from telegram.ext import BaseHandler

from handlers.reports import duty
from handlers.reports import lapor
from handlers.reports import mine
from handlers.reports import overview
from handlers.reports.jobs import rebuild_jobs

__all__ = ["handlers", "rebuild_jobs"]


def handlers() -> list[BaseHandler]:
    """Every handler of reports, in order: the answer conversation comes before /lapor, so an
    answer being typed is not taken as part of a report."""
    return [*mine.handlers(), *lapor.handlers(), *duty.handlers(), *overview.handlers()]
