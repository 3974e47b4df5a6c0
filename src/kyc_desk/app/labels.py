"""表示名の表 — the Japanese and English label of every code a record stores.

Records keep neutral codes (a document type ``mynumber``, an evidence kind ``chip_photo``, a status
``pending_review``, an item ``name_kana`` …); people must never see them. Every label is here, as plain
data — ``code → (Japanese, English)`` — and :mod:`kyc_desk.app.texts` is the one place that picks the
language and renders them (``document_text``, ``evidence_text``, ``status_text``, ``decision_text``,
``item_text``, ``item_result_text``, ``event_text``, ``role_text``, ``method_text``, and for the caseload
``document_purpose_text``, ``identity_result_text``, ``engagement_text``, ``party_role_text``,
``meeting_status_text``, ``gap_text`` …). Document kinds beyond the IC cards are named by
:data:`kyc_desk.records.legal.DOCUMENT_KINDS` itself, never copied here.

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
    "matched": ("確認済みの顧客等であることを確かめた日時", "Matched to the earlier verification"),
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
    "reliance": "client already verified (relies on the earlier record)",
}

#: What a document can prove (:class:`~kyc_desk.records.legal.DocumentCategory`). The documents themselves
#: are named by :data:`kyc_desk.records.legal.DOCUMENT_KINDS` (their ``name_ja``/``name_en``), not here.
DOCUMENT_CATEGORIES: Final[dict[str, Label]] = {
    "photo_id": ("写真付き本人確認書類", "Photo ID"),
    "non_photo_id": ("写真のない本人確認書類", "ID without a photo"),
    "supplementary": ("補完書類", "Supplementary document"),
    "company": ("法人の本人確認書類", "Company document"),
    "authority": ("代表権・代理権を示す書類", "Proof of authority"),
}

#: Why a document is in a record (:class:`~kyc_desk.records.model.DocumentPurpose`).
DOCUMENT_PURPOSES: Final[dict[str, Label]] = {
    "identity": ("本人確認書類", "Identity document"),
    "company": ("法人の本人確認書類", "Company document"),
    "authority": ("代表権・代理権の確認書類", "Proof of authority"),
    "additional": ("追加の本人確認書類（法4条2項）", "Additional document (high-risk transaction)"),
}

#: What became of a 転送不要郵便 (:class:`~kyc_desk.records.model.MailOutcome`).
MAIL_OUTCOMES: Final[dict[str, Label]] = {
    "delivered": ("到達（返送なし）", "Delivered (not returned)"),
    "returned": ("返送された", "Returned"),
}

#: How a person was matched to an earlier verification (:class:`~kyc_desk.records.model.MatchBasis`).
MATCH_BASES: Final[dict[str, Label]] = {
    "card_link": ("同じカードの電子証明書で確認", "Certificate of the same card"),
    "document_shown": ("本人確認書類の提示を受けて確認", "Identity document shown"),
    "known_in_person": ("面識がある", "Known in person"),
    "shared_secret": ("顧客等しか知り得ない事項の申告", "Told facts only the client can know"),
}

#: Why a transaction is high-risk, 法4条2項 (:class:`~kyc_desk.records.model.RiskReason`).
RISK_REASONS: Final[dict[str, Label]] = {
    "impersonation": ("なりすましの疑い", "Suspected impersonation"),
    "false_statement": ("本人特定事項を偽っていた疑い", "Suspected false identity details"),
    "foreign_pep": ("外国の重要な公的地位にある者（外国PEPs）", "Foreign politically exposed person"),
    "specified_country": ("特定国等（イラン・北朝鮮）に居住・所在する者との取引",
                          "Party resident in a specified country (Iran, North Korea)"),
}

#: 本人確認の結果 (:class:`~kyc_desk.records.model.IdentityResult`).
IDENTITY_RESULTS: Final[dict[str, Label]] = {
    "confirmed": ("確認済み", "Confirmed"),
    "not_confirmed": ("確認できず", "Not confirmed"),
    "needs_more": ("追加確認が必要", "Needs further checks"),
}

#: 受任の判断 (:class:`~kyc_desk.records.model.Engagement`).
ENGAGEMENTS: Final[dict[str, Label]] = {
    "accepted": ("受任する", "Accepted"),
    "declined": ("受任しない", "Declined"),
    "pending": ("保留", "Pending"),
}

#: A party's role in a matter or at a meeting (:class:`~kyc_desk.records.model.PartyRole`).
PARTY_ROLES: Final[dict[str, Label]] = {
    "client": ("依頼者", "Client"),
    "seller": ("売主", "Seller"),
    "buyer": ("買主", "Buyer"),
    "heir": ("相続人", "Heir"),
    "deceased": ("被相続人", "Deceased"),
    "promoter": ("発起人", "Promoter"),
    "officer": ("役員", "Officer"),
    "mortgagor": ("設定者", "Mortgagor"),
    "mortgagee": ("抵当権者", "Mortgagee"),
    "debtor": ("債務者", "Debtor"),
    "representative": ("代表者", "Representative"),
    "agent": ("代理人", "Agent"),
    "witness": ("立会人", "Witness"),
    "other": ("その他", "Other"),
}

#: 面談の状態 (:class:`~kyc_desk.records.model.MeetingStatus`).
MEETING_STATUSES: Final[dict[str, Label]] = {
    "planned": ("予定", "Planned"),
    "held": ("実施済み", "Held"),
    "cancelled": ("中止", "Cancelled"),
}

#: 面談の方法 (:class:`~kyc_desk.records.model.MeetingMode`).
MEETING_MODES: Final[dict[str, Label]] = {
    "in_person": ("対面", "In person"),
    "online": ("オンライン", "Online"),
}

#: 人・物・意思 — what a meeting confirmed (:class:`~kyc_desk.records.model.Confirmed`).
CONFIRMED: Final[dict[str, Label]] = {
    "person": ("人", "Person"),
    "thing": ("物", "Thing"),
    "intent": ("意思", "Intent"),
}

#: The platform of an online meeting (:data:`kyc_desk.meetings.parse.Platform`).
PLATFORMS: Final[dict[str, Label]] = {
    "zoom": ("Zoom", "Zoom"),
    "teams": ("Microsoft Teams", "Microsoft Teams"),
    "meet": ("Google Meet", "Google Meet"),
    "webex": ("Webex", "Webex"),
    "other": ("その他の会議サービス", "Other meeting service"),
}

#: The office's operators' roles (settings: 司法書士 / 補助者).
OPERATOR_ROLES: Final[dict[str, Label]] = {
    "scrivener": ("司法書士", "Scrivener"),
    "assistant": ("補助者", "Assistant"),
}

#: Face results (:class:`~kyc_desk.records.model.FaceKind`, :class:`~kyc_desk.records.model.FaceMetric`).
FACE_KINDS: Final[dict[str, Label]] = {
    "match": ("顔照合", "Face match"),
    "liveness": ("生体確認", "Liveness"),
}
FACE_METRICS: Final[dict[str, Label]] = {
    "distance": ("距離", "distance"),
    "similarity": ("類似度", "similarity"),
}
FACE_SOURCES: Final[dict[str, Label]] = {
    "chip_photo": ("ICチップの顔写真", "chip photo"),
    "live_capture": ("撮影した顔", "live capture"),
}
#: The duplicate-face check's leads (kyc_desk.records._faces): what a hit means, never a verdict.
DUPLICATE_LEADS: Final[dict[str, Label]] = {
    "same_face_other_identity": (
        "別の氏名・生年月日の記録に、よく似た顔があります（同一人物の可能性。目視で確認してください）",
        "A very similar face is on record under another name or birth date (possibly the same person; "
        "check by eye)",
    ),
    "other_face_same_identity": (
        "同じ氏名・生年月日の記録の顔と似ていません（別人の可能性。目視で確認してください）",
        "The face differs from the one on record under the same name and birth date (possibly another "
        "person; check by eye)",
    ),
}

#: The gaps a decision must explain (:func:`kyc_desk.records.decision.gaps` keys ``face.*``, ``item.<item>``,
#: ``report.<check>``, ``document.<n>.expired``, and ``mail.returned``), as templates; checks by their names.
GAPS: Final[dict[str, Label]] = {
    "item": ("{item}の照合（不一致・未確認）", "{item} (differs or not confirmed)"),
    "document_expired": ("{n}点目の書類（{kind}）の有効期限切れ", "document {n} ({kind}) expired"),
    "mail.returned": ("転送不要郵便の返送", "No-forwarding mail returned"),
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
    "no_document": ("書類なし", "No document"),
    "undecided": ("未判断", "Not decided"),
    "by_eye": ("目視で照合", "compared by eye"),
}
