"""What residents do with advisories: "Sudah dibaca" under a Darurat one, /riwayat (recent
ones for their areas), /senyap (mute an organisation's Info messages, never Waspada or
Darurat)."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup
from telegram import Update
from telegram.error import BadRequest

from bot.ptb.context import Ctx
from bot.services.advisories.callbacks import Acknowledge
from bot.services.advisories.callbacks import Mute
from bot.texts import t
from bot.texts.when import zone_name
from handlers.common import keyboard
from handlers.common import say
from storage.models import Organisation


async def acknowledge(update: Update, context: Ctx) -> None:
    """Sudah dibaca (anyone who got it; once per person)."""
    button = Acknowledge.parse(update.callback_query.data)
    advisory_id = button.advisory_id if button else 0
    if advisory_id == 0:
        await say(update, t(context.lang, "adv.ack_preview"), toast=True)
        return
    result = await context.services.advisories.acknowledge(advisory_id, update.effective_user.id)
    key = {True: "adv.ack_thanks", False: "adv.ack_again", None: "button.expired"}[result]
    await say(update, t(context.lang, key), toast=True, alert=False)


async def history(update: Update, context: Ctx) -> None:
    """/riwayat: recent advisories for the areas this person follows."""
    lang = context.lang
    advisories = context.services.advisories
    found = await advisories.history(update.effective_user.id)
    if not found:
        await say(update, t(lang, "adv.history_none"))
        return
    lines = [t(lang, "adv.history_head", zone=zone_name(context.services.settings.timezone))]
    lines += [advisories.messages.history_line(advisory, lang) for advisory in found]
    await say(update, "\n\n".join(lines))


def _mute_keyboard(
    context: Ctx, organisations: list[Organisation], muted: set[int]
) -> InlineKeyboardMarkup:
    lang = context.lang
    return keyboard(
        [
            [
                (
                    t(
                        lang,
                        "adv.muted_button" if o.id in muted else "adv.unmuted_button",
                        name=o.name,
                    ),
                    Mute(o.id or 0),
                )
            ]
            for o in organisations
        ]
    )


async def mutes(update: Update, context: Ctx) -> None:
    """/senyap: mute or unmute organisations' Info advisories (never Waspada or Darurat)."""
    organisations, muted = await context.services.advisories.organisations_for(
        update.effective_user.id
    )
    if not organisations:
        await say(update, t(context.lang, "adv.mute_none"))
        return
    await say(
        update,
        t(context.lang, "adv.mute_head"),
        reply_markup=_mute_keyboard(context, organisations, muted),
    )


async def mute_button(update: Update, context: Ctx) -> None:
    """Toggle one organisation."""
    query = update.callback_query
    button = Mute.parse(query.data)
    user_id = update.effective_user.id
    advisories = context.services.advisories
    state = await advisories.toggle_mute(user_id, button.organisation_id) if button else None
    if state is None:
        await say(update, t(context.lang, "button.expired"), toast=True)
        return
    key = "adv.muted_toast" if state else "adv.unmuted_toast"
    await say(update, t(context.lang, key), toast=True, alert=False)
    organisations, muted = await advisories.organisations_for(user_id)
    try:
        await query.edit_message_reply_markup(_mute_keyboard(context, organisations, muted))
    except BadRequest as exc:
        # An older /senyap list may already show the new state: Telegram answers 400.
        if "not modified" not in exc.message.lower():
            raise
