"""`kamtibmas admin|invite|audit|org`: roles, invitations, the audit log and organisations from
the command line, through the same RoleService the bot's own commands call."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bot.cli.common import EXIT_UNCLEAR
from bot.cli.common import CommandError
from bot.cli.common import all_levels
from bot.cli.common import area_service
from bot.cli.common import database
from bot.cli.common import find_area
from bot.cli.common import telegram_id
from bot.config import Settings
from bot.config import load_settings
from bot.services import roles as r
from bot.services.areas import AreaService
from bot.services.areas import match_polsek
from bot.services.audit import to_csv
from bot.services.authz import EVERYWHERE
from bot.services.authz import Holding
from bot.services.authz import Scope
from bot.services.roles import RoleService
from bot.services.roles.invitations import display_code
from storage import queries
from storage import roles as q
from storage.areas import all_polsek
from storage.db import Database
from storage.models import AreaLevel
from storage.models import Division
from storage.models import Role

ROLES = [role.value for role in r.GRANTABLE]
# Printed entries by default; a CSV export takes the whole log unless --limit says otherwise.
AUDIT_PRINTED = 50
AUDIT_EVERYTHING = 10**9
_TTL = re.compile(r"^(\d{1,4})([mhd])$")


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the admin, invite, audit and org commands."""
    admin = commands.add_parser("admin", help="grant, revoke and list roles").add_subparsers(
        dest="admin_command", required=True, metavar="ACTION"
    )
    grant = admin.add_parser("grant", help="give a role to a Telegram user id")
    _role_arguments(grant, with_user=True)
    grant.set_defaults(func=cmd_admin_grant)
    revoke = admin.add_parser("revoke", help="take a role away from a Telegram user id")
    revoke.add_argument("telegram_id", type=telegram_id, metavar="TELEGRAM_ID")
    revoke.add_argument("role", choices=ROLES, metavar="ROLE", help=", ".join(ROLES))
    revoke.add_argument("--scope", metavar="PLACE", help="the Polsek, desa or kecamatan")
    revoke.set_defaults(func=cmd_admin_revoke)
    listing = admin.add_parser("list", help="who holds which role where")
    listing.add_argument("--role", choices=ROLES, metavar="ROLE")
    listing.add_argument("--scope", metavar="PLACE", help="only inside this Polsek or area")
    listing.set_defaults(func=cmd_admin_list)

    invite = commands.add_parser("invite", help="one-time role invitations").add_subparsers(
        dest="invite_command", required=True, metavar="ACTION"
    )
    create = invite.add_parser("create", help="make an invitation and print its code")
    _role_arguments(create, with_user=False)
    create.add_argument(
        "--valid", default="72h", metavar="TIME", help="how long it works: 30m, 72h, 7d"
    )
    create.add_argument(
        "--title",
        metavar="RANK_NAME",
        help="a police officer's rank and name, shown instead of their Telegram name, "
        'e.g. "Aiptu Bambang S."',
    )
    create.add_argument("--bot", metavar="USERNAME", help="the bot's username, for the full link")
    create.set_defaults(func=cmd_invite_create)
    invite.add_parser("list", help="open invitations").set_defaults(func=cmd_invite_list)
    cancel = invite.add_parser("cancel", help="cancel an open invitation")
    cancel.add_argument("invite_id", type=int, metavar="ID")
    cancel.set_defaults(func=cmd_invite_cancel)

    audit = commands.add_parser("audit", help="the audit log, newest first")
    audit.add_argument(
        "--limit", type=int, metavar="N", help="newest N entries (default: 50 printed, all in CSV)"
    )
    audit.add_argument("--action", metavar="PREFIX", help="e.g. role, invite.create, auth")
    audit.add_argument("--user", type=telegram_id, metavar="TELEGRAM_ID")
    audit.add_argument("--csv", type=Path, metavar="FILE", help="write CSV to FILE instead")
    audit.set_defaults(func=cmd_audit)

    org = commands.add_parser("org", help="organisations (sources of advisories)")
    org_commands = org.add_subparsers(dest="org_command", required=True, metavar="ACTION")
    org_commands.add_parser("list", help="every organisation").set_defaults(func=cmd_org_list)
    rename = org_commands.add_parser("rename", help="change an organisation's display name")
    rename.add_argument("organisation_id", type=int, metavar="ID")
    rename.add_argument("name", metavar="NAME")
    rename.set_defaults(func=cmd_org_rename)
    approval = org_commands.add_parser(
        "approval", help="whether its advisories need the Polsek's approval"
    )
    approval.add_argument("organisation_id", type=int, metavar="ID")
    approval.add_argument("needed", choices=["yes", "no"])
    approval.set_defaults(func=cmd_org_approval)


