"""Typo-tolerant lookup of area names ("karangjati", "krg jati", "kronto").

The index lives in memory: one compact key per area, matched with RapidFuzz. Names are compared
without spaces and with the common abbreviations of village names expanded, so "Karang Jati",
"karangjati" and "krg. jati" are the same key; typos are scored by RapidFuzz's weighted ratio.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from storage.models import AreaLevel

# Longer input is not a village name; cutting it keeps matching time bounded.
MAX_QUERY_CHARS = 64
# Below this score a candidate is not worth showing.
MIN_SCORE = 70.0

# Words that say what kind of area follows; people type them, the data does not carry them.
_LEVEL_WORDS = frozenset(
    {
        "desa",
        "ds",
        "kelurahan",
        "kel",
        "kec",
        "kecamatan",
        "kab",
        "kabupaten",
        "kota",
        "dusun",
        "dsn",
        "rw",
        "rt",
    }
)
# Abbreviations common in East Javanese place names.
_ABBREVIATIONS = {
    "krg": "karang",
    "kr": "karang",
    "sbr": "sumber",
    "smb": "sumber",
    "tj": "tanjung",
    "tg": "tanjung",
    "wn": "wono",
    "ngr": "negara",
    "pdk": "pondok",
    "sd": "sido",
    "kd": "kedung",
    "kdg": "kedung",
}
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def words(text: str) -> list[str]:
    """The lowercase ASCII words of `text`, level words dropped and abbreviations expanded."""
    text = unicodedata.normalize("NFKD", text[: MAX_QUERY_CHARS * 4]).encode("ascii", "ignore")
    tokens = _NON_ALNUM.sub(" ", text.decode().lower()).split()
    return [_ABBREVIATIONS.get(token, token) for token in tokens if token not in _LEVEL_WORDS]


def compact_key(text: str) -> str:
    """The key names are compared by: words joined without spaces, at most MAX_QUERY_CHARS."""
    return "".join(words(text))[:MAX_QUERY_CHARS]


@dataclass(frozen=True, slots=True)
class AreaEntry:
    """What the index knows of one area: enough to show it and to filter by place."""

    id: int
    level: AreaLevel
    name: str
    kecamatan_id: int | None = None  # the area itself for a kecamatan
    kabupaten_id: int | None = None


@dataclass(frozen=True, slots=True)
class Match:
    """One candidate for a typed name, best first."""

    entry: AreaEntry
    score: float
    exact: bool


@dataclass
class AreaIndex:
    """All searchable areas; rebuilt whole when areas change (it is small and fast to build)."""

    entries: list[AreaEntry] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    by_id: dict[int, AreaEntry] = field(default_factory=dict)
    # kabupaten id -> its kecamatan, kecamatan id -> its desa; each list by name.
    members: dict[int, list[AreaEntry]] = field(default_factory=dict)

    @classmethod
    def build(cls, entries: Iterable[AreaEntry]) -> AreaIndex:
        """Index `entries` by their compact key and by the kabupaten/kecamatan they lie in."""
        index = cls()
        for entry in entries:
            index.entries.append(entry)
            index.keys.append(compact_key(entry.name))
            index.by_id[entry.id] = entry
            parent = {AreaLevel.KECAMATAN: entry.kabupaten_id, AreaLevel.DESA: entry.kecamatan_id}
            if (parent_id := parent.get(entry.level)) is not None:
                index.members.setdefault(parent_id, []).append(entry)
        for members in index.members.values():
            members.sort(key=lambda entry: entry.name)
        return index

    def __len__(self) -> int:
        return len(self.entries)

    def search(
        self,
        query: str,
        *,
        levels: Iterable[AreaLevel] = (AreaLevel.DESA, AreaLevel.KECAMATAN),
        kabupaten_id: int | None = None,
        limit: int = 5,
    ) -> list[Match]:
        """The areas whose name best matches `query`: exact key matches first, then by score."""
        key = compact_key(query)
        if not key:
            return []
        wanted = frozenset(levels)
        # Ask RapidFuzz for more than `limit`: some hits are dropped by the level/place filter.
        hits = process.extract(
            key,
            self.keys,
            scorer=fuzz.WRatio,
            processor=None,
            score_cutoff=MIN_SCORE,
            limit=max(limit * 8, 40),
        )
        matches = []
        for _, score, position in hits:
            entry = self.entries[position]
            if entry.level not in wanted:
                continue
            if kabupaten_id is not None and entry.kabupaten_id != kabupaten_id:
                continue
            exact = self.keys[position] == key
            # A short query scores 90 against every longer name that contains it ("lumbang" in
            # "watulumbung"); the real length ratio puts names of about the query's length first.
            closeness = fuzz.ratio(key, self.keys[position])
            matches.append(Match(entry, 100.0 if exact else (score + closeness) / 2, exact))
        matches.sort(key=lambda match: (not match.exact, -match.score, match.entry.name))
        return matches[:limit]
