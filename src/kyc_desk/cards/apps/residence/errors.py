"""Errors of the residence card reader (在留カード / 特別永住者証明書).

Hierarchy::

    KycDeskError
    └── ResidenceCardError              the card could not be read as asked
        ├── CardNumberFormatInvalid     the typed card number is not 2 letters, 8 digits, 2 letters (nothing sent)
        ├── CardNumberWrong             the card refused the card number (63 00; no try is counted)
        ├── MutualAuthenticationFailed  the card's answer to MUTUAL AUTHENTICATE does not check out
        ├── ExtendedLengthRequired      the reader cannot carry extended APDUs, which the card needs
        └── NotResidenceCard            the card in the reader is not a residence card

Status words and transport failures (card removed…) arrive as the card stack's own errors. No message
carries the card number or any personal data.
"""

from __future__ import annotations

from kyc_desk.cards.errors import ExtendedLengthUnsupported
from kyc_desk.errors import KycDeskError


class ResidenceCardError(KycDeskError):
    """The residence card could not be read as asked."""

    default_ja = "在留カード等を読み取れませんでした。"


class CardNumberFormatInvalid(ResidenceCardError):
    """The typed card number has the wrong form; it was not sent to the card."""

    default_ja = (
        "在留カード番号の形式が正しくありません（英字2桁・数字8桁・英字2桁の12文字）。カードには送信していません。"
    )

    def __init__(self, reason: str) -> None:
        super().__init__(
            f"the card number must be 2 letters, 8 digits and 2 letters (12 characters): {reason}; nothing was sent"
        )


class CardNumberWrong(ResidenceCardError):
    """The card answered 63 00: the number typed is not this card's. The card keeps no try counter."""

    default_ja = "在留カード番号がカードと一致しません。券面の番号を確認して入力し直してください。"

    def __init__(self) -> None:
        super().__init__("the card number does not match this card; check the number printed on the card face")


class MutualAuthenticationFailed(ResidenceCardError):
    """The card's MUTUAL AUTHENTICATE answer has a bad MAC or does not echo our challenge."""

    default_ja = "カードとの相互認証に失敗しました。カードを置き直して、もう一度お試しください。"


class ExtendedLengthRequired(ExtendedLengthUnsupported, ResidenceCardError):
    """The card's images need extended-length APDUs: this reader cannot carry them, and the card did not
    accept the chunked secure-messaging reads the desk tries instead."""

    default_ja = (
        "このカードリーダーは拡張長 APDU に対応しておらず、カードが分割読み取りにも応じなかったため、"
        "在留カード等を読み取れません。拡張長 APDU に対応したリーダー（例: Sony RC-S300、RC-S380）をお使いください。"
    )

    def __init__(self) -> None:
        super().__init__(
            "this reader cannot carry extended-length APDUs, and the card did not accept its images read in "
            "pieces; use a reader with extended APDU support (e.g. Sony RC-S300 or RC-S380)"
        )


class NotResidenceCard(ResidenceCardError):
    """The card answers, but not as a residence card or special permanent resident certificate."""

    default_ja = "在留カード・特別永住者証明書ではありません。"


class CardGenerationNotSupported(ResidenceCardError):
    """A residence card of a generation or form the desk cannot read yet: refused before the card number is
    sent, so nothing is tried against the card and nothing misleading (such as "wrong number") is said."""

    default_ja = "この在留カード等の読み取りには、まだ対応していません。"

    def __init__(self, card_type: str) -> None:
        message = (
            f"card type {card_type}: a residence card integrated with the My Number card (特定在留カード等); "
            "its separate specification is not implemented yet — check the card face instead"
        )
        ja = (
            "マイナンバーカードと一体化した特定在留カード等は、まだ読み取りに対応していません。"
            "券面での確認など、別の確認方法をご利用ください。"
        )
        super().__init__(message, ja=ja)
        self.card_type = card_type

    def __reduce__(self) -> tuple[type[CardGenerationNotSupported], tuple[str]]:
        return (type(self), (self.card_type,))
