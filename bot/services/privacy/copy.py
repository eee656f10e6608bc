"""A person's copy of their data: one JSON document with readable Indonesian keys, UTF-8.

It holds only what is about them, as they may see it: their profile, home desa and
subscriptions, their reports with the history the reporter sees (/status), their roles, their
own ronda shifts (their check-in, never the other members') and offers to stand watch
(/ikutronda, without who decided), the advisories they acknowledged, the organisations they
muted, their own answers to muster calls (/siaga), the situation notes they wrote
(/kondisi catat) and their practice reports (/latihan, with the feedback on them). Nothing
about another person is read: no officer's name, no other member of a shift or call, and no
report they handled as an officer (those belong to the reporters and the police record).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.services.areas import AreaService
from bot.services.reports.messages import history_lines
from bot.services.roles.grants import assignments
from bot.texts import plain_text
from bot.texts.when import format_iso
from storage import kondisi as kondisi_store
from storage import latihan as latihan_store
from storage import privacy as q
from storage import siaga as siaga_store
from storage.models import ShiftStatus
from storage.models import VolunteerStatus
from storage.models import utcnow

# An offer to stand watch (/ikutronda) in the copy's words.
VOLUNTEER_STATUS = {
    VolunteerStatus.PENDING: "menunggu keputusan",
    VolunteerStatus.ACCEPTED: "diterima",
    VolunteerStatus.REJECTED: "ditolak",
    VolunteerStatus.LEFT: "keluar",
    VolunteerStatus.REMOVED: "dikeluarkan",
}
# A shift's status in the copy's words.
SHIFT_STATUS = {
    ShiftStatus.PLANNED: "terjadwal",
    ShiftStatus.HELD: "terlaksana",
    ShiftStatus.MISSED: "tidak terlaksana",
    ShiftStatus.CANCELLED: "dibatalkan",
}


def document(
    session: Session, areas: AreaService, *, user_id: int, lang: str, tz: ZoneInfo
) -> dict[str, Any]:
    """Everything kept about `user_id`, as the copy lists it."""

    def when(moment: dt.datetime | None) -> str | None:
        return format_iso(moment, tz) or None

    def area(area_id: int | None) -> str | None:
        entry = areas.get(area_id) if area_id is not None else None
        return areas.label(entry) if entry is not None else None

    user = q.user(session, user_id=user_id)
    profile = None
    if user is not None:
        profile = {
            "id_telegram": user.id,
            "nama_depan": user.first_name,
            "nama_belakang": user.last_name,
            "username": user.username,
            "bahasa": user.language,
            "pangkat_dan_nama": user.title,
            "pertama_kali": when(user.created_at),
            "terakhir_terlihat": when(user.last_seen_at),
        }
    return {
        "keterangan": (
            "Salinan data pribadi Anda di Kamtibmas Bot (UU No. 27 Tahun 2022 tentang "
            "Pelindungan Data Pribadi)."
        ),
        "dibuat": when(utcnow()),
        "profil": profile,
        "desa_asal": area(q.home_area_id(session, user_id=user_id)),
        "langganan": [area(i) for i in q.subscribed_area_ids(session, user_id=user_id)],
        "peran": [
            {
                "peran": a.holding.role.value,
                "wilayah": a.scope_name or "semua wilayah",
                "divisi": a.holding.division.value if a.holding.division else None,
                "koordinator": a.holding.koordinator,
                "sejak": when(a.granted_at),
            }
            for a in assignments(session, user_id=user_id)
        ],
        "laporan": _reports(session, area, when, user_id=user_id, lang=lang, tz=tz),
        "giliran_ronda": [
            {
                "desa": area(s.shift.desa_id),
                "pos": s.post_name,
                "mulai": when(s.shift.starts_at),
                "selesai": when(s.shift.ends_at),
                "status": SHIFT_STATUS[s.shift.status],
                "hadir": when(s.member.checked_in_at),
                "lokasi_hadir": _location(s.member.latitude, s.member.longitude),
                "pulang": when(s.member.checked_out_at),
                "hasil": s.member.outcome,
                "catatan": s.member.note or None,
            }
            for s in q.shifts_of(session, user_id=user_id)
        ],
        # Who decided is another person: not in the copy.
        "relawan_ronda": [
            {
                "desa": area(v.desa_id),
                "status": VOLUNTEER_STATUS[v.status],
                "diminta": when(v.requested_at),
                "diputuskan": when(v.decided_at),
            }
            for v in q.volunteering_of(session, user_id=user_id)
        ],
        "imbauan_sudah_dibaca": [
            {"imbauan": ack.advisory_id, "dari": source, "waktu": when(ack.at)}
            for ack, source in q.acknowledgements_of(session, user_id=user_id)
        ],
        "imbauan_info_disenyapkan": q.muted_organisations(session, user_id=user_id),
        # The muster calls (/siaga) that called them, with their own answer only.
        "panggilan_siaga": [
            {
                "siaga": call.id,
                "wilayah": area(call.area_id),
                "alasan": call.reason,
                "waktu": when(call.at),
                "jawaban": person.answer.value if person.answer else None,
                "dijawab": when(person.answered_at),
                "alasan_tidak_bisa": person.note,
                "lokasi": _location(person.latitude, person.longitude),
                "lokasi_terkonfirmasi": person.confirmed,
            }
            for person, call in siaga_store.answers_of(session, user_id=user_id)
        ],
        # The situation notes they wrote for a desa (/kondisi catat).
        "catatan_kondisi": [
            {
                "desa": area(note.desa_id),
                "catatan": note.text,
                "ditulis": when(note.created_at),
                "berlaku_sampai": when(note.expires_at),
                "ditarik": note.withdrawn,
            }
            for note in kondisi_store.notes_of(session, author_id=user_id)
        ],
        # Their own practice reports (/latihan), with the trainer's feedback on them.
        "laporan_latihan": [
            {
                "nomor": f"LAT-{r.id or 0:04d}",
                "latihan": r.session_id,
                "jenis": r.category,
                "cerita": r.description,
                "tempat": r.place_text or None,
                "lokasi": _location(r.latitude, r.longitude),
                "foto": len([p for p in r.photos.split("\n") if p]),
                "dibuat": when(r.created_at),
                "masukan": r.feedback,
            }
            for r in latihan_store.of_person(session, user_id=user_id)
        ],
    }


def _reports(
    session: Session, area: Any, when: Any, *, user_id: int, lang: str, tz: ZoneInfo
) -> list[dict[str, Any]]:
    found = []
    for report in q.reports_of(session, user_id=user_id):
        assert report.id is not None
        events = q.report_events(session, report_id=report.id)
        found.append(
            {
                "nomor": report.code,
                "kategori": report.category.value,
                "uraian": report.description,
                "desa": area(report.desa_id),
                "tempat": report.place_text or None,
                "lokasi": _location(report.latitude, report.longitude),
                "mendesak": report.urgent,
                "anonim": report.anonymous,
                "status": report.status.value,
                "dibuat": when(report.created_at),
                "ditutup": when(report.closed_at),
                "jumlah_foto": q.photo_count(session, report_id=report.id),
                # The history as /status shows it to the reporter (officers by their Polsek).
                "riwayat": [
                    plain_text(line).removeprefix("• ") for line in history_lines(lang, events, tz)
                ],
            }
        )
    return found


def _location(latitude: float | None, longitude: float | None) -> dict[str, float] | None:
    if latitude is None or longitude is None:
        return None
    return {"lintang": latitude, "bujur": longitude}


def encode(data: dict[str, Any]) -> bytes:
    """The document as a file: indented JSON, UTF-8, letters as they are (not \\u escapes)."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
