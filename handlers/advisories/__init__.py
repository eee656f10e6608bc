"""Official advisories (imbauan), the Telegram face: /imbauan (alias /himbauan) composes one
(compose.py), the Polsek duty chat approves or rejects (approval.py), authors correct or
withdraw theirs with /imbauanku (corrections.py), residents acknowledge Darurat ones, mute an
organisation's Info messages (/senyap) and read recent ones for their desa (/riwayat)
(residents.py); scheduled ones are JobQueue jobs derived from the rows (jobs.py).

The rules live in bot/services/advisories/; these modules only talk to Telegram.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler
from telegram.ext import CallbackQueryHandler
from telegram.ext import ConversationHandler
from telegram.ext import MessageHandler
from telegram.ext import TypeHandler
from telegram.ext import filters

from bot.services.advisories.callbacks import Acknowledge
from bot.services.advisories.callbacks import Approve
from bot.services.advisories.callbacks import CancelAdvisory
from bot.services.advisories.callbacks import ChooseLevel
from bot.services.advisories.callbacks import ChooseSpeaker
from bot.services.advisories.callbacks import Mute
from bot.services.advisories.callbacks import NoExpiry
from bot.services.advisories.callbacks import PickTarget
from bot.services.advisories.callbacks import PreviewChoice
from bot.services.advisories.callbacks import Reject
from bot.services.advisories.callbacks import RejectReason
from bot.services.advisories.callbacks import UpdateAdvisory
from handlers.advisories import approval
from handlers.advisories import compose
from handlers.advisories import corrections
from handlers.advisories import residents
from handlers.advisories.jobs import rebuild_jobs
from handlers.common import NEW_MESSAGE
from handlers.conversation import conversation
from handlers.menus import command

TIMEOUT_SECONDS = 60 * 60


def handlers() -> list[BaseHandler]:
    """The advisory handlers (register before the fallbacks)."""
    text = NEW_MESSAGE & filters.TEXT & ~filters.COMMAND
    private_text = text & filters.ChatType.PRIVATE
    c = compose
    composing = conversation(
        c.COMPOSE,
        entry_points=[command("imbauan", c.start, rank=350, aliases=("himbauan",))],
        states={
            c.AS: [CallbackQueryHandler(c.choose_speaker, pattern=ChooseSpeaker.pattern())],
            c.TARGET: [
                CallbackQueryHandler(c.target_button, pattern=PickTarget.pattern()),
                MessageHandler(private_text, c.target_text),
            ],
            c.LEVEL: [CallbackQueryHandler(c.level_button, pattern=ChooseLevel.pattern())],
            c.TEXT: [
                MessageHandler(private_text | (NEW_MESSAGE & filters.PHOTO), c.text_message),
            ],
            c.EXPIRY: [
                CallbackQueryHandler(c.no_expiry, pattern=NoExpiry.pattern()),
                MessageHandler(private_text, c.expiry_text),
            ],
            c.PREVIEW: [CallbackQueryHandler(c.preview_button, pattern=PreviewChoice.pattern())],
            c.SCHEDULE: [
                MessageHandler(private_text, c.schedule_text),
                CallbackQueryHandler(c.preview_button, pattern=PreviewChoice.pattern()),
            ],
            ConversationHandler.TIMEOUT: [TypeHandler(Update, c.timed_out)],
        },
        conversation_timeout=TIMEOUT_SECONDS,
    )
    correcting = conversation(
        corrections.CORRECT,
        entry_points=[
            CallbackQueryHandler(corrections.update_button, pattern=UpdateAdvisory.pattern()),
            CallbackQueryHandler(corrections.cancel_button, pattern=CancelAdvisory.pattern()),
        ],
        states={
            corrections.UPDATE_TEXT: [MessageHandler(private_text, corrections.update_text)],
            corrections.CANCEL_REASON: [MessageHandler(private_text, corrections.cancel_reason)],
        },
        conversation_timeout=TIMEOUT_SECONDS,
    )
    rejecting = conversation(
        approval.REJECT,
        entry_points=[CallbackQueryHandler(approval.reject, pattern=Reject.pattern())],
        states={
            approval.REASON: [
                CallbackQueryHandler(approval.reason_button, pattern=RejectReason.pattern()),
                # Only a reply to the bot's question: other talk in the duty group is not a reason.
                MessageHandler(text & filters.REPLY, approval.reason_text),
            ]
        },
        conversation_timeout=TIMEOUT_SECONDS,
    )
    return [
        composing,
        correcting,
        rejecting,
        CallbackQueryHandler(approval.approve, pattern=Approve.pattern()),
        CallbackQueryHandler(residents.acknowledge, pattern=Acknowledge.pattern()),
        CallbackQueryHandler(residents.mute_button, pattern=Mute.pattern()),
        command("imbauanku", corrections.mine, rank=360, aliases=("himbauanku",)),
        command("riwayat", residents.history, rank=80),
        command("senyap", residents.mutes, rank=90),
    ]


__all__ = ["handlers", "rebuild_jobs"]
