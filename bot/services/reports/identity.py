"""A named reporter's identity, for one officer at a time.

The cards in the duty and Polres chats say only that a report is named; its "👤 Pelapor" button
shows the name to the officer who presses it, and every such view is written to the audit log
(who, when, which report). An anonymous reporter is never revealed, by anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from storage import queries
from storage import reports as q

# The audit log's action for one officer seeing one report's reporter.
VIEWED = "report.reporter_viewed"


@dataclass(frozen=True)
class Identity:
    """Who made a report, as the officer who asked may see it."""

    code: str
    # None: the report is anonymous (or its reporter is no longer known): nothing to show.
    user_id: int | None
    name: str = ""
    username: str | None = None


def reveal(session: Session, report_id: int, actor_id: int, actor_label: str) -> Identity | None:
    """The reporter of a report for `actor_id` (whose right to see it the caller checked),
    audited; None when there is no such report."""
    report = q.get(session, report_id)
    if report is None:
        return None
    reporter_id = report.reporter_id
    user = None
    if not report.anonymous and reporter_id is not None:
        user = queries.get_user(session, reporter_id)
    if user is None:
        return Identity(report.code, None)
    queries.add_audit(
        session, VIEWED, actor_id=actor_id, actor_label=actor_label, target=f"report:{report.code}"
    )
    return Identity(report.code, user.id, user.title or user.full_name, user.username)
