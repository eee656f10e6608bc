"""A desa's picture, read with the other features' query modules, and THE traffic-light rule.

The rule (README "Kondisi wilayah"), in this order, the first that holds gives the reason:
- 🔴 red: a neighbour alert raised in the last RED_HOURS whose report is not finished, an
  urgent report of the last RED_HOURS not finished, or a Darurat advisory in force;
- 🟡 yellow: a report of the last 7 days not finished, a missed ronda shift, or a Waspada
  advisory in force;
- 🟢 green otherwise.
A situation note does not change the colour (a koordinator's "aman terkendali" must not turn
the desa yellow for its neighbours); it is shown under the desa's line.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from collections.abc import Collection

from sqlmodel import Session

from bot.services.kondisi.types import RED_HOURS
from bot.services.kondisi.types import WINDOW_DAYS
from bot.services.kondisi.types import Light
from bot.services.kondisi.types import NoteView
from bot.services.kondisi.types import Picture
from storage import advisories as advisory_reads
from storage import kondisi as q
from storage import neighbours as neighbour_reads
from storage import patrols as patrol_reads
from storage import reports as report_reads
from storage.models import AdvisoryLevel
from storage.models import ReportStatus
from storage.models import ShiftStatus

_FINISHED = {ReportStatus.SELESAI.value, ReportStatus.DITOLAK.value}


def pictures(
    session: Session,
    desa_ids: Collection[int],
    now: dt.datetime,
    areas_of: Callable[[int], set[int]],
) -> dict[int, Picture]:
    """The picture of each desa at `now`; `areas_of(desa)`: the desa and the areas it lies in
    (an advisory to its kecamatan is in force there too)."""
    since = now - dt.timedelta(days=WINDOW_DAYS)
    recent = now - dt.timedelta(hours=RED_HOURS)
    ids = list(dict.fromkeys(desa_ids))
    found = {desa_id: Picture(desa_id) for desa_id in ids}
    for desa_id, category, status, urgent, created_at in report_reads.desa_summary_rows(
        session, desa_ids=ids, since=since
    ):
        picture = found[desa_id]
        picture.by_category[category] = picture.by_category.get(category, 0) + 1
        picture.by_status[status] = picture.by_status.get(status, 0) + 1
        if status not in _FINISHED:
            picture.open_reports += 1
            if urgent and created_at >= recent:
                picture.urgent_open_recent += 1
    within = {desa_id: areas_of(desa_id) for desa_id in ids}
    for advisory in advisory_reads.in_force(session, since=since, now=now):
        targets = {int(t["area"]) for t in json.loads(advisory.targets) if "area" in t}
        for desa_id in ids:
            if targets & within[desa_id]:
                level = str(advisory.level)
                advisories = found[desa_id].advisories
                advisories[level] = advisories.get(level, 0) + 1
    for (desa_id, status), count in patrol_reads.ended_counts(
        session, desa_ids=ids, since=since, now=now
    ).items():
        if status == ShiftStatus.HELD.value:
            found[desa_id].held += count
        else:
            found[desa_id].missed += count
    for desa_id, created_at, status, helps in neighbour_reads.alerts_in(
        session, desa_ids=ids, since=since
    ):
        picture = found[desa_id]
        picture.alerts += 1
        picture.alerts_answered += 1 if helps else 0
        if status not in _FINISHED and created_at >= recent:
            picture.alerts_open_recent += 1
    for note in q.notes_in_force(session, desa_ids=ids, now=now):
        assert note.id is not None
        found[note.desa_id].notes.append(
            NoteView(note.id, note.desa_id, note.text, note.created_at, note.expires_at)
        )
    return found


def light(picture: Picture) -> tuple[Light, str, dict[str, object]]:
    """The colour of a desa, and why: (light, reason text key, its values). See the module."""
    if picture.alerts_open_recent:
        return Light.RED, "kondisi.why_alert", {"count": picture.alerts_open_recent}
    if picture.urgent_open_recent:
        return Light.RED, "kondisi.why_urgent", {"count": picture.urgent_open_recent}
    if picture.advisories.get(AdvisoryLevel.DARURAT.value):
        return Light.RED, "kondisi.why_darurat", {}
    if picture.open_reports:
        return Light.YELLOW, "kondisi.why_open", {"count": picture.open_reports}
    if picture.missed:
        return Light.YELLOW, "kondisi.why_missed", {"count": picture.missed}
    if picture.advisories.get(AdvisoryLevel.WASPADA.value):
        return Light.YELLOW, "kondisi.why_waspada", {}
    return Light.GREEN, "kondisi.why_quiet", {}
