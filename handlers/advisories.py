"""Official advisories (himbauan): /himbauan composes one (speaker, targets, level, text or
photo, expiry, preview, send now / schedule), the Polsek duty chat approves or rejects, authors
correct or withdraw theirs (/himbauanku), residents acknowledge Darurat ones, mute an
organisation's Info messages (/senyap) and read recent ones for their desa (/riwayat).

The rules live in bot/services/advisories.py; this module only talks to Telegram. The draft is
kept as plain JSON in `context.user_data["himbauan"]` (persisted across restarts).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from telegram import (
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    Update,
)
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.commands import Where
from bot.delivery import Payload
from bot.ptb.context import App, Ctx
from bot.services.advisories import (
    ROLE_GROUPS,
    AdvisoryError,
    Draft,
    Speaker,
    Target,
    parse_when,
)
from bot.services.area_search import AreaEntry
from bot.services.authz import Action, Place
from bot.texts import t
from handlers.common import NEW_MESSAGE, edit_query_message
from handlers.conversation import conversation
from handlers.guard import allowed_at, guarded, refuse
from storage.models import Advisory, AdvisoryLevel, AdvisoryStatus, AreaLevel

COMPOSE = "himbauan"  # conversation name and user_data key of the draft
CORRECT = "himbauan_koreksi"
REJECT = "himbauan_tolak"
AS, TARGET, LEVEL, TEXT, EXPIRY, PREVIEW, SCHEDULE = (
    "as",
    "target",
    "level",
    "text",
    "expiry",
    "preview",
    "schedule",
)
UPDATE_TEXT, CANCEL_REASON, REASON = "update_text", "cancel_reason", "reason"
TIMEOUT_SECONDS = 60 * 60
MAX_CANDIDATES = 6
MAX_TARGETS = 20
REJECT_REASONS = ("hoaks", "wewenang", "perbaiki")
LEVEL_ICONS = {"info": "ℹ️", "waspada": "⚠️", "darurat": "🚨"}

_SPEAKER = re.compile(r"^adv:o:(\d{1,12})$")
_TARGET = re.compile(r"^adv:t:(?:a:(\d{1,9})|g:(patroli|pemuda):(\d{1,9})|(next|reset))$")
_LEVEL = re.compile(r"^adv:l:(info|waspada|darurat)$")
_EXPIRY = re.compile(r"^adv:e:none$")
_PREVIEW = re.compile(r"^adv:p:(send|sched|drill|cancel)$")
_APPROVE = re.compile(r"^adv:ok:(\d{1,9})$")
_REJECT = re.compile(r"^adv:no:(\d{1,9})$")
_REJECT_REASON = re.compile(r"^adv:nr:(hoaks|wewenang|perbaiki)$")
_UPDATE = re.compile(r"^adv:u:(\d{1,9})$")
_CANCEL = re.compile(r"^adv:x:(\d{1,9})$")
_ACK = re.compile(r"^adv:ack:(\d{1,9})$")
_MUTE = re.compile(r"^adv:m:(\d{1,9})$")


def job_name(advisory_id: int) -> str:
    """The JobQueue name of a scheduled advisory."""
    return f"adv:send:{advisory_id}"


def _draft(context: Ctx) -> dict[str, Any]:
    return context.user_data.setdefault(COMPOSE, {"targets": []})


def _button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=data)


async def _say(update: Update, context: Ctx, text: str, **kwargs: Any) -> Message:
    """Reply to a message, or below a pressed button."""
    if update.callback_query is not None:
        await update.callback_query.answer()
    return await update.effective_chat.send_message(text, **kwargs)


async def _error(update: Update, context: Ctx, error: AdvisoryError) -> None:
    await _say(update, context, t(context.lang, error.key, **error.values))


async def send_payload(context: Ctx, chat_id: int, payload: Payload) -> Message:
    """Send a delivery payload directly (the author's preview: the very message residents get)."""
    params = dict(payload.params)
    markup = params.pop("reply_markup", None)
    keyboard = InlineKeyboardMarkup.de_json(markup, context.bot) if markup else None
    silent = bool(params.get("disable_notification"))
    if payload.method == "sendPhoto":
        return await context.bot.send_photo(
            chat_id,
            params["photo"],
            caption=params.get("caption"),
            reply_markup=keyboard,
            disable_notification=silent,
        )
    return await context.bot.send_message(
        chat_id,
        params["text"],
        reply_markup=keyboard,
        disable_notification=silent,
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )


# --- /himbauan: compose ------------------------------------------------------------------------


@guarded(Action.COMPOSE_ADVISORY)
async def start(update: Update, context: Ctx) -> str | int:
    """/himbauan: ask who the author speaks as (if they may speak for several), then where."""
    speakers = await context.services.advisories.speakers(update.effective_user.id)
    context.user_data[COMPOSE] = {"targets": []}
    if not speakers:
        await update.effective_message.reply_text(t(context.lang, "adv.no_speaker"))
        return ConversationHandler.END
    if len(speakers) == 1:
        context.user_data[COMPOSE]["as"] = speakers[0].key
        return await _ask_target(update, context, speakers[0])
    rows = [[_button(s.source, f"adv:o:{s.key}")] for s in speakers]
    await update.effective_message.reply_text(
        t(context.lang, "adv.ask_speaker"), reply_markup=InlineKeyboardMarkup(rows)
    )
    return AS


async def _speaker(update: Update, context: Ctx) -> Speaker | None:
    """The speaker of the draft, if the author still holds that role."""
    key = _draft(context).get("as")
    found = None
    if isinstance(key, int):
        found = await context.services.advisories.speaker(update.effective_user.id, key)
    if found is None:
        await _say(update, context, t(context.lang, "adv.role_gone"))
    return found


@guarded(Action.COMPOSE_ADVISORY)
async def choose_speaker(update: Update, context: Ctx) -> str | int:
    """A speaker button."""
    match = _SPEAKER.match(update.callback_query.data or "")
    _draft(context)["as"] = int(match.group(1)) if match else -1
    speaker = await _speaker(update, context)
    if speaker is None:
        return ConversationHandler.END
    return await _ask_target(update, context, speaker)


def _target_keyboard(context: Ctx, speaker: Speaker, chosen: bool) -> InlineKeyboardMarkup:
    lang = context.lang
    rows = []
    for entry in context.services.advisories.scope_areas(speaker)[:8]:
        label = context.services.advisories.area_name(entry)
        rows.append([_button(t(lang, "adv.target_all", area=label), f"adv:t:a:{entry.id}")])
        if entry.level != AreaLevel.KABUPATEN:
            for group in ROLE_GROUPS:
                text = "👥 " + t(lang, f"adv.group_{group}", area=label)
                rows.append([_button(text, f"adv:t:g:{group}:{entry.id}")])
    if chosen:
        rows.append(
            [
                _button(t(lang, "adv.target_next"), "adv:t:next"),
                _button(t(lang, "adv.target_reset"), "adv:t:reset"),
            ]
        )
    return InlineKeyboardMarkup(rows)


async def _ask_target(update: Update, context: Ctx, speaker: Speaker) -> str:
    targets = [Target.from_json(x) for x in _draft(context)["targets"]]
    lang = context.lang
    text = t(lang, "adv.ask_target", source=speaker.source)
    if targets:
        text += "\n\n" + t(
            lang, "adv.targets_so_far", targets=context.services.advisories.target_label(targets)
        )
    await _say(
        update, context, text, reply_markup=_target_keyboard(context, speaker, bool(targets))
    )
    return TARGET


async def _add_target(update: Update, context: Ctx, speaker: Speaker, target: Target) -> bool:
    """Add a target inside the speaker's scope; refuse (and audit) one outside it."""
    advisories = context.services.advisories
    if not advisories.covers(speaker, target.area_id):
        label = advisories.target_label([target], context.lang)
        await refuse(
            update, context, Action.COMPOSE_ADVISORY, "scope", key="adv.out_of_scope", what=label
        )
        return False
    targets = _draft(context)["targets"]
    if target.to_json() not in targets and len(targets) < MAX_TARGETS:
        targets.append(target.to_json())
    return True


@guarded(Action.COMPOSE_ADVISORY)
async def target_button(update: Update, context: Ctx) -> str | int:
    """A target button: an area, a role group, "next" or "start again"."""
    match = _TARGET.match(update.callback_query.data or "")
    speaker = await _speaker(update, context)
    if speaker is None or match is None:
        return ConversationHandler.END
    area, group, group_area, word = match.groups()
    if word == "reset":
        _draft(context)["targets"] = []
    elif word == "next":
        if not _draft(context)["targets"]:
            await update.callback_query.answer(t(context.lang, "adv.no_target"), show_alert=True)
            return TARGET
        return await _ask_level(update, context)
    else:
        target = Target(int(area)) if area else Target(int(group_area), group)
        if context.services.areas.get(target.area_id) is None:
            await update.callback_query.answer(t(context.lang, "button.expired"), show_alert=True)
            return TARGET
        if not await _add_target(update, context, speaker, target):
            return TARGET
    return await _ask_target(update, context, speaker)


async def target_text(update: Update, context: Ctx) -> str | int:
    """Typed targets: names separated by commas, each matched typo-tolerantly."""
    speaker = await _speaker(update, context)
    if speaker is None:
        return ConversationHandler.END
    areas = context.services.areas
    levels = (AreaLevel.DESA, AreaLevel.KECAMATAN, AreaLevel.KABUPATEN)
    for name in re.split(r"[,;\n]", update.effective_message.text or ""):
        name = name.strip()
        if not name:
            continue
        found = areas.resolve(name, levels)
        if isinstance(found, AreaEntry):
            await _add_target(update, context, speaker, Target(found.id))
            continue
        shown = " ".join(name.split())[:64]
        if not found:
            await _say(update, context, t(context.lang, "adv.target_unknown", text=shown))
            continue
        rows = [
            [_button(areas.label(m.entry), f"adv:t:a:{m.entry.id}")] for m in found[:MAX_CANDIDATES]
        ]
        await _say(
            update,
            context,
            t(context.lang, "adv.target_which", text=shown),
            reply_markup=InlineKeyboardMarkup(rows),
        )
    return await _ask_target(update, context, speaker)


async def _ask_level(update: Update, context: Ctx) -> str:
    lang = context.lang
    rows = [
        [_button(f"{LEVEL_ICONS[level]} " + t(lang, f"adv.level_name_{level}"), f"adv:l:{level}")]
        for level in ("info", "waspada", "darurat")
    ]
    await _say(update, context, t(lang, "adv.ask_level"), reply_markup=InlineKeyboardMarkup(rows))
    return LEVEL


@guarded(Action.COMPOSE_ADVISORY)
async def level_button(update: Update, context: Ctx) -> str:
    """A level button; then ask for the text."""
    match = _LEVEL.match(update.callback_query.data or "")
    _draft(context)["level"] = match.group(1) if match else "info"
    await _say(update, context, t(context.lang, "adv.ask_text"))
    return TEXT


async def text_message(update: Update, context: Ctx) -> str | int:
    """The advisory's text, or a photo with (or without, then text follows) its caption."""
    message = update.effective_message
    draft = _draft(context)
    if message.photo:
        draft["photo"] = message.photo[-1].file_id
        if not (message.caption or "").strip():
            await message.reply_text(t(context.lang, "adv.photo_needs_text"))
            return TEXT
        draft["text"] = message.caption
    else:
        draft["text"] = message.text or ""
    if not draft["text"].strip():
        await message.reply_text(t(context.lang, "adv.empty"))
        return TEXT
    if await _checked(update, context) is None:
        return TEXT
    rows = [[_button(t(context.lang, "adv.expiry_none"), "adv:e:none")]]
    await message.reply_text(
        t(context.lang, "adv.ask_expiry"), reply_markup=InlineKeyboardMarkup(rows)
    )
    return EXPIRY


async def _checked(update: Update, context: Ctx) -> tuple[Speaker, Advisory] | None:
    """The draft as an (unsaved) advisory, exactly as it will be delivered; None after saying
    what is wrong with it."""
    speaker = await _speaker(update, context)
    if speaker is None:
        return None
    advisories = context.services.advisories
    draft = Draft.from_json(_draft(context))
    try:
        advisories.validate(speaker, draft, dt.datetime.now(dt.UTC))
        polsek = await advisories.approving_polsek(speaker, draft.targets)
        advisory = advisories.build(
            update.effective_user.id, speaker, draft, approver=polsek.name if polsek else None
        )
        advisories.check_length(advisory)
    except AdvisoryError as error:
        await _error(update, context, error)
        return None
    return speaker, advisory


@guarded(Action.COMPOSE_ADVISORY)
async def no_expiry(update: Update, context: Ctx) -> str | int:
    """ "No expiry": straight to the preview."""
    _draft(context)["expires"] = None
    return await _preview(update, context)


async def expiry_text(update: Update, context: Ctx) -> str | int:
    """A typed expiry time (WIB)."""
    moment = await _typed_time(update, context, "adv.expiry_past")
    if moment is None:
        return EXPIRY
    _draft(context)["expires"] = moment.isoformat()
    return await _preview(update, context)


async def _typed_time(update: Update, context: Ctx, past_key: str) -> dt.datetime | None:
    """A time typed in WIB, in the future; otherwise say why not."""
    advisories = context.services.advisories
    now = advisories.local_now()
    moment = parse_when(update.effective_message.text or "", now)
    if moment is None:
        await update.effective_message.reply_text(t(context.lang, "adv.time_unknown"))
        return None
    if moment <= now:
        await update.effective_message.reply_text(
            t(context.lang, past_key, time=advisories.when(moment))
        )
        return None
    return moment


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
    if update.callback_query is not None:
        await update.callback_query.answer()
    await update.effective_chat.send_message(t(lang, "adv.preview_head"))
    await send_payload(
        context, update.effective_chat.id, advisories.payload(advisory, at=dt.datetime.now(dt.UTC))
    )
    lines = [
        t(
            lang,
            "adv.preview_count",
            count=len(audience),
            people=len(audience.people),
            groups=len(audience.groups),
        )
    ]
    if advisory.approver_name:
        lines.append(t(lang, "adv.preview_approval", polsek=advisory.approver_name))
    if not len(audience):
        lines.append(t(lang, "adv.nobody"))
    drill = "adv.drill_off" if draft.exercise else "adv.drill_on"
    rows = [
        [
            _button(t(lang, "adv.send_now"), "adv:p:send"),
            _button(t(lang, "adv.schedule"), "adv:p:sched"),
        ],
        [_button(t(lang, drill), "adv:p:drill"), _button(t(lang, "adv.discard"), "adv:p:cancel")],
    ]
    await update.effective_chat.send_message(
        "\n".join(lines), reply_markup=InlineKeyboardMarkup(rows)
    )
    return PREVIEW


@guarded(Action.COMPOSE_ADVISORY)
async def preview_button(update: Update, context: Ctx) -> str | int:
    """Kirim sekarang / Jadwalkan / Latihan on-off / Batal."""
    match = _PREVIEW.match(update.callback_query.data or "")
    choice = match.group(1) if match else "cancel"
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
        await _say(update, context, t(context.lang, "adv.ask_schedule"))
        return SCHEDULE
    return await _submit(update, context, None)


async def schedule_text(update: Update, context: Ctx) -> str | int:
    """A typed send time (WIB): in the past is refused."""
    moment = await _typed_time(update, context, "adv.schedule_past")
    if moment is None:
        return SCHEDULE
    return await _submit(update, context, moment)


async def _submit(update: Update, context: Ctx, send_at: dt.datetime | None) -> str | int:
    services = context.services
    draft_json = _draft(context)
    user = update.effective_user
    try:
        submitted = await services.advisories.submit(
            user.id,
            int(draft_json.get("as", -1)),
            Draft.from_json(draft_json),
            send_at=send_at,
            author_name=user.full_name,
        )
    except AdvisoryError as error:
        await _error(update, context, error)
        return SCHEDULE if send_at is not None else PREVIEW
    if update.callback_query is not None:
        await update.callback_query.answer()
    advisory = submitted.advisory
    lang = context.lang
    if advisory.status is AdvisoryStatus.PENDING:
        text = t(lang, "adv.submitted_pending", id=advisory.id, polsek=submitted.approver or "")
    elif advisory.status is AdvisoryStatus.SCHEDULED:
        schedule(context.application, advisory)
        text = t(
            lang,
            "adv.submitted_scheduled",
            id=advisory.id,
            time=services.advisories.when(advisory.send_at or dt.datetime.now(dt.UTC)),
            count=submitted.recipients,
        )
    else:
        text = t(lang, "adv.submitted_sent", id=advisory.id, count=submitted.recipients)
    context.user_data.pop(COMPOSE, None)
    await update.effective_chat.send_message(text)
    return ConversationHandler.END


# --- approval in the duty chat -----------------------------------------------------------------


async def _approver_may(update: Update, context: Ctx, advisory: Advisory) -> bool:
    return await allowed_at(
        update,
        context,
        Action.APPROVE_ADVISORY,
        Place(polsek_id=advisory.polsek_id),
        what=advisory.approver_name or "Polsek",
    )


async def _pending(update: Update, context: Ctx, advisory_id: int) -> Advisory | None:
    """The advisory if it still waits for a decision; otherwise answer who decided."""
    query = update.callback_query
    advisory = await context.services.advisories.get(advisory_id)
    if advisory is None:
        await query.answer(t(context.lang, "button.expired"), show_alert=True)
        return None
    if not await _approver_may(update, context, advisory):
        return None
    if advisory.status is not AdvisoryStatus.PENDING:
        await _already(update, context, advisory)
        return None
    return advisory


def _decided_text(lang: str, advisory: Advisory) -> str:
    """Who decided (or that the author withdrew it), for a press that came too late."""
    if advisory.status is AdvisoryStatus.CANCELLED and not advisory.decided_by_name:
        return t(lang, "adv.already_withdrawn", id=advisory.id)
    rejected = advisory.status is AdvisoryStatus.REJECTED
    outcome = t(lang, "adv.outcome_rejected" if rejected else "adv.outcome_approved")
    by = advisory.decided_by_name or "?"
    return t(lang, "adv.already_decided", id=advisory.id, by=by, outcome=outcome)


async def _already(update: Update, context: Ctx, advisory: Advisory) -> None:
    """Answer a late press: nothing changes."""
    await update.callback_query.answer(_decided_text(context.lang, advisory), show_alert=True)


@guarded(Action.APPROVE_ADVISORY, Where.ANY)
async def approve(update: Update, context: Ctx) -> None:
    """Setujui: send (or schedule) the advisory, once."""
    query = update.callback_query
    match = _APPROVE.match(query.data or "")
    advisory = await _pending(update, context, int(match.group(1))) if match else None
    if advisory is None or advisory.id is None:
        return
    user = update.effective_user
    try:
        decision = await context.services.advisories.decide(
            advisory.id, user.id, user.full_name, approve=True
        )
    except AdvisoryError as error:
        await query.answer(t(context.lang, error.key, **error.values), show_alert=True)
        return
    if not decision.done:
        await _already(update, context, decision.advisory)
        return
    if decision.advisory.status is AdvisoryStatus.SCHEDULED:
        schedule(context.application, decision.advisory)
    await query.answer(t(context.lang, "adv.approved_toast"))


@guarded(Action.APPROVE_ADVISORY, Where.ANY)
async def reject(update: Update, context: Ctx) -> str | int:
    """Tolak: ask the reason (a reply, or one of the usual reasons)."""
    query = update.callback_query
    match = _REJECT.match(query.data or "")
    advisory = await _pending(update, context, int(match.group(1))) if match else None
    if advisory is None:
        return ConversationHandler.END
    context.user_data[REJECT] = {"id": advisory.id}
    await query.answer()
    lang = context.lang
    rows = [[_button(t(lang, f"adv.reason_{code}"), f"adv:nr:{code}")] for code in REJECT_REASONS]
    await update.effective_chat.send_message(
        t(lang, "adv.ask_reason", id=advisory.id, name=update.effective_user.first_name),
        reply_markup=InlineKeyboardMarkup(rows),
    )
    # A reply reaches the bot in a group even with privacy mode on.
    await update.effective_chat.send_message(
        t(lang, "adv.ask_reason_reply"), reply_markup=ForceReply(selective=True)
    )
    return REASON


@guarded(Action.APPROVE_ADVISORY, Where.ANY)
async def reason_button(update: Update, context: Ctx) -> int:
    """One of the usual reasons."""
    match = _REJECT_REASON.match(update.callback_query.data or "")
    code = match.group(1) if match else REJECT_REASONS[0]
    return await _rejected(
        update, context, t(context.services.settings.default_language, f"adv.reason_{code}")
    )


async def reason_text(update: Update, context: Ctx) -> int:
    """A typed reason."""
    return await _rejected(update, context, (update.effective_message.text or "").strip()[:500])


async def _rejected(update: Update, context: Ctx, reason: str) -> int:
    draft = context.user_data.pop(REJECT, None) or {}
    advisory = await context.services.advisories.get(int(draft.get("id", 0)))
    if advisory is None or not await _approver_may(update, context, advisory):
        return ConversationHandler.END
    user = update.effective_user
    decision = await context.services.advisories.decide(
        advisory.id or 0, user.id, user.full_name, approve=False, reason=reason
    )
    done = t(context.lang, "adv.rejected_toast")
    text = done if decision.done else _decided_text(context.lang, decision.advisory)
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=not decision.done)
    else:
        await update.effective_message.reply_text(text)
    return ConversationHandler.END


