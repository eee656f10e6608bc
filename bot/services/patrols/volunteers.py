"""Volunteers for ronda (/ikutronda): a resident asks to join their home desa's watch, its
koordinators accept or refuse (the first decision wins), a koordinator removes a volunteer and
a volunteer leaves.

Every change is one transaction: the conditional update of the offer (`ronda_volunteers`,
one row per person and desa), the messages it causes (through the delivery engine) and its
audit entry. Leaving the watch takes the person off the desa's shifts that have not started
yet (unless a pemuda or polisi role still makes them a member), and the koordinators hear
which shifts lost a member.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from typing import Any

from sqlmodel import Session

from bot.callbacks import inline_keyboard
from bot.services import roles as role_reads
from bot.services.authz import Holding
from bot.services.authz import covers
from bot.services.patrols import messages
from bot.services.patrols.callbacks import VolunteerDecision
from bot.services.patrols.shared import Shared
from bot.services.patrols.types import MEMBER_ROLES
from bot.services.patrols.types import ShiftView
from bot.services.users import display_names
from bot.texts import Html
from bot.texts import t
from bot.texts.when import format_date
from storage import patrols as store
from storage import queries
from storage.models import PatrolShift
from storage.models import Role
from storage.models import RondaVolunteer
from storage.models import VolunteerStatus as Status

# After a refusal or a removal, asking again waits this long (koordinators are not nagged).
COOLDOWN = dt.timedelta(days=7)
# At most this many shifts are listed in one message about lost places.
SHIFT_LINES = 8
# What someone may ask again from (a row in another status has its own answer).
ASKABLE = (Status.REJECTED, Status.LEFT, Status.REMOVED)


@dataclass(frozen=True)
class Standing:
    """Where someone stands with their home desa's watch (what /ikutronda shows), and the
    other desa whose watch they are on.

    `state`: "no_home", "by_role" (a pemuda or polisi role covering the desa), "pending",
    "accepted", "cooldown" (refused or removed less than COOLDOWN ago: `until`) or "may_ask".
    """

    state: str
    desa_id: int | None = None
    desa: str = ""
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    name: str = ""
    # (desa id, name) of the watches of other desa they are on or asked for (their home desa
    # changed since): they can still leave those.
    elsewhere: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class VolunteerResult:
    """The outcome of a change: `key` is the text to answer with, `values` fill it in."""

    key: str
    ok: bool
    values: dict[str, Any] = field(default_factory=dict)
    volunteer_id: int | None = None


@dataclass(frozen=True)
class Volunteer:
    """One offer as a koordinator's list shows it."""

    id: int
    user_id: int
    name: str
    status: Status
    since: dt.datetime


@dataclass(frozen=True)
class WatchCount:
    """How many people the watch of some desa has, how many of them are volunteers, and how
    many requests wait for a koordinator."""

    members: int
    volunteers: int
    pending: int


# --- reading ------------------------------------------------------------------------------------


def by_role(shared: Shared, session: Session, user_id: int, desa_id: int) -> bool:
    """Whether a pemuda or polisi role that covers the desa makes the person a member."""
    place = shared.place(desa_id)
    return any(
        h.role in MEMBER_ROLES and covers(h, place)
        for h in role_reads.holdings_of(session, user_id)
    )


async def standing(shared: Shared, user_id: int, now: dt.datetime) -> Standing:
    """Where the person stands with their home desa's watch."""

    def read(session: Session) -> Standing:
        desa_id = store.home_of(session, user_id=user_id)
        elsewhere = tuple(
            (o.desa_id, shared.desa_name(o.desa_id))
            for o in store.current_offers(session, user_id=user_id)
            if o.desa_id != desa_id
        )
        found = at_home(session, desa_id)
        return replace(found, elsewhere=elsewhere)

    def at_home(session: Session, desa_id: int | None) -> Standing:
        if desa_id is None:
            return Standing("no_home")
        name = display_names(session, [user_id]).get(user_id, str(user_id))
        values: dict[str, Any] = {"desa_id": desa_id, "desa": shared.desa_name(desa_id)}
        values["name"] = name
        row = store.volunteer(session, user_id=user_id, desa_id=desa_id)
        if row is not None and row.status is Status.ACCEPTED:
            return Standing("accepted", since=row.decided_at or row.requested_at, **values)
        if by_role(shared, session, user_id, desa_id):
            return Standing("by_role", **values)
        if row is None:
            return Standing("may_ask", **values)
        if row.status is Status.PENDING:
            return Standing("pending", since=row.requested_at, **values)
        until = _cooldown_until(row)
        if until is not None and until > now:
            return Standing("cooldown", since=row.decided_at, until=until, **values)
        return Standing("may_ask", **values)

    return await shared.db.run(read)


