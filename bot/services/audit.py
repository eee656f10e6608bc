"""The audit log, read: recent entries with filters, and CSV for the CLI and the bot."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from collections.abc import Sequence

from bot.texts.when import format_iso
from storage import queries
from storage.db import Database
from storage.models import AuditEntry

CSV_HEADER = ["id", "time", "actor_id", "actor_label", "action", "target", "details"]
# A CSV export holds at most this many entries (the newest); the CLI can take more.
CSV_LIMIT = 50_000


def to_csv(entries: Iterable[AuditEntry], timezone: dt.tzinfo) -> str:
    """The entries as CSV text, times in the configured zone (ISO 8601 with the offset)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for entry in entries:
        writer.writerow(
            [
                entry.id,
                format_iso(entry.at, timezone),
                entry.actor_id if entry.actor_id is not None else "",
                entry.actor_label,
                entry.action,
                entry.target,
                entry.details,
            ]
        )
    return out.getvalue()


class AuditService:
    """Reads the audit log (entries are written by the services that act)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def recent(
        self, limit: int = 20, *, action: str | None = None, user_id: int | None = None
    ) -> Sequence[AuditEntry]:
        """The newest entries first; `action` matches a prefix ("role" finds role.grant and
        role.revoke); `user_id` matches the actor or the target."""
        return await self._db.run(
            queries.recent_audit, limit, action_prefix=action, user_id=user_id
        )
