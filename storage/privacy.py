"""Query functions of a person's rights (bot/services/privacy): everything kept about one person,
read for their copy, and removed (or unlinked) when they delete their data.

Every function takes the caller's session and one person's Telegram id, and touches only rows of
that person: a copy never reads another person's row, a deletion never changes one.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from typing import cast

from sqlalchemy import CursorResult
from sqlalchemy import delete
from sqlalchemy import update
from sqlmodel import Session
from sqlmodel import col
from sqlmodel import select

from storage import edukasi
from storage import kondisi
from storage import latihan
from storage import siaga
from storage.models import Advisory
from storage.models import AdvisoryAck
from storage.models import AdvisoryMute
from storage.models import CommandMenu
from storage.models import ConversationState
from storage.models import DeliveryChat
from storage.models import HomeArea
from storage.models import NeighbourHelp
from storage.models import Organisation
from storage.models import OutboxRow
from storage.models import OutboxStatus
from storage.models import PatrolPost
from storage.models import PatrolSchedule
from storage.models import PatrolShift
from storage.models import PatrolShiftMember
from storage.models import PatrolSwap
from storage.models import Report
from storage.models import ReportEvent
from storage.models import ReportPhoto
from storage.models import RoleAssignment
from storage.models import RondaVolunteer
from storage.models import Subscription
from storage.models import User
from storage.models import UserDraft

# ---- reading (the copy) ----------------------------------------------------------------------


def user(session: Session, *, user_id: int) -> User | None:
    """The person's profile row."""
    return session.get(User, user_id)


def home_area_id(session: Session, *, user_id: int) -> int | None:
    """The person's home desa."""
    home = session.get(HomeArea, user_id)
    return home.area_id if home is not None else None


def subscribed_area_ids(session: Session, *, user_id: int) -> list[int]:
    """The areas the person follows, oldest first."""
    query = (
        select(Subscription.area_id)
        .where(Subscription.user_id == user_id)
        .order_by(col(Subscription.id))
    )
    return list(session.exec(query))


def reports_of(session: Session, *, user_id: int) -> Sequence[Report]:
    """Every report the person made, oldest first."""
    query = select(Report).where(Report.reporter_id == user_id).order_by(col(Report.id))
    return session.exec(query).all()


def report_events(session: Session, *, report_id: int) -> Sequence[ReportEvent]:
    """A report's history, oldest first."""
    query = (
        select(ReportEvent)
        .where(ReportEvent.report_id == report_id)
        .order_by(col(ReportEvent.at), col(ReportEvent.id))
    )
    return session.exec(query).all()


def photo_count(session: Session, *, report_id: int) -> int:
    """How many photos a report has."""
    return len(session.exec(select(ReportPhoto.id).where(ReportPhoto.report_id == report_id)).all())


@dataclass(frozen=True)
class ShiftOfPerson:
    """One ronda shift the person stands (or stood) watch on, with their own check-in only."""

    shift: PatrolShift
    post_name: str | None
    member: PatrolShiftMember


def shifts_of(session: Session, *, user_id: int) -> list[ShiftOfPerson]:
    """The person's ronda shifts, oldest first: the shift, its pos and their own membership
    row (never the other members')."""
    query = (
        select(PatrolShift, PatrolShiftMember, PatrolPost.name)
        .join(PatrolShiftMember, col(PatrolShiftMember.shift_id) == col(PatrolShift.id))
        .outerjoin(PatrolPost, col(PatrolPost.id) == col(PatrolShift.post_id))
        .where(PatrolShiftMember.user_id == user_id)
        .order_by(col(PatrolShift.starts_at), col(PatrolShift.id))
    )
    return [
        ShiftOfPerson(shift=shift, post_name=name, member=member)
        for shift, member, name in session.exec(query)
    ]


def volunteering_of(session: Session, *, user_id: int) -> Sequence[RondaVolunteer]:
    """The person's offers to stand watch (/ikutronda), oldest first."""
    query = (
        select(RondaVolunteer)
        .where(RondaVolunteer.user_id == user_id)
        .order_by(col(RondaVolunteer.requested_at))
    )
    return session.exec(query).all()


def acknowledgements_of(session: Session, *, user_id: int) -> list[tuple[AdvisoryAck, str]]:
    """The Darurat advisories the person acknowledged, with the source the advisory named."""
    query = (
        select(AdvisoryAck, Advisory.source_name)
        .join(Advisory, col(Advisory.id) == col(AdvisoryAck.advisory_id))
        .where(AdvisoryAck.user_id == user_id)
        .order_by(col(AdvisoryAck.at))
    )
    return [(ack, source) for ack, source in session.exec(query)]


def muted_organisations(session: Session, *, user_id: int) -> list[str]:
    """The organisations whose Info advisories the person muted, by name."""
    query = (
        select(Organisation.name)
        .join(AdvisoryMute, col(AdvisoryMute.organisation_id) == col(Organisation.id))
        .where(AdvisoryMute.user_id == user_id)
        .order_by(col(Organisation.name))
    )
    return list(session.exec(query))


# ---- removing (the deletion) -----------------------------------------------------------------


