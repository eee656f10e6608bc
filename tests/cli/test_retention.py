"""`kamtibmas retention [--dry-run]` on data of the past: the dry run prints what would go and
changes nothing, the run removes it and prints the same counts; `delivery status` then gives
the kept counts of a compacted delivery; old closed siaga calls lose their answers' locations and
reasons."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from sqlmodel import Session
from sqlmodel import select

from storage.db import Database
from storage.models import Area
from storage.models import AreaLevel
from storage.models import ConversationState
from storage.models import Delivery
from storage.models import DeliveryState
from storage.models import OutboxRow
from storage.models import OutboxStatus
from storage.models import Report
from storage.models import ReportCategory
from storage.models import ReportPhoto
from storage.models import ReportStatus
from storage.models import SiagaAnswer
from storage.models import SiagaCall
from storage.models import SiagaLevel
from storage.models import SiagaRecipient
from storage.models import SiagaStatus
from storage.models import UserDraft
from storage.models import utcnow
from tests.cli.helpers import Kamtibmas

DAY = dt.timedelta(days=1)
WIB = ZoneInfo("Asia/Jakarta")


def _past(session: Session) -> int:
    """A report closed 400 days ago (two photos, a map point), one closed 300 days ago, a
    delivery finished 100 days ago (two sent, one blocked), a draft untouched for 10 days and
    one for 2 days. Returns the old delivery's id."""
    now = utcnow()
    for number, age in ((1, 400), (2, 300)):
        report = Report(
            code=f"LMB-{number:04d}",
            reporter_id=1000 + number,
            category=ReportCategory.PENCURIAN,
            description="Motor hilang",
            place_text="Jl. Raya Kronto",
            latitude=-7.8,
            longitude=112.8,
            status=ReportStatus.SELESAI,
            created_at=now - (age + 1) * DAY,
            closed_at=now - age * DAY,
            client_token=f"{number:016x}",
        )
        session.add(report)
        session.flush()
        for position in range(2):
            session.add(ReportPhoto(report_id=report.id, file_id=f"photo-{number}-{position}"))
    delivery = Delivery(
        kind="advisory",
        ref="adv:1",
        priority=3,
        payload="{}",
        state=DeliveryState.DONE,
        total=3,
        created_at=now - 101 * DAY,
        finished_at=now - 100 * DAY,
    )
    session.add(delivery)
    session.flush()
    for chat_id, status in ((1, OutboxStatus.SENT), (2, OutboxStatus.SENT), (3, "blocked")):
        session.add(OutboxRow(delivery_id=delivery.id, chat_id=chat_id, priority=3, status=status))
    for user_id, age in ((501, 10), (502, 2)):
        at = now - age * DAY
        session.add(UserDraft(user_id=user_id, data='{"lapor":{}}', updated_at=at))
        key = f"[{user_id},{user_id}]"
        session.add(ConversationState(name="lapor", key=key, state='"x"', updated_at=at))
    assert delivery.id is not None
    return delivery.id


def _counts(session: Session) -> tuple[int, int, int, int]:
    return (
        len(session.exec(select(ReportPhoto.id)).all()),
        len(session.exec(select(Report.id).where(Report.latitude.is_not(None))).all()),  # type: ignore[union-attr]
        len(session.exec(select(OutboxRow.id)).all()),
        len(session.exec(select(UserDraft.user_id)).all()),
    )


def _cutoff(out: str, rule: str) -> dt.datetime:
    found = re.search(rf"{rule} (?:before|since) (\d{{4}}-\d\d-\d\d \d\d:\d\d)", out)
    assert found, out
    return dt.datetime.strptime(found.group(1), "%Y-%m-%d %H:%M").replace(tzinfo=WIB)


def test_dry_run_shows_what_would_go_and_the_run_removes_it(
    kamtibmas: Kamtibmas, db: Database
) -> None:
    delivery_id = db.call(_past)
    before = db.call(_counts)
    assert before == (4, 2, 3, 2)

    dry = kamtibmas("retention", "--dry-run")
    assert dry.code == 0, dry.err
    assert dry.out.startswith("Dry run, nothing changed. Would remove (times in Asia/Jakarta):")
    assert "reports: 1   photos: 2   exact locations: 1   stored messages emptied: 0" in dry.out
    assert "deliveries: 1   recipient rows: 3 (their counts are kept)" in dry.out
    assert "people: 1   open conversations: 1" in dry.out
    assert "situation notes (/kondisi) expired before" in dry.out and "notes: 0 (" in dry.out
    assert "audit log: kept, never removed" in dry.out
    # The cut-offs: now minus each rule's days, in the configured zone.
    now = utcnow()
    for rule, days in (("reports closed", 365), ("deliveries finished", 90), ("untouched", 7)):
        assert abs(_cutoff(dry.out, rule) - (now - days * DAY)) < dt.timedelta(minutes=2)
    assert "(RETENTION_REPORT_DAYS=365)" in dry.out and "(RETENTION_DRAFT_DAYS=7)" in dry.out
    assert db.call(_counts) == before

    done = kamtibmas("retention")
    assert done.code == 0, done.err
    assert done.out.startswith("Removed (times in Asia/Jakarta):")
    assert "reports: 1   photos: 2   exact locations: 1" in done.out
    assert "deliveries: 1   recipient rows: 3" in done.out
    assert "people: 1   open conversations: 1" in done.out
    assert db.call(_counts) == (2, 1, 0, 1)
    # The audit log keeps what was done, in counts (nothing removed is repeated there).
    audited = kamtibmas("audit", "--action", "retention")
    assert "retention.apply" in audited.out and "cli" in audited.out
    assert "reports 1 (photos 2, locations 1" in audited.out

    again = kamtibmas("retention")
    assert "reports: 0   photos: 0" in again.out
    assert "deliveries: 0   recipient rows: 0" in again.out

    status = kamtibmas("delivery", "status", str(delivery_id))
    assert status.code == 0, status.err
    assert "recipients 3: sent 2, blocked 1, failed 0, cancelled 0, waiting 0" in status.out
    assert "compacted " in status.out and "counts kept, no ledger" in status.out
    ledger = kamtibmas("delivery", "ledger", str(delivery_id))
    assert ledger.code == 1 and "was compacted on" in ledger.err


