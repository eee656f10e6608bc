"""The read side of the dashboard's Ronda and Siaga pages: this week's rosters of the desa whose
ronda a person coordinates (Action.MANAGE_PATROLS, as /statistikronda reads it), held and missed
shifts, check-ins with their place for the map; and the open muster calls a person may follow
(their own, or any they may call in that area: Action.CALL_SIAGA, as the tally's buttons decide)
with their live tally. Telegram- and web-free."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field

from sqlmodel import Session

from bot.services.areas import AreaService
from bot.services.authz import Holding
from bot.services.patrols import PatrolService
from bot.services.patrols import ShiftView
from bot.services.siaga import SiagaService
from bot.services.siaga.types import CallView
from bot.services.users import display_names
from storage import dasbor as q
from storage.models import PatrolPost
from storage.models import Role
from storage.models import ShiftStatus
from storage.models import SiagaAnswer
from storage.models import utcnow

# Names listed per answer on a siaga tally (the rest counted), as the chat's tally does.
TALLY_NAMES = 30


@dataclass(frozen=True)
class CheckInPoint:
    """A member's check-in with a shared location, or at a pos ronda with a known place."""

    latitude: float
    longitude: float
    desa: str
    name: str
    at: dt.datetime
    shift_id: int
    at_post: bool  # the pos ronda's place (checked in by the button), not a shared location


@dataclass(frozen=True)
class DesaWeek:
    """One desa's shifts this week and how they went."""

    desa_id: int
    desa: str
    shifts: list[ShiftView]

    def count(self, status: ShiftStatus) -> int:
        return sum(1 for s in self.shifts if s.status is status)

    @property
    def held(self) -> int:
        return self.count(ShiftStatus.HELD)

    @property
    def missed(self) -> int:
        return self.count(ShiftStatus.MISSED)

    @property
    def planned(self) -> int:
        return self.count(ShiftStatus.PLANNED)

    @property
    def cancelled(self) -> int:
        return self.count(ShiftStatus.CANCELLED)


@dataclass(frozen=True)
class RondaWeek:
    """The week (Monday to Sunday, WIB) of every desa in a person's scope that has shifts."""

    first_day: dt.date
    last_day: dt.date
    desa: list[DesaWeek]
    points: list[CheckInPoint]
    # Where the desa of the scope (None: everywhere) are: the map centres on these.
    posts: list[PatrolPost] = field(default_factory=list)

    @property
    def held(self) -> int:
        return sum(d.held for d in self.desa)

    @property
    def missed(self) -> int:
        return sum(d.missed for d in self.desa)


@dataclass(frozen=True)
class SiagaTally:
    """An open call and who answered what (the answers SiagaAnswer defines)."""

    call: CallView
    revision: int
    called: int
    names: dict[str, list[str]]  # answer value ("siap", "lokasi", "tidak") -> names, in order
    counts: dict[str, int]  # the same answers and "waiting"
    confirmed: int  # 📍 confirmed by a location near the place

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.call.id,
            "revision": self.revision,
            "called": self.called,
            "counts": self.counts,
            "confirmed": self.confirmed,
            "names": self.names,
        }


