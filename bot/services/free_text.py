"""The one check of "is there enough in this free text": a report's description, an officer's
note or question, the reporter's answer, an advisory's text.

Only letters and digits carry meaning: zero-width characters (U+200B, U+200D, U+2060, U+FEFF,
variation selectors), emoji, symbols, punctuation and spaces do not count, so "​​​" or
"🔥🔥🔥" or "..." is as empty as "".
"""

from __future__ import annotations

import unicodedata


def meaningful_length(text: str) -> int:
    """How many letters (Unicode categories L*) and digits (N*) `text` has."""
    return sum(1 for char in text if unicodedata.category(char)[0] in "LN")


def long_enough(text: str, minimum: int = 1) -> bool:
    """Whether `text` has at least `minimum` letters or digits."""
    return meaningful_length(text) >= minimum
