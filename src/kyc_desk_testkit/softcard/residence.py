"""在留カード等のソフトウェアカード — a software residence card / special permanent resident certificate.

Built to the public specification (cards.md §C) from a :class:`~kyc_desk_testkit.softcard.persona.Persona`:

- MF: 共通データ要素 (``C0`` "0001") and カード種別 (``C1``), free; the card-number key (short id 6,
  no try counter: a mismatch answers 63 00 forever);
- card-number authentication: GET CHALLENGE (the engine's), MUTUAL AUTHENTICATE and secure messaging
  (:class:`ResidenceSecureMessaging`, plugged into the engine's SM hook), using the desk's own SM
  primitives — the same bytes the official worked example checks;
- DF1: the front image (a bilevel TIFF with MMR/Group 4 compression rendering the persona's Latin
  fields) and the colour JPEG 2000 photo, both ``00``-padded and readable only through SM;
- DF2: the address on the back, the permission fields and the renewal flag (在留カード only);
- DF3: the check code — RSA over the bare SHA-256 of D0 ‖ D1 values with PKCS#1 v1.5 type-1 padding
  and no DigestInfo (§C.5) — and the X.509 certificate of the signing key, issued by a test issuer
  (:func:`residence_issuer_certificate`, the trust anchor tests configure). ``issuer="rogue"`` signs
  with a key whose certificate no anchor vouches for; ``tamper`` flips bytes after signing.

What a real card does and this one guesses (UNCONFIRMED in the specification): the status word a failed
MUTUAL AUTHENTICATE answers (here 63 00, like a failed VERIFY), the certificate's issuer and profile, and
the ATR beyond its application data ``00 00 00 00``.

The keys below are public RSA-2048 **test** keys, generated once with
:func:`kyc_desk_testkit.softcard.rsa.generate_rsa_key`; anything they sign is fake by construction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final, Literal

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509

from kyc_desk.cards.apdu import CommandApdu, Ins, ResponseApdu
from kyc_desk.cards.apps.residence import _sm
from kyc_desk.cards.apps.residence.auth import (
    CLA_SM,
    GENERATION_1,
    PADDING_INDICATOR,
    TAG_CRYPTOGRAM,
    TAG_LE,
    SmSuite,
)
from kyc_desk.cards.apps.residence.layouts import (
    DF1_AID,
    DF2_AID,
    DF3_AID,
    FILES,
    FRONT_IMAGE_SIZE,
    PHOTO_SIZE,
)
from kyc_desk.cards.errors import MalformedData
from kyc_desk.cards.tlv import encode_simple, encode_tlv, find, parse_ber
from kyc_desk_testkit.softcard.engine import Access, CardStatus, SoftCard, TransparentEF
from kyc_desk_testkit.softcard.persona import Persona
from kyc_desk_testkit.softcard.portrait import card_portrait
from kyc_desk_testkit.softcard.registry import register_card_builder
from kyc_desk_testkit.softcard.rsa import RsaKey
from kyc_desk_testkit.softcard.test_keys import softcard_key

ResidenceCardType = Literal["residence_card", "special_permanent_resident"]
Issuer = Literal["test", "rogue", "renewed"]

#: Type B ATR as PC/SC synthesises it, application data 00 00 00 00 (§E.1); protocol bytes are a guess.
ATR: Final = bytes.fromhex("3B888001000000007781810060")
DEFAULT_CARD_NUMBER: Final = "AB12345678CD"
#: The status word this card answers to a failed MUTUAL AUTHENTICATE (UNCONFIRMED on real cards).
MUTUAL_AUTH_FAILED_SW: Final = 0x6300
KEY_NAME: Final = "card_number"

_KEYS: Final[dict[str, tuple[str, str]]] = {
    "residence_ca": (
        (
            "fb5cce25c70cf0cc353bce9f93278b9328116a14507abd78554b3b33a9c79ba69f787295eb24628c64bedad81c97b2a1cb3d"
            "1f929159d0ad9fcadf9729e06e522944bfd1a9c53ac9cc3ea71a3cc6c0fd5d20a2b510e1a6739129b8c2b011f340002000d1"
            "ad2b82d9a8867b871f52a98ba9605a4c1aaea2b2f9c93012bb908487"
        ),
        (
            "e4d6c08aef80ae00121d16f90703542f0a5145252449ec826f84a71436a63119ee2c3a53dd9a6c8baa9b2379c2c1168e8742"
            "61e180ccb7b1c1b31cc2cbd1701f4e9c26b0f818283c479f0ef9fc58a5692d00a471c7f566aed956de366f94f1d41c92dd62"
            "9575f25fc14f3183b7d73372ea4d35a80dc1b1483eb25886a13915db"
        ),
    ),
    "residence_signer": (
        (
            "f8767548a213d1d52009a9261b0e2614c0c46a9e9742e3f2526085c95bd263ab47ebd80168216458635564b6f17761f37d73"
            "dd920c101dde6b3f9227db303cc1fdea9ad8bc3e1702d3663443a3da0d471c9068634d14b067f36f73b518fafaec6b795500"
            "976226d243fc3dd4d8c32803e193ebf1dbb1825bf041a3ce9057a0d1"
        ),
        (
            "d60c6885651cdb924c317cbe3c5fd2613abbf22de9882d745663b1fd4e3587b161c6c926014a190cbc0c7d3c8b145c28f86d"
            "64a264ab2ff54c17094563e4b634dc431db1d40eeb89ea34149fa83a4065cf1bf58600fb6104575e8d563f232faca8dee49f"
            "9906a1c517bbcc889cc6265cd11a81d5bb1329451593eefe91469d63"
        ),
    ),
}
ISSUER_NAME: Final = "KYC Desk TEST Residence Card Issuer (not the Immigration Services Agency)"
ROGUE_ISSUER_NAME: Final = "Rogue Residence Card Issuer (unknown to every trust store)"
ISSUER_NOT_BEFORE: Final = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
ISSUER_NOT_AFTER: Final = dt.datetime(2044, 1, 1, tzinfo=dt.UTC)


@cache
def test_key(role: str) -> RsaKey:
    """A committed test key: ``residence_ca`` (the test issuer) or ``residence_signer`` (check codes)."""
    p_hex, q_hex = _KEYS[role]
    return RsaKey(int(p_hex, 16), int(q_hex, 16))


def _name(common_name: str) -> asn1_x509.Name:
    return asn1_x509.Name.build(
        {"country_name": "JP", "organization_name": "KYC Desk TEST", "common_name": common_name}
    )


def _certificate(subject: str, key: RsaKey, issuer: str, issuer_key: RsaKey, *, serial: int, ca: bool) -> bytes:
    tbs = asn1_x509.TbsCertificate(
        {
            "version": "v3",
            "serial_number": serial,
            "signature": {"algorithm": "sha256_rsa"},
            "issuer": _name(issuer),
            "validity": {
                "not_before": asn1_x509.Time(name="utc_time", value=ISSUER_NOT_BEFORE),
                "not_after": asn1_x509.Time(name="utc_time", value=ISSUER_NOT_AFTER),
            },
            "subject": _name(subject),
            "subject_public_key_info": asn1_keys.PublicKeyInfo(
                {
                    "algorithm": {"algorithm": "rsa"},
                    "public_key": asn1_keys.RSAPublicKey({"modulus": key.n, "public_exponent": key.e}),
                }
            ),
            "extensions": [
                {"extn_id": "basic_constraints", "critical": True, "extn_value": {"ca": ca}},
                {
                    "extn_id": "key_usage",
                    "critical": True,
                    "extn_value": {"key_cert_sign", "crl_sign"} if ca else {"digital_signature"},
                },
            ],
        }
    )
    cert = asn1_x509.Certificate(
        {
            "tbs_certificate": tbs,
            "signature_algorithm": {"algorithm": "sha256_rsa"},
            "signature_value": issuer_key.sign_sha256(tbs.dump()),
        }
    )
    return bytes(cert.dump())


@cache
def residence_issuer_certificate() -> bytes:
    """The test issuer's self-signed certificate (DER): the trust anchor tests and the demo configure."""
    key = test_key("residence_ca")
    return _certificate(ISSUER_NAME, key, ISSUER_NAME, key, serial=1, ca=True)


