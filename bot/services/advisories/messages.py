"""What advisories look like: the message every recipient gets (also the author's preview), the
struck-through copy after a cancellation, the request and notes around an approval, and the
short lines of the author's and residents' lists."""

from __future__ import annotations

import datetime as dt
import html

from bot.callbacks import inline_keyboard
from bot.delivery import Payload
from bot.delivery.progress import number
from bot.services.advisories.callbacks import Acknowledge
from bot.services.advisories.callbacks import Approve
from bot.services.advisories.callbacks import Reject
from bot.services.advisories.types import AdvisoryError
from bot.services.advisories.types import Audience
from bot.services.advisories.types import Summary
from bot.services.advisories.types import style
from bot.texts import CAPTION_LIMIT
from bot.texts import TEXT_LIMIT
from bot.texts import t
from bot.texts import visible_length
from bot.texts.when import format_when
from storage import outbox
from storage.models import Advisory
from storage.models import AdvisoryLevel
from storage.models import AdvisoryStatus
from storage.models import utcnow

# Room kept for the "DICABUT" line a cancellation adds to every delivered copy.
CANCEL_RESERVE = 80
# Visible characters an inline button label may have (house rule).
BUTTON_LIMIT = 28


def _excerpt(text: str, length: int) -> str:
    """The text on one line, cut to `length` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1] + "…"


def _level_icon(advisory: Advisory) -> str:
    """ℹ️, ⚠️ or 🚨."""
    return style(advisory.level).icon


class Messages:
    """Renders advisories in the deployment's language (one message goes to every recipient)."""

    def __init__(self, *, timezone: dt.tzinfo, language: str) -> None:
        self.timezone = timezone
        self.language = language

    def when(self, moment: dt.datetime, lang: str | None = None, *, zone: bool = True) -> str:
        """A time as people read it ("Rab 2 Des, 18.59 WIB"; `zone=False` without "WIB")."""
        return format_when(moment, lang or self.language, self.timezone, zone=zone)

    def render(
        self,
        advisory: Advisory,
        *,
        at: dt.datetime,
        parent: Advisory | None = None,
        pending: bool = False,
    ) -> str:
        """The advisory as every recipient sees it: the badge (source, approval chain, level,
        exercise label, time and targets), then the author's text, escaped. `pending`: shown
        before the Polsek decided (a preview), so it says it awaits approval."""
        lang = advisory.language or self.language
        lines = []
        if advisory.exercise:
            lines.append(t(lang, "adv.exercise"))
        badge = "adv.badge_update" if parent is not None else "adv.badge"
        lines.append(t(lang, badge, source=advisory.source_name))
        lines.append(t(lang, f"adv.level_{AdvisoryLevel(advisory.level).value}"))
        if advisory.approver_name:
            chain = "adv.chain_pending" if pending else "adv.chain"
            lines.append(
                t(lang, chain, source=advisory.source_name, approver=advisory.approver_name)
            )
        lines.append(t(lang, "adv.meta", time=self.when(at, lang), targets=advisory.target_label))
        if advisory.expires_at is not None:
            lines.append(
                t(lang, "adv.expires", time=self.when(advisory.expires_at, lang, zone=False))
            )
        if parent is not None:
            refers = self.when(parent.sent_at or at, lang, zone=False)
            lines.append(t(lang, "adv.refers", id=parent.id, time=refers))
        body = html.escape(advisory.text, quote=False)
        text = "\n".join(lines) + "\n\n" + body
        if advisory.exercise:
            text += "\n\n" + t(lang, "adv.exercise")
        return text

    def payload(
        self,
        advisory: Advisory,
        *,
        at: dt.datetime,
        parent: Advisory | None = None,
        pending: bool = False,
    ) -> Payload:
        """The message the delivery engine sends: silent for Info, with sound otherwise, and
        a "Sudah dibaca" button under Darurat (`pending`: a preview before approval)."""
        text = self.render(advisory, at=at, parent=parent, pending=pending)
        level = style(advisory.level)
        markup = None
        if level.acknowledge:
            label = t(advisory.language or self.language, "adv.ack_button")
            markup = inline_keyboard([[(label, Acknowledge(advisory.id or 0))]])
        silent = level.silent
        if advisory.photo_file_id:
            return Payload.photo(
                advisory.photo_file_id, text, reply_markup=markup, disable_notification=silent
            )
        return Payload.message(text, reply_markup=markup, disable_notification=silent)

    def check_length(self, advisory: Advisory, *, parent: Advisory | None = None) -> None:
        """Refuse a text that would be too long once the badge is added (Telegram counts the
        rendered message; a photo caption has a quarter of the room)."""
        limit = (CAPTION_LIMIT if advisory.photo_file_id else TEXT_LIMIT) - CANCEL_RESERVE
        length = visible_length(self.render(advisory, at=utcnow(), parent=parent))
        if length > limit:
            key = "adv.too_long_caption" if advisory.photo_file_id else "adv.too_long"
            raise AdvisoryError(key, length=length, limit=limit, over=length - limit)

    def cancelled(self, advisory: Advisory, at: dt.datetime) -> Payload:
        """The edit every delivered copy gets on cancellation: marked, struck through."""
        lang = advisory.language or self.language
        original = self.render(advisory, at=advisory.sent_at or at)
        # The struck copy below names the zone, so the head does not repeat it.
        head = t(lang, "adv.cancelled_head", time=self.when(at, lang, zone=False))
        struck = f"{head}\n\n<s>{original}</s>"
        if advisory.photo_file_id:
            return Payload.photo(advisory.photo_file_id, struck)
        return Payload.message(struck)

    def cancel_notice(self, advisory: Advisory, at: dt.datetime, reason: str) -> Payload:
        """The reply to every delivered copy that says it was withdrawn, and why."""
        lang = advisory.language or self.language
        text = t(
            lang,
            "adv.cancel_notice",
            source=advisory.source_name,
            time=self.when(advisory.sent_at or at, lang),
            reason=reason,
        )
        return Payload.message(text)

    def withdrawn_request(self, advisory: Advisory, lang: str) -> Payload:
        """The approval request once the author withdrew what it asked about."""
        return Payload.message(t(lang, "adv.approval_withdrawn_duty", id=advisory.id))

    def preview_summary(self, advisory: Advisory, audience: Audience, lang: str) -> str:
        """Below the author's preview: who will get it, and whether the Polsek must approve."""
        lines = [
            t(
                lang,
                "adv.preview_count",
                count=len(audience),
                people=len(audience.people),
                groups=len(audience.groups),
            )
        ]
        if advisory.approver_name:
            lines.append(t(lang, "adv.preview_approval", polsek=advisory.approver_name))
        if not len(audience):
            lines.append(t(lang, "adv.nobody"))
        return "\n".join(lines)

    def send_label(self, advisory: Advisory, lang: str) -> str:
        """The preview's send button: "Kirim sekarang", or "Ajukan ke Polsek Lumbang" when
        the Polsek must approve (its short form when the name would not fit a button)."""
        if not advisory.approver_name:
            return t(lang, "adv.send_now")
        label = t(lang, "adv.submit_to", polsek=advisory.approver_name)
        if visible_length(label) > BUTTON_LIMIT:
            return t(lang, "adv.submit_to_polsek")
        return label

    def progress(
        self, advisory: Advisory, delivery_id: int, counts: outbox.Counts, lang: str, done: bool
    ) -> str:
        """The author's one progress message of a sending advisory, and its final text: how
        many recipients it reached, and only when some were not, how many and where to look."""
        c = counts
        values = {"id": advisory.id, "sent": number(c.sent, lang), "total": number(c.total, lang)}
        if not done:
            lines = [t(lang, "adv.progress", **values)]
        elif c.sent == c.total:
            lines = [t(lang, "adv.progress_done", **values)]
        else:
            missing = []
            if c.failed + c.blocked:
                missing.append(
                    t(lang, "adv.progress_unreachable", count=number(c.failed + c.blocked, lang))
                )
            if c.cancelled:
                missing.append(t(lang, "adv.progress_withdrawn", count=number(c.cancelled, lang)))
            text = t(lang, "adv.progress_partly", missing="; ".join(missing), **values)
            if c.failed + c.blocked:
                text += " " + t(lang, "adv.progress_details", delivery=delivery_id)
            lines = [text]
        if advisory.decided_by_name:
            lines.append(t(lang, "adv.progress_approved", by=advisory.decided_by_name))
        return "\n".join(lines)

    # --- lists ---------------------------------------------------------------------------------

    def summary_line(self, summary: Summary, lang: str) -> str:
        """One advisory of an author's list: status, targets, excerpt, reads and updates."""
        advisory = summary.advisory
        status = AdvisoryStatus(advisory.status)
        line = t(
            lang,
            "adv.mine_line",
            id=advisory.id,
            icon=_level_icon(advisory),
            status=t(lang, f"adv.status_{status.value}"),
            targets=advisory.target_label[:80],
            excerpt=_excerpt(advisory.text, 60),
            count=advisory.recipients,
        )
        if style(advisory.level).acknowledge and status is AdvisoryStatus.SENT:
            line += "\n" + t(lang, "adv.mine_acks", acks=summary.acks)
        if summary.updates:
            line += "\n" + t(lang, "adv.mine_updates", updates=summary.updates)
        return line

    def history_line(self, advisory: Advisory, lang: str) -> str:
        """One advisory of a resident's /riwayat: when, from whom, marked if an exercise,
        withdrawn or expired."""
        flags = []
        if advisory.exercise:
            flags.append(t(lang, "adv.flag_exercise"))
        if advisory.status is AdvisoryStatus.CANCELLED:
            flags.append(t(lang, "adv.flag_cancelled"))
        elif advisory.expires_at is not None and advisory.expires_at <= utcnow():
            flags.append(t(lang, "adv.flag_expired"))
        return t(
            lang,
            "adv.history_line",
            icon=_level_icon(advisory),
            time=self.when(advisory.sent_at or advisory.created_at, lang, zone=False),
            source=advisory.source_name,
            flags=" ".join(flags),
            excerpt=_excerpt(advisory.text, 200),
        )

    # --- approval ----------------------------------------------------------------------------

    def approval_preview(self, advisory: Advisory, parent: Advisory | None) -> Payload:
        """The advisory as it will look, for the duty chat (without its buttons)."""
        preview = self.payload(advisory, at=utcnow(), parent=parent, pending=True)
        preview.params.pop("reply_markup", None)
        return preview

    def approval_request(self, advisory: Advisory, parent: Advisory | None, author: str) -> Payload:
        """Who asks, for whom and when, with Setujui / Tolak."""
        lang = self.language
        when = self.when(advisory.send_at, lang) if advisory.send_at else t(lang, "adv.when_now")
        key = "adv.approval_request_update" if parent else "adv.approval_request"
        text = t(
            lang,
            key,
            id=advisory.id,
            parent=advisory.parent_id or "",
            author=author or str(advisory.author_id),
            source=advisory.source_name,
            targets=advisory.target_label,
            count=advisory.recipients,
            when=when,
        )
        assert advisory.id is not None
        buttons = [
            (t(lang, "adv.approve_button"), Approve(advisory.id)),
            (t(lang, "adv.reject_button"), Reject(advisory.id)),
        ]
        return Payload.message(text, reply_markup=inline_keyboard([buttons]))

    def late_press(self, advisory: Advisory, lang: str) -> str:
        """Who decided (or that the author withdrew it), for a press that came too late."""
        if advisory.status is AdvisoryStatus.CANCELLED and not advisory.decided_by_name:
            return t(lang, "adv.already_withdrawn", id=advisory.id)
        rejected = advisory.status is AdvisoryStatus.REJECTED
        outcome = t(lang, "adv.outcome_rejected" if rejected else "adv.outcome_approved")
        by = advisory.decided_by_name or "?"
        return t(lang, "adv.already_decided", id=advisory.id, by=by, outcome=outcome)

    def decided_request(self, advisory: Advisory, key: str, approver: str, reason: str) -> Payload:
        """The approval request once decided (its buttons gone)."""
        text = t(
            self.language,
            f"{key}_duty",
            id=advisory.id,
            by=approver,
            reason=reason,
            source=advisory.source_name,
        )
        return Payload.message(text)

    def decided_note(
        self, advisory: Advisory, key: str, approver: str, reason: str, lang: str
    ) -> Payload:
        """What the author is told of the decision (and when a scheduled one goes out)."""
        when = (
            self.when(advisory.send_at, lang)
            if advisory.send_at and advisory.send_at > utcnow()
            else ""
        )
        note_key = f"{key}_author_scheduled" if when and key == "adv.approved" else f"{key}_author"
        return Payload.message(
            t(lang, note_key, id=advisory.id, by=approver, reason=reason, when=when)
        )
