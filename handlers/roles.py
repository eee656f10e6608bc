"""Verified roles: invitations (/undang, /undangan, deep links and /kode), grants and revocations
by admins (/beriperan, /cabutperan), who holds what (/peran) and organisation names
(/organisasi).

Arguments are separated by ";": `/undang pemuda patroli koordinator; Kronto`,
`/beriperan @budi; polisi; Polsek Lumbang`. The bot never asks for NIK or any identity number:
trust comes from the invitation of someone already trusted.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.context import Ctx
from bot.delivery import Payload
from bot.services import roles as role_changes
from bot.services.area_search import compact_key
from bot.services.areas import match_polsek
from bot.services.authz import EVERYWHERE, Action, Holding, Scope
from bot.services.roles import (
    DEFAULT_INVITE_TTL,
    GRANTABLE,
    INVITE_PREFIX,
    POLSEK_SCOPE,
    ROLE_SCOPES,
    Assignment,
    GrantResult,
    InviteInfo,
    RoleError,
    RoleSpec,
)
from bot.texts import t
from handlers.area_admin import arguments, find_area
from handlers.common import NEW_MESSAGE, edit_query_message, is_private
from handlers.conversation import conversation
from handlers.guard import guarded, refuse
from handlers.menus import refresh_for
from storage.models import AreaLevel, Division, Role

ASK_ROLE, ASK_PLACE = "role", "place"
TIMEOUT_SECONDS = 15 * 60
# Lines of /peran and /undangan shown in the chat; the CLI lists everything.
LIST_LIMIT = 30

# Words people type for roles (Indonesian first; a few English ones for English users).
ROLE_WORDS = {
    "polisi": Role.POLISI,
    "police": Role.POLISI,
    "bhabinkamtibmas": Role.POLISI,
    "pemuda": Role.PEMUDA,
    "youth": Role.PEMUDA,
    "karangtaruna": Role.PEMUDA,
    "tokoh": Role.TOKOH,
    "mui": Role.MUI,
    "rois": Role.ROIS_SYURIAH,
    "roissyuriah": Role.ROIS_SYURIAH,
    "forkopimcam": Role.FORKOPIMCAM,
    "admin": Role.ADMIN,
}
DIVISION_WORDS = {"patroli": Division.PATROLI, "sosialisasi": Division.SOSIALISASI}
KOORDINATOR_WORDS = {"koordinator", "koord", "coordinator"}
FILLER_WORDS = {"masyarakat", "divisi"}
_TTL = re.compile(r"^(\d{1,3})\s*(jam|hari|h|d|hours?|days?)$", re.IGNORECASE)

_NEW = re.compile(r"^rl:n:([a-z_]{3,16})(?::(patroli|sosialisasi)(?::(k))?)?$")
_POLSEK = re.compile(r"^rl:p:(\d{1,9})$")
_CANCEL_INVITE = re.compile(r"^rl:x:(\d{1,9})$")
_ACCEPT = re.compile(r"^rl:a:([A-Z0-9]{8})$")
_DECLINE = re.compile(r"^rl:d$")
_REVOKE = re.compile(r"^rl:v:(\d{1,9})$")


# --- parsing and rendering ---------------------------------------------------------------------


def parse_role(text: str) -> RoleSpec | None:
    """ "pemuda patroli koordinator" -> RoleSpec(PEMUDA, division=PATROLI, koordinator=True)."""
    role: Role | None = None
    division: Division | None = None
    koordinator = False
    words = [compact_key(word) for word in text.replace("_", " ").split()]
    joined: list[str] = []
    for word in words:  # two-word names: "rois syuriah", "karang taruna"
        if joined and joined[-1] + word in ROLE_WORDS:
            joined[-1] += word
        else:
            joined.append(word)
    for word in joined:
        if word in ROLE_WORDS and role is None:
            role = ROLE_WORDS[word]
        elif word in DIVISION_WORDS and division is None:
            division = DIVISION_WORDS[word]
        elif word in KOORDINATOR_WORDS:
            koordinator = True
        elif word not in FILLER_WORDS:
            return None
    if role is None:
        return None
    return RoleSpec(role, EVERYWHERE, division, koordinator)


def parse_ttl(text: str) -> dt.timedelta | None:
    """ "24 jam", "7 hari" -> a timedelta."""
    match = _TTL.match(text.strip())
    if not match:
        return None
    amount = int(match.group(1))
    unit = match.group(2).lower()
    return (
        dt.timedelta(hours=amount)
        if unit in ("jam", "h", "hour", "hours")
        else dt.timedelta(days=amount)
    )


def role_name(lang: str, role: Role, division: Division | None, koordinator: bool) -> str:
    """ "Pemuda (Patroli, koordinator)", "Polisi"."""
    name = t(lang, f"role.{role.value}")
    extras = [t(lang, f"division.{division.value}")] if division else []
    if koordinator:
        extras.append(t(lang, "role.koordinator"))
    return f"{name} ({', '.join(extras)})" if extras else name


def describe(lang: str, spec: RoleSpec | Holding, scope_name: str) -> str:
    """ "Polisi · Polsek Lumbang", as plain text (escaped by t())."""
    name = role_name(lang, spec.role, spec.division, spec.koordinator)
    return f"{name} · {scope_name}" if scope_name else name


def _escaped(text: str) -> str:
    return html.escape(text, quote=False)


def _when(context: Ctx, moment: dt.datetime) -> str:
    return moment.astimezone(context.services.settings.timezone).strftime("%d-%m-%Y %H:%M")


async def _scope(update: Update, context: Ctx, role: Role, text: str) -> Scope | None:
    """The scope `text` names for `role` (a Polsek or an area of an allowed level); otherwise
    reply why not and return None."""
    allowed_scopes = ROLE_SCOPES.get(role, ())
    if role is Role.ADMIN:
        return EVERYWHERE
    if POLSEK_SCOPE in allowed_scopes:
        polsek = match_polsek(await context.services.areas.polsek_list(), text)
        if polsek is not None:
            return Scope(polsek_id=polsek.id)
    levels = [level for level in allowed_scopes if isinstance(level, AreaLevel)]
    entry = await find_area(update, context, text, levels)
    return Scope(area_id=entry.id) if entry is not None else None


async def _fail(update: Update, context: Ctx, error: RoleError) -> None:
    text = t(context.lang, error.key, **error.values)
    if update.callback_query is not None:
        await update.callback_query.answer()
        await edit_query_message(update.callback_query, text)
    else:
        await update.effective_message.reply_text(text)


async def _notify(context: Ctx, user_id: int, key: str, **values: object) -> None:
    """A message to another person, through the delivery engine (it copes with blocked chats)."""
    lang = await context.services.users.language_of(user_id)
    await context.services.delivery.send_direct(
        user_id, Payload.message(t(lang, key, **values)), kind="roles"
    )


def _actor(update: Update) -> dict[str, object]:
    user = update.effective_user
    return {"actor_id": user.id, "actor_label": user.full_name[:64]}


# --- /undang: create an invite -----------------------------------------------------------------


@guarded(Action.INVITE)
async def invite_command(update: Update, context: Ctx) -> str | int:
    """/undang: with "role; place[; validity]" make the invite now, otherwise ask."""
    lang = context.lang
    args = arguments(context)
    if not args:
        holdings = await context.services.roles.holdings(update.effective_user.id)
        await update.effective_message.reply_text(
            t(lang, "roles.invite_pick_role"), reply_markup=_role_keyboard(lang, holdings)
        )
        return ASK_ROLE
    spec = parse_role(args[0])
    ttl = parse_ttl(args[2]) if len(args) == 3 else DEFAULT_INVITE_TTL
    needs_place = spec is not None and spec.role is not Role.ADMIN
    if spec is None or len(args) > 3 or ttl is None or (len(args) < 2 and needs_place):
        await update.effective_message.reply_text(t(lang, "roles.invite_usage"))
        return ConversationHandler.END
    scope = await _scope(update, context, spec.role, args[1] if len(args) > 1 else "")
    if scope is not None:
        await _create_invite(update, context, _with_scope(spec, scope), ttl)
    return ConversationHandler.END


def _with_scope(spec: RoleSpec, scope: Scope) -> RoleSpec:
    return RoleSpec(spec.role, scope, spec.division, spec.koordinator)


def _role_keyboard(lang: str, holdings: list[Holding]) -> InlineKeyboardMarkup:
    """The roles this person may invite to, pemuda by division."""
    admin = any(h.role is Role.ADMIN for h in holdings)
    rows = []
    for role in GRANTABLE:
        if role is Role.ADMIN and not admin:
            continue
        if role is Role.PEMUDA:
            for division in Division:
                for koordinator in (False, True):
                    data = f"rl:n:pemuda:{division.value}" + (":k" if koordinator else "")
                    label = role_name(lang, role, division, koordinator)
                    rows.append([InlineKeyboardButton(label, callback_data=data)])
            continue
        rows.append(
            [InlineKeyboardButton(role_name(lang, role, None, False), callback_data=f"rl:n:{role}")]
        )
    return InlineKeyboardMarkup(rows)


@guarded(Action.INVITE)
async def choose_role(update: Update, context: Ctx) -> str | int:
    """A role button: remember it and ask where (Polsek buttons for a police officer)."""
    query = update.callback_query
    match = _NEW.match(query.data or "")
    role = Role(match.group(1)) if match and match.group(1) in set(Role) else None
    if role is None or role not in GRANTABLE:
        await query.answer(t(context.lang, "button.expired"), show_alert=True)
        return ConversationHandler.END
    division = Division(match.group(2)) if match.group(2) else None
    spec = RoleSpec(role, EVERYWHERE, division, bool(match.group(3)))
    await query.answer()
    if role is Role.ADMIN:
        await _create_invite(update, context, spec, DEFAULT_INVITE_TTL)
        return ConversationHandler.END
    # Plain JSON: conversation drafts are persisted (bot/persistence.py).
    context.user_data["invite_spec"] = _spec_draft(spec)
    lang = context.lang
    label = role_name(lang, spec.role, spec.division, spec.koordinator)
    keyboard = None
    if POLSEK_SCOPE in ROLE_SCOPES[role]:
        rows = [
            [InlineKeyboardButton(p.name, callback_data=f"rl:p:{p.id}")]
            for p in await context.services.areas.polsek_list()
        ]
        keyboard = InlineKeyboardMarkup(rows) if rows else None
    await edit_query_message(
        query,
        t(lang, f"roles.invite_ask_place_{'polisi' if keyboard else 'area'}", role=label),
        reply_markup=keyboard,
    )
    return ASK_PLACE


@guarded(Action.INVITE)
async def typed_place(update: Update, context: Ctx) -> str | int:
    """The place typed for the chosen role."""
    spec = _spec_from_draft(context.user_data.get("invite_spec"))
    if spec is None:
        return ConversationHandler.END
    scope = await _scope(update, context, spec.role, update.effective_message.text or "")
    if scope is None:
        return ASK_PLACE  # the candidates were shown; the next message tries again
    context.user_data.pop("invite_spec", None)
    await _create_invite(update, context, _with_scope(spec, scope), DEFAULT_INVITE_TTL)
    return ConversationHandler.END


@guarded(Action.INVITE)
async def chosen_polsek(update: Update, context: Ctx) -> str | int:
    """A Polsek button for a police officer's invite."""
    query = update.callback_query
    spec = _spec_from_draft(context.user_data.pop("invite_spec", None))
    match = _POLSEK.match(query.data or "")
    if spec is None or match is None:
        await query.answer(t(context.lang, "button.expired"), show_alert=True)
        return ConversationHandler.END
    await query.answer()
    scope = Scope(polsek_id=int(match.group(1)))
    await _create_invite(update, context, _with_scope(spec, scope), DEFAULT_INVITE_TTL)
    return ConversationHandler.END


