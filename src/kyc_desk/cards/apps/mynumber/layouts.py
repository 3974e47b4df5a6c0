"""個人番号カード — applications, files and data layouts as tables (cards.md §A).

Only tables live here: AIDs, file ids, and :class:`Template` layouts of the TLV files. The same tables
drive the parsers (:func:`decode_template`), the software card that emulates the card
(:func:`encode_template`), and the documentation. Parsers turning the decoded values into dataclasses
sit in the AP modules.

Sources and confidence are those of cards.md: AIDs, file ids and tags AGREE across implementations;
what is hashed and signed in the text AP and the card face comes from one source (SOLTIA) and is
UNCONFIRMED — a wrong guess there makes verification report INVALID for every real card, loudly, never a
silent pass.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import IntEnum
from typing import Final

from kyc_desk.cards.errors import MalformedData
from kyc_desk.cards.tlv import Tlv, encode_length, encode_tlv, parse_ber
from kyc_desk.cards.tlv.ber import read_length, read_tag

# --- applications (§A.1) ------------------------------------------------------------------------------

#: 公的個人認証AP (JPKI).
JPKI_AID: Final = bytes.fromhex("D392F000260100000001")
#: 券面事項入力補助AP (text input support).
TEXT_AID: Final = bytes.fromhex("D3921000310001010408")
#: 券面事項確認AP (card face).
SURFACE_AID: Final = bytes.fromhex("D3921000310001010402")
#: 共通カードAP (本人確認業務用領域).
COMMON_AID: Final = bytes.fromhex("D3921000310001010100")


class JpkiEF(IntEnum):
    """公的個人認証AP files (§A.2.1)."""

    SIGN_CERT = 0x0001  # 署名用電子証明書 — needs the signature password
    SIGN_CA_CERT = 0x0002  # 署名用CA証明書 — free
    TOKEN_INFO = 0x0006  # token label (first 32 bytes)
    AUTH_CERT = 0x000A  # 利用者証明用電子証明書 — free
    AUTH_CA_CERT = 0x000B  # 利用者証明用CA証明書 — free
    AUTH_KEY = 0x0017  # 利用者証明用秘密鍵
    AUTH_PIN = 0x0018  # 利用者証明用暗証番号 (4 digits, 3 tries)
    SIGN_KEY = 0x001A  # 署名用秘密鍵
    SIGN_PIN = 0x001B  # 署名用パスワード (6–16 A–Z 0–9, 5 tries)


class TextEF(IntEnum):
    """券面事項入力補助AP files (§A.3.1). ``INDIVIDUAL_NUMBER`` and ``CODE_A`` are never touched."""

    INDIVIDUAL_NUMBER = 0x0001  # 個人番号 — the desk NEVER selects this file
    ATTRIBUTES = 0x0002  # 基本4情報 — PIN or 照合番号B
    SIGNATURE = 0x0003  # digests + signature — PIN or 照合番号
    CERTIFICATE = 0x0004  # card-verifiable certificate — free
    BASIC_INFO = 0x0005  # AP basic info — free
    PIN = 0x0011  # 券面事項入力補助用暗証番号 (4 digits, 3 tries)
    CODE_A = 0x0014  # 照合番号A = the 個人番号 — the desk NEVER sends it
    CODE_B = 0x0015  # 照合番号B (14 digits)


class SurfaceEF(IntEnum):
    """券面事項確認AP files (§A.4.1). ``CODE_A`` and ``NUMBER_IMAGE`` are never touched."""

    AGE = 0x0001  # 生年月日 record — birth-date key
    FACE = 0x0002  # card face — 照合番号A or B
    BASIC_INFO = 0x0003  # AP basic info — free
    CERTIFICATE = 0x0004  # card-verifiable certificate — free
    NUMBER_IMAGE = 0x0005  # rendered 個人番号 — the desk NEVER selects this file
    BIRTH_KEY = 0x0011  # 生年月日 key (era YYMMDD)
    CODE_B = 0x0012  # 照合番号B
    CODE_A = 0x0013  # 照合番号A — the desk NEVER sends it


class CommonEF(IntEnum):
    """共通カードAP files (§A.5)."""

    CARD_INFO = 0x0001  # record 1: 01 1C <15-digit serial><5-digit municipality><expiry YYYYMMDD>
    PIN = 0x001C


#: Files and keys whose content is, or reveals, the individual number: no flow may select or send them.
FORBIDDEN_FILES: Final = frozenset(
    {
        (TEXT_AID, TextEF.INDIVIDUAL_NUMBER),
        (TEXT_AID, TextEF.CODE_A),
        (SURFACE_AID, SurfaceEF.NUMBER_IMAGE),
        (SURFACE_AID, SurfaceEF.CODE_A),
    }
)

#: EF 0006 labels (§A.2.1).
TOKEN_LABEL_CARD: Final = "JPKIAPICCTOKEN2"

# --- TLV templates (§A.3.2, §A.4.3) -----------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One data object inside a template: its tag and a stable snake_case name."""

    tag: int
    name: str


