"""What every part of the siaga service uses: its dependencies, calls as people see them, the
languages of the people called, and messages sent inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.delivery import DeliveryService
from bot.delivery import Payload
from bot.delivery import Priority
from bot.services.siaga.audience import People
from bot.services.siaga.types import Audience
from bot.services.siaga.types import CallView
from bot.services.siaga.types import SiagaSettings
from bot.services.users import display_names
from storage import queries
from storage.db import Database
from storage.models import AreaLevel
from storage.models import SiagaCall
from storage.models import SiagaLevel

KIND = "siaga"


def ref(call_id: int) -> str:
    """The delivery ledger's reference of everything a call sends."""
    return f"siaga:{call_id}"


@dataclass
class Core:
    """The dependencies of the siaga service and what its parts share."""

    db: Database
    areas: Any
    roles: Any
    delivery: DeliveryService
    settings: SiagaSettings
    people: People

    @property
    def tz(self) -> ZoneInfo:
        return self.settings.timezone

    def area_name(self, area_id: int) -> str:
        entry = self.areas.get(area_id)
        if entry is None:
            return f"#{area_id}"
        if entry.level is AreaLevel.DESA:
            return f"Desa {entry.name}"
        return str(self.areas.label(entry, with_parent=False))

    def view(self, session: Session, call: SiagaCall) -> CallView:
        assert call.id is not None
        caller = ""
        if call.caller_id is not None:
            caller = display_names(session, [call.caller_id]).get(call.caller_id, "")
        return CallView(
            id=call.id,
            area_id=call.area_id,
            area=self.area_name(call.area_id),
            audience=Audience(call.audience),
            reason=call.reason,
            place=call.place_name,
            at=call.at,
            level=call.level,
            status=call.status,
            caller_id=call.caller_id,
            caller=caller or "—",
            recipients=call.recipients,
            polsek_id=call.polsek_id,
            created_at=call.created_at,
            closed_at=call.closed_at,
            closed_how=call.closed_how,
        )

    def languages(self, session: Session, user_ids: Iterable[int]) -> dict[int, str]:
        """Each person's language (the deployment's where they chose none)."""
        ids = list(user_ids)
        default = self.settings.language
        found = {u.id: (u.language or default) for u in queries.get_users(session, ids)}
        return {uid: found.get(uid, default) for uid in ids}

    def send_many(
        self,
        session: Session,
        call: CallView,
        user_ids: Iterable[int],
        render: Any,
        *,
        loud: bool,
    ) -> list[int]:
        """One delivery per language to `user_ids` (`render(lang) -> (text, markup)`), ahead
        of every broadcast, in the caller's transaction; the delivery ids."""
        by_language: dict[str, list[int]] = {}
        for user_id, lang in self.languages(session, user_ids).items():
            by_language.setdefault(lang, []).append(user_id)
        ids = []
        for lang, people in sorted(by_language.items()):
            text, markup = render(lang)
            payload = Payload.message(text, reply_markup=markup, disable_notification=not loud)
            ids.append(
                self.delivery.enqueue_in(
                    session,
                    people,
                    payload,
                    Priority.SIAGA,
                    kind=KIND,
                    ref=ref(call.id),
                    created_by=call.caller_id,
                )
            )
        return ids

    def tell(self, session: Session, chat_id: int, text: str, markup: Any = None) -> None:
        """One message to one chat (the caller), inside the transaction."""
        self.delivery.send_direct_in(
            session, chat_id, Payload.message(text, reply_markup=markup), kind=KIND
        )

    @staticmethod
    def loud(level: SiagaLevel) -> bool:
        return level is SiagaLevel.DARURAT