def _spec_draft(spec: RoleSpec) -> dict[str, object]:
    """The role chosen so far (its place is asked next), as stored between steps."""
    return {
        "role": spec.role.value,
        "division": spec.division.value if spec.division else None,
        "koordinator": spec.koordinator,
    }


def _spec_from_draft(draft: object) -> RoleSpec | None:
    """Back from `_spec_draft`; None for anything else (a draft from an older version)."""
    if not isinstance(draft, dict) or draft.get("role") not in set(Role):
        return None
    division = draft.get("division")
    return RoleSpec(
        Role(draft["role"]),
        EVERYWHERE,
        Division(division) if division in set(Division) else None,
        bool(draft.get("koordinator")),
    )


async def not_a_place(update: Update, context: Ctx) -> str:
    """A sticker or voice note where a place name was expected."""
    await update.effective_message.reply_text(t(context.lang, "roles.invite_type_place"))
    return ASK_PLACE


async def invite_timed_out(update: Update, context: Ctx) -> None:
    """The question lapsed: say so, so a later message is not taken for a place."""
    context.user_data.pop("invite_spec", None)
    if update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, t(context.lang, "roles.timeout"))


async def _create_invite(update: Update, context: Ctx, spec: RoleSpec, ttl: dt.timedelta) -> None:
    """Check the inviter may invite to this role there, create it and show the link."""
    roles = context.services.roles
    lang = context.lang
    if not await roles.may_invite(update.effective_user.id, spec):
        await refuse(update, context, Action.INVITE, "scope", key="roles.invite_not_yours")
        return
    try:
        info, code = await roles.run(
            role_changes.create_invite,
            spec,
            created_by=update.effective_user.id,
            actor_label=update.effective_user.full_name[:64],
            ttl=ttl,
        )
    except RoleError as exc:
        await _fail(update, context, exc)
        return
    link = f"https://t.me/{context.bot.username}?start={INVITE_PREFIX}{code}"
    text = t(
        lang,
        "roles.invite_created",
        role=describe(lang, info.spec, info.scope_name),
        organisation=info.organisation or "-",
        until=_when(context, info.expires_at),
        link=link,
        code=role_changes.display_code(code),
    )
    cancel = InlineKeyboardButton(
        t(lang, "roles.btn_cancel_invite"), callback_data=f"rl:x:{info.id}"
    )
    keyboard = InlineKeyboardMarkup([[cancel]])
    message = update.effective_message
    if update.callback_query is not None:
        await edit_query_message(update.callback_query, text, reply_markup=keyboard)
    else:
        await message.reply_text(text, reply_markup=keyboard)


