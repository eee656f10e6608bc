"""`kamtibmas areas ...` and `kamtibmas polsek ...`: import, browse and correct areas and police
sectors from the command line, and the first-start import of DEFAULT_KABUPATEN."""

from __future__ import annotations

import argparse
import contextlib
import logging
import re
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from typing import TypeVar

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot.cli.common import EXIT_CONFIG
from bot.cli.common import EXIT_UNCLEAR
from bot.cli.common import CommandError
from bot.cli.common import StartupError
from bot.cli.common import all_levels
from bot.cli.common import area_service
from bot.cli.common import database
from bot.cli.common import find_area
from bot.config import Settings
from bot.config import load_settings
from bot.services.area_import import AreaImportError
from bot.services.area_import import ImportResult
from bot.services.area_import import audit_import
from bot.services.area_import import default_kabupaten_present
from bot.services.area_import import import_areaid
from bot.services.area_import import import_csv
from bot.services.area_import import import_default_kabupaten
from bot.services.area_search import AreaEntry
from bot.services.areas import AreaError
from bot.services.areas import AreaService
from bot.services.areas import changes
from storage import areas as q
from storage.db import Database
from storage.models import Area
from storage.models import AreaLevel
from storage.models import Polsek

log = logging.getLogger("bot")
T = TypeVar("T")

ACTOR = "cli"
_POSTAL_CODE = re.compile(r"^\d{5}$")


