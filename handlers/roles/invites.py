"""Invitations in the chat: /undang (a conversation: role, then place, then for a police
officer their rank and name), /undangan (open invites, to cancel), and opening one: the link
`/start inv_CODE` or `/kode CODE`, then "Terima" or "Tolak"."""

from __future__ import annotations

import datetime as dt

from telegram import Update
from telegram.ext import BaseHandler
from telegram.ext import CallbackQueryHandler
from telegram.ext import CommandHandler
from telegram.ext import ConversationHandler
from telegram.ext import MessageHandler
from telegram.ext import TypeHandler
from telegram.ext import filters

from bot.callbacks import CallbackData
from bot.errors import UserFacingError
from bot.ptb.context import Ctx
from bot.services.area_search import AreaEntry
from bot.services.authz import Action
from bot.services.authz import Scope
from bot.services.roles import DEFAULT_INVITE_TTL
from bot.services.roles import INVITE_PREFIX
from bot.services.roles import POLSEK_SCOPE
from bot.services.roles import ROLE_SCOPES
from bot.services.roles import InviteInfo
from bot.services.roles import RoleSpec
from bot.services.roles.callbacks import AcceptInvite
from bot.services.roles.callbacks import CancelInvite
from bot.services.roles.callbacks import ChoosePolsek
from bot.services.roles.callbacks import DeclineInvite
from bot.services.roles.callbacks import InvitePlace
from bot.services.roles.callbacks import NewInvite
from bot.services.roles.callbacks import SkipTitle
from bot.services.roles.invitations import clean_title
from bot.services.roles.invitations import display_code
from bot.services.roles.invitations import normalise_code
from bot.services.roles.messages import invite_choices
from bot.services.roles.messages import parse_role
from bot.services.roles.messages import parse_ttl
from bot.services.roles.messages import role_label
from bot.texts import t
from bot.texts.when import zone_name
from handlers.area_admin import arguments
from handlers.common import NEW_MESSAGE
from handlers.common import edit_query_message
from handlers.common import is_private
from handlers.common import keyboard
from handlers.common import say
from handlers.conversation import conversation
from handlers.guard import guarded
from handlers.guard import refuse
from handlers.menus import command
from handlers.menus import refresh_for
from handlers.roles.shared import LIST_LIMIT
from handlers.roles.shared import notify
from handlers.roles.shared import scope_for
from handlers.roles.shared import when
from handlers.roles.shared import with_scope
from storage.models import Division
from storage.models import Role

ASK_ROLE, ASK_PLACE, ASK_TITLE = "role", "place", "title"
TIMEOUT_SECONDS = 15 * 60
# The role chosen so far, between the steps of /undang.
DRAFT = "invite_spec"


# --- /undang: create an invite -----------------------------------------------------------------


@guarded(Action.INVITE)
async def invite_command(update: Update, context: Ctx) -> str | int:
    """/undang: with "role; place[; validity][; rank and name]" make the invite now, otherwise
    ask."""
    lang = context.lang
    args = arguments(context)
    if not args:
        holdings = await context.services.roles.holdings(update.effective_user.id)
        rows = invite_choices(lang, holdings)
        await say(update, t(lang, "roles.invite_pick_role"), reply_markup=keyboard(rows))
        return ASK_ROLE
    spec = parse_role(args[0])
    # After the place: a validity ("7 hari") and a police officer's rank and name, either order.
    ttls = [parse_ttl(arg) for arg in args[2:]]
    titles = [arg for arg, ttl in zip(args[2:], ttls, strict=True) if ttl is None]
    ttl = next((ttl for ttl in ttls if ttl is not None), DEFAULT_INVITE_TTL)
    needs_place = spec is not None and spec.role is not Role.ADMIN
    titled = spec is not None and spec.role is Role.POLISI
    if (
        spec is None
        or len(args) > 4
        or len(titles) > (1 if titled else 0)
        or (len(args) < 2 and needs_place)
    ):
        await say(update, t(lang, "roles.invite_usage"))
        return ConversationHandler.END
    scope = await scope_for(update, context, spec.role, args[1] if len(args) > 1 else "")
    if scope is not None:
        title = titles[0] if titles else None
        await _create_invite(update, context, with_scope(spec, scope), ttl, title)
    return ConversationHandler.END