# --- the author's list, updates and cancellations ----------------------------------------------


@guarded(Action.COMPOSE_ADVISORY)
async def mine(update: Update, context: Ctx) -> None:
    """/himbauanku: the author's recent advisories, with read counts and correction buttons."""
    lang = context.lang
    advisories = context.services.advisories
    summaries = await advisories.mine(update.effective_user.id)
    if not summaries:
        await update.effective_message.reply_text(t(lang, "adv.mine_none"))
        return
    lines = [t(lang, "adv.mine_head")]
    rows = []
    for summary in summaries:
        advisory = summary.advisory
        status = AdvisoryStatus(advisory.status)
        line = t(
            lang,
            "adv.mine_line",
            id=advisory.id,
            icon=LEVEL_ICONS[AdvisoryLevel(advisory.level).value],
            status=t(lang, f"adv.status_{status.value}"),
            targets=advisory.target_label[:80],
            excerpt=_excerpt(advisory.text, 60),
            count=advisory.recipients,
        )
        if advisory.level is AdvisoryLevel.DARURAT and status is AdvisoryStatus.SENT:
            line += "\n" + t(lang, "adv.mine_acks", acks=summary.acks)
        if summary.updates:
            line += "\n" + t(lang, "adv.mine_updates", updates=summary.updates)
        lines.append(line)
        buttons = []
        if status is AdvisoryStatus.SENT:
            buttons.append(
                _button(t(lang, "adv.update_button", id=advisory.id), f"adv:u:{advisory.id}")
            )
        if status in (AdvisoryStatus.SENT, AdvisoryStatus.SCHEDULED, AdvisoryStatus.PENDING):
            buttons.append(
                _button(t(lang, "adv.cancel_button", id=advisory.id), f"adv:x:{advisory.id}")
            )
        if buttons:
            rows.append(buttons)
    await update.effective_message.reply_text(
        "\n\n".join(lines), reply_markup=InlineKeyboardMarkup(rows) if rows else None
    )


