"""The checklist a practice report is graded on: the one rule, used when it is stored.

- category: a kind of incident was chosen (always, since /lapor asks it first);
- place: a location was shared or a place typed ("🏠 in my desa" alone says only the desa);
- time: /lapor has no time step (a report's time is when it is sent), so the story must say
  when it happened: a clock time ("23.00", "jam 11"), or words like "tadi", "malam", "kemarin";
- story: at least STORY_MIN letters and digits (bot/services/free_text.py);
- photo / location: only when the scenario asks for them.
"""

from __future__ import annotations

import re

from bot.services.free_text import long_enough
from bot.services.latihan.types import STORY_MIN
from bot.services.latihan.types import Check
from bot.services.reports import Draft

_TIME = re.compile(
    r"(?i)(\b\d{1,2}[.:]\d{2}\b|\b(jam|pukul|pagi|siang|sore|malam|subuh|petang|tengah malam|"
    r"dini hari|tadi|kemarin|barusan|baru saja|sekarang|wib|hari ini)\b)"
)


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
