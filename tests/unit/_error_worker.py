"""Run in a spawned worker process by tests/unit/test_errors.py (a small module, so the worker starts fast)."""

from __future__ import annotations

from kyc_desk.cards.apdu import StatusWord
from kyc_desk.cards.errors import PinIncorrect


def raise_pin_incorrect() -> None:
    raise PinIncorrect(StatusWord(0x63C2), retries_left=2)
