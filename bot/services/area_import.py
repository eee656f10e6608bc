"""Load areas into the database: one kabupaten/kota from the `areaid` data package, or a CSV.

Both imports are idempotent: a second run changes nothing, a renamed area is updated in place
(matched by the data package's own id, or for CSV by its place in the hierarchy), never duplicated.
Areas that disappear from the data are left alone: reports and subscriptions may point at them.
At the first start the configured kabupaten (DEFAULT_KABUPATEN) is imported once
(`import_default_kabupaten`); imports are audited (`audit_import`).
"""

from __future__ import annotations

import csv
import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from sqlmodel import Session
from sqlmodel import select

from bot.services.area_search import area_key
from bot.services.area_search import compact_key
from bot.services.areas.names import plain
from storage import areas as q
from storage import queries
from storage.models import Area
from storage.models import AreaLevel


class AreaImportError(Exception):
    """The data cannot be imported; the message says why, for the person running the import."""


@dataclass
class ImportResult:
    """What an import changed."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    kabupaten: str = ""

    @property
    def changed(self) -> int:
        """Rows added or updated."""
        return self.added + self.updated


# --- the areaid data package ------------------------------------------------------------------


@functools.cache
def _provinces() -> list[dict[str, Any]]:
    """Every province of the package, each with its kabupaten → kecamatan → kelurahan tree."""
    folder = resources.files("areaid") / "data"
    provinces = []
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if item.name.endswith(".json"):
            provinces.extend(json.loads(item.read_text(encoding="utf-8")))
    return provinces


def areaid_kabupaten_names() -> list[str]:
    """Every kabupaten/kota name the package knows ("Kabupaten Pasuruan", "Kota Pasuruan")."""
    return [kab["kab_kota"] for prov in _provinces() for kab in prov["kabupaten"]]


def iter_areaid_desa() -> Iterator[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]]:
    """(kabupaten, kecamatan, desa) records of all of Indonesia, for benchmarks and checks."""
    for prov in _provinces():
        for kab in prov["kabupaten"]:
            for kec in kab["kecamatan"]:
                for desa in kec["kelurahan"]:
                    yield kab, kec, desa


def find_areaid_kabupaten(name: str) -> dict[str, Any]:
    """The package's record for one kabupaten/kota; raises with suggestions when unclear."""
    wanted = " ".join(name.split()).casefold()
    kabupaten = [kab for prov in _provinces() for kab in prov["kabupaten"]]
    exact = [kab for kab in kabupaten if kab["kab_kota"].casefold() == wanted]
    if len(exact) == 1:
        return exact[0]
    loose = [kab for kab in kabupaten if compact_key(kab["kab_kota"]) == compact_key(name)]
    if len(loose) == 1:
        return loose[0]
    if loose:
        names = ", ".join(kab["kab_kota"] for kab in loose)
        raise AreaImportError(f"'{name}' is ambiguous: {names}. Give the full name.")
    raise AreaImportError(
        f"No kabupaten/kota named '{name}' in the areaid data "
        "(use the full name, e.g. 'Kabupaten Pasuruan' or 'Kota Pasuruan')."
    )


def import_areaid(session: Session, kabupaten_name: str) -> ImportResult:
    """Import one kabupaten/kota with its kecamatan and desa from the areaid package."""
    record = find_areaid_kabupaten(kabupaten_name)
    importer = _Importer(session)
    kabupaten = importer.upsert(
        f"areaid:kab:{record['id']}",
        AreaLevel.KABUPATEN,
        record["kab_kota"],
        None,
        code=record.get("k_bsni"),
    )
    for kec in record["kecamatan"]:
        kecamatan = importer.upsert(
            f"areaid:kec:{kec['id']}", AreaLevel.KECAMATAN, kec["kec"], kabupaten
        )
        for desa in kec["kelurahan"]:
            postal = str(desa["pos"]) if desa.get("pos") else None
            importer.upsert(
                f"areaid:desa:{desa['id']}",
                AreaLevel.DESA,
                desa["kelu"],
                kecamatan,
                postal_code=postal,
            )
    importer.result.kabupaten = record["kab_kota"]
    return importer.result


# --- the first start --------------------------------------------------------------------------


def default_kabupaten_present(session: Session, wanted: str) -> bool:
    """Whether a kabupaten named `wanted` is there, so DEFAULT_KABUPATEN needs no import."""
    present = q.areas_by_level(session, AreaLevel.KABUPATEN)
    return any(plain(area.name) == plain(wanted) for area in present)


