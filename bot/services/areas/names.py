"""Which area a typed name means: the one resolver of the bot and the command line.

People write an area as they know it: "Karang Jati", "krg jati", "Kec. Lumbang" (the kecamatan,
not the desa of the same name), "Karang Jati (Kec. Lumbang)" or "Karang Jati, Lumbang" (as the
bot labels it), or "#12". `resolve` answers with the one area meant, or with the candidates to
choose from and why there is no single answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field

from bot.services.area_search import AreaEntry
from bot.services.area_search import AreaIndex
from bot.services.area_search import Match
from bot.services.area_search import compact_key
from storage.models import AreaLevel

# How many areas of one name are offered (Kabupaten Pasuruan alone has two "Karang Jati").
MAX_SAME_NAME = 12

# A leading level word ("Kec. Lumbang") picks between a kecamatan and a desa of the same name.
_LEVEL_WORD = re.compile(
    r"^(kabupaten|kab|kota|kecamatan|kec|desa|ds|kelurahan|kel|dusun|dsn)\b\.?", re.IGNORECASE
)
_LEVEL_OF_WORD = {
    "kabupaten": AreaLevel.KABUPATEN,
    "kab": AreaLevel.KABUPATEN,
    "kota": AreaLevel.KABUPATEN,
    "kecamatan": AreaLevel.KECAMATAN,
    "kec": AreaLevel.KECAMATAN,
    "desa": AreaLevel.DESA,
    "ds": AreaLevel.DESA,
    "kelurahan": AreaLevel.DESA,
    "kel": AreaLevel.DESA,
    "dusun": AreaLevel.DUSUN,
    "dsn": AreaLevel.DUSUN,
}
# "Karang Jati (Kec. Lumbang)" as areas are labelled, "Karang Jati, Lumbang", or "Karang Jati
# kec Lumbang" as typed in a hurry.
_QUALIFIED = re.compile(
    r"^(?P<name>.+?)\s*(?:\((?P<paren>[^()]+)\)|,(?P<comma>[^,]+)"
    r"|\s(?P<word>(?:kecamatan|kec)\b\.?\s*[^,()]+))$",
    re.IGNORECASE,
)
_ID = re.compile(r"^#(\d+)$")


@dataclass(frozen=True)
class Resolution:
    """What a typed name means: `entry` when it names one area, else `candidates`, best first.

    `same_name`: the candidates all bear the name (say which one), rather than being near
    spellings of an unknown name. `named_level`: a level word named a level that was not asked
    for ("Kec. Lumbang" where a desa is needed), so even one candidate is not taken.
    """

    entry: AreaEntry | None = None
    candidates: list[Match] = field(default_factory=list)
    same_name: bool = False
    named_level: AreaLevel | None = None


def plain(name: str) -> str:
    """A name compared as written, ignoring case and spacing ("Kota Pasuruan" is not
    "Kabupaten Pasuruan", unlike their compact keys)."""
    return " ".join(name.split()).casefold()


def resolve(index: AreaIndex, text: str, levels: Iterable[AreaLevel]) -> Resolution:
    """The one area of `levels` that `text` names, or the candidates (see the module)."""
    wanted = tuple(levels)
    text = " ".join(text.split())
    if by_id := _ID.match(text):
        entry = index.by_id.get(int(by_id[1]))
        return Resolution(entry if entry is not None and entry.level in wanted else None)
    exact = _exact(index, text, wanted)
    said = _level_said(text)
    if said is not None and said not in wanted:
        # "Kec. Lumbang" where a desa is needed is a mistake, not the desa Lumbang; but the desa
        # "Kota Bahagia" is spelled with a level word.
        if not any(plain(m.entry.name) == plain(text) for m in exact):
            candidates = exact or index.search(text, levels=wanted)
            return Resolution(candidates=candidates, same_name=bool(exact), named_level=said)
    narrowed = _narrow(text, exact)
    if len(narrowed) == 1:
        return Resolution(narrowed[0].entry)
    if not exact and (qualified := _QUALIFIED.match(text)):
        # Only when the whole text is no name: "Kota Cot Glie (Kuta Cot Glie)" is one desa.
        parent = qualified["paren"] or qualified["comma"] or qualified["word"]
        named = _exact(index, qualified["name"], wanted)
        inside = [m for m in named if _parent_is(index, m.entry, parent)]
        if len(inside) == 1:
            return Resolution(inside[0].entry)
        exact = narrowed = inside or named
    if exact:
        return Resolution(candidates=narrowed or exact, same_name=True)
    return Resolution(candidates=index.search(text, levels=wanted))


def _level_said(text: str) -> AreaLevel | None:
    word = _LEVEL_WORD.match(text)
    return _LEVEL_OF_WORD[word[1].lower()] if word else None


def _exact(index: AreaIndex, text: str, levels: Sequence[AreaLevel]) -> list[Match]:
    matches = index.search(text, levels=levels, limit=MAX_SAME_NAME)
    return [match for match in matches if match.exact]


def _narrow(text: str, matches: list[Match]) -> list[Match]:
    """The matches `text` singles out by a level word ("Kec. Lumbang") or its full spelling."""
    if (said := _level_said(text)) is not None:
        matches = [m for m in matches if m.entry.level == said] or matches
    # "Kota Pasuruan" and "Kabupaten Pasuruan" share a compact key; the full name tells them apart.
    spelled = [m for m in matches if plain(m.entry.name) == plain(text)]
    return spelled or matches


def _parent_is(index: AreaIndex, entry: AreaEntry, parent: str) -> bool:
    parent_id = entry.kabupaten_id if entry.level == AreaLevel.KECAMATAN else entry.kecamatan_id
    parent_entry = index.by_id.get(parent_id) if parent_id is not None else None
    return parent_entry is not None and compact_key(parent_entry.name) == compact_key(parent)
