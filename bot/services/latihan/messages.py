"""Texts and buttons of what latihan sends and shows: the invitation, a practice report as the
trainer sees it, the checklist, feedback, a session's view, the summary and the history."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.callbacks import CallbackData
from bot.callbacks import inline_keyboard
from bot.services.latihan.callbacks import End
from bot.services.latihan.callbacks import Feedback
from bot.services.latihan.callbacks import Join
from bot.services.latihan.callbacks import View
from bot.services.latihan.types import Check
from bot.services.latihan.types import number
from bot.texts import t
from storage.models import TrainingReport
from storage.models import TrainingSession
from storage.models import TrainingStatus


def banner(lang: str) -> str:
    """The one line above every message of /lapor's practice mode."""
    return t(lang, "latihan.banner")


def scenario_line(lang: str, session: TrainingSession) -> str:
    lines = []
    if session.scenario:
        lines.append(t(lang, "latihan.scenario", scenario=session.scenario))
    asks = asks_text(lang, session.wants_photo, session.wants_location)
    if asks:
        lines.append(t(lang, "latihan.scenario_asks", asks=asks))
    return "\n".join(lines)


def asks_text(lang: str, photo: bool, location: bool) -> str:
    parts = [
        t(lang, f"latihan.ask_{name}") for name, on in (("photo", photo), ("loc", location)) if on
    ]
    return t(lang, "latihan.and").join(parts)


def invitation(
    lang: str, session: TrainingSession, trainer: str, desa: str
) -> tuple[str, dict[str, Any]]:
    """The Karang Taruna member's invitation, with 🎓 Mulai latihan."""
    assert session.id is not None
    text = t(lang, "latihan.invitation", trainer=trainer, desa=desa)
    extra = scenario_line(lang, session)
    if extra:
        text += "\n\n" + extra
    rows = [[(t(lang, "latihan.btn_join"), Join(session.id))]]
    return text, inline_keyboard(rows)


def checklist(lang: str, checks: Sequence[tuple[Check, bool]]) -> str:
    """✅/❌ a line for each item, in plain words."""
    return "\n".join(
        ("✅ " if met else "❌ ") + t(lang, f"latihan.check_{check.value}" + ("" if met else "_no"))
        for check, met in checks
    )


def checks_of(report: TrainingReport, session: TrainingSession) -> list[tuple[Check, bool]]:
    """A stored report's checklist, in the order it was graded."""
    missing = set(filter(None, report.missing.split(",")))
    items = [Check.CATEGORY, Check.PLACE, Check.TIME, Check.STORY]
    if session.wants_photo:
        items.append(Check.PHOTO)
    if session.wants_location:
        items.append(Check.LOCATION)
    return [(item, item.value not in missing) for item in items]


def report_card(
    lang: str,
    report: TrainingReport,
    session: TrainingSession,
    *,
    trainee: str,
    desa: str,
    category: str,
    with_button: bool,
) -> tuple[str, dict[str, Any] | None]:
    """A practice report as the trainer (and the training group) gets it."""
    assert report.id is not None
    if report.latitude is not None and report.longitude is not None:
        place = t(
            lang,
            "latihan.card_location",
            lat=f"{report.latitude:.5f}",
            lon=f"{report.longitude:.5f}",
        )
    else:
        place = report.place_text or t(lang, "latihan.card_no_place")
    photos = len([p for p in report.photos.split("\n") if p])
    if report.anonymous:  # a real report would hide them; the trainer must know who trained
        trainee += t(lang, "latihan.card_anonymous")
    text = t(
        lang,
        "latihan.card",
        number=number(report.id),
        session=session.id,
        trainee=trainee,
        category=category,
        desa=desa,
        place=place,
        story=report.description,
        photos=photos,
        passed=report.passed,
        total=report.total,
    )
    text = banner(lang) + "\n" + text + "\n" + checklist(lang, checks_of(report, session))
    if not with_button:
        return text, None
    return text, inline_keyboard([[(t(lang, "latihan.btn_feedback"), Feedback(report.id))]])


def session_title(lang: str, session: TrainingSession, desa: str) -> str:
    icon = "🟢" if session.status is TrainingStatus.OPEN else "⚪"
    return t(lang, "latihan.session_title", icon=icon, number=session.id, desa=desa)


def view_buttons(lang: str, session: TrainingSession) -> dict[str, Any]:
    assert session.id is not None
    rows: list[list[tuple[str, CallbackData]]] = [
        [(t(lang, "latihan.btn_refresh"), View(session.id))]
    ]
    if session.status is TrainingStatus.OPEN:
        rows.append([(t(lang, "latihan.btn_end"), End(session.id))])
    return inline_keyboard(rows)


def ended(lang: str, session: TrainingSession, desa: str, reports: Sequence[TrainingReport]) -> str:
    """What a trainee reads when the trainer ends the session: thanks, and their result."""
    lines = [banner(lang), t(lang, "latihan.ended", number=session.id, desa=desa)]
    passed, total = sum(r.passed for r in reports), sum(r.total for r in reports)
    if len(reports) == 1:
        lines.append(
            t(
                lang,
                "latihan.ended_one",
                number=number(reports[0].id or 0),
                passed=passed,
                total=total,
            )
        )
    elif reports:
        lines.append(
            t(lang, "latihan.ended_many", reports=len(reports), passed=passed, total=total)
        )
    else:
        lines.append(t(lang, "latihan.ended_none"))
    return "\n".join(lines)
