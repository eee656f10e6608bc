"""/imbauan: compose an advisory (speaker, targets, level, text or photo, expiry), preview it
exactly as residents will get it, then send now, schedule, or ask the Polsek.

The draft is plain JSON in `context.user_data["himbauan"]` (persisted across restarts).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from typing import Literal

from telegram import InlineKeyboardMarkup
from telegram import LinkPreviewOptions
from telegram import Message
from telegram import Update
from telegram.ext import ConversationHandler

from bot.delivery import Payload
from bot.errors import UserFacingError
from bot.ptb.context import Ctx
from bot.services.advisories import LEVELS
from bot.services.advisories import ROLE_GROUPS
from bot.services.advisories import Draft
from bot.services.advisories import OutOfScope
from bot.services.advisories import Speaker
from bot.services.advisories import Target
from bot.services.advisories.callbacks import ChooseLevel
from bot.services.advisories.callbacks import ChooseSpeaker
from bot.services.advisories.callbacks import NoExpiry
from bot.services.advisories.callbacks import PickTarget
from bot.services.advisories.callbacks import PreviewChoice
from bot.services.area_search import AreaEntry
from bot.services.authz import Action
from bot.services.free_text import long_enough
from bot.texts import t
from bot.texts.when import zone_name
from handlers import guard
from handlers.advisories.jobs import schedule
from handlers.common import ask_which_area
from handlers.common import edit_query_message
from handlers.common import keyboard
from handlers.common import needs_draft
from handlers.common import refuse
from handlers.common import say
from handlers.guard import guarded
from storage.models import Advisory
from storage.models import AdvisoryStatus
from storage.models import AreaLevel

COMPOSE = "himbauan"  # conversation name and user_data key of the draft
AS, TARGET, LEVEL, TEXT, EXPIRY, PREVIEW, SCHEDULE = (
    "as",
    "target",
    "level",
    "text",
    "expiry",
    "preview",
    "schedule",
)
MAX_CANDIDATES = 6

draft_step = needs_draft(COMPOSE, "adv.lost")


def _draft(context: Ctx) -> dict[str, Any]:
    draft: dict[str, Any] = context.user_data[COMPOSE]
    return draft


async def send_payload(context: Ctx, chat_id: int, payload: Payload) -> Message:
    """Send a delivery payload directly (the author's preview: the very message residents get)."""
    params = dict(payload.params)
    markup = params.pop("reply_markup", None)
    buttons = InlineKeyboardMarkup.de_json(markup, context.bot) if markup else None
    silent = bool(params.get("disable_notification"))
    if payload.method == "sendPhoto":
        return await context.bot.send_photo(
            chat_id,
            params["photo"],
            caption=params.get("caption"),
            reply_markup=buttons,
            disable_notification=silent,
        )
    return await context.bot.send_message(
        chat_id,
        params["text"],
        reply_markup=buttons,
        disable_notification=silent,
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )


# --- who speaks, for whom ------------------------------------------------------------------------


@guarded(Action.COMPOSE_ADVISORY)
async def start(update: Update, context: Ctx) -> str | int:
    """/imbauan: ask who the author speaks as (if they may speak for several), then where."""
    speakers = await context.services.advisories.speakers(update.effective_user.id)
    context.user_data[COMPOSE] = {"targets": []}
    if not speakers:
        await say(update, t(context.lang, "adv.no_speaker"))
        return ConversationHandler.END
    if len(speakers) == 1:
        context.user_data[COMPOSE]["as"] = speakers[0].key
        return await _ask_target(update, context, speakers[0])
    rows = [[(s.source, ChooseSpeaker(s.key))] for s in speakers]
    await say(update, t(context.lang, "adv.ask_speaker"), reply_markup=keyboard(rows))
    return AS


async def _speaker(update: Update, context: Ctx) -> Speaker | None:
    """The speaker of the draft, if the author still holds that role."""
    key = _draft(context).get("as")
    found = None
    if isinstance(key, int):
        found = await context.services.advisories.speaker(update.effective_user.id, key)
    if found is None:
        await say(update, t(context.lang, "adv.role_gone"))
    return found


@guarded(Action.COMPOSE_ADVISORY)
@draft_step
async def choose_speaker(update: Update, context: Ctx) -> str | int:
    """A speaker button."""
    button = ChooseSpeaker.parse(update.callback_query.data)
    _draft(context)["as"] = button.key if button else -1
    speaker = await _speaker(update, context)
    if speaker is None:
        return ConversationHandler.END
    return await _ask_target(update, context, speaker)


def _target_keyboard(context: Ctx, speaker: Speaker, chosen: bool) -> InlineKeyboardMarkup:
    lang = context.lang
    targets = context.services.advisories.targets
    rows = []
    for entry in targets.scope_areas(speaker)[:8]:
        label = targets.area_name(entry)
        rows.append([(t(lang, "adv.target_all", area=label), PickTarget.adding(Target(entry.id)))])
        if entry.level != AreaLevel.KABUPATEN:
            for group in ROLE_GROUPS:
                text = "👥 " + t(lang, f"adv.group_{group}", area=label)
                rows.append([(text, PickTarget.adding(Target(entry.id, group)))])
    if chosen:
        rows.append(
            [
                (t(lang, "adv.target_next"), PickTarget("next")),
                (t(lang, "adv.target_reset"), PickTarget("reset")),
            ]
        )
    return keyboard(rows)


async def _ask_target(update: Update, context: Ctx, speaker: Speaker) -> str:
    targets = [Target.from_json(x) for x in _draft(context)["targets"]]
    lang = context.lang
    text = t(lang, "adv.ask_target", source=speaker.source)
    if targets:
        label = context.services.advisories.targets.label(targets)
        text += "\n\n" + t(lang, "adv.targets_so_far", targets=label)
    await say(update, text, reply_markup=_target_keyboard(context, speaker, bool(targets)))
    return TARGET


async def _add_target(
    update: Update, context: Ctx, speaker: Speaker, target: Target
) -> UserFacingError | None:
    """Add a target to the draft; else say why the service refused it (a target outside the
    speaker's role as the guard refuses, audited) and return the refusal."""
    draft = _draft(context)
    chosen = [Target.from_json(x) for x in draft["targets"]]
    try:
        chosen = context.services.advisories.add_target(speaker, chosen, target)
    except OutOfScope as error:
        action = Action.COMPOSE_ADVISORY
        await guard.refuse(update, context, action, "scope", key=error.key, **error.values)
        return error
    except UserFacingError as error:
        await refuse(update, context, error)
        return error
    draft["targets"] = [x.to_json() for x in chosen]
    return None


@guarded(Action.COMPOSE_ADVISORY)
@draft_step
async def target_button(update: Update, context: Ctx) -> str | int:
    """A target button: an area, a role group, "next" or "start again"."""
    button = PickTarget.parse(update.callback_query.data)
    speaker = await _speaker(update, context)
    if speaker is None or button is None:
        return ConversationHandler.END
    target = button.target
    if button.choice == "reset":
        _draft(context)["targets"] = []
    elif button.choice == "next":
        if not _draft(context)["targets"]:
            await say(update, t(context.lang, "adv.no_target"), toast=True)
            return TARGET
        return await _ask_level(update, context)
    elif target is not None and await _add_target(update, context, speaker, target) is not None:
        return TARGET  # refused: the question stays as it was
    return await _ask_target(update, context, speaker)


@draft_step
async def target_text(update: Update, context: Ctx) -> str | int:
    """Typed targets: names separated by commas, each matched typo-tolerantly."""
    speaker = await _speaker(update, context)
    if speaker is None:
        return ConversationHandler.END
    areas = context.services.areas
    levels = (AreaLevel.DESA, AreaLevel.KECAMATAN, AreaLevel.KABUPATEN)
    asked = other = False  # a question on a name sent; anything else said (prompt follows)
    for name in re.split(r"[,;\n]", update.effective_message.text or ""):
        name = name.strip()
        if not name:
            continue
        resolution = areas.resolution(name, levels)
        found = resolution.entry or resolution.candidates
        if isinstance(found, AreaEntry):
            other = True
            refused = await _add_target(update, context, speaker, Target(found.id))
            if refused is not None and not isinstance(refused, OutOfScope):
                break  # the draft is full: the names after this one would be refused alike
            continue
        shown = " ".join(name.split())[:64]
        if not found:
            other = True
            await say(update, t(context.lang, "adv.target_unknown", text=shown))
            continue
        asked = True
        candidates = [m.entry for m in found[:MAX_CANDIDATES]]
        question = None if resolution.same_name else t(context.lang, "adv.target_which", text=shown)
        await ask_which_area(update, context, candidates, _target_choice, question)
    if asked and not other:
        return TARGET  # one short question is open; the whole prompt is not sent again
    return await _ask_target(update, context, speaker)


def _target_choice(entry: AreaEntry, label: str) -> tuple[str, PickTarget]:
    return label, PickTarget.adding(Target(entry.id))


# --- level, text, expiry -------------------------------------------------------------------------


async def _ask_level(update: Update, context: Ctx) -> str:
    lang = context.lang
    rows = [
        [(f"{style.icon} " + t(lang, f"adv.level_name_{level}"), ChooseLevel(level))]
        for level, style in LEVELS.items()
    ]
    await say(update, t(lang, "adv.ask_level"), reply_markup=keyboard(rows))
    return LEVEL


@guarded(Action.COMPOSE_ADVISORY)
@draft_step
async def level_button(update: Update, context: Ctx) -> str:
    """A level button; then ask for the text."""
    button = ChooseLevel.parse(update.callback_query.data)
    _draft(context)["level"] = button.level if button else "info"
    await say(update, t(context.lang, "adv.ask_text"))
    return TEXT


@draft_step
async def text_message(update: Update, context: Ctx) -> str | int:
    """The advisory's text, or a photo with (or without, then text follows) its caption."""
    message = update.effective_message
    draft = _draft(context)
    if message.photo:
        draft["photo"] = message.photo[-1].file_id
        if not (message.caption or "").strip():
            await say(update, t(context.lang, "adv.photo_needs_text"))
            return TEXT
        draft["text"] = message.caption
    else:
        draft["text"] = message.text or ""
    if not long_enough(draft["text"]):  # only emoji or zero-width characters: empty
        await say(update, t(context.lang, "adv.empty"))
        return TEXT
    if await _checked(update, context) is None:
        return TEXT
    rows = [[(t(context.lang, "adv.expiry_none"), NoExpiry())]]
    zone = zone_name(context.services.settings.timezone)
    await say(update, t(context.lang, "adv.ask_expiry", zone=zone), reply_markup=keyboard(rows))
    return EXPIRY


async def _checked(update: Update, context: Ctx) -> tuple[Speaker, Advisory] | None:
    """The draft as an (unsaved) advisory, exactly as it will be delivered; None after saying
    what is wrong with it."""
    speaker = await _speaker(update, context)
    if speaker is None:
        return None
    draft = Draft.from_json(_draft(context))
    try:
        advisory = await context.services.advisories.preview(
            update.effective_user.id, speaker, draft
        )
    except UserFacingError as error:
        await say(update, error.text(context.lang))
        return None
    return speaker, advisory


@guarded(Action.COMPOSE_ADVISORY)
@draft_step
async def no_expiry(update: Update, context: Ctx) -> str | int:
    """ "No expiry": straight to the preview."""
    _draft(context)["expires"] = None
    return await _preview(update, context)


@draft_step
async def expiry_text(update: Update, context: Ctx) -> str | int:
    """A typed expiry time (in the configured zone)."""
    moment = await _typed_time(update, context, "expiry")
    if moment is None:
        return EXPIRY
    _draft(context)["expires"] = moment.isoformat()
    return await _preview(update, context)


async def _typed_time(
    update: Update, context: Ctx, purpose: Literal["expiry", "schedule"]
) -> dt.datetime | None:
    """A time typed in the configured zone, in the future; otherwise say why not."""
    text = update.effective_message.text or ""
    try:
        return context.services.advisories.typed_time(text, purpose)
    except UserFacingError as error:
        await say(update, error.text(context.lang))
        return None


# --- preview and submission ----------------------------------------------------------------------


async def _preview(update: Update, context: Ctx) -> str | int:
    """The advisory exactly as residents will see it, then who gets it and the choices."""
    checked = await _checked(update, context)
    if checked is None:
        return PREVIEW if _draft(context).get("text") else TEXT
    speaker, advisory = checked
    advisories = context.services.advisories
    lang = context.lang
    draft = Draft.from_json(_draft(context))
    audience = await advisories.audience(draft.targets, draft.level, speaker.organisation_id)
    await say(update, t(lang, "adv.preview_head"))
    chat = update.effective_chat
    # Before the Polsek decides, the preview says it awaits approval, never "disetujui".
    payload = advisories.messages.payload(advisory, at=dt.datetime.now(dt.UTC), pending=True)
    await send_payload(context, chat.id, payload)
    summary = advisories.messages.preview_summary(advisory, audience, lang)
    drill = "adv.drill_off" if draft.exercise else "adv.drill_on"
    rows = [
        [
            (advisories.messages.send_label(advisory, lang), PreviewChoice("send")),
            (t(lang, "adv.schedule"), PreviewChoice("sched")),
        ],
        [
            (t(lang, drill), PreviewChoice("drill")),
            (t(lang, "adv.discard"), PreviewChoice("cancel")),
        ],
    ]
    await chat.send_message(summary, reply_markup=keyboard(rows))
    return PREVIEW


@guarded(Action.COMPOSE_ADVISORY)
@draft_step
async def preview_button(update: Update, context: Ctx) -> str | int:
    """Kirim sekarang / Jadwalkan / Latihan on-off / Batal."""
    button = PreviewChoice.parse(update.callback_query.data)
    choice = button.choice if button else "cancel"
    if choice == "cancel":
        context.user_data.pop(COMPOSE, None)
        await update.callback_query.answer()
        await edit_query_message(update.callback_query, t(context.lang, "adv.discarded"))
        return ConversationHandler.END
    if choice == "drill":
        draft = _draft(context)
        draft["exercise"] = not draft.get("exercise")
        return await _preview(update, context)
    if choice == "sched":
        zone = zone_name(context.services.settings.timezone)
        await say(update, t(context.lang, "adv.ask_schedule", zone=zone))
        return SCHEDULE
    return await _submit(update, context, None)


@draft_step
async def schedule_text(update: Update, context: Ctx) -> str | int:
    """A typed send time (in the configured zone): in the past is refused."""
    moment = await _typed_time(update, context, "schedule")
    if moment is None:
        return SCHEDULE
    return await _submit(update, context, moment)


async def _submit(update: Update, context: Ctx, send_at: dt.datetime | None) -> str | int:
    advisories = context.services.advisories
    draft_json = _draft(context)
    user = update.effective_user
    query = update.callback_query
    # Sent at once from the preview: its message (under the button) becomes the author's one
    # progress message, edited by the delivery engine as the advisory goes out.
    here = query.message.message_id if query is not None and query.message else None
    try:
        submitted = await advisories.submit(
            user.id,
            int(draft_json.get("as", -1)),
            Draft.from_json(draft_json),
            send_at=send_at,
            author_name=user.full_name,
            progress_message_id=here,
        )
    except UserFacingError as error:
        await say(update, error.text(context.lang))
        return SCHEDULE if send_at is not None else PREVIEW
    advisory = submitted.advisory
    lang = context.lang
    context.user_data.pop(COMPOSE, None)
    if advisory.status is AdvisoryStatus.SENT:
        text = t(lang, "adv.submitted_sent", id=advisory.id, count=submitted.recipients)
        await say(update, text, toast=True, alert=False)
        return ConversationHandler.END
    if advisory.status is AdvisoryStatus.PENDING:
        text = t(lang, "adv.submitted_pending", id=advisory.id, polsek=submitted.approver or "")
    else:
        schedule(context.application, advisory)
        text = t(
            lang,
            "adv.submitted_scheduled",
            id=advisory.id,
            time=advisories.messages.when(advisory.send_at or dt.datetime.now(dt.UTC), lang),
            count=submitted.recipients,
        )
    if query is not None:
        # The preview's message says what became of it, in place of its buttons.
        await query.answer()
        await say(update, text, edit=True)
    else:
        await say(update, text)
    return ConversationHandler.END


async def timed_out(update: Update, context: Ctx) -> None:
    """An abandoned draft is dropped (nothing was sent)."""
    context.user_data.pop(COMPOSE, None)
