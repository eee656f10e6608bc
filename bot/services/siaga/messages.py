"""The texts and buttons of siaga: the call as the people called read it, their answer, the
reminder, the stand-down, the live tally and the full list (plain dicts: no `telegram` here)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from bot.callbacks import inline_keyboard
from bot.services.siaga.callbacks import NOTE_WORDS
from bot.services.siaga.callbacks import Answer
from bot.services.siaga.callbacks import Close
from bot.services.siaga.callbacks import CloseSure
from bot.services.siaga.callbacks import ListNav
from bot.services.siaga.callbacks import ListPage
from bot.services.siaga.callbacks import Note
from bot.services.siaga.callbacks import Remind
from bot.services.siaga.types import LIST_PAGE
from bot.services.siaga.types import TALLY_NAMES
from bot.services.siaga.types import CallView
from bot.services.siaga.types import Tally
from bot.texts import Html
from bot.texts import t
from bot.texts.when import format_time
from bot.texts.when import format_when
from storage.models import SiagaAnswer
from storage.models import SiagaLevel
from storage.models import SiagaRecipient

Markup = dict[str, Any]

ANSWER_ICONS = {SiagaAnswer.SIAP: "✅", SiagaAnswer.LOKASI: "📍", SiagaAnswer.TIDAK: "❌"}


def when(lang: str, tz: ZoneInfo, call: CallView) -> str:
    """ "sekarang (21.40 WIB)" or "Rab 2 Des, 23.00 WIB"."""
    if call.at <= call.created_at + dt.timedelta(minutes=1):
        return t(lang, "siaga.now_at", time=format_time(call.at, lang, tz, zone=True))
    return format_when(call.at, lang, tz)


def call_text(lang: str, tz: ZoneInfo, call: CallView, *, reminder: bool = False) -> str:
    """The call as the people called read it (Darurat: 🚨 and the 110 line)."""
    key = "siaga.call_darurat" if call.level is SiagaLevel.DARURAT else "siaga.call_waspada"
    text = t(
        lang,
        key,
        number=call.id,
        caller=call.caller,
        area=call.area,
        reason=call.reason,
        place=call.place,
        when=when(lang, tz, call),
    )
    if reminder:
        text = t(lang, "siaga.reminder_head") + "\n" + text
    return text + "\n\n" + t(lang, "siaga.call_ask")


def answered_text(
    lang: str, tz: ZoneInfo, call: CallView, answer: SiagaAnswer, *, confirmed: bool = False
) -> str:
    """The call with the person's current answer under it (their own message, edited)."""
    mine = t(lang, f"siaga.mine_{answer.value}")
    if answer is SiagaAnswer.LOKASI and confirmed:
        mine += " " + t(lang, "siaga.mine_confirmed")
    return call_text(lang, tz, call) + "\n\n" + t(lang, "siaga.mine", answer=Html(mine))


def answer_buttons(lang: str, call_id: int) -> Markup:
    return inline_keyboard(
        [
            [
                (t(lang, "siaga.btn_siap"), Answer(call_id, "siap")),
                (t(lang, "siaga.btn_lokasi"), Answer(call_id, "lokasi")),
            ],
            [(t(lang, "siaga.btn_tidak"), Answer(call_id, "tidak"))],
        ]
    )


def note_buttons(lang: str, call_id: int) -> Markup:
    return inline_keyboard(
        [
            [(t(lang, f"siaga.btn_note_{w}"), Note(call_id, w)) for w in NOTE_WORDS],
            [(t(lang, "siaga.btn_skip"), Note(call_id, "skip"))],
        ]
    )


def stand_down_text(lang: str, tz: ZoneInfo, call: CallView, *, auto: bool) -> str:
    return t(
        lang,
        "siaga.closed_auto_people" if auto else "siaga.stand_down",
        number=call.id,
        reason=call.reason,
        area=call.area,
    )


def _name(names: dict[int, str], user_id: int) -> str:
    return names.get(user_id, str(user_id))