@cache
def signer_certificate(issuer: Issuer = "test") -> bytes:
    """The certificate the card carries in ``DB``: the check-code key, issued by the test or a rogue issuer.

    The rogue certificate is self-issued under another issuer name: no trust anchor vouches for it, so
    the desk must say "unknown issuer" even though its key matches the check code. The ``renewed`` one
    carries the test issuer's *name* but is signed by another key (an issuer that renewed its key, whose
    new generation is not installed): "unknown issuer" too, never "altered".
    """
    signer = test_key("residence_signer")
    subject = "KYC Desk TEST Residence Card Check Code"
    if issuer == "rogue":
        return _certificate(subject, signer, ROGUE_ISSUER_NAME, signer, serial=3, ca=False)
    if issuer == "renewed":
        return _certificate(subject, signer, ISSUER_NAME, softcard_key("rogue_ca"), serial=4, ca=False)
    return _certificate(subject, signer, ISSUER_NAME, test_key("residence_ca"), serial=2, ca=False)


# --- card contents --------------------------------------------------------------------------------------------


@cache
def _portrait(photo: Path) -> bytes:
    """The chip photo for ``photo`` (cached: face detection takes about half a second)."""
    return card_portrait(photo, colour=True, size=(120, 160), max_bytes=PHOTO_SIZE)