def _cooldown_until(row: RondaVolunteer) -> dt.datetime | None:
    """When a refused or removed person may ask again (None: no waiting)."""
    if row.status in (Status.REJECTED, Status.REMOVED) and row.decided_at is not None:
        return row.decided_at + COOLDOWN
    return None


async def listing(shared: Shared, desa_id: int) -> tuple[list[Volunteer], list[Volunteer]]:
    """The desa's waiting requests and its accepted volunteers, oldest first."""

    def read(session: Session) -> tuple[list[Volunteer], list[Volunteer]]:
        rows = store.volunteers_of(
            session, desa_id=desa_id, statuses=(Status.PENDING, Status.ACCEPTED)
        )
        names = display_names(session, [r.user_id for r in rows])
        found = [
            Volunteer(
                id=r.id or 0,
                user_id=r.user_id,
                name=names.get(r.user_id, str(r.user_id)),
                status=r.status,
                since=r.requested_at
                if r.status is Status.PENDING
                else (r.decided_at or r.requested_at),
            )
            for r in rows
        ]
        return (
            [v for v in found if v.status is Status.PENDING],
            [v for v in found if v.status is Status.ACCEPTED],
        )

    return await shared.db.run(read)


async def desa_of(shared: Shared, volunteer_id: int) -> int | None:
    """The desa an offer is for (None: it is gone)."""

    def read(session: Session) -> int | None:
        row = store.volunteer_by_id(session, volunteer_id=volunteer_id)
        return None if row is None else row.desa_id

    return await shared.db.run(read)


async def count(shared: Shared, desa_ids: Collection[int] | None) -> WatchCount:
    """The members of these desa's watches (None: of every desa), the volunteers among them,
    and the requests waiting."""

    def read(session: Session) -> WatchCount:
        offers = store.volunteer_counts(session, desa_ids=desa_ids)
        volunteers = offers[Status.ACCEPTED]
        members = set(volunteers)
        places = None if desa_ids is None else [shared.place(d) for d in desa_ids]
        for role in MEMBER_ROLES:
            for a in role_reads.assignments(session, role=role):
                if places is None or any(covers(a.holding, p) for p in places):
                    members.add(a.user_id)
        # A volunteer who also holds a role for the desa counts as a member by that role.
        return WatchCount(
            members=len(members), volunteers=len(volunteers), pending=len(offers[Status.PENDING])
        )

    return await shared.db.run(read)


# --- a resident asks ----------------------------------------------------------------------------


async def request(shared: Shared, user_id: int, desa_id: int, now: dt.datetime) -> VolunteerResult:
    """The person asks to join the desa's watch (it must still be their home desa): the
    koordinators hear it with Terima / Tolak (none: the polisi covering the desa; nobody: the
    request waits, and the person is told)."""
    result = await shared.db.write(_request, shared, user_id, desa_id, now)
    shared.delivery.wake()
    return result


