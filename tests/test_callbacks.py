"""Typed callback data builds what its pattern parses; user-facing errors carry their text."""

from __future__ import annotations

from dataclasses import field
from typing import Literal

import pytest

from bot.callbacks import CallbackData
from bot.errors import UserFacingError
from bot.texts import t


class Sample(CallbackData, prefix="xx:s"):
    item_id: int
    choice: Literal["aman", "kejadian"]
    flag: bool
    word: str = field(metadata={"pattern": r"[0-9a-f]{4}"})


def test_data_round_trips_through_the_pattern() -> None:
    button = Sample(42, "kejadian", True, "beef")
    assert button.data == "xx:s:42:kejadian:1:beef"
    assert Sample.pattern().match(button.data)
    assert Sample.parse(button.data) == button


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "xx:s:42:kejadian:1",
        "xx:s:x:aman:0:beef",
        "xx:s:1:other:0:beef",
        "yy:s:1:aman:0:beef",
    ],
)
def test_foreign_or_forged_data_is_not_parsed(data: str | None) -> None:
    assert Sample.parse(data) is None


class Optional(CallbackData, prefix="xx:new"):
    desa_id: int | None = field(default=None, metadata={"tag": "d"})
    shift_id: int | None = field(default=None, metadata={"tag": "r"})


@pytest.mark.parametrize(
    ("button", "data"),
    [
        (Optional(), "xx:new"),
        (Optional(12), "xx:new:d:12"),
        (Optional(12, 7), "xx:new:d:12:r:7"),
        (Optional(shift_id=7), "xx:new:r:7"),
    ],
)
def test_optional_segments_are_written_only_when_set(button: Optional, data: str) -> None:
    assert button.data == data
    assert Optional.parse(data) == button
    assert Optional.parse(data + ":x") is None


def test_data_that_would_not_parse_back_is_refused() -> None:
    with pytest.raises(ValueError):
        _ = Sample(1, "aman", False, "not-hex").data
    with pytest.raises(ValueError):
        _ = Sample(10**10, "aman", False, "beef").data  # more digits than the pattern allows


def test_user_facing_error_says_its_text_in_the_users_language() -> None:
    error = UserFacingError("fallback.command", command="x")
    assert error.text("id") == t("id", "fallback.command", command="x")
    assert error.text("en") == t("en", "fallback.command", command="x")
    assert str(UserFacingError("k", message="English for the CLI")) == "English for the CLI"