def front_image_tiff(persona: Persona, card_number: str, card_type: ResidenceCardType) -> bytes:
    """The card face's variable print as a bilevel TIFF with MMR (CCITT Group 4) compression.

    Latin text only (Pillow's bundled font has no kanji): the fields a real card prints in Latin letters
    and digits.
    """
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("1", (640, 404), 1)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=22)
    title = "RESIDENCE CARD" if card_type == "residence_card" else "SPECIAL PERMANENT RESIDENT CERTIFICATE"
    sex = {"male": "M", "female": "F"}.get(persona.sex, "-")
    lines = (
        title,
        f"No. {card_number}",
        f"NAME {persona.name if persona.name.isascii() else persona.name_kana}",
        f"DATE OF BIRTH {persona.birth_date:%Y-%m-%d}   SEX {sex}",
        "NATIONALITY/REGION " + persona.extras.get("nationality_latin", "-"),
        "STATUS " + persona.extras.get("status_latin", "Permanent Resident"),
        "PERIOD OF STAY (DATE OF EXPIRATION) " + persona.extras.get("stay_expiry", "2031-03-15"),
    )
    for row, text in enumerate(lines):
        draw.text((16, 14 + row * 52), text.encode("ascii", "replace").decode("ascii"), font=font, fill=0)
    out = io.BytesIO()
    image.save(out, format="TIFF", compression="group4")
    return out.getvalue()


def _padded(data: bytes, size: int) -> bytes:
    if len(data) > size:
        raise ValueError(f"{len(data)} bytes do not fit in {size}")
    return data + bytes(size - len(data))


def _object(tag: int, value: bytes, size: int) -> bytes:
    """A fixed-size data object: the value ``00``-padded to its maximum length (§C.3)."""
    return encode_simple(tag, _padded(value, size))


def check_code(front_value: bytes, photo_value: bytes) -> bytes:
    """RSA-2048 over the bare SHA-256 of D0 ‖ D1 values, PKCS#1 v1.5 type-1 padding, no DigestInfo."""
    return test_key("residence_signer").sign_block(hashlib.sha256(front_value + photo_value).digest())