def tally(
    lang: str,
    tz: ZoneInfo,
    call: CallView,
    people: Sequence[SiagaRecipient],
    names: dict[int, str],
) -> Tally:
    """The live tally: counts per answer, who is coming and who is there, how many have not
    answered; ⚠️ marks someone who no longer belonged to those called when they answered."""
    by: dict[SiagaAnswer | None, list[SiagaRecipient]] = {}
    for person in people:
        by.setdefault(person.answer, []).append(person)
    siap = by.get(SiagaAnswer.SIAP, [])
    there = by.get(SiagaAnswer.LOKASI, [])
    cannot = by.get(SiagaAnswer.TIDAK, [])
    waiting = by.get(None, [])

    def names_of(group: list[SiagaRecipient]) -> str:
        shown = [
            _name(names, p.user_id)
            + (" ✔️" if p.answer is SiagaAnswer.LOKASI and p.confirmed else "")
            + ("" if p.still_member else " ⚠️")
            for p in sorted(group, key=lambda p: p.answered_at or call.created_at)[:TALLY_NAMES]
        ]
        more = len(group) - len(shown)
        text = ", ".join(shown) or "—"
        return text + (t(lang, "siaga.tally_more", n=more) if more > 0 else "")

    icon = "🚨" if call.level is SiagaLevel.DARURAT else "⚠️"
    lines = [
        t(lang, "siaga.tally_head", icon=icon, number=call.id, area=call.area, reason=call.reason),
        t(lang, "siaga.tally_where", place=call.place, when=when(lang, tz, call)),
        "",
        t(
            lang,
            "siaga.tally_counts",
            siap=len(siap),
            there=len(there),
            confirmed=sum(1 for p in there if p.confirmed),
            cannot=len(cannot),
            waiting=len(waiting),
            total=len(people),
        ),
        t(lang, "siaga.tally_siap", names=names_of(siap)),
        t(lang, "siaga.tally_there", names=names_of(there)),
    ]
    if any(not p.still_member for p in people):
        lines.append(t(lang, "siaga.tally_flag_note"))
    if call.open:
        lines.append(t(lang, "siaga.tally_open"))
    else:
        key = "siaga.tally_closed_auto" if call.closed_how == "auto" else "siaga.tally_closed"
        closed = call.closed_at or call.created_at
        lines.append(t(lang, key, time=format_time(closed, lang, tz, zone=True)))
    text = "\n".join(lines)
    return Tally(text=text, digest=digest(text, call.open), open=call.open)


def digest(text: str, buttons: bool) -> str:
    """What decides whether an edit would change the message: its text and its buttons."""
    return hashlib.sha256(f"{int(buttons)}:{text}".encode()).hexdigest()[:32]


def tally_buttons(lang: str, call_id: int, *, open_: bool) -> Markup:
    rows: list[list[tuple[str, Any]]] = [[(t(lang, "siaga.btn_list"), ListPage(call_id))]]
    if open_:
        rows.insert(0, [(t(lang, "siaga.btn_remind"), Remind(call_id))])
        rows.append([(t(lang, "siaga.btn_close"), Close(call_id))])
    return inline_keyboard(rows)


def close_buttons(lang: str, call_id: int) -> Markup:
    return inline_keyboard([[(t(lang, "siaga.btn_close_sure"), CloseSure(call_id))]])


def list_page(
    lang: str,
    call: CallView,
    people: Sequence[SiagaRecipient],
    names: dict[int, str],
    page: int,
) -> tuple[str, Markup | None]:
    """One page of the full list, with ◀ ▶ when there are more."""
    pages = max(1, -(-len(people) // LIST_PAGE))
    page = min(max(page, 0), pages - 1)
    order = {SiagaAnswer.LOKASI: 0, SiagaAnswer.SIAP: 1, SiagaAnswer.TIDAK: 2, None: 3}
    ranked = sorted(people, key=lambda p: (order[p.answer], _name(names, p.user_id).lower()))
    lines = [t(lang, "siaga.list_head", number=call.id, page=page + 1, pages=pages)]
    for person in ranked[page * LIST_PAGE : (page + 1) * LIST_PAGE]:
        icon = ANSWER_ICONS.get(person.answer, "⏳") if person.answer else "⏳"
        extra = []
        if person.answer is SiagaAnswer.LOKASI and person.confirmed:
            extra.append(t(lang, "siaga.list_confirmed"))
        if person.note:
            extra.append(person.note)
        line = t(
            lang,
            "siaga.list_line",
            icon=icon,
            name=_name(names, person.user_id),
            extra=(" — " + "; ".join(extra)) if extra else "",
        )
        if not person.still_member:
            line += " ⚠️"
        lines.append(line)
    if any(not p.still_member for p in people):
        lines.append(t(lang, "siaga.tally_flag_note"))
    nav = []
    if page > 0:
        nav.append(("◀", ListNav(call.id, page - 1)))
    if page < pages - 1:
        nav.append(("▶", ListNav(call.id, page + 1)))
    return "\n".join(lines), inline_keyboard([nav]) if nav else None