@dataclass(frozen=True)
class Template:
    """A TLV file: an outer constructed object whose children are ``fields`` (written in this order;
    read by tag).

    ``offsets``: the tag of an offset table (u16 big-endian, from the file's first byte, one per object
    after it) that the card writes first, or ``None``. :func:`decode_template` checks it rather than
    trusting it. ``long_length``: the outer object always uses the ``82 xx xx`` length form.
    """

    name: str
    tag: int
    fields: tuple[Field, ...]
    offsets: int | None = None
    long_length: bool = False

    def field(self, name: str) -> Field:
        """The field called ``name``."""
        return next(f for f in self.fields if f.name == name)


TEXT_ATTRIBUTES: Final = Template(  # 券面事項入力補助AP EF 0002 (基本4情報)
    "text.attributes",
    0xFF20,
    (
        Field(0xDF22, "name"),  # 氏名, UTF-8, family and given name split by U+3000
        Field(0xDF23, "address"),  # 住所, UTF-8
        Field(0xDF24, "birth_date"),  # 生年月日, "YYYYMMDD" (Gregorian)
        Field(0xDF25, "sex"),  # 性別, one digit (SEX_CODES_CARD)
    ),
    offsets=0xDF21,
)

TEXT_SIGNATURE: Final = Template(  # 券面事項入力補助AP EF 0003 (integrity record)
    "text.signature",
    0xFF30,
    (
        Field(0xDF31, "number_digest"),  # SHA-256 of EF 0001 (個人番号, 17 bytes) — checkable only by the card
        Field(0xDF32, "attributes_digest"),  # SHA-256 of EF 0002's DF22..DF25 TLVs
        Field(0xDF33, "signature"),  # PKCS#1 v1.5 SHA-256 over the DF31 and DF32 TLVs
    ),
    long_length=True,
)

TEXT_BASIC_INFO: Final = Template(  # 券面事項入力補助AP EF 0005
    "text.basic_info",
    0xFF40,
    (Field(0xDF41, "ap_info"), Field(0xDF42, "key_id"), Field(0xDF43, "reserved")),
    long_length=True,
)

SURFACE_FACE: Final = Template(  # 券面事項確認AP EF 0002 (card face)
    "surface.face",
    0xFF20,
    (
        Field(0xDF22, "birth_date"),  # 生年月日 "YYYYMMDD"
        Field(0xDF23, "sex"),  # 性別 one digit
        Field(0xDF24, "card_key"),  # the card's public key: 90 03 <e> 91 82 01 00 <n>
        Field(0xDF25, "name_image"),  # 氏名 image (PNG)
        Field(0xDF26, "address_image"),  # 住所 image (PNG)
        Field(0xDF27, "photo"),  # 顔写真, JPEG 2000 (JP2), greyscale
        Field(0xDF28, "signature"),  # over the three digests below
        Field(0xDF29, "expiry"),  # 有効期限 "YYYYMMDD" — after the signature, NOT covered
        Field(0xDF2A, "security_code_image"),  # セキュリティコード image (PNG) — NOT covered
    ),
    offsets=0xDF21,
    long_length=True,
)

#: The card face signature covers SHA-256 of each group of TLVs, concatenated (96 bytes), §A.4.3.
SURFACE_SIGNED_GROUPS: Final = (("birth_date", "sex", "card_key"), ("name_image", "address_image"), ("photo",))

