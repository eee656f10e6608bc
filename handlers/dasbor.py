"""/dasbor: a one-time link to the Polsek dashboard on the web (bot/web)."""

from __future__ import annotations

from telegram import LinkPreviewOptions
from telegram import Update
from telegram.ext import BaseHandler

from bot.ptb.context import Ctx
from bot.services.authz import Action
from bot.services.dasbor import LINK_MINUTES
from bot.texts import t
from handlers.common import say
from handlers.guard import guarded
from handlers.menus import command


@guarded(Action.USE_DASHBOARD)
async def dasbor(update: Update, context: Ctx) -> None:
    """Send the person a link that logs them in to the dashboard, once, within minutes."""
    services = context.services
    if not services.settings.web_enabled:
        await say(update, t(context.lang, "dasbor.web_off"))
        return
    token = await services.dasbor.login.create(update.effective_user.id)
    # No preview: Telegram's preview fetcher would open (and so use up) the link first.
    await say(
        update,
        t(context.lang, "dasbor.link", url=services.dasbor.link(token), minutes=LINK_MINUTES),
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )


def handlers() -> list[BaseHandler]:
    """The /dasbor command."""
    return [command("dasbor", dasbor, rank=395, aliases=("dashboard",))]