# --- /undangan: open invites -------------------------------------------------------------------


@guarded(Action.INVITE)
async def list_invites(update: Update, context: Ctx) -> None:
    """/undangan: the open invites (an admin sees all, an officer their own), to cancel."""
    user_id = update.effective_user.id
    lang = context.lang
    admin = await context.services.roles.is_admin(user_id)
    invites = await context.services.roles.open_invites(None if admin else user_id)
    if not invites:
        await update.effective_message.reply_text(t(lang, "roles.invites_none"))
        return
    names = await context.services.users.names([i.created_by for i in invites if i.created_by])
    lines = [t(lang, "roles.invites_header", count=len(invites))]
    rows = []
    for info in invites[:LIST_LIMIT]:
        lines.append(_invite_line(context, info, names))
        rows.append(
            [
                InlineKeyboardButton(
                    t(lang, "roles.btn_cancel_code", hint=info.code_hint),
                    callback_data=f"rl:x:{info.id}",
                )
            ]
        )
    if len(invites) > LIST_LIMIT:
        lines.append(t(lang, "roles.list_more", count=len(invites) - LIST_LIMIT))
    await update.effective_message.reply_text(
        "\n".join(lines), reply_markup=InlineKeyboardMarkup(rows[:LIST_LIMIT])
    )


