"""Choosing people by their Telegram id: the plain parts of the people picker and of teams put
together one person (or one list press) at a time. No `telegram` here; the keyboard and the
reading of updates are in handlers/patrols/people.py.

A *build* is plain JSON kept in a conversation's draft (it survives a restart)::

    build = new_build()                         # {"teams": [[]], "page": 0, "labels": {}}
    current(build)                              # the team being put together (the last one)
    add_people(build, {id: label}, limit)       # into the current team, all or nothing
    toggle(build, user_id, label, limit)        # True: chosen, False: taken out again
    next_team(build, max_teams)                 # the current team is done, a new one begins
    built_teams(build)                          # the teams that have someone, ids as ints
    page = page_of(candidates, number)          # Page(items, number, count), PAGE_SIZE a page

Candidates are [(user id, label)] as `PatrolService.watch_members` gives them. Refusals are
`PatrolError`s (the team is full, it is still empty, too many teams), and nothing changes then.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.services.patrols.types import PatrolError

# A person named on a roster: typed (an @username, or a Telegram id as digits) or an id the
# bot was given by Telegram (a text mention, a forward, a press in the picker).
MemberRef = str | int
# Names of a picker page: fits a phone's screen with the navigation and the action rows.
PAGE_SIZE = 8

Build = dict[str, Any]


@dataclass(frozen=True)
class Page:
    """One page of candidates: its items, its number (from 0) and how many pages there are."""

    items: list[tuple[int, str]]
    number: int
    count: int


def page_of(candidates: Sequence[tuple[int, str]], number: int, size: int = PAGE_SIZE) -> Page:
    """The page `number` of `candidates` (kept within the pages there are)."""
    count = max(1, -(-len(candidates) // size))
    number = min(max(number, 0), count - 1)
    return Page(list(candidates[number * size : (number + 1) * size]), number, count)


def new_build() -> Build:
    """An empty build: one team, being put together."""
    return {"teams": [[]], "page": 0, "labels": {}}


def current(build: Build) -> list[int]:
    """The team being put together."""
    teams: list[list[int]] = build["teams"]
    return teams[-1]


def add_people(build: Build, people: Mapping[int, str], limit: int) -> list[int]:
    """Add people (id -> label) to the current team; those who were not in it yet. Refuses
    (`ronda.team_too_big`) a team over `limit`, changing nothing."""
    team = current(build)
    new = [int(i) for i in people if int(i) not in team]
    if len(team) + len(new) > limit:
        raise PatrolError("ronda.team_too_big", limit=limit)
    team.extend(new)
    build["labels"].update({str(i): label for i, label in people.items()})
    return new


def toggle(build: Build, user_id: int, label: str, limit: int) -> bool:
    """Choose a person for the current team, or take them out again: True when chosen."""
    team = current(build)
    if user_id in team:
        team.remove(user_id)
        return False
    add_people(build, {user_id: label}, limit)
    return True


def next_team(build: Build, max_teams: int) -> None:
    """Close the current team and begin the next one (refused when it is empty or when there
    would be more than `max_teams`)."""
    if not current(build):
        raise PatrolError("pick.team_empty")
    if len(build["teams"]) >= max_teams:
        raise PatrolError("ronda.too_many_teams", limit=max_teams)
    build["teams"].append([])
    build["page"] = 0


def built_teams(build: Build) -> list[list[int]]:
    """The teams that have someone in them."""
    return [[int(i) for i in team] for team in build["teams"] if team]
