"""Tracking numbers: "LMB-0042", a prefix per kecamatan and a number counted in the database."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlmodel import Session

from bot.services.area_search import compact_key
from bot.services.areas import AreaService
from storage import reports as q

# Used when the place has no kecamatan (no areas imported yet).
FALLBACK_PREFIX = "LAP"
_CODE = re.compile(r"^\s*([A-Za-z]{2,4})\s*[-–.\s]?\s*0*(\d{1,7})\s*$")
_VOWELS = set("AEIOU")


def parse_code(text: str) -> str | None:
    """ "lmb-42", "LMB 0042", "lmb0042" -> "LMB-0042"; None if it is not a tracking number."""
    match = _CODE.match(text or "")
    if match is None:
        return None
    return format_code(match.group(1).upper(), int(match.group(2)))


def format_code(prefix: str, number: int) -> str:
    """The tracking number: prefix and at least four digits, easy to read out."""
    return f"{prefix}-{number:04d}"


def compact_codes(codes: Iterable[str]) -> str:
    """Tracking numbers in short, for the audit log: "LMB-0001..0042, LMB-0050, PSR-0003"
    (consecutive numbers of a prefix as one range)."""
    numbers: dict[str, set[int]] = {}
    others: set[str] = set()
    for code in codes:
        prefix, _, digits = code.rpartition("-")
        if prefix and digits.isdigit():
            numbers.setdefault(prefix, set()).add(int(digits))
        else:
            others.add(code)
    parts = []
    for prefix, found in sorted(numbers.items()):
        ordered = sorted(found)
        start = ordered[0]
        for previous, number in zip(ordered, [*ordered[1:], None], strict=True):
            if number == previous + 1:
                continue
            end = f"..{previous:04d}" if previous != start else ""
            parts.append(format_code(prefix, start) + end)
            if number is not None:
                start = number
    return ", ".join(parts + sorted(others))


def prefix_candidates(name: str) -> list[str]:
    """Three-letter prefixes for a kecamatan, best first: its first letter and next two
    consonants ("Lumbang" -> LMB), then other letters of its name, then digits."""
    letters = [c for c in compact_key(name).upper() if "A" <= c <= "Z"] or list("LAP")
    first, rest = letters[0], letters[1:]
    consonants = [c for c in rest if c not in _VOWELS]
    seen: list[str] = []

    def add(candidate: str) -> None:
        if len(candidate) == 3 and candidate not in seen:
            seen.append(candidate)

    for pool in (consonants, rest):
        for i, a in enumerate(pool):
            for b in pool[i + 1 :]:
                add(first + a + b)
    for digit in range(10):
        add(first + (consonants or rest or ["X"])[0] + str(digit))
    return seen


def next_code(session: Session, areas: AreaService, kecamatan_id: int | None) -> str:
    """The next tracking number of the kecamatan (one statement once it has a prefix)."""
    taken = q.take_number(session, kecamatan_id)
    while taken is None:  # the kecamatan's first report: give it a prefix
        entry = areas.get(kecamatan_id) if kecamatan_id else None
        used = q.taken_prefixes(session)
        options = prefix_candidates(entry.name) if entry else [FALLBACK_PREFIX]
        free = [p for p in options if p not in used] or [f"K{kecamatan_id or 0}"]
        q.add_prefix(session, kecamatan_id, free[0])
        taken = q.take_number(session, kecamatan_id)
    return format_code(*taken)