def _request(
    session: Session, shared: Shared, user_id: int, desa_id: int, now: dt.datetime
) -> VolunteerResult:
    desa = shared.desa_name(desa_id)
    values: dict[str, Any] = {"desa": desa}
    if store.home_of(session, user_id=user_id) != desa_id:
        return VolunteerResult("relawan.home_changed", False, values)
    row = store.volunteer(session, user_id=user_id, desa_id=desa_id)
    if row is not None and row.status is Status.ACCEPTED:
        return VolunteerResult("relawan.already_member", False, values)
    if by_role(shared, session, user_id, desa_id):
        return VolunteerResult("relawan.member_by_role", False, values)
    if row is not None and row.status is Status.PENDING:
        return VolunteerResult("relawan.already_pending", False, values, row.id)
    if row is not None:
        until = _cooldown_until(row)
        if until is not None and until > now:
            lang = shared.languages(session, [user_id])[user_id]
            values["date"] = format_date(shared.local(until).date(), lang)
            return VolunteerResult("relawan.cooldown", False, values)
        moved = store.move_volunteer(
            session, volunteer_id=row.id or 0, before=ASKABLE, after=Status.PENDING, now=now
        )
        if not moved:
            return VolunteerResult("relawan.already_pending", False, values, row.id)
    else:
        row = store.add_volunteer(session, user_id=user_id, desa_id=desa_id, now=now)
        if row is None:
            return VolunteerResult("relawan.already_pending", False, values)
    volunteer_id = row.id or 0
    name = display_names(session, [user_id]).get(user_id, str(user_id))
    deciders = _deciders(shared, session, desa_id, user_id)
    languages = shared.languages(session, deciders)
    for decider in deciders:
        lang = languages[decider]
        text = t(lang, "relawan.request_koordinator", name=name, desa=desa)
        shared.send(session, decider, text, _decision_buttons(lang, volunteer_id), _ref(row))
    queries.add_audit(
        session,
        "patrol.volunteer_request",
        actor_id=user_id,
        target=f"desa:{desa_id}",
        details=f"volunteer={volunteer_id} told={len(deciders)}",
    )
    key = "relawan.requested" if deciders else "relawan.requested_nobody"
    return VolunteerResult(key, True, {**values, "n": len(deciders)}, volunteer_id)


def _deciders(shared: Shared, session: Session, desa_id: int, user_id: int) -> list[int]:
    """Who hears a request: the desa's pemuda koordinators, else the polisi whose role covers
    it (never the person asking)."""
    found = [k for k in shared.koordinators(session, desa_id) if k != user_id]
    if found:
        return found
    place = shared.place(desa_id)
    police = (
        a.user_id
        for a in role_reads.assignments(session, role=Role.POLISI)
        if covers(a.holding, place) and a.user_id != user_id
    )
    return list(dict.fromkeys(police))


def _decision_buttons(lang: str, volunteer_id: int) -> messages.Markup:
    return inline_keyboard(
        [
            [
                (t(lang, "relawan.btn_accept"), VolunteerDecision("a", volunteer_id)),
                (t(lang, "relawan.btn_reject"), VolunteerDecision("r", volunteer_id)),
            ]
        ]
    )


def _ref(row: RondaVolunteer) -> str:
    return f"volunteer:{row.id}"


# --- a koordinator decides ----------------------------------------------------------------------


async def decide(
    shared: Shared,
    actor_id: int,
    holdings: Sequence[Holding],
    volunteer_id: int,
    accept: bool,
    now: dt.datetime,
) -> VolunteerResult:
    """Terima / Tolak: the first decision wins; a later one hears who decided. Nobody decides
    their own request, and only someone who coordinates the desa decides."""
    result = await shared.db.write(
        _decide, shared, actor_id, list(holdings), volunteer_id, accept, now
    )
    shared.delivery.wake()
    return result


def _decide(
    session: Session,
    shared: Shared,
    actor_id: int,
    holdings: list[Holding],
    volunteer_id: int,
    accept: bool,
    now: dt.datetime,
) -> VolunteerResult:
    row = store.volunteer_by_id(session, volunteer_id=volunteer_id)
    if row is None:
        return VolunteerResult("relawan.gone", False)
    desa = shared.desa_name(row.desa_id)
    names = display_names(session, [row.user_id, actor_id])
    values: dict[str, Any] = {"desa": desa, "name": names.get(row.user_id, str(row.user_id))}
    if not shared.may_coordinate(holdings, row.desa_id):
        return VolunteerResult("relawan.not_koordinator", False, values)
    if row.user_id == actor_id:
        return VolunteerResult("relawan.own_request", False, values)
    after = Status.ACCEPTED if accept else Status.REJECTED
    moved = store.move_volunteer(
        session,
        volunteer_id=volunteer_id,
        before=(Status.PENDING,),
        after=after,
        now=now,
        decided_by=actor_id,
    )
    if not moved:
        return _decided_already(session, shared, row, values)
    lang = shared.languages(session, [row.user_id])[row.user_id]
    if accept:
        text = t(lang, "relawan.accepted_volunteer", desa=desa)
    else:
        until = format_date(shared.local(now + COOLDOWN).date(), lang)
        text = t(lang, "relawan.rejected_volunteer", desa=desa, date=until)
    shared.send(session, row.user_id, text, None, _ref(row))
    queries.add_audit(
        session,
        "patrol.volunteer_accept" if accept else "patrol.volunteer_reject",
        actor_id=actor_id,
        target=f"user:{row.user_id}",
        details=f"volunteer={volunteer_id} desa={row.desa_id}",
    )
    key = "relawan.accepted" if accept else "relawan.rejected"
    return VolunteerResult(key, True, values, volunteer_id)