@dataclass(frozen=True)
class Erased:
    """What one deletion removed or unlinked, as counts (the audit entry keeps only these)."""

    reports_unlinked: int
    subscriptions: int
    roles: int
    shifts: int
    messages_cancelled: int
    had_menu: bool

    def details(self) -> str:
        """The counts as the audit log's details: numbers, never what was removed."""
        return (
            f"reports_unlinked={self.reports_unlinked} subscriptions={self.subscriptions} "
            f"roles={self.roles} shifts={self.shifts} "
            f"messages_cancelled={self.messages_cancelled}"
        )


def _count(result: Any) -> int:
    return int(cast(CursorResult[Any], result).rowcount or 0)


def erase(session: Session, *, user_id: int) -> Erased:
    """Remove what is kept about the person and unlink what stays for the police record.

    Removed: the profile, subscriptions and home desa, drafts and conversation states, roles,
    the published command menu, advisory acknowledgements and mutes, "Siap bantu" answers,
    ronda memberships (future and past: a check-in row is theirs alone, and the shift keeps its
    own held/missed status), their open swap requests, their name in the rosters, their
    offers to stand watch (/ikutronda), their answers to muster calls (/siaga) and their tally
    messages. Unlinked: their reports, the report events and the muster calls they made (the
    police record stays, linked to nobody) and the volunteers' offers they decided on.
    Cancelled: messages not yet sent to them. The caller checks first that they hold no police
    role.
    """
    reports = session.exec(
        update(Report).where(col(Report.reporter_id) == user_id).values(reporter_id=None)
    )
    session.exec(
        update(ReportEvent).where(col(ReportEvent.actor_id) == user_id).values(actor_id=None)
    )
    subscriptions = session.exec(delete(Subscription).where(col(Subscription.user_id) == user_id))
    session.exec(delete(HomeArea).where(col(HomeArea.user_id) == user_id))
    roles = session.exec(delete(RoleAssignment).where(col(RoleAssignment.user_id) == user_id))
    menu = session.exec(delete(CommandMenu).where(col(CommandMenu.user_id) == user_id))
    session.exec(delete(AdvisoryAck).where(col(AdvisoryAck.user_id) == user_id))
    session.exec(delete(AdvisoryMute).where(col(AdvisoryMute.user_id) == user_id))
    session.exec(delete(NeighbourHelp).where(col(NeighbourHelp.user_id) == user_id))
    shifts = session.exec(
        delete(PatrolShiftMember).where(col(PatrolShiftMember.user_id) == user_id)
    )
    session.exec(delete(PatrolSwap).where(col(PatrolSwap.requested_by) == user_id))
    session.exec(
        update(PatrolSwap).where(col(PatrolSwap.taken_by) == user_id).values(taken_by=None)
    )
    _drop_from_rosters(session, user_id)
    session.exec(delete(RondaVolunteer).where(col(RondaVolunteer.user_id) == user_id))
    session.exec(
        update(RondaVolunteer)
        .where(col(RondaVolunteer.decided_by) == user_id)
        .values(decided_by=None)
    )
    # Their answers to muster calls go; the calls they made stay, without them (like reports).
    siaga.erase_person(session, user_id=user_id)
    # The situation notes they wrote stay (the desa's record), without them.
    kondisi.erase_person(session, user_id=user_id)
    # Education items and series they made stay, without them (series stop sending).
    edukasi.erase_person(session, user_id=user_id)
    # Their practice reports (/latihan) go; the sessions they ran stay, without them.
    latihan.erase_person(session, user_id=user_id)
    cancelled = session.exec(
        update(OutboxRow)
        .where(
            col(OutboxRow.chat_id) == user_id,
            col(OutboxRow.status) == OutboxStatus.PENDING.value,
        )
        .values(status=OutboxStatus.CANCELLED.value, error="privacy: data deleted")
    )
    session.exec(delete(DeliveryChat).where(col(DeliveryChat.chat_id) == user_id))
    session.exec(delete(UserDraft).where(col(UserDraft.user_id) == user_id))
    _drop_conversations(session, user_id)
    session.exec(delete(User).where(col(User.id) == user_id))
    return Erased(
        reports_unlinked=_count(reports),
        subscriptions=_count(subscriptions),
        roles=_count(roles),
        shifts=_count(shifts),
        messages_cancelled=_count(cancelled),
        had_menu=_count(menu) > 0,
    )


def _drop_conversations(session: Session, user_id: int) -> None:
    """Delete the person's stored conversation states (keyed "[chat id, user id]")."""
    candidates = session.exec(
        select(ConversationState).where(col(ConversationState.key).like(f"%{user_id}]"))
    )
    for row in candidates.all():
        parts = json.loads(row.key)
        if isinstance(parts, list) and parts and parts[-1] == user_id:
            session.delete(row)


def _drop_from_rosters(session: Session, user_id: int) -> None:
    """Take the person out of the teams the recurring ronda schedules list."""
    query = select(PatrolSchedule).where(col(PatrolSchedule.teams).like(f"%{user_id}%"))
    for schedule in session.exec(query).all():
        teams = json.loads(schedule.teams)
        if not any(user_id in team for team in teams):
            continue
        schedule.teams = json.dumps([[m for m in team if m != user_id] for team in teams])
        session.add(schedule)
