"""Authorisation for every privileged command and button, in one place.

A privileged handler is wrapped with `@guarded(action, where)`: before it runs, the sender's (or
the button presser's) roles are read fresh from the database and checked against the policy in
`bot.services.authz`, and the chat type against `where`. What a button's data says is never
trusted: the presser is checked as if they had typed the command. A refusal is polite, changes
nothing, and is written to the audit log.

Handlers that learn the place only after parsing (which desa, which Polsek) call `allowed_at`,
which refuses the same way when the place lies outside the person's scope.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.constants import ChatMemberStatus
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import ConversationHandler

from bot.commands import Where
from bot.ptb.context import Ctx
from bot.services.authz import POLICY
from bot.services.authz import Action
from bot.services.authz import Place
from bot.texts import t
from handlers.common import say
from storage.models import Role

log = logging.getLogger(__name__)

GROUP_TYPES = (ChatType.GROUP, ChatType.SUPERGROUP)
GROUP_ADMINS = (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)

Callback = Callable[[Update, Ctx], Awaitable[Any]]


@dataclass(frozen=True)
class Guard:
    """What a guarded handler requires (tests read it to find every privileged handler)."""

    action: Action
    where: Where


def guarded(action: Action, where: Where = Where.PRIVATE) -> Callable[[Callback], Callback]:
    """Run the handler only for someone the policy allows `action`, in the right kind of chat."""

    def decorate(callback: Callback) -> Callback:
        @functools.wraps(callback)
        async def checked(update: Update, context: Ctx) -> Any:
            if not await authorise(update, context, action, where):
                # Ends a conversation the person may no longer continue; ignored elsewhere.
                return ConversationHandler.END
            return await callback(update, context)

        checked.guard = Guard(action, where)  # type: ignore[attr-defined]
        return checked

    return decorate


def guard_of(callback: object) -> Guard | None:
    """The Guard of a handler callback, if it is guarded."""
    return getattr(callback, "guard", None)


async def authorise(update: Update, context: Ctx, action: Action, where: Where) -> bool:
    """Check the sender and the chat; answer and audit a refusal. True if allowed."""
    chat = update.effective_chat
    user = update.effective_user
    if user is None or chat is None:
        return False
    if where is Where.GROUP:
        # Group tools explain where they belong before anything else.
        if chat.type not in GROUP_TYPES:
            await say(update, t(context.lang, "group.group_only"), toast=True)
            return False
        if not await _is_group_admin(update, context):
            await refuse(update, context, action, "group_admin", key="group.not_allowed")
            return False
        if not await context.services.roles.allowed(user.id, action):
            await refuse(update, context, action, "role", key="group.not_allowed")
            return False
        return True
    if not await context.services.roles.allowed(user.id, action):
        await refuse(update, context, action, "role")
        return False
    if where is Where.PRIVATE and chat.type != ChatType.PRIVATE:
        await say(update, t(context.lang, "auth.private_only"), toast=True)
        return False
    return True


async def allowed_at(update: Update, context: Ctx, action: Action, place: Place, what: str) -> bool:
    """Whether the sender may do `action` at `place`; otherwise refuse (naming `what`)."""
    if await context.services.roles.allowed(update.effective_user.id, action, place):
        return True
    await refuse(update, context, action, "scope", key="auth.out_of_scope", what=what)
    return False


async def refuse(
    update: Update, context: Ctx, action: Action, reason: str, *, key: str = "", **values: Any
) -> None:
    """Say no politely (an alert for a button) and write the attempt to the audit log."""
    if not key:
        admins_only = all(rule.role is Role.ADMIN for rule in POLICY[action])
        key = "admin.only" if admins_only else "auth.denied"
        if update.callback_query is not None:
            key = "auth.denied_button"
    await say(update, t(context.lang, key, **values), toast=True)
    await context.services.roles.record_denied(
        update.effective_user.id,
        action=action,
        reason=reason,
        what=_what(update),
        chat_id=update.effective_chat.id if update.effective_chat else None,
    )


def _what(update: Update) -> str:
    """The command or button data that was refused, for the audit log."""
    if update.callback_query is not None:
        return f"button {update.callback_query.data or ''}"[:128]
    message = update.effective_message
    text = (message.text or message.caption or "") if message else ""
    return (text.split(maxsplit=1) or [""])[0][:128]


async def _is_group_admin(update: Update, context: Ctx) -> bool:
    try:
        member = await context.bot.get_chat_member(
            update.effective_chat.id, update.effective_user.id
        )
    except TelegramError as exc:
        log.warning("getChatMember failed in chat %s: %s", update.effective_chat.id, exc)
        return False
    return member.status in GROUP_ADMINS
