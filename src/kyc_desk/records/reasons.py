"""What the records layer's check reason codes mean, in Japanese and English: a returning client's card
proof against the records (:func:`kyc_desk.records.returning.recognition_check`). Rendered by
:mod:`kyc_desk.app.texts`; plain data. ``{date}`` is the Japan-time date of the earlier verification."""

from __future__ import annotations

from typing import Final

#: code → (Japanese, English).
RECORD_REASONS: Final[dict[str, tuple[str, str]]] = {
    "card.recognised": ("このカードは {date}（日本時間）に {name} として本人確認済みです（記録番号 {record}）",
                        "this card was verified on {date} (Japan time) for {name} (record {record})"),
    "card.first_link": ("カードによる確認が成立。このカードで本人確認した記録はまだありません（この記録に紐付けます）",
                        "the card proof holds; no earlier verification with this card (linked to this record)"),
    "card.link_reissued": (
        "カードとの紐付けは切れています: 利用者証明用電子証明書が {date} に {name} として本人確認した記録"
        "（記録番号 {record}）のものと異なります（更新または再発行）",
        "the link to the card is broken: the authentication certificate is not the one of the verification of "
        "{name} on {date} (record {record}) (renewed or reissued)",
    ),
    "card.link_expired": (
        "カードとの紐付けは切れています: 利用者証明用電子証明書の有効期間外。{date} に {name} として本人確認した"
        "記録（記録番号 {record}）はこのカードでは確認できません",
        "the link to the card is broken: the authentication certificate is outside its validity; the "
        "verification of {name} on {date} (record {record}) cannot be confirmed with this card",
    ),
    "card.unproven": ("カードによる確認は成立していません（利用者証明用鍵のチャレンジ署名を参照）",
                      "the card proof does not hold (see the authentication key challenge)"),
}
