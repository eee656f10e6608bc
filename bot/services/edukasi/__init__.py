"""Sosialisasi: a library of short education items (title, topic, text, maybe a photo or PDF,
the organisation it comes from) that residents browse with /edukasi, and series that send one
item every N days to a desa or kecamatan as an Info advisory. Telegram-free.

The API (`services.edukasi`, an `EdukasiService`)::

    edukasi.library.check_title(text) / check_body(text) / check_document(mime, name, size)
    item = await edukasi.library.add(author_id, ItemDraft(...))   # checked again, audited
    await edukasi.library.topics() / items(topic) / item(id) / archive(id, user_id)
    series = await edukasi.series.plan(user_id, SeriesPlan(...), lang)
    outcome = await edukasi.series.send_due(series_id)       # the job: once, whoever runs it
    await edukasi.series.change(series_id, user_id, "p" | "r" | "s")   # pause, resume, stop
    await edukasi.may_manage(user_id)                        # the extra buttons of /edukasi

Refusals raise `EdukasiError` (a `UserFacingError`), each naming the limit it enforces.

Rules:
- Only managers (Action.MANAGE_EDUCATION: admins, officers of a Polsek, pemuda of the Divisi
  Sosialisasi, tokoh) add and archive items and plan series; a series stays inside the scope of
  the role it speaks as.
- A series' item goes out through the advisory service as an Info advisory (silent, muted by
  /senyap), with the item's source on its badge; it waits for the Polsek's approval when the
  source or the speaker's own organisation needs it (a tokoh cannot send without approval by
  naming the Polsek as the source).
- Each item of a series is sent once: the advisory, the series' step and the record of the send
  commit together, guarded by a conditional update and a unique (series, position).
"""

from __future__ import annotations

import datetime as dt

from bot.delivery import DeliveryService
from bot.services.advisories import AdvisoryService
from bot.services.areas import AreaService
from bot.services.authz import Action
from bot.services.edukasi.library import Library
from bot.services.edukasi.series import SendOutcome
from bot.services.edukasi.series import Series
from bot.services.edukasi.types import BODY_LIMIT
from bot.services.edukasi.types import PAGE_SIZE
from bot.services.edukasi.types import PDF_LIMIT_BYTES
from bot.services.edukasi.types import TOPICS
from bot.services.edukasi.types import Attachment
from bot.services.edukasi.types import EdukasiError
from bot.services.edukasi.types import ItemDraft
from bot.services.edukasi.types import SeriesPlan
from bot.services.roles import RoleService
from storage.db import Database


class EdukasiService:
    """The education library and its series (the bot's handlers call this)."""

    def __init__(
        self,
        db: Database,
        *,
        areas: AreaService,
        roles: RoleService,
        advisories: AdvisoryService,
        delivery: DeliveryService,
        timezone: dt.tzinfo,
        language: str,
    ) -> None:
        self._roles = roles
        self.library = Library(db)
        self.series = Series(
            db,
            areas=areas,
            roles=roles,
            advisories=advisories,
            delivery=delivery,
            timezone=timezone,
            language=language,
        )

    async def may_manage(self, user_id: int) -> bool:
        """Whether /edukasi shows this person the managers' buttons."""
        return await self._roles.allowed(user_id, Action.MANAGE_EDUCATION)


__all__ = [
    "BODY_LIMIT",
    "PAGE_SIZE",
    "PDF_LIMIT_BYTES",
    "TOPICS",
    "Attachment",
    "EdukasiError",
    "EdukasiService",
    "ItemDraft",
    "SendOutcome",
    "SeriesPlan",
]