def _excerpt(text: str, length: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1] + "…"


@guarded(Action.COMPOSE_ADVISORY)
async def update_button(update: Update, context: Ctx) -> str | int:
    """Perbarui: check it can still be updated, then ask for the update's text."""
    match = _UPDATE.match(update.callback_query.data or "")
    advisory_id = int(match.group(1)) if match else 0
    try:
        await context.services.advisories.check_updatable(advisory_id, update.effective_user.id)
    except AdvisoryError as error:
        await update.callback_query.answer(
            t(context.lang, error.key, **error.values), show_alert=True
        )
        return ConversationHandler.END
    context.user_data[CORRECT] = {"id": advisory_id}
    await _say(update, context, t(context.lang, "adv.ask_update", id=advisory_id))
    return UPDATE_TEXT


async def update_text(update: Update, context: Ctx) -> str | int:
    """The update's text: sent (or put to the Polsek) as a reply to the original."""
    draft = context.user_data.get(CORRECT) or {}
    user = update.effective_user
    try:
        submitted = await context.services.advisories.submit_update(
            int(draft.get("id", 0)),
            user.id,
            update.effective_message.text or "",
            author_name=user.full_name,
        )
    except AdvisoryError as error:
        await _error(update, context, error)
        if error.key in (
            "adv.update_cancelled",
            "adv.not_yours",
            "adv.unknown",
            "adv.update_not_sent",
        ):
            context.user_data.pop(CORRECT, None)
            return ConversationHandler.END
        return UPDATE_TEXT
    context.user_data.pop(CORRECT, None)
    key = "adv.update_pending" if submitted.approver else "adv.update_queued"
    await update.effective_message.reply_text(
        t(
            context.lang,
            key,
            id=draft.get("id"),
            polsek=submitted.approver or "",
            count=submitted.recipients,
        )
    )
    return ConversationHandler.END


