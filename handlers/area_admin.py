"""Admin tools for areas and the group links: /wilayah, /tambahdesa, /ubahnama, /tetangga,
/bukantetangga, /polsek (admins, in private), /hubungkan and /putuskan (a village group),
/piket (a Polsek's duty group).

Arguments are separated by ";" (names contain spaces): `/tetangga Kronto; Pancur`. An area is
given by name (typo-tolerant) or as `#id`; an unclear name gets the candidates with their ids.
Until the roles issue lands, a bot admin is who may change areas and link groups.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.ext import BaseHandler, CommandHandler

from bot.context import Ctx
from bot.services import areas as area_changes
from bot.services.area_search import AreaEntry
from bot.services.areas import AreaError
from bot.texts import t
from handlers.common import NEW_MESSAGE, is_private
from storage.models import AreaLevel

DESA = (AreaLevel.DESA,)
KECAMATAN = (AreaLevel.KECAMATAN,)
DESA_OR_KECAMATAN = (AreaLevel.DESA, AreaLevel.KECAMATAN)
ANY_LEVEL = tuple(AreaLevel)
GROUP_TYPES = (ChatType.GROUP, ChatType.SUPERGROUP)
T = TypeVar("T")


# --- authorisation and parsing --------------------------------------------------------------------


async def _admin_in_private(update: Update, context: Ctx) -> bool:
    """Whether the sender is a bot admin in a private chat; otherwise say why not."""
    message = update.effective_message
    if not await context.services.roles.is_admin(update.effective_user.id):
        await message.reply_text(t(context.lang, "admin.only"))
        return False
    if not is_private(update):
        await message.reply_text(t(context.lang, "areas.private_only"))
        return False
    return True


async def _group_admin(update: Update, context: Ctx) -> bool:
    """Whether the sender, in a group, is its admin and a bot admin; otherwise say why not."""
    message = update.effective_message
    if update.effective_chat.type not in GROUP_TYPES:
        await message.reply_text(t(context.lang, "group.group_only"))
        return False
    user_id = update.effective_user.id
    member = await context.bot.get_chat_member(update.effective_chat.id, user_id)
    group_admin = member.status in (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)
    if not group_admin or not await context.services.roles.is_admin(user_id):
        await message.reply_text(t(context.lang, "group.not_allowed"))
        return False
    return True


def _arguments(context: Ctx) -> list[str]:
    """The command's arguments, split at ";"."""
    text = " ".join(context.args or [])
    return [part.strip() for part in text.split(";")] if text.strip() else []


async def _area(
    update: Update, context: Ctx, text: str, levels: Iterable[AreaLevel]
) -> AreaEntry | None:
    """The one area `text` names; otherwise reply with the candidates (or "not found")."""
    areas = context.services.areas
    found = areas.resolve(text, tuple(levels))
    if isinstance(found, AreaEntry):
        return found
    shown = " ".join(text.split())[:64] or "…"
    if not found:
        await update.effective_message.reply_text(t(context.lang, "areas.unknown", text=shown))
        return None
    lines = "\n".join(f"<code>#{m.entry.id}</code> {_escaped(areas.label(m.entry))}" for m in found)
    await update.effective_message.reply_text(
        t(context.lang, "areas.ambiguous", text=shown, example=found[0].entry.id) + "\n" + lines
    )
    return None


def _escaped(text: str) -> str:
    return html.escape(text, quote=False)


async def _changed(
    update: Update, context: Ctx, fn: Callable[..., T], *args: Any, **kwargs: Any
) -> T | None:
    """Run an area change as this admin; on AreaError, say why in their language."""
    try:
        return await context.services.areas.change(
            fn,
            *args,
            actor_id=update.effective_user.id,
            actor_label=update.effective_user.full_name[:64],
            **kwargs,
        )
    except AreaError as exc:
        await update.effective_message.reply_text(t(context.lang, exc.key, **exc.values))
        return None


# --- admin commands (private) ---------------------------------------------------------------------


