"""Importing areas from the areaid data package and from CSV, on each database backend."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session
from sqlmodel import select

from bot.services.area_import import AreaImportError
from bot.services.area_import import import_areaid
from bot.services.area_import import import_csv
from storage import areas as q
from storage.db import Database
from storage.models import Area
from storage.models import AreaLevel

LUMBANG_DESA = {
    "Banjarimbo",
    "Bulukandang",
    "Cukurguling",
    "Karang Asem",
    "Karang Jati",
    "Kronto",
    "Lumbang",
    "Pancur",
    "Panditan",
    "Watulumbung",
    "Welulang",
    "Wonorejo",
}


def _count(db: Database, level: AreaLevel) -> int:
    return len(db.call(q.areas_by_level, level))


def _area(session: Session, level: AreaLevel, name: str, parent_id: int | None) -> Area:
    statement = select(Area).where(
        Area.level == level, Area.name == name, Area.parent_id == parent_id
    )
    return session.exec(statement).one()


def _lumbang(session: Session) -> Area:
    kabupaten = _area(session, AreaLevel.KABUPATEN, "Kabupaten Pasuruan", None)
    return _area(session, AreaLevel.KECAMATAN, "Lumbang", kabupaten.id)


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "areas.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def imported_db(db: Database) -> Database:
    """The test database with Kabupaten Pasuruan imported."""
    db.call(import_areaid, "Kabupaten Pasuruan")
    return db


# --- areaid -----------------------------------------------------------------------------------


def test_kabupaten_pasuruan_has_24_kecamatan_and_365_desa(db: Database) -> None:
    result = db.call(import_areaid, "Kabupaten Pasuruan")
    assert (result.added, result.updated, result.unchanged) == (390, 0, 0)
    assert result.kabupaten == "Kabupaten Pasuruan"
    assert _count(db, AreaLevel.KABUPATEN) == 1
    assert _count(db, AreaLevel.KECAMATAN) == 24
    assert _count(db, AreaLevel.DESA) == 365
    kabupaten = db.call(q.areas_by_level, AreaLevel.KABUPATEN)[0]
    assert kabupaten.code == "PSR"

    def lumbang_desa(session: Session) -> list[Area]:
        return list(q.children(session, _lumbang(session).id or 0))

    desa = db.call(lumbang_desa)
    assert {area.name for area in desa} == LUMBANG_DESA
    assert {area.postal_code for area in desa} == {"67183"}
    assert {area.level for area in desa} == {AreaLevel.DESA}


def test_a_second_import_changes_nothing(imported_db: Database) -> None:
    before = {(a.id, a.name, a.parent_id, a.postal_code) for a in imported_db.call(q.all_areas)}
    # Spelled differently, the same kabupaten.
    result = imported_db.call(import_areaid, "  kabupaten   PASURUAN ")
    assert (result.added, result.updated, result.unchanged) == (0, 0, 390)
    after = {(a.id, a.name, a.parent_id, a.postal_code) for a in imported_db.call(q.all_areas)}
    assert after == before


def test_a_renamed_desa_is_updated_in_place_not_duplicated(imported_db: Database) -> None:
    def rename(session: Session) -> int:
        desa = _area(session, AreaLevel.DESA, "Kronto", _lumbang(session).id)
        desa.name, desa.postal_code = "Kronto Lama", "99999"
        session.add(desa)
        return desa.id or 0

    desa_id = imported_db.call(rename)
    result = imported_db.call(import_areaid, "Kabupaten Pasuruan")
    assert (result.added, result.updated, result.unchanged) == (0, 1, 389)
    desa = imported_db.call(q.get_area, desa_id)
    assert desa is not None
    assert (desa.name, desa.postal_code) == ("Kronto", "67183")
    assert len(imported_db.call(q.all_areas)) == 390


def test_pasuruan_alone_is_ambiguous(db: Database) -> None:
    with pytest.raises(AreaImportError) as error:
        db.call(import_areaid, "Pasuruan")
    assert "Kabupaten Pasuruan" in str(error.value)
    assert "Kota Pasuruan" in str(error.value)
    assert db.call(q.all_areas) == []


def test_an_unknown_kabupaten_is_refused(db: Database) -> None:
    with pytest.raises(AreaImportError, match="No kabupaten/kota named 'Atlantis'"):
        db.call(import_areaid, "Atlantis")


def test_kota_and_kabupaten_of_the_same_name_are_two_areas(imported_db: Database) -> None:
    result = imported_db.call(import_areaid, "Kota Pasuruan")
    assert result.kabupaten == "Kota Pasuruan"
    assert result.added > 1 and result.unchanged == 0
    names = {area.name for area in imported_db.call(q.areas_by_level, AreaLevel.KABUPATEN)}
    assert names == {"Kabupaten Pasuruan", "Kota Pasuruan"}


# --- CSV --------------------------------------------------------------------------------------


def test_csv_adds_to_an_areaid_import_without_duplicates(
    imported_db: Database, tmp_path: Path
) -> None:
    path = _csv(
        tmp_path,
        "\ufeffKabupaten, Kecamatan ,DESA,kode_pos,dusun\n"
        "Kabupaten Pasuruan,Lumbang,Karang Jati,,Krajan\n"
        # Abbreviated and without spaces: the same desa.
        "Kab. Pasuruan,Kec. Lumbang,Krg. Jati,67183,Sumberwaru\n"
        "Kabupaten Pasuruan,Lumbang,KarangJati,,\n"
        "Kabupaten Pasuruan,Lumbang,Tegalsari,67184,\n",
    )
    result = imported_db.call(import_csv, path)
    assert (result.added, result.updated) == (3, 0)  # two dusun and one desa

    def lumbang(session: Session) -> tuple[list[str], list[Area], str | None]:
        kecamatan = _lumbang(session)
        desa = list(q.children(session, kecamatan.id or 0))
        karang_jati = [area for area in desa if area.name == "Karang Jati"]
        assert len(karang_jati) == 1
        dusun = [area.name for area in q.children(session, karang_jati[0].id or 0)]
        new = next(area for area in desa if area.name == "Tegalsari")
        return dusun, desa, new.postal_code

    dusun, desa, postal = imported_db.call(lumbang)
    assert dusun == ["Krajan", "Sumberwaru"]
    assert len(desa) == 13
    assert postal == "67184"
    assert {a.level for a in imported_db.call(q.all_areas) if a.name == "Krajan"} == {
        AreaLevel.DUSUN
    }
    assert len(imported_db.call(q.all_areas)) == 393

    again = imported_db.call(import_csv, path)
    assert (again.added, again.updated) == (0, 0)
    assert len(imported_db.call(q.all_areas)) == 393


def test_csv_builds_a_hierarchy_in_an_empty_database(db: Database, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "kabupaten,kecamatan,desa\n"
        "Kabupaten Contoh,Kecamatan Satu,Desa A\n"
        "Kabupaten Contoh,Kecamatan Satu,Desa B\n"
        "Kabupaten Contoh,Kecamatan Dua,Desa A\n",
    )
    result = db.call(import_csv, path)
    assert result.added == 6
    assert _count(db, AreaLevel.KABUPATEN) == 1
    assert _count(db, AreaLevel.KECAMATAN) == 2
    assert _count(db, AreaLevel.DESA) == 3
    # A CSV area has no data-package key: it is matched by its place and name.
    assert {area.source_key for area in db.call(q.all_areas)} == {None}


def test_csv_corrects_a_postal_code(imported_db: Database, tmp_path: Path) -> None:
    path = _csv(
        tmp_path, "kabupaten,kecamatan,desa,kode_pos\nKabupaten Pasuruan,Lumbang,Kronto,67100\n"
    )
    result = imported_db.call(import_csv, path)
    assert (result.added, result.updated) == (0, 1)

    def kronto(session: Session) -> str | None:
        return _area(session, AreaLevel.DESA, "Kronto", _lumbang(session).id).postal_code

    assert imported_db.call(kronto) == "67100"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("kabupaten,desa\nA,B\n", "missing column(s) kecamatan"),
        ("", "missing column(s) kabupaten, kecamatan, desa"),
        ("kabupaten;kecamatan;desa\nA;B;C\n", "missing column(s) kabupaten, kecamatan, desa"),
        ("kabupaten,kecamatan,desa\nA,B,C\nA,,C\n", "line 3: kabupaten, kecamatan and desa"),
        ("kabupaten,kecamatan,desa\nA,B," + "x" * 129 + "\n", "line 2"),
    ],
)
def test_a_bad_csv_is_refused_and_nothing_is_written(
    db: Database, tmp_path: Path, text: str, message: str
) -> None:
    path = _csv(tmp_path, text)
    with pytest.raises(AreaImportError) as error:
        db.call(import_csv, path)
    assert message in str(error.value)
    # The whole file is one transaction: a bad line 3 leaves line 2 unwritten too.
    assert db.call(q.all_areas) == []


def test_a_missing_csv_file_is_explained(db: Database, tmp_path: Path) -> None:
    with pytest.raises(AreaImportError, match="Cannot read"):
        db.call(import_csv, tmp_path / "nope.csv")


def test_csv_rows_of_a_kota_do_not_land_in_the_kabupaten_of_the_same_name(
    imported_db: Database, tmp_path: Path
) -> None:
    path = _csv(
        tmp_path,
        "kabupaten,kecamatan,desa\n"
        "Kota Pasuruan,Bugul Kidul,Blandongan\n"
        "Kota Pasuruan,Bugul Kidul,Kepel\n"
        "Kabupaten Pasuruan,Lumbang,Kronto\n",
    )
    result = imported_db.call(import_csv, path)
    # Kota, kecamatan and two desa are new; Kabupaten Pasuruan, Lumbang and Kronto counted once.
    assert (result.added, result.updated, result.unchanged) == (4, 0, 3)
    kota = imported_db.call(_area, AreaLevel.KABUPATEN, "Kota Pasuruan", None)
    bugul = imported_db.call(_area, AreaLevel.KECAMATAN, "Bugul Kidul", kota.id)
    assert [a.name for a in imported_db.call(q.children, bugul.id)] == ["Blandongan", "Kepel"]
    assert _count(imported_db, AreaLevel.KECAMATAN) == 25


def test_the_default_kabupaten_is_told_apart_from_the_kota(
    imported_db: Database, tmp_path: Path
) -> None:
    from bot.services.areas import AreaService

    imported_db.call(import_areaid, "Kota Pasuruan")
    for name in ("Kabupaten Pasuruan", "Kab. Pasuruan", "Kota Pasuruan"):
        service = AreaService(imported_db, default_kabupaten=name)
        service.load_sync()
        expected = "Kota Pasuruan" if name.startswith("Kota") else "Kabupaten Pasuruan"
        assert service.default_kabupaten.name == expected
        assert len(service.kecamatan_list()) == (4 if expected == "Kota Pasuruan" else 24)