def _role_arguments(parser: argparse.ArgumentParser, *, with_user: bool) -> None:
    if with_user:
        parser.add_argument("telegram_id", type=telegram_id, metavar="TELEGRAM_ID")
    parser.add_argument("role", choices=ROLES, metavar="ROLE", help=", ".join(ROLES))
    parser.add_argument(
        "--scope", metavar="PLACE", help='a Polsek ("Polsek Lumbang"), desa or kecamatan, or #id'
    )
    parser.add_argument("--division", choices=[d.value for d in Division], help="for pemuda")
    parser.add_argument("--koordinator", action="store_true", help="for pemuda")


@contextlib.contextmanager
def _session(args: argparse.Namespace) -> Iterator[tuple[Settings, Database, AreaService]]:
    settings = load_settings(args.config, require_token=False)
    with database(settings) as db:
        yield settings, db, area_service(settings, db)


def _roles(settings: Settings, db: Database, areas: AreaService) -> RoleService:
    return RoleService(db, areas, admin_ids=settings.admin_ids)


def _scope(db: Database, areas: AreaService, role: Role, text: str | None) -> Scope:
    """The scope `--scope` names for `role`: a Polsek by name, or an area at an allowed level."""
    if not text:
        return EVERYWHERE  # validation says whether the role needs one
    allowed = r.ROLE_SCOPES.get(role, ())
    if r.POLSEK_SCOPE in allowed and (polsek := _polsek_scope(db, text)) is not None:
        return polsek
    levels = [level for level in allowed if isinstance(level, AreaLevel)]
    if not levels:
        raise CommandError(f"Role {role.value} is held for the whole bot: no --scope.", 2)
    return Scope(area_id=find_area(areas, text, levels).id)


def _filter_scope(db: Database, areas: AreaService, text: str) -> Scope:
    """The scope a list is narrowed to: any Polsek or area, whichever role is asked about."""
    polsek = _polsek_scope(db, text)
    return polsek or Scope(area_id=find_area(areas, text, all_levels()).id)


def _polsek_scope(db: Database, text: str) -> Scope | None:
    """The Polsek `text` names, with or without the word "Polsek"."""
    polsek = match_polsek(db.call(all_polsek), text)
    return Scope(polsek_id=polsek.id) if polsek is not None else None


def _spec(db: Database, areas: AreaService, args: argparse.Namespace) -> r.RoleSpec:
    role = Role(args.role)
    return r.RoleSpec(
        role,
        _scope(db, areas, role, args.scope),
        Division(args.division) if args.division else None,
        args.koordinator,
    )


def _run(func: Any, args: argparse.Namespace) -> int:
    """Run a command body; a RoleError becomes the command's error message (exit code 1)."""
    try:
        return func(args)
    except r.RoleError as exc:
        raise CommandError(f"Nothing changed: {exc}.", EXIT_UNCLEAR) from None


def _when(settings: Settings, moment: dt.datetime) -> str:
    """A stored UTC time in the configured zone, named: "2026-11-28 20:35 WIB"."""
    return moment.astimezone(settings.timezone).strftime("%Y-%m-%d %H:%M %Z")


def _what(spec: r.RoleSpec | Holding, where: str) -> str:
    """A role and where it holds, in words: "polisi in Polsek Lumbang", "admin in all areas"."""
    role = "/".join(
        [spec.role.value]
        + ([spec.division.value] if spec.division is not None else [])
        + (["koordinator"] if spec.koordinator else [])
    )
    return f"{role} in {where or 'all areas'}"


def _describe(roles: RoleService, spec: r.RoleSpec) -> str:
    return _what(spec, asyncio.run(roles.scope_name(spec.scope)))


# --- admin -----------------------------------------------------------------------------------


