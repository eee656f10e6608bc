"""The one area-name resolver (AreaService.resolve), as the bot and the command line use it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.services.area_search import AreaEntry
from bot.services.areas import AreaService
from storage.db import Database
from storage.models import AreaLevel

DESA, KECAMATAN = AreaLevel.DESA, AreaLevel.KECAMATAN
BOTH = (DESA, KECAMATAN)


@pytest.fixture
def areas(pasuruan: str) -> Iterator[AreaService]:
    """The area service over Kabupaten Pasuruan's areas."""
    database = Database(pasuruan, pool_size=1)
    service = AreaService(database)
    service.load_sync()
    yield service
    database.close()


def named(areas: AreaService, level: AreaLevel, name: str, kecamatan: str = "") -> AreaEntry:
    """The one indexed area of this level and name (inside `kecamatan`, if given)."""
    (found,) = [
        e
        for e in areas.index.entries
        if e.level == level
        and e.name == name
        and (not kecamatan or areas.get(e.kecamatan_id or 0).name == kecamatan)
    ]
    return found


def test_a_level_word_picks_the_kecamatan_or_the_desa(areas: AreaService) -> None:
    lumbang = named(areas, KECAMATAN, "Lumbang")
    assert areas.resolve("Kec. Lumbang", BOTH) == lumbang
    assert areas.resolve("kecamatan  lumbang", BOTH) == lumbang
    assert areas.resolve("Desa Lumbang", BOTH) == named(areas, DESA, "Lumbang")
    both = areas.resolve("Lumbang", BOTH)
    assert isinstance(both, list) and {m.entry.level for m in both} == {DESA, KECAMATAN}


def test_a_kecamatan_named_where_a_desa_is_needed_is_not_taken(areas: AreaService) -> None:
    found = areas.resolution("Kec. Lumbang", (DESA,))
    assert found.entry is None and found.named_level == KECAMATAN
    assert [m.entry for m in found.candidates] == [named(areas, DESA, "Lumbang")]


@pytest.mark.parametrize(
    ("typed", "kecamatan"),
    [
        ("Karang Jati (Kec. Lumbang)", "Lumbang"),
        ("Karang Jati (Lumbang)", "Lumbang"),
        ("krg jati, Pandaan", "Pandaan"),
    ],
)
def test_a_name_with_its_kecamatan_names_one_desa(
    areas: AreaService, typed: str, kecamatan: str
) -> None:
    assert areas.resolve(typed, BOTH) == named(areas, DESA, "Karang Jati", kecamatan)


def test_a_name_in_two_places_gives_both_and_an_id_gives_one(areas: AreaService) -> None:
    found = areas.resolution("karangjati", BOTH)
    assert found.entry is None and found.same_name
    assert {areas.label(m.entry) for m in found.candidates} == {
        "Karang Jati (Kec. Lumbang)",
        "Karang Jati (Kec. Pandaan)",
    }
    kronto = named(areas, DESA, "Kronto")
    assert areas.resolve(f"#{kronto.id}", (DESA,)) == kronto
    assert areas.resolve(f"#{kronto.id}", (KECAMATAN,)) == []


def test_an_unknown_name_gives_near_spellings(areas: AreaService) -> None:
    found = areas.resolution("panditn", BOTH)
    assert found.entry is None and not found.same_name
    assert named(areas, DESA, "Panditan") in [m.entry for m in found.candidates]
    assert areas.resolve("Kota Atlantis", BOTH) == []
