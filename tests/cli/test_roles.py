"""`kamtibmas admin|invite|audit|org`: roles, invitations, the audit log and organisations from
the command line, on Pasuruan's real areas."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from sqlmodel import select

from bot.services import roles as r
from bot.services.roles import invitations
from bot.services.users import display_names
from storage import queries
from storage import roles as role_queries
from storage.db import Database
from storage.models import AuditEntry
from storage.models import Invite
from storage.models import Organisation
from storage.models import RoleAssignment
from tests.cli.helpers import Kamtibmas


def rows(db: Database) -> list[tuple[int, str, str]]:
    return db.call(
        lambda s: sorted(
            (a.user_id, a.role.value, a.scope) for a in s.exec(select(RoleAssignment)).all()
        )
    )


def test_grant_revoke_and_list_scoped_roles(cli: Kamtibmas, pasuruan_db: Database) -> None:
    granted = cli("admin", "grant", "4242", "polisi", "--scope", "Polsek Lumbang")
    assert granted.code == 0, granted.err
    assert granted.out == "Role polisi in Polsek Lumbang granted to 4242.\n"
    assert cli("admin", "grant", "4243", "polisi", "--scope", "Lumbang").code == 0  # "Polsek"
    bhabin = cli("admin", "grant", "4244", "polisi", "--scope", "Kronto")
    assert "polisi in Kronto (Kec. Lumbang)" in bhabin.out
    pemuda = cli(
        "admin", "grant", "4245", "pemuda", "--scope", "Kronto",
        "--division", "patroli", "--koordinator",
    )  # fmt: skip
    assert "pemuda/patroli/koordinator in Kronto" in pemuda.out
    again = cli(
        "admin", "grant", "4245", "pemuda", "--scope", "Kronto",
        "--division", "patroli", "--koordinator",
    )  # fmt: skip
    assert again.out.startswith("Nothing changed: 4245 already holds")
    updated = cli("admin", "grant", "4245", "pemuda", "--scope", "Kronto", "--division", "patroli")
    assert "updated for 4245" in updated.out
    admin = cli("admin", "grant", "1", "admin")
    assert admin.out == "Role admin in all areas granted to 1.\n"
    # A second role of 4243's: still one line for 4243.
    assert (
        cli("admin", "grant", "4243", "pemuda", "--scope", "Kronto", "--division", "patroli").code
        == 0
    )

    listed = cli("admin", "list")
    assert "@ " not in listed.out and "[" not in listed.out and "everywhere" not in listed.out
    ids = [line.split()[0] for line in listed.out.splitlines()]
    assert ids == ["1", "4242", "4243", "4244", "4245"]  # each person once
    lines = {line.split()[0]: line for line in listed.out.splitlines()}
    assert lines["1"].split("  ")[-1].startswith("admin in all areas since ")
    assert "4244  polisi in Kronto (Kec. Lumbang) for Polsek Lumbang since " in lines["4244"]
    assert "polisi in Polsek Lumbang since " in lines["4243"]
    assert (
        "; pemuda/patroli in Kronto (Kec. Lumbang) for Karang Taruna Desa Kronto" in lines["4243"]
    )
    only = cli("admin", "list", "--role", "pemuda")
    assert "4245" in only.out and "4242" not in only.out
    inside = cli("admin", "list", "--scope", "Kronto")
    assert "4244" in inside.out and "4245" in inside.out and "4242" not in inside.out

    revoked = cli("admin", "revoke", "4244", "polisi", "--scope", "Kronto")
    assert revoked.code == 0 and "revoked from 4244" in revoked.out
    not_held = cli("admin", "revoke", "4244", "polisi", "--scope", "Kronto")
    assert not_held.out.startswith("Nothing changed: 4244 does not hold")
    assert [row[0] for row in rows(pasuruan_db)] == [1, 4242, 4243, 4243, 4245]
    actions = pasuruan_db.call(lambda s: [e.action for e in s.exec(select(AuditEntry))])
    assert actions.count("role.grant") == 6 and "role.update" in actions
    assert actions.count("role.revoke") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("pemuda", "--scope", "Kronto"), "division"),
        (("mui", "--scope", "Kronto"), "No kecamatan or kabupaten named 'Kronto'"),
        (("polisi", "--scope", "#{pandaan_desa}"), "no Polsek covers this desa"),
        (("tokoh", "--scope", "Karang Jati"), "fits 2 areas"),
        (("tokoh", "--scope", "Atlantis"), "No desa or kecamatan named 'Atlantis'"),
        (("tokoh",), "needs a scope"),
        (("admin", "--scope", "Kronto"), "whole bot"),
        (("tokoh", "--scope", "Kronto", "--koordinator"), "only pemuda"),
    ],
)
def test_grant_mistakes_are_explained_and_change_nothing(
    cli: Kamtibmas, pasuruan_db: Database, args: tuple[str, ...], message: str
) -> None:
    def pandaan_desa(session: object) -> int:
        from storage.models import Area

        areas = session.exec(select(Area)).all()  # type: ignore[attr-defined]
        pandaan = next(a for a in areas if a.name == "Pandaan" and a.level == "kecamatan")
        return next(a.id for a in areas if a.parent_id == pandaan.id)

    args = tuple(arg.format(pandaan_desa=pasuruan_db.call(pandaan_desa)) for arg in args)
    result = cli("admin", "grant", "77", *args)
    assert result.code != 0
    assert message in result.err, result.err
    assert "Traceback" not in result.err
    assert rows(pasuruan_db) == []
    assert pasuruan_db.call(lambda s: s.exec(select(Organisation)).all()) == []


def test_invites_from_the_command_line(cli: Kamtibmas, pasuruan_db: Database) -> None:
    created = cli(
        "invite", "create", "tokoh", "--scope", "Kronto", "--valid", "7d", "--bot", "@KamtibmasBot"
    )
    assert created.code == 0, created.err
    lines = dict(line.split(None, 1) for line in created.out.splitlines()[1:])
    assert created.out.startswith("Invitation 1: tokoh in Kronto (Kec. Lumbang)\n")
    assert lines["organisation"] == "Tokoh Masyarakat Desa Kronto"
    # The code as the chat shows it, and the command the person sends.
    shown = lines["code"].split()[0]
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", shown)
    assert lines["code"].endswith(f"/kode {shown})")
    code = shown.replace("-", "")
    assert lines["link"] == f"https://t.me/KamtibmasBot?start=inv_{code}"
    listed = cli("invite", "list")
    assert f"…{code[-4:]}" in listed.out and "by cli" in listed.out

    redeemed = pasuruan_db.call(invitations.redeem, code, 555)
    assert redeemed.result is r.GrantResult.ADDED and redeemed.inviter_id is None
    assert rows(pasuruan_db) == [(555, "tokoh", f"area:{redeemed.invite.spec.scope.area_id}")]
    assert cli("invite", "list").out.strip() == "No open invitations."

    # Before the bot's first start its username is unknown: the code, and when the link comes.
    second = cli("invite", "create", "admin")
    code = second.out.split("code", 1)[1].split()[0].replace("-", "")
    assert "t.me" not in second.out and "<" not in second.out
    assert "once the bot has started (`make run`)" in second.out
    # Once the bot has started it has recorded its username: the link is complete.
    pasuruan_db.call(queries.record_bot_profile, bot_id=7, username="kamtibmas_lumbang_bot")
    third = cli("invite", "create", "tokoh", "--scope", "Kronto")
    link = third.out.split("link", 1)[1].split()[0]
    assert re.fullmatch(r"https://t\.me/kamtibmas_lumbang_bot\?start=inv_[A-Z0-9]{8}", link)
    cancelled = cli("invite", "cancel", "2")
    assert cancelled.code == 0 and "cancelled" in cancelled.out
    assert cli("invite", "cancel", "2").code != 0
    with pytest.raises(r.RoleError, match="cancelled"):
        pasuruan_db.call(invitations.redeem, code, 556)
    for bad in ("forever", "0x", "5s"):
        result = cli("invite", "create", "admin", "--valid", bad)
        assert result.code == 2 and "--valid" in result.err
    too_long = cli("invite", "create", "admin", "--valid", "40d")
    assert too_long.code != 0 and "5 minutes to 30 days" in too_long.err
    assert len(pasuruan_db.call(lambda s: s.exec(select(Invite)).all())) == 3


def test_audit_log_printed_filtered_and_as_csv(
    cli: Kamtibmas, pasuruan_db: Database, tmp_path: Path
) -> None:
    cli("admin", "grant", "4242", "polisi", "--scope", "Polsek Lumbang")
    cli("invite", "create", "tokoh", "--scope", "Kronto")
    printed = cli("audit")
    first = printed.out.splitlines()[0]
    assert "invite.create" in first and "cli" in first  # newest first
    assert "role.grant" in printed.out and "polsek.cover" in printed.out
    only = cli("audit", "--action", "role")
    assert "role.grant" in only.out and "invite" not in only.out
    assert "4242" in cli("audit", "--user", "4242").out
    assert len(cli("audit", "--limit", "1").out.splitlines()) == 1
    assert cli("audit", "--limit", "0").code == 2

    target = tmp_path / "audit.csv"
    written = cli("audit", "--csv", str(target))
    assert written.out.strip() == f"3 entries written to {target}"
    with target.open(encoding="utf-8") as file:
        entries = list(csv.DictReader(file))
    assert [e["action"] for e in entries] == ["invite.create", "role.grant", "polsek.cover"]
    assert entries[1]["target"] == "4242" and entries[1]["actor_label"] == "cli"
    assert entries[0]["time"].endswith("+07:00")


def test_organisations_listed_renamed_and_approval_set(
    cli: Kamtibmas, pasuruan_db: Database
) -> None:
    assert "No organisations yet" in cli("org", "list").out
    cli("admin", "grant", "1", "mui", "--scope", "Lumbang")
    listed = cli("org", "list")
    assert "MUI Kec. Lumbang" in listed.out and "needs approval" in listed.out
    org_id = pasuruan_db.call(lambda s: s.exec(select(Organisation)).one().id)
    renamed = cli("org", "rename", str(org_id), "MUI Kecamatan Lumbang")
    assert renamed.out.strip() == f"Organisation {org_id} is now called MUI Kecamatan Lumbang."
    approval = cli("org", "approval", str(org_id), "no")
    assert "do not need" in approval.out
    assert "sent directly" in cli("org", "list").out
    missing = cli("org", "rename", "999", "X Y")
    assert missing.code != 0 and "does not exist" in missing.err
    short = cli("org", "rename", str(org_id), "X")
    assert short.code != 0 and "2 to 128 characters" in short.err
    assert pasuruan_db.call(role_queries.all_organisations)[0].name == "MUI Kecamatan Lumbang"


def test_lists_narrow_to_any_place_and_revoke_asks_for_the_scope(
    cli: Kamtibmas, pasuruan_db: Database, tmp_path: Path
) -> None:
    cli("admin", "grant", "4242", "polisi", "--scope", "Polsek Lumbang")
    cli("admin", "grant", "4245", "pemuda", "--scope", "Kronto", "--division", "patroli")
    cli("admin", "grant", "4246", "mui", "--scope", "Kec. Lumbang")
    # A filter takes any Polsek or area, whatever the role may be held for.
    inside = cli("admin", "list", "--scope", "Kec. Lumbang")
    assert inside.code == 0, inside.err
    assert "4245" in inside.out and "4246" in inside.out and "4242" not in inside.out
    assert inside.out.splitlines()[0].endswith(" WIB")
    kabupaten = cli("admin", "list", "--role", "mui", "--scope", "Kabupaten Pasuruan")
    assert "4246" in kabupaten.out and "4245" not in kabupaten.out
    polsek = cli("admin", "list", "--role", "pemuda", "--scope", "Polsek Lumbang")
    assert "4245" in polsek.out and "4242" not in polsek.out
    assert cli("admin", "list", "--role", "tokoh").out == "No one holds a matching role.\n"

    unscoped = cli("admin", "revoke", "4242", "polisi")
    assert unscoped.code == 2 and "give --scope" in unscoped.err
    assert (4242, "polisi") in [row[:2] for row in rows(pasuruan_db)]

    unwritable = cli("audit", "--csv", str(tmp_path / "no" / "such" / "audit.csv"))
    assert unwritable.code == 1 and "Cannot write" in unwritable.err
    assert "Traceback" not in unwritable.err
    grants = cli("audit", "--action", "role.grant").out.splitlines()
    assert len(grants) == 3 and not any(line.endswith("via cli") for line in grants)


def test_an_officers_invite_carries_their_rank_and_name(
    cli: Kamtibmas, pasuruan_db: Database
) -> None:
    created = cli(
        "invite", "create", "polisi", "--scope", "Kronto", "--title", "  Aiptu   Bambang S. "
    )
    assert created.code == 0, created.err
    lines = dict(line.split(None, 1) for line in created.out.splitlines()[1:])
    assert lines["title"] == "Aiptu Bambang S."  # spaces tidied
    code = lines["code"].split()[0].replace("-", "")
    pasuruan_db.call(invitations.redeem, code, 777)
    assert pasuruan_db.call(display_names, [777]) == {777: "Aiptu Bambang S."}
    audit = pasuruan_db.call(lambda s: s.exec(select(AuditEntry)).all())
    assert any("'Aiptu Bambang S.'" in e.details for e in audit if e.action == "invite.redeem")

    # Only a police officer's invite has one; it is one short line of text.
    tokoh = cli("invite", "create", "tokoh", "--scope", "Kronto", "--title", "Ustadz Ali")
    assert tokoh.code != 0 and "police officer" in tokoh.err
    for bad in ("A" * 41, "Aiptu\u200bBambang", "."):
        refused = cli("invite", "create", "polisi", "--scope", "Kronto", "--title", bad)
        assert refused.code != 0 and "rank and name" in refused.err, bad
    assert len(pasuruan_db.call(lambda s: s.exec(select(Invite)).all())) == 1
