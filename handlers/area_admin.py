"""Admin tools for areas and the group links: /wilayah, /tambahdesa, /ubahnama, /tetangga,
/bukantetangga, /polsek (admins, in private), /hubungkan and /putuskan (a village group),
/piket (a Polsek's duty group).

Arguments are separated by ";" (names contain spaces): `/tetangga Kronto; Pancur`. An area is
given by name (typo-tolerant) or as `#id`; an unclear name gets the candidates with their ids.
Admins change areas; a group is linked by one of its administrators who also holds a verified
role covering the desa (handlers/guard.py, bot/services/authz.py).
"""

from __future__ import annotations

import html
from collections.abc import Awaitable
from collections.abc import Callable
from collections.abc import Iterable
from typing import Any
from typing import TypeVar

from telegram import Update
from telegram.ext import BaseHandler

from bot.commands import Where
from bot.errors import UserFacingError
from bot.ptb.context import Ctx
from bot.services.area_search import AreaEntry
from bot.services.areas import match_polsek
from bot.services.authz import Action
from bot.texts import t
from handlers.common import AreaButton
from handlers.common import ask_which_area
from handlers.common import say
from handlers.guard import allowed_at
from handlers.guard import guarded
from handlers.menus import command
from storage.models import AreaLevel

DESA = (AreaLevel.DESA,)
KECAMATAN = (AreaLevel.KECAMATAN,)
DESA_OR_KECAMATAN = (AreaLevel.DESA, AreaLevel.KECAMATAN)
ANY_LEVEL = tuple(AreaLevel)
# Areas offered as buttons when a typed name fits several.
MAX_CHOICES = 6
T = TypeVar("T")


# --- parsing --------------------------------------------------------------------


def arguments(context: Ctx) -> list[str]:
    """The command's arguments, split at ";"."""
    text = " ".join(context.args or [])
    return [part.strip() for part in text.split(";")] if text.strip() else []


async def find_area(
    update: Update,
    context: Ctx,
    text: str,
    levels: Iterable[AreaLevel],
    button: AreaButton | None = None,
) -> AreaEntry | None:
    """The one area `text` names; otherwise reply with the candidates (or "not found"): as
    one short question with a `button` each when the caller can take the answer, else as ids
    to type."""
    areas = context.services.areas
    resolution = areas.resolution(text, tuple(levels))
    found = resolution.entry or resolution.candidates
    if isinstance(found, AreaEntry):
        return found
    shown = " ".join(text.split())[:64] or "…"
    if not found:
        await say(update, t(context.lang, "areas.unknown", text=shown))
        return None
    if button is not None:
        # "Lumbang yang mana?" for areas of one name; near spellings are offered as such.
        question = None if resolution.same_name else t(context.lang, "areas.candidates", text=shown)
        entries = [match.entry for match in found[:MAX_CHOICES]]
        await ask_which_area(update, context, entries, button, question)
        return None
    lines = "\n".join(f"<code>#{m.entry.id}</code> {_escaped(areas.label(m.entry))}" for m in found)
    await say(
        update,
        t(context.lang, "areas.ambiguous", text=shown, example=found[0].entry.id) + "\n" + lines,
    )
    return None


def _escaped(text: str) -> str:
    return html.escape(text, quote=False)


async def _changed(
    update: Update, context: Ctx, fn: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any
) -> T | None:
    """Make an area change (a method of the areas service) as this admin; when it cannot be
    made, say why in their language."""
    try:
        return await fn(
            *args,
            actor_id=update.effective_user.id,
            actor_label=update.effective_user.full_name[:64],
            **kwargs,
        )
    except UserFacingError as error:
        await say(update, error.text(context.lang))
        return None


# --- admin commands (private) ---------------------------------------------------------------------


