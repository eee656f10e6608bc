"""`kamtibmas backup [DIR]`, `restore FILE` and `db copy --to URL`: a consistent copy of the
running bot's database, putting one back, and moving the data to another database (SQLite to
PostgreSQL). The work is in bot/services/backups; this module parses and prints."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from bot.cli.common import EXIT_CONFIG
from bot.cli.common import CommandError
from bot.config import Settings
from bot.config import load_settings
from bot.config import mask_url_password


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `backup` and `restore`."""
    backup = commands.add_parser("backup", help="a backup of the database, now")
    backup.add_argument(
        "folder",
        nargs="?",
        type=Path,
        metavar="DIR",
        help="where to write it (default: BACKUP_DIR, data/backups)",
    )
    backup.set_defaults(func=cmd_backup)
    restore = commands.add_parser("restore", help="put a backup back (the bot must be stopped)")
    restore.add_argument("file", type=Path, metavar="FILE", help="a file `kamtibmas backup` wrote")
    restore.set_defaults(func=cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    """Write a backup and print its path and size."""
    from bot.services.backups import BackupError
    from bot.services.backups import make_backup
    from bot.services.backups.files import human_size

    settings = load_settings(args.config, require_token=False)
    folder = args.folder or settings.backup_dir
    if folder is None:
        raise CommandError(
            "BACKUP_DIR kosong (cadangan harian mati); sebutkan folder / BACKUP_DIR is empty "
            "(daily backups off): give a folder, e.g. `kamtibmas backup /var/backups/kamtibmas`",
            EXIT_CONFIG,
        )
    try:
        backup = make_backup(settings.database_url, folder)
    except BackupError as exc:
        raise CommandError(str(exc)) from None
    made = dt.datetime.fromtimestamp(backup.path.stat().st_mtime, settings.timezone)
    print(f"Backup written / cadangan dibuat: {backup.path}")
    print(
        f"  size {human_size(backup.size)} ({backup.size} bytes), readable by its owner only (0600)"
    )
    print(f"  made with {backup.method}")
    print(f"  at {made:%Y-%m-%d %H:%M:%S} {made.tzname()} (the name carries the time in UTC, Z)")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Check FILE, keep the current database aside, restore, migrate forward."""
    from bot.services.backups import BackupError
    from bot.services.backups import restore

    settings = load_settings(args.config, require_token=False)
    try:
        done = restore(args.file, settings.database_url, aside=aside_folder(settings))
    except BackupError as exc:
        raise CommandError(str(exc)) from None
    what = done.inspection
    print(f"Checked / diperiksa: {what.path} ({what.kind}, schema revision {what.revision})")
    if done.kept_aside:
        print(f"Kept aside / database sebelumnya disimpan: {done.kept_aside}")
    else:
        print("There was no database before / belum ada database sebelumnya.")
    print(f"Restored into / dipulihkan ke: {mask_url_password(settings.database_url)}")
    if done.migrated_from:
        print(f"Schema migrated forward from {done.migrated_from} / skema diperbarui.")
    print("Start the bot again / jalankan bot lagi: systemctl start kamtibmas (or make run)")
    return 0


def cmd_db_copy(args: argparse.Namespace) -> int:
    """Copy every row of the configured database into the empty database at --to."""
    from bot.services.backups import BackupError
    from bot.services.backups import bot_running
    from bot.services.backups import copy_database

    settings = load_settings(args.config, require_token=False)
    target = args.to
    if target.startswith(("postgresql://", "postgres://")):
        target = "postgresql+psycopg://" + target.split("://", 1)[1]
    try:
        if running := bot_running(settings.database_url):
            raise BackupError(
                "Bot sedang berjalan; hentikan dulu / the bot is running; stop it first, so "
                f"nothing written after the copy is lost: {running}"
            )
        copied = copy_database(settings.database_url, target)
    except BackupError as exc:
        raise CommandError(str(exc)) from None
    print(f"Copied / disalin: {sum(copied.values())} rows of {len(copied)} tables")
    print(f"  from {mask_url_password(settings.database_url)}")
    print(f"  to   {mask_url_password(target)}")
    for table, count in copied.items():
        if count:
            print(f"  {table:<24}{count:>8}")
    print("Now set DATABASE_URL to the new database in config.env and start the bot.")
    return 0


def aside_folder(settings: Settings) -> Path:
    """Where a restore keeps the database it replaces: the backup folder, or (backups off) the
    `data` folder next to config.env."""
    return settings.backup_dir or settings.base_dir / "data"
