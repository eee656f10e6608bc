"""How fast and how big the area name index is: `AreaIndex.search` latency over one kabupaten and
over all of Indonesia, its build time and memory, and how often a typo still finds its desa.

Run: .venv/bin/python bench/areas.py   (no database needed; about half a minute)
"""

from __future__ import annotations

import gc
import os
import platform
import random
import re
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import rapidfuzz

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.services.area_import import find_areaid_kabupaten
from bot.services.area_import import iter_areaid_desa
from bot.services.area_search import AreaEntry
from bot.services.area_search import AreaIndex
from bot.services.area_search import compact_key
from storage.models import AreaLevel

SEED = 20261128
TYPOS = ("1 typo", "2 typos")
# Queries per kind: Indonesia-wide lookups take tens of milliseconds, so fewer of them.
PER_KIND = {"pasuruan": 60, "indonesia": 25}
# The spellings people shorten, the other way round from area_search's expansions.
SHORT = {"karang": "krg", "sumber": "sbr", "tanjung": "tj", "kedung": "kd", "pondok": "pdk"}
UNKNOWN = [
    "maling",
    "kebakaran hutan",
    "tolong pak",
    "polisi",
    "asdfgh",
    "qwertyuiop",
    "hello world",
    "jalan raya",
    "zzzzzz",
    "banjir",
    "xkcd",
    "lapor",
    "mbuh",
    "terminal bus",
    "pasar minggu malam",
]
ABSURD = [
    "a" * 4000,
    "karang jati " * 350,
    "🚨" * 1000,
    "😀 desa 🔥",
    "ｋａｒａｎｇ　ｊａｔｉ",  # full-width letters, as some phone keyboards type
    "Ḱàŕàñg J̈àtí",
    "\u200b" * 500,
    "!!!???...",
    " " * 4000,
    "0" * 4000,
    "'; DROP TABLE areas; --",
    "".join(chr(0x4E00 + i % 2000) for i in range(4000)),
]


@dataclass
class Query:
    """One lookup: what is typed, what kind of typing it is, and the desa meant (if any)."""

    text: str
    kind: str
    target: AreaEntry | None = None


# --- building the indexes ---------------------------------------------------------------------


def pasuruan_entries() -> list[AreaEntry]:
    """Kabupaten Pasuruan as AreaService would index it (ids are made up)."""
    record = find_areaid_kabupaten("Kabupaten Pasuruan")
    entries = [AreaEntry(1, AreaLevel.KABUPATEN, record["kab_kota"], None, 1)]
    for kec in record["kecamatan"]:
        kec_id = len(entries) + 1
        entries.append(AreaEntry(kec_id, AreaLevel.KECAMATAN, kec["kec"], kec_id, 1))
        for desa in kec["kelurahan"]:
            entries.append(AreaEntry(len(entries) + 1, AreaLevel.DESA, desa["kelu"], kec_id, 1))
    return entries


def indonesia_entries() -> list[AreaEntry]:
    """Every kabupaten, kecamatan and desa of the areaid data (ids are made up)."""
    entries: list[AreaEntry] = []
    kabupaten: dict[int, int] = {}
    kecamatan: dict[int, int] = {}
    for kab, kec, desa in iter_areaid_desa():
        kab_id = kabupaten.get(kab["id"])
        if kab_id is None:
            kab_id = kabupaten[kab["id"]] = len(entries) + 1
            entries.append(AreaEntry(kab_id, AreaLevel.KABUPATEN, kab["kab_kota"], None, kab_id))
        kec_id = kecamatan.get(kec["id"])
        if kec_id is None:
            kec_id = kecamatan[kec["id"]] = len(entries) + 1
            entries.append(AreaEntry(kec_id, AreaLevel.KECAMATAN, kec["kec"], kec_id, kab_id))
        entries.append(AreaEntry(len(entries) + 1, AreaLevel.DESA, desa["kelu"], kec_id, kab_id))
    return entries