@guarded(Action.MANAGE_AREAS)
async def areas_overview(update: Update, context: Ctx) -> None:
    """/wilayah [name]: the kecamatan with their desa counts and Polsek, or one area in detail."""
    lang, areas = context.lang, context.services.areas
    if context.args:
        entry = await find_area(update, context, " ".join(context.args), ANY_LEVEL)
        if entry is not None:
            await say(update, await _area_details(context, entry))
        return
    kecamatan = areas.kecamatan_list()
    if not kecamatan:
        await say(update, t(lang, "areas.no_data"))
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
    await say(update, header + "\n" + "\n".join(lines))


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


@guarded(Action.MANAGE_AREAS)
async def add_desa(update: Update, context: Ctx) -> None:
    """/tambahdesa kecamatan; name[; postal code]: add a desa the data lacks."""
    args = arguments(context)
    if len(args) not in (2, 3) or not all(args):
        await say(update, t(context.lang, "areas.usage_add"))
        return
    postal = args[2] if len(args) == 3 else None
    if postal is not None and not (postal.isdigit() and len(postal) == 5):
        await say(update, t(context.lang, "areas.bad_postal"))
        return
    kecamatan = await find_area(update, context, args[0], KECAMATAN)
    if kecamatan is None:
        return
    area = await _changed(
        update, context, context.services.areas.add_desa, kecamatan.id, args[1], postal_code=postal
    )
    if area is not None:
        label = context.services.areas.label(context.services.areas.get(area.id))
        await say(update, t(context.lang, "areas.added", area=label, id=area.id))


@guarded(Action.MANAGE_AREAS)
async def rename(update: Update, context: Ctx) -> None:
    """/ubahnama area; new name."""
    args = arguments(context)
    if len(args) != 2 or not all(args):
        await say(update, t(context.lang, "areas.usage_rename"))
        return
    entry = await find_area(update, context, args[0], ANY_LEVEL)
    if entry is None:
        return
    area = await _changed(update, context, context.services.areas.rename_area, entry.id, args[1])
    if area is not None:
        await say(update, t(context.lang, "areas.renamed", old=entry.name, new=area.name))


@guarded(Action.MANAGE_AREAS)
async def add_neighbours(update: Update, context: Ctx) -> None:
    """/tetangga desa; desa: make two desa neighbours (also across kecamatan)."""
    await _neighbours(update, context, linked=True)


@guarded(Action.MANAGE_AREAS)
async def remove_neighbours(update: Update, context: Ctx) -> None:
    """/bukantetangga desa; desa: two desa are not neighbours."""
    await _neighbours(update, context, linked=False)


async def _neighbours(update: Update, context: Ctx, *, linked: bool) -> None:
    args = arguments(context)
    if len(args) != 2 or not all(args):
        key = "areas.usage_neighbours" if linked else "areas.usage_not_neighbours"
        await say(update, t(context.lang, key))
        return
    first = await find_area(update, context, args[0], DESA)
    second = first and await find_area(update, context, args[1], DESA)
    if first is None or second is None:
        return
    changed = await _changed(
        update, context, context.services.areas.set_neighbours, first.id, second.id, linked=linked
    )
    if changed is None:
        return
    key = (
        ("areas.neighbours_added" if linked else "areas.neighbours_removed")
        if changed
        else ("areas.neighbours_already" if linked else "areas.neighbours_not")
    )
    await say(update, t(context.lang, key, first=first.name, second=second.name))