SURFACE_BASIC_INFO: Final = Template(  # 券面事項確認AP EF 0003
    "surface.basic_info",
    0xFF30,
    (
        Field(0xDF31, "ap_info"),
        Field(0xDF32, "key_id"),
        Field(0xDF33, "version"),
        Field(0xDF34, "municipality"),  # 5-digit municipality code (not personal)
        Field(0xDF35, "reserved"),
    ),
    long_length=True,
)

#: Sex codes of the card face and text AP (§A.3.2): 1 male, 2 female, 9 not applicable (0 unknown).
SEX_CODES_CARD: Final = {"1": "male", "2": "female", "9": "other", "0": "unknown"}

# --- card-verifiable certificate (EF 0004 of both APs, §A.3.2) ------------------------------------------

CVC_TAG: Final = 0x7F21
CVC_BODY_TAG: Final = 0x5F4E
CVC_SIGNATURE_TAG: Final = 0x5F37
KEY_ID_LENGTH: Final = 16
#: RSA public key inside the CVC body and the card face's DF24: 90 = exponent, 91 = modulus.
RSA_EXPONENT_TAG: Final = 0x90
RSA_MODULUS_TAG: Final = 0x91

# --- JPKI certificates (§A.6) --------------------------------------------------------------------------

JPKI_ORG_JA: Final = "公的個人認証サービス"
JPKI_AGENCY_OU: Final = "Japan Agency for Local Authority Information Systems"
JPKI_SIGN_CA_OU: Final = "JPKI for digital signature"
JPKI_AUTH_CA_OU: Final = "JPKI for user authentication"

#: subjectAltName otherName OIDs of the 署名用電子証明書 (§A.6), by stable name.
SAN_OIDS: Final = {
    "name": "1.2.392.200149.8.5.5.1",  # 氏名
    "name_substitutes": "1.2.392.200149.8.5.5.2",  # 氏名の代替文字使用位置
    "sex": "1.2.392.200149.8.5.5.3",  # 性別: 1 male, 2 female, 3 unknown
    "birth_date": "1.2.392.200149.8.5.5.4",  # 生年月日 EYYYYMMDD
    "address": "1.2.392.200149.8.5.5.5",  # 住所
    "address_substitutes": "1.2.392.200149.8.5.5.6",  # 住所の代替文字使用位置
}
#: Sex codes of the signature certificate — NOT the card's codes (3 means unknown here).
SEX_CODES_CERT: Final = {"1": "male", "2": "female", "3": "unknown"}

#: DER prefix of the DigestInfo for a 32-byte SHA-256 digest: the card is given ``prefix ‖ hash`` to sign
#: with ``80 2A 00 80`` (§A.2.3, RFC 8017 §9.2 note 1).
SHA256_DIGEST_INFO_PREFIX: Final = bytes.fromhex("3031300D060960864801650304020105000420")
#: DigestInfo header of the card face signature: SHA-256 OID, OCTET STRING of 0x60 = three digests (§A.4.3).
SURFACE_DIGEST_INFO_PREFIX: Final = bytes.fromhex("3071300D060960864801650304020105000460")

POLICY_SIGN: Final = "1.2.392.200149.8.5.1.1.20"
POLICY_SIGN_TEST: Final = "1.2.392.200149.8.5.1.0.20"
POLICY_AUTH: Final = "1.2.392.200149.8.5.1.3.30"


def digest_info_sha256(data: bytes) -> bytes:
    """The DER DigestInfo of SHA-256(``data``), as the JPKI AP is given it to sign."""
    return SHA256_DIGEST_INFO_PREFIX + hashlib.sha256(data).digest()


# --- the generic template codec -------------------------------------------------------------------------


def extra_name(tag: int) -> str:
    """The key under which :func:`decode_template` keeps an object the template does not know."""
    return f"extra_{tag:X}"