def rss_bytes() -> int:
    """Resident memory of this process (Linux; 0 elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


@dataclass
class Built:
    """An index with what it cost to build."""

    index: AreaIndex
    build_ms: float
    traced_size: int
    traced_peak: int
    rss_delta: int


def build(make_entries: Callable[[], list[AreaEntry]], repeat: int) -> Built:
    """Build the index as AreaService.load does (entries, then keys): time, then memory."""
    gc.collect()
    before = rss_bytes()
    times = []
    index = AreaIndex()
    for _ in range(repeat):
        index = AreaIndex()  # let the previous one go before timing the next
        gc.collect()
        start = time.perf_counter()
        index = AreaIndex.build(make_entries())
        times.append((time.perf_counter() - start) * 1000)
    rss_delta = rss_bytes() - before
    # A second, traced build: tracemalloc slows allocation down, so it is not timed.
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    traced = AreaIndex.build(make_entries())
    size, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del traced
    return Built(index, statistics.median(times), size - base, peak - base, rss_delta)


# --- queries ----------------------------------------------------------------------------------


def typo(rng: random.Random, text: str, edits: int) -> str:
    """`text` with `edits` letter-level mistakes: a wrong, missing, doubled or swapped letter."""
    for _ in range(100):
        chars = list(text)
        for _ in range(edits):
            letters = [i for i, c in enumerate(chars) if c.isalpha()]
            i = rng.choice(letters)
            op = rng.choice(("replace", "delete", "insert", "swap"))
            if op == "replace":
                chars[i] = rng.choice("abcdefghijklmnoprstuwy")
            elif op == "delete" and len(letters) > 4:
                del chars[i]
            elif op == "insert":
                chars.insert(i, chars[i])
            elif i + 1 < len(chars):
                chars[i], chars[i + 1] = chars[i + 1], chars[i]
        result = "".join(chars)
        if compact_key(result) != compact_key(text):
            return result
    return text + "x" * edits


def queries(rng: random.Random, desa: Sequence[AreaEntry], per_kind: int) -> list[Query]:
    """The mix people type: exact, run together, abbreviated, mistyped, cut short, nonsense."""
    sample = rng.sample(list(desa), min(per_kind, len(desa)))
    words = re.compile(r"\b(" + "|".join(SHORT) + r")\b", re.IGNORECASE)
    shortened = [e for e in desa if words.search(e.name)]
    mix = [Query(e.name, "exact", e) for e in sample]
    mix += [Query(e.name.replace(" ", "").lower(), "no spaces", e) for e in sample]
    for e in rng.sample(shortened, min(per_kind, len(shortened))):
        text = words.sub(lambda m: SHORT[m[1].lower()], e.name).lower()
        mix.append(Query(text, "abbreviated", e))
    mix += [Query(typo(rng, e.name, 1), "1 typo", e) for e in sample]
    mix += [Query(typo(rng, e.name, 2), "2 typos", e) for e in sample]
    mix += [Query(e.name[: max(4, len(e.name) // 2)], "prefix", e) for e in sample]
    mix += [Query(text, "unknown") for text in UNKNOWN]
    mix += [Query(text, "absurd") for text in ABSURD]
    return mix


@dataclass
class Timing:
    """Latencies (ms) and outcomes of one kind of query on one index."""

    ms: list[float]
    found: int = 0
    hit_id: int = 0
    hit_name: int = 0
    targets: int = 0


def run(
    index: AreaIndex, mix: Sequence[Query], kabupaten_id: int | None = None
) -> dict[str, Timing]:
    """Time every query once (after a warm-up) and count how often the meant desa came back."""
    for query in mix[:5]:
        index.search(query.text, kabupaten_id=kabupaten_id)
    results: dict[str, Timing] = {}
    for query in mix:
        start = time.perf_counter()
        matches = index.search(query.text, kabupaten_id=kabupaten_id)
        elapsed = (time.perf_counter() - start) * 1000
        timing = results.setdefault(query.kind, Timing([]))
        timing.ms.append(elapsed)
        timing.found += bool(matches)
        if query.target is not None:
            timing.targets += 1
            timing.hit_id += any(m.entry.id == query.target.id for m in matches)
            timing.hit_name += any(m.entry.name == query.target.name for m in matches)
    return results


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


# --- report -----------------------------------------------------------------------------------


def mb(n: int) -> str:
    """Bytes as megabytes."""
    return f"{n / 1_048_576:.1f}"


def main() -> None:
    """Build both indexes, run the query mixes, print the tables."""
    started = time.perf_counter()
    rng = random.Random(SEED)
    find_areaid_kabupaten("Kabupaten Pasuruan")  # load the data package outside the timings
    print(
        f"AreaIndex.search (limit 5, desa+kecamatan) - Python {platform.python_version()}, "
        f"RapidFuzz {rapidfuzz.__version__}, {platform.machine()}, {os.cpu_count()} CPUs\n"
    )
    builds = {
        "Kabupaten Pasuruan": build(pasuruan_entries, repeat=5),
        "Indonesia": build(indonesia_entries, repeat=1),
    }
    print(f"{'index':<20}{'areas':>8}{'build ms':>10}{'traced MB':>11}{'peak MB':>9}{'RSS +MB':>9}")
    for name, built in builds.items():
        print(
            f"{name:<20}{len(built.index):>8,}{built.build_ms:>10.1f}{mb(built.traced_size):>11}"
            f"{mb(built.traced_peak):>9}{mb(built.rss_delta):>9}"
        )

    pasuruan = builds["Kabupaten Pasuruan"].index
    indonesia = builds["Indonesia"].index
    desa_of = {
        name: [e for e in built.index.entries if e.level == AreaLevel.DESA]
        for name, built in builds.items()
    }
    runs = {
        "Kabupaten Pasuruan": run(
            pasuruan, queries(rng, desa_of["Kabupaten Pasuruan"], PER_KIND["pasuruan"])
        ),
        "Indonesia": run(indonesia, queries(rng, desa_of["Indonesia"], PER_KIND["indonesia"])),
    }
    print("\nlatency, ms (one search each)")
    kinds = list(runs["Kabupaten Pasuruan"])
    header = f"{'n':>5}{'p50':>8}{'p99':>8}{'max':>8}{'found':>7}"
    print(f"{'':<13}{'Kabupaten Pasuruan':^36}   {'Indonesia':^36}")
    print(f"{'query kind':<13}{header}       {header}")
    for kind in [*kinds, "all"]:
        cells = []
        for results in runs.values():
            ms = [t for k, r in results.items() for t in r.ms if kind in (k, "all")]
            found = sum(r.found for k, r in results.items() if kind in (k, "all"))
            cells.append(
                f"{len(ms):>5}{percentile(ms, 50):>8.2f}{percentile(ms, 99):>8.2f}"
                f"{max(ms):>8.2f}{100 * found / len(ms):>6.0f}%"
            )
        print(f"{kind:<13}{'       '.join(cells)}")

    # Mistyped names of Pasuruan's desa, looked up in the Indonesia-wide index restricted to the
    # kabupaten: the restriction is applied after RapidFuzz's top 40, so it can lose the desa.
    pasuruan_id = next(
        e.id
        for e in indonesia.entries
        if e.level == AreaLevel.KABUPATEN and e.name == "Kabupaten Pasuruan"
    )
    by_name = {e.name: e for e in indonesia.entries if e.kabupaten_id == pasuruan_id}
    typos = [
        Query(typo(rng, e.name, n), f"{n} typo" + "s" * (n > 1), by_name.get(e.name))
        for n in (1, 2)
        for e in rng.sample(desa_of["Kabupaten Pasuruan"], 30)
    ]
    filtered = run(indonesia, typos, kabupaten_id=pasuruan_id)

    own, whole = runs["Kabupaten Pasuruan"], runs["Indonesia"]
    rows = [
        ("Pasuruan index", [rate(own[k].hit_id, own[k].targets) for k in TYPOS]),
        (
            "Indonesia index, that very desa",
            [rate(whole[k].hit_id, whole[k].targets) for k in TYPOS],
        ),
        (
            "Indonesia index, a desa of that name",
            [rate(whole[k].hit_name, whole[k].targets) for k in TYPOS],
        ),
        (
            "Indonesia index, kabupaten_id=Pasuruan",
            [rate(filtered[k].hit_name, filtered[k].targets) for k in TYPOS],
        ),
    ]
    print(f"\n{'typo hit rate: the meant desa in the top 5':<44}{TYPOS[0]:<15}{TYPOS[1]}")
    for label, cells in rows:
        print(f"  {label:<42}{cells[0]:<15}{cells[1]}")
    print(f"\ntotal run time {time.perf_counter() - started:.1f} s")


def rate(hits: int, total: int) -> str:
    """A hit rate as a percentage with its counts."""
    return f"{100 * hits / total:.0f}% ({hits}/{total})" if total else "-"


if __name__ == "__main__":
    main()