@guarded(Action.COMPOSE_ADVISORY)
async def cancel_button(update: Update, context: Ctx) -> str | int:
    """Cabut: ask why (the reason goes to every chat that received it)."""
    match = _CANCEL.match(update.callback_query.data or "")
    advisory_id = int(match.group(1)) if match else 0
    advisory = await context.services.advisories.get(advisory_id)
    if advisory is not None and advisory.status is AdvisoryStatus.CANCELLED:
        await update.callback_query.answer(
            t(context.lang, "adv.already_cancelled", id=advisory_id), show_alert=True
        )
        return ConversationHandler.END
    context.user_data[CORRECT] = {"id": advisory_id}
    await _say(update, context, t(context.lang, "adv.ask_cancel_reason", id=advisory_id))
    return CANCEL_REASON


async def cancel_reason(update: Update, context: Ctx) -> str | int:
    """The reason: withdraw the advisory everywhere."""
    draft = context.user_data.pop(CORRECT, None) or {}
    advisory_id = int(draft.get("id", 0))
    reason = (update.effective_message.text or "").strip()[:500]
    try:
        before = await context.services.advisories.cancel(
            advisory_id, update.effective_user.id, reason
        )
    except AdvisoryError as error:
        await _error(update, context, error)
        return ConversationHandler.END
    for job in context.application.job_queue.get_jobs_by_name(job_name(advisory_id)):
        job.schedule_removal()
    key = "adv.cancelled_sent" if before is AdvisoryStatus.SENT else "adv.cancelled_unsent"
    await update.effective_message.reply_text(t(context.lang, key, id=advisory_id))
    return ConversationHandler.END