class RondaBoard:
    """Rosters, check-ins and siaga tallies for the dashboard (read-only)."""

    def __init__(self, areas: AreaService, patrols: PatrolService, siaga: SiagaService) -> None:
        self._areas = areas
        self._patrols = patrols
        self._siaga = siaga
        self._db = patrols.shared.db

    def coordinated(self, holdings: Sequence[Holding]) -> list[int] | None:
        """The desa whose ronda these roles coordinate (None: every desa, an administrator),
        as /statistikronda counts them."""
        if any(h.role is Role.ADMIN for h in holdings):
            return None
        return [
            desa.id
            for kecamatan in self._areas.kecamatan_list()
            for desa in self._areas.desa_list(kecamatan.id)
            if self._patrols.may_coordinate(holdings, desa.id)
        ]

    def week_of(self, now: dt.datetime | None = None) -> tuple[dt.date, dt.date]:
        """Monday and Sunday of the week of `now` (WIB)."""
        today = self._patrols.today(now)
        monday = today - dt.timedelta(days=today.weekday())
        return monday, monday + dt.timedelta(days=6)

    async def week(self, holdings: Sequence[Holding], now: dt.datetime | None = None) -> RondaWeek:
        """This week's shifts of the desa these roles coordinate, per desa, and the check-ins."""
        desa_ids = self.coordinated(holdings)
        monday, sunday = self.week_of(now)
        tz = self._patrols.shared.tz
        start = dt.datetime.combine(monday, dt.time(), tz).astimezone(dt.UTC)
        end = start + dt.timedelta(days=7)
        shared = self._patrols.shared

        def read(session: Session) -> RondaWeek:
            shifts = q.shifts_between(session, desa_ids=desa_ids, start=start, end=end)
            views = shared.views(session, shifts)
            by_desa: dict[int, list[ShiftView]] = {}
            for view in views:
                by_desa.setdefault(view.desa_id, []).append(view)
            desa = sorted(
                (DesaWeek(d, shared.desa_name(d), found) for d, found in by_desa.items()),
                key=lambda w: w.desa,
            )
            posts = {p.id: p for p in q.posts_of(session, desa_ids=list(by_desa))}
            post_of = {s.id: s.post_id for s in shifts}
            members = q.checkins_of(session, shift_ids=[s.id or 0 for s in shifts])
            names = display_names(session, [m.user_id for m in members])
            desa_of = {v.id: v.desa for v in views}
            points: list[CheckInPoint] = []
            for member in members:
                latitude, longitude, at_post = member.latitude, member.longitude, False
                post = posts.get(post_of.get(member.shift_id))
                if (latitude is None or longitude is None) and post is not None:
                    latitude, longitude, at_post = post.latitude, post.longitude, True
                if latitude is None or longitude is None or member.checked_in_at is None:
                    continue
                points.append(
                    CheckInPoint(
                        latitude=latitude,
                        longitude=longitude,
                        desa=desa_of.get(member.shift_id, ""),
                        name=names.get(member.user_id, str(member.user_id)),
                        at=member.checked_in_at,
                        shift_id=member.shift_id,
                        at_post=at_post,
                    )
                )
            located = [p for p in posts.values() if p.latitude is not None]
            return RondaWeek(monday, sunday, desa, points, located)

        return await self._db.run(read)

    async def open_calls(self, user_id: int, holdings: Sequence[Holding]) -> list[SiagaTally]:
        """The open muster calls `user_id` may follow (their own, or one they may call in its
        area, as the tally's buttons allow), each with its tally."""
        siaga = self._siaga

        def read(session: Session) -> list[SiagaTally]:
            calls = [
                c
                for c in q.open_siaga_calls(session)
                if c.caller_id == user_id or siaga.may_call(holdings, c.area_id)
            ]
            people = q.siaga_recipients(session, call_ids=[c.id or 0 for c in calls])
            answered = [p.user_id for p in people if p.answer is not None]
            names = display_names(session, answered)
            found = []
            for call in calls:
                mine = [p for p in people if p.call_id == call.id]
                by: dict[str, list[str]] = {a.value: [] for a in SiagaAnswer}
                counts = dict.fromkeys([*(a.value for a in SiagaAnswer), "waiting"], 0)
                for person in sorted(mine, key=lambda p: p.answered_at or utcnow()):
                    if person.answer is None:
                        counts["waiting"] += 1
                        continue
                    key = SiagaAnswer(person.answer).value
                    counts[key] += 1
                    if len(by[key]) < TALLY_NAMES:
                        by[key].append(names.get(person.user_id, "—"))
                found.append(
                    SiagaTally(
                        call=siaga.core.view(session, call),
                        revision=call.revision,
                        called=len(mine),
                        names=by,
                        counts=counts,
                        confirmed=sum(
                            1 for p in mine if p.answer is SiagaAnswer.LOKASI and p.confirmed
                        ),
                    )
                )
            return found

        return await self._db.run(read)
