"""Who a call calls: the one place the people of an audience are computed, and the check, at an
answer, whether someone still belongs to those called."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlmodel import Session

from bot.services import roles as role_reads
from bot.services.authz import Holding
from bot.services.authz import Place
from bot.services.authz import Scope
from bot.services.authz import covers
from bot.services.siaga.types import RONDA_WINDOW
from bot.services.siaga.types import Audience
from bot.services.siaga.types import SiagaError
from bot.services.users import display_names
from storage import patrols as patrol_store
from storage.models import AreaLevel
from storage.models import Role


class People:
    """The audiences of one deployment (its areas, roles and the desa's watch)."""

    def __init__(self, areas: Any, roles: Any, patrols: Any) -> None:
        self.areas = areas
        self.roles = roles
        self.patrols = patrols

    def place(self, area_id: int) -> Place:
        return self.roles.place(area_id=area_id)

    def is_desa(self, area_id: int) -> bool:
        entry = self.areas.get(area_id)
        return entry is not None and entry.level is AreaLevel.DESA

    def pemuda(self, session: Session, area_id: int) -> set[int]:
        """The Karang Taruna of a desa or kecamatan: pemuda whose role covers the area or lies
        inside it (a desa's youth are part of their kecamatan's)."""
        place = self.place(area_id)
        found = {
            a.user_id
            for a in role_reads.assignments(session, role=Role.PEMUDA, scope=Scope(area_id=area_id))
        }
        found.update(
            a.user_id
            for a in role_reads.assignments(session, role=Role.PEMUDA)
            if covers(a.holding, place)
        )
        return found

    def ronda(self, session: Session, desa_id: int, now: dt.datetime) -> set[int]:
        """The desa's ronda: its accepted volunteers and everyone on a shift of it starting
        within RONDA_WINDOW before or after now."""
        found = patrol_store.volunteers_in(session, desa_id=desa_id)
        found.update(
            patrol_store.watched_in(
                session, desa_id=desa_id, since=now - RONDA_WINDOW, until=now + RONDA_WINDOW
            )
        )
        return found

    def of(
        self,
        session: Session,
        area_id: int,
        audience: Audience,
        *,
        caller_id: int | None,
        now: dt.datetime,
    ) -> list[int]:
        """Everyone `audience` means in the area, the caller left out, sorted."""
        found: set[int] = set()
        if audience in (Audience.PEMUDA, Audience.BOTH):
            found |= self.pemuda(session, area_id)
        if audience in (Audience.RONDA, Audience.BOTH) and self.is_desa(area_id):
            found |= self.ronda(session, area_id, now)
        found.discard(caller_id or 0)
        return sorted(found)

    def check_chosen(self, session: Session, area_id: int, user_ids: list[int]) -> None:
        """Refuse (SiagaError) people chosen one by one who are not of the desa's watch (its
        Karang Taruna and polisi, whose roles cover it, and its accepted volunteers), naming
        them; chosen people belong to a desa only."""
        if not self.is_desa(area_id):
            raise SiagaError("siaga.chosen_desa_only")
        others = set(user_ids) - self.patrols.shared.eligible(session, user_ids, area_id)
        if others:
            names = display_names(session, sorted(others))
            entry = self.areas.get(area_id)
            raise SiagaError(
                "siaga.pick_not_eligible",
                names=", ".join(names.get(i, str(i)) for i in sorted(others)),
                desa=entry.name if entry is not None else f"#{area_id}",
            )

    def still_member(
        self, session: Session, user_id: int, area_id: int, audience: Audience
    ) -> bool:
        """Whether someone called still belongs to those called: a pemuda role in the area, or
        (ronda, and people chosen one by one) a member of the desa's watch."""
        if audience is Audience.CHOSEN:
            # The rule they were chosen by (`check_chosen`): the desa's watch.
            return bool(self.patrols.shared.eligible(session, [user_id], area_id))
        holdings: list[Holding] = role_reads.holdings_of(session, user_id)
        if audience in (Audience.PEMUDA, Audience.BOTH) and self._pemuda_in(holdings, area_id):
            return True
        if audience in (Audience.RONDA, Audience.BOTH) and self.is_desa(area_id):
            shared = self.patrols.shared
            return bool(shared.eligible(session, [user_id], area_id))
        return False

    def _pemuda_in(self, holdings: list[Holding], area_id: int) -> bool:
        place = self.place(area_id)
        for holding in holdings:
            if holding.role is not Role.PEMUDA:
                continue
            if covers(holding, place):
                return True
            inner = holding.scope.area_id
            entry = self.areas.get(inner) if inner is not None else None
            if entry is not None and area_id in (entry.kecamatan_id, entry.kabupaten_id):
                return True
        return False