def _invite_line(context: Ctx, info: InviteInfo, names: dict[int, str]) -> str:
    lang = context.lang
    by = names.get(info.created_by or 0) or (str(info.created_by) if info.created_by else "CLI")
    return t(
        lang,
        "roles.invite_line",
        hint=info.code_hint,
        role=describe(lang, info.spec, info.scope_name),
        by=by,
        until=_when(context, info.expires_at),
    )


@guarded(Action.INVITE)
async def cancel_invite(update: Update, context: Ctx) -> None:
    """The "cancel invite" button: an officer cancels their own, an admin any."""
    query = update.callback_query
    match = _CANCEL_INVITE.match(query.data or "")
    user_id = update.effective_user.id
    admin = await context.services.roles.is_admin(user_id)
    cancelled = match is not None and await context.services.roles.run(
        role_changes.cancel_invite,
        int(match.group(1)),
        only_by=None if admin else user_id,
        **_actor(update),
    )
    if not cancelled:
        await query.answer(t(context.lang, "roles.invite_cancel_failed"), show_alert=True)
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
        await update.effective_message.reply_text(t(context.lang, "roles.code_private"))
        return
    text = " ".join(context.args or [])
    if not text.strip():
        await update.effective_message.reply_text(t(context.lang, "roles.code_usage"))
        return
    await _offer(update, context, text)


