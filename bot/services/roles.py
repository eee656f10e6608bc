"""Who may do what. The roles issue grows this into scoped roles and invitations; for now it
bootstraps administrators (from ADMIN_IDS and from `kamtibmas admin grant`)."""

from __future__ import annotations

from sqlmodel import Session

from storage import queries
from storage.db import Database
from storage.models import Role


def grant(
    session: Session,
    user_id: int,
    role: Role,
    *,
    actor_id: int | None = None,
    actor_label: str = "",
    scope: str = "",
) -> bool:
    """Give `role` to `user_id` and audit it, in the caller's transaction; False if held."""
    if not queries.grant_role(session, user_id, role, scope=scope, granted_by=actor_id):
        return False
    _audit(session, "role.grant", user_id, role, scope, actor_id, actor_label)
    return True


def revoke(
    session: Session,
    user_id: int,
    role: Role,
    *,
    actor_id: int | None = None,
    actor_label: str = "",
    scope: str = "",
) -> bool:
    """Take `role` from `user_id` and audit it; False if they did not hold it."""
    if not queries.revoke_role(session, user_id, role, scope=scope):
        return False
    _audit(session, "role.revoke", user_id, role, scope, actor_id, actor_label)
    return True


def _audit(
    session: Session,
    action: str,
    user_id: int,
    role: Role,
    scope: str,
    actor_id: int | None,
    actor_label: str,
) -> None:
    queries.add_audit(
        session,
        action,
        actor_id=actor_id,
        actor_label=actor_label,
        target=str(user_id),
        details=f"role={role.value} scope={scope or '*'}",
    )


class RoleService:
    """Role checks for the bot; changes go through `grant` and `revoke` above."""

    def __init__(self, db: Database, *, admin_ids: frozenset[int]) -> None:
        self._db = db
        self._config_admins = admin_ids

    async def roles(self, user_id: int) -> set[Role]:
        """The roles `user_id` holds; everyone is at least a warga, ADMIN_IDS are admins."""
        held = await self._db.run(queries.roles_of, user_id)
        held.add(Role.WARGA)
        if user_id in self._config_admins:
            held.add(Role.ADMIN)
        return held

    async def is_admin(self, user_id: int) -> bool:
        """Whether `user_id` is a bot administrator."""
        return Role.ADMIN in await self.roles(user_id)