@guarded(Action.INVITE)
async def choose_role(update: Update, context: Ctx) -> str | int:
    """A role button: remember it and ask where (Polsek buttons for a police officer)."""
    query = update.callback_query
    button = NewInvite.parse(query.data)
    spec = button.spec() if button is not None else None
    if spec is None:
        await say(update, t(context.lang, "button.expired"), toast=True)
        return ConversationHandler.END
    await query.answer()
    if spec.role is Role.ADMIN:
        await _create_invite(update, context, spec, DEFAULT_INVITE_TTL)
        return ConversationHandler.END
    # Plain JSON: conversation drafts are persisted (bot/ptb/persistence.py).
    context.user_data[DRAFT] = _spec_draft(spec)
    lang = context.lang
    label = role_label(lang, spec, "")
    markup = None
    if POLSEK_SCOPE in ROLE_SCOPES[spec.role]:
        rows = [[(p.name, ChoosePolsek(p.id))] for p in await context.services.areas.polsek_list()]
        markup = keyboard(rows) if rows else None
    await edit_query_message(
        query,
        t(lang, f"roles.invite_ask_place_{'polisi' if markup else 'area'}", role=label),
        reply_markup=markup,
    )
    return ASK_PLACE


@guarded(Action.INVITE)
async def typed_place(update: Update, context: Ctx) -> str | int:
    """The place typed for the chosen role."""
    spec = _spec_from_draft(context.user_data.get(DRAFT))
    if spec is None:
        return ConversationHandler.END
    text = update.effective_message.text or ""
    scope = await scope_for(update, context, spec.role, text, _place_button)
    if scope is None:
        return ASK_PLACE  # asked which, or said why not; the next message tries again
    return await _placed(update, context, with_scope(spec, scope))


def _place_button(entry: AreaEntry, label: str) -> tuple[str, CallbackData]:
    return label, InvitePlace(entry.id)


@guarded(Action.INVITE)
async def chosen_place(update: Update, context: Ctx) -> str | int:
    """An area button: the one meant of those the typed name fits."""
    button = InvitePlace.parse(update.callback_query.data)
    return await _chosen(update, context, Scope(area_id=button.area_id) if button else None)


@guarded(Action.INVITE)
async def chosen_polsek(update: Update, context: Ctx) -> str | int:
    """A Polsek button for a police officer's invite."""
    button = ChoosePolsek.parse(update.callback_query.data)
    return await _chosen(update, context, Scope(polsek_id=button.polsek_id) if button else None)


async def _chosen(update: Update, context: Ctx, scope: Scope | None) -> str | int:
    """A place pressed for the invite being made (None: a button not of this question)."""
    spec = _spec_from_draft(context.user_data.get(DRAFT))
    if spec is None or scope is None:
        context.user_data.pop(DRAFT, None)
        await say(update, t(context.lang, "button.expired"), toast=True)
        return ConversationHandler.END
    await update.callback_query.answer()
    return await _placed(update, context, with_scope(spec, scope))


async def _placed(update: Update, context: Ctx, spec: RoleSpec) -> str | int:
    """The place is known: a police officer's rank and name is asked next (it may be skipped);
    any other invite is made now."""
    if spec.role is not Role.POLISI:
        context.user_data.pop(DRAFT, None)
        await _create_invite(update, context, spec, DEFAULT_INVITE_TTL)
        return ConversationHandler.END
    context.user_data[DRAFT] = _spec_draft(spec)
    markup = keyboard([[(t(context.lang, "roles.btn_skip_title"), SkipTitle())]])
    await say(update, t(context.lang, "roles.invite_ask_title"), edit=True, reply_markup=markup)
    return ASK_TITLE


