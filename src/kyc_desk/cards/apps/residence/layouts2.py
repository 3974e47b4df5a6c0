"""第２世代在留カード等のファイル構成 — the second-generation card's files and data objects, as tables.

From ISA's 第２世代在留カード等仕様書（一般公開用） Ver 1.1 (cards.md §C.7): the same three DFs and AIDs as the
first generation, but other files. Data objects are BER-TLV with one- or two-byte tags (``DF D1``) and
lengths ``00–7F`` / ``81 xx`` / ``82 xx xx``; text is UTF-8 (here: ASCII digits and codes). READ BINARY
names each EF by the short EF id in P1 (the spec's P1 table), inside the DF that holds it:

===========  ==  ======  ==========================================  ============================
file         P1  size    content                                     access
===========  ==  ======  ==========================================  ============================
DF1/EF01     81  14      ``C2`` card number (12)                     card number + SM
DF1/EF02     83  73/46   ``C5``–``CE`` printed entries               card number + SM
DF1/EF03     84  5508    ``D0`` name image (TIFF/MMR, 2500),         card number + SM
                         ``D1`` face (JPEG 2000, 3000)
DF1/EF04     86  2505    ``DF D1`` address image (TIFF/MMR, 2500)    card number + SM
DF2/EF01     81  22      ``D5``–``D7`` permission outside status     card number (05 only)
DF2/EF02     82  3       ``D8`` renewal / application                card number (05 only)
DF2/EF03     83  207     ``D9`` commissioner's note, ``DE`` text     card number
DF3/EF01     82  704     ``DC`` signature (96), ``DD`` certificate   card number
===========  ==  ======  ==========================================  ============================

The special permanent resident certificate (type 06) has 34 bytes of printed entries (46-byte file: six
objects) and no permission fields; which six objects it carries is not in any source here (UNCONFIRMED),
so only ``C5``–``C8`` are required of it. Its DF2 holds one file, "other"; that the P1 of that file is
``83`` as on the residence card is UNCONFIRMED (the spec's P1 table lists ``83`` without "在留カード only").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Final

from kyc_desk.cards.apps.residence.layouts import DF1_AID, DF2_AID, DF3_AID, ResidenceFile
from kyc_desk.cards.layouts import Field, FileLayout, ascii_text, raw, utf8, yyyymmdd


def _date_or_empty(value: bytes) -> dt.date | None:
    return None if not value.strip(b"\x00\xff ") else yyyymmdd(value)


def _code(length: int) -> Callable[[bytes], str]:
    """An ASCII code of at most ``length`` characters (padding stripped)."""

    def decode(value: bytes) -> str:
        if len(value) > length:
            raise ValueError(f"more than {length} bytes")
        return ascii_text(value)

    return decode


def _card_number(value: bytes) -> str:
    text = ascii_text(value)
    if len(text) != 12 or not text.isalnum():
        raise ValueError("card number is not 12 letters and digits")
    return text


CARD_NUMBER = FileLayout(  # DF1/EF01 在留カード等番号
    name="residence2/DF1/EF01",
    encoding="ber2",
    fields=(Field(0xC2, "card_number", decode=_card_number, length=12),),
    note="card number + secure messaging",
)
#: Printed entries (券面記載事項), in the order the specification lists them. ``CA``–``CD`` are the
#: residence card's only; the certificate's six objects are UNCONFIRMED beyond ``C5``–``C8``.
PRINTED_ENTRIES = FileLayout(  # DF1/EF02 券面記載事項
    name="residence2/DF1/EF02",
    encoding="ber2",
    fields=(
        Field(0xC5, "card_expiry", decode=yyyymmdd, length=8),  # カード有効期間の満了日
        Field(0xC6, "birth_date", decode=yyyymmdd, length=8),  # 生年月日
        Field(0xC7, "sex_code", decode=_code(1), length=1),  # 1 男, 2 女, 3 未記載
        Field(0xC8, "nationality_code", decode=_code(3), length=3),  # 国籍・地域
        Field(0xC9, "status_code", decode=_code(10), required=False),  # 在留資格
        Field(0xCE, "period_of_stay", decode=_code(4), required=False),  # 在留期間 (YYMM / DDD; 0000 = 無期限)
        Field(0xCA, "permission_type", decode=_code(2), required=False),  # 許可の種類
        Field(0xCB, "permission_date", decode=_date_or_empty, required=False),  # 許可年月日
        Field(0xCC, "work_restriction", decode=_code(1), required=False),  # 就労制限の有無
        Field(0xCD, "stay_expiry", decode=_date_or_empty, required=False),  # 在留期間の満了日
    ),
    note="card number + secure messaging",
)
NAME_AND_FACE = FileLayout(  # DF1/EF03 氏名イメージ + 顔画像 (no face for holders under 16)
    name="residence2/DF1/EF03",
    encoding="ber2",
    fields=(Field(0xD0, "name_image", decode=raw), Field(0xD1, "photo", decode=raw, required=False)),
    note="card number + secure messaging",
)
ADDRESS_IMAGE = FileLayout(  # DF1/EF04 住居地イメージ
    name="residence2/DF1/EF04",
    encoding="ber2",
    fields=(Field(0xDFD1, "address_image", decode=raw, required=False),),
    note="card number + secure messaging",
)
PERMISSION = FileLayout(  # DF2/EF01 資格外活動許可 (在留カード only)
    name="residence2/DF2/EF01",
    encoding="ber2",
    fields=(
        Field(0xD5, "comprehensive_permission", decode=_code(7), required=False),  # 0 なし, 1, 2
        Field(0xD6, "comprehensive_permission_expiry", decode=_date_or_empty, required=False),
        Field(0xD7, "individual_permission", decode=_code(1), required=False),  # 0 なし, 1 あり
    ),
    note="card number",
)
APPLICATION = FileLayout(  # DF2/EF02 在留期間更新等許可申請 (在留カード only)
    name="residence2/DF2/EF02",
    encoding="ber2",
    fields=(Field(0xD8, "application", decode=_code(1), required=False),),  # 0 なし, 1 申請中
    note="card number",
)
OTHER = FileLayout(  # DF2/EF03 その他
    name="residence2/DF2/EF03",
    encoding="ber2",
    fields=(
        Field(0xD9, "commissioner_note", decode=_code(1), required=False),  # 0 なし, 1 記載あり
        Field(0xDE, "other_text", decode=utf8, required=False),
    ),
    note="card number",
)
SIGNATURE = FileLayout(  # DF3/EF01 署名 + 公開鍵証明書 (absent for holders under 16)
    name="residence2/DF3/EF01",
    encoding="ber2",
    fields=(
        Field(0xDC, "signature", decode=raw, required=False),
        Field(0xDD, "certificate", decode=raw, required=False),
    ),
    note="card number",
)

#: Files of the second generation, in reading order (DF1, DF2, DF3).
FILES: Final[dict[str, ResidenceFile]] = {
    "card_number": ResidenceFile(DF1_AID, 0x01, 14, True, CARD_NUMBER),
    "printed_entries": ResidenceFile(DF1_AID, 0x03, 73, True, PRINTED_ENTRIES),
    "name_face": ResidenceFile(DF1_AID, 0x04, 5508, True, NAME_AND_FACE),
    "address_image": ResidenceFile(DF1_AID, 0x06, 2505, True, ADDRESS_IMAGE),
    "permission": ResidenceFile(DF2_AID, 0x01, 22, False, PERMISSION),
    "application": ResidenceFile(DF2_AID, 0x02, 3, False, APPLICATION),
    "other": ResidenceFile(DF2_AID, 0x03, 207, False, OTHER),
    "signature": ResidenceFile(DF3_AID, 0x02, 704, False, SIGNATURE),
}
#: Files only the 在留カード (type 05) has.
RESIDENCE_CARD_ONLY: Final = frozenset({"permission", "application"})
#: The printed entries' values as signed: 53 bytes; the certificate's 34 are ``00``-padded to 53 (§C.7).
PRINTED_ENTRIES_SIGNED_SIZE: Final = 53
NAME_IMAGE_SIZE: Final = 2500
PHOTO_SIZE: Final = 3000
ADDRESS_IMAGE_SIZE: Final = 2500

#: Display text of the codes (仕様書 §3.3.4). Unknown codes are shown as the code itself.
SEX: Final = {"1": "male", "2": "female", "3": "unknown"}
WORK_RESTRICTION: Final = {
    "1": "就労制限なし",
    "2": "在留資格に基づく就労活動のみ可",
    "4": "指定書により指定された就労活動のみ可",
    "9": "就労不可",
}
COMPREHENSIVE_PERMISSION: Final = {
    "0": "なし",
    "1": "許可：原則週28時間以内・風俗営業等の従事を除く",
    "2": "許可：週28時間以内（教育等の活動）",
}
YES_NO: Final = {"0": "なし", "1": "あり"}
APPLICATION_TEXT: Final = {"0": "なし", "1": "在留期間更新等許可申請中"}
