"""The in-memory name index: normalisation, candidates, filters. No database needed."""

from __future__ import annotations

from bot.services.area_search import AreaEntry
from bot.services.area_search import AreaIndex
from bot.services.area_search import compact_key
from bot.services.area_search import words
from storage.models import AreaLevel

DESA, KECAMATAN = AreaLevel.DESA, AreaLevel.KECAMATAN


def index() -> AreaIndex:
    """Two kabupaten with look-alike names; the second has many Karang Anyar."""
    entries = [
        AreaEntry(1, AreaLevel.KABUPATEN, "Kabupaten Satu", None, 1),
        AreaEntry(2, KECAMATAN, "Lumbang", 2, 1),
        AreaEntry(3, DESA, "Karang Anyar", 2, 1),
        AreaEntry(4, DESA, "Watulumbung", 2, 1),
        AreaEntry(5, DESA, "Lumbang", 2, 1),
        AreaEntry(6, AreaLevel.KABUPATEN, "Kabupaten Dua", None, 6),
        AreaEntry(7, KECAMATAN, "Tengah", 7, 6),
    ]
    entries += [AreaEntry(100 + i, DESA, "Karang Anyar", 7, 6) for i in range(60)]
    return AreaIndex.build(entries)


def test_keys_ignore_spacing_case_level_words_and_abbreviations() -> None:
    assert compact_key("Desa Krg. Jati") == compact_key("karangjati") == "karangjati"
    assert compact_key("KEC. Sbr-Rejo") == "sumberrejo"
    assert compact_key("😀 '; DROP TABLE areas;--") == "droptableareas"
    assert compact_key("😀🙏") == ""
    assert len(compact_key("a" * 4000)) == 64
    assert words("Ds. Tj Anom") == ["tanjung", "anom"]


def test_exact_names_come_first_and_levels_filter() -> None:
    found = index().search("lumbang")
    assert [(m.entry.id, m.exact) for m in found[:2]] == [(2, True), (5, True)]
    assert [m.entry.id for m in index().search("lumbang", levels=[DESA])][:1] == [5]


def test_a_word_of_the_name_finds_it() -> None:
    # "anyar" is neither the start of the name nor close to it as a whole.
    found = index().search("anyar", kabupaten_id=1)
    assert [m.entry.id for m in found] == [3]


def test_the_kabupaten_filter_searches_that_kabupaten_only() -> None:
    # The other kabupaten's sixty Karang Anyar must not crowd out the one asked for.
    found = index().search("karang anayr", kabupaten_id=1)
    assert [m.entry.id for m in found] == [3]
    assert len(index().search("karang anayr")) == 5


def test_nothing_is_found_for_empty_or_unrelated_input() -> None:
    assert index().search("") == []
    assert index().search("🙏") == []
    assert index().search("zzzzqqq") == []


def test_members_are_listed_by_name() -> None:
    built = index()
    assert [e.name for e in built.members[2]] == ["Karang Anyar", "Lumbang", "Watulumbung"]
    assert [e.id for e in built.members[1]] == [2]