# --- secure messaging -------------------------------------------------------------------------------------------


class ResidenceSecureMessaging:
    """The card side of card-number authentication and SM (the engine's ``secure_messaging`` hook).

    ``suite``: the generation's cipher and MAC (3DES/Retail MAC, or AES/CMAC for the second generation).
    """

    def __init__(self, card_number: str, suite: SmSuite = GENERATION_1) -> None:
        self._key = _sm.card_number_key(card_number)
        self._suite = suite
        self.ks_enc: bytes | None = None

    def reset(self) -> None:
        """Session keys are cleared on deactivation."""
        self.ks_enc = None

    def mutual_authenticate(self, card: SoftCard, command: CommandApdu) -> ResponseApdu:
        """``00 82 00 00 28 <E_IFD ‖ M_IFD> 00`` → E_ICC ‖ M_ICC, after GET CHALLENGE."""
        self.ks_enc = None
        challenge, card.last_challenge = card.last_challenge, None  # one use only
        if command.cla != 0x00:
            raise CardStatus(0x6E00)
        if len(command.data) != 40:
            raise CardStatus(0x6700)
        if challenge is None or len(challenge) != 8:
            raise CardStatus(0x6985)  # no GET CHALLENGE before: conditions of use not satisfied
        e_ifd, m_ifd = command.data[:32], command.data[32:]
        if self._suite.mac(self._key, e_ifd) != m_ifd:
            raise CardStatus(MUTUAL_AUTH_FAILED_SW)
        plain = self._suite.decrypt(self._key, e_ifd)
        if plain[8:16] != challenge:
            raise CardStatus(MUTUAL_AUTH_FAILED_SW)
        k_icc = os.urandom(16)
        e_icc = self._suite.encrypt(self._key, challenge + plain[:8] + k_icc)
        self.ks_enc = _sm.session_key(plain[16:32], k_icc)
        return ResponseApdu.status(0x9000, e_icc + self._suite.mac(self._key, e_icc))

    def unwrap(self, card: SoftCard, command: CommandApdu) -> CommandApdu:
        """The plain command inside an SM command; it keeps CLA 08 so handlers know it came by SM."""
        if self.ks_enc is None or command.cla != CLA_SM:
            raise CardStatus(0x6988)
        try:
            objects = parse_ber(command.data)
        except MalformedData:
            raise CardStatus(0x6988) from None
        if command.ins == Ins.VERIFY:
            obj = find(objects, TAG_CRYPTOGRAM)
            if obj is None or len(obj.value) < 1 + self._suite.block or obj.value[0] != PADDING_INDICATOR:
                raise CardStatus(0x6987)
            try:
                secret = self._suite.unpad(self._suite.decrypt(self.ks_enc, obj.value[1:]))
            except ValueError:
                raise CardStatus(0x6988) from None
            return CommandApdu(CLA_SM, command.ins, command.p1, command.p2, secret)
        if command.ins == Ins.READ_BINARY:
            obj = find(objects, TAG_LE)
            if obj is None or len(obj.value) != 2:
                raise CardStatus(0x6987)
            return CommandApdu(
                CLA_SM, command.ins, command.p1, command.p2, le=int.from_bytes(obj.value, "big") or 65536
            )
        raise CardStatus(0x6988)

    def wrap(self, card: SoftCard, command: CommandApdu, response: ResponseApdu) -> ResponseApdu:
        """Encrypt READ BINARY data as ``86 L 01 ‖ E(KSenc, data ‖ 80 00…)``; status words go in clear."""
        if command.ins != Ins.READ_BINARY or not response.sw.is_success or self.ks_enc is None:
            return response
        cryptogram = self._suite.encrypt(self.ks_enc, self._suite.pad(response.data))
        return ResponseApdu(encode_tlv(TAG_CRYPTOGRAM, bytes((PADDING_INDICATOR,)) + cryptogram), response.sw)