def _decided_already(
    session: Session, shared: Shared, row: RondaVolunteer, values: dict[str, Any]
) -> VolunteerResult:
    """The answer to a decision that came too late: who decided what (or that the request no
    longer waits)."""
    session.refresh(row)
    if row.status in (Status.ACCEPTED, Status.REJECTED) and row.decided_by is not None:
        who = display_names(session, [row.decided_by]).get(row.decided_by, str(row.decided_by))
        key = f"relawan.decided_{row.status.value}"
        return VolunteerResult(key, False, {**values, "who": who})
    return VolunteerResult("relawan.not_waiting", False, values)


# --- leaving the watch --------------------------------------------------------------------------


async def leave(shared: Shared, user_id: int, desa_id: int, now: dt.datetime) -> VolunteerResult:
    """The volunteer steps down (or withdraws a waiting request): taken off the desa's shifts
    that have not started; the koordinators hear it."""
    result = await shared.db.write(_leave, shared, user_id, desa_id, now)
    shared.delivery.wake()
    return result


def _leave(
    session: Session, shared: Shared, user_id: int, desa_id: int, now: dt.datetime
) -> VolunteerResult:
    desa = shared.desa_name(desa_id)
    row = store.volunteer(session, user_id=user_id, desa_id=desa_id)
    if row is None or row.status not in (Status.PENDING, Status.ACCEPTED):
        return VolunteerResult("relawan.not_volunteer", False, {"desa": desa})
    was = row.status
    moved = store.move_volunteer(
        session, volunteer_id=row.id or 0, before=(was,), after=Status.LEFT, now=now
    )
    if not moved:
        return VolunteerResult("relawan.not_volunteer", False, {"desa": desa})
    if was is Status.PENDING:
        queries.add_audit(
            session,
            "patrol.volunteer_leave",
            actor_id=user_id,
            target=f"desa:{desa_id}",
            details=f"volunteer={row.id} withdrawn",
        )
        return VolunteerResult("relawan.withdrawn", True, {"desa": desa}, row.id)
    lost = _take_off(shared, session, user_id, desa_id, now)
    _tell_koordinators(shared, session, row, lost, "relawan.left_koordinator", skip=())
    queries.add_audit(
        session,
        "patrol.volunteer_leave",
        actor_id=user_id,
        target=f"desa:{desa_id}",
        details=f"volunteer={row.id} shifts={[v.id for v in lost.shifts]}",
    )
    return VolunteerResult("relawan.left", True, {"desa": desa, "n": len(lost.shifts)}, row.id)


async def remove(
    shared: Shared,
    actor_id: int,
    holdings: Sequence[Holding],
    volunteer_id: int,
    now: dt.datetime,
) -> VolunteerResult:
    """A koordinator takes a volunteer off the watch: off the desa's shifts that have not
    started; the person and the other koordinators hear it."""
    result = await shared.db.write(_remove, shared, actor_id, list(holdings), volunteer_id, now)
    shared.delivery.wake()
    return result


