"""A Telegram group upgraded to a supergroup gets a new chat id, and the old one answers every
send with 400 `migrate_to_chat_id`. The delivery engine re-sends to the new id and calls
`follow_migration` (a `DeliveryService.on_migrated` hook), in its transaction: every stored id
of the old group follows, so later cards go straight to the new one. Ids in the configuration
cannot be changed here: they are logged for the operator."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from sqlmodel import Session

from storage import queries

log = logging.getLogger(__name__)


def follow_migration(
    session: Session, old: int, new: int, *, configured: Mapping[str, int | None]
) -> None:
    """Move every stored id `old` to `new` (audited); warn about configured ones
    (`configured`: setting name -> chat id)."""
    moved = queries.move_chat(session, old=old, new=new)
    if moved:
        log.warning("chat %d became supergroup %d: moved %s", old, new, ", ".join(moved))
        queries.add_audit(
            session,
            "chat.migrated",
            actor_label="telegram",
            target=f"chat:{old}",
            details=f"to {new}: {', '.join(moved)}",
        )
    for name, chat_id in configured.items():
        if chat_id == old:
            log.warning(
                "%s is %d, a group that became supergroup %d: set %s=%d in the configuration",
                name,
                old,
                new,
                name,
                new,
            )
