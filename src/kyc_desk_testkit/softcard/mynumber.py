"""The My Number software card: a 個人番号カード built from a :class:`Persona` on the card engine.

What it holds (cards.md §A, layouts from :mod:`kyc_desk.cards.apps.mynumber.layouts`):

- 公的個人認証AP: user-authentication and signature certificates issued by the test CAs
  (:mod:`kyc_desk_testkit.softcard.pki`), the CA certificates, and the two private keys, which really
  sign a DigestInfo with PKCS#1 v1.5 (``80 2A 00 80``). 利用者証明用暗証番号 (4 digits, 3 tries) and
  署名用パスワード (5 tries).
- 券面事項入力補助AP: 基本4情報, the integrity record (SHA-256 digests signed by the AP key), the CVC,
  basic info; the 4-digit PIN (3 tries), 照合番号A and 照合番号B. The individual-number EF exists only
  so that tests can prove the desk never selects it (:attr:`MyNumberSoftCard.forbidden_touches`).
- 券面事項確認AP: the card face (birth date, sex, card key, name and address rendered as 1-bit PNG, the
  persona's real face photo as a small greyscale JPEG 2000, signature, expiry, security-code image),
  the CVC, basic info; 照合番号B, 照合番号A, the birth-date key.
- 共通AP: the card-information record with the expiry date.

:class:`MyNumberCardOptions` builds the awkward cards tests need: a signed field altered after signing
(``tamper``), everything signed by issuers no trust store knows (``rogue_issuers``), items that differ
between the APs (``overrides``), counters already run down (``tries``), a copy of the genuine files on
another chip whose key is not the one in the card face (``clone``), and real-card layouts a strict reader
trips over (``layout``: an extra object in both FF20 templates, files larger than READ BINARY offsets
reach with non-FF filler after the declared length, a sex code the desk does not know).

The card face AP answers ``80 2A 00 00`` (no credential) by signing the given DigestInfo with the chip's
key — the card key of DF24, or the other chip's key in clone mode (cards.md §A.4.3).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Final, Literal

from kyc_desk.cards.apdu import CommandApdu, Ins, ResponseApdu, StatusWord
from kyc_desk.cards.apps.mynumber import layouts as L
from kyc_desk.cards.apps.mynumber.code_b import CodeB
from kyc_desk.cards.tlv import encode_tlv
from kyc_desk.jp.era import to_era
from kyc_desk_testkit.softcard.engine import Access, CardStatus, DedicatedFile, Handler, Signer, SoftCard
from kyc_desk_testkit.softcard.persona import Persona, demo_personas
from kyc_desk_testkit.softcard.pki import (
    FourItems,
    encode_long,
    issue_cvc,
    issue_jpki_certificate,
    key_id,
    rsa_public_key_tlvs,
    softcard_issuers,
)
from kyc_desk_testkit.softcard.portrait import card_portrait
from kyc_desk_testkit.softcard.registry import register_card_builder
from kyc_desk_testkit.softcard.rsa import RsaKey
from kyc_desk_testkit.softcard.test_keys import softcard_key

#: The ATR of a contactless My Number card seen in the wild (cards.md §E.1).
MYNUMBER_ATR: Final = bytes.fromhex("3B888001000005E0B381A1007F")

#: What ``tamper`` may alter after signing.
Tamper = Literal["surface_face", "text_attributes", "sign_cert", "surface_cvc"]
#: Sources whose items ``overrides`` may change (each still correctly signed).
Source = Literal["surface", "text", "sign_cert"]
#: Real-card layouts ``layout`` may use (each still correctly signed): ``extra_object`` an object the
#: templates do not know inside both FF20 (text AP EF 0002 — covered by its digest — and card face
#: EF 0002, after the signature); ``large_file`` both EF 0002 allocated past 0x7FFF with non-FF filler
#: after the declared length; ``unknown_sex`` a sex code outside 0/1/2/9 in both.
Layout = Literal["extra_object", "large_file", "unknown_sex"]
#: The extra object's tag and value, and the unknown sex code, of the ``layout`` variants.
EXTRA_OBJECT: Final = (0xDF2B, "追加項目".encode())
UNKNOWN_SEX_CODE: Final = "3"
_LARGE_FILE_SIZE: Final = 0x8100
_NON_FF_FILLER: Final = b"\x5a"

_SEX_CARD: Final = {"male": "1", "female": "2", "other": "9", "unknown": "0"}
_SEX_CERT: Final = {"male": "1", "female": "2", "other": "3", "unknown": "3"}
_FONT_CANDIDATES: Final = (
    "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
)


@dataclass(frozen=True)
class MyNumberCardOptions:
    """How to build the card. Secrets default to fixed test values; ``security_code`` is printed on the
    card face and, with the birth date and expiry year, makes 照合番号B."""

    text_pin: str = "1234"
    auth_pin: str = "4321"
    sign_pin: str = "ABC123"
    security_code: str = "2285"
    issued: dt.date = dt.date(2024, 6, 3)
    #: Initial tries left by key name (``text_pin``, ``text_code_b``, ``surface_code_b``, ``sign_pin``…).
    tries: Mapping[str, int] = field(default_factory=dict)
    tamper: frozenset[Tamper] = frozenset()
    rogue_issuers: bool = False
    overrides: Mapping[Source, Persona] = field(default_factory=dict)
    #: Genuine files on another chip: the card face AP signs challenges with a key that is not DF24's.
    clone: bool = False
    layout: frozenset[Layout] = frozenset()
    #: The 利用者証明用電子証明書 was reissued (lost card, renewal): another key and another serial number,
    #: as J-LIS issues them; a desk that linked the first certificate must report the link as broken.
    auth_reissued: bool = False
    #: The individual number on the card (fictional). The desk must never read it.
    individual_number: str = "123456789018"


def card_expiry(birth: dt.date, issued: dt.date) -> dt.date:
    """Adults' cards expire on the 10th birthday after issue (cards.md §A.2.2 for certificates: 5th)."""
    return _birthday_after(birth, issued, 10)


