"""The shapes and limits of practice reporting: a session's plan, what a trainee joins, a
practice report's grade, and the error users see."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from bot.errors import UserFacingError

SCENARIO_MIN = 5
SCENARIO_MAX = 400
FEEDBACK_MIN = 2
FEEDBACK_MAX = 1000
# Letters and digits a practice report's story needs to count as "long enough"
# (bot/services/free_text.py): one real sentence, not "ada maling".
STORY_MIN = 20
KIND = "latihan"


def number(report_id: int) -> str:
    """A practice report's training number, LAT-0007: never mistaken for a real LMB-0042."""
    return f"LAT-{report_id:04d}"


class LatihanError(UserFacingError):
    """A session cannot be joined or changed; `key` names the text that says why."""


class Audience(enum.StrEnum):
    PEMUDA = "pemuda"  # the desa's Karang Taruna, invited with a button (and the link)
    LINK = "link"  # whoever opens the link


class Check(enum.StrEnum):
    """The items of the checklist every practice report is graded on."""

    CATEGORY = "category"
    PLACE = "place"
    TIME = "time"
    STORY = "story"
    PHOTO = "photo"
    LOCATION = "location"


@dataclass(frozen=True)
class Plan:
    """What a trainer chose for a new session."""

    desa_id: int
    audience: Audience
    scenario: str = ""
    wants_photo: bool = False
    wants_location: bool = False


@dataclass(frozen=True)
class Practice:
    """A session a trainee joined: what /lapor's practice mode needs."""

    session_id: int
    desa_id: int
    scenario: str
    wants_photo: bool
    wants_location: bool


@dataclass(frozen=True)
class Created:
    session_id: int
    code: str
    invited: int


@dataclass(frozen=True)
class Graded:
    """A stored practice report: its training number and the checklist (item, met)."""

    number: str
    checks: tuple[tuple[Check, bool], ...]