@guarded(Action.INVITE)
async def typed_title(update: Update, context: Ctx) -> str | int:
    """The police officer's rank and name: make the invite (a title that does not do is asked
    again)."""
    spec = _spec_from_draft(context.user_data.get(DRAFT))
    if spec is None:
        return ConversationHandler.END
    title = update.effective_message.text or ""
    try:
        clean_title(spec.role, title)
    except UserFacingError as error:
        await say(update, error.text(context.lang))
        return ASK_TITLE
    context.user_data.pop(DRAFT, None)
    await _create_invite(update, context, spec, DEFAULT_INVITE_TTL, title)
    return ConversationHandler.END


@guarded(Action.INVITE)
async def skipped_title(update: Update, context: Ctx) -> str | int:
    """ "Lewati": the invite without a rank and name."""
    spec = _spec_from_draft(context.user_data.pop(DRAFT, None))
    if spec is None:
        await say(update, t(context.lang, "button.expired"), toast=True)
        return ConversationHandler.END
    await update.callback_query.answer()
    await _create_invite(update, context, spec, DEFAULT_INVITE_TTL)
    return ConversationHandler.END


def _spec_draft(spec: RoleSpec) -> dict[str, object]:
    """The role chosen so far (and its place, once known), as stored between steps."""
    return {
        "role": spec.role.value,
        "division": spec.division.value if spec.division else None,
        "koordinator": spec.koordinator,
        "area_id": spec.scope.area_id,
        "polsek_id": spec.scope.polsek_id,
    }


def _spec_from_draft(draft: object) -> RoleSpec | None:
    """Back from `_spec_draft`; None for anything else (a draft from an older version)."""
    if not isinstance(draft, dict) or draft.get("role") not in set(Role):
        return None
    division = draft.get("division")
    area_id, polsek_id = draft.get("area_id"), draft.get("polsek_id")
    return RoleSpec(
        Role(draft["role"]),
        Scope(
            area_id=area_id if isinstance(area_id, int) else None,
            polsek_id=polsek_id if isinstance(polsek_id, int) else None,
        ),
        Division(division) if division in set(Division) else None,
        bool(draft.get("koordinator")),
    )


async def not_a_place(update: Update, context: Ctx) -> str:
    """A sticker or voice note where a place name was expected."""
    await say(update, t(context.lang, "roles.invite_type_place"))
    return ASK_PLACE


async def not_a_title(update: Update, context: Ctx) -> str:
    """A sticker or voice note where the rank and name was expected."""
    await say(update, t(context.lang, "roles.invite_ask_title"))
    return ASK_TITLE


async def invite_timed_out(update: Update, context: Ctx) -> None:
    """The question lapsed: say so, so a later message is not taken for a place."""
    context.user_data.pop(DRAFT, None)
    if update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, t(context.lang, "roles.timeout"))


async def _create_invite(
    update: Update, context: Ctx, spec: RoleSpec, ttl: dt.timedelta, title: str | None = None
) -> None:
    """Check the inviter may invite to this role there, create it and show the link (in place
    of the buttons, when a button chose it)."""
    roles = context.services.roles
    lang = context.lang
    user = update.effective_user
    if not await roles.may_invite(user.id, spec):
        await refuse(update, context, Action.INVITE, "scope", key="roles.invite_not_yours")
        return
    markup = None
    try:
        info, code = await roles.create_invite(
            spec, created_by=user.id, actor_label=user.full_name[:64], ttl=ttl, title=title
        )
    except UserFacingError as error:
        text = error.text(lang)
    else:
        text = t(
            lang,
            "roles.invite_created",
            role=role_label(lang, info.spec, info.scope_name),
            organisation=info.organisation or "-",
            until=when(context, info.expires_at),
            link=f"https://t.me/{context.bot.username}?start={INVITE_PREFIX}{code}",
            code=display_code(code),
        )
        if info.title:
            text += "\n" + t(lang, "roles.invite_title", title=info.title)
        markup = keyboard([[(t(lang, "roles.btn_cancel_invite"), CancelInvite(info.id))]])
    await say(update, text, edit=True, reply_markup=markup)


