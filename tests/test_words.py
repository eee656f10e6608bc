"""The words decided once (issue 18): every Indonesian text says imbauan, hadir/kehadiran and
speaks as "kami" or in the passive; quotes are “…”; an inline button label fits a phone
(28 visible characters) with realistic values filled in."""

from __future__ import annotations

import ast
import html
import re
import string
from pathlib import Path

import pytest

from bot.texts import TEXTS

ID = TEXTS["id"]
ROOT = Path(__file__).resolve().parent.parent

LABEL_LIMIT = 28

# Button labels. By convention a label's key ends in `btn_<name>` or `_button`; these labels
# predate the convention (a `*` ends a prefix of keys). test_every_button_label_is_known keeps
# this list complete for the buttons the code builds from (label, callback data) pairs.
OTHER_LABELS = (
    "adv.send_now",
    "adv.schedule",
    "adv.drill_on",
    "adv.drill_off",
    "adv.discard",
    "adv.expiry_none",
    "adv.target_all",
    "adv.target_next",
    "adv.target_reset",
    "adv.group_*",
    "adv.level_name_*",
    "adv.reason_*",
    "reports.cat.*",
    "reports.reason.*",
    "ronda.days_*",
    "ronda.weeks",
    "no",
)
# Texts about buttons, not on one.
NOT_LABELS = {"auth.denied_button", "reports.pick_button", "ronda.expect_button"}
# What the code puts before a label's text (handlers/advisories/compose.py).
CODE_PREFIX = {"adv.group_": "👥 ", "adv.level_name_": "⚠️ "}
# Realistic values, long ones: a label must fit with them.
SAMPLES = {
    "area": "Karang Jati",
    "desa": "Karang Jati",
    "name": "Aiptu Bambang S.",
    "id": "12345",
    "n": "12",
    "when": "Rab 12 Des",  # a shift's day (handlers/patrols/members.py)
    "role": "Polisi · Polsek Lumbang",
    "hint": "WHWR",
    "polsek": "Polsek Lumbang",
    "number": "123",
}


def _matches(key: str, pattern: str) -> bool:
    return key.startswith(pattern[:-1]) if pattern.endswith("*") else key == pattern


def is_label(key: str) -> bool:
    if key in NOT_LABELS:
        return False
    last = key.rsplit(".", 1)[-1]
    conventional = last.startswith("btn_") or key.endswith("_button")
    return conventional or any(_matches(key, pattern) for pattern in OTHER_LABELS)


LABELS = sorted(key for key in ID if is_label(key))


def visible(text: str) -> str:
    """What a person reads: no tags, no entities, no emoji joiners or variation selectors."""
    plain = html.unescape(re.sub(r"<[^>]+>", "", text))
    return plain.replace("\ufe0f", "").replace("\u200d", "")


def words(text: str) -> str:
    """A text's own words, lower case: no placeholders, no tags, no quoted words (a button
    the text names, “Saya sudah di pos”, is the user's)."""
    return re.sub(r"\{[^}]*\}|<[^>]+>|“[^”]*”", " ", text).lower()


def filled(key: str) -> str:
    template = ID[key]
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    missing = names - set(SAMPLES)
    assert not missing, f"{key}: add a sample value for {sorted(missing)}"
    prefix = next((p for start, p in CODE_PREFIX.items() if key.startswith(start)), "")
    return prefix + template.format(**{name: SAMPLES[name] for name in names})


@pytest.mark.parametrize("key", LABELS)
def test_a_button_label_fits_a_phone(key: str) -> None:
    label = visible(filled(key))
    assert len(label) <= LABEL_LIMIT, f"{key}: {label!r} is {len(label)} characters"


def test_the_words_decided_in_issue_18() -> None:
    rejected = {
        "himbau": "imbauan (KBBI), never himbauan",
        "check-in": "hadir / kehadiran",
        "„": "quotes are “…”",
        "saya akan": "the bot speaks as kami or in the passive",
        "memblokir bot": "tidak bisa dihubungi (only admin texts may say it)",
    }
    # Admin-facing: the precise word is kept there.
    precise = {"delivery.status", "reports.duty_unreachable"}
    found = [
        (key, word, why)
        for key, text in ID.items()
        for word, why in rejected.items()
        if word in words(text) and not (word == "memblokir bot" and key in precise)
    ]
    assert not found


def test_the_bot_never_says_saya() -> None:
    # A button is the user speaking ("🙋 Saya gantikan"); every other text is the bot.
    speaking = [
        key for key, text in ID.items() if re.search(r"\bsaya\b", words(text)) and not is_label(key)
    ]
    assert not speaking


def test_menus_say_anda() -> None:
    mine = [key for key, text in ID.items() if key.startswith("cmd.") and "saya" in text.lower()]
    assert not mine


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_quotes_are_curly(language: str) -> None:
    # Attributes of tags (<a href="...">) are markup, not quotes.
    straight = [key for key, text in TEXTS[language].items() if '"' in re.sub(r"<[^>]+>", "", text)]
    assert not straight
    assert not [key for key, text in TEXTS[language].items() if "„" in text]


def test_laporan_is_an_incident_report() -> None:
    # A delivery's summary and the end of a ronda shift are not reports.
    assert "Rekap pengiriman" in ID["delivery.report"]
    assert not [k for k, text in ID.items() if re.search(r"laporan (pengiriman|akhir)", text, re.I)]


def test_counts_of_recipients_say_penerima() -> None:
    assert not [key for key, text in ID.items() if re.search(r"\d\}? chat\b", text)]
    assert not [key for key, text in ID.items() if re.search(r"\{count\}</b> chat\b", text)]


def _label_keys_in_code() -> set[str]:
    """Text keys the code puts on a button: inside `keyboard(...)`/`InlineKeyboardButton(...)`,
    or first in a (label, CallbackData(...)) pair; f"prefix.{x}" keys as "prefix.*"."""
    builders = {"keyboard", "inline_keyboard", "InlineKeyboardButton"}

    def name(node: ast.expr) -> str | None:
        if isinstance(node, ast.Name):
            return node.id
        if isinstance(node, ast.Attribute):
            return node.attr if node.attr[:1].isupper() else name(node.value)
        return None

    def keys(node: ast.AST) -> set[str]:
        found = set()
        for sub in ast.walk(node):
            if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and sub.value in ID:
                found.add(sub.value)
            elif isinstance(sub, ast.JoinedStr) and isinstance(sub.values[0], ast.Constant):
                prefix = str(sub.values[0].value)
                if any(k.startswith(prefix) for k in ID):
                    found.add(prefix + "*")
        return found

    found: set[str] = set()
    for path in [*ROOT.glob("bot/**/*.py"), *ROOT.glob("handlers/**/*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and name(node.func) in builders:
                found |= keys(node)
            elif isinstance(node, ast.Tuple) and len(node.elts) == 2:
                label, data = node.elts
                if isinstance(data, ast.Call) and (name(data.func) or "")[:1].isupper():
                    found |= keys(label)
    return found


def test_every_button_label_is_known() -> None:
    in_code = _label_keys_in_code()
    assert len(in_code) > 40  # the scan sees the code's buttons
    known = [*OTHER_LABELS, *LABELS]
    unknown = sorted(key for key in in_code if key not in known and not is_label(key))
    assert not unknown, "add these to OTHER_LABELS (or name them *.btn_*)"