# --- residents: acknowledgement, mutes, history ------------------------------------------------


async def acknowledge(update: Update, context: Ctx) -> None:
    """Sudah dibaca (anyone who got it; once per person)."""
    query = update.callback_query
    match = _ACK.match(query.data or "")
    advisory_id = int(match.group(1)) if match else 0
    if advisory_id == 0:
        await query.answer(t(context.lang, "adv.ack_preview"), show_alert=True)
        return
    result = await context.services.advisories.acknowledge(advisory_id, update.effective_user.id)
    key = {True: "adv.ack_thanks", False: "adv.ack_again", None: "button.expired"}[result]
    await query.answer(t(context.lang, key))


async def history(update: Update, context: Ctx) -> None:
    """/riwayat: recent advisories for the areas this person follows."""
    lang = context.lang
    advisories = context.services.advisories
    found = await advisories.history(update.effective_user.id)
    if not found:
        await update.effective_message.reply_text(t(lang, "adv.history_none"))
        return
    lines = [t(lang, "adv.history_head")]
    for advisory in found:
        status = AdvisoryStatus(advisory.status)
        flags = []
        if advisory.exercise:
            flags.append(t(lang, "adv.flag_exercise"))
        if status is AdvisoryStatus.CANCELLED:
            flags.append(t(lang, "adv.flag_cancelled"))
        elif advisory.expires_at is not None and advisory.expires_at <= dt.datetime.now(dt.UTC):
            flags.append(t(lang, "adv.flag_expired"))
        lines.append(
            t(
                lang,
                "adv.history_line",
                icon=LEVEL_ICONS[AdvisoryLevel(advisory.level).value],
                time=advisories.when(advisory.sent_at or advisory.created_at),
                source=advisory.source_name,
                flags=" ".join(flags),
                excerpt=_excerpt(advisory.text, 200),
            )
        )
    await update.effective_message.reply_text("\n\n".join(lines))


