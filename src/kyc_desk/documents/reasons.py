"""What the document registry's reason codes mean, in Japanese and English: the items a chip cannot be
compared on and the statements no signature covers (:class:`~kyc_desk.documents.registry.ChipStatement`).
Rendered by :mod:`kyc_desk.app.texts`; plain data."""

from __future__ import annotations

from typing import Final

#: code → (Japanese, English).
DOCUMENT_REASONS: Final[dict[str, tuple[str, str]]] = {
    "submission.text_unsigned": (
        "氏名・住所の文字データは署名の対象外（EF0003は個人番号の推測に使えるため受け取らない）。署名済みの券面画像と照合してください",
        "name and address text is not covered by a signature (EF 0003 is refused: it reveals the individual "
        "number); compare it with the signed card-face images",
    ),
    "submission.address_unsigned": ("住居地（裏面追記）はチェックコードの対象外。券面イメージ・裏面で確認してください",
                                    "the address written on the back is not covered by the check code; "
                                    "confirm it on the card"),
    "item.residence_image_only": (
        "在留カード等のICチップは氏名・生年月日を券面イメージ（画像）でのみ保持。画像で目視確認してください",
        "the residence card chip holds name and birth date only in the front image: compare by eye",
    ),
    "item.residence_no_address": ("ICチップに住居地の記載なし（裏面追記なし）",
                                  "the chip carries no address (none written on the back)"),
    "item.licence_changed_address": ("記載事項変更（追記）の住所と照合（発行時の署名の対象外）",
                                     "compared with the address recorded as changed after issue "
                                     "(not covered by the signature)"),
    "item.not_on_document": ("書類に記載がないため照合していません（依頼者の申告のとおり記録）",
                             "not on the document, so not compared (recorded as the client stated it)"),
    "item.gaiji": ("ICチップの文字に外字・欠字が含まれるため自動照合できません",
                   "the chip's text contains 外字/欠字 placeholders: compare by eye"),
}