async def _offer(update: Update, context: Ctx, code: str) -> None:
    roles = context.services.roles
    user_id = update.effective_user.id
    lang = context.lang
    if not roles.code_attempts_left(user_id):
        await update.effective_message.reply_text(t(lang, "roles.code_throttled"))
        return
    try:
        info = await roles.preview_invite(code)
    except RoleError as exc:
        roles.wrong_code(user_id)
        await _fail(update, context, exc)
        return
    names = await context.services.users.names([info.created_by] if info.created_by else [])
    normalised = role_changes.normalise_code(code) or ""
    accept = InlineKeyboardButton(t(lang, "roles.btn_accept"), callback_data=f"rl:a:{normalised}")
    decline = InlineKeyboardButton(t(lang, "roles.btn_decline"), callback_data="rl:d")
    keyboard = InlineKeyboardMarkup([[accept, decline]])
    await update.effective_message.reply_text(
        t(
            lang,
            "roles.invite_offer",
            role=describe(lang, info.spec, info.scope_name),
            organisation=info.organisation or "-",
            by=names.get(info.created_by or 0, t(lang, "roles.by_admin")),
            until=_when(context, info.expires_at),
        ),
        reply_markup=keyboard,
    )


async def accept_invite(update: Update, context: Ctx) -> None:
    """ "Terima": take the role; the inviter is told. The code travels in the button, so only
    someone who had the code can press it; the invite is checked again now."""
    query = update.callback_query
    user_id = update.effective_user.id
    roles = context.services.roles
    lang = context.lang
    match = _ACCEPT.match(query.data or "")
    if match is None or not is_private(update):
        await query.answer(t(lang, "button.expired"), show_alert=True)
        return
    if not roles.code_attempts_left(user_id):
        await query.answer(t(lang, "roles.code_throttled"), show_alert=True)
        return
    try:
        redeemed = await roles.redeem_invite(match.group(1), user_id)
    except RoleError as exc:
        roles.wrong_code(user_id)
        await _fail(update, context, exc)
        return
    info = redeemed.invite
    text = t(
        lang,
        "roles.invite_accepted",
        role=describe(lang, info.spec, info.scope_name),
        organisation=info.organisation or "-",
    )
    if await context.services.subscriptions.home(user_id) is None:
        # Someone who came in through the invite link skipped the onboarding.
        text += "\n\n" + t(lang, "roles.choose_home")
    await query.answer()
    await edit_query_message(query, text)
    await refresh_for(context, user_id)
    if redeemed.inviter_id is not None:
        inviter_lang = await context.services.users.language_of(redeemed.inviter_id)
        await _notify(
            context,
            redeemed.inviter_id,
            "roles.inviter_told",
            name=update.effective_user.full_name,
            role=describe(inviter_lang, info.spec, info.scope_name),
        )


async def decline_invite(update: Update, context: Ctx) -> None:
    """ "Tolak": nothing changes; the invite stays open until it expires."""
    await update.callback_query.answer()
    await edit_query_message(update.callback_query, t(context.lang, "roles.invite_declined"))


# --- /beriperan, /cabutperan, /peran -----------------------------------------------------------


async def _target(update: Update, context: Ctx, text: str) -> int | None:
    user_id = await context.services.users.find(text)
    if user_id is None:
        await update.effective_message.reply_text(
            t(context.lang, "roles.unknown_user", text=" ".join(text.split())[:64] or "…")
        )
    return user_id