def _mute_keyboard(context: Ctx, organisations: list[Any], muted: set[int]) -> InlineKeyboardMarkup:
    lang = context.lang
    rows = [
        [
            _button(
                t(lang, "adv.muted_button" if o.id in muted else "adv.unmuted_button", name=o.name),
                f"adv:m:{o.id}",
            )
        ]
        for o in organisations
    ]
    return InlineKeyboardMarkup(rows)


async def mutes(update: Update, context: Ctx) -> None:
    """/senyap: mute or unmute organisations' Info advisories (never Waspada or Darurat)."""
    organisations, muted = await context.services.advisories.organisations_for(
        update.effective_user.id
    )
    if not organisations:
        await update.effective_message.reply_text(t(context.lang, "adv.mute_none"))
        return
    await update.effective_message.reply_text(
        t(context.lang, "adv.mute_head"), reply_markup=_mute_keyboard(context, organisations, muted)
    )


async def mute_button(update: Update, context: Ctx) -> None:
    """Toggle one organisation."""
    query = update.callback_query
    match = _MUTE.match(query.data or "")
    user_id = update.effective_user.id
    state = (
        await context.services.advisories.toggle_mute(user_id, int(match.group(1)))
        if match
        else None
    )
    if state is None:
        await query.answer(t(context.lang, "button.expired"), show_alert=True)
        return
    await query.answer(t(context.lang, "adv.muted_toast" if state else "adv.unmuted_toast"))
    organisations, muted = await context.services.advisories.organisations_for(user_id)
    await query.edit_message_reply_markup(_mute_keyboard(context, organisations, muted))


