"""表示名の表 — the Japanese and English label of every code a record stores.

Records keep neutral codes (a document type ``mynumber``, an evidence kind ``chip_photo``, a status
``pending_review``, an item ``name_kana`` …); people must never see them. Every label is here, as plain
data — ``code → (Japanese, English)`` — and :mod:`kyc_desk.app.texts` is the one place that picks the
language and renders them (``document_text``, ``evidence_text``, ``status_text``, ``decision_text``,
``item_text``, ``item_result_text``, ``event_text``, ``role_text``, ``method_text``, …).

Adding a record type or a code (a document without a chip, a method, a status): add its row here. The
tests (tests/unit/test_labels.py) render every enum value and every registered document and check in both
languages and fail on a missing row, so a new code without a label is caught before a user sees the id.

Check names (``surface.signature`` …) are labelled by the layer that makes them where one exists
(:data:`kyc_desk.verify.mynumber.CHECK_LABELS`) and in :data:`CHECKS` for the rest.
"""

from __future__ import annotations

from typing import Final

Label = tuple[str, str]

#: 本人確認書類の種類, by the stable document-type id records store (the document registry's keys, and the
#: remote ワ method's signature certificate). The legal names, as the 本人確認記録 writes them.
DOCUMENTS: Final[dict[str, Label]] = {
    "mynumber": ("個人番号カード", "My Number card"),
    "driver_licence": ("運転免許証", "Driver's licence"),
    "residence_card": ("在留カード", "Residence card"),
    "special_permanent_resident": ("特別永住者証明書", "Special permanent resident certificate"),
    "jpki_sign_certificate": ("署名用電子証明書（個人番号カード）", "Signature certificate (My Number card)"),
}

#: Checks made outside the My Number card's verification (which labels its own: verify.mynumber.CHECK_LABELS).
CHECKS: Final[dict[str, Label]] = {
    "residence.check_code": ("在留カード等のチェックコード（署名）", "residence card check code (signature)"),
    "driver_licence.signature": ("運転免許証の電子署名", "driver's licence signature"),
    "driver_licence.recorded_changes": ("交付後の記載事項変更", "changes recorded after issue"),
    "jpki.signature": ("署名用電子証明書による電子署名", "electronic signature (signature certificate)"),
    "face.match": ("顔の照合", "face match"),
    "face.liveness": ("生体確認（なりすまし検知）", "liveness"),
    "chip.data": ("ICチップのデータ", "chip data"),
    "document.authenticity": ("本人確認書類の真正性（画像）", "authenticity of the document (images)"),
    "document.front": ("本人確認書類の画像（表面）", "image of the document (front)"),
    "document.back": ("本人確認書類の画像（裏面）", "image of the document (back)"),
    "document.thickness": ("本人確認書類の画像（厚み）", "image of the document (thickness)"),
    "document.tilt": ("本人確認書類の画像（斜めから）", "image of the document (tilted)"),
    "submission.envelope": ("提出データの暗号化封筒", "submission envelope"),
    "submission.request": ("依頼との対応", "matches the request"),
    "submission.text_unsigned": ("ICチップの署名対象外の文字情報", "text not covered by the chip's signature"),
    "submission.address_unsigned": ("裏面記載の住居地（署名対象外）", "address on the back (not signed)"),
}

#: Where a cross-check found a value (the ``sources`` and ``groups`` params of ``cross.agree`` / ``cross.differ``).
CHECK_SOURCES: Final[dict[str, Label]] = {
    "card_face": ("券面情報", "card face"),
    "text_ap": ("券面事項入力補助AP", "text AP"),
    "sign_cert": ("署名用電子証明書", "signature certificate"),
}

#: 証跡の種類 (:class:`~kyc_desk.records.model.EvidenceKind`).
EVIDENCE_KINDS: Final[dict[str, Label]] = {
    "face_photo": ("本人の顔写真", "Photo of the person"),
    "chip_photo": ("ICチップの顔写真", "Photo from the chip"),
    "chip_data": ("ICチップの読取データ", "Chip data as read"),
    "certificate": ("電子証明書", "Certificate"),
    "card_image": ("本人確認書類の画像", "Image of the document"),
    "document": ("書類", "Document"),
    "other": ("その他", "Other"),
}

#: What one piece of evidence is within its kind (the evidence ``label``): photos and card images by name.
#: Chip files are listed together (their file ids mean nothing to a reader), so they need no row.
EVIDENCE_LABELS: Final[dict[str, Label]] = {
    "desk": ("デスクで撮影", "taken at the desk"),
    "front": ("表面", "front"),
    "back": ("裏面", "back"),
    "thickness": ("厚み", "thickness"),
    "tilt": ("斜めから", "tilted"),
    "name": ("氏名の画像", "name image"),
    "address": ("住所の画像", "address image"),
}

