"""Neighbour alerts in the chat: the "🤝 Siap bantu" button under an alert.

The rules (who was alerted, once per person, who hears of it) live in
bot/services/neighbours.py; this module only answers the press.
"""

from __future__ import annotations

import re

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.context import Ctx
from bot.services.neighbours import HELP_PREFIX, HelpOutcome
from bot.texts import t

_HELP = re.compile(rf"^{re.escape(HELP_PREFIX)}(\d{{1,9}})$")
# What the presser is told, and whether as an alert (it needs reading) or a toast.
_ANSWERS = {
    HelpOutcome.RECORDED: ("nb.help_thanks", True),
    HelpOutcome.ALREADY: ("nb.help_again", False),
    HelpOutcome.NOT_ALERTED: ("nb.help_not_alerted", True),
    HelpOutcome.CLOSED: ("nb.help_closed", True),
    HelpOutcome.NOT_FOUND: ("button.expired", True),
}


async def offer_help(update: Update, context: Ctx) -> None:
    """Record a "Siap bantu" and thank the presser (nothing else is edited)."""
    query = update.callback_query
    match = _HELP.match(query.data or "")
    assert match is not None  # the pattern matched
    result = await context.services.neighbours.offer_help(
        int(match.group(1)), update.effective_user.id
    )
    key, show_alert = _ANSWERS[result.outcome]
    await query.answer(t(context.lang, key, desa=result.desa), show_alert=show_alert)


def handlers() -> list[BaseHandler]:
    """The handlers of neighbour alerts."""
    return [CallbackQueryHandler(offer_help, pattern=_HELP)]
