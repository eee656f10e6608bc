"""Copy every row of one database into another (SQLite to PostgreSQL, say): both at the same
schema revision, the target empty; tables in the order their foreign keys need
(`metadata.sorted_tables`), then the target's id sequences moved past the copied ids."""

from __future__ import annotations

from sqlalchemy import Table
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.engine import Engine

from bot.services.backups.types import BackupError

BATCH = 1000


def copy_rows(source: Engine, target: Engine) -> dict[str, int]:
    """Copy every table's rows from `source` to `target` in one target transaction (all or
    nothing) read from one source snapshot; return table -> rows copied."""
    from sqlmodel import SQLModel

    import storage.models  # noqa: F401 (every table in the metadata)

    tables = SQLModel.metadata.sorted_tables
    copied: dict[str, int] = {}
    with source.connect() as reading, target.begin() as writing:
        reading.begin()  # one read transaction: a consistent snapshot of a live database
        full = [
            t.name for t in tables if writing.execute(select(func.count()).select_from(t)).scalar()
        ]
        if full:
            raise BackupError(
                "Database tujuan tidak kosong / the target database is not empty: "
                + ", ".join(full[:5])
            )
        for table in tables:
            count = 0
            result = reading.execute(select(table)).mappings()
            for batch in result.partitions(BATCH):
                writing.execute(table.insert(), [dict(row) for row in batch])
                count += len(batch)
            copied[table.name] = count
        if writing.dialect.name == "postgresql":
            _reset_sequences(writing, tables)
    return copied


def _reset_sequences(connection: Connection, tables: list[Table]) -> None:
    """Each serial id's next value past the copied rows (the rows came with their ids)."""
    for table in tables:
        for column in table.primary_key.columns:
            sequence = connection.execute(
                text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": column.name}
            ).scalar()
            if sequence is None:  # not a serial column (a text key, a plain id)
                continue
            connection.execute(
                text(
                    f'SELECT setval(:s, coalesce((SELECT max("{column.name}") FROM '
                    f'"{table.name}"), 0) + 1, false)'
                ),
                {"s": sequence},
            )
