"""Errors of the driver's licence reader (運転免許証).

Hierarchy::

    KycDeskError
    ├── DriverLicenceError              the licence could not be read as asked
    │   ├── NotDriverLicence            the card in the reader is not a driver's licence
    │   ├── PinRequired                 the card has PINs set and the caller gave none (nothing sent)
    │   ├── PinFormatInvalid            a PIN that is not 4 digits (nothing sent)
    │   └── LastTryNotConfirmed         one try left and the caller did not confirm (nothing sent)
    └── cards.errors.StatusError
        ├── PinIncorrect → LicencePinIncorrect   wrong PIN1/PIN2, with the tries left
        └── PinBlocked   → LicencePinBlocked     PIN1/PIN2 blocked: only the police can unblock it

Messages name the PIN (暗証番号1/2), never its value.
"""

from __future__ import annotations

from kyc_desk.cards.apdu import StatusWord
from kyc_desk.cards.errors import PinBlocked, PinIncorrect
from kyc_desk.errors import KycDeskError

PIN_LABELS_JA = {"pin1": "暗証番号1", "pin2": "暗証番号2"}
PIN_LABELS_EN = {"pin1": "PIN 1", "pin2": "PIN 2"}


class DriverLicenceError(KycDeskError):
    """The driver's licence could not be read as asked."""

    default_ja = "運転免許証を読み取れませんでした。"


class NotDriverLicence(DriverLicenceError):
    """The card answers, but not as a driver's licence."""

    default_ja = "運転免許証ではありません。"


class PinRequired(DriverLicenceError):
    """The holder set PINs on this card and the caller gave none; nothing was sent."""

    default_ja = "この運転免許証には暗証番号が設定されています。暗証番号を入力してください。"

    def __init__(self, pin: str) -> None:
        super().__init__(
            f"this licence has PINs set: {PIN_LABELS_EN[pin]} is needed (nothing was sent)",
            ja=f"この運転免許証には暗証番号が設定されています。{PIN_LABELS_JA[pin]}を入力してください（カードには送信していません）。",
        )
        self.pin = pin


class PinFormatInvalid(DriverLicenceError):
    """A PIN that is not 4 digits; it was not sent to the card."""

    default_ja = "暗証番号は4桁の数字です（カードには送信していません）。"

    def __init__(self, pin: str) -> None:
        super().__init__(
            f"{PIN_LABELS_EN[pin]} must be 4 digits; nothing was sent to the card",
            ja=f"{PIN_LABELS_JA[pin]}は4桁の数字です（カードには送信していません）。",
        )
        self.pin = pin


class LastTryNotConfirmed(DriverLicenceError):
    """Only one try is left and the caller did not confirm using it; nothing was sent."""

    default_ja = "暗証番号の残り回数が1回です。確認がないため送信していません。"

    def __init__(self, pin: str) -> None:
        super().__init__(
            f"only one try is left for {PIN_LABELS_EN[pin]}; nothing was sent (confirm explicitly to use it)",
            ja=f"{PIN_LABELS_JA[pin]}の残り回数が1回です。確認がないため送信していません。",
        )
        self.pin = pin


class LicencePinIncorrect(PinIncorrect):
    """PIN1 or PIN2 was wrong; ``retries_left`` tries remain before the police must unblock it."""

    default_ja = "運転免許証の暗証番号が違います。"

    def __init__(self, sw: StatusWord, *, retries_left: int | None, pin: str) -> None:
        super().__init__(sw, retries_left=retries_left)
        left = "?" if retries_left is None else str(retries_left)
        self.message = f"wrong {PIN_LABELS_EN[pin]}; {left} tries left"
        self.ja = f"{PIN_LABELS_JA[pin]}が違います。" + ("" if retries_left is None else f"残り {left} 回です。")
        self.args = (self.message,)
        self.pin = pin


class LicencePinBlocked(PinBlocked):
    """PIN1 or PIN2 is blocked; only the prefectural police (公安委員会) can unblock it."""

    default_ja = "運転免許証の暗証番号がロックされています。解除は警察署・運転免許センターでの手続きが必要です。"

    def __init__(self, sw: StatusWord, *, pin: str) -> None:
        super().__init__(sw)
        self.message = f"{PIN_LABELS_EN[pin]} is blocked; only the police (licence centre) can unblock it"
        self.ja = f"{PIN_LABELS_JA[pin]}はロックされています。解除は警察署・運転免許センターでの手続きが必要です。"
        self.args = (self.message,)
        self.pin = pin