@guarded(Action.MANAGE_ROLES)
async def grant_command(update: Update, context: Ctx) -> None:
    """/beriperan person; role; place: give a role directly (an admin vouches for the person)."""
    lang = context.lang
    args = arguments(context)
    spec = parse_role(args[1]) if len(args) >= 2 else None
    if spec is None or len(args) > 3 or (len(args) == 2 and spec.role is not Role.ADMIN):
        await update.effective_message.reply_text(t(lang, "roles.grant_usage"))
        return
    user_id = await _target(update, context, args[0])
    if user_id is None:
        return
    scope = await _scope(update, context, spec.role, args[2] if len(args) == 3 else "")
    if scope is None:
        return
    spec = _with_scope(spec, scope)
    try:
        result = await context.services.roles.run(
            role_changes.grant, user_id, spec, via="command", **_actor(update)
        )
    except RoleError as exc:
        await _fail(update, context, exc)
        return
    where = await context.services.roles.run(role_changes.scope_name, scope)
    label = describe(lang, spec, where)
    names = await context.services.users.names([user_id])
    who = names.get(user_id, str(user_id))
    await update.effective_message.reply_text(
        t(lang, f"roles.grant_{result.value}", who=who, role=label)
    )
    if result is not GrantResult.UNCHANGED:
        await refresh_for(context, user_id)
        their = await context.services.users.language_of(user_id)
        await _notify(context, user_id, "roles.granted_you", role=describe(their, spec, where))


@guarded(Action.MANAGE_ROLES)
async def revoke_command(update: Update, context: Ctx) -> None:
    """/cabutperan person[; role; place]: take a role away, or list theirs as buttons."""
    lang = context.lang
    args = arguments(context)
    if not args or len(args) > 3:
        await update.effective_message.reply_text(t(lang, "roles.revoke_usage"))
        return
    user_id = await _target(update, context, args[0])
    if user_id is None:
        return
    held = await context.services.roles.assignments_of(user_id)
    names = await context.services.users.names([user_id])
    who = names.get(user_id, str(user_id))
    if len(args) == 1:
        if not held:
            await update.effective_message.reply_text(t(lang, "roles.user_has_none", who=who))
            return
        rows = [
            [
                InlineKeyboardButton(
                    t(lang, "roles.btn_revoke", role=describe(lang, a.holding, a.scope_name))[:64],
                    callback_data=f"rl:v:{a.id}",
                )
            ]
            for a in held
        ]
        await update.effective_message.reply_text(
            t(lang, "roles.revoke_pick", who=who), reply_markup=InlineKeyboardMarkup(rows)
        )
        return
    spec = parse_role(args[1])
    scope = (
        await _scope(update, context, spec.role, args[2] if len(args) == 3 else "")
        if spec is not None
        else None
    )
    if spec is None or scope is None:
        if spec is None:
            await update.effective_message.reply_text(t(lang, "roles.revoke_usage"))
        return
    match = [a for a in held if a.holding.role is spec.role and a.holding.scope == scope]
    if not match:
        await update.effective_message.reply_text(t(lang, "roles.revoke_not_held", who=who))
        return
    await _revoke(update, context, match[0].id)


@guarded(Action.MANAGE_ROLES)
async def revoke_button(update: Update, context: Ctx) -> None:
    """A "revoke" button under /cabutperan (checked again: the presser must still be admin)."""
    query = update.callback_query
    match = _REVOKE.match(query.data or "")
    if match is None:
        await query.answer(t(context.lang, "button.expired"), show_alert=True)
        return
    await query.answer()
    await _revoke(update, context, int(match.group(1)))


async def _revoke(update: Update, context: Ctx, assignment_id: int) -> None:
    lang = context.lang
    revoked: Assignment | None = await context.services.roles.run(
        role_changes.revoke_assignment, assignment_id, **_actor(update)
    )
    if revoked is None:
        await _say(update, context, t(lang, "roles.revoke_gone"))
        return
    names = await context.services.users.names([revoked.user_id])
    who = names.get(revoked.user_id, str(revoked.user_id))
    label = describe(lang, revoked.holding, revoked.scope_name)
    await _say(update, context, t(lang, "roles.revoked", who=who, role=label))
    await refresh_for(context, revoked.user_id)
    their = await context.services.users.language_of(revoked.user_id)
    await _notify(
        context,
        revoked.user_id,
        "roles.revoked_you",
        role=describe(their, revoked.holding, revoked.scope_name),
    )


async def _say(update: Update, context: Ctx, text: str) -> None:
    if update.callback_query is not None:
        await edit_query_message(update.callback_query, text)
    else:
        await update.effective_message.reply_text(text)