# --- /undangan: open invites -------------------------------------------------------------------


@guarded(Action.INVITE)
async def list_invites(update: Update, context: Ctx) -> None:
    """/undangan: the open invites (an admin sees all, an officer their own), to cancel."""
    lang = context.lang
    invites = await context.services.roles.open_invites(update.effective_user.id)
    if not invites:
        await say(update, t(lang, "roles.invites_none"))
        return
    names = await context.services.users.names([i.created_by for i in invites if i.created_by])
    shown = invites[:LIST_LIMIT]
    zone = zone_name(context.services.settings.timezone)
    lines = [t(lang, "roles.invites_header", count=len(invites), zone=zone)]
    lines += [_invite_line(context, info, names) for info in shown]
    if len(invites) > LIST_LIMIT:
        lines.append(t(lang, "roles.list_more", count=len(invites) - LIST_LIMIT))
    rows = [
        [(t(lang, "roles.btn_cancel_code", hint=info.code_hint), CancelInvite(info.id))]
        for info in shown
    ]
    await say(update, "\n".join(lines), reply_markup=keyboard(rows))


def _invite_line(context: Ctx, info: InviteInfo, names: dict[int, str]) -> str:
    lang = context.lang
    by = names.get(info.created_by or 0) or (str(info.created_by) if info.created_by else "CLI")
    return t(
        lang,
        "roles.invite_line",
        hint=info.code_hint,
        role=role_label(lang, info.spec, info.scope_name),
        by=by,
        until=when(context, info.expires_at, zone=False),
    )


@guarded(Action.INVITE)
async def cancel_invite(update: Update, context: Ctx) -> None:
    """The "cancel invite" button: an officer cancels their own, an admin any."""
    query = update.callback_query
    button = CancelInvite.parse(query.data)
    user = update.effective_user
    cancelled = button is not None and await context.services.roles.cancel_invite(
        button.invite_id, actor_id=user.id, actor_label=user.full_name[:64]
    )
    if not cancelled:
        await say(update, t(context.lang, "roles.invite_cancel_failed"), toast=True)
        return
    await query.answer()
    await edit_query_message(query, t(context.lang, "roles.invite_cancelled_ok"))


# --- opening an invite: /start inv_CODE and /kode CODE -----------------------------------------


async def open_deep_link(update: Update, context: Ctx) -> None:
    """/start inv_CODE (the invite link): show what is offered and ask to confirm."""
    await _offer(update, context, (context.args or [""])[0])


async def code_command(update: Update, context: Ctx) -> None:
    """/kode K7M2-Q9XD: the same, for a code read out or typed."""
    if not is_private(update):
        await say(update, t(context.lang, "roles.code_private"))
        return
    text = " ".join(context.args or [])
    if not text.strip():
        await say(update, t(context.lang, "roles.code_usage"))
        return
    await _offer(update, context, text)


async def _offer(update: Update, context: Ctx, code: str) -> None:
    roles = context.services.roles
    user_id = update.effective_user.id
    lang = context.lang
    if not roles.code_attempts_left(user_id):
        await say(update, t(lang, "roles.code_throttled"))
        return
    try:
        info = await roles.preview_invite(code)
    except UserFacingError as error:
        roles.wrong_code(user_id)
        await say(update, error.text(lang))
        return
    names = await context.services.users.names([info.created_by] if info.created_by else [])
    buttons = [
        (t(lang, "roles.btn_accept"), AcceptInvite(normalise_code(code) or "")),
        (t(lang, "roles.btn_decline"), DeclineInvite()),
    ]
    text = t(
        lang,
        "roles.invite_offer",
        role=role_label(lang, info.spec, info.scope_name),
        organisation=info.organisation or "-",
        by=names.get(info.created_by or 0, t(lang, "roles.by_admin")),
        until=when(context, info.expires_at),
    )
    if info.title:
        text += "\n\n" + t(lang, "roles.invite_title", title=info.title)
    await say(update, text, reply_markup=keyboard([buttons]))


