"""The checklist a practice report is graded on: the one rule, used when it is stored.

- category: a kind of incident was chosen (always, since /lapor asks it first);
- place: a location was shared or a place typed ("🏠 in my desa" alone says only the desa);
- time: /lapor has no time step (a report's time is when it is sent), so the story must say
  when it happened: a clock time ("23.00", "22:15", "jam 11", "pkl 22.30"), a part of the day
  ("subuh", "dini hari", "semalam"), a day ("kemarin", "Minggu malam") or "tadi", "barusan";
- story: at least STORY_MIN letters and digits (bot/services/free_text.py);
- photo / location: only when the scenario asks for them.
"""

from __future__ import annotations

import re

from bot.services.free_text import long_enough
from bot.services.latihan.types import STORY_MIN
from bot.services.latihan.types import Check
from bot.services.reports import Draft

# A clock time: 23.00, 22:15, 9.30 (not a height or a price: 1.70 m, 10.000).
_CLOCK = r"\b([01]?\d|2[0-4])[.:][0-5]\d\b(?![.,]\d)(?!\s*(m|cm|meter|kg)\b)"
# Words that say when: the clock ("jam 9", "pukul", "pkl"), a part of the day, a day, "tadi",
# "kemarin", "barusan"... ("jam tangan" is a watch, not a time).
_WORDS = (
    r"\b(jam(?!\s+(tangan|dinding|weker)\b)|pukul|pkl|pk|wib|wita|wit|menit|"
    r"pagi|siang|sore|petang|malam|malem|semalam|semalem|subuh|shubuh|magrib|maghrib|isya|"
    r"dini\s*hari|tengah\s+malam|tadi|td|kemarin|kemaren|kmrn|barusan|baru\s+saja|"
    r"sekarang|hari\s+ini|senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad)\b"
)
_TIME = re.compile(f"(?i)({_CLOCK}|{_WORDS})")


def says_when(text: str) -> bool:
    """Whether a story says when it happened."""
    return _TIME.search(text) is not None


def grade(
    draft: Draft, *, wants_photo: bool, wants_location: bool
) -> tuple[tuple[Check, bool], ...]:
    """Each item of the checklist, and whether the practice report meets it."""
    located = draft.latitude is not None and draft.longitude is not None
    checks = [
        (Check.CATEGORY, bool(draft.category)),
        (Check.PLACE, located or bool(draft.place_text.strip())),
        (Check.TIME, says_when(draft.story)),
        (Check.STORY, long_enough(draft.description, STORY_MIN)),
    ]
    if wants_photo:
        checks.append((Check.PHOTO, bool(draft.photos)))
    if wants_location:
        checks.append((Check.LOCATION, located))
    return tuple(checks)