@guarded(Action.MANAGE_AREAS)
async def polsek(update: Update, context: Ctx) -> None:
    """/polsek: the Polsek list; /polsek name; kecamatan[, kecamatan]: set its coverage."""
    lang = context.lang
    args = arguments(context)
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
        await say(
            update,
            "\n".join([t(lang, "areas.polsek_header"), *lines])
            if rows
            else t(lang, "areas.polsek_none"),
        )
        return
    names = [name.strip() for name in args[1].split(",")] if len(args) == 2 else []
    if len(args) != 2 or not args[0] or not all(names):
        await say(update, t(lang, "areas.usage_polsek"))
        return
    kecamatan = []
    for name in names:
        entry = await find_area(update, context, name, KECAMATAN)
        if entry is None:
            return
        kecamatan.append(entry)
    row = await _changed(
        update,
        context,
        context.services.areas.set_polsek_coverage,
        args[0],
        [entry.id for entry in kecamatan],
    )
    if row is not None:
        await say(
            update,
            t(
                lang,
                "areas.polsek_set",
                polsek=row.name,
                kecamatan=", ".join(entry.name for entry in kecamatan),
            ),
        )


# --- group commands -------------------------------------------------------------------------------


@guarded(Action.LINK_GROUP, Where.GROUP)
async def link_group(update: Update, context: Ctx) -> None:
    """/hubungkan desa: what is sent to that desa also goes to this group."""
    text = " ".join(context.args or [])
    if not text.strip():
        await say(update, t(context.lang, "group.usage"))
        return
    entry = await find_area(update, context, text, DESA_OR_KECAMATAN)
    if entry is None:
        return
    label = context.services.areas.label(entry)
    place = context.services.roles.place(area_id=entry.id)
    if not await allowed_at(update, context, Action.LINK_GROUP, place, label):
        return
    chat = update.effective_chat
    linked = await context.services.subscriptions.link_group(
        chat.id, entry.id, title=chat.title or "", actor_id=update.effective_user.id
    )
    key = "group.linked" if linked else "group.already"
    await say(update, t(context.lang, key, area=label))


@guarded(Action.LINK_GROUP, Where.GROUP)
async def unlink_group(update: Update, context: Ctx) -> None:
    """/putuskan: this group no longer receives what is sent to its areas."""
    areas = context.services.areas
    for entry in await context.services.subscriptions.group_areas(update.effective_chat.id):
        place = context.services.roles.place(area_id=entry.id)
        if not await allowed_at(update, context, Action.LINK_GROUP, place, areas.label(entry)):
            return
    removed = await context.services.subscriptions.unlink_group(
        update.effective_chat.id, actor_id=update.effective_user.id
    )
    if not removed:
        await say(update, t(context.lang, "group.not_linked"))
        return
    labels = ", ".join(areas.label(entry) for entry in removed)
    await say(update, t(context.lang, "group.unlinked", areas=labels))


@guarded(Action.SET_DUTY_CHAT, Where.GROUP)
async def duty_chat(update: Update, context: Ctx) -> None:
    """/piket Polsek name: this group becomes the Polsek's duty chat."""
    name = " ".join(context.args or []).strip()
    if not name:
        await say(update, t(context.lang, "duty.usage"))
        return
    polsek = match_polsek(await context.services.areas.polsek_list(), name)
    if polsek is None:
        shown = " ".join(name.split())[:64]
        await say(update, t(context.lang, "areas.polsek_unknown", name=shown))
        return
    # The scope is checked on the very Polsek that is changed.
    place = context.services.roles.place(polsek_id=polsek.id)
    if not await allowed_at(update, context, Action.SET_DUTY_CHAT, place, polsek.name):
        return
    row = await _changed(
        update, context, context.services.areas.set_duty_chat, polsek.name, update.effective_chat.id
    )
    if row is not None:
        await say(update, t(context.lang, "duty.set", polsek=row.name))


def handlers() -> list[BaseHandler]:
    """The admin and group commands of this module."""
    return [
        command("wilayah", areas_overview, rank=230),
        command("tambahdesa", add_desa, rank=240),
        command("ubahnama", rename, rank=250),
        command("tetangga", add_neighbours, rank=260),
        command("bukantetangga", remove_neighbours, rank=270),
        command("polsek", polsek, rank=280),
        command("hubungkan", link_group, rank=300),
        command("putuskan", unlink_group, rank=310),
        command("piket", duty_chat, rank=320),
    ]