def _birthday_after(birth: dt.date, issued: dt.date, count: int) -> dt.date:
    year = issued.year + count
    try:
        day = birth.replace(year=year)
    except ValueError:  # 29 February
        day = dt.date(year, 3, 1)
    return day


class MyNumberSoftCard(SoftCard):
    """A SoftCard that also records every command it is sent, and any touch of a forbidden file.

    ``received``: (DF name, CLA, INS, P1, P2, SELECT data or b"") for every command — VERIFY data is
    never kept. ``forbidden_touches``: a description of every command that selected, read or verified
    the individual number or 照合番号A (must stay empty).
    """

    def __init__(self) -> None:
        super().__init__(name="mynumber", atr=MYNUMBER_ATR, mf_select="mynumber")
        self.received: list[tuple[str, int, int, int, int, bytes]] = []
        self.forbidden_touches: list[str] = []
        self.code_b: CodeB | None = None
        self.secrets: dict[str, str] = {}
        self.expiry: dt.date | None = None

    def process(self, command: CommandApdu) -> ResponseApdu:
        with self._lock:
            df = self.current_df
            selected = command.data if command.ins == Ins.SELECT else b""
            self.received.append((df.name, command.cla, command.ins, command.p1, command.p2, selected))
            self._check_forbidden(command)
            return super().process(command)

    def _check_forbidden(self, command: CommandApdu) -> None:
        df = self.current_df
        if df.aid is None:
            return
        forbidden = {fid for aid, fid in L.FORBIDDEN_FILES if aid == df.aid}
        target: int | None = None
        if command.ins == Ins.SELECT and command.p1 == 0x02 and len(command.data) == 2:
            target = int.from_bytes(command.data, "big")
        elif command.ins in (Ins.VERIFY, Ins.READ_BINARY, Ins.CHANGE_REFERENCE_DATA):
            sfi = (
                command.p2 & 0x1F if command.ins != Ins.READ_BINARY else (command.p1 & 0x1F if command.p1 & 0x80 else 0)
            )
            if sfi:
                obj = df.by_sfi(sfi)
                target = obj.fid if obj is not None else None
            elif self.current_ef is not None:
                target = self.current_ef.fid
        if target in forbidden:
            self.forbidden_touches.append(f"{df.name}: INS {command.ins:02X} on EF {target:04X}")


