"""A call's life: made (with its people and its messages, in one transaction), answered,
reminded, stood down or closed by itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlmodel import Session

from bot.services.geo import km_between
from bot.services.geo import too_far_outside
from bot.services.siaga import messages
from bot.services.siaga.core import Core
from bot.services.siaga.types import CHOSEN_MAX
from bot.services.siaga.types import NOTE_MAX
from bot.services.siaga.types import REMIND_EVERY
from bot.services.siaga.types import AnswerResult
from bot.services.siaga.types import Audience
from bot.services.siaga.types import CallPlan
from bot.services.siaga.types import CallView
from bot.services.siaga.types import Created
from bot.services.siaga.types import Outcome
from bot.services.siaga.types import Reminded
from bot.services.siaga.types import SiagaError
from bot.texts import t
from storage import queries
from storage import siaga as store
from storage.models import SiagaAnswer
from storage.models import SiagaCall
from storage.models import SiagaRecipient
from storage.models import SiagaStatus


def create(
    core: Core,
    session: Session,
    plan: CallPlan,
    recipients: Sequence[int],
    *,
    caller_id: int,
    lang: str,
    duty_chat_id: int | None,
    polsek_id: int | None,
    now: dt.datetime,
) -> Created:
    """Store the call and its people, enqueue its message to each of them and write the audit
    entry, all in the caller's transaction."""
    people = sorted(set(recipients) - {caller_id})
    if not people:
        raise SiagaError("siaga.nobody")
    if plan.audience is Audience.CHOSEN:
        # Checked again at sending: a role may have changed since they were chosen.
        if len(people) > CHOSEN_MAX:
            raise SiagaError("siaga.pick_too_many", limit=CHOSEN_MAX)
        core.people.check_chosen(session, plan.area_id, people)
    call = SiagaCall(
        caller_id=caller_id,
        area_id=plan.area_id,
        audience=plan.audience.value,
        reason=plan.reason,
        place_kind=plan.place_kind.value,
        place_name=plan.place_name,
        post_id=plan.post_id,
        latitude=plan.latitude,
        longitude=plan.longitude,
        at=plan.at,
        level=plan.level,
        recipients=len(people),
        language=lang,
        polsek_id=polsek_id if duty_chat_id is not None else None,
        created_at=now,
    )
    call_id = store.add_call(session, call=call)
    store.add_recipients(session, call_id=call_id, user_ids=people)
    chats = [caller_id] + ([duty_chat_id] if duty_chat_id is not None else [])
    for chat_id in chats:
        store.add_tally(session, call_id=call_id, chat_id=chat_id)
    view = core.view(session, call)
    core.send_many(
        session,
        view,
        people,
        lambda lg: (messages.call_text(lg, core.tz, view), messages.answer_buttons(lg, call_id)),
        loud=core.loud(plan.level),
    )
    queries.add_audit(
        session,
        "siaga.call",
        actor_id=caller_id,
        target=f"siaga:{call_id}",
        details=(
            f"area={plan.area_id} audience={plan.audience.value} level={plan.level.value} "
            f"people={len(people)}"
        ),
    )
    return Created(call=view, tally_chats=chats)


def answer(
    core: Core, session: Session, user_id: int, call_id: int, word: SiagaAnswer, now: dt.datetime
) -> AnswerResult:
    """Record (or change) a person's answer; the tallies need an edit when it changed."""
    found = _open_recipient(core, session, user_id, call_id)
    if isinstance(found, AnswerResult):
        return found
    call, person = found
    view = core.view(session, call)
    if person.answer is word:
        return AnswerResult(
            Outcome.DONE,
            view,
            word,
            changed=False,
            confirmed=person.confirmed,
            still_member=person.still_member,
        )
    person.answer = word
    person.answered_at = now
    if word is SiagaAnswer.SIAP and person.first_siap_at is None:
        person.first_siap_at = now
    if word is not SiagaAnswer.LOKASI:
        person.confirmed = False
        person.latitude = person.longitude = None
    if word is not SiagaAnswer.TIDAK:
        person.note = None
    person.still_member = core.people.still_member(session, user_id, call.area_id, view.audience)
    session.add(person)
    store.bump_revision(session, call_id=call_id)
    return AnswerResult(
        Outcome.DONE,
        view,
        word,
        changed=True,
        tally_chats=_tally_chats(session, call_id),
        still_member=person.still_member,
    )


def note(
    core: Core, session: Session, user_id: int, call_id: int, text: str | None
) -> AnswerResult:
    """Why someone cannot come (None: they skip it)."""
    found = _open_recipient(core, session, user_id, call_id)
    if isinstance(found, AnswerResult):
        return found
    call, person = found
    view = core.view(session, call)
    if person.answer is not SiagaAnswer.TIDAK:
        return AnswerResult(Outcome.NO_ANSWER, view, person.answer)
    cleaned = " ".join((text or "").split())[:NOTE_MAX] or None
    changed = cleaned != person.note
    if changed:
        person.note = cleaned
        session.add(person)
        store.bump_revision(session, call_id=call_id)
    return AnswerResult(
        Outcome.DONE,
        view,
        person.answer,
        changed=changed,
        tally_chats=_tally_chats(session, call_id) if changed else [],
    )