# --- parsers ----------------------------------------------------------------------------------


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `areas` and `polsek` commands to the `kamtibmas` parser."""
    areas = commands.add_parser("areas", help="import, list and correct areas").add_subparsers(
        dest="areas_command", required=True, metavar="ACTION"
    )
    imp = areas.add_parser("import", help="import a kabupaten/kota (areaid data) or a CSV file")
    source = imp.add_mutually_exclusive_group(required=True)
    source.add_argument("--kabupaten", metavar="NAME", help='e.g. "Kabupaten Pasuruan"')
    source.add_argument(
        "--csv",
        type=Path,
        metavar="FILE",
        help="header: kabupaten,kecamatan,desa[,kode_pos,dusun]",
    )
    imp.set_defaults(func=cmd_areas_import)

    listing = areas.add_parser("list", help="all kecamatan, or the details of one area")
    listing.add_argument(
        "name", nargs="?", metavar="NAME", help='a kecamatan or desa name ("Kec. Lumbang"), or #id'
    )
    listing.set_defaults(func=cmd_areas_list)

    add = areas.add_parser("add-desa", help="add a desa/kelurahan the data lacks")
    add.add_argument("kecamatan", metavar="KECAMATAN", help="name or #id")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--postal-code", type=_postal_code, metavar="CODE", help="e.g. 67183")
    add.set_defaults(func=cmd_areas_add_desa)

    rename = areas.add_parser("rename", help="give an area a new name")
    rename.add_argument("area", metavar="AREA", help="name or #id")
    rename.add_argument("new_name", metavar="NEW_NAME")
    rename.set_defaults(func=cmd_areas_rename)

    neighbours = areas.add_parser(
        "neighbours", help="change which desa are neighbours (default: same kecamatan)"
    ).add_subparsers(dest="neighbours_command", required=True, metavar="ACTION")
    for name, linked, what in (
        ("add", True, "make two desa neighbours, also across kecamatan borders"),
        ("remove", False, "make two desa no longer neighbours"),
    ):
        sub = neighbours.add_parser(name, help=what)
        sub.add_argument("first", metavar="DESA", help="name or #id")
        sub.add_argument("second", metavar="DESA", help="name or #id")
        sub.set_defaults(func=cmd_areas_neighbours, linked=linked)

    polsek = commands.add_parser("polsek", help="police sectors and their duty chats")
    actions = polsek.add_subparsers(dest="polsek_command", required=True, metavar="ACTION")
    cover = actions.add_parser("set", help="create a Polsek and set the kecamatan it covers")
    cover.add_argument("name", metavar="NAME", help='e.g. "Polsek Lumbang"')
    cover.add_argument(
        "--kecamatan",
        action="append",
        required=True,
        metavar="K",
        help="a kecamatan it covers (repeat for more); name or #id",
    )
    cover.set_defaults(func=cmd_polsek_set)

    duty = actions.add_parser("duty-chat", help="set the group that receives its reports")
    duty.add_argument("name", metavar="NAME")
    target = duty.add_mutually_exclusive_group(required=True)
    target.add_argument("chat_id", nargs="?", type=_chat_id, metavar="CHAT_ID")
    target.add_argument("--clear", action="store_true", help="unset the duty chat")
    duty.set_defaults(func=cmd_polsek_duty_chat)

    actions.add_parser("list", help="each Polsek, its duty chat and kecamatan").set_defaults(
        func=cmd_polsek_list
    )


def _postal_code(raw: str) -> str:
    if not _POSTAL_CODE.match(raw.strip()):
        raise argparse.ArgumentTypeError(f"'{raw}' is not a postal code (5 digits, e.g. 67183)")
    return raw.strip()


def _chat_id(raw: str) -> int:
    if not re.fullmatch(r"-?\d{1,20}", raw.strip()) or int(raw) == 0:
        raise argparse.ArgumentTypeError(
            f"'{raw}' is not a chat id (a group's id is negative, e.g. -1001234567890)"
        )
    return int(raw)


# --- first start ------------------------------------------------------------------------------


def default_areas_present(db: Database, settings: Settings) -> bool:
    """Whether DEFAULT_KABUPATEN needs no import: unset, or a kabupaten of that name is there."""
    wanted = settings.default_kabupaten
    return not wanted or db.call(default_kabupaten_present, wanted)


def ensure_default_areas(
    db: Database, settings: Settings, *, actor_label: str = "startup"
) -> ImportResult | None:
    """Import DEFAULT_KABUPATEN from the areaid data unless it is there; None if nothing ran.

    Already imported costs one query (see `import_default_kabupaten`).
    """
    wanted = settings.default_kabupaten
    if not wanted:
        return None
    try:
        try:
            result = db.call(import_default_kabupaten, wanted, actor_label=actor_label)
        except IntegrityError:
            # Another process started at the same moment and imported first: look again.
            result = db.call(import_default_kabupaten, wanted, actor_label=actor_label)
    except AreaImportError as exc:
        raise StartupError(
            f"[ID] DEFAULT_KABUPATEN '{wanted}' tidak ditemukan (atau kurang jelas) di data "
            "areaid. Tulis nama lengkapnya, mis. 'Kabupaten Pasuruan' atau 'Kota Pasuruan', "
            "atau kosongkan lalu impor wilayah sendiri: kamtibmas areas import --csv FILE.\n"
            f"[EN] DEFAULT_KABUPATEN '{wanted}': {exc}",
            EXIT_CONFIG,
        ) from None
    if result is not None:
        log.info(
            "Imported %s (DEFAULT_KABUPATEN): %d areas added, %d updated, %d unchanged",
            result.kabupaten,
            result.added,
            result.updated,
            result.unchanged,
        )
    return result


# --- areas ------------------------------------------------------------------------------------


@contextlib.contextmanager
def _areas(args: argparse.Namespace) -> Iterator[tuple[Database, AreaService]]:
    """The configured database and an area service with its index loaded."""
    settings = load_settings(args.config, require_token=False)
    with database(settings) as db:
        yield db, area_service(settings, db)


def cmd_areas_import(args: argparse.Namespace) -> int:
    """Import a kabupaten/kota from the areaid data, or areas from a CSV file."""
    settings = load_settings(args.config, require_token=False)

    def run(session: Session) -> tuple[ImportResult, str]:
        if args.kabupaten:
            result = import_areaid(session, args.kabupaten)
            source = result.kabupaten
        else:
            result = import_csv(session, args.csv)
            source = str(args.csv)
        audit_import(session, result, source, actor_label=ACTOR)
        return result, source

    with database(settings) as db:
        try:
            result, source = db.call(run)
        except AreaImportError as exc:
            raise CommandError(str(exc), EXIT_CONFIG) from None
    print(
        f"{source}: {result.added} added, {result.updated} updated, {result.unchanged} unchanged."
    )
    return 0


def cmd_areas_list(args: argparse.Namespace) -> int:
    """Print every kabupaten with its kecamatan, or the details of one area."""
    with _areas(args) as (db, service):
        if not service.index.entries:
            print(
                "No areas yet: run `kamtibmas areas import --kabupaten NAME` "
                "(or set DEFAULT_KABUPATEN and start the bot)."
            )
            return 0
        if args.name is None:
            _print_overview(db)
        else:
            _print_details(db, service, find_area(service, args.name, all_levels()))
    return 0


def _print_overview(db: Database) -> None:
    def read(
        session: Session,
    ) -> tuple[Sequence[Area], Sequence[Area], dict[int, int], dict[int | None, Polsek]]:
        kabupaten = q.areas_by_level(session, AreaLevel.KABUPATEN)
        kecamatan = q.areas_by_level(session, AreaLevel.KECAMATAN)
        counts = q.count_children(session, [k.id for k in kecamatan if k.id is not None])
        return kabupaten, kecamatan, counts, {p.id: p for p in q.all_polsek(session)}

    kabupaten, kecamatan, counts, polsek = db.call(read)
    for kab in kabupaten:
        own = [k for k in kecamatan if k.parent_id == kab.id]
        desa = sum(counts.get(k.id or 0, 0) for k in own)
        print(f"{kab.name}  #{kab.id}  ({len(own)} kecamatan, {desa} desa)")
        width = max((len(k.name) for k in own), default=0)
        for kec in own:
            count = counts.get(kec.id or 0, 0)
            cover = _polsek_text(polsek.get(kec.polsek_id)) if kec.polsek_id else "no Polsek"
            print(f"  #{kec.id:<6} {kec.name:<{width}}  {count:>3} desa   {cover}")
    uncovered = sum(1 for k in kecamatan if k.polsek_id is None)
    if uncovered:
        print(f"{uncovered} kecamatan without a Polsek (kamtibmas polsek set NAME --kecamatan K).")


def _print_details(db: Database, service: AreaService, entry: AreaEntry) -> None:
    def read(session: Session) -> tuple[Area, Area | None, Polsek | None, list[Area], set[int]]:
        area = q.get_area(session, entry.id)
        assert area is not None
        parent = q.get_area(session, area.parent_id) if area.parent_id else None
        neighbours = q.neighbour_ids(session, area) if area.level == AreaLevel.DESA else set()
        kids = list(q.children(session, entry.id))
        return area, parent, q.polsek_for_area(session, area), kids, neighbours

    area, parent, polsek, kids, neighbour_ids = db.call(read)
    print(f"{service.label(entry, with_parent=False)}  #{area.id}")
    rows = [("level", str(area.level))]
    if parent is not None:
        rows.append(("parent", f"{_label(service, parent.id)}  #{parent.id}"))
    if area.postal_code or area.level == AreaLevel.DESA:
        rows.append(("postal code", area.postal_code or "-"))
    if area.code:
        rows.append(("code", area.code))
    rows.append(("source", area.source_key or "added by an admin"))
    if area.level in (AreaLevel.KECAMATAN, AreaLevel.DESA, AreaLevel.DUSUN):
        rows.append(("Polsek", _polsek_text(polsek) if polsek else "none"))
    for key, value in rows:
        print(f"  {key + ':':<13} {value}")
    if area.level == AreaLevel.DESA:
        others = sorted(
            (e for i in neighbour_ids if (e := service.get(i)) is not None),
            key=lambda e: (e.kecamatan_id != entry.kecamatan_id, e.name),
        )
        print(f"  neighbours ({len(others)}):")
        for other in others:
            # Neighbours across the kecamatan border show where they are.
            label = service.label(other, with_parent=other.kecamatan_id != entry.kecamatan_id)
            print(f"    #{other.id:<6} {label}")
    if kids:
        kind = {AreaLevel.KABUPATEN: "kecamatan", AreaLevel.KECAMATAN: "desa"}.get(
            area.level, "dusun"
        )
        print(f"  {kind} ({len(kids)}):")
        for kid in kids:
            postal = f"  {kid.postal_code}" if kid.postal_code else ""
            print(f"    #{kid.id:<6} {kid.name}{postal}")


def _polsek_text(polsek: Polsek | None) -> str:
    if polsek is None:
        return "no Polsek"
    chat = f"duty chat {polsek.duty_chat_id}" if polsek.duty_chat_id else "no duty chat"
    return f"{polsek.name} ({chat})"


def _label(service: AreaService, area_id: int | None) -> str:
    entry = service.get(area_id) if area_id is not None else None
    return service.label(entry) if entry is not None else f"#{area_id}"


def cmd_areas_add_desa(args: argparse.Namespace) -> int:
    """Add a desa to a kecamatan."""
    with _areas(args) as (db, service):
        kecamatan = find_area(service, args.kecamatan, (AreaLevel.KECAMATAN,))
        area = _change(
            db,
            changes.add_desa,
            kecamatan.id,
            args.name,
            postal_code=args.postal_code,
            actor_label=ACTOR,
        )
    print(f"Added desa {area.name} #{area.id} to {service.label(kecamatan, with_parent=False)}.")
    return 0


def cmd_areas_rename(args: argparse.Namespace) -> int:
    """Rename an area."""
    with _areas(args) as (db, service):
        entry = find_area(service, args.area, all_levels())
        area = _change(db, changes.rename_area, entry.id, args.new_name, actor_label=ACTOR)
    print(f"Renamed #{area.id}: {entry.name} -> {area.name}.")
    if (area.source_key or "").startswith("areaid:"):
        print("Note: importing the same kabupaten again would restore the data's name.")
    return 0


def cmd_areas_neighbours(args: argparse.Namespace) -> int:
    """Make two desa neighbours, or not."""
    with _areas(args) as (db, service):
        first = find_area(service, args.first, (AreaLevel.DESA,))
        second = find_area(service, args.second, (AreaLevel.DESA,))
        changed = _change(
            db, changes.set_neighbours, first.id, second.id, linked=args.linked, actor_label=ACTOR
        )
        pair = f"{service.label(first)} and {service.label(second)}"
    if changed:
        print(f"{pair} are {'now' if args.linked else 'no longer'} neighbours.")
    else:
        print(f"Nothing changed: {pair} {'are' if args.linked else 'are not'} neighbours already.")
    return 0


# --- police sectors ---------------------------------------------------------------------------


def cmd_polsek_set(args: argparse.Namespace) -> int:
    """Create a Polsek (if new) and make it cover the given kecamatan."""
    with _areas(args) as (db, service):
        kecamatan = [find_area(service, k, (AreaLevel.KECAMATAN,)) for k in args.kecamatan]
        ids = list(dict.fromkeys(k.id for k in kecamatan))

        def store(session: Session) -> tuple[Polsek, dict[int, str]]:
            before = {}
            for kec_id in ids:
                area = q.get_area(session, kec_id)
                old = q.polsek_for_area(session, area) if area is not None else None
                before[kec_id] = old.name if old else ""
            polsek = changes.set_polsek_coverage(session, args.name, ids, actor_label=ACTOR)
            return polsek, before

        polsek, before = _change(db, store)
    print(f"{polsek.name} #{polsek.id} covers:")
    for kec_id in ids:
        was = before[kec_id]
        note = "" if was == polsek.name else f"  (was: {was or 'no Polsek'})"
        print(f"  {_label(service, kec_id)}{note}")
    if polsek.duty_chat_id is None:
        print(f'Next: kamtibmas polsek duty-chat "{polsek.name}" CHAT_ID')
    return 0


def cmd_polsek_duty_chat(args: argparse.Namespace) -> int:
    """Set or clear the duty chat of a Polsek."""
    settings = load_settings(args.config, require_token=False)
    chat_id = None if args.clear else args.chat_id
    with database(settings) as db:
        polsek = _change(db, changes.set_duty_chat, args.name, chat_id, actor_label=ACTOR)
    if chat_id is None:
        print(f"{polsek.name}: duty chat cleared; its reports go nowhere until one is set.")
        return 0
    print(f"{polsek.name}: duty chat set to {chat_id}.")
    if chat_id > 0:
        print("Note: a positive id is a private chat; a duty group's id is negative.")
    return 0


def cmd_polsek_list(args: argparse.Namespace) -> int:
    """Print each Polsek with its duty chat and the kecamatan it covers."""
    settings = load_settings(args.config, require_token=False)

    def read(session: Session) -> tuple[Sequence[Polsek], Sequence[Area]]:
        return q.all_polsek(session), q.areas_by_level(session, AreaLevel.KECAMATAN)

    with database(settings) as db:
        polsek, kecamatan = db.call(read)
    if not polsek:
        print("No Polsek yet: kamtibmas polsek set NAME --kecamatan K")
    for sector in polsek:
        covered = [k.name for k in kecamatan if k.polsek_id == sector.id]
        chat = sector.duty_chat_id if sector.duty_chat_id else "not set"
        print(f"{sector.name}  #{sector.id}  duty chat: {chat}")
        print(f"  covers: {', '.join(covered) if covered else 'no kecamatan'}")
    uncovered = [k.name for k in kecamatan if k.polsek_id is None]
    if polsek and uncovered:
        print(f"Not covered by any Polsek ({len(uncovered)}): {', '.join(uncovered)}")
    return 0


# --- helpers ------------------------------------------------------------------------------------


def _change(db: Database, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """Run a change in one transaction; an AreaError becomes the command's error message."""
    try:
        return db.call(fn, *args, **kwargs)
    except AreaError as exc:
        raise CommandError(str(exc), EXIT_UNCLEAR) from None
