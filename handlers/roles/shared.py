"""What the role handlers share: the scope a typed place names, the person a text names, the
actor of a change, and telling someone else."""

from __future__ import annotations

import datetime as dt
from typing import Any

from telegram import Update

from bot.delivery import Payload
from bot.ptb.context import Ctx
from bot.services.areas import match_polsek
from bot.services.authz import EVERYWHERE
from bot.services.authz import Scope
from bot.services.roles import POLSEK_SCOPE
from bot.services.roles import ROLE_SCOPES
from bot.services.roles import RoleSpec
from bot.texts import t
from bot.texts.when import format_when
from handlers.area_admin import find_area
from handlers.common import AreaButton
from handlers.common import say
from storage.models import AreaLevel
from storage.models import Role

# Lines of /peran and /undangan shown in the chat; the CLI lists everything.
LIST_LIMIT = 30


async def scope_for(
    update: Update, context: Ctx, role: Role, text: str, button: AreaButton | None = None
) -> Scope | None:
    """The scope `text` names for `role` (a Polsek or an area of an allowed level); otherwise
    reply why not (asking which area with a `button` each, when given) and return None."""
    allowed_scopes = ROLE_SCOPES.get(role, ())
    if role is Role.ADMIN:
        return EVERYWHERE
    if POLSEK_SCOPE in allowed_scopes:
        polsek = match_polsek(await context.services.areas.polsek_list(), text)
        if polsek is not None:
            return Scope(polsek_id=polsek.id)
    levels = [level for level in allowed_scopes if isinstance(level, AreaLevel)]
    entry = await find_area(update, context, text, levels, button)
    return Scope(area_id=entry.id) if entry is not None else None


def with_scope(spec: RoleSpec, scope: Scope) -> RoleSpec:
    """`spec` held in `scope`."""
    return RoleSpec(spec.role, scope, spec.division, spec.koordinator)


async def target(update: Update, context: Ctx, text: str) -> int | None:
    """The person `text` names (@username or id); otherwise say who is unknown."""
    user_id = await context.services.users.find(text)
    if user_id is None:
        unknown = " ".join(text.split())[:64] or "…"
        await say(update, t(context.lang, "roles.unknown_user", text=unknown))
    return user_id


async def notify(context: Ctx, user_id: int, key: str, **values: object) -> None:
    """A message to another person, through the delivery engine (it copes with blocked chats)."""
    lang = await context.services.users.language_of(user_id)
    await context.services.delivery.send_direct(
        user_id, Payload.message(t(lang, key, **values)), kind="roles"
    )


def actor(update: Update) -> dict[str, Any]:
    """Who makes a change, for the audit log."""
    user = update.effective_user
    assert user is not None
    return {"actor_id": user.id, "actor_label": user.full_name[:64]}


def when(context: Ctx, moment: dt.datetime, *, zone: bool = True) -> str:
    """A stored time as people read it, in the deployment's zone: "Rab 2 Des, 18.59 WIB"."""
    return format_when(moment, context.lang, context.services.settings.timezone, zone=zone)