async def accept_invite(update: Update, context: Ctx) -> None:
    """ "Terima": take the role; the inviter is told. The code travels in the button, so only
    someone who had the code can press it; the invite is checked again now."""
    query = update.callback_query
    user_id = update.effective_user.id
    roles = context.services.roles
    lang = context.lang
    button = AcceptInvite.parse(query.data)
    if button is None or not is_private(update):
        await say(update, t(lang, "button.expired"), toast=True)
        return
    if not roles.code_attempts_left(user_id):
        await say(update, t(lang, "roles.code_throttled"), toast=True)
        return
    await query.answer()
    try:
        redeemed = await roles.redeem_invite(button.code, user_id)
    except UserFacingError as error:
        roles.wrong_code(user_id)
        await edit_query_message(query, error.text(lang))
        return
    info = redeemed.invite
    text = t(
        lang,
        "roles.invite_accepted",
        role=role_label(lang, info.spec, info.scope_name),
        organisation=info.organisation or "-",
    )
    if await context.services.subscriptions.home(user_id) is None:
        # Someone who came in through the invite link skipped the onboarding.
        text += "\n\n" + t(lang, "roles.choose_home")
    await edit_query_message(query, text)
    await refresh_for(context, user_id)
    if redeemed.inviter_id is not None:
        inviter_lang = await context.services.users.language_of(redeemed.inviter_id)
        await notify(
            context,
            redeemed.inviter_id,
            "roles.inviter_told",
            name=info.title or update.effective_user.full_name,
            role=role_label(inviter_lang, info.spec, info.scope_name),
        )


async def decline_invite(update: Update, context: Ctx) -> None:
    """ "Tolak": nothing changes; the invite stays open until it expires."""
    await update.callback_query.answer()
    await edit_query_message(update.callback_query, t(context.lang, "roles.invite_declined"))


def handlers() -> list[BaseHandler]:
    """Opening an invite (link, code, its buttons), /undang and /undangan."""
    private = NEW_MESSAGE & filters.ChatType.PRIVATE
    typed = private & filters.TEXT & ~filters.COMMAND
    other = private & ~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL
    inviting = conversation(
        "invite",
        draft=DRAFT,
        entry_points=[command("undang", invite_command, rank=160)],
        states={
            ASK_ROLE: [CallbackQueryHandler(choose_role, pattern=NewInvite.pattern())],
            ASK_PLACE: [
                CallbackQueryHandler(chosen_polsek, pattern=ChoosePolsek.pattern()),
                CallbackQueryHandler(chosen_place, pattern=InvitePlace.pattern()),
                MessageHandler(typed, typed_place),
                MessageHandler(other, not_a_place),
            ],
            ASK_TITLE: [
                CallbackQueryHandler(skipped_title, pattern=SkipTitle.pattern()),
                MessageHandler(typed, typed_title),
                MessageHandler(other, not_a_title),
            ],
            ConversationHandler.TIMEOUT: [TypeHandler(Update, invite_timed_out)],
        },
        conversation_timeout=TIMEOUT_SECONDS,
    )
    deep_link = filters.Regex(rf"^/start(@\w+)?\s+{INVITE_PREFIX}")
    return [
        CommandHandler("start", open_deep_link, filters=private & deep_link),
        command("kode", code_command, rank=100),
        CallbackQueryHandler(accept_invite, pattern=AcceptInvite.pattern()),
        CallbackQueryHandler(decline_invite, pattern=DeclineInvite.pattern()),
        inviting,
        command("undangan", list_invites, rank=170),
        CallbackQueryHandler(cancel_invite, pattern=CancelInvite.pattern()),
    ]
