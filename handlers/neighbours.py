"""Neighbour alerts in the chat: the "🤝 Siap bantu" button under an alert.

The rules (who was alerted, once per person, who hears of it) live in
bot/services/neighbours/; this module only answers the press.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler
from telegram.ext import CallbackQueryHandler

from bot.ptb.context import Ctx
from bot.services.neighbours import HelpOutcome
from bot.services.neighbours.callbacks import OfferHelp
from bot.texts import t
from handlers.common import pressed
from handlers.common import say

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
    button = pressed(update, OfferHelp)
    result = await context.services.neighbours.offer_help(button.alert_id, update.effective_user.id)
    key, show_alert = _ANSWERS[result.outcome]
    await say(update, t(context.lang, key, desa=result.desa), toast=True, alert=show_alert)


def handlers() -> list[BaseHandler]:
    """The handlers of neighbour alerts."""
    return [CallbackQueryHandler(offer_help, pattern=OfferHelp.pattern())]
