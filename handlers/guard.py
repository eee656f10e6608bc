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

import enum
import functools
import logging
from collections.abc import Awaitable
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from telegram import Bot
from telegram import Update
from telegram.constants import ChatMemberStatus
from telegram.constants import ChatType
from telegram.error import BadRequest
from telegram.error import Forbidden
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
        check = await group_admin_check(context.bot, chat.id, user.id)
        if check is AdminCheck.NOT_ADMIN:
            await refuse(update, context, action, "group_admin", key="group.not_allowed")
            return False
        if not await context.services.roles.allowed(user.id, action):
            await refuse(update, context, action, "role", key="group.not_allowed")
            return False
        if check is not AdminCheck.ADMIN:
            # Telegram did not answer whether they are an admin: say so, not "only admins".
            await refuse(update, context, action, f"group_admin_{check.value}", key=check.text_key)
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


class AdminCheck(enum.Enum):
    """What Telegram said when asked whether someone is an admin of a group."""

    ADMIN = "admin"
    NOT_ADMIN = "not_admin"
    # Telegram refused the question: the bot is not (or no longer) in the group.
    NO_ACCESS = "no_access"
    # No answer: network error, timeout, Telegram's 5xx or flood wait.
    FAILED = "failed"

    @property
    def text_key(self) -> str:
        """The text telling the user why nothing happened."""
        return {
            AdminCheck.NO_ACCESS: "group.admin_check_no_access",
            AdminCheck.FAILED: "group.admin_check_failed",
        }.get(self, "group.not_allowed")


# Telegram's answers that do say the person is no admin: they are not in the group at all.
_NOT_A_MEMBER = ("user not found", "participant_id_invalid", "member not found")


async def group_admin_check(bot: Bot, chat_id: int, user_id: int) -> AdminCheck:
    """Ask Telegram whether `user_id` is an admin (or the owner) of the group `chat_id`.

    The one place the bot checks this: a check that could not be made is told apart from a
    "no", so nobody is told they are no admin when only the question failed."""
    try:
        member = await bot.get_chat_member(chat_id, user_id)
    except Forbidden as exc:
        log.warning("getChatMember refused in chat %s: %s", chat_id, exc)
        return AdminCheck.NO_ACCESS
    except BadRequest as exc:
        # BadRequest before NetworkError: PTB derives it from NetworkError.
        if any(words in exc.message.lower() for words in _NOT_A_MEMBER):
            return AdminCheck.NOT_ADMIN
        log.warning("getChatMember refused in chat %s: %s", chat_id, exc)
        return AdminCheck.NO_ACCESS
    except TelegramError as exc:
        log.warning("getChatMember failed in chat %s: %s", chat_id, exc)
        return AdminCheck.FAILED
    return AdminCheck.ADMIN if member.status in GROUP_ADMINS else AdminCheck.NOT_ADMIN
