"""/organisasi: the organisations advisories come from; an admin renames one or says whether
its advisories wait for the Polsek's approval."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler

from bot.errors import UserFacingError
from bot.ptb.context import Ctx
from bot.services.area_search import compact_key
from bot.services.authz import Action
from bot.texts import t
from handlers.area_admin import arguments
from handlers.common import say
from handlers.guard import guarded
from handlers.menus import command
from handlers.roles.shared import LIST_LIMIT
from handlers.roles.shared import actor


@guarded(Action.MANAGE_ROLES)
async def organisations(update: Update, context: Ctx) -> None:
    """/organisasi: the organisations; /organisasi #id; name: rename one;
    /organisasi #id; persetujuan ya|tidak: whether its advisories need approval."""
    lang = context.lang
    args = arguments(context)
    roles = context.services.roles
    if not args:
        rows = await roles.organisations()
        if not rows:
            await say(update, t(lang, "roles.orgs_none"))
            return
        lines = [t(lang, "roles.orgs_header")]
        for org in rows[:LIST_LIMIT]:
            approval = t(lang, f"roles.org_approval_{'yes' if org.needs_approval else 'no'}")
            lines.append(t(lang, "roles.org_line", id=org.id, name=org.name, approval=approval))
        await say(update, "\n".join(lines))
        return
    if len(args) != 2 or not args[0].removeprefix("#").isdigit() or not args[1]:
        await say(update, t(lang, "roles.orgs_usage"))
        return
    organisation_id = int(args[0].removeprefix("#"))
    setting = args[1].split()
    try:
        if len(setting) == 2 and compact_key(setting[0]) == "persetujuan":
            answer = compact_key(setting[1])
            if answer not in ("ya", "tidak"):
                await say(update, t(lang, "roles.orgs_usage"))
                return
            org = await roles.set_approval(organisation_id, answer == "ya", **actor(update))
            key = f"roles.org_approval_set_{'yes' if org.needs_approval else 'no'}"
            await say(update, t(lang, key, name=org.name))
            return
        org = await roles.rename_organisation(organisation_id, args[1], **actor(update))
    except UserFacingError as error:
        await say(update, error.text(lang))
        return
    await say(update, t(lang, "roles.org_renamed", name=org.name))


def handlers() -> list[BaseHandler]:
    """/organisasi."""
    return [command("organisasi", organisations, rank=210)]
