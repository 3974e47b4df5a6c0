"""暗証番号の説明 — what the secret dialog tells the user about each secret, as a data table.

Plain Japanese first: what the secret is, where it is printed (or that it is not printed and only the
holder knows it), and where a locked card is unlocked. The strings are marked for Qt's translation
(``QT_TRANSLATE_NOOP``) and translated when shown. Facts: cards.md §A.2.2, §A.4.1–2, §B.3, §C.4;
domain.md §5 (lockout is the users' main fear).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QCoreApplication

from kyc_desk.ui.translation import QT_TRANSLATE_NOOP

CONTEXT: Final = "SecretTexts"


@dataclass(frozen=True)
class SecretText:
    """The dialog's texts for one secret (untranslated source strings)."""

    title: str
    explanation: str
    where_unlocked: str
    #: True when the card keeps no retry counter (the residence card number): no tries are shown.
    unlimited: bool = False
    #: True when the holder types it (PINs); False when it is copied from the printed card.
    holder_types: bool = True
    #: The explanation addressed to the holder themselves (the client app), where the desk's asks the
    #: scrivener to let the holder type; empty when the desk's words fit both.
    holder_explanation: str = ""

    def shown(self, field: str) -> str:
        """One field in the interface language."""
        return QCoreApplication.translate(CONTEXT, getattr(self, field))

    def explanation_for(self, holder: bool) -> str:
        """The explanation for the scrivener at the desk, or for the holder at home (``holder``)."""
        return self.shown("holder_explanation" if holder and self.holder_explanation else "explanation")


SECRET_TEXTS: Final[dict[str, SecretText]] = {
    "code_b": SecretText(
        QT_TRANSLATE_NOOP("SecretTexts", "照合番号B"),
        QT_TRANSLATE_NOOP(
            "SecretTexts",
            "暗証番号を使わずに、カードの表面に印字されている情報から作る14桁の番号です。"
            "券面の生年月日（和暦に直します）、有効期限の年（西暦）、"
            "表面に印字された4桁のセキュリティコードを入力してください。",
        ),
        QT_TRANSLATE_NOOP(
            "SecretTexts",
            "続けて間違えると読み取れなくなることがあります（回数の上限はカードが答えた残り回数のとおり）。",
        ),
        holder_types=False,
    ),
    "text_pin": SecretText(
        QT_TRANSLATE_NOOP("SecretTexts", "券面事項入力補助用暗証番号"),
        QT_TRANSLATE_NOOP(
            "SecretTexts",
            "数字4桁。カードの交付時に本人が決めた暗証番号で、カードには印字されていません。"
            "本人に入力してもらってください。",
        ),
        QT_TRANSLATE_NOOP("SecretTexts", "3回続けて間違えるとロックされ、市区町村の窓口で解除の手続きが必要です。"),
        holder_explanation=QT_TRANSLATE_NOOP(
            "SecretTexts",
            "数字4桁。カードの交付時にご自身で決めた暗証番号です（カードには印字されていません）。",
        ),
    ),
    "auth_pin": SecretText(
        QT_TRANSLATE_NOOP("SecretTexts", "利用者証明用電子証明書の暗証番号"),
        QT_TRANSLATE_NOOP(
            "SecretTexts",
            "数字4桁。本人が決めた暗証番号で、カードには印字されていません。本人に入力してもらってください。",
        ),
        QT_TRANSLATE_NOOP("SecretTexts", "3回続けて間違えるとロックされ、市区町村の窓口で解除の手続きが必要です。"),
        holder_explanation=QT_TRANSLATE_NOOP(
            "SecretTexts",
            "数字4桁。ご自身で決めた暗証番号です（カードには印字されていません）。",
        ),
    ),
    "sign_pin": SecretText(
        QT_TRANSLATE_NOOP("SecretTexts", "署名用電子証明書のパスワード"),
        QT_TRANSLATE_NOOP(
            "SecretTexts",
            "英大文字と数字を両方含む6〜16文字。本人が決めたパスワードで、カードには印字されていません。"
            "本人に入力してもらってください。",
        ),
        QT_TRANSLATE_NOOP("SecretTexts", "5回続けて間違えるとロックされ、市区町村の窓口で解除の手続きが必要です。"),
        holder_explanation=QT_TRANSLATE_NOOP(
            "SecretTexts",
            "英大文字と数字を両方含む6〜16文字。ご自身で決めたパスワードです（カードには印字されていません）。",
        ),
    ),
    "pin1": SecretText(
        QT_TRANSLATE_NOOP("SecretTexts", "運転免許証の暗証番号1"),
        QT_TRANSLATE_NOOP(
            "SecretTexts",
            "数字4桁。免許証の交付時に本人が決めた暗証番号で、免許証には印字されていません。"
            "本人に入力してもらってください。",
        ),
        QT_TRANSLATE_NOOP(
            "SecretTexts",
            "3回続けて間違えるとICチップがロックされ、運転免許センターか警察署での手続きが必要です。",
        ),
        holder_explanation=QT_TRANSLATE_NOOP(
            "SecretTexts",
            "数字4桁。免許証の交付時にご自身で決めた暗証番号です（免許証には印字されていません）。",
        ),
    ),
    "pin2": SecretText(
        QT_TRANSLATE_NOOP("SecretTexts", "運転免許証の暗証番号2"),
        QT_TRANSLATE_NOOP(
            "SecretTexts",
            "数字4桁。本籍と顔写真を読むための暗証番号で、免許証には印字されていません。"
            "本人に入力してもらってください。",
        ),
        QT_TRANSLATE_NOOP(
            "SecretTexts",
            "3回続けて間違えるとICチップがロックされ、運転免許センターか警察署での手続きが必要です。",
        ),
        holder_explanation=QT_TRANSLATE_NOOP(
            "SecretTexts",
            "数字4桁。顔写真を読むための暗証番号で、ご自身で決めたものです（免許証には印字されていません）。",
        ),
    ),
    "card_number": SecretText(
        QT_TRANSLATE_NOOP("SecretTexts", "在留カード番号"),
        QT_TRANSLATE_NOOP(
            "SecretTexts",
            "英字2文字・数字8桁・英字2文字の12文字。カード表面の右上に印字されています。",
        ),
        QT_TRANSLATE_NOOP("SecretTexts", "この番号には回数の制限がありません。"),
        unlimited=True,
        holder_types=False,
    ),
}
