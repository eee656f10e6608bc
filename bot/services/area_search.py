"""Typo-tolerant lookup of area names ("karangjati", "krg jati", "kronto").

The index lives in memory: one compact key per area, matched with RapidFuzz. Names are compared
without spaces and with the common abbreviations of village names expanded, so "Karang Jati",
"karangjati" and "krg. jati" are the same key; typos are scored by RapidFuzz's weighted ratio.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field

from storage.models import AreaLevel

# Longer input is not a village name; cutting it keeps matching time bounded.
MAX_QUERY_CHARS = 64
# Below this score a candidate is not worth showing.
MIN_SCORE = 70.0
# How many candidates each cheap pass may bring for the precise scoring.
PREFIX_HITS = 300
RATIO_HITS = 100

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
    ascii_text = unicodedata.normalize("NFKD", text[: MAX_QUERY_CHARS * 4]).encode(
        "ascii", "ignore"
    )
    tokens = _NON_ALNUM.sub(" ", ascii_text.decode().lower()).split()
    return [_ABBREVIATIONS.get(token, token) for token in tokens if token not in _LEVEL_WORDS]


def compact_key(text: str) -> str:
    """The key names are compared by: words joined without spaces, at most MAX_QUERY_CHARS."""
    return "".join(words(text))[:MAX_QUERY_CHARS]


def area_key(level: str, name: str) -> str:
    """The key that tells same-level areas apart by name: for a kabupaten it keeps whether it is
    a kota ("Kota Pasuruan" and "Kabupaten Pasuruan" are two places)."""
    if level != AreaLevel.KABUPATEN:
        return compact_key(name)
    kind = "kota" if name.strip().lower().startswith("kota") else "kab"
    return f"{kind}:{compact_key(name)}"


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
    """All searchable areas; rebuilt whole when areas change (it is small and fast to build).

    A search scores only a few hundred candidates with RapidFuzz's (costly) weighted ratio: the
    exact key, names or words that start with the query, and the best plain edit-distance ratios
    (ten times cheaper per name). That keeps a lookup over all of Indonesia in milliseconds.
    """

    entries: list[AreaEntry] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    by_id: dict[int, AreaEntry] = field(default_factory=dict)
    # kabupaten id -> its kecamatan, kecamatan id -> its desa; each list by name.
    members: dict[int, list[AreaEntry]] = field(default_factory=dict)
    # compact key -> positions in `entries`
    exact: dict[str, list[int]] = field(default_factory=dict)
    # Sorted (key or word of the name, position) pairs, for prefix lookups with bisect.
    prefixes: list[tuple[str, int]] = field(default_factory=list)
    # kabupaten id -> positions of its areas, to search one kabupaten only.
    in_kabupaten: dict[int, list[int]] = field(default_factory=dict)

    @classmethod
    def build(cls, entries: Iterable[AreaEntry]) -> AreaIndex:
        """Index `entries` by their key, words and place."""
        index = cls()
        for position, entry in enumerate(entries):
            key = compact_key(entry.name)
            index.entries.append(entry)
            index.keys.append(key)
            index.by_id[entry.id] = entry
            index.exact.setdefault(key, []).append(position)
            index.prefixes.extend((word, position) for word in {key, *words(entry.name)})
            if entry.kabupaten_id is not None:
                index.in_kabupaten.setdefault(entry.kabupaten_id, []).append(position)
            parent = {AreaLevel.KECAMATAN: entry.kabupaten_id, AreaLevel.DESA: entry.kecamatan_id}
            if (parent_id := parent.get(entry.level)) is not None:
                index.members.setdefault(parent_id, []).append(entry)
        index.prefixes.sort()
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
        # RapidFuzz (3.5 MB of native code) loads at the first search: starting the bot and the
        # command-line reads do not need it.
        from rapidfuzz import fuzz

        key = compact_key(query)
        if not key:
            return []
        wanted = frozenset(levels)
        matches = []
        for position in self._candidates(key, kabupaten_id):
            entry = self.entries[position]
            if entry.level not in wanted:
                continue
            if kabupaten_id is not None and entry.kabupaten_id != kabupaten_id:
                continue
            name_key = self.keys[position]
            if name_key == key:
                matches.append(Match(entry, 100.0, True))
                continue
            score = fuzz.WRatio(key, name_key, processor=None, score_cutoff=MIN_SCORE)
            if score:
                # A short query scores 90 against every longer name that contains it ("lumbang"
                # in "watulumbung"); the length ratio puts names of about its length first.
                closeness = fuzz.ratio(key, name_key)
                matches.append(Match(entry, (score + closeness) / 2, False))
        matches.sort(key=lambda match: (not match.exact, -match.score, match.entry.name))
        return matches[:limit]

    def _candidates(self, key: str, kabupaten_id: int | None) -> set[int]:
        """Positions worth scoring: the exact key, prefix hits and the closest by edit distance."""
        from rapidfuzz import fuzz
        from rapidfuzz import process

        found = set(self.exact.get(key, ()))
        if len(key) >= 3:
            start = bisect.bisect_left(self.prefixes, (key, -1))
            for word, position in self.prefixes[start : start + PREFIX_HITS]:
                if not word.startswith(key):
                    break
                found.add(position)
        if found and key in self.exact:
            # An exact name wins over every near one; the prefix hits fill the list.
            return found
        if kabupaten_id is not None:
            positions = self.in_kabupaten.get(kabupaten_id, [])
            choices: list[str] | dict[int, str] = {p: self.keys[p] for p in positions}
        else:
            choices = self.keys
        hits = process.extract(
            key, choices, scorer=fuzz.ratio, processor=None, score_cutoff=50, limit=RATIO_HITS
        )
        found.update(position for _, _, position in hits)
        return found