#: File formats by media type, as a reader names them.
MEDIA_TYPES: Final[dict[str, Label]] = {
    "image/jpeg": ("JPEG画像", "JPEG image"),
    "image/png": ("PNG画像", "PNG image"),
    "image/tiff": ("TIFF画像", "TIFF image"),
    "image/jp2": ("JPEG 2000画像", "JPEG 2000 image"),
    "image/x-jp2-codestream": ("JPEG 2000画像", "JPEG 2000 image"),
    "application/pkix-cert": ("証明書ファイル", "certificate file"),
    "application/json": ("データ", "data"),
    "application/octet-stream": ("データ", "data"),
    "application/pdf": ("PDF", "PDF"),
}

#: 審査状況 (:class:`~kyc_desk.records.model.Status`).
STATUSES: Final[dict[str, Label]] = {
    "pending_review": ("審査待ち", "Waiting for review"),
    "decided": ("判断済み", "Decided"),
}

#: 判断 (:class:`~kyc_desk.records.model.Decision`).
DECISIONS: Final[dict[str, Label]] = {
    "accepted": ("受任可", "Accepted"),
    "rejected": ("受任不可", "Declined"),
    "follow_up": ("要追加確認", "Needs further checks"),
}

#: 本人特定事項 and the other compared items (:class:`~kyc_desk.records.model.ItemCheck` ``item``).
ITEMS: Final[dict[str, Label]] = {
    "name": ("氏名", "Name"),
    "name_kana": ("フリガナ", "Name in kana"),
    "birth_date": ("生年月日", "Date of birth"),
    "address": ("住所", "Address"),
    "sex": ("性別", "Sex"),
    "occupation": ("職業", "Occupation"),
}

#: 項目照合の結果 (:class:`~kyc_desk.records.model.ItemResult`).
ITEM_RESULTS: Final[dict[str, Label]] = {
    "match": ("一致", "Match"),
    "mismatch": ("不一致（理由を確認済み）", "Differs (reason confirmed)"),
    "corrected": ("訂正済み", "Corrected"),
    "not_checked": ("未確認", "Not confirmed"),
}

#: Who was identified (:class:`~kyc_desk.records.model.SubjectRole`).
ROLES: Final[dict[str, Label]] = {
    "self": ("本人", "The client in person"),
    "representative": ("代表者等", "Representative"),
    "agent": ("代理人", "Agent"),
}

#: 個人 / 法人 (:class:`~kyc_desk.records.model.ClientKind`).
CLIENT_KINDS: Final[dict[str, Label]] = {
    "individual": ("個人", "Individual"),
    "company": ("法人", "Company"),
}

#: The dated steps of a method (:class:`~kyc_desk.records.legal.Event`), as 規則20条 words them.
EVENTS: Final[dict[str, Label]] = {
    "presented": ("本人確認書類の提示を受けた日時", "Document presented"),
    "chip_read": ("ICチップの情報を読み取った日時", "Chip read"),
    "received": ("書類・写しの送付を受けた日", "Documents received"),
    "image_received": ("画像情報の送信を受けた日", "Images received"),
    "chip_received": ("ICチップ情報の送信を受けた日", "Chip data received"),
    "mailed": ("取引関係文書を送付した日", "Transaction documents mailed"),
    "confirmed_with_third_party": ("照会・振込の確認をした日", "Confirmed by enquiry or transfer"),
    "delivered": ("本人限定受取郵便の交付日", "Restricted-delivery mail handed over"),
    "signature_received": ("電子証明書・署名を受けた日", "Certificate and signature received"),
}

#: 本人確認の方法 in English (the Japanese name is the method's own, :attr:`MethodRule.name_ja`).
METHODS_EN: Final[dict[str, str]] = {
    "face_to_face_chip": "face to face, IC chip read",
    "i": "face to face, photo ID shown",
    "ro": "face to face, ID without photo + registered mail not forwarded",
    "ha": "face to face, two IDs without photo",
    "ni": "face to face, ID without photo + documents sent",
    "ho": "remote, image of the ID + photo of the person",
    "he": "remote, IC chip data + photo of the person",
    "to": "remote, images + enquiry or bank transfer",
    "chi": "by post, original documents + registered mail not forwarded",
    "ri": "by post, images + registered mail not forwarded",
    "nu": "by post, copies + registered mail not forwarded",
    "ru": "restricted-delivery mail (本人限定受取郵便)",
    "wo": "certificate of an accredited certification service",
    "wa": "JPKI signature certificate (公的個人認証)",
    "ka": "certificate of an accredited signature verifier",
}

#: How a card states sex (:data:`kyc_desk.cards.reading.SEXES`).
SEXES: Final[dict[str, Label]] = {
    "male": ("男", "Male"),
    "female": ("女", "Female"),
    "other": ("該当なし", "Other"),
    "unknown": ("不明", "Unknown"),
}

#: Words the renderings share.
WORDS: Final[dict[str, Label]] = {
    "not_entered": ("未入力", "Not entered"),
    "matter_open": ("事件継続中（終了日の登録後に確定）", "Matter open (set when its end date is entered)"),
    "open": ("事件継続中", "Matter open"),
    "none": ("なし", "none"),
}
