"""Who speaks and to whom: the roles someone may issue advisories as, the areas and role groups
they may target (at most `MAX_TARGETS`), how targets read, and the chats they reach."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import replace

from sqlmodel import Session

from bot.services.advisories.parts import Part
from bot.services.advisories.types import MAX_TARGETS
from bot.services.advisories.types import ROLE_GROUPS
from bot.services.advisories.types import AdvisoryError
from bot.services.advisories.types import Audience
from bot.services.advisories.types import OutOfScope
from bot.services.advisories.types import Speaker
from bot.services.advisories.types import Target
from bot.services.advisories.types import style
from bot.services.area_search import AreaEntry
from bot.services.authz import Action
from bot.services.authz import Scope
from bot.services.authz import allowed
from bot.services.roles import assignments
from bot.texts import t
from storage import advisories as q
from storage.models import AdvisoryLevel
from storage.models import AreaLevel
from storage.models import Role


class Targets(Part):
    """Speakers, target areas and recipients of advisories."""

    # --- who speaks ------------------------------------------------------------------------------

    async def speakers(self, user_id: int) -> list[Speaker]:
        """The roles `user_id` may issue advisories as, one per organisation."""
        holdings = [
            h for h in await self._roles.holdings(user_id) if allowed([h], Action.COMPOSE_ADVISORY)
        ]

        def read(session: Session) -> list[Speaker]:
            found: dict[object, Speaker] = {}
            for holding in holdings:
                organisation = q.organisation(session, organisation_id=holding.organisation_id)
                if holding.role is not Role.ADMIN and organisation is None:
                    continue
                key = organisation.id if organisation else "admin"
                if key in found:
                    continue
                found[key] = Speaker(
                    key=holding.assignment_id or 0,
                    holding=holding,
                    source=organisation.name
                    if organisation
                    else t(self._messages.language, "adv.admin_source"),
                    organisation_id=organisation.id if organisation else None,
                    needs_approval=bool(organisation.needs_approval) if organisation else False,
                )
            return list(found.values())

        return await self._db.run(read)

    async def speaker(self, user_id: int, key: int) -> Speaker | None:
        """The speaker `key` of `user_id`, if they still hold that role."""
        return next((s for s in await self.speakers(user_id) if s.key == key), None)

    async def with_source(self, speaker: Speaker, organisation_id: int) -> Speaker:
        """The speaker showing another organisation as the source (an education item's): it
        needs approval when either the speaker or that organisation does."""
        organisation = await self._db.run(q.organisation, organisation_id=organisation_id)
        if organisation is None:
            return speaker
        return replace(
            speaker,
            source=organisation.name,
            organisation_id=organisation.id,
            needs_approval=speaker.needs_approval or bool(organisation.needs_approval),
        )

    # --- where -----------------------------------------------------------------------------------

    def covers(self, speaker: Speaker, area_id: int) -> bool:
        """Whether the speaker's role includes the area."""
        return allowed(
            [speaker.holding], Action.COMPOSE_ADVISORY, self._roles.place(area_id=area_id)
        )

    def add(self, speaker: Speaker, chosen: Sequence[Target], target: Target) -> list[Target]:
        """`chosen` with `target` added (once): refused if the area is gone, (`OutOfScope`)
        outside the speaker's role, and (`adv.too_many_targets`) beyond `MAX_TARGETS`."""
        if self._areas.get(target.area_id) is None:
            raise AdvisoryError("button.expired")  # an area removed since the button was sent
        if not self.covers(speaker, target.area_id):
            raise OutOfScope("adv.out_of_scope", what=self.label([target]))
        if target in chosen:
            return list(chosen)
        if len(chosen) >= MAX_TARGETS:
            raise AdvisoryError("adv.too_many_targets", limit=MAX_TARGETS)
        return [*chosen, target]

    def check(self, speaker: Speaker, targets: Sequence[Target]) -> None:
        """Refuse targets that must not be sent to: none, too many, or one outside the
        speaker's role."""
        if not targets:
            raise AdvisoryError("adv.no_target")
        if len(targets) > MAX_TARGETS:
            raise AdvisoryError("adv.too_many_targets", limit=MAX_TARGETS)
        for target in targets:
            if not self.covers(speaker, target.area_id):
                raise OutOfScope("adv.out_of_scope", what=self.label([target]))

    def scope_areas(self, speaker: Speaker) -> list[AreaEntry]:
        """The areas offered as buttons: the role's own area, or each kecamatan of its Polsek,
        or (admins) the default kabupaten."""
        scope: Scope = speaker.holding.scope
        if scope.everywhere:
            kabupaten = self._areas.default_kabupaten
            return [kabupaten] if kabupaten else []
        if scope.polsek_id is not None:
            return [
                entry
                for kecamatan_id, polsek_id in sorted(self._areas.kecamatan_polsek.items())
                if polsek_id == scope.polsek_id and (entry := self._areas.get(kecamatan_id))
            ]
        entry = self._areas.get(scope.area_id or 0)
        return [entry] if entry else []

    def area_name(self, entry: AreaEntry) -> str:
        """ "Kronto (Kec. Lumbang)", "Kec. Lumbang", "Kabupaten Pasuruan"."""
        return self._areas.label(entry, with_parent=entry.level == AreaLevel.DESA)

    def label(self, targets: Iterable[Target], lang: str | None = None) -> str:
        """How the targets read: "Kronto (Kec. Lumbang), Pemuda patroli · Kec. Lumbang"."""
        lang = lang or self._messages.language
        names = []
        for target in targets:
            entry = self._areas.get(target.area_id)
            label = self.area_name(entry) if entry else f"#{target.area_id}"
            names.append(
                t(lang, f"adv.group_{target.group}", area=label) if target.group else label
            )
        return ", ".join(names)

    # --- who hears it ----------------------------------------------------------------------------

    async def audience(
        self, targets: Iterable[Target], level: AdvisoryLevel, organisation_id: int | None
    ) -> Audience:
        """Subscribers and linked groups of the target areas, plus the members of targeted role
        groups, each chat once; people who muted the organisation's Info advisories are left
        out of an Info advisory (never of Waspada or Darurat)."""
        targets = list(targets)
        area_ids = [x.area_id for x in targets if x.group is None]
        people: set[int] = set()
        groups: set[int] = set()
        if area_ids:
            people, groups = await self._subscriptions.audience(area_ids)
        role_targets = [x for x in targets if x.group is not None]

        def read(session: Session) -> tuple[set[int], set[int]]:
            members: set[int] = set()
            for target in role_targets:
                role, division = ROLE_GROUPS[target.group or ""]
                for assignment in assignments(
                    session, role=role, scope=Scope(area_id=target.area_id)
                ):
                    if division is None or assignment.holding.division is division:
                        members.add(assignment.user_id)
            muted: set[int] = set()
            if style(level).mutable and organisation_id is not None:
                muted = q.muted_users(
                    session, organisation_id=organisation_id, user_ids=people | members
                )
            return members, muted

        members, muted = await self._db.run(read)
        return Audience(frozenset((people | members) - muted), frozenset(groups))