def _signer(key: RsaKey) -> Signer:
    def sign(command: CommandApdu) -> bytes:
        if command.p1 != 0x00:  # only "pad the given DigestInfo" is emulated (cards.md §A.2.3)
            raise CardStatus(0x6A86)
        if not 1 <= len(command.data) <= 245:
            raise CardStatus(0x6985)
        return key.sign_block(command.data)

    return sign


def _presence_handler(key: RsaKey) -> Handler:
    """The card face AP's ``80 2A 00 00``: ``key`` signs the given DigestInfo, no credential needed."""

    def handle(_card: SoftCard, command: CommandApdu) -> ResponseApdu:
        if command.cla != 0x80:
            raise CardStatus(0x6E00)
        if command.p1 != 0x00 or command.p2 != 0x00:  # only the presence form is emulated here
            raise CardStatus(0x6A86)
        if not 1 <= len(command.data) <= 245:
            raise CardStatus(0x6700 if not command.data else 0x6985)
        return ResponseApdu(key.sign_block(command.data), StatusWord(0x9000))

    return handle


def _allocated(data: bytes, layout: frozenset[Layout]) -> bytes:
    """The physical file: the object, then (``large_file``) non-FF filler past the 15-bit offsets."""
    if "large_file" not in layout:
        return data
    return data + _NON_FF_FILLER * max(0, _LARGE_FILE_SIZE - len(data))


@cache
def _portrait(photo: Path) -> bytes:
    """The persona's photo as the card face holds it: small greyscale JPEG 2000 (cached: it is slow)."""
    return card_portrait(photo, colour=False, size=(120, 160), max_bytes=4096)


@cache
def _font_path() -> str | None:
    return next((p for p in _FONT_CANDIDATES if Path(p).is_file()), None)


