"""運転免許証のファイル構成 — the driver's licence's applications, files and data objects, as tables.

From implementations and articles that quote the National Police Agency specification (cards.md §B.1,
§B.2; the PDF itself was not available). Files are selected by file id; data objects have one-byte tags
(two bytes ``5F 40`` for the photo) and unused space is filled with ``FF``.

Which secret opens what: MF/EF01 (common data) and MF/EF02 (PIN setting) are free; PIN1 opens DF1's
記載事項, 外字, changes and the signature file; PIN1 and PIN2 together open 本籍 and the photo.

Several layouts are UNCONFIRMED and say so where they are used: the MF/EF02 tag (any single one-byte
object is accepted, its value must be 00 or 01), the layout of EF04–EF06 (two sources, :data:`CHANGE_KINDS`), and
EF07 as a whole (kept raw; see :mod:`kyc_desk.verify.driver_licence`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import IntEnum
from typing import Final

from kyc_desk.cards.apps.driver_licence.text import (
    decode_era_date,
    decode_jis_x0201,
    decode_jis_x0208,
)
from kyc_desk.cards.layouts import Field, FileLayout, raw

DF1_AID: Final = bytes.fromhex("A0000002310100000000000000000000")  # 記載事項
DF2_AID: Final = bytes.fromhex("A0000002310200000000000000000000")  # 写真
#: The default PIN a card issued without PINs stores for both PIN1 and PIN2 (DPIN, JIS X 0201 "****").
DEFAULT_PIN: Final = b"****"
PIN1_SFI: Final = 0x01
PIN2_SFI: Final = 0x02
MAX_PIN_TRIES: Final = 3


class MfEF(IntEnum):
    """EFs under the MF."""

    COMMON_DATA = 0x2F01  # 共通データ要素 (17 bytes, free)
    PIN_SETTING = 0x000A  # 暗証番号(PIN)設定 (3 bytes, free)
    PIN1 = 0x0001  # 暗証番号1 (key)
    PIN2 = 0x0002  # 暗証番号2 (key)


class Df1EF(IntEnum):
    """EFs of DF1 (記載事項)."""

    ITEMS = 0x0001  # 記載事項（本籍除く）, 880 bytes, PIN1
    DOMICILE = 0x0002  # 記載事項（本籍）, 82 bytes, PIN1 + PIN2
    GAIJI = 0x0003  # 外字, 264 bytes, PIN1
    CHANGES = 0x0004  # 記載事項変更等（本籍除く）, 640 bytes, PIN1
    CHANGES_GAIJI = 0x0005  # 記載事項変更（外字）, 663 bytes, PIN1
    CHANGES_DOMICILE = 0x0006  # 記載事項変更（本籍）, 256 bytes, PIN1 + PIN2 (UNCONFIRMED)
    SIGNATURE = 0x0007  # 電子署名, 578 bytes, PIN1 (UNCONFIRMED)


class Df2EF(IntEnum):
    """EFs of DF2 (写真)."""

    PHOTO = 0x0001  # 写真, 2005 bytes, PIN1 + PIN2


def strip_filler(data: bytes) -> bytes:
    """Drop the ``FF`` filler after the last object (no licence value ends in ``FF``: text codes end in
    21–7E or a ``FF Fx`` placeholder, dates and numbers in digits)."""
    return data.rstrip(b"\xff")


def _optional_era_date(value: bytes) -> dt.date | None:
    """A licence-category date; empty, blank or all-zero means the category is not held."""
    if not value.strip(b"\x00\xff 0"):
        return None
    return decode_era_date(value)


def _common(value: bytes) -> dict[str, object]:
    from kyc_desk.cards.apps.driver_licence.text import decode_bcd_date

    return {
        "spec_version": decode_jis_x0201(value[:3]),
        "issued": decode_bcd_date(value[3:7]),
        "expiry": decode_bcd_date(value[7:11]),
    }


COMMON_DATA = FileLayout(  # MF/EF01 共通データ要素
    name="licence/MF/EF01",
    encoding="simple",
    fields=(
        Field(0x45, "common", decode=_common, length=11),  # 仕様書バージョン, 交付年月日, 有効期間の末日 (BCD)
        Field(0x46, "maker", decode=raw, length=2, required=False),  # 製造者識別子, 暗号関数識別子
    ),
    note="free; tag layout 1 src (TRET)",
)

#: 免許の種類 (licence categories): tag → (stable key, official short name).
CATEGORIES: Final[dict[int, tuple[str, str]]] = {
    0x22: ("motorcycle_small_moped", "二・小・原"),
    0x23: ("other", "他"),
    0x24: ("second_class", "二種"),
    0x25: ("large", "大型"),
    0x26: ("ordinary", "普通"),
    0x27: ("large_special", "大特"),
    0x28: ("large_motorcycle", "大自二"),
    0x29: ("ordinary_motorcycle", "普自二"),
    0x2A: ("small_special", "小特"),
    0x2B: ("moped", "原付"),
    0x2C: ("towing", "け引"),
    0x2D: ("large_second_class", "大二"),
    0x2E: ("ordinary_second_class", "普二"),
    0x2F: ("large_special_second_class", "大特二"),
    0x30: ("towing_second_class", "け引二"),
    0x31: ("medium", "中型"),
    0x32: ("medium_second_class", "中二"),
    0x33: ("semi_medium", "準中型"),
}

ITEMS = FileLayout(  # DF1/EF01 記載事項（本籍除く）
    name="licence/DF1/EF01",
    encoding="simple",
    fields=(
        Field(0x11, "jis_edition", decode=raw, required=False),  # JIS X 0208 制定年番号 (mapping UNCONFIRMED)
        Field(0x12, "name", decode=decode_jis_x0208),  # 氏名
        Field(0x13, "name_kana", decode=decode_jis_x0208, required=False),  # 呼び名
        Field(0x14, "alias", decode=decode_jis_x0208, required=False),  # 通称名
        Field(0x15, "unified_name_kana", decode=decode_jis_x0208, required=False),  # 統一氏名
        Field(0x16, "birth_date", decode=decode_era_date),  # 生年月日
        Field(0x17, "address", decode=decode_jis_x0208),  # 住所
        Field(0x18, "issued", decode=decode_era_date),  # 交付年月日
        Field(0x19, "reference_number", decode=decode_jis_x0201, required=False),  # 照会番号
        Field(0x1A, "colour", decode=decode_jis_x0208, required=False),  # 免許証の色区分
        Field(0x1B, "expiry", decode=decode_era_date),  # 有効期間の末日
        Field(0x1C, "condition_1", decode=decode_jis_x0208, required=False),  # 免許の条件
        Field(0x1D, "condition_2", decode=decode_jis_x0208, required=False),
        Field(0x1E, "condition_3", decode=decode_jis_x0208, required=False),
        Field(0x1F, "condition_4", decode=decode_jis_x0208, required=False),
        Field(0x20, "commission", decode=decode_jis_x0208, required=False),  # 公安委員会名
        Field(0x21, "licence_number", decode=decode_jis_x0201),  # 免許証の番号
        *(Field(tag, key, decode=_optional_era_date, required=False) for tag, (key, _ja) in CATEGORIES.items()),
    ),
    note="PIN1",
)

DOMICILE = FileLayout(  # DF1/EF02 記載事項（本籍）
    name="licence/DF1/EF02",
    encoding="simple",
    fields=(Field(0x41, "domicile", decode=decode_jis_x0208),),
    note="PIN1 + PIN2",
)

PHOTO = FileLayout(  # DF2/EF01 写真: 5F 40 82 HH LL <JPEG 2000, monochrome, about 2 kB>
    name="licence/DF2/EF01",
    encoding="ber",
    fields=(Field(0x5F40, "photo", decode=raw),),
    note="PIN1 + PIN2",
)

PHOTO_TAG: Final = 0x5F40
PIN_SET: Final = 0x01
PIN_NOT_SET: Final = 0x00


@dataclass(frozen=True)
class ChangeKind:
    """One kind of recorded change: the tag range the card uses for it, a stable key and its name."""

    first_tag: int
    last_tag: int
    key: str
    label_ja: str
    label_en: str


#: EF04 (記載事項変更等) and EF06 (本籍) change kinds by tag range; ``key`` names the EF01 item superseded.
CHANGE_KINDS: Final[tuple[ChangeKind, ...]] = (
    ChangeKind(0x51, 0x5F, "commission", "新住所地公安委員会名", "commission of the new address"),
    ChangeKind(0x60, 0x67, "name", "新氏名", "new name"),
    ChangeKind(0x68, 0x6F, "name_kana", "新呼び名", "new name reading"),
    ChangeKind(0x70, 0x77, "address", "新住所", "new address"),
    ChangeKind(0x78, 0x7F, "condition", "新条件", "new condition"),
    ChangeKind(0x80, 0x87, "condition_lifted", "条件解除", "condition lifted"),
    ChangeKind(0x88, 0x8F, "remarks", "備考", "remarks"),
    ChangeKind(0x90, 0x97, "reserved", "予備", "reserved"),
    ChangeKind(0xAA, 0xAF, "domicile", "新本籍", "new registered domicile"),
)
#: Tag of 追記の有無 in EF04/EF06.
CHANGES_FLAG_TAG: Final = 0x50
#: A change's value: JIS edition, 和暦 date (7 full-width characters), the text, the commission (5 characters).
CHANGE_EDITION_BYTES: Final = 1
CHANGE_DATE_BYTES: Final = 14
CHANGE_COMMISSION_BYTES: Final = 10
#: Kinds whose latest change supersedes the holder's EF01 value (what item checks compare with).
SUPERSEDING_KINDS: Final = ("name", "name_kana", "address", "domicile")