def test_retention_is_listed_in_the_help(kamtibmas: Kamtibmas) -> None:
    listed = kamtibmas("--help")
    assert "retention" in listed.out
    own = kamtibmas("retention", "--help")
    assert "--dry-run" in own.out


def _calls(session: Session) -> None:
    """Three siaga calls at a shared point, each with a 📍 on-site answer (a location, confirmed)
    and a ❌ answer with a reason: one closed 400 days ago, one closed 300 days ago, one
    opened 400 days ago and still open."""
    now = utcnow()
    desa = Area(level=AreaLevel.DESA, name="Kronto")
    session.add(desa)
    session.flush()
    assert desa.id is not None
    for number, age, status in (
        (1, 400, SiagaStatus.CLOSED),
        (2, 300, SiagaStatus.CLOSED),
        (3, 400, SiagaStatus.OPEN),
    ):
        call = SiagaCall(
            caller_id=900,
            area_id=desa.id,
            audience="both",
            reason=f"Banjir {number}",
            place_kind="location",
            place_name="Lokasi yang dibagikan",
            latitude=-7.8,
            longitude=112.8,
            at=now - age * DAY,
            level=SiagaLevel.WASPADA,
            status=status,
            recipients=2,
            created_at=now - age * DAY,
            closed_at=now - age * DAY if status is SiagaStatus.CLOSED else None,
            closed_how="stand_down" if status is SiagaStatus.CLOSED else None,
        )
        session.add(call)
        session.flush()
        assert call.id is not None
        answered = now - age * DAY
        session.add(
            SiagaRecipient(
                call_id=call.id,
                user_id=1,
                answer=SiagaAnswer.LOKASI,
                answered_at=answered,
                first_siap_at=answered,
                latitude=-7.8001,
                longitude=112.8001,
                confirmed=True,
            )
        )
        session.add(
            SiagaRecipient(
                call_id=call.id,
                user_id=2,
                answer=SiagaAnswer.TIDAK,
                answered_at=answered,
                note="Sedang sakit",
            )
        )


def _siaga_state(session: Session) -> list[tuple[object, ...]]:
    """Per call (by reason): its point and place name; per answer: answer, time, reason,
    location, confirmed."""
    rows: list[tuple[object, ...]] = []
    for call in session.exec(select(SiagaCall).order_by(SiagaCall.id)):  # type: ignore[arg-type]
        rows.append((call.reason, call.latitude, call.longitude, call.place_name, call.recipients))
        people = session.exec(
            select(SiagaRecipient)
            .where(SiagaRecipient.call_id == call.id)
            .order_by(SiagaRecipient.user_id)  # type: ignore[arg-type]
        )
        for person in people:
            rows.append(
                (
                    person.answer,
                    person.answered_at is not None,
                    person.first_siap_at is not None,
                    person.note,
                    person.latitude,
                    person.longitude,
                    person.confirmed,
                )
            )
    return rows


def test_old_closed_siaga_calls_lose_answer_locations_and_reasons(
    kamtibmas: Kamtibmas, db: Database
) -> None:
    db.call(_calls)
    before = db.call(_siaga_state)

    dry = kamtibmas("retention", "--dry-run")
    assert dry.code == 0, dry.err
    assert "siaga calls closed before" in dry.out
    assert "calls: 1   answers: 2 (shared locations and reasons" in dry.out
    assert db.call(_siaga_state) == before

    done = kamtibmas("retention")
    assert done.code == 0, done.err
    assert "calls: 1   answers: 2" in done.out
    after = db.call(_siaga_state)
    place = "Lokasi yang dibagikan"
    # The old closed call: no point, no answer location, no reason; answers, times, the
    # "confirmed" flag and the count stay.
    assert after[:3] == [
        ("Banjir 1", None, None, place, 2),
        (SiagaAnswer.LOKASI, True, True, None, None, None, True),
        (SiagaAnswer.TIDAK, True, False, None, None, None, False),
    ]
    # The recently closed call and the open one are untouched.
    assert after[3:] == before[3:]
    assert after[3] == ("Banjir 2", -7.8, 112.8, place, 2)
    assert after[5][3] == "Sedang sakit" and after[4][4:6] == (-7.8001, 112.8001)
    assert after[6] == ("Banjir 3", -7.8, 112.8, place, 2)
    audited = kamtibmas("audit", "--action", "retention")
    assert "siaga calls 1 (answers 2)" in audited.out

    again = kamtibmas("retention")
    assert "calls: 0   answers: 0" in again.out
    assert db.call(_siaga_state) == after