def render_text_png(text: str, *, width: int = 480, height: int = 48) -> bytes:
    """Text drawn as a 1-bit PNG, as the card face stores the name, address and security code."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("1", (width, height), 1)
    draw = ImageDraw.Draw(image)
    path = _font_path()
    font = ImageFont.truetype(path, height - 16) if path else ImageFont.load_default()
    draw.text((8, 6), text, fill=0, font=font)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _yyyymmdd(day: dt.date) -> bytes:
    return day.strftime("%Y%m%d").encode("ascii")


def _era_code_date(day: dt.date) -> str:
    era, _year = to_era(day)
    return f"{era.code}{day:%Y%m%d}"


def _flip(data: bytes, index: int) -> bytes:
    return data[:index] + bytes((data[index] ^ 0x01,)) + data[index + 1 :]


def _next_day(raw: bytes) -> bytes:
    """A YYYYMMDD one day later: an altered but well-formed birth date."""
    day = dt.datetime.strptime(raw.decode("ascii"), "%Y%m%d").date() + dt.timedelta(days=1)
    return _yyyymmdd(day)


def build_mynumber_card(persona: Persona | str, options: MyNumberCardOptions | None = None) -> MyNumberSoftCard:
    """A My Number software card for ``persona`` (a :class:`Persona` or a :func:`demo_personas` id)."""
    if isinstance(persona, str):
        persona = demo_personas()[persona]
    options = options or MyNumberCardOptions()
    issuers = softcard_issuers(rogue=options.rogue_issuers)
    expiry = card_expiry(persona.birth_date, options.issued)
    who = {source: options.overrides.get(source, persona) for source in ("surface", "text", "sign_cert")}

    card = MyNumberSoftCard()
    card.expiry = expiry
    card.code_b = CodeB.from_printed(persona.birth_date, expiry.year, options.security_code)
    card.secrets = {
        "text_pin": options.text_pin,
        "auth_pin": options.auth_pin,
        "sign_pin": options.sign_pin,
        "code_b": card.code_b.digits,
    }

    def key(df: DedicatedFile, name: str, secret: str, fid: int, sfi: int, max_tries: int) -> None:
        left = options.tries.get(name, max_tries)
        df.add_key(name, secret=secret.encode("ascii"), fid=fid, sfi=sfi, max_tries=max_tries, tries_left=left)

    # --- 公的個人認証AP ---
    jpki = card.add_df(L.JPKI_AID, name="jpki")
    sign_key = softcard_key("card_jpki_sign")
    auth_key = softcard_key("card_jpki_auth_reissued" if options.auth_reissued else "card_jpki_auth")
    identifier = hashlib.sha256(persona.name.encode()).hexdigest()[:23].upper()
    cert_from = dt.datetime.combine(options.issued, dt.time(), dt.UTC)
    cert_until = dt.datetime.combine(
        min(_birthday_after(persona.birth_date, options.issued, 5), expiry), dt.time(14, 59, 59), dt.UTC
    )
    signer = who["sign_cert"]
    items = FourItems(
        name=signer.name.replace(" ", "\u3000"),
        name_substitutes="0" * len(signer.name),
        sex=_SEX_CERT[signer.sex],
        birth_date=_era_code_date(signer.birth_date),
        address=signer.address,
        address_substitutes="0" * len(signer.address),
    )
    sign_cert = issue_jpki_certificate(
        "sign", ca_key=issuers.sign_ca_key, subject=sign_key, serial=0x2A0001, identifier=identifier,
        not_before=cert_from, not_after=cert_until, four_items=items,
    )  # fmt: skip
    auth_cert = issue_jpki_certificate(
        "auth", ca_key=issuers.auth_ca_key, subject=auth_key, serial=0x2B0002 if options.auth_reissued else 0x2B0001,
        identifier=identifier,
        not_before=cert_from, not_after=cert_until,
    )  # fmt: skip
    if "sign_cert" in options.tamper:  # the name altered after signing (same length, still UTF-8)
        sign_cert = sign_cert.replace("\u3000".encode(), b"   ", 1)
    key(jpki, "auth_pin", options.auth_pin, L.JpkiEF.AUTH_PIN, 0x18, 3)
    key(jpki, "sign_pin", options.sign_pin, L.JpkiEF.SIGN_PIN, 0x1B, 5)
    token = L.TOKEN_LABEL_CARD.encode().ljust(32, b" ") + bytes(128)
    jpki.add_ef(L.JpkiEF.TOKEN_INFO, token)
    jpki.add_ef(0x0008, b"\x8f\x8f\x00")
    jpki.add_ef(L.JpkiEF.AUTH_CERT, auth_cert)
    jpki.add_ef(L.JpkiEF.AUTH_CA_CERT, issuers.auth_ca_cert)
    jpki.add_ef(L.JpkiEF.SIGN_CA_CERT, issuers.sign_ca_cert)
    jpki.add_ef(L.JpkiEF.SIGN_CERT, sign_cert, read=Access.any_of("sign_pin"))
    jpki.add_private_key(L.JpkiEF.AUTH_KEY, sfi=0x17, sign=_signer(auth_key), use=Access.any_of("auth_pin"))
    jpki.add_private_key(L.JpkiEF.SIGN_KEY, sfi=0x1A, sign=_signer(sign_key), use=Access.any_of("sign_pin"))

    # --- 券面事項入力補助AP ---
    text = card.add_df(L.TEXT_AID, name="text")
    text_person = who["text"]
    text_signer = softcard_key("card_text_signer")
    number_ef = b"\xff\x10\x0c" + options.individual_number.encode("ascii") + b"\xff\xff"

    def sex_code(who: Persona) -> str:
        return UNKNOWN_SEX_CODE if "unknown_sex" in options.layout else _SEX_CARD[who.sex]

    extra = (EXTRA_OBJECT,) if "extra_object" in options.layout else ()
    text_values = {
        "name": text_person.name.replace(" ", "\u3000").encode(),
        "address": text_person.address.encode(),
        "birth_date": _yyyymmdd(text_person.birth_date),
        "sex": sex_code(text_person).encode(),
    }
    attributes = L.encode_template(L.TEXT_ATTRIBUTES, text_values, extra=extra)
    signed_attributes = L.signed_body(L.TEXT_ATTRIBUTES, attributes)
    digests = encode_tlv(0xDF31, hashlib.sha256(number_ef).digest()) + encode_tlv(
        0xDF32, hashlib.sha256(signed_attributes).digest()
    )
    integrity = encode_long(0xFF30, digests + encode_long(0xDF33, text_signer.sign_sha256(digests)))
    if "text_attributes" in options.tamper:  # the birth date altered after signing
        attributes = L.encode_template(
            L.TEXT_ATTRIBUTES, {**text_values, "birth_date": _next_day(text_values["birth_date"])}, extra=extra
        )
    text_cvc = issue_cvc(issuers.text_issuer_id, issuers.text_issuer_key, key_id("7100001"), text_signer)
    basic = L.encode_template(
        L.TEXT_BASIC_INFO,
        {"ap_info": bytes.fromhex("01030E01"), "key_id": key_id("7100001"), "reserved": b"\xff" * 128},
    )
    key(text, "text_pin", options.text_pin, L.TextEF.PIN, 0x11, 3)
    key(text, "text_code_a", options.individual_number, L.TextEF.CODE_A, 0x14, 10)
    key(text, "text_code_b", card.code_b.digits, L.TextEF.CODE_B, 0x15, 10)
    text.add_ef(L.TextEF.INDIVIDUAL_NUMBER, number_ef, sfi=0x01, read=Access.any_of("text_pin", "text_code_a"))
    text.add_ef(
        L.TextEF.ATTRIBUTES, _allocated(attributes, options.layout), sfi=0x02,
        read=Access.any_of("text_pin", "text_code_b"),
    )  # fmt: skip
    text.add_ef(L.TextEF.SIGNATURE, integrity, sfi=0x03, read=Access.any_of("text_pin", "text_code_a", "text_code_b"))
    text.add_ef(L.TextEF.CERTIFICATE, text_cvc, sfi=0x04)
    text.add_ef(L.TextEF.BASIC_INFO, basic, sfi=0x05)

    # --- 券面事項確認AP ---
    surface = card.add_df(L.SURFACE_AID, name="surface")
    face_person = who["surface"]
    surface_signer, card_key = softcard_key("card_surface_signer"), softcard_key("card_face_key")
    values = {
        "birth_date": _yyyymmdd(face_person.birth_date),
        "sex": sex_code(face_person).encode(),
        "card_key": rsa_public_key_tlvs(card_key),
        "name_image": render_text_png(face_person.name.replace(" ", "\u3000")),
        "address_image": render_text_png(face_person.address, width=720),
        "photo": _portrait(face_person.photo),
        "signature": bytes(256),
        "expiry": _yyyymmdd(expiry),
        "security_code_image": render_text_png(options.security_code, width=120),
    }
    draft = L.encode_template(L.SURFACE_FACE, values, extra=extra)
    face_fields = L.decode_template(L.SURFACE_FACE, draft)
    digest = b"".join(
        hashlib.sha256(b"".join(L.tlv_bytes(draft, face_fields[name]) for name in group)).digest()
        for group in L.SURFACE_SIGNED_GROUPS
    )
    values["signature"] = surface_signer.sign_block(L.SURFACE_DIGEST_INFO_PREFIX + digest)
    if "surface_face" in options.tamper:  # the birth date altered after signing
        values["birth_date"] = _next_day(values["birth_date"])
    face = L.encode_template(L.SURFACE_FACE, values, extra=extra)
    surface_cvc = issue_cvc(issuers.surface_issuer_id, issuers.surface_issuer_key, key_id("7200001"), surface_signer)
    if "surface_cvc" in options.tamper:
        surface_cvc = _flip(surface_cvc, 100)  # inside the certified modulus
    surface_basic = L.encode_template(
        L.SURFACE_BASIC_INFO,
        {
            "ap_info": bytes.fromhex("01030E01"),
            "key_id": key_id("7200001"),
            "version": b"\x01",
            "municipality": b"13101",
            "reserved": bytes(16) + b"\xff" * 256,
        },
    )
    _era, year = to_era(persona.birth_date)
    birth_key = f"{year:02d}{persona.birth_date:%m%d}"
    age = encode_long(
        0xFF10,
        encode_tlv(0xDF11, _yyyymmdd(persona.birth_date))
        + encode_tlv(0xDF12, rsa_public_key_tlvs(card_key))
        + encode_long(0xDF13, card_key.sign_sha256(_yyyymmdd(persona.birth_date))),
    )
    number_image = encode_long(
        0xFF40,
        encode_long(0xDF41, render_text_png(options.individual_number, width=320)) + encode_long(0xDF43, bytes(256)),
    )
    key(surface, "surface_birth", birth_key, L.SurfaceEF.BIRTH_KEY, 0x11, 10)
    key(surface, "surface_code_b", card.code_b.digits, L.SurfaceEF.CODE_B, 0x12, 10)
    key(surface, "surface_code_a", options.individual_number, L.SurfaceEF.CODE_A, 0x13, 10)
    surface.add_ef(L.SurfaceEF.AGE, age, sfi=0x01, read=Access.any_of("surface_birth"))
    surface.add_ef(
        L.SurfaceEF.FACE, _allocated(face, options.layout), sfi=0x02,
        read=Access.any_of("surface_code_a", "surface_code_b"),
    )  # fmt: skip
    surface.add_ef(L.SurfaceEF.BASIC_INFO, surface_basic, sfi=0x03)
    surface.add_ef(L.SurfaceEF.CERTIFICATE, surface_cvc, sfi=0x04)
    surface.add_ef(L.SurfaceEF.NUMBER_IMAGE, number_image, sfi=0x05, read=Access.any_of("surface_code_a"))
    chip_key = softcard_key("clone_chip_key") if options.clone else card_key
    surface.add_handler(Ins.COMPUTE_DIGITAL_SIGNATURE, _presence_handler(chip_key))

    # --- 共通AP ---
    common = card.add_df(L.COMMON_AID, name="common")
    serial = f"{int(hashlib.sha256(persona.name.encode()).hexdigest(), 16) % 10**15:015d}"
    common.add_record_ef(L.CommonEF.CARD_INFO, [b"\x01\x1c" + f"{serial}13101".encode() + _yyyymmdd(expiry)], sfi=0x01)
    key(common, "common_pin", options.text_pin, L.CommonEF.PIN, 0x1C, 3)
    return card


def _variant(options: MyNumberCardOptions) -> Callable[[Persona], SoftCard]:
    def build(persona: Persona) -> SoftCard:
        return build_mynumber_card(persona, options)

    return build


# Served by name (``serve --card mynumber``, the demo): the genuine card, three the desk must flag, and
# one with real-card layout quirks that must read valid.
register_card_builder("mynumber", build_mynumber_card)
register_card_builder("mynumber-altered", _variant(MyNumberCardOptions(tamper=frozenset({"surface_face"}))))
register_card_builder("mynumber-unknown-issuer", _variant(MyNumberCardOptions(rogue_issuers=True)))
register_card_builder("mynumber-clone", _variant(MyNumberCardOptions(clone=True)))
register_card_builder(
    "mynumber-layouts",
    _variant(MyNumberCardOptions(layout=frozenset({"extra_object", "large_file", "unknown_sex"}))),
)
