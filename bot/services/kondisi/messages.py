"""The texts of kondisi wilayah: a desa's picture (/kondisi and the digest), and the digests
of several desa (a kecamatan's koordinator or group, the Polsek's duty chat), split only past
Telegram's limit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bot.services.kondisi.picture import light
from bot.services.kondisi.types import Light
from bot.services.kondisi.types import Picture
from bot.texts import TEXT_LIMIT
from bot.texts import t
from bot.texts import visible_length
from bot.texts.when import format_when
from storage.models import AdvisoryLevel
from storage.models import ReportCategory
from storage.models import ReportStatus

ICONS = {Light.GREEN: "🟢", Light.YELLOW: "🟡", Light.RED: "🔴"}
_LEVELS = (AdvisoryLevel.DARURAT, AdvisoryLevel.WASPADA, AdvisoryLevel.INFO)


def _join(parts: Sequence[str]) -> str:
    return ", ".join(parts)


def body(lang: str, picture: Picture, name: str, tz: dt.tzinfo, now: dt.datetime) -> str:
    """The desa's own lines; one line when nothing happened in the window (its notes in force
    under it: a note is not an event, and the quiet line says no event was recorded)."""
    notes = [
        t(
            lang,
            "kondisi.note",
            text=note.text,
            until=format_when(note.expires_at, lang, tz, now=now),
        )
        for note in picture.notes
    ]
    if picture.quiet:
        return "\n".join([t(lang, "kondisi.quiet", desa=name), *notes])
    colour, reason, values = light(picture)
    lines = [
        t(lang, "kondisi.title", desa=name),
        t(
            lang,
            "kondisi.light",
            icon=ICONS[colour],
            state=t(lang, f"kondisi.state_{colour.value}"),
            why=t(lang, reason, **values),
        ),
    ]
    if picture.reports:
        categories = [
            f"{t(lang, f'reports.cat.{c.value}')} {picture.by_category[c.value]}"
            for c in ReportCategory
            if picture.by_category.get(c.value)
        ]
        statuses = [
            f"{picture.by_status[s.value]} {t(lang, f'kondisi.st_{s.value}')}"
            for s in ReportStatus
            if picture.by_status.get(s.value)
        ]
        lines.append(
            t(
                lang,
                "kondisi.reports",
                count=picture.reports,
                categories=_join(categories),
                statuses=_join(statuses),
            )
        )
    if picture.advisories:
        levels = [
            f"{t(lang, f'kondisi.level_{level.value}')} {picture.advisories[level.value]}"
            for level in _LEVELS
            if picture.advisories.get(level.value)
        ]
        total = sum(picture.advisories.values())
        lines.append(t(lang, "kondisi.advisories", count=total, levels=_join(levels)))
    if picture.held or picture.missed:
        lines.append(t(lang, "kondisi.ronda", held=picture.held, missed=picture.missed))
    if picture.alerts:
        lines.append(
            t(lang, "kondisi.alerts", count=picture.alerts, answered=picture.alerts_answered)
        )
    return "\n".join([*lines, *notes])


def neighbour_lines(lang: str, neighbours: Sequence[tuple[str, Picture]]) -> str:
    """One line per neighbouring desa: its colour and why (and its note, if any)."""
    if not neighbours:
        return ""
    lines = [t(lang, "kondisi.neighbours")]
    for name, picture in neighbours:
        colour, reason, values = light(picture)
        if colour is Light.GREEN:
            lines.append(t(lang, "kondisi.neighbour_green", icon=ICONS[colour], desa=name))
        else:
            why = t(lang, reason, **values)
            lines.append(t(lang, "kondisi.neighbour", icon=ICONS[colour], desa=name, why=why))
        lines.extend(t(lang, "kondisi.neighbour_note", text=note.text) for note in picture.notes)
    return "\n".join(lines)


def picture_text(
    lang: str,
    picture: Picture,
    name: str,
    neighbours: Sequence[tuple[str, Picture]],
    tz: dt.tzinfo,
    now: dt.datetime,
) -> str:
    """/kondisi: the desa, then its neighbours."""
    parts = [body(lang, picture, name, tz, now), neighbour_lines(lang, neighbours)]
    return "\n\n".join(p for p in parts if p)


def digest_text(
    lang: str,
    picture: Picture,
    name: str,
    neighbours: Sequence[tuple[str, Picture]],
    tz: dt.tzinfo,
    now: dt.datetime,
) -> list[str]:
    """A chat's weekly digest of one desa (a koordinator of one desa, a group linked to it):
    the desa, then its neighbours; one message unless past Telegram's limit."""
    blocks = [body(lang, picture, name, tz, now), neighbour_lines(lang, neighbours)]
    return pack(t(lang, "kondisi.digest_head"), blocks)


def area_digest(
    lang: str,
    area: str,
    desa: Sequence[tuple[str, Picture]],
    neighbours: Sequence[tuple[str, Picture]],
    tz: dt.tzinfo,
    now: dt.datetime,
) -> list[str]:
    """A chat's weekly digest of several desa (a kecamatan's koordinator, a group linked to a
    kecamatan): each desa a few lines (a quiet one a single line) in the order given, then one
    line for each neighbouring desa outside them; split only past Telegram's limit."""
    blocks = [body(lang, picture, name, tz, now) for name, picture in desa]
    blocks.append(neighbour_lines(lang, neighbours))
    return pack(t(lang, "kondisi.digest_area", area=area), blocks)


def polsek_digest(
    lang: str,
    polsek: str,
    desa: Sequence[tuple[str, Picture]],
    tz: dt.tzinfo,
    now: dt.datetime,
) -> list[str]:
    """The Polsek duty chat's digest: every desa of it, as few messages as the limit allows."""
    head = t(lang, "kondisi.digest_polsek", polsek=polsek)
    return pack(head, [body(lang, picture, name, tz, now) for name, picture in desa])


def pack(head: str, blocks: Sequence[str]) -> list[str]:
    """The head and the blocks (a blank line between), in as few messages of at most
    TEXT_LIMIT characters as they fit; a block is cut between its lines only when it alone is
    longer than a message. Empty blocks are left out."""
    pieces: list[str] = []
    for block in blocks:
        if not block:
            continue
        if visible_length(block) <= TEXT_LIMIT:
            pieces.append(block)
            continue
        current = ""
        for line in block.split("\n"):
            candidate = f"{current}\n{line}" if current else line
            if current and visible_length(candidate) > TEXT_LIMIT:
                pieces.append(current)
                current = line
            else:
                current = candidate
        pieces.append(current)
    messages: list[str] = []
    current = head
    for piece in pieces:
        candidate = f"{current}\n\n{piece}" if current else piece
        if current and visible_length(candidate) > TEXT_LIMIT:
            messages.append(current)
            current = piece
        else:
            current = candidate
    if current:
        messages.append(current)
    return messages