# --- scheduled advisories: derived from the rows ------------------------------------------------


async def _send_scheduled(context: Ctx) -> None:
    """The JobQueue job of one scheduled advisory (a no-op when it was sent or cancelled)."""
    await context.services.advisories.send_due(int(context.job.data))


def schedule(application: App, advisory: Advisory) -> None:
    """(Re)place the job that sends a scheduled advisory at its time (now, if that passed)."""
    assert advisory.id is not None
    name = job_name(advisory.id)
    for job in application.job_queue.get_jobs_by_name(name):
        job.schedule_removal()
    now = dt.datetime.now(dt.UTC)
    when = advisory.send_at if advisory.send_at and advisory.send_at > now else now
    application.job_queue.run_once(_send_scheduled, when=when, name=name, data=advisory.id)


async def rebuild_jobs(application: App) -> None:
    """At start-up: one job per scheduled advisory, from the database."""
    for advisory in await application.bot_data.services.advisories.scheduled():
        schedule(application, advisory)


async def _timed_out(update: Update, context: Ctx) -> None:
    """An abandoned draft is dropped (nothing was sent)."""
    context.user_data.pop(COMPOSE, None)


def handlers() -> list[BaseHandler]:
    """The advisory handlers (register before the fallbacks)."""
    text = NEW_MESSAGE & filters.TEXT & ~filters.COMMAND
    private_text = text & filters.ChatType.PRIVATE
    compose = conversation(
        COMPOSE,
        entry_points=[CommandHandler("himbauan", start, filters=NEW_MESSAGE)],
        states={
            AS: [CallbackQueryHandler(choose_speaker, pattern=_SPEAKER)],
            TARGET: [
                CallbackQueryHandler(target_button, pattern=_TARGET),
                MessageHandler(private_text, target_text),
            ],
            LEVEL: [CallbackQueryHandler(level_button, pattern=_LEVEL)],
            TEXT: [
                MessageHandler(private_text | (NEW_MESSAGE & filters.PHOTO), text_message),
            ],
            EXPIRY: [
                CallbackQueryHandler(no_expiry, pattern=_EXPIRY),
                MessageHandler(private_text, expiry_text),
            ],
            PREVIEW: [CallbackQueryHandler(preview_button, pattern=_PREVIEW)],
            SCHEDULE: [
                MessageHandler(private_text, schedule_text),
                CallbackQueryHandler(preview_button, pattern=_PREVIEW),
            ],
            ConversationHandler.TIMEOUT: [TypeHandler(Update, _timed_out)],
        },
        conversation_timeout=TIMEOUT_SECONDS,
    )
    correct = conversation(
        CORRECT,
        entry_points=[
            CallbackQueryHandler(update_button, pattern=_UPDATE),
            CallbackQueryHandler(cancel_button, pattern=_CANCEL),
        ],
        states={
            UPDATE_TEXT: [MessageHandler(private_text, update_text)],
            CANCEL_REASON: [MessageHandler(private_text, cancel_reason)],
        },
        conversation_timeout=TIMEOUT_SECONDS,
    )
    rejecting = conversation(
        REJECT,
        entry_points=[CallbackQueryHandler(reject, pattern=_REJECT)],
        states={
            REASON: [
                CallbackQueryHandler(reason_button, pattern=_REJECT_REASON),
                # Only a reply to the bot's question: other talk in the duty group is not a reason.
                MessageHandler(text & filters.REPLY, reason_text),
            ]
        },
        conversation_timeout=TIMEOUT_SECONDS,
    )
    return [
        compose,
        correct,
        rejecting,
        CallbackQueryHandler(approve, pattern=_APPROVE),
        CallbackQueryHandler(acknowledge, pattern=_ACK),
        CallbackQueryHandler(mute_button, pattern=_MUTE),
        CommandHandler("himbauanku", mine, filters=NEW_MESSAGE),
        CommandHandler("riwayat", history, filters=NEW_MESSAGE),
        CommandHandler("senyap", mutes, filters=NEW_MESSAGE),
    ]
