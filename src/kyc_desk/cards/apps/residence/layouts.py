"""在留カード等のファイル構成 — the residence card's applications, files and data objects, as tables.

From the official public specification (在留カード等仕様書 Ver 1.5 §3, cards.md §C.2–C.3). EFs have no
file ids a reader may SELECT: each is read with READ BINARY naming its short EF id in P1, inside the DF
that holds it. Every data object has a one-byte tag and a fixed maximum size; objects are ``00``-padded,
and a removed object is an all-zero T/L/V (so it is simply absent after parsing).

Which secret opens what: MF files are free; everything under DF1–DF3 needs card-number authentication,
and DF1's two images are readable only through secure messaging.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from kyc_desk.cards.layouts import Field, FileLayout, ascii_text, raw, utf8, yyyymmdd

#: DF1 券面情報 (images), DF2 裏面追記 (back-side entries), DF3 電子署名 (check code + certificate).
DF1_AID: Final = bytes.fromhex("D392F0004F02") + bytes(10)
DF2_AID: Final = bytes.fromhex("D392F0004F03") + bytes(10)
DF3_AID: Final = bytes.fromhex("D392F0004F04") + bytes(10)


@dataclass(frozen=True)
class ResidenceFile:
    """One EF: the DF it lives in (``None`` = MF), its short EF id, its size, and whether SM protects it."""

    df: bytes | None
    sfi: int
    size: int
    secure: bool
    layout: FileLayout


#: カード種別 ``C1`` → (document kind, generation): 1/2 first generation (RCSPEC v1.5), 05/06 second
#: generation, 07/08 the cards integrated with the My Number card (generation 0 here: another specification).
CARD_TYPES: Final[dict[bytes, tuple[str, int]]] = {
    b"1": ("residence_card", 1),
    b"2": ("special_permanent_resident", 1),
    b"05": ("residence_card", 2),
    b"06": ("special_permanent_resident", 2),
    b"07": ("residence_card", 0),
    b"08": ("special_permanent_resident", 0),
}
#: The generations this reader reads (1: RCSPEC v1.5, 2: 第２世代仕様書 Ver 1.1; 0 = 07/08, not yet).
READABLE_GENERATION: Final = frozenset({1, 2})


def _card_type(value: bytes) -> str:
    if value not in CARD_TYPES:
        raise ValueError("card type is none the specifications define")
    return value.decode("ascii")


def _renewal(value: bytes) -> bool:
    if value not in (b"0", b"1"):
        raise ValueError("renewal flag is neither 0 nor 1")
    return value == b"1"


def _municipality(value: bytes) -> str:
    if not value.strip(b"\x00\xff "):
        return ""  # no address written on the back yet: the code is blank
    text = ascii_text(value)
    if len(text) != 6 or not text.isdigit():
        raise ValueError("municipality code is not 6 digits")
    return text


def _date_or_empty(value: bytes) -> object:
    return None if not value.strip(b"\x00\xff ") else yyyymmdd(value)


COMMON = FileLayout(  # MF/EF01 共通データ要素
    name="residence/MF/EF01",
    encoding="simple",
    fields=(Field(0xC0, "version", decode=ascii_text, length=4),),
    note="free",
)
CARD_TYPE = FileLayout(  # MF/EF02 カード種別
    name="residence/MF/EF02",
    encoding="simple",
    fields=(Field(0xC1, "card_type", decode=_card_type),),
    note="free",
)
FRONT_IMAGE = FileLayout(  # DF1/EF01 券面（表）イメージ: TIFF, MMR (CCITT G4), 00-padded to 7000 bytes
    name="residence/DF1/EF01",
    encoding="simple",
    fields=(Field(0xD0, "front_image", decode=raw),),
    note="card number + secure messaging",
)
PHOTO = FileLayout(  # DF1/EF02 顔画像: JPEG 2000 colour, 00-padded to 3000 bytes; absent under 16
    name="residence/DF1/EF02",
    encoding="simple",
    fields=(Field(0xD1, "photo", decode=raw, required=False),),
    note="card number + secure messaging",
)
ADDRESS = FileLayout(  # DF2/EF01 住居地（裏面追記）
    name="residence/DF2/EF01",
    encoding="simple",
    fields=(
        Field(0xD2, "entry_date", decode=_date_or_empty, required=False),  # 追記書き込み年月日
        Field(0xD3, "municipality_code", decode=_municipality, required=False),  # 市町村コード
        Field(0xD4, "address", decode=utf8, required=False),  # 住居地
    ),
    note="card number",
)
COMPREHENSIVE_PERMISSION = FileLayout(  # DF2/EF02 資格外活動包括許可欄 (在留カード only)
    name="residence/DF2/EF02",
    encoding="simple",
    fields=(Field(0xD5, "comprehensive_permission", decode=utf8, required=False),),
    note="card number",
)
INDIVIDUAL_PERMISSION = FileLayout(  # DF2/EF03 資格外活動個別許可欄 (在留カード only)
    name="residence/DF2/EF03",
    encoding="simple",
    fields=(Field(0xD6, "individual_permission", decode=utf8, required=False),),
    note="card number",
)
RENEWAL = FileLayout(  # DF2/EF04 在留期間等更新申請欄 (在留カード only)
    name="residence/DF2/EF04",
    encoding="simple",
    fields=(Field(0xD7, "renewal_applied", decode=_renewal, length=1, required=False),),
    note="card number",
)
CHECK_CODE = FileLayout(  # DF3/EF01 チェックコード + 公開鍵証明書 (both empty for holders under 16)
    name="residence/DF3/EF01",
    encoding="simple",
    fields=(
        Field(0xDA, "check_code", decode=raw, required=False),
        Field(0xDB, "certificate", decode=raw, required=False),
    ),
    note="card number",
)

FILES: Final[dict[str, ResidenceFile]] = {
    "common": ResidenceFile(None, 0x0B, 6, False, COMMON),
    "card_type": ResidenceFile(None, 0x0A, 3, False, CARD_TYPE),
    "front_image": ResidenceFile(DF1_AID, 0x05, 7004, True, FRONT_IMAGE),
    "photo": ResidenceFile(DF1_AID, 0x06, 3004, True, PHOTO),
    "address": ResidenceFile(DF2_AID, 0x01, 342, False, ADDRESS),
    "comprehensive_permission": ResidenceFile(DF2_AID, 0x02, 122, False, COMPREHENSIVE_PERMISSION),
    "individual_permission": ResidenceFile(DF2_AID, 0x03, 122, False, INDIVIDUAL_PERMISSION),
    "renewal": ResidenceFile(DF2_AID, 0x04, 3, False, RENEWAL),
    "check_code": ResidenceFile(DF3_AID, 0x02, 1464, False, CHECK_CODE),
}
#: Files only the 在留カード has (the special permanent resident certificate has no permission fields).
RESIDENCE_CARD_ONLY: Final = frozenset({"comprehensive_permission", "individual_permission", "renewal"})
#: Size of the value of D0 and D1 that the check code covers (padding included).
FRONT_IMAGE_SIZE: Final = 7000
PHOTO_SIZE: Final = 3000
