"""Roles on a fresh database: the policy's scope rules, validation, organisations, invites
(one-time even when redeemed twice at once) and the command menus after a restart."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from sqlmodel import select

from bot.config import Settings
from bot.services import roles as r
from bot.services.areas import changes as area_changes
from bot.services.authz import Action
from bot.services.authz import Holding
from bot.services.authz import Place
from bot.services.authz import Scope
from bot.services.authz import allowed
from bot.services.authz import can_invite
from bot.services.authz import covers
from bot.services.roles import grants
from bot.services.roles import invitations
from storage import roles as role_queries
from storage.db import Database
from storage.models import Area
from storage.models import AreaLevel
from storage.models import AuditEntry
from storage.models import Division
from storage.models import Invite
from storage.models import Role
from storage.models import RoleAssignment
from storage.models import utcnow
from tests.harness import BotHarness
from tests.harness import FakeTelegram
from tests.helpers import World
from tests.helpers import desa
from tests.helpers import kecamatan
from tests.helpers import wait_until

DESA = Place(area_id=10, level=AreaLevel.DESA, kecamatan_id=2, kabupaten_id=1, polsek_id=7)
OTHER_DESA = Place(area_id=20, level=AreaLevel.DESA, kecamatan_id=3, kabupaten_id=1, polsek_id=8)


def test_scopes_cover_what_lies_inside_them() -> None:
    assert covers(Holding(Role.ADMIN), DESA)
    assert covers(Holding(Role.TOKOH, Scope(area_id=10)), DESA)  # the desa itself
    assert covers(Holding(Role.MUI, Scope(area_id=2)), DESA)  # its kecamatan
    assert covers(Holding(Role.MUI, Scope(area_id=1)), DESA)  # its kabupaten
    assert covers(Holding(Role.POLISI, Scope(polsek_id=7)), DESA)  # its Polsek
    assert not covers(Holding(Role.TOKOH, Scope(area_id=10)), OTHER_DESA)
    assert not covers(Holding(Role.POLISI, Scope(polsek_id=7)), OTHER_DESA)
    assert not covers(Holding(Role.TOKOH, Scope(area_id=2)), Place(polsek_id=7))


def test_the_policy_checks_role_koordinator_polsek_scope_and_place() -> None:
    member = Holding(Role.PEMUDA, Scope(area_id=10), Division.PATROLI)
    koordinator = Holding(Role.PEMUDA, Scope(area_id=10), Division.PATROLI, koordinator=True)
    bhabin = Holding(Role.POLISI, Scope(area_id=10))
    officer = Holding(Role.POLISI, Scope(polsek_id=7))
    assert not allowed([member], Action.LINK_GROUP)
    assert allowed([koordinator], Action.LINK_GROUP, DESA)
    assert not allowed([koordinator], Action.LINK_GROUP, OTHER_DESA)
    assert allowed([bhabin], Action.LINK_GROUP, DESA)
    assert not allowed([bhabin], Action.INVITE)  # invites go through a Polsek officer
    assert allowed([officer], Action.INVITE, DESA) and not allowed(
        [officer], Action.INVITE, OTHER_DESA
    )
    assert not allowed([officer], Action.MANAGE_ROLES)
    assert all(allowed([Holding(Role.ADMIN)], action, OTHER_DESA) for action in Action)
    assert not any(allowed([], action) for action in Action)
    # Only admins invite admins; officers invite inside their Polsek.
    assert not can_invite([officer], Role.ADMIN, None)
    assert can_invite([Holding(Role.ADMIN)], Role.ADMIN, None)
    assert can_invite([officer], Role.TOKOH, DESA)
    assert not can_invite([officer], Role.TOKOH, OTHER_DESA)


@pytest.mark.parametrize(
    "text",
    ["pemuda patroli koordinator", "Pemuda  Patroli  KOORD", "karang taruna patroli koordinator"],
)
def test_role_words_are_parsed(text: str) -> None:
    from bot.services.roles.messages import parse_role

    spec = parse_role(text)
    assert spec is not None
    assert (spec.role, spec.division, spec.koordinator) == (Role.PEMUDA, Division.PATROLI, True)


def test_other_role_words() -> None:
    from bot.services.roles.messages import parse_role
    from bot.services.roles.messages import parse_ttl

    assert parse_role("rois syuriah").role is Role.ROIS_SYURIAH
    assert parse_role("bhabinkamtibmas").role is Role.POLISI
    assert parse_role("kapten") is None
    assert parse_role("polisi jahat") is None
    assert parse_ttl("24 jam") == dt.timedelta(hours=24)
    assert parse_ttl("7 hari") == dt.timedelta(days=7)
    assert parse_ttl("selamanya") is None


def test_codes_are_normalised_and_hashed() -> None:
    code = invitations.new_code()
    assert len(code) == 8 and set(code) <= set(invitations.CODE_ALPHABET)
    assert invitations.normalise_code(f"inv_{code}") == code
    assert invitations.normalise_code(invitations.display_code(code).lower()) == code
    assert invitations.normalise_code("ABCD-EFG0") is None  # 0 is not in the alphabet
    assert invitations.code_hash(code) != code and len(invitations.code_hash(code)) == 64


def ids(db: Database) -> dict[str, int]:
    """Ids of a few Pasuruan areas and of Polsek Lumbang (created here)."""

    def read(session: Any) -> dict[str, int]:
        areas = session.exec(select(Area)).all()
        lumbang = next(a for a in areas if a.name == "Lumbang" and a.level == AreaLevel.KECAMATAN)
        kronto = next(a for a in areas if a.name == "Kronto")
        kabupaten = next(a for a in areas if a.level == AreaLevel.KABUPATEN)
        return {"lumbang": lumbang.id, "kronto": kronto.id, "kabupaten": kabupaten.id}

    found = db.call(read)
    polsek = db.call(area_changes.set_polsek_coverage, "Polsek Lumbang", [found["lumbang"]])
    found["polsek"] = polsek.id
    return found


@pytest.fixture
def pdb(pasuruan: str) -> Any:
    database = Database(pasuruan)
    yield database
    database.close()


def test_validation_says_why_and_changes_nothing(pdb: Database) -> None:
    i = ids(pdb)
    cases = [
        (r.RoleSpec(Role.WARGA), "roles.err_not_grantable"),
        (r.RoleSpec(Role.ADMIN, Scope(area_id=i["kronto"])), "roles.err_admin"),
        (r.RoleSpec(Role.TOKOH), "roles.err_scope_needed"),
        (r.RoleSpec(Role.TOKOH, Scope(polsek_id=i["polsek"])), "roles.err_scope_level"),
        (r.RoleSpec(Role.MUI, Scope(area_id=i["kronto"])), "roles.err_scope_level"),
        (r.RoleSpec(Role.FORKOPIMCAM, Scope(area_id=i["kabupaten"])), "roles.err_scope_level"),
        (r.RoleSpec(Role.PEMUDA, Scope(area_id=i["kronto"])), "roles.err_division"),
        (
            r.RoleSpec(Role.TOKOH, Scope(area_id=i["kronto"]), Division.PATROLI),
            "roles.err_not_pemuda",
        ),
        (r.RoleSpec(Role.TOKOH, Scope(area_id=999_999)), "roles.err_no_scope"),
        (r.RoleSpec(Role.POLISI, Scope(polsek_id=999_999)), "roles.err_no_scope"),
    ]
    for spec, key in cases:
        with pytest.raises(r.RoleError) as error:
            pdb.call(grants.grant, 1, spec)
        assert error.value.key == key, spec
    assert pdb.call(lambda s: s.exec(select(RoleAssignment)).all()) == []
    audited = pdb.call(lambda s: s.exec(select(AuditEntry.action)).all())
    assert audited == ["polsek.cover"]  # from the set-up only


def test_organisations_get_default_names_once(pdb: Database) -> None:
    i = ids(pdb)
    expected = [
        (r.RoleSpec(Role.POLISI, Scope(polsek_id=i["polsek"])), "Polsek Lumbang"),
        (r.RoleSpec(Role.POLISI, Scope(area_id=i["kronto"])), "Polsek Lumbang"),  # Bhabin
        (r.RoleSpec(Role.MUI, Scope(area_id=i["lumbang"])), "MUI Kec. Lumbang"),
        (r.RoleSpec(Role.ROIS_SYURIAH, Scope(area_id=i["lumbang"])), "Rois Syuriah MWC NU Lumbang"),
        (r.RoleSpec(Role.FORKOPIMCAM, Scope(area_id=i["lumbang"])), "Forkopimcam Lumbang"),
        (r.RoleSpec(Role.TOKOH, Scope(area_id=i["kronto"])), "Tokoh Masyarakat Desa Kronto"),
        (
            r.RoleSpec(Role.PEMUDA, Scope(area_id=i["kronto"]), Division.SOSIALISASI),
            "Karang Taruna Desa Kronto",
        ),
    ]
    for user_id, (spec, name) in enumerate(expected, start=1):
        assert pdb.call(grants.grant, user_id, spec) is r.GrantResult.ADDED
        assert [h.organisation for h in pdb.call(grants.holdings_of, user_id)] == [name]
    organisations = pdb.call(lambda s: role_queries.all_organisations(s))
    assert len(organisations) == 6  # both officers speak for the one Polsek Lumbang
    approval = {o.name: o.needs_approval for o in organisations}
    assert approval["Polsek Lumbang"] is False and approval["MUI Kec. Lumbang"] is True


def test_an_invite_redeemed_twice_at_once_gives_one_role(pdb: Database) -> None:
    i = ids(pdb)
    spec = r.RoleSpec(Role.TOKOH, Scope(area_id=i["kronto"]))
    _, code = pdb.call(invitations.create, spec, actor_label="cli")
    barrier = threading.Barrier(2)
    results: dict[int, object] = {}

    def redeem(user_id: int) -> None:
        def work(session: Any) -> object:
            invite = invitations.open_invite(session, code, utcnow())  # both see it open...
            assert invite is not None
            barrier.wait()  # ...then both try to use it
            return invitations.redeem(session, code, user_id)

        try:
            results[user_id] = pdb.call(work)
        except Exception as exc:  # the loser: used, or a serialisation error on the row
            results[user_id] = exc

    threads = [threading.Thread(target=redeem, args=(user_id,)) for user_id in (101, 102)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    winners = [u for u, result in results.items() if isinstance(result, r.Redeemed)]
    assert len(winners) == 1, results
    holders = pdb.call(lambda s: s.exec(select(RoleAssignment.user_id)).all())
    assert holders == winners
    invite = pdb.call(lambda s: s.exec(select(Invite)).one())
    assert invite.used_by == winners[0]


def test_expired_and_cancelled_invites_and_ttl_limits(pdb: Database) -> None:
    i = ids(pdb)
    spec = r.RoleSpec(Role.TOKOH, Scope(area_id=i["kronto"]))
    with pytest.raises(r.RoleError, match="5 minutes to 30 days"):
        pdb.call(invitations.create, spec, ttl=dt.timedelta(days=31))
    created = utcnow() - dt.timedelta(hours=2)
    _, old = pdb.call(invitations.create, spec, ttl=dt.timedelta(hours=1), now=created)
    with pytest.raises(r.RoleError) as error:
        pdb.call(invitations.redeem, old, 5)
    assert error.value.key == "roles.invite_expired"
    info, code = pdb.call(invitations.create, spec)
    assert [x.id for x in pdb.call(invitations.open_invites)] == [
        info.id
    ]  # the expired one is not open
    assert pdb.call(invitations.cancel, info.id, only_by=12345) is False  # not theirs
    assert pdb.call(invitations.cancel, info.id) is True
    assert pdb.call(invitations.cancel, info.id) is False
    with pytest.raises(r.RoleError) as error:
        pdb.call(invitations.redeem, code, 5)
    assert error.value.key == "roles.invite_cancelled"
    assert pdb.call(grants.holdings_of, 5) == []


def test_who_holds_what_inside_a_scope(pdb: Database) -> None:
    i = ids(pdb)
    pdb.call(grants.grant, 1, r.RoleSpec(Role.TOKOH, Scope(area_id=i["kronto"])))
    pdb.call(grants.grant, 2, r.RoleSpec(Role.POLISI, Scope(polsek_id=i["polsek"])))
    pdb.call(grants.grant, 3, r.RoleSpec(Role.ADMIN))
    in_kecamatan = pdb.call(grants.assignments, scope=Scope(area_id=i["lumbang"]))
    assert {a.user_id for a in in_kecamatan} == {1}  # the desa inside it, not its Polsek
    in_polsek = pdb.call(grants.assignments, scope=Scope(polsek_id=i["polsek"]))
    assert {a.user_id for a in in_polsek} == {1, 2}
    assert {a.user_id for a in pdb.call(grants.assignments)} == {1, 2, 3}
    assert pdb.call(grants.assignments, role=Role.ADMIN)[0].scope_name == ""


async def test_menus_changed_while_the_bot_was_down_are_republished_at_start(
    pasuruan: str, settings: Settings
) -> None:
    fake = FakeTelegram(enforce_limits=False)
    database = Database(pasuruan)
    try:
        database.call(grants.grant, 4242, r.RoleSpec(Role.ADMIN), actor_label="cli")
        async with BotHarness(settings, fake) as bot:
            scope = {"type": "chat", "chat_id": 4242}
            await _until(lambda: "audit" in [c["command"] for c in fake.commands_for("", scope)])
        # Revoked on the command line while the bot is down...
        database.call(grants.revoke, 4242, Role.ADMIN, actor_label="cli")
        fake.reset_calls()
        async with BotHarness(settings, fake) as bot:
            # ...the next start puts the resident menu back, and only for that person.
            await _until(lambda: fake.calls_to("setMyCommands", chat_id=None))
            await _until(
                lambda: "audit" not in [c["command"] for c in fake.commands_for("", scope)]
            )
            personal = [
                c
                for c in fake.calls_to("setMyCommands")
                if c.params.get("scope", {}).get("type") == "chat"
            ]
            assert [c.params["scope"]["chat_id"] for c in personal] == [4242]
            assert bot is not None
    finally:
        database.close()


async def _until(condition: Any) -> None:
    await wait_until(condition, "the menus")


async def test_the_areas_a_persons_roles_name_for_an_action(area_bot: BotHarness) -> None:
    """What a "which area?" step offers as buttons: the roles' own areas (a Polsek's:
    its kecamatan) at the wanted levels, where the policy allows the action there."""
    world = World(area_bot)
    await world.set_up()
    roles = area_bot.services.roles
    lumbang, kronto = kecamatan(area_bot, "Lumbang").id, desa(area_bot, "Kronto").id
    officer = Holding(Role.POLISI, Scope(polsek_id=world.polsek_id))
    koordinator = Holding(Role.PEMUDA, Scope(area_id=kronto), koordinator=True)
    member = Holding(Role.PEMUDA, Scope(area_id=kronto))
    both = (AreaLevel.DESA, AreaLevel.KECAMATAN)
    assert roles.areas_named([officer], Action.CALL_SIAGA, both) == [lumbang]
    assert roles.areas_named([officer], Action.CALL_SIAGA, (AreaLevel.DESA,)) == []
    assert roles.areas_named([koordinator, officer], Action.CALL_SIAGA, both) == [kronto, lumbang]
    # A pemuda who is no koordinator may not call: nothing offered.
    assert roles.areas_named([member], Action.CALL_SIAGA, both) == []
    assert roles.areas_named([koordinator, koordinator], Action.RUN_TRAINING, both, most=1) == [
        kronto
    ]
