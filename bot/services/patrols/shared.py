"""What every part of the patrol service uses: its dependencies and clock, shifts as people
see them, who may stand watch and who coordinates, and messages sent inside the transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.delivery import DeliveryService
from bot.delivery import Payload
from bot.services import roles as role_reads
from bot.services.authz import Action
from bot.services.authz import Holding
from bot.services.authz import Place
from bot.services.authz import allowed
from bot.services.authz import covers
from bot.services.patrols import messages
from bot.services.patrols.messages import Markup
from bot.services.patrols.types import MEMBER_ROLES
from bot.services.patrols.types import PatrolSettings
from bot.services.patrols.types import ShiftView
from bot.services.users import display_names
from bot.texts import t
from storage import patrols as store
from storage import queries
from storage.db import Database
from storage.models import PatrolShift
from storage.models import Role
from storage.models import utcnow


@dataclass
class Shared:
    """The dependencies of the patrol service and what its parts share."""

    db: Database
    areas: Any
    roles: Any
    delivery: DeliveryService
    settings: PatrolSettings

    # -- time and places ------------------------------------------------------------------------

    @property
    def tz(self) -> ZoneInfo:
        return self.settings.timezone

    def local(self, moment: dt.datetime) -> dt.datetime:
        """A stored time in the configured zone."""
        return moment.astimezone(self.tz)

    def today(self, now: dt.datetime | None = None) -> dt.date:
        """Today's date in the configured zone."""
        return self.local(now or utcnow()).date()

    def desa_name(self, desa_id: int) -> str:
        entry = self.areas.get(desa_id)
        return entry.name if entry is not None else f"#{desa_id}"

    def place(self, desa_id: int) -> Place:
        return self.roles.place(area_id=desa_id)

    def when(
        self, lang: str, starts_at: dt.datetime, ends_at: dt.datetime, *, zone: bool = True
    ) -> str:
        return messages.when(lang, self.tz, starts_at, ends_at, zone=zone)

    # -- shifts as people see them --------------------------------------------------------------

    def view(self, session: Session, shift: PatrolShift) -> ShiftView:
        return self.views(session, [shift])[0]

    def views(self, session: Session, shifts: Sequence[PatrolShift]) -> list[ShiftView]:
        if not shifts:
            return []
        members = store.members_of(session, shift_ids=[s.id or 0 for s in shifts])
        names = display_names(session, sorted({m.user_id for m in members}))
        posts = store.post_names(session, post_ids={s.post_id for s in shifts if s.post_id})
        by_shift: dict[int, list[Any]] = {}
        for member in members:
            by_shift.setdefault(member.shift_id, []).append(member)
        views = []
        for shift in shifts:
            own = by_shift.get(shift.id or 0, [])
            views.append(
                ShiftView(
                    id=shift.id or 0,
                    desa_id=shift.desa_id,
                    desa=self.desa_name(shift.desa_id),
                    post=posts.get(shift.post_id) if shift.post_id else None,
                    starts_at=shift.starts_at,
                    ends_at=shift.ends_at,
                    status=shift.status,
                    version=shift.version,
                    members=tuple((m.user_id, names.get(m.user_id, str(m.user_id))) for m in own),
                    checked_in=frozenset(m.user_id for m in own if m.checked_in_at),
                    checked_out=frozenset(m.user_id for m in own if m.checked_out_at),
                )
            )
        return views

    # -- who may stand watch, and who coordinates -----------------------------------------------

    def eligible(self, session: Session, user_ids: Iterable[int], desa_id: int) -> set[int]:
        """Those of `user_ids` who are members of the desa's watch (may stand watch there): a
        pemuda or polisi role that covers it, or an accepted volunteer of it (/ikutronda).
        Living in the desa alone is not enough: a koordinator accepts a resident first."""
        ids = set(user_ids)
        if not ids:
            return set()
        found = store.volunteers_in(session, desa_id=desa_id, user_ids=ids)
        place = self.place(desa_id)
        for user_id in ids - found:
            if any(
                h.role in MEMBER_ROLES and covers(h, place)
                for h in role_reads.holdings_of(session, user_id)
            ):
                found.add(user_id)
        return found

    def watch(self, session: Session, desa_id: int) -> set[int]:
        """Every member of the desa's watch: the pemuda and polisi whose role covers it, and
        its accepted volunteers (those a koordinator may put on a roster or pick from a list)."""
        place = self.place(desa_id)
        found = store.volunteers_in(session, desa_id=desa_id)
        for role in MEMBER_ROLES:
            found.update(
                a.user_id
                for a in role_reads.assignments(session, role=role)
                if covers(a.holding, place)
            )
        return found

    def koordinators(self, session: Session, desa_id: int, *also: int | None) -> list[int]:
        """The pemuda koordinators whose role covers the desa, and whoever else is named (the
        schedule's maker): they hear of alarms and swaps."""
        place = self.place(desa_id)
        found = [
            a.user_id
            for a in role_reads.assignments(session, role=Role.PEMUDA)
            if a.holding.koordinator and covers(a.holding, place)
        ]
        for user_id in also:
            if user_id is not None and user_id not in found:
                found.append(user_id)
        return found

    def may_coordinate(self, holdings: Sequence[Holding], desa_id: int) -> bool:
        """Whether these roles coordinate the desa's ronda (admin, polisi or pemuda
        koordinator covering it)."""
        return allowed(holdings, Action.MANAGE_PATROLS, self.place(desa_id))

    # -- sending, inside the caller's transaction -----------------------------------------------

    def languages(self, session: Session, user_ids: Iterable[int]) -> dict[int, str]:
        """Each person's language (the deployment's where they chose none)."""
        ids = list(user_ids)
        default = self.settings.language
        found = {u.id: (u.language or default) for u in queries.get_users(session, ids)}
        return {uid: found.get(uid, default) for uid in ids}

    def send(
        self, session: Session, user_id: int, text: str, markup: Markup | None, ref: str
    ) -> None:
        self.delivery.send_direct_in(
            session, user_id, Payload.message(text, reply_markup=markup), kind="patrol", ref=ref
        )

    def tell(
        self,
        session: Session,
        view: ShiftView,
        user_ids: Iterable[int],
        key: str,
        *,
        markup: Callable[[str, ShiftView], Markup] | None = None,
        ref: str = "",
        **values: Any,
    ) -> None:
        """Send each person the text `key` about the shift (`when`, `where` filled in, in their
        language); `markup(lang, view)` gives its buttons, `ref` the ledger's reference
        (the shift's, by default)."""
        ids = list(user_ids)
        languages = self.languages(session, ids)
        for user_id in ids:
            lang = languages[user_id]
            text = t(
                lang,
                key,
                when=self.when(lang, view.starts_at, view.ends_at),
                where=messages.where(lang, view),
                **values,
            )
            buttons = markup(lang, view) if markup else None
            self.send(session, user_id, text, buttons, ref or f"shift:{view.id}")