async def areas_overview(update: Update, context: Ctx) -> None:
    """/wilayah [name]: the kecamatan with their desa counts and Polsek, or one area in detail."""
    if not await _admin_in_private(update, context):
        return
    lang, areas = context.lang, context.services.areas
    if context.args:
        entry = await _area(update, context, " ".join(context.args), ANY_LEVEL)
        if entry is not None:
            await update.effective_message.reply_text(await _area_details(context, entry))
        return
    kecamatan = areas.kecamatan_list()
    if not kecamatan:
        await update.effective_message.reply_text(t(lang, "areas.no_data"))
        return
    lines = []
    for entry in kecamatan:
        polsek = await areas.polsek_for(entry.id)
        lines.append(
            t(
                lang,
                "areas.admin_kecamatan_line",
                id=entry.id,
                name=entry.name,
                count=len(areas.desa_list(entry.id)),
                polsek=polsek.name if polsek else t(lang, "areas.no_polsek"),
            )
        )
    kabupaten = areas.default_kabupaten
    header = t(lang, "areas.admin_overview", kabupaten=kabupaten.name if kabupaten else "-")
    await update.effective_message.reply_text(header + "\n" + "\n".join(lines))


async def _area_details(context: Ctx, entry: AreaEntry) -> str:
    lang, areas = context.lang, context.services.areas
    polsek = await areas.polsek_for(entry.id)
    text = t(
        lang,
        "areas.admin_details",
        id=entry.id,
        level=entry.level.value,
        area=areas.label(entry),
        polsek=polsek.name if polsek else t(lang, "areas.no_polsek"),
        duty=polsek.duty_chat_id if polsek and polsek.duty_chat_id else "-",
    )
    if entry.level == AreaLevel.DESA:
        names = ", ".join(n.name for n in await areas.neighbours(entry.id))
        text += "\n" + t(lang, "areas.admin_neighbours", names=names or "-")
    elif entry.level == AreaLevel.KECAMATAN:
        names = ", ".join(d.name for d in areas.desa_list(entry.id))
        text += "\n" + t(lang, "areas.admin_desa", names=names or "-")
    return text


async def add_desa(update: Update, context: Ctx) -> None:
    """/tambahdesa kecamatan; name[; postal code]: add a desa the data lacks."""
    if not await _admin_in_private(update, context):
        return
    args = _arguments(context)
    if len(args) not in (2, 3) or not all(args):
        await update.effective_message.reply_text(t(context.lang, "areas.usage_add"))
        return
    postal = args[2] if len(args) == 3 else None
    if postal is not None and not (postal.isdigit() and len(postal) == 5):
        await update.effective_message.reply_text(t(context.lang, "areas.bad_postal"))
        return
    kecamatan = await _area(update, context, args[0], KECAMATAN)
    if kecamatan is None:
        return
    area = await _changed(
        update, context, area_changes.add_desa, kecamatan.id, args[1], postal_code=postal
    )
    if area is not None:
        label = context.services.areas.label(context.services.areas.get(area.id))
        await update.effective_message.reply_text(
            t(context.lang, "areas.added", area=label, id=area.id)
        )


async def rename(update: Update, context: Ctx) -> None:
    """/ubahnama area; new name."""
    if not await _admin_in_private(update, context):
        return
    args = _arguments(context)
    if len(args) != 2 or not all(args):
        await update.effective_message.reply_text(t(context.lang, "areas.usage_rename"))
        return
    entry = await _area(update, context, args[0], ANY_LEVEL)
    if entry is None:
        return
    area = await _changed(update, context, area_changes.rename_area, entry.id, args[1])
    if area is not None:
        await update.effective_message.reply_text(
            t(context.lang, "areas.renamed", old=entry.name, new=area.name)
        )


async def add_neighbours(update: Update, context: Ctx) -> None:
    """/tetangga desa; desa: make two desa neighbours (also across kecamatan)."""
    await _neighbours(update, context, linked=True)


async def remove_neighbours(update: Update, context: Ctx) -> None:
    """/bukantetangga desa; desa: two desa are not neighbours."""
    await _neighbours(update, context, linked=False)


async def _neighbours(update: Update, context: Ctx, *, linked: bool) -> None:
    if not await _admin_in_private(update, context):
        return
    args = _arguments(context)
    if len(args) != 2 or not all(args):
        key = "areas.usage_neighbours" if linked else "areas.usage_not_neighbours"
        await update.effective_message.reply_text(t(context.lang, key))
        return
    first = await _area(update, context, args[0], DESA)
    second = first and await _area(update, context, args[1], DESA)
    if first is None or second is None:
        return
    changed = await _changed(
        update, context, area_changes.set_neighbours, first.id, second.id, linked=linked
    )
    if changed is None:
        return
    key = (
        ("areas.neighbours_added" if linked else "areas.neighbours_removed")
        if changed
        else ("areas.neighbours_already" if linked else "areas.neighbours_not")
    )
    await update.effective_message.reply_text(
        t(context.lang, key, first=first.name, second=second.name)
    )


