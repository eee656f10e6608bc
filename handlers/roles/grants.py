"""Roles given and taken by admins: /beriperan, /cabutperan (typed, or a button per role held)
and /peran (who holds which role where)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler
from telegram.ext import CallbackQueryHandler

from bot.errors import UserFacingError
from bot.ptb.context import Ctx
from bot.services.authz import Action
from bot.services.authz import Scope
from bot.services.roles import GrantResult
from bot.services.roles.callbacks import Revoke
from bot.services.roles.messages import parse_role
from bot.services.roles.messages import role_label
from bot.texts import t
from handlers.area_admin import arguments
from handlers.area_admin import find_area
from handlers.common import keyboard
from handlers.common import say
from handlers.guard import guarded
from handlers.menus import command
from handlers.menus import refresh_for
from handlers.roles.shared import LIST_LIMIT
from handlers.roles.shared import actor
from handlers.roles.shared import notify
from handlers.roles.shared import scope_for
from handlers.roles.shared import target
from handlers.roles.shared import with_scope
from storage.models import AreaLevel
from storage.models import Role


@guarded(Action.MANAGE_ROLES)
async def grant_command(update: Update, context: Ctx) -> None:
    """/beriperan person; role; place: give a role directly (an admin vouches for the person)."""
    lang = context.lang
    args = arguments(context)
    spec = parse_role(args[1]) if len(args) >= 2 else None
    if spec is None or len(args) > 3 or (len(args) == 2 and spec.role is not Role.ADMIN):
        await say(update, t(lang, "roles.grant_usage"))
        return
    user_id = await target(update, context, args[0])
    if user_id is None:
        return
    scope = await scope_for(update, context, spec.role, args[2] if len(args) == 3 else "")
    if scope is None:
        return
    spec = with_scope(spec, scope)
    roles = context.services.roles
    try:
        result = await roles.grant(user_id, spec, via="command", **actor(update))
    except UserFacingError as error:
        await say(update, error.text(lang))
        return
    where = await roles.scope_name(scope)
    names = await context.services.users.names([user_id])
    who = names.get(user_id, str(user_id))
    label = role_label(lang, spec, where)
    await say(update, t(lang, f"roles.grant_{result.value}", who=who, role=label))
    if result is not GrantResult.UNCHANGED:
        await refresh_for(context, user_id)
        their = await context.services.users.language_of(user_id)
        await notify(context, user_id, "roles.granted_you", role=role_label(their, spec, where))


@guarded(Action.MANAGE_ROLES)
async def revoke_command(update: Update, context: Ctx) -> None:
    """/cabutperan person[; role; place]: take a role away, or list theirs as buttons."""
    lang = context.lang
    args = arguments(context)
    if not args or len(args) > 3:
        await say(update, t(lang, "roles.revoke_usage"))
        return
    user_id = await target(update, context, args[0])
    if user_id is None:
        return
    held = await context.services.roles.assignments_of(user_id)
    names = await context.services.users.names([user_id])
    who = names.get(user_id, str(user_id))
    if len(args) == 1:
        if not held:
            await say(update, t(lang, "roles.user_has_none", who=who))
            return
        rows = [
            [
                (
                    t(lang, "roles.btn_revoke", role=role_label(lang, a.holding, a.scope_name))[
                        :64
                    ],
                    Revoke(a.id),
                )
            ]
            for a in held
        ]
        await say(update, t(lang, "roles.revoke_pick", who=who), reply_markup=keyboard(rows))
        return
    spec = parse_role(args[1])
    if spec is None:
        await say(update, t(lang, "roles.revoke_usage"))
        return
    scope = await scope_for(update, context, spec.role, args[2] if len(args) == 3 else "")
    if scope is None:
        return
    match = [a for a in held if a.holding.role is spec.role and a.holding.scope == scope]
    if not match:
        await say(update, t(lang, "roles.revoke_not_held", who=who))
        return
    await _revoke(update, context, match[0].id)


@guarded(Action.MANAGE_ROLES)
async def revoke_button(update: Update, context: Ctx) -> None:
    """A "revoke" button under /cabutperan (checked again: the presser must still be admin)."""
    query = update.callback_query
    button = Revoke.parse(query.data)
    if button is None:
        await say(update, t(context.lang, "button.expired"), toast=True)
        return
    await query.answer()
    await _revoke(update, context, button.assignment_id)


async def _revoke(update: Update, context: Ctx, assignment_id: int) -> None:
    """Take the assignment away and say so (in place of the buttons, when one was pressed)."""
    lang = context.lang
    revoked = await context.services.roles.revoke_assignment(assignment_id, **actor(update))
    if revoked is None:
        text = t(lang, "roles.revoke_gone")
    else:
        names = await context.services.users.names([revoked.user_id])
        who = names.get(revoked.user_id, str(revoked.user_id))
        label = role_label(lang, revoked.holding, revoked.scope_name)
        text = t(lang, "roles.revoked", who=who, role=label)
    await say(update, text, edit=True)
    if revoked is None:
        return
    await refresh_for(context, revoked.user_id)
    their = await context.services.users.language_of(revoked.user_id)
    await notify(
        context,
        revoked.user_id,
        "roles.revoked_you",
        role=role_label(their, revoked.holding, revoked.scope_name),
    )


@guarded(Action.MANAGE_ROLES)
async def list_roles(update: Update, context: Ctx) -> None:
    """/peran [@person | place]: who holds which role where."""
    lang = context.lang
    text = " ".join(context.args or []).strip()
    roles = context.services.roles
    if text.startswith("@") or text.isdigit():
        user_id = await target(update, context, text)
        if user_id is None:
            return
        found = await roles.assignments_of(user_id)
    elif text:
        area = await find_area(update, context, text, tuple(AreaLevel))
        if area is None:
            return
        found = await roles.assignments(scope=Scope(area_id=area.id))
    else:
        found = await roles.assignments()
    if not found:
        await say(update, t(lang, "roles.list_none"))
        return
    names = await context.services.users.names(sorted({a.user_id for a in found}))
    lines = [t(lang, "roles.list_header", count=len(found))]
    for a in found[:LIST_LIMIT]:
        who = names.get(a.user_id, str(a.user_id))
        role = role_label(lang, a.holding, a.scope_name)
        lines.append(t(lang, "roles.list_line", who=who, id=a.user_id, role=role))
    if len(found) > LIST_LIMIT:
        lines.append(t(lang, "roles.list_more", count=len(found) - LIST_LIMIT))
    await say(update, "\n".join(lines))


def handlers() -> list[BaseHandler]:
    """/beriperan, /cabutperan with its buttons, /peran."""
    return [
        command("beriperan", grant_command, rank=190),
        command("cabutperan", revoke_command, rank=200),
        CallbackQueryHandler(revoke_button, pattern=Revoke.pattern()),
        command("peran", list_roles, rank=180),
    ]