def import_default_kabupaten(
    session: Session, wanted: str, *, actor_label: str
) -> ImportResult | None:
    """Import the configured kabupaten/kota (DEFAULT_KABUPATEN) from the areaid data unless it is
    there already; None if nothing ran.

    Already imported costs one query: the kabupaten rows (a handful) are compared by name.
    """
    if default_kabupaten_present(session, wanted):
        return None
    present = q.areas_by_level(session, AreaLevel.KABUPATEN)
    key = area_key(AreaLevel.KABUPATEN, wanted)
    same_key = [area for area in present if area_key(AreaLevel.KABUPATEN, area.name) == key]
    # A deployment's own list (CSV, "Kab. Pasuruan") counts by name; an areaid row only by its
    # data key, so that a kabupaten an admin renamed is not imported again.
    if any(not (area.source_key or "").startswith("areaid:") for area in same_key):
        return None
    record = find_areaid_kabupaten(wanted)
    if any(area.source_key == f"areaid:kab:{record['id']}" for area in present):
        return None  # imported, then renamed by an admin: a re-import would undo the rename
    result = import_areaid(session, record["kab_kota"])
    audit_import(session, result, result.kabupaten, actor_label=actor_label)
    return result


def audit_import(session: Session, result: ImportResult, source: str, *, actor_label: str) -> None:
    """Write who imported what into the audit log, if the import changed anything."""
    if result.changed:
        queries.add_audit(
            session,
            "area.import",
            actor_label=actor_label,
            target=source,
            details=f"added={result.added} updated={result.updated}",
        )


# --- CSV --------------------------------------------------------------------------------------

CSV_COLUMNS = ("kabupaten", "kecamatan", "desa")
CSV_OPTIONAL = ("kode_pos", "dusun")


def import_csv(session: Session, path: Path) -> ImportResult:
    """Import areas from a CSV with the columns kabupaten, kecamatan, desa[, kode_pos, dusun].

    Rows are matched by name within their parent (ignoring case, spaces and abbreviations), so a
    deployment's own list can add to an areaid import without duplicating what is there.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise AreaImportError(f"Cannot read {path}: {exc}") from exc
    reader = csv.DictReader(text.splitlines())
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [column for column in CSV_COLUMNS if column not in header]
    if missing:
        raise AreaImportError(
            f"{path}: missing column(s) {', '.join(missing)}; the header must name "
            f"{', '.join(CSV_COLUMNS)} (optional: {', '.join(CSV_OPTIONAL)})."
        )
    importer = _Importer(session)
    for line, raw in enumerate(reader, start=2):
        row = {key.strip().lower(): (value or "").strip() for key, value in raw.items() if key}
        names = [row.get(column, "") for column in CSV_COLUMNS]
        if not all(names) or any(len(name) > 128 for name in names):
            raise AreaImportError(
                f"{path}, line {line}: kabupaten, kecamatan and desa are needed "
                "(at most 128 characters each)."
            )
        kabupaten = importer.by_name(AreaLevel.KABUPATEN, names[0], None)
        kecamatan = importer.by_name(AreaLevel.KECAMATAN, names[1], kabupaten)
        desa = importer.by_name(
            AreaLevel.DESA, names[2], kecamatan, postal_code=row.get("kode_pos") or None
        )
        if row.get("dusun"):
            importer.by_name(AreaLevel.DUSUN, row["dusun"][:128], desa)
    return importer.result


class _Importer:
    """Inserts or updates areas one by one, counting what changed."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.result = ImportResult()
        self._by_key = {
            area.source_key: area
            for area in session.exec(select(Area).where(Area.source_key.is_not(None))).all()  # type: ignore[union-attr]
        }
        self._children: dict[tuple[int | None, AreaLevel], dict[str, Area]] = {}
        self._counted: set[int | None] = set()

    def upsert(
        self,
        key: str,
        level: AreaLevel,
        name: str,
        parent: Area | None,
        *,
        postal_code: str | None = None,
        code: str | None = None,
    ) -> Area:
        area = self._by_key.get(key)
        if area is None:
            area = Area(level=level, name=name, source_key=key)
            self.result.added += 1
        elif (area.name, area.parent_id, area.postal_code, area.code) == (
            name,
            parent.id if parent else None,
            postal_code,
            code,
        ):
            self.result.unchanged += 1
            return area
        else:
            self.result.updated += 1
        area.name, area.postal_code, area.code = name, postal_code, code
        area.parent_id = parent.id if parent else None
        self.session.add(area)
        self.session.flush()
        self._by_key[key] = area
        return area

    def by_name(
        self, level: AreaLevel, name: str, parent: Area | None, *, postal_code: str | None = None
    ) -> Area:
        parent_id = parent.id if parent else None
        siblings = self._children.get((parent_id, level))
        if siblings is None:
            rows = self.session.exec(
                select(Area).where(Area.parent_id == parent_id, Area.level == level)
            ).all()
            siblings = self._children[(parent_id, level)] = {
                area_key(level, area.name): area for area in rows
            }
        area = siblings.get(area_key(level, name))
        if area is not None:
            if postal_code and area.postal_code != postal_code:
                area.postal_code = postal_code
                self.session.add(area)
                self.result.updated += 1
            elif area.id not in self._counted:
                # A kabupaten or kecamatan is named on many rows; count it once.
                self.result.unchanged += 1
            self._counted.add(area.id)
            return area
        area = Area(level=level, name=name, parent_id=parent_id, postal_code=postal_code)
        self.session.add(area)
        self.session.flush()
        siblings[area_key(level, name)] = area
        self._counted.add(area.id)
        self.result.added += 1
        return area