def _verify_by_sm(card: SoftCard, command: CommandApdu) -> ResponseApdu:
    """VERIFY of the card number: only under SM (CLA 08), P2 86; 63 00 on a mismatch, no counter."""
    if command.cla != CLA_SM:
        raise CardStatus(0x6982)
    if command.p1 != 0x00 or command.p2 != 0x86:
        raise CardStatus(0x6A86)
    if not command.data:
        raise CardStatus(0x6700)
    key = card.key(KEY_NAME)
    match = command.data == key.secret
    card.set_verified(KEY_NAME, match)  # each VERIFY overwrites the authentication state
    if not match:
        raise CardStatus(0x6300)
    return ResponseApdu.status(0x9000)


def _read_binary_by_sm(card: SoftCard, command: CommandApdu) -> ResponseApdu:
    """READ BINARY in DF1: only under SM, only after the card number; by short EF id (which makes the EF
    current) or — for chunked reads, as ISO 7816-4 allows (UNCONFIRMED on real cards) — by a 15-bit
    offset into the current EF."""
    if command.cla != CLA_SM:
        raise CardStatus(0x6982)
    by_sfi = bool(command.p1 & 0x80)
    ef = card.find_file(command.p1 & 0x1F) if by_sfi else card.current_ef
    offset = command.p2 if by_sfi else (command.p1 << 8) | command.p2
    if ef is None:
        raise CardStatus(0x6986)  # no current EF
    if not isinstance(ef, TransparentEF):
        raise CardStatus(0x6981)
    card.require(ef.read)
    card.current_ef = ef
    data = ef.data
    if offset >= len(data):
        raise CardStatus(0x6B00)
    return ResponseApdu.status(0x9000, data[offset : offset + (command.le or 0)])


# --- the builder ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResidenceCardContents:
    """The values of every data object, as built (tests compare the reading with them)."""

    card_number: str
    card_type: ResidenceCardType
    front_value: bytes
    photo_value: bytes
    check_code: bytes
    certificate: bytes