def _remove(
    session: Session,
    shared: Shared,
    actor_id: int,
    holdings: list[Holding],
    volunteer_id: int,
    now: dt.datetime,
) -> VolunteerResult:
    row = store.volunteer_by_id(session, volunteer_id=volunteer_id)
    if row is None:
        return VolunteerResult("relawan.gone", False)
    desa = shared.desa_name(row.desa_id)
    name = display_names(session, [row.user_id]).get(row.user_id, str(row.user_id))
    values: dict[str, Any] = {"desa": desa, "name": name}
    if not shared.may_coordinate(holdings, row.desa_id):
        return VolunteerResult("relawan.not_koordinator", False, values)
    if row.user_id == actor_id:
        return VolunteerResult("relawan.own_remove", False, values)
    moved = store.move_volunteer(
        session,
        volunteer_id=volunteer_id,
        before=(Status.ACCEPTED,),
        after=Status.REMOVED,
        now=now,
        decided_by=actor_id,
    )
    if not moved:
        return VolunteerResult("relawan.not_member_now", False, values)
    lost = _take_off(shared, session, row.user_id, row.desa_id, now)
    lang = shared.languages(session, [row.user_id])[row.user_id]
    text = t(lang, "relawan.removed_volunteer", desa=desa)
    if lost.shifts:
        text += "\n" + t(lang, "relawan.removed_shifts", lines=_lines(shared, lang, lost.shifts))
    shared.send(session, row.user_id, text, None, _ref(row))
    _tell_koordinators(shared, session, row, lost, "relawan.removed_koordinator", skip=(actor_id,))
    queries.add_audit(
        session,
        "patrol.volunteer_remove",
        actor_id=actor_id,
        target=f"user:{row.user_id}",
        details=f"volunteer={volunteer_id} desa={row.desa_id} shifts={[v.id for v in lost.shifts]}",
    )
    return VolunteerResult("relawan.removed", True, {**values, "n": len(lost.shifts)}, volunteer_id)


@dataclass(frozen=True)
class Lost:
    """The shifts someone was taken off (as they were), and who made them."""

    shifts: list[ShiftView] = field(default_factory=list)
    makers: list[int] = field(default_factory=list)


def _take_off(
    shared: Shared, session: Session, user_id: int, desa_id: int, now: dt.datetime
) -> Lost:
    """Take someone who left the watch off its shifts that have not started (not when a role
    still makes them a member)."""
    if shared.eligible(session, [user_id], desa_id):
        return Lost()
    places = store.coming_places(session, user_id=user_id, desa_id=desa_id, now=now)
    shifts: list[PatrolShift] = [shift for _, shift in places]
    before = shared.views(session, shifts)
    store.remove_members(session, members=[member for member, _ in places])
    makers = sorted({s.created_by for s in shifts if s.created_by is not None})
    return Lost(before, makers)


def _lines(shared: Shared, lang: str, shifts: list[ShiftView]) -> Html:
    lines = [
        t(
            lang,
            "relawan.shift_line",
            when=shared.when(lang, s.starts_at, s.ends_at),
            where=messages.where(lang, s),
        )
        for s in shifts[:SHIFT_LINES]
    ]
    if len(shifts) > SHIFT_LINES:
        lines.append(t(lang, "relawan.more_shifts", n=len(shifts) - SHIFT_LINES))
    return Html("\n".join(lines))


def _tell_koordinators(
    shared: Shared,
    session: Session,
    row: RondaVolunteer,
    lost: Lost,
    key: str,
    *,
    skip: Collection[int],
) -> None:
    """The desa's koordinators (and the makers of the shifts that lost a member) hear that the
    person left the watch, and which shifts lost them."""
    deciders = shared.koordinators(session, row.desa_id, *lost.makers)
    if not deciders:
        deciders = _deciders(shared, session, row.desa_id, row.user_id)
    told = [k for k in deciders if k != row.user_id and k not in skip]
    name = display_names(session, [row.user_id]).get(row.user_id, str(row.user_id))
    desa = shared.desa_name(row.desa_id)
    languages = shared.languages(session, told)
    for user_id in told:
        lang = languages[user_id]
        text = t(lang, key, name=name, desa=desa)
        if lost.shifts:
            text += "\n" + t(lang, "relawan.lost_shifts", lines=_lines(shared, lang, lost.shifts))
        shared.send(session, user_id, text, None, _ref(row))
