"""Whether free text nobody was waiting for reads like someone wanting to report an incident
("pak ini gimana caranya lapor maling", "ada kebakaran di pasar", "rumah saya kemalingan").

A small list of words people use, matched as whole words after light normalisation (case,
accents, punctuation, letters held down: "tolonggg"), so "api" is found in "ada api!" but not
in "sapi". It only decides which hint the bot answers with; nothing is stored or sent on.
"""

from __future__ import annotations

import re
import unicodedata

# Whole words; inflected forms are listed, not guessed (Indonesian affixes change the stem).
REPORT_WORDS = frozenset(
    {
        # theft, robbery
        "maling",
        "kemalingan",
        "curi",
        "dicuri",
        "mencuri",
        "pencuri",
        "pencurian",
        "kecurian",
        "rampok",
        "dirampok",
        "perampok",
        "perampokan",
        "begal",
        "dibegal",
        "jambret",
        "dijambret",
        "copet",
        "kecopetan",
        # fire
        "kebakaran",
        "terbakar",
        "dibakar",
        "api",
        # traffic
        "kecelakaan",
        "tabrakan",
        "ditabrak",
        "tertabrak",
        # violence, disturbance
        "tawuran",
        "berkelahi",
        "perkelahian",
        "keributan",
        "dibacok",
        "dipukuli",
        "penganiayaan",
        "mencurigakan",
        # disasters
        "banjir",
        "longsor",
        # asking for help or to report
        "lapor",
        "melapor",
        "melaporkan",
        "tolong",
        "darurat",
        "bahaya",
    }
)
# Phrases of several words, matched as a whole.
REPORT_PHRASES = ("orang asing", "orang mencurigakan")

_NON_WORD = re.compile(r"[^0-9a-z]+")
_HELD_DOWN = re.compile(r"([a-z])\1{2,}")  # "tolonggg" -> "tolong"
# Long messages are not scanned past this (the answer is a hint, not an analysis).
MAX_CHARS = 1000


def normalised_words(text: str) -> list[str]:
    """The lowercase ASCII words of `text`, letters held down collapsed."""
    ascii_text = unicodedata.normalize("NFKD", text[:MAX_CHARS]).encode("ascii", "ignore")
    flat = _HELD_DOWN.sub(r"\1", ascii_text.decode().lower())
    return _NON_WORD.sub(" ", flat).split()


def looks_like_report(text: str) -> bool:
    """Whether `text` has one of the report words or phrases, as whole words."""
    found = normalised_words(text)
    if REPORT_WORDS.intersection(found):
        return True
    joined = f" {' '.join(found)} "
    return any(f" {phrase} " in joined for phrase in REPORT_PHRASES)