def build_residence_card(
    persona: Persona,
    *,
    card_type: ResidenceCardType = "residence_card",
    card_number: str | None = None,
    issuer: Issuer = "test",
    tamper: Literal["none", "front", "photo", "check_code"] = "none",
    extended_length: bool = True,
    renewal_applied: bool = False,
    comprehensive_permission: str = "許可：原則週28時間以内・風俗営業等の従事を除く",
    individual_permission: str = "",
    address_entry: tuple[dt.date, str] | None = None,
    under_16: bool = False,
    card_type_code: bytes | None = None,
) -> tuple[SoftCard, ResidenceCardContents]:
    """A software card for ``persona`` and what it holds.

    ``card_type_code`` overrides カード種別 (e.g. ``b"05"``, a second-generation type, to test that the desk
    refuses what it cannot read before sending anything).
    ``address_entry``: (date written, municipality code) of an address written on the back; the address
    is the persona's. ``extended_length=False`` gives a card behind a reader path that answers 6700 to
    extended APDUs. ``under_16``: a holder under 16 — no photo, and DF3 holds ``DA 00 DB 00`` (§C.3).
    """
    number = card_number or persona.extras.get("residence_card_number", DEFAULT_CARD_NUMBER)
    front_value = _padded(front_image_tiff(persona, number, card_type), FRONT_IMAGE_SIZE)
    photo_value = _padded(_portrait(persona.photo), PHOTO_SIZE)
    code = check_code(front_value, photo_value)
    certificate = signer_certificate(issuer)
    if tamper == "front":
        front_value = front_value[:100] + bytes((front_value[100] ^ 0x01,)) + front_value[101:]
    elif tamper == "photo":
        photo_value = photo_value[:200] + bytes((photo_value[200] ^ 0x01,)) + photo_value[201:]
    elif tamper == "check_code":
        code = code[:-1] + bytes((code[-1] ^ 0x01,))

    card = SoftCard(name=card_type, atr=ATR, extended_length=extended_length)
    sm = ResidenceSecureMessaging(number)
    card.secure_messaging = sm
    card.add_handler(Ins.MUTUAL_AUTHENTICATE, sm.mutual_authenticate)
    card.add_handler(Ins.VERIFY, _verify_by_sm)
    opened = Access.any_of(KEY_NAME)

    mf = card.mf
    mf.add_ef(None, encode_simple(0xC0, b"0001"), sfi=FILES["common"].sfi, name="common")
    type_code = card_type_code or (b"1" if card_type == "residence_card" else b"2")
    mf.add_ef(None, encode_simple(0xC1, type_code), sfi=FILES["card_type"].sfi)
    mf.add_key(KEY_NAME, secret=number.encode("ascii"), sfi=0x06, max_tries=None)

    df1 = card.add_df(DF1_AID, name="DF1")
    df1.add_handler(Ins.READ_BINARY, _read_binary_by_sm)
    df1.add_ef(None, encode_simple(0xD0, front_value), sfi=FILES["front_image"].sfi, read=opened)
    photo_file = bytes(3004) if under_16 else encode_simple(0xD1, photo_value)
    df1.add_ef(None, photo_file, sfi=FILES["photo"].sfi, read=opened)

    df2 = card.add_df(DF2_AID, name="DF2")
    if address_entry is not None:
        day, code_6 = address_entry
        address = (
            _object(0xD2, day.strftime("%Y%m%d").encode("ascii"), 8)
            + _object(0xD3, code_6.encode("ascii"), 6)
            + _object(0xD4, persona.address.encode("utf-8"), 320)
        )
    else:
        address = bytes(342)
    df2.add_ef(None, address, sfi=FILES["address"].sfi, read=opened)
    if card_type == "residence_card":
        for name, tag, text in (
            ("comprehensive_permission", 0xD5, comprehensive_permission),
            ("individual_permission", 0xD6, individual_permission),
        ):
            value = _object(tag, text.encode("utf-8"), 120) if text else bytes(122)
            df2.add_ef(None, value, sfi=FILES[name].sfi, read=opened)
        df2.add_ef(None, encode_simple(0xD7, b"1" if renewal_applied else b"0"), sfi=FILES["renewal"].sfi, read=opened)

    df3 = card.add_df(DF3_AID, name="DF3")
    signature_file = (
        _padded(b"\xda\x00\xdb\x00", 1464) if under_16 else encode_simple(0xDA, code) + _object(0xDB, certificate, 1200)
    )
    df3.add_ef(None, signature_file, sfi=FILES["check_code"].sfi, read=opened)
    return card, ResidenceCardContents(number, card_type, front_value, photo_value, code, certificate)


def _build_residence_card(persona: Persona) -> SoftCard:
    return build_residence_card(persona, card_type="residence_card")[0]


def _build_special_permanent_resident(persona: Persona) -> SoftCard:
    return build_residence_card(persona, card_type="special_permanent_resident")[0]


register_card_builder("residence_card", _build_residence_card)
register_card_builder("special_permanent_resident", _build_special_permanent_resident)
#: Variants for the demo and the UI's tests: altered front image, unknown issuer, a short-APDU-only path.
register_card_builder("residence_card-altered", lambda persona: build_residence_card(persona, tamper="front")[0])
register_card_builder("residence_card-unknown-issuer", lambda persona: build_residence_card(persona, issuer="rogue")[0])
register_card_builder(
    "residence_card-renewed-issuer", lambda persona: build_residence_card(persona, issuer="renewed")[0]
)
register_card_builder(
    "residence_card-no-extended-length", lambda persona: build_residence_card(persona, extended_length=False)[0]
)