async def polsek(update: Update, context: Ctx) -> None:
    """/polsek: the Polsek list; /polsek name; kecamatan[, kecamatan]: set its coverage."""
    if not await _admin_in_private(update, context):
        return
    lang = context.lang
    args = _arguments(context)
    if not args:
        rows = await context.services.areas.polsek_list()
        lines = [
            t(
                lang,
                "areas.polsek_line",
                name=row.name,
                duty=row.duty_chat_id or t(lang, "areas.no_duty_chat"),
            )
            for row in rows
        ]
        await update.effective_message.reply_text(
            "\n".join([t(lang, "areas.polsek_header"), *lines])
            if rows
            else t(lang, "areas.polsek_none")
        )
        return
    names = [name.strip() for name in args[1].split(",")] if len(args) == 2 else []
    if len(args) != 2 or not args[0] or not all(names):
        await update.effective_message.reply_text(t(lang, "areas.usage_polsek"))
        return
    kecamatan = []
    for name in names:
        entry = await _area(update, context, name, KECAMATAN)
        if entry is None:
            return
        kecamatan.append(entry)
    row = await _changed(
        update,
        context,
        area_changes.set_polsek_coverage,
        args[0],
        [entry.id for entry in kecamatan],
    )
    if row is not None:
        await update.effective_message.reply_text(
            t(
                lang,
                "areas.polsek_set",
                polsek=row.name,
                kecamatan=", ".join(entry.name for entry in kecamatan),
            )
        )


# --- group commands -------------------------------------------------------------------------------


async def link_group(update: Update, context: Ctx) -> None:
    """/hubungkan desa: what is sent to that desa also goes to this group."""
    if not await _group_admin(update, context):
        return
    text = " ".join(context.args or [])
    if not text.strip():
        await update.effective_message.reply_text(t(context.lang, "group.usage"))
        return
    entry = await _area(update, context, text, DESA_OR_KECAMATAN)
    if entry is None:
        return
    chat = update.effective_chat
    linked = await context.services.subscriptions.link_group(
        chat.id, entry.id, title=chat.title or "", actor_id=update.effective_user.id
    )
    label = context.services.areas.label(entry)
    key = "group.linked" if linked else "group.already"
    await update.effective_message.reply_text(t(context.lang, key, area=label))


async def unlink_group(update: Update, context: Ctx) -> None:
    """/putuskan: this group no longer receives what is sent to its areas."""
    if not await _group_admin(update, context):
        return
    removed = await context.services.subscriptions.unlink_group(
        update.effective_chat.id, actor_id=update.effective_user.id
    )
    areas = context.services.areas
    if not removed:
        await update.effective_message.reply_text(t(context.lang, "group.not_linked"))
        return
    labels = ", ".join(areas.label(entry) for entry in removed)
    await update.effective_message.reply_text(t(context.lang, "group.unlinked", areas=labels))


async def duty_chat(update: Update, context: Ctx) -> None:
    """/piket Polsek name: this group becomes the Polsek's duty chat."""
    if not await _group_admin(update, context):
        return
    name = " ".join(context.args or []).strip()
    if not name:
        await update.effective_message.reply_text(t(context.lang, "duty.usage"))
        return
    row = await _changed(
        update, context, area_changes.set_duty_chat, name, update.effective_chat.id
    )
    if row is not None:
        await update.effective_message.reply_text(t(context.lang, "duty.set", polsek=row.name))


def handlers() -> list[BaseHandler]:
    """The admin and group commands of this module."""
    commands = {
        "wilayah": areas_overview,
        "tambahdesa": add_desa,
        "ubahnama": rename,
        "tetangga": add_neighbours,
        "bukantetangga": remove_neighbours,
        "polsek": polsek,
        "hubungkan": link_group,
        "putuskan": unlink_group,
        "piket": duty_chat,
    }
    return [CommandHandler(name, fn, filters=NEW_MESSAGE) for name, fn in commands.items()]