def cmd_admin_grant(args: argparse.Namespace) -> int:
    """Give a role to a Telegram user id."""

    def body(args: argparse.Namespace) -> int:
        with _session(args) as (settings, db, areas):
            spec = _spec(db, areas, args)
            roles = _roles(settings, db, areas)
            result = asyncio.run(roles.grant(args.telegram_id, spec, actor_label="cli"))
            what = _describe(roles, spec)
        if result is r.GrantResult.UNCHANGED:
            print(f"Nothing changed: {args.telegram_id} already holds {what}.")
        else:
            verb = "granted to" if result is r.GrantResult.ADDED else "updated for"
            print(f"Role {what} {verb} {args.telegram_id}.")
        if spec.role is Role.ADMIN and args.telegram_id in settings.admin_ids:
            print("Note: this id is also listed in ADMIN_IDS.")
        return 0

    return _run(body, args)


def cmd_admin_revoke(args: argparse.Namespace) -> int:
    """Take a role away from a Telegram user id."""

    def body(args: argparse.Namespace) -> int:
        with _session(args) as (settings, db, areas):
            role = Role(args.role)
            scope = _scope(db, areas, role, args.scope)
            if scope.everywhere and role is not Role.ADMIN:
                # Otherwise "does not hold polisi @ everywhere" would hide the missing --scope.
                raise CommandError(f"Role {role.value} is held for a place: give --scope.", 2)
            roles = _roles(settings, db, areas)
            changed = asyncio.run(roles.revoke(args.telegram_id, role, scope, actor_label="cli"))
            what = _describe(roles, r.RoleSpec(role, scope))
        if changed:
            print(f"Role {what} revoked from {args.telegram_id}.")
        else:
            print(f"Nothing changed: {args.telegram_id} does not hold {what}.")
        return 0

    return _run(body, args)


def cmd_admin_list(args: argparse.Namespace) -> int:
    """Print who holds which role where: one line per person, their roles side by side."""

    def body(args: argparse.Namespace) -> int:
        with _session(args) as (settings, db, areas):
            role = Role(args.role) if args.role else None
            scope = _filter_scope(db, areas, args.scope) if args.scope else None
            rows = asyncio.run(_roles(settings, db, areas).assignments(role=role, scope=scope))
            # ADMIN_IDS hold everywhere: listed unless the list is narrowed to a place.
            listed = scope is None and role in (None, Role.ADMIN)
            config_admins = sorted(settings.admin_ids) if listed else []
            people = sorted({row.user_id for row in rows} | set(config_admins))
            names = {user.id: user for user in db.call(queries.get_users, people)}
        held: dict[int, list[str]] = {user_id: [] for user_id in people}
        stored_admins = {row.user_id for row in rows if row.holding.role is Role.ADMIN}
        for user_id in config_admins:
            if user_id not in stored_admins:
                held[user_id].append("admin in all areas (ADMIN_IDS in the configuration)")
        for row in rows:
            what = _what(row.holding, row.scope_name)
            if row.holding.organisation and row.holding.organisation != row.scope_name:
                what += f" for {row.holding.organisation}"
            what += f" since {_when(settings, row.granted_at)}"
            if row.holding.role is Role.ADMIN and row.user_id in config_admins:
                what += " (also in ADMIN_IDS)"
            held[row.user_id].append(what)
        for user_id, roles in held.items():
            user = names.get(user_id)
            who = ""
            if user is not None:
                who = user.full_name + (f" @{user.username}" if user.username else "")
                who = f"  ({who})"
            print(f"{user_id:>15}{who}  " + "; ".join(roles))
        if not held:
            filtered = role is not None or scope is not None
            print("No one holds a matching role." if filtered else "No roles granted yet.")
        return 0

    return _run(body, args)


# --- invite ----------------------------------------------------------------------------------


def _ttl(text: str) -> dt.timedelta:
    match = _TTL.match(text.strip().lower())
    if not match:
        raise CommandError(f"--valid '{text}': give minutes, hours or days, e.g. 30m, 72h, 7d", 2)
    amount, unit = int(match.group(1)), match.group(2)
    return dt.timedelta(**{{"m": "minutes", "h": "hours", "d": "days"}[unit]: amount})


