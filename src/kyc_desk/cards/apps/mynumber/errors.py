"""Errors of the My Number card readers.

Hierarchy::

    KycDeskError
    └── cards.errors.CardError
        └── MyNumberError               the My Number card could not be read as asked
            ├── SecretFormatInvalid     a PIN or password typed in the wrong format (nothing was sent)
            │   └── CodeBInvalid        照合番号B input is malformed; ``part`` names the bad part
            ├── LastTryNotConfirmed     only one try is left and the user has not confirmed using it
            └── NotMyNumberCard         the card in the reader is not a My Number card

Status words from the card (wrong PIN, blocked, security status) arrive as the card stack's own errors
(``kyc_desk.cards.errors``); card removal as its transport errors. No message carries a secret or any
personal data.
"""

from __future__ import annotations

from typing import Literal

from kyc_desk.cards.errors import CardError

CodeBPart = Literal["birth_date", "expiry_year", "security_code", "digits"]

_PART_JA: dict[str, str] = {
    "birth_date": "生年月日",
    "expiry_year": "有効期限の年",
    "security_code": "セキュリティコード",
    "digits": "照合番号B（14桁）",
}


class MyNumberError(CardError):
    """The My Number card could not be read as asked."""

    default_ja = "マイナンバーカードを読み取れませんでした。"


class SecretFormatInvalid(MyNumberError):
    """A PIN or password has the wrong format; it was not sent to the card."""

    default_ja = "暗証番号の形式が正しくありません（カードには送信していません）。"


class CodeBInvalid(SecretFormatInvalid):
    """照合番号B input is malformed; ``part`` names the bad part, ``reason`` says what is wrong."""

    default_ja = "照合番号Bの入力が正しくありません（カードには送信していません）。"

    def __init__(self, part: CodeBPart, reason: str, *, reason_ja: str) -> None:
        super().__init__(
            f"照合番号B ({part.replace('_', ' ')}) is not valid: {reason}",
            ja=f"照合番号B の{_PART_JA[part]}が正しくありません: {reason_ja}",
        )
        self.part = part


class LastTryNotConfirmed(MyNumberError):
    """Only one try is left and the caller did not confirm using it; nothing was sent.

    ``secret`` is the secret's name (``text_pin``, ``code_b``…); the messages say what the card calls it.
    """

    default_ja = "暗証番号の残り回数が1回です。確認がないため送信していません。"

    def __init__(self, secret: str) -> None:
        from kyc_desk.cards.apps.mynumber.unlock import SECRETS  # unlock imports this module

        spec = SECRETS.get(secret)
        label_en, label_ja = (spec.label_en, spec.label_ja) if spec else (secret, "暗証番号")
        super().__init__(
            f"only one try is left for the {label_en} ({secret}); nothing was sent "
            "(confirm explicitly to use the last try)",
            ja=f"{label_ja}の残り回数が1回です。確認がないため送信していません。",
        )
        self.secret = secret


class NotMyNumberCard(MyNumberError):
    """The card answers, but not as a My Number card."""

    default_ja = "マイナンバーカードではありません。"
