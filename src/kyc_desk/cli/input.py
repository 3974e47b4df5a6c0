"""What the command line reads besides its arguments' text: secrets on standard input, and numbers that
must be positive. One place, so every command refuses bad input the same clear way (never exit 70)."""

from __future__ import annotations

import argparse
import sys

from kyc_desk.errors import KycDeskError
from kyc_desk.i18n import tr


def stdin_text() -> str:
    """All of standard input as UTF-8 text; a clear error (not an internal one) when it is not UTF-8."""
    raw = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        number = exc.start + 1  # the first byte that is not UTF-8, counted from 1
        raise KycDeskError(
            f"standard input is not UTF-8 text (invalid byte {number}); give passphrases and PINs as UTF-8",
            ja=f"標準入力の文字コードが正しくありません（{number}バイト目）。パスフレーズや暗証番号は「UTF-8」で渡してください。",
        ) from None


def positive_int(text: str) -> int:
    """argparse type: an integer of 1 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(tr(f"整数ではありません: {text}", f"not an integer: {text}")) from None
    if value < 1:
        raise argparse.ArgumentTypeError(tr(f"1以上を指定してください: {text}", f"must be 1 or more: {text}"))
    return value


def positive_float(text: str) -> float:
    """argparse type: a number greater than 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(tr(f"数値ではありません: {text}", f"not a number: {text}")) from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(tr(f"正の数を指定してください: {text}", f"must be positive: {text}"))
    return value