def location(
    core: Core,
    session: Session,
    user_id: int,
    call_id: int,
    latitude: float,
    longitude: float,
    now: dt.datetime,
) -> AnswerResult:
    """📍 confirmed by a shared location near the place (the check-in rule of patrols: within
    PATROL_CHECKIN_RADIUS_KM of a known point, else inside REPORT_BOUNDS); far away, the answer
    stays on site but unconfirmed."""
    found = _open_recipient(core, session, user_id, call_id)
    if isinstance(found, AnswerResult):
        return found
    call, person = found
    view = core.view(session, call)
    km = km_away(core, call, latitude, longitude)
    if km is not None:
        return AnswerResult(Outcome.FAR, view, person.answer, km=km)
    if person.answer is not SiagaAnswer.LOKASI:
        person.answer = SiagaAnswer.LOKASI
        person.answered_at = now
        person.note = None
    person.confirmed = True
    person.latitude, person.longitude = latitude, longitude
    session.add(person)
    store.bump_revision(session, call_id=call_id)
    return AnswerResult(
        Outcome.DONE,
        view,
        SiagaAnswer.LOKASI,
        changed=True,
        tally_chats=_tally_chats(session, call_id),
        confirmed=True,
        still_member=person.still_member,
    )


def km_away(core: Core, call: SiagaCall, latitude: float, longitude: float) -> float | None:
    """How far a shared location is from the call's place (None: near enough)."""
    settings = core.settings
    if call.latitude is not None and call.longitude is not None:
        km = km_between(call.latitude, call.longitude, latitude, longitude)
        return km if km > settings.radius_km else None
    return too_far_outside(settings.bounds, latitude, longitude)


def check_place(core: Core, latitude: float, longitude: float) -> None:
    """Refuse a call's shared location far outside the area the bot serves."""
    km = too_far_outside(core.settings.bounds, latitude, longitude)
    if km is not None:
        raise SiagaError("siaga.place_far", km=f"{km:.0f}")


def remind(core: Core, session: Session, call_id: int, actor_id: int, now: dt.datetime) -> Reminded:
    """🔔 The people who have not answered get the call again (once per REMIND_EVERY)."""
    call = store.call(session, call_id=call_id)
    if call is None:
        raise SiagaError("siaga.gone")
    if call.status is not SiagaStatus.OPEN:
        raise SiagaError("siaga.already_closed")
    if not store.claim_reminder(session, call_id=call_id, now=now, not_since=now - REMIND_EVERY):
        last = call.last_reminder_at or now
        return Reminded(False, next_at=last + REMIND_EVERY)
    waiting = store.unanswered(session, call_id=call_id)
    view = core.view(session, call)
    if waiting:
        core.send_many(
            session,
            view,
            waiting,
            lambda lg: (
                messages.call_text(lg, core.tz, view, reminder=True),
                messages.answer_buttons(lg, call_id),
            ),
            loud=core.loud(call.level),
        )
    queries.add_audit(
        session,
        "siaga.remind",
        actor_id=actor_id,
        target=f"siaga:{call_id}",
        details=f"people={len(waiting)}",
    )
    return Reminded(True, people=len(waiting))


def close(
    core: Core, session: Session, call_id: int, actor_id: int | None, now: dt.datetime
) -> tuple[CallView | None, list[int]]:
    """End the call (✅ Siaga selesai, or by itself when actor_id is None): everyone called
    hears it with thanks, the caller is told of an automatic end. Returns the call (None: it
    was closed already) and its tally chats."""
    call = store.call(session, call_id=call_id)
    if call is None:
        raise SiagaError("siaga.gone")
    auto = actor_id is None
    if not store.claim_close(
        session, call_id=call_id, now=now, how="auto" if auto else "stand_down"
    ):
        return None, []
    session.refresh(call)
    view = core.view(session, call)
    people = [p.user_id for p in store.recipients_of(session, call_id=call_id)]
    core.send_many(
        session,
        view,
        people,
        lambda lg: (messages.stand_down_text(lg, core.tz, view, auto=auto), None),
        loud=False,
    )
    if auto and call.caller_id is not None:
        core.tell(
            session,
            call.caller_id,
            t(
                call.language,
                "siaga.closed_auto_caller",
                number=call_id,
                hours=core.settings.close_hours,
            ),
        )
    queries.add_audit(
        session,
        "siaga.auto_close" if auto else "siaga.stand_down",
        actor_id=actor_id,
        actor_label="" if not auto else "bot",
        target=f"siaga:{call_id}",
        details=f"people={len(people)}",
    )
    return view, _tally_chats(session, call_id)


def _tally_chats(session: Session, call_id: int) -> list[int]:
    return [row.chat_id for row in store.tallies_of(session, call_id=call_id)]


def _open_recipient(
    core: Core, session: Session, user_id: int, call_id: int
) -> tuple[SiagaCall, SiagaRecipient] | AnswerResult:
    call = store.call(session, call_id=call_id)
    if call is None:
        return AnswerResult(Outcome.GONE)
    person = store.recipient(session, call_id=call_id, user_id=user_id)
    if person is None:
        return AnswerResult(Outcome.NOT_CALLED, core.view(session, call))
    if call.status is not SiagaStatus.OPEN:
        return AnswerResult(Outcome.OVER, core.view(session, call), person.answer)
    return call, person
