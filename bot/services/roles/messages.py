"""Roles in people's words: role words typed in commands, validities ("24 jam"), and the
names and buttons of roles in the bot's texts."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from bot.services.area_search import compact_key
from bot.services.authz import EVERYWHERE
from bot.services.authz import Holding
from bot.services.roles.callbacks import NewInvite
from bot.services.roles.types import GRANTABLE
from bot.services.roles.types import RoleSpec
from bot.texts import t
from storage.models import Division
from storage.models import Role

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


def role_label(lang: str, spec: RoleSpec | Holding, scope_name: str) -> str:
    """ "Polisi · Polsek Lumbang", as plain text (escaped by t())."""
    name = role_name(lang, spec.role, spec.division, spec.koordinator)
    return f"{name} · {scope_name}" if scope_name else name


def invite_choices(lang: str, holdings: Sequence[Holding]) -> list[list[tuple[str, NewInvite]]]:
    """The roles this person may invite to, one button a row, pemuda by division."""
    admin = any(h.role is Role.ADMIN for h in holdings)
    specs = []
    for role in GRANTABLE:
        if role is Role.ADMIN and not admin:
            continue
        if role is Role.PEMUDA:
            specs += [
                RoleSpec(role, division=division, koordinator=koordinator)
                for division in Division
                for koordinator in (False, True)
            ]
        else:
            specs.append(RoleSpec(role))
    return [[(role_name(lang, s.role, s.division, s.koordinator), NewInvite.of(s))] for s in specs]
