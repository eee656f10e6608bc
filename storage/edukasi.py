"""Query functions of sosialisasi (bot/services/edukasi): education items, series, their items
and sends. Each takes the caller's session; `advance_series` is a conditional update that says
whether this caller moved the series on (False: another process or an earlier run did)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any
from typing import cast

from sqlalchemy import CursorResult
from sqlalchemy import func
from sqlalchemy import update
from sqlmodel import Session
from sqlmodel import col
from sqlmodel import select

from storage.models import EducationItem
from storage.models import EducationSend
from storage.models import EducationSeries
from storage.models import EducationSeriesItem
from storage.models import EducationTopic
from storage.models import Organisation
from storage.models import SeriesStatus

# --- items ---------------------------------------------------------------------------------------


def add_item(session: Session, *, item: EducationItem) -> EducationItem:
    """Store a new item."""
    session.add(item)
    session.flush()
    return item


def item(session: Session, *, item_id: int) -> EducationItem | None:
    """One item (archived ones too)."""
    return session.get(EducationItem, item_id)


def topic_counts(session: Session) -> dict[EducationTopic, int]:
    """How many items (not archived) each topic has; topics without any are left out."""
    rows = session.exec(
        select(EducationItem.topic, func.count())
        .where(col(EducationItem.archived).is_(False))
        .group_by(EducationItem.topic)
    ).all()
    return {EducationTopic(topic): int(count) for topic, count in rows}


def items_of(
    session: Session, *, topic: EducationTopic, newest_first: bool = True
) -> Sequence[EducationItem]:
    """A topic's items that are not archived."""
    order = col(EducationItem.id).desc() if newest_first else col(EducationItem.id)
    return session.exec(
        select(EducationItem)
        .where(EducationItem.topic == topic, col(EducationItem.archived).is_(False))
        .order_by(order)
    ).all()


def all_items(session: Session) -> Sequence[EducationItem]:
    """Every item not archived, oldest first."""
    return session.exec(
        select(EducationItem)
        .where(col(EducationItem.archived).is_(False))
        .order_by(col(EducationItem.id))
    ).all()


def archive_item(session: Session, *, item_id: int) -> bool:
    """Archive an item; False if it was archived already (or is gone)."""
    result = cast(
        CursorResult[Any],
        session.execute(
            update(EducationItem)
            .where(col(EducationItem.id) == item_id, col(EducationItem.archived).is_(False))
            .values(archived=True)
        ),
    )
    return result.rowcount == 1


def organisations(session: Session) -> Sequence[Organisation]:
    """Every organisation, as sources to choose from."""
    return session.exec(select(Organisation).order_by(col(Organisation.id))).all()


def organisation(session: Session, *, organisation_id: int) -> Organisation | None:
    return session.get(Organisation, organisation_id)


# --- series --------------------------------------------------------------------------------------


def add_series(
    session: Session, *, series: EducationSeries, item_ids: Sequence[int]
) -> EducationSeries:
    """Store a new series with its items in order."""
    session.add(series)
    session.flush()
    assert series.id is not None
    for position, item_id in enumerate(item_ids):
        session.add(EducationSeriesItem(series_id=series.id, position=position, item_id=item_id))
    session.flush()
    return series


def series(session: Session, *, series_id: int) -> EducationSeries | None:
    return session.get(EducationSeries, series_id)


def series_list(session: Session, *, created_by: int | None) -> Sequence[EducationSeries]:
    """Series newest first: someone's (None: everyone's)."""
    query = select(EducationSeries).order_by(col(EducationSeries.id).desc()).limit(20)
    if created_by is not None:
        query = query.where(EducationSeries.created_by == created_by)
    return session.exec(query).all()


def active_series(session: Session) -> Sequence[EducationSeries]:
    """Series that still send (the JobQueue is rebuilt from these)."""
    return session.exec(
        select(EducationSeries).where(EducationSeries.status == SeriesStatus.ACTIVE)
    ).all()


def series_items(session: Session, *, series_id: int) -> Sequence[EducationSeriesItem]:
    return session.exec(
        select(EducationSeriesItem)
        .where(EducationSeriesItem.series_id == series_id)
        .order_by(col(EducationSeriesItem.position))
    ).all()


def advance_series(
    session: Session, *, series_id: int, position: int, next_at: dt.datetime, finished: bool
) -> bool:
    """Move an active series past `position`, once: False if it is not there any more."""
    values: dict[str, Any] = {"position": position + 1, "next_at": next_at}
    if finished:
        values["status"] = SeriesStatus.FINISHED
    result = cast(
        CursorResult[Any],
        session.execute(
            update(EducationSeries)
            .where(
                col(EducationSeries.id) == series_id,
                col(EducationSeries.position) == position,
                col(EducationSeries.status) == SeriesStatus.ACTIVE,
            )
            .values(**values)
        ),
    )
    return result.rowcount == 1


def set_status(
    session: Session,
    *,
    series_id: int,
    from_statuses: Sequence[SeriesStatus],
    status: SeriesStatus,
    note: str | None = None,
    next_at: dt.datetime | None = None,
) -> bool:
    """Pause, resume or stop a series; False if it was not in one of `from_statuses`."""
    values: dict[str, Any] = {"status": status, "note": note}
    if next_at is not None:
        values["next_at"] = next_at
    result = cast(
        CursorResult[Any],
        session.execute(
            update(EducationSeries)
            .where(
                col(EducationSeries.id) == series_id,
                col(EducationSeries.status).in_(list(from_statuses)),
            )
            .values(**values)
        ),
    )
    return result.rowcount == 1


def record_send(
    session: Session, *, series_id: int, position: int, item_id: int, advisory_id: int | None
) -> None:
    """The item at `position` went out (unique: a second one fails the transaction)."""
    session.add(
        EducationSend(
            series_id=series_id, position=position, item_id=item_id, advisory_id=advisory_id
        )
    )
    session.flush()


def sends(session: Session, *, series_id: int) -> Sequence[EducationSend]:
    return session.exec(
        select(EducationSend)
        .where(EducationSend.series_id == series_id)
        .order_by(col(EducationSend.position))
    ).all()


def erase_person(session: Session, *, user_id: int) -> None:
    """A deletion (/privasi): the items they wrote stay without their name; their series stay
    for the record, without them, and stop sending (they spoke through a role now gone)."""
    session.execute(
        update(EducationItem).where(col(EducationItem.author_id) == user_id).values(author_id=None)
    )
    session.execute(
        update(EducationSeries)
        .where(
            col(EducationSeries.created_by) == user_id,
            col(EducationSeries.status) != SeriesStatus.FINISHED,
        )
        .values(status=SeriesStatus.PAUSED, note="privacy")
    )
    session.execute(
        update(EducationSeries)
        .where(col(EducationSeries.created_by) == user_id)
        .values(created_by=None)
    )
