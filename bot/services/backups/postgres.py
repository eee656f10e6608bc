"""PostgreSQL: backups are pg_dump's custom format of the bot's schema; restores replay them
with pg_restore and psql in one transaction. The client programs must be as new as the server
(Debian: `apt install postgresql-client-15` for a version 15 server)."""

from __future__ import annotations

import functools
import glob
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.engine import Engine
from sqlalchemy.engine import make_url

from bot.services.backups.types import BackupError

TIMEOUT_SECONDS = 3600
# pg_restore --list: "216; 1259 16389 TABLE public reports kamtibmas"
_TOC_TABLE = re.compile(r"^\d+; \d+ \d+ TABLE (?!DATA )(\S+) (\S+) ", re.MULTILINE)
_TOC_SCHEMA = re.compile(r"^\d+; \d+ \d+ SCHEMA - (\S+) ", re.MULTILINE)


@dataclass(frozen=True)
class Server:
    """How the client programs reach the database of a SQLAlchemy URL."""

    dsn: str  # a libpq URI without the password
    env: dict[str, str]  # the environment of the programs: PGPASSWORD when there is one
    schema: str  # the bot's schema (the URL's search_path, else the user's default)
    major: int  # the server's major version

    @classmethod
    def of(cls, url: str, engine: Engine) -> Server:
        parsed = make_url(url)
        env = dict(os.environ)
        if parsed.password:
            env["PGPASSWORD"] = str(parsed.password)
        dsn = parsed.set(drivername="postgresql", password=None).render_as_string(
            hide_password=False
        )
        with engine.connect() as connection:
            schema = connection.execute(text("SELECT current_schema()")).scalar_one()
            number = int(connection.execute(text("SHOW server_version_num")).scalar_one())
        if schema is None:  # the search_path names no schema that exists
            raise BackupError(
                "Skema database tidak ada / the schema of DATABASE_URL's search_path does not "
                "exist: create it first (CREATE SCHEMA ...)"
            )
        return cls(dsn=dsn, env=env, schema=str(schema), major=number // 10000)

    def tool(self, name: str) -> str:
        """The path of pg_dump, pg_restore or psql, at least as new as the server."""
        return _tool(name, self.major)

    def run(self, command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        return _run(command, self.env, **kwargs)


@functools.cache
def _tool(name: str, major: int) -> str:
    """The client program `name` of version `major` or newer (looked up once per process)."""
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    found = next((c for c in candidates if f"/{major}/" in c), None)
    path = found or (candidates[-1] if candidates else None) or shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} tidak terpasang / {name} is not installed: install the PostgreSQL "
            f"client programs of version {major} (Debian: postgresql-client-{major})"
        )
    version = _run([path, "--version"], dict(os.environ)).stdout
    # "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"
    found_major = re.search(r"\(PostgreSQL\) (\d+)", version)
    if found_major and int(found_major.group(1)) < major:
        raise BackupError(
            f"{path} ({version.strip()}) lebih lama dari server / is older than the server "
            f"(version {major}): install postgresql-client-{major}"
        )
    return path


def _run(
    command: list[str], env: dict[str, str], **kwargs: object
) -> subprocess.CompletedProcess[str]:
    result: subprocess.CompletedProcess[str] = subprocess.run(  # type: ignore[call-overload]
        command,
        env=env,
        text=True,
        capture_output="stdout" not in kwargs,
        check=False,
        timeout=TIMEOUT_SECONDS,
        **kwargs,
    )
    return result


def dump(server: Server, target: Path) -> None:
    """pg_dump's custom format of the bot's schema into the existing (0600) file `target`."""
    pg_dump = server.tool("pg_dump")
    command = [pg_dump, "--format=custom", "--no-owner", "--no-privileges"]
    # Quoted: the schema's exact name, not a pattern (capitals, dots).
    command += ["--schema", f'"{server.schema}"', "--dbname", server.dsn]
    with target.open("wb") as out:
        result = server.run(command, stdout=out, stderr=subprocess.PIPE)
    if result.returncode != 0:
        raise BackupError(f"pg_dump gagal / pg_dump failed: {(result.stderr or '').strip()}")


def inspect(server: Server, path: Path) -> tuple[str, str]:
    """(schema dumped, schema revision) of the dump `path`: pg_restore must be able to read it
    whole, and it must hold one alembic_version row."""
    pg_restore = server.tool("pg_restore")
    listed = server.run([pg_restore, "--list", str(path)])
    if listed.returncode != 0:
        raise BackupError(
            "File cadangan tidak terbaca oleh pg_restore / pg_restore cannot read the backup "
            f"file: {path} ({listed.stderr.strip()})"
        )
    schemas = {schema for schema, _name in _TOC_TABLE.findall(listed.stdout)}
    schemas |= set(_TOC_SCHEMA.findall(listed.stdout))
    if len(schemas) != 1:
        raise BackupError(
            f"Cadangan harus berisi satu skema / the dump must hold one schema: {path}"
        )
    (schema,) = schemas
    # The data of alembic_version, as the COPY block of a script.
    data = server.run(
        [pg_restore, "--data-only", "--table", "alembic_version", "--file", "-", str(path)]
    )
    rows = _copy_rows(data.stdout, "alembic_version")
    if data.returncode != 0 or len(rows) != 1:
        raise BackupError(
            "Bukan cadangan Kamtibmas Bot / not a Kamtibmas Bot backup (no single "
            f"alembic_version row): {path}"
        )
    # The whole file must read: a cut-off dump fails here, not half way through a restore.
    whole = server.run([pg_restore, "--file", os.devnull, str(path)])
    if whole.returncode != 0:
        raise BackupError(
            f"File cadangan rusak / the backup file is damaged: {whole.stderr.strip()}"
        )
    return schema, rows[0]