def decode_template(template: Template, raw: bytes) -> dict[str, Tlv]:
    """The objects of a template file by name, as parsed TLVs (offsets relative to ``raw``).

    Parsed by tag, as the card's issuer may add objects: every field of the template must be there
    exactly once (in any order); objects the template does not know are kept under
    :func:`extra_name` (the first of each tag) and otherwise ignored. Only the outer object's declared
    length is parsed — whatever follows it in the file (filler of any value) is not looked at. The
    offset table, where the template has one, is checked against the objects it lists, not trusted.

    Raises :class:`MalformedData` when the outer tag is wrong, a field is missing or appears twice, or
    the offset table disagrees with where the objects really are.
    """
    if not raw:
        raise MalformedData(f"expected template {template.tag:X}, the file is empty", ef=template.name)
    tag, pos = read_tag(raw, 0)
    if tag != template.tag:
        raise MalformedData(f"expected template {template.tag:X}", ef=template.name)
    length, base = read_length(raw, pos, tag=tag)
    if base + length > len(raw):
        raise MalformedData("the file ends before the length its template declares", ef=template.name, tag=tag)
    children = [Tlv(c.tag, c.value, c.offset + base, c.size) for c in parse_ber(raw[base : base + length])]
    known = {spec.tag: spec.name for spec in template.fields}
    if template.offsets is not None:
        known[template.offsets] = "offset_table"
    found: dict[str, Tlv] = {}
    for child in children:
        if child.tag not in known:
            found.setdefault(extra_name(child.tag), child)  # kept (the first of its tag) and ignored
            continue
        name = known[child.tag]
        if name in found:  # which one would the issuer have meant? refuse rather than guess
            raise MalformedData(f"{name} appears twice", ef=template.name, tag=child.tag)
        found[name] = child
    for spec in template.fields:
        if spec.name not in found:
            raise MalformedData(f"field {spec.name} missing", ef=template.name, tag=spec.tag)
    if template.offsets is not None:
        _check_offset_table(template, children, found)
    return found


def _check_offset_table(template: Template, children: list[Tlv], found: dict[str, Tlv]) -> None:
    """Each u16 of the table must be the offset of the object in that position after the table."""
    table = found.get("offset_table")
    if table is None:
        raise MalformedData("offset table missing", ef=template.name, tag=template.offsets)
    if len(table.value) % 2:
        raise MalformedData("offset table has an odd size", ef=template.name, tag=template.offsets)
    listed = children[children.index(table) + 1 :]
    for index in range(min(len(listed), len(table.value) // 2)):
        if int.from_bytes(table.value[2 * index : 2 * index + 2], "big") != listed[index].offset:
            raise MalformedData("offset table disagrees with the objects", ef=template.name, tag=listed[index].tag)


def value_start(raw: bytes) -> int:
    """Where the outer object's value starts (after its tag and length)."""
    return read_length(raw, read_tag(raw, 0)[1])[1]


def signed_body(template: Template, raw: bytes) -> bytes:
    """The outer object's value after its offset table: every object that follows it, as written.

    The text AP's EF 0003 DF32 is SHA-256 of exactly this (cards.md §A.3.2: "EF 0002 outer value with the
    DF21 offset table skipped"), so an object the issuer adds is covered too.
    """
    fields = decode_template(template, raw)
    length, base = read_length(raw, read_tag(raw, 0)[1])
    start = base
    if template.offsets is not None:
        table = fields["offset_table"]
        start = table.offset + table.size
    return raw[start : base + length]


def tlv_bytes(raw: bytes, tlv: Tlv) -> bytes:
    """The TLV exactly as written in ``raw`` (tag, length form and value), for digests and signatures."""
    return raw[tlv.offset : tlv.offset + tlv.size]


def encode_template(
    template: Template, values: dict[str, bytes], *, extra: tuple[tuple[int, bytes], ...] = ()
) -> bytes:
    """A template file from field values (used by the software card), offset table included.

    ``extra``: objects the template does not know, written after its fields (and listed in the offset
    table), as an issuer adding an item would write them."""
    encoded = [encode_tlv(spec.tag, values[spec.name]) for spec in template.fields]
    encoded += [encode_tlv(tag, value) for tag, value in extra]
    table_size = 0 if template.offsets is None else len(encode_tlv(template.offsets, bytes(2 * len(encoded))))
    body_len = table_size + sum(len(e) for e in encoded)
    tag_bytes = template.tag.to_bytes(2 if template.tag > 0xFF else 1, "big")
    length = (b"\x82" + body_len.to_bytes(2, "big")) if template.long_length else encode_length(body_len)
    header = len(tag_bytes) + len(length)
    body = b""
    if template.offsets is not None:
        position, table = header + table_size, b""
        for e in encoded:
            table += position.to_bytes(2, "big")
            position += len(e)
        body = encode_tlv(template.offsets, table)
    return tag_bytes + length + body + b"".join(encoded)
