"""Patrols (ronda): rosters of shifts per desa or pos ronda, their moments (reminder, start,
the koordinator's alarm, end), check-in and check-out, swaps, edits and statistics.

The API (`services.patrols`, a `PatrolService`)::

    created = await patrols.create(plan, actor_id, lang)      # a SchedulePlan: all or nothing
    due = await patrols.advance(shift_id)                     # handle what is due; next moment
    await patrols.pending(until)                              # [(shift id, next moment)]
    result = await patrols.check_in(user_id, shift_id)        # or latitude=, longitude=
    key, view = await patrols.check_out(user_id, shift_id, "aman" | "kejadian")
    view, due = await patrols.change_hours / replace_members / cancel_shift(shift_id, ...)
    result = await patrols.ask_swap(user_id, shift_id); await patrols.take_swap(...)
    patrols.check_in_open(view), editable(view), ensure_editable(view)  # the rules, asked
    await patrols.may_see_roster(user_id, holdings, desa_id)
    ids, labels = await patrols.plan_members(desa_id, teams, shown)  # names or ids, checked
    await patrols.watch_members(desa_id)                      # [(id, "Andi (@andi)")] to pick
    await patrols.upcoming_for(user_id), week(desa_id, day), stats(desa_ids), posts(desa_id)
    patrols.coordinated_desa(holdings)                        # whose figures: None = all
    # volunteers (/ikutronda, see `volunteers`): a VolunteerResult says what to answer
    standing = await patrols.volunteer_standing(user_id)     # where they stand with home's watch
    result = await patrols.volunteer(user_id, desa_id)       # ask to join: koordinators hear it
    result = await patrols.decide_volunteer(actor_id, holdings, volunteer_id, accept)
    result = await patrols.leave_watch(user_id, desa_id)     # also withdraws a waiting request
    result = await patrols.remove_volunteer(actor_id, holdings, volunteer_id)
    pending, accepted = await patrols.volunteers(desa_id); await patrols.watch_count(desa_ids)

Refusals are `PatrolError` (a `UserFacingError`). People are named by typed @username, by
Telegram id (a text mention, a forward) or from a list (`people`: the picker's plain parts).
Typed input is read by `parsing`, buttons are defined in `callbacks`, texts and buttons of what
is sent in `messages`; the SQL is in `storage/patrols.py`. The desa's watch (`Shared.watch`,
`Shared.eligible`) is the people whose role covers the desa (pemuda, polisi) and its accepted
volunteers (/ikutronda); a member who leaves the watch is dropped at the reminder (see
`moments`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from sqlmodel import Session

from bot.delivery import DeliveryService
from bot.services.authz import Holding
from bot.services.authz import Place
from bot.services.patrols import checkin
from bot.services.patrols import edits
from bot.services.patrols import messages
from bot.services.patrols import moments
from bot.services.patrols import roster
from bot.services.patrols import stats
from bot.services.patrols import swaps
from bot.services.patrols import volunteers
from bot.services.patrols.parsing import clock
from bot.services.patrols.parsing import parse_days
from bot.services.patrols.parsing import parse_hours
from bot.services.patrols.parsing import parse_teams
from bot.services.patrols.people import MemberRef
from bot.services.patrols.shared import Shared
from bot.services.patrols.types import MAX_WEEKS
from bot.services.patrols.types import CheckIn
from bot.services.patrols.types import CheckInResult
from bot.services.patrols.types import Created
from bot.services.patrols.types import PatrolError
from bot.services.patrols.types import PatrolSettings
from bot.services.patrols.types import PatrolStats
from bot.services.patrols.types import SchedulePlan
from bot.services.patrols.types import ShiftView
from bot.services.patrols.types import SwapResult
from bot.services.patrols.volunteers import Standing
from bot.services.patrols.volunteers import Volunteer
from bot.services.patrols.volunteers import VolunteerResult
from bot.services.patrols.volunteers import WatchCount
from storage import patrols as store
from storage.db import Database
from storage.models import PatrolPost
from storage.models import utcnow

__all__ = [
    "MAX_WEEKS",
    "CheckIn",
    "CheckInResult",
    "Created",
    "MemberRef",
    "PatrolError",
    "PatrolService",
    "PatrolSettings",
    "PatrolStats",
    "SchedulePlan",
    "ShiftView",
    "Standing",
    "SwapResult",
    "Volunteer",
    "VolunteerResult",
    "WatchCount",
    "clock",
    "parse_days",
    "parse_hours",
    "parse_teams",
]


class PatrolService:
    """Rosters, moments, check-ins and swaps; every change in one transaction with its messages."""

    def __init__(
        self,
        db: Database,
        areas: Any,
        roles: Any,
        delivery: DeliveryService,
        settings: PatrolSettings,
    ) -> None:
        self.shared = Shared(db, areas, roles, delivery, settings)

    # -- places, time and texts ------------------------------------------------------------------

    def local(self, moment: dt.datetime) -> dt.datetime:
        """A stored time in the configured zone."""
        return self.shared.local(moment)

    def today(self, now: dt.datetime | None = None) -> dt.date:
        """Today's date in the configured zone."""
        return self.shared.today(now)

    def desa_name(self, desa_id: int) -> str:
        return self.shared.desa_name(desa_id)

    def place(self, desa_id: int) -> Place:
        return self.shared.place(desa_id)

    def when(
        self, lang: str, starts_at: dt.datetime, ends_at: dt.datetime, *, zone: bool = True
    ) -> str:
        """ "Rab 2 Des, 22.00–02.00 WIB" (`zone=False`: without "WIB")."""
        return self.shared.when(lang, starts_at, ends_at, zone=zone)

    def where(self, lang: str, shift: ShiftView) -> str:
        """ "Pos Kamling RT 02, Desa Kronto" or "Desa Kronto"."""
        return messages.where(lang, shift)

    def line(self, lang: str, shift: ShiftView, *, day: bool = True, zone: bool = True) -> str:
        """One shift in a list: when, where, who (✅ checked in)."""
        return messages.line(lang, self.shared.tz, shift, day=day, zone=zone)

    # -- the rules handlers ask ------------------------------------------------------------------

    def may_coordinate(self, holdings: Sequence[Holding], desa_id: int) -> bool:
        """Whether these roles coordinate the desa's ronda."""
        return self.shared.may_coordinate(holdings, desa_id)

    def koordinators(self, session: Session, desa_id: int, *also: int | None) -> list[int]:
        """The desa's pemuda koordinators (and whoever else is named), in the caller's session."""
        return self.shared.koordinators(session, desa_id, *also)

    def check_in_open(self, shift: ShiftView, now: dt.datetime | None = None) -> bool:
        """Whether members may check in to the shift now."""
        return checkin.check_in_open(shift, now or utcnow())

    def editable(self, shift: ShiftView, now: dt.datetime | None = None) -> bool:
        """Whether a koordinator may still change the shift (or call it off)."""
        return edits.editable(shift, now or utcnow(), started_ok=True) is None

    def ensure_editable(self, shift: ShiftView, now: dt.datetime | None = None) -> None:
        """Refuse (PatrolError) a koordinator's change of a shift that is over or called off."""
        refusal = edits.editable(shift, now or utcnow(), started_ok=True)
        if refusal is not None:
            raise PatrolError(refusal)

    async def may_see_roster(self, user_id: int, holdings: Sequence[Holding], desa_id: int) -> bool:
        """Names on a roster are for the desa's own people (on its shifts or living there)
        and its koordinators."""
        return self.may_coordinate(holdings, desa_id) or desa_id in await self.desas_of(user_id)

    # -- rosters ---------------------------------------------------------------------------------

    async def posts(self, desa_id: int) -> list[PatrolPost]:
        """The desa's pos ronda, by name."""
        return await roster.posts(self.shared, desa_id)

    async def add_post(
        self,
        desa_id: int,
        name: str,
        actor_id: int,
        latitude: float | None = None,
        longitude: float | None = None,
    ) -> PatrolPost:
        """A new pos ronda (or the existing one of that name, its place updated)."""
        return await roster.add_post(self.shared, desa_id, name, actor_id, latitude, longitude)

    async def plan_members(
        self,
        desa_id: int,
        teams: Sequence[Sequence[MemberRef]],
        shown: Mapping[int, str] | None = None,
        limit: int | None = None,
    ) -> tuple[list[list[int]], dict[int, str]]:
        """Teams as user ids (each checked: known, on the desa's watch, team sizes), and
        everyone's display name. Members are typed names (@username, digits) or Telegram ids
        (ints: a text mention, a forward, the picker); `shown` names ids for a refusal;
        `limit` people a team (MAX_TEAM_SIZE unless given: /siaga's chosen people have theirs)."""
        return await roster.plan_members(self.shared, desa_id, teams, shown, limit)

    async def watch_members(self, desa_id: int) -> list[tuple[int, str]]:
        """The desa's watch members the bot knows as (user id, "Andi (@andi)"), by name."""
        return await roster.watch_members(self.shared, desa_id)

    def shift_times(
        self, plan: SchedulePlan, now: dt.datetime
    ) -> list[tuple[dt.datetime, dt.datetime]]:
        """The (start, end) of every shift of a plan that has not started yet."""
        return roster.shift_times(self.shared, plan, now)

    async def create(self, plan: SchedulePlan, actor_id: int, lang: str) -> Created:
        """Store a schedule and all its shifts, or refuse the whole of it (overlaps)."""
        return await roster.create(self.shared, plan, actor_id, lang)

    # -- reading ---------------------------------------------------------------------------------

    async def shift(self, shift_id: int) -> ShiftView | None:
        def read(session: Session) -> ShiftView | None:
            shift = store.shift(session, shift_id=shift_id)
            return None if shift is None else self.shared.view(session, shift)

        return await self.shared.db.run(read)

    async def is_member(self, user_id: int, shift_id: int) -> bool:
        """Whether the person stands (or stood) watch on the shift."""

        def read(session: Session) -> bool:
            return store.member(session, shift_id=shift_id, user_id=user_id) is not None

        return await self.shared.db.run(read)

    async def upcoming_for(self, user_id: int, limit: int = 8) -> list[ShiftView]:
        """A member's shifts that have not ended, soonest first."""
        now = utcnow()

        def read(session: Session) -> list[ShiftView]:
            shifts = store.upcoming_for(session, user_id=user_id, now=now, limit=limit)
            return self.shared.views(session, shifts)

        return await self.shared.db.run(read)

    async def week(self, desa_id: int, first_day: dt.date, days: int = 7) -> list[ShiftView]:
        """The desa's shifts starting in the `days` days from `first_day` (WIB), cancelled ones
        included."""
        start = dt.datetime.combine(first_day, dt.time(), self.shared.tz).astimezone(dt.UTC)
        end = start + dt.timedelta(days=days)

        def read(session: Session) -> list[ShiftView]:
            shifts = store.starting_between(session, desa_id=desa_id, start=start, end=end)
            return self.shared.views(session, shifts)

        return await self.shared.db.run(read)

    async def desas_of(self, user_id: int) -> list[int]:
        """The desa whose roster a person sees by default: where they have shifts or live."""

        def read(session: Session) -> list[int]:
            found = store.desas_watched_by(session, user_id=user_id)
            home = store.home_of(session, user_id=user_id)
            if home is not None and home not in found:
                found.append(home)
            return found

        return await self.shared.db.run(read)

    # -- the moments of a shift ------------------------------------------------------------------

    async def pending(self, until: dt.datetime | None = None) -> list[tuple[int, dt.datetime]]:
        """(shift id, next moment) of every shift with a moment before `until` (None: ever)."""
        return await moments.pending(self.shared, until)

    async def advance(self, shift_id: int, now: dt.datetime | None = None) -> dt.datetime | None:
        """Handle every moment of the shift that is due; return when the next one is."""
        return await moments.advance(self.shared, shift_id, now or utcnow())

    # -- check-in and check-out ------------------------------------------------------------------

    async def check_in(
        self,
        user_id: int,
        shift_id: int | None,
        *,
        latitude: float | None = None,
        longitude: float | None = None,
        now: dt.datetime | None = None,
    ) -> CheckInResult:
        """Check a member in: by the button (`shift_id`), or by a shared location (None: their
        shift that is open now)."""
        return await checkin.check_in(
            self.shared, user_id, shift_id, latitude, longitude, now or utcnow()
        )

    async def check_out(
        self, user_id: int, shift_id: int, outcome: str, now: dt.datetime | None = None
    ) -> tuple[str, ShiftView | None]:
        """Record how the watch went; the answer's text key and the shift."""
        return await checkin.check_out(self.shared, user_id, shift_id, outcome, now or utcnow())

    # -- a koordinator's changes to one shift ----------------------------------------------------

    async def change_hours(
        self, shift_id: int, start_minute: int, duration: int, actor_id: int, lang: str
    ) -> tuple[ShiftView, dt.datetime | None]:
        """Move one shift to new hours on its night; its moments start over."""
        change = edits.new_hours(self.shared, start_minute, duration, lang)
        return await edits.edit(self.shared, shift_id, actor_id, "patrol.shift_hours", change)

    async def replace_members(
        self,
        shift_id: int,
        names: Sequence[MemberRef],
        actor_id: int,
        lang: str,
        shown: Mapping[int, str] | None = None,
    ) -> tuple[ShiftView, dt.datetime | None]:
        """Give one shift a new set of members (typed like a team, or Telegram ids)."""
        change = edits.new_members(self.shared, names, lang, shown)
        return await edits.edit(self.shared, shift_id, actor_id, "patrol.shift_members", change)

    async def cancel_shift(
        self, shift_id: int, actor_id: int
    ) -> tuple[ShiftView, dt.datetime | None]:
        """Call one shift off (also while it runs); its members hear it."""
        return await edits.edit(
            self.shared, shift_id, actor_id, "patrol.shift_cancel", edits.call_off, started_ok=True
        )

    # -- swaps and statistics --------------------------------------------------------------------

    async def ask_swap(self, user_id: int, shift_id: int) -> SwapResult:
        """A member asks that someone take their place."""
        return await swaps.ask(self.shared, user_id, shift_id, utcnow())

    async def take_swap(self, user_id: int, swap_id: int, lang: str) -> SwapResult:
        """Take someone's shift: first come, first served."""
        return await swaps.take(self.shared, user_id, swap_id, lang, utcnow())

    async def stats(self, desa_ids: Sequence[int] | None, days: int = 30) -> PatrolStats:
        """Shifts held and missed, punctuality and incidents seen over the last `days` days."""
        return await stats.stats(self.shared, desa_ids, days, utcnow())

    def coordinated_desa(self, holdings: Sequence[Holding]) -> list[int] | None:
        """The desa whose figures these roles may see (/statistikronda without a desa, the
        dashboard's Statistik): None for an admin (every desa), else each desa they coordinate."""
        return stats.coordinated_desa(self.shared, holdings)

    # -- volunteers (/ikutronda) -----------------------------------------------------------------

    async def volunteer_standing(self, user_id: int) -> Standing:
        """Where the person stands with their home desa's watch: no home desa, a member by
        role, waiting, accepted, waiting out a refusal, or free to ask."""
        return await volunteers.standing(self.shared, user_id, utcnow())

    async def volunteer(self, user_id: int, desa_id: int) -> VolunteerResult:
        """Ask to join the watch of the desa (their home desa): its koordinators (else the
        polisi covering it) hear it with Terima / Tolak; with nobody to hear it, it waits."""
        return await volunteers.request(self.shared, user_id, desa_id, utcnow())

    async def decide_volunteer(
        self, actor_id: int, holdings: Sequence[Holding], volunteer_id: int, accept: bool
    ) -> VolunteerResult:
        """Terima / Tolak a request: the first decision wins (a later one hears who decided);
        only someone who coordinates the desa, and never on their own request."""
        return await volunteers.decide(
            self.shared, actor_id, holdings, volunteer_id, accept, utcnow()
        )

    async def leave_watch(self, user_id: int, desa_id: int) -> VolunteerResult:
        """A volunteer leaves the desa's watch (or withdraws a waiting request): off its
        shifts that have not started; the koordinators hear which."""
        return await volunteers.leave(self.shared, user_id, desa_id, utcnow())

    async def remove_volunteer(
        self, actor_id: int, holdings: Sequence[Holding], volunteer_id: int
    ) -> VolunteerResult:
        """A koordinator takes a volunteer off the watch: off its shifts that have not
        started; the person and the other koordinators hear it."""
        return await volunteers.remove(self.shared, actor_id, holdings, volunteer_id, utcnow())

    async def volunteers(self, desa_id: int) -> tuple[list[Volunteer], list[Volunteer]]:
        """The desa's waiting requests and accepted volunteers, oldest first."""
        return await volunteers.listing(self.shared, desa_id)

    async def volunteer_desa(self, volunteer_id: int) -> int | None:
        """The desa a request or volunteer belongs to (None: gone)."""
        return await volunteers.desa_of(self.shared, volunteer_id)

    async def watch_count(self, desa_ids: Sequence[int] | None) -> WatchCount:
        """Members of these desa's watches (None: every desa), volunteers among them, and
        requests waiting."""
        return await volunteers.count(self.shared, desa_ids)