def cmd_invite_create(args: argparse.Namespace) -> int:
    """Make a one-time invitation and print its code and link."""

    def body(args: argparse.Namespace) -> int:
        ttl = _ttl(args.valid)
        with _session(args) as (settings, db, areas):
            spec = _spec(db, areas, args)
            roles = _roles(settings, db, areas)
            info, code = asyncio.run(
                roles.create_invite(spec, actor_label="cli", ttl=ttl, title=args.title)
            )
            bot = (args.bot or "").lstrip("@") or db.call(queries.bot_username)
        shown = display_code(code)
        print(f"Invitation {info.id}: {_what(info.spec, info.scope_name)}")
        if info.organisation:
            print(f"organisation  {info.organisation}")
        if info.title:
            print(f"title         {info.title}")
        print(f"valid until   {_when(settings, info.expires_at)}, one use")
        print(f"code          {shown}   (the person sends the bot: /kode {shown})")
        if bot:
            print(f"link          https://t.me/{bot}?start={r.INVITE_PREFIX}{code}")
        else:
            print(
                "link          appears here once the bot has started (`make run`): "
                "until then, give the code"
            )
        return 0

    return _run(body, args)


def cmd_invite_list(args: argparse.Namespace) -> int:
    """Print the open invitations."""
    with _session(args) as (settings, db, areas):
        invites = asyncio.run(_roles(settings, db, areas).open_invites())
    for info in invites:
        by = info.created_by if info.created_by is not None else "cli"
        print(
            f"{info.id:>6}  …{info.code_hint}  {_what(info.spec, info.scope_name)}"
            f"  by {by}  until {_when(settings, info.expires_at)}"
        )
    if not invites:
        print("No open invitations.")
    return 0


def cmd_invite_cancel(args: argparse.Namespace) -> int:
    """Cancel an open invitation."""
    with _session(args) as (settings, db, areas):
        roles = _roles(settings, db, areas)
        cancelled = asyncio.run(roles.cancel_invite(args.invite_id, actor_label="cli"))
    if not cancelled:
        print(
            f"Invitation {args.invite_id} is not open (used, cancelled or unknown).",
            file=sys.stderr,
        )
        return EXIT_UNCLEAR
    print(f"Invitation {args.invite_id} cancelled.")
    return 0


# --- audit and organisations -----------------------------------------------------------------


def cmd_audit(args: argparse.Namespace) -> int:
    """Print the audit log (newest first), or write it as CSV."""
    if args.limit is not None and args.limit < 1:
        print("--limit must be at least 1.", file=sys.stderr)
        return 2
    limit = args.limit or (AUDIT_EVERYTHING if args.csv else AUDIT_PRINTED)
    with _session(args) as (settings, db, _areas):
        entries = db.call(queries.recent_audit, limit, action_prefix=args.action, user_id=args.user)
    if args.csv:
        try:
            args.csv.write_text(to_csv(entries, settings.timezone), encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"Cannot write {args.csv}: {exc.strerror}", EXIT_UNCLEAR) from None
        print(f"{len(entries)} entries written to {args.csv}")
        return 0
    for e in entries:
        actor = e.actor_label or "system"
        if e.actor_id is not None:
            actor = f"{e.actor_id}" + (f" ({e.actor_label})" if e.actor_label else "")
        print(f"{_when(settings, e.at)}  {actor}  {e.action}  {e.target or '-'}  {e.details}")
    if not entries:
        print("No audit entries.")
    return 0


def cmd_org_list(args: argparse.Namespace) -> int:
    """Print every organisation."""
    with _session(args) as (_settings, db, _areas):
        rows = db.call(q.all_organisations)
    for org in rows:
        approval = "needs approval" if org.needs_approval else "sent directly"
        print(f"{org.id:>5}  {org.kind:<14} {org.name}  [{org.scope}]  {approval}")
    if not rows:
        print("No organisations yet: they are created with the first role given there.")
    return 0


def cmd_org_rename(args: argparse.Namespace) -> int:
    """Change an organisation's display name."""

    def body(args: argparse.Namespace) -> int:
        with _session(args) as (settings, db, areas):
            roles = _roles(settings, db, areas)
            org = asyncio.run(
                roles.rename_organisation(args.organisation_id, args.name, actor_label="cli")
            )
        print(f"Organisation {org.id} is now called {org.name}.")
        return 0

    return _run(body, args)


def cmd_org_approval(args: argparse.Namespace) -> int:
    """Say whether an organisation's advisories need the Polsek's approval."""

    def body(args: argparse.Namespace) -> int:
        with _session(args) as (settings, db, areas):
            roles = _roles(settings, db, areas)
            needed = args.needed == "yes"
            org = asyncio.run(roles.set_approval(args.organisation_id, needed, actor_label="cli"))
        state = "need" if org.needs_approval else "do not need"
        print(f"Advisories of {org.name} now {state} the Polsek's approval.")
        return 0

    return _run(body, args)