@guarded(Action.MANAGE_ROLES)
async def list_roles(update: Update, context: Ctx) -> None:
    """/peran [@person | place]: who holds which role where."""
    lang = context.lang
    text = " ".join(context.args or []).strip()
    roles = context.services.roles
    if text.startswith("@") or text.isdigit():
        user_id = await _target(update, context, text)
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
        await update.effective_message.reply_text(t(lang, "roles.list_none"))
        return
    names = await context.services.users.names(sorted({a.user_id for a in found}))
    lines = [t(lang, "roles.list_header", count=len(found))]
    for a in found[:LIST_LIMIT]:
        lines.append(
            t(
                lang,
                "roles.list_line",
                who=names.get(a.user_id, str(a.user_id)),
                id=a.user_id,
                role=describe(lang, a.holding, a.scope_name),
            )
        )
    if len(found) > LIST_LIMIT:
        lines.append(t(lang, "roles.list_more", count=len(found) - LIST_LIMIT))
    await update.effective_message.reply_text("\n".join(lines))


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
            await update.effective_message.reply_text(t(lang, "roles.orgs_none"))
            return
        lines = [t(lang, "roles.orgs_header")]
        for org in rows[:LIST_LIMIT]:
            approval = t(lang, f"roles.org_approval_{'yes' if org.needs_approval else 'no'}")
            lines.append(t(lang, "roles.org_line", id=org.id, name=org.name, approval=approval))
        await update.effective_message.reply_text("\n".join(lines))
        return
    if len(args) != 2 or not args[0].removeprefix("#").isdigit() or not args[1]:
        await update.effective_message.reply_text(t(lang, "roles.orgs_usage"))
        return
    organisation_id = int(args[0].removeprefix("#"))
    setting = args[1].split()
    try:
        if len(setting) == 2 and compact_key(setting[0]) == "persetujuan":
            answer = compact_key(setting[1])
            if answer not in ("ya", "tidak"):
                await update.effective_message.reply_text(t(lang, "roles.orgs_usage"))
                return
            org = await roles.run(
                role_changes.set_approval, organisation_id, answer == "ya", **_actor(update)
            )
            key = f"roles.org_approval_set_{'yes' if org.needs_approval else 'no'}"
            await update.effective_message.reply_text(t(lang, key, name=org.name))
            return
        org = await roles.run(
            role_changes.rename_organisation, organisation_id, args[1], **_actor(update)
        )
    except RoleError as exc:
        await _fail(update, context, exc)
        return
    await update.effective_message.reply_text(t(lang, "roles.org_renamed", name=org.name))


def handlers() -> list[BaseHandler]:
    """The invite conversation, the invite links and codes, and the admin role commands.

    They go before the areas module: `/start inv_...` must not start the onboarding."""
    private = NEW_MESSAGE & filters.ChatType.PRIVATE
    typed = private & filters.TEXT & ~filters.COMMAND
    other = private & ~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL
    inviting = conversation(
        "invite",
        draft="invite_spec",
        entry_points=[CommandHandler("undang", invite_command, filters=NEW_MESSAGE)],
        states={
            ASK_ROLE: [CallbackQueryHandler(choose_role, pattern=_NEW)],
            ASK_PLACE: [
                CallbackQueryHandler(chosen_polsek, pattern=_POLSEK),
                MessageHandler(typed, typed_place),
                MessageHandler(other, not_a_place),
            ],
            ConversationHandler.TIMEOUT: [TypeHandler(Update, invite_timed_out)],
        },
        conversation_timeout=TIMEOUT_SECONDS,
    )
    deep_link = filters.Regex(rf"^/start(@\w+)?\s+{INVITE_PREFIX}")
    return [
        CommandHandler("start", open_deep_link, filters=private & deep_link),
        CommandHandler("kode", code_command, filters=NEW_MESSAGE),
        CallbackQueryHandler(accept_invite, pattern=_ACCEPT),
        CallbackQueryHandler(decline_invite, pattern=_DECLINE),
        inviting,
        CommandHandler("undangan", list_invites, filters=NEW_MESSAGE),
        CallbackQueryHandler(cancel_invite, pattern=_CANCEL_INVITE),
        CommandHandler("beriperan", grant_command, filters=NEW_MESSAGE),
        CommandHandler("cabutperan", revoke_command, filters=NEW_MESSAGE),
        CallbackQueryHandler(revoke_button, pattern=_REVOKE),
        CommandHandler("peran", list_roles, filters=NEW_MESSAGE),
        CommandHandler("organisasi", organisations, filters=NEW_MESSAGE),
    ]
