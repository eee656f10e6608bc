"""A person's rights over their data (UU No. 27 Tahun 2022): know what is kept, get a copy,
have it deleted.

How to use it (from a handler, through `context.services.privacy`)::

    text = privacy.overview(lang)                       # what is kept, why, how long, who sees it
    name, data = await privacy.copy(user_id, lang)      # a JSON file of their own data only
    reports = await privacy.ask_delete(user_id)         # PrivacyError for a police role; the
                                                        # number of reports that will stay
    erased = await privacy.delete(user_id)              # one transaction, audited; caches forget

Rules:
- A copy holds nothing about another person (bot/services/privacy/copy.py).
- A deletion removes the profile, subscriptions and home desa, drafts, roles, the command menu,
  advisory acknowledgements and mutes, ronda memberships; the person's reports stay for the
  police record, unlinked (reporter_id None, as nobody); messages not yet sent to them are
  cancelled; the audit log records the deletion with counts only (storage/privacy.py `erase`).
- Police and admins (a `polisi` or `admin` role, or ADMIN_IDS) are refused: their actions must
  stay attributable. An admin takes the role away first.
- After a deletion this process forgets the person (user, home desa and reachability caches);
  the Telegram side (conversations in memory, the personal menu) is the handler's.

Modules: `types` (retention periods, the error), `copy` (the document), `messages` (texts and
buttons), `callbacks` (button data). Queries: storage/privacy.py. Texts: bot/texts/privacy.py.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.delivery import DeliveryService
from bot.services.areas import AreaService
from bot.services.areas import SubscriptionService
from bot.services.privacy import copy
from bot.services.privacy import messages
from bot.services.privacy.types import PrivacyError
from bot.services.retention import RetentionSettings
from bot.services.roles import holdings_of
from bot.services.users import UserService
from bot.texts.when import format_stamp
from storage import privacy as q
from storage import queries
from storage.db import Database
from storage.models import Role
from storage.models import utcnow
from storage.privacy import Erased

__all__ = ["Erased", "PrivacyError", "PrivacyService"]

# Roles whose holders' actions must stay attributable: they cannot delete themselves.
POLICE_ROLES = frozenset({Role.POLISI, Role.ADMIN})
AUDIT_ACTION = "privacy.delete"


class PrivacyService:
    """What /privasi shows, the copy, and the deletion."""

    def __init__(
        self,
        db: Database,
        *,
        areas: AreaService,
        users: UserService,
        subscriptions: SubscriptionService,
        delivery: DeliveryService,
        admin_ids: frozenset[int],
        timezone: ZoneInfo,
        retention: RetentionSettings | None = None,
    ) -> None:
        self._db = db
        self._areas = areas
        self._users = users
        self._subscriptions = subscriptions
        self._delivery = delivery
        self._admin_ids = admin_ids
        self.timezone = timezone
        self.retention = retention or RetentionSettings()

    def overview(self, lang: str) -> str:
        """What is kept about a person and why, how long, who sees it, and the law."""
        return messages.overview(lang, self.retention)

    async def copy(self, user_id: int, lang: str) -> tuple[str, bytes]:
        """The person's copy: a file name and its content (JSON, UTF-8), in one transaction."""

        def read(session: Session) -> bytes:
            data = copy.document(session, self._areas, user_id=user_id, lang=lang, tz=self.timezone)
            return copy.encode(data)

        content = await self._db.run(read)
        return f"data-saya-{format_stamp(utcnow(), self.timezone)}.json", content

    async def ask_delete(self, user_id: int) -> int:
        """Before asking to confirm: PrivacyError("privacy.police") for a police role; else the
        number of the person's reports that will stay, unlinked."""

        def read(session: Session) -> int:
            self._refuse_police(session, user_id)
            return len(q.reports_of(session, user_id=user_id))

        return await self._db.run(read)

    async def delete(self, user_id: int) -> Erased:
        """Delete the person's data (see the module docstring), audited; PrivacyError for a
        police role. This process forgets them at once."""

        def write(session: Session) -> Erased:
            self._refuse_police(session, user_id)
            erased = q.erase(session, user_id=user_id)
            queries.add_audit(
                session,
                AUDIT_ACTION,
                actor_id=user_id,
                target=f"user:{user_id}",
                details=erased.details(),
            )
            return erased

        erased = await self._db.run(write)
        self._users.forget(user_id)
        self._subscriptions.forget(user_id)
        self._delivery.forget_chat(user_id)
        return erased

    def _refuse_police(self, session: Session, user_id: int) -> None:
        held = {h.role for h in holdings_of(session, user_id)}
        if user_id in self._admin_ids or held & POLICE_ROLES:
            raise PrivacyError("privacy.police", message="police and admins cannot delete")
