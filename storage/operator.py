"""The few cheap reads behind GET /healthz and GET /metrics (bot/web/operator.py), and the write
that proves the database takes writes. Each takes the caller's session (`Database.run`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field

from sqlalchemy import delete
from sqlalchemy import exists
from sqlalchemy import func
from sqlalchemy import insert
from sqlalchemy import select
from sqlmodel import Session

from storage.models import OPEN_STATUSES
from storage.models import BotProfile
from storage.models import Delivery
from storage.models import DeliveryState
from storage.models import OutboxRow
from storage.models import Report
from storage.models import SiagaCall
from storage.models import SiagaStatus
from storage.models import table_of
from storage.models import utcnow

OB = table_of(OutboxRow)
D = table_of(Delivery)
R = table_of(Report)
S = table_of(SiagaCall)
B = table_of(BotProfile)
_OPEN = [s.value for s in OPEN_STATUSES]
_SCRATCH = 0  # prove_writable's row in bot_profile
_DIRECT = 0  # bot.delivery.Priority.DIRECT (storage does not import the engine)


@dataclass(frozen=True)
class Figures:
    """What the database says at one moment."""

    # Rows not sent yet (pending or claimed), by priority (bot.delivery.Priority values).
    backlog: dict[int, int] = field(default_factory=dict)
    # Seconds since the oldest delivery with a row not sent yet was written (0: none).
    oldest_waiting: float = 0.0
    # The same for one-person messages (DIRECT: replies, report status, cards).
    oldest_direct_waiting: float = 0.0
    reports: dict[str, int] = field(default_factory=dict)
    open_siaga_calls: int = 0


def prove_writable(session: Session) -> None:
    """Write a scratch row and remove it again, in the caller's transaction (which commits
    it): a read alone succeeds on a full disk or a read-only file, where the bot can store
    nothing. A row rewritten unchanged would not do: SQLite skips writing a page that stays
    the same. Id 0 is never the bot's own profile (always 1); nobody sees the row."""
    session.execute(insert(B).values(id=_SCRATCH, bot_id=0, username="", seen_at=utcnow()))
    session.execute(delete(B).where(B.c.id == _SCRATCH))


def figures(session: Session, *, now: dt.datetime | None = None) -> Figures:
    """The outbox's backlog and age, reports by status, open siaga calls."""
    now = now or utcnow()
    backlog = {
        int(priority): int(count)
        for priority, count in session.execute(
            select(OB.c.priority, func.count())
            .where(OB.c.status.in_(_OPEN))
            .group_by(OB.c.priority)
        )
    }
    waiting = exists().where(OB.c.delivery_id == D.c.id, OB.c.status.in_(_OPEN))
    # Only deliveries still sending can have open rows: the state index keeps this small.
    oldest = select(func.min(D.c.created_at)).where(
        D.c.state == DeliveryState.SENDING.value, waiting
    )
    oldest_any = session.execute(oldest).scalar()
    oldest_direct = session.execute(oldest.where(D.c.priority == _DIRECT)).scalar()
    reports = {
        str(status): int(count)
        for status, count in session.execute(select(R.c.status, func.count()).group_by(R.c.status))
    }
    calls = session.execute(
        select(func.count()).select_from(S).where(S.c.status == SiagaStatus.OPEN)
    ).scalar()
    return Figures(
        backlog=backlog,
        oldest_waiting=_age(oldest_any, now),
        oldest_direct_waiting=_age(oldest_direct, now),
        reports=reports,
        open_siaga_calls=int(calls or 0),
    )


def _age(since: dt.datetime | None, now: dt.datetime) -> float:
    if since is None:
        return 0.0
    return max(0.0, (now - since).total_seconds())
