"""Status words → typed errors, through the one function error_for."""

from __future__ import annotations

import pytest

from kyc_desk.cards.apdu import StatusWord
from kyc_desk.cards.errors import (
    STATUS_TABLE,
    FileNotFound,
    NotThisCard,
    OffsetOutOfRange,
    PinBlocked,
    PinIncorrect,
    SecureMessagingFailed,
    SecurityStatusNotSatisfied,
    StatusError,
    WrongLength,
    error_for,
)
from kyc_desk.errors import KycDeskError


@pytest.mark.parametrize(
    ("sw", "cls"),
    [
        (0x63C2, PinIncorrect),
        (0x63C0, PinBlocked),
        (0x6984, PinBlocked),
        (0x6983, PinBlocked),
        (0x6300, PinIncorrect),
        (0x6982, SecurityStatusNotSatisfied),
        (0x6A82, FileNotFound),
        (0x6700, WrongLength),
        (0x6B00, OffsetOutOfRange),
        (0x6988, SecureMessagingFailed),
        (0x6D00, StatusError),
        (0x1234, StatusError),
    ],
)
def test_error_for(sw, cls):
    error = error_for(StatusWord(sw))
    assert type(error) is cls
    assert error.sw.value == sw
    assert isinstance(error, KycDeskError)


def test_retries_and_no_counter():
    assert error_for(StatusWord(0x63C2)).retries_left == 2  # type: ignore[attr-defined]
    assert error_for(StatusWord(0x6300)).retries_left is None  # type: ignore[attr-defined]


@pytest.mark.parametrize("sw", [0x6A82, 0x6D00, 0x6E00, 0x6A86])
def test_select_of_an_application_means_not_this_card(sw):
    assert type(error_for(StatusWord(sw), selecting_application=True)) is NotThisCard


def test_every_error_has_english_and_japanese_text():
    for value in [*STATUS_TABLE, 0x63C1]:
        error = error_for(StatusWord(value))
        assert error.message and error.ja
        assert error.user_text("en") == error.message
        assert error.user_text("ja") == error.ja
        assert any(ord(ch) > 0x3000 for ch in error.ja)