def _copy_rows(script: str, table: str) -> list[str]:
    """The rows of `table`'s COPY block in a pg_restore script."""
    rows: list[str] = []
    inside = False
    for line in script.splitlines():
        if line.startswith("COPY ") and f".{table} " in line:
            inside = True
        elif inside and line == "\\.":
            break
        elif inside:
            rows.append(line)
    return rows


def restore(server: Server, engine: Engine, path: Path, dumped_schema: str) -> None:
    """Replace every table of the bot's schema with the dump's, in one transaction (psql
    --single-transaction): if anything fails, the database is as it was."""
    target = server.schema
    with engine.connect() as connection:
        tables, sequences = _contents(connection, target)
        other_exists = dumped_schema != target and bool(
            connection.execute(
                text("SELECT 1 FROM pg_namespace WHERE nspname = :s"), {"s": dumped_schema}
            ).first()
        )
    if other_exists:
        raise BackupError(
            f"Skema cadangan '{dumped_schema}' sudah ada di database ini / the dump's schema "
            f"'{dumped_schema}' exists in this database besides '{target}': restore into a "
            "database without it"
        )
    pg_restore = server.tool("pg_restore")
    listed = server.run([pg_restore, "--list", str(path)]).stdout
    # Every entry but the schema itself (and its comment): the target schema exists already,
    # and a comment on `public` needs its owner.
    entries = [
        line
        for line in listed.splitlines()
        if line and not re.match(r"^\d+; \d+ \d+ (SCHEMA|COMMENT) - ", line)
    ]
    list_file = path.with_name(f".{path.name}.list")
    list_file.write_text("\n".join(entries) + "\n")
    try:
        script = server.run(
            [
                pg_restore,
                "--no-owner",
                "--no-privileges",
                "--use-list",
                str(list_file),
                "--file",
                "-",
                str(path),
            ]
        )
    finally:
        list_file.unlink(missing_ok=True)
    if script.returncode != 0:
        raise BackupError(f"pg_restore gagal / pg_restore failed: {script.stderr.strip()}")
    before = _drops(target, tables, sequences)
    after: list[str] = []
    if dumped_schema != target:
        before.append(f'CREATE SCHEMA "{dumped_schema}";')
        moved = sorted({name for _schema, name in _TOC_TABLE.findall(listed)})
        after = [f'ALTER TABLE "{dumped_schema}"."{name}" SET SCHEMA "{target}";' for name in moved]
        after.append(f'DROP SCHEMA "{dumped_schema}";')
    psql = server.tool("psql")
    replay = "\n".join([*before, script.stdout, *after]) + "\n"
    result = server.run(
        [
            psql,
            "--no-psqlrc",
            "--quiet",
            "--single-transaction",
            "--set",
            "ON_ERROR_STOP=1",
            "--dbname",
            server.dsn,
        ],
        input=replay,
    )
    if result.returncode != 0:
        raise BackupError(
            "Pemulihan gagal, database tidak diubah / the restore failed, the database is "
            f"unchanged: {result.stderr.strip()[-2000:]}"
        )


def live_workers(engine: Engine, stale_after: float) -> int:
    """How many bot processes wrote a delivery heartbeat in the last `stale_after` seconds
    (on the server's clock, as the delivery engine judges them)."""
    query = text(
        "SELECT count(*) FROM delivery_workers "
        "WHERE last_seen >= extract(epoch from clock_timestamp()) - :stale"
    )
    with engine.connect() as connection:
        has_table = connection.execute(
            text("SELECT to_regclass('delivery_workers') IS NOT NULL")
        ).scalar_one()
        if not has_table:
            return 0
        return int(connection.execute(query, {"stale": stale_after}).scalar_one())


def _contents(connection: Connection, schema: str) -> tuple[list[str], list[str]]:
    """The tables and sequences of `schema`."""
    tables = connection.execute(
        text("SELECT tablename FROM pg_tables WHERE schemaname = :s"), {"s": schema}
    ).scalars()
    sequences = connection.execute(
        text("SELECT sequencename FROM pg_sequences WHERE schemaname = :s"), {"s": schema}
    ).scalars()
    return list(tables), list(sequences)


def _drops(schema: str, tables: list[str], sequences: list[str]) -> list[str]:
    drops = [f'DROP TABLE IF EXISTS "{schema}"."{name}" CASCADE;' for name in tables]
    return drops + [f'DROP SEQUENCE IF EXISTS "{schema}"."{name}" CASCADE;' for name in sequences]


def empty_schema(engine: Engine) -> None:
    """Drop every table and sequence of the bot's schema (the schema itself stays)."""
    with engine.begin() as connection:
        schema = str(connection.execute(text("SELECT current_schema()")).scalar_one())
        for statement in _drops(schema, *_contents(connection, schema)):
            connection.execute(text(statement))
