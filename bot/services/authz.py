"""Who may do what, where: the one policy every privileged command and button is checked
against (handlers/guard.py applies it to Telegram updates).

A person's roles are `Holding`s, each in a scope: everywhere (admins), an area (a desa, a
kecamatan or a kabupaten, and everything inside it) or a Polsek (every area it covers). An
action is allowed when one of the person's holdings matches a rule of that action and its scope
covers the place the action concerns.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from storage.models import AreaLevel
from storage.models import Division
from storage.models import Role


class Action(enum.StrEnum):
    """Privileged things a person can do with the bot."""

    MANAGE_AREAS = "manage_areas"  # /wilayah, /tambahdesa, /ubahnama, /tetangga, /polsek
    LINK_GROUP = "link_group"  # /hubungkan, /putuskan
    SET_DUTY_CHAT = "set_duty_chat"  # /piket
    VIEW_DELIVERIES = "view_deliveries"  # /pengiriman (admins: all; others: their own)
    MANAGE_ROLES = "manage_roles"  # /beriperan, /cabutperan, /peran, /organisasi
    INVITE = "invite"  # /undang, /undangan
    VIEW_AUDIT = "view_audit"  # /audit
    HANDLE_REPORT = "handle_report"  # the duty chat's buttons on a report
    VIEW_REPORTS = "view_reports"  # /statistik, /eksporlaporan
    COMPOSE_ADVISORY = "compose_advisory"  # /imbauan, /imbauanku, update and cancel buttons
    APPROVE_ADVISORY = "approve_advisory"  # Setujui / Tolak in the Polsek duty chat
    MANAGE_PATROLS = "manage_patrols"  # /aturronda, /statistikronda, editing a desa's shifts
    CALL_SIAGA = "call_siaga"  # /siaga: a muster call, its tally buttons
    POST_SITUATION_NOTE = "post_situation_note"  # /kondisi catat, 🗑 withdrawing a desa's note
    MANAGE_EDUCATION = "manage_education"  # /edukasi: the library's items, education series
    RUN_TRAINING = "run_training"  # /latihan: a practice-reporting session
    USE_DASHBOARD = "use_dashboard"  # /dasbor: the Polsek dashboard on the web (bot/web)


@dataclass(frozen=True)
class Rule:
    """A role that allows an action; optionally only its koordinator, or only when the role is
    held for a whole Polsek (not for one desa, as a Bhabinkamtibmas holds it)."""

    role: Role
    koordinator: bool = False
    polsek_scope: bool = False
    # Only holders of this division (pemuda).
    division: Division | None = None


# Who may speak to residents through the bot (an advisory, and following its delivery).
SPEAKERS = (
    Rule(Role.ADMIN),
    Rule(Role.POLISI),
    Rule(Role.MUI),
    Rule(Role.ROIS_SYURIAH),
    Rule(Role.FORKOPIMCAM),
    Rule(Role.TOKOH),
    Rule(Role.PEMUDA, koordinator=True),
    Rule(Role.PEMUDA, division=Division.SOSIALISASI),
)

POLICY: dict[Action, tuple[Rule, ...]] = {
    Action.MANAGE_AREAS: (Rule(Role.ADMIN),),
    Action.LINK_GROUP: (
        Rule(Role.ADMIN),
        Rule(Role.POLISI),
        Rule(Role.TOKOH),
        Rule(Role.PEMUDA, koordinator=True),
    ),
    Action.SET_DUTY_CHAT: (Rule(Role.ADMIN), Rule(Role.POLISI, polsek_scope=True)),
    # Admins see every delivery; whoever may send an advisory sees the ones they started (the
    # author's "Rincian: /pengiriman 12"), handlers/delivery.py narrows it.
    Action.VIEW_DELIVERIES: SPEAKERS,
    Action.MANAGE_ROLES: (Rule(Role.ADMIN),),
    # Officers invite for their own Polsek's areas; only admins invite admins (see can_invite).
    Action.INVITE: (Rule(Role.ADMIN), Rule(Role.POLISI, polsek_scope=True)),
    Action.VIEW_AUDIT: (Rule(Role.ADMIN),),
    # Officers of the Polsek (or the desa's Bhabinkamtibmas) handle the reports of their areas.
    Action.HANDLE_REPORT: (Rule(Role.ADMIN), Rule(Role.POLISI)),
    Action.VIEW_REPORTS: (Rule(Role.ADMIN), Rule(Role.POLISI)),
    # Each speaks only within the scope of the role they speak as (handlers/advisories.py).
    Action.COMPOSE_ADVISORY: SPEAKERS,
    # Officers of the approving Polsek (not a desa's Bhabinkamtibmas alone), and admins.
    Action.APPROVE_ADVISORY: (Rule(Role.ADMIN), Rule(Role.POLISI, polsek_scope=True)),
    # The ronda's koordinator: a pemuda koordinator or an officer whose role covers the desa.
    Action.MANAGE_PATROLS: (
        Rule(Role.ADMIN),
        Rule(Role.POLISI),
        Rule(Role.PEMUDA, koordinator=True),
    ),
    # A muster call: officers of the Polsek (for its kecamatan), a pemuda koordinator (for their
    # desa or kecamatan), admins; the place is checked once the caller chose it.
    Action.CALL_SIAGA: (
        Rule(Role.ADMIN),
        Rule(Role.POLISI, polsek_scope=True),
        Rule(Role.PEMUDA, koordinator=True),
    ),
    # A desa's situation note (kondisi wilayah): an officer or a pemuda koordinator covering the
    # desa, admins; the desa is checked once known (bot/services/kondisi).
    Action.POST_SITUATION_NOTE: (
        Rule(Role.ADMIN),
        Rule(Role.POLISI),
        Rule(Role.PEMUDA, koordinator=True),
    ),
    # Practice reporting: any officer (a Polsek's or a desa's Bhabinkamtibmas), a pemuda
    # koordinator, admins; the desa is checked once the trainer chose it.
    Action.RUN_TRAINING: (
        Rule(Role.ADMIN),
        Rule(Role.POLISI),
        Rule(Role.PEMUDA, koordinator=True),
    ),
    # Sosialisasi: the Polsek's officers, the Karang Taruna's Divisi Sosialisasi and tokoh keep
    # the education library and plan series (each series inside the scope of their role).
    Action.MANAGE_EDUCATION: (
        Rule(Role.ADMIN),
        Rule(Role.POLISI, polsek_scope=True),
        Rule(Role.PEMUDA, division=Division.SOSIALISASI),
        Rule(Role.TOKOH),
    ),
    # The Polsek dashboard (issue 23): officers, admins and pemuda koordinators; each page then
    # checks its own action and scope (a koordinator sees Ronda, not the reports).
    Action.USE_DASHBOARD: (
        Rule(Role.ADMIN),
        Rule(Role.POLISI),
        Rule(Role.PEMUDA, koordinator=True),
    ),
}


@dataclass(frozen=True)
class Scope:
    """Where a role holds: everywhere (both None), an area, or a Polsek."""

    area_id: int | None = None
    polsek_id: int | None = None

    @property
    def key(self) -> str:
        """The stored form: "", "area:<id>" or "polsek:<id>"."""
        if self.area_id is not None:
            return f"area:{self.area_id}"
        if self.polsek_id is not None:
            return f"polsek:{self.polsek_id}"
        return ""

    @property
    def everywhere(self) -> bool:
        """Whether this scope is the whole deployment."""
        return self.area_id is None and self.polsek_id is None


EVERYWHERE = Scope()


@dataclass(frozen=True)
class Place:
    """What an action concerns, with what is needed to decide coverage: an area with its
    kecamatan, kabupaten and Polsek, or a Polsek alone."""

    area_id: int | None = None
    level: AreaLevel | None = None
    kecamatan_id: int | None = None
    kabupaten_id: int | None = None
    polsek_id: int | None = None

    def within(self) -> set[int]:
        """The area ids a scope may name to cover this place: itself and its ancestors."""
        return {i for i in (self.area_id, self.kecamatan_id, self.kabupaten_id) if i is not None}


@dataclass(frozen=True)
class Holding:
    """One role a person holds, as the policy sees it."""

    role: Role
    scope: Scope = EVERYWHERE
    division: Division | None = None
    koordinator: bool = False
    # The role_assignments row; None for an admin from ADMIN_IDS in the configuration.
    assignment_id: int | None = None
    organisation_id: int | None = None
    organisation: str | None = None


def covers(holding: Holding, place: Place) -> bool:
    """Whether the holding's scope includes the place."""
    scope = holding.scope
    if scope.everywhere:
        return True
    if scope.area_id is not None:
        return scope.area_id in place.within()
    return place.polsek_id is not None and place.polsek_id == scope.polsek_id


def matches(holding: Holding, rule: Rule) -> bool:
    """Whether the holding is what the rule asks for (ignoring where)."""
    if holding.role is not rule.role:
        return False
    if rule.koordinator and not holding.koordinator:
        return False
    if rule.division is not None and holding.division is not rule.division:
        return False
    return not (rule.polsek_scope and holding.scope.polsek_id is None)


def allowed(holdings: Iterable[Holding], action: Action, place: Place | None = None) -> bool:
    """Whether someone with `holdings` may do `action` at `place` (None: anywhere at all; the
    handler then checks the place once it knows it)."""
    rules = POLICY[action]
    return any(
        matches(holding, rule) and (place is None or covers(holding, place))
        for holding in holdings
        for rule in rules
    )


def can_invite(holdings: Iterable[Holding], role: Role, place: Place | None) -> bool:
    """Whether someone may invite (or, the same, have invited) a person to `role` at `place`."""
    holdings = list(holdings)
    if role is Role.ADMIN:
        return any(h.role is Role.ADMIN for h in holdings)
    if place is None:
        return any(h.role is Role.ADMIN for h in holdings)
    return allowed(holdings, Action.INVITE, place)
