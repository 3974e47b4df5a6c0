"""第２世代在留カード等のソフトウェアカード — a software second-generation residence card (05) / SPR certificate (06).

Built to the public second-generation specification (cards.md §C.7) from a
:class:`~kyc_desk_testkit.softcard.persona.Persona`:

- MF: 共通データ要素 (``C0`` "0001") and カード種別 ``C1 02 30 35`` ("05") or "06"; the card-number key
  (no try counter: a mismatch answers 63 00 forever);
- card-number authentication with AES-128-CBC and AES-CMAC (8 bytes) and SM under the AES session key —
  the first generation's card-side SM (:class:`~.residence.ResidenceSecureMessaging`) with the generation-2
  suite, so SM READ BINARY answers ``86 82 15 91 01 <5520 bytes>`` for DF1/EF03 exactly as the spec's
  Appendix 2;
- DF1 (SM only): card number ``C2``, printed entries ``C5``–``CE`` (73 bytes; 46 for type 06), name image
  ``D0`` (TIFF/MMR, 2500) and face ``D1`` (JPEG 2000, 3000), address image ``DF D1`` (TIFF/MMR, 2500);
- DF2: permission fields and renewal (05 only), "other";
- DF3: ``DC`` the signature as 96 bytes r ‖ s (the spec example's ``DC 60``) and ``DD`` the certificate
  (ECDSA P-384) issued by the test CA2 (:func:`residence2_issuer_certificate`, the anchor tests install).

The signature covers printed-entry values (53 bytes; type 06's 34 ``00``-padded to 53) ‖ face value ‖ name
value — the desk's documented reading of the spec (UNCONFIRMED on real cards); it is computed here from
the values directly, not with the desk's code. ``tamper`` flips one byte after signing.

The keys below are P-384 **test** scalars generated once with
:func:`kyc_desk_testkit.softcard.ecdsa.generate_ec_key`; anything they sign is fake by construction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass
from functools import cache
from typing import Final, Literal

from asn1crypto import algos as asn1_algos
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509

from kyc_desk.cards.apdu import Ins
from kyc_desk.cards.apps.residence import layouts2
from kyc_desk.cards.apps.residence.auth import GENERATION_2
from kyc_desk.cards.apps.residence.layouts import DF1_AID, DF2_AID, DF3_AID, FILES
from kyc_desk.cards.tlv import encode_tlv
from kyc_desk_testkit.softcard.ecdsa import EcKey
from kyc_desk_testkit.softcard.engine import Access, SoftCard
from kyc_desk_testkit.softcard.persona import Persona
from kyc_desk_testkit.softcard.registry import register_card_builder
from kyc_desk_testkit.softcard.residence import (
    ATR,
    DEFAULT_CARD_NUMBER,
    KEY_NAME,
    ResidenceCardType,
    ResidenceSecureMessaging,
    _portrait,
    _read_binary_by_sm,
    _verify_by_sm,
)

Issuer = Literal["test", "rogue", "isa-named"]
Tamper = Literal["none", "face", "printed", "name", "signature"]

_KEYS: Final[dict[str, int]] = {
    "residence_ca2": int(
        "98bba49ff9bea32dcabbf2287e0fe6a662ffa459ceedf9e1f6dd0069e6da79e75bd893b86dca64c56a1acdc242235ac8", 16
    ),
    "residence2_signer": int(
        "93ebf0f3e3a5ff1b88e046151144174507f8625e68a5c4b98f1d80efac70b26891876ca6cc9ab30c4b738f6a2c498c74", 16
    ),
}
ISSUER_NAME: Final = "KYC Desk TEST Residence CA2 (not ISA)"
ROGUE_ISSUER_NAME: Final = "Rogue Residence CA2 (in no trust store)"
#: ISA's second-generation root's *name* (cards.md §C.8) on a test key: what a forged "ISA" file looks like,
#: and what the pinning tests inject a fingerprint for. Never one of ISA's published fingerprints.
ISA_NAMED_ISSUER: Final = "ZairyuCard CA2"
NOT_BEFORE: Final = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
NOT_AFTER: Final = dt.datetime(2039, 1, 1, tzinfo=dt.UTC)
#: DF3/EF01 holds at most 704 bytes: DC 60 <96> DD 82 xx xx <cert> 00…
SIGNATURE_FILE_SIZE: Final = 704


@cache
def test_ec_key(role: str) -> EcKey:
    """A committed test key: ``residence_ca2`` (the test CA2) or ``residence2_signer`` (card signatures)."""
    return EcKey(_KEYS[role])


def _name(common_name: str) -> asn1_x509.Name:
    return asn1_x509.Name.build(
        {"country_name": "JP", "organization_name": "KYC Desk TEST", "common_name": common_name}
    )


def _spki(key: EcKey) -> asn1_keys.PublicKeyInfo:
    return asn1_keys.PublicKeyInfo(
        {
            "algorithm": {
                "algorithm": "ec",
                "parameters": asn1_keys.ECDomainParameters(name="named", value="secp384r1"),
            },
            "public_key": key.public_point,
        }
    )


def _key_id(key: EcKey) -> bytes:
    return hashlib.sha1(key.public_point).digest()


def _certificate(subject: str, key: EcKey, issuer: str, issuer_key: EcKey, *, serial: int, ca: bool) -> bytes:
    extensions: list[dict[str, object]] = [
        {"extn_id": "basic_constraints", "critical": True, "extn_value": {"ca": ca}},
        {
            "extn_id": "key_usage",
            "critical": True,
            "extn_value": {"key_cert_sign", "crl_sign"} if ca else {"digital_signature"},
        },
        {"extn_id": "key_identifier", "critical": False, "extn_value": _key_id(key)},
        {
            "extn_id": "authority_key_identifier",
            "critical": False,
            "extn_value": {"key_identifier": _key_id(issuer_key)},
        },
    ]
    tbs = asn1_x509.TbsCertificate(
        {
            "version": "v3",
            "serial_number": serial,
            "signature": {"algorithm": "sha256_ecdsa"},
            "issuer": _name(issuer),
            "validity": {
                "not_before": asn1_x509.Time(name="utc_time", value=NOT_BEFORE),
                "not_after": asn1_x509.Time(name="utc_time", value=NOT_AFTER),
            },
            "subject": _name(subject),
            "subject_public_key_info": _spki(key),
            "extensions": extensions,
        }
    )
    r, s = issuer_key.sign_sha256(tbs.dump())
    cert = asn1_x509.Certificate(
        {
            "tbs_certificate": tbs,
            "signature_algorithm": {"algorithm": "sha256_ecdsa"},
            "signature_value": asn1_algos.DSASignature({"r": r, "s": s}).dump(),
        }
    )
    return bytes(cert.dump())


@cache
def residence2_issuer_certificate() -> bytes:
    """The test CA2's self-signed certificate (DER): the anchor tests and the demo install."""
    key = test_ec_key("residence_ca2")
    return _certificate(ISSUER_NAME, key, ISSUER_NAME, key, serial=1, ca=True)


@cache
def isa_named_issuer_certificate() -> bytes:
    """A self-signed root named exactly like ISA's "ZairyuCard CA2", on the test CA2 key (not ISA's)."""
    key = test_ec_key("residence_ca2")
    return _certificate(ISA_NAMED_ISSUER, key, ISA_NAMED_ISSUER, key, serial=5, ca=True)


@cache
def signer_certificate(issuer: Issuer = "test") -> bytes:
    """The certificate in ``DD``: the card-signing key, issued by the test CA2 (or self-issued, ``rogue``;
    or by :func:`isa_named_issuer_certificate`, ``isa-named``)."""
    signer = test_ec_key("residence2_signer")
    subject = "TEST Residence Card Signer 2"
    if issuer == "rogue":
        return _certificate(subject, signer, ROGUE_ISSUER_NAME, signer, serial=3, ca=False)
    if issuer == "isa-named":
        return _certificate(subject, signer, ISA_NAMED_ISSUER, test_ec_key("residence_ca2"), serial=6, ca=False)
    return _certificate(subject, signer, ISSUER_NAME, test_ec_key("residence_ca2"), serial=2, ca=False)


# --- card contents --------------------------------------------------------------------------------------------


def _text_tiff(lines: tuple[str, ...], size: tuple[int, int], max_bytes: int) -> bytes:
    """A bilevel TIFF with MMR (Group 4) compression of Latin text lines (Pillow's font has no kanji)."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("1", size, 1)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=22)
    for row, text in enumerate(lines):
        draw.text((10, 8 + row * 30), text.encode("ascii", "replace").decode("ascii"), font=font, fill=0)
    out = io.BytesIO()
    image.save(out, format="TIFF", compression="group4")
    data = out.getvalue()
    if len(data) > max_bytes:
        raise ValueError(f"the image takes {len(data)} bytes, more than {max_bytes}")
    return data


def name_image_tiff(persona: Persona) -> bytes:
    """氏名イメージ: the name as the card prints it (Latin letters; katakana replaced for want of a font)."""
    name = persona.name if persona.name.isascii() else persona.extras.get("name_latin", "SUZUKI JIRO")
    return _text_tiff(("NAME", name), (480, 72), layouts2.NAME_IMAGE_SIZE)


def address_image_tiff(persona: Persona) -> bytes:
    """住居地イメージ (Latin text: the persona's romanised address, or a fixed test one)."""
    address = persona.extras.get("address_latin", "1 NIHON-ODORI, NAKA-KU, YOKOHAMA-SHI, KANAGAWA")
    return _text_tiff(("ADDRESS", address), (640, 72), layouts2.ADDRESS_IMAGE_SIZE)


def _padded(data: bytes, size: int) -> bytes:
    if len(data) > size:
        raise ValueError(f"{len(data)} bytes do not fit in {size}")
    return data + bytes(size - len(data))


def printed_entries(persona: Persona, card_type: ResidenceCardType) -> list[tuple[int, bytes]]:
    """DF1/EF02's objects in file order: ten for the 在留カード (53 value bytes), six for the certificate (34)."""
    sex = {"male": b"1", "female": b"2"}.get(persona.sex, b"3")
    entries = [
        (0xC5, b"20310315"),  # card expiry
        (0xC6, persona.birth_date.strftime("%Y%m%d").encode("ascii")),
        (0xC7, sex),
        (0xC8, persona.extras.get("nationality_code", "USA").encode("ascii")),
        (0xC9, persona.extras.get("status_code", "0000000010").encode("ascii")),
        (0xCE, b"0503" if card_type == "residence_card" else b"0000"),  # 5 years 3 months; 0000 indefinite
    ]
    if card_type == "residence_card":
        entries += [(0xCA, b"01"), (0xCB, b"20260301"), (0xCC, b"2"), (0xCD, b"20310315")]
    return entries


@dataclass(frozen=True)
class Residence2Contents:
    """What the card holds, as built (tests compare the reading with it)."""

    card_number: str
    card_type: ResidenceCardType
    printed: bytes  # the values, concatenated, as signed (before padding to 53)
    name_value: bytes
    face_value: bytes
    address_value: bytes
    signature: bytes
    certificate: bytes


def build_residence2_card(
    persona: Persona,
    *,
    card_type: ResidenceCardType = "residence_card",
    card_number: str | None = None,
    issuer: Issuer = "test",
    tamper: Tamper = "none",
    extended_length: bool = True,
    under_16: bool = False,
) -> tuple[SoftCard, Residence2Contents]:
    """A second-generation software card for ``persona`` and what it holds (module docstring).

    ``under_16``: a holder under 16 — no face image and an empty DF3 (no signature, as the first generation's
    under-16 cards carry no check code; the second generation's exact form is UNCONFIRMED).
    """
    number = card_number or persona.extras.get("residence_card_number", DEFAULT_CARD_NUMBER)
    entries = printed_entries(persona, card_type)
    name_value = _padded(name_image_tiff(persona), layouts2.NAME_IMAGE_SIZE)
    face_value = _padded(_portrait(persona.photo), layouts2.PHOTO_SIZE)
    address_value = _padded(address_image_tiff(persona), layouts2.ADDRESS_IMAGE_SIZE)
    printed = b"".join(value for _, value in entries)
    signed = printed + bytes(layouts2.PRINTED_ENTRIES_SIGNED_SIZE - len(printed)) + face_value + name_value
    signature = test_ec_key("residence2_signer").sign_raw(signed)
    certificate = signer_certificate(issuer)

    def flip(data: bytes, at: int) -> bytes:
        return data[:at] + bytes((data[at] ^ 0x01,)) + data[at + 1 :]

    if tamper == "face":
        face_value = flip(face_value, 200)
    elif tamper == "name":
        name_value = flip(name_value, 60)
    elif tamper == "printed":
        entries[1] = (entries[1][0], flip(entries[1][1], 7))  # birth date, last digit
    elif tamper == "signature":
        signature = flip(signature, 95)

    card = SoftCard(name=f"{card_type}-2", atr=ATR, extended_length=extended_length)
    sm = ResidenceSecureMessaging(number, GENERATION_2)
    card.secure_messaging = sm
    card.add_handler(Ins.MUTUAL_AUTHENTICATE, sm.mutual_authenticate)
    card.add_handler(Ins.VERIFY, _verify_by_sm)
    opened = Access.any_of(KEY_NAME)

    mf = card.mf
    mf.add_ef(None, encode_tlv(0xC0, b"0001"), sfi=FILES["common"].sfi, name="common")
    mf.add_ef(None, encode_tlv(0xC1, b"05" if card_type == "residence_card" else b"06"), sfi=FILES["card_type"].sfi)
    mf.add_key(KEY_NAME, secret=number.encode("ascii"), sfi=0x06, max_tries=None)

    files = layouts2.FILES
    df1 = card.add_df(DF1_AID, name="DF1")
    df1.add_handler(Ins.READ_BINARY, _read_binary_by_sm)
    df1.add_ef(None, encode_tlv(0xC2, number.encode("ascii")), sfi=files["card_number"].sfi, read=opened)
    printed_file = b"".join(encode_tlv(tag, value) for tag, value in entries)
    df1.add_ef(None, printed_file, sfi=files["printed_entries"].sfi, read=opened)
    name_face = encode_tlv(0xD0, name_value) + (b"" if under_16 else encode_tlv(0xD1, face_value))
    df1.add_ef(None, name_face, sfi=files["name_face"].sfi, read=opened)
    df1.add_ef(None, encode_tlv(0xDFD1, address_value), sfi=files["address_image"].sfi, read=opened)

    df2 = card.add_df(DF2_AID, name="DF2")
    if card_type == "residence_card":
        permission = encode_tlv(0xD5, b"1" + bytes(6)) + encode_tlv(0xD6, bytes(8)) + encode_tlv(0xD7, b"0")
        df2.add_ef(None, permission, sfi=files["permission"].sfi, read=opened)
        df2.add_ef(None, encode_tlv(0xD8, b"0"), sfi=files["application"].sfi, read=opened)
    other = encode_tlv(0xD9, b"0") + bytes.fromhex("DE 82 00 C8") + bytes(200)  # 207 bytes, as the spec sizes it
    df2.add_ef(None, other, sfi=files["other"].sfi, read=opened)

    df3 = card.add_df(DF3_AID, name="DF3")
    signature_file = (
        bytes(SIGNATURE_FILE_SIZE)
        if under_16
        else _padded(encode_tlv(0xDC, signature) + encode_tlv(0xDD, certificate), SIGNATURE_FILE_SIZE)
    )
    df3.add_ef(None, signature_file, sfi=files["signature"].sfi, read=opened)
    return card, Residence2Contents(
        number, card_type, printed, name_value, face_value, address_value, signature, certificate
    )


register_card_builder("residence_card-2", lambda persona: build_residence2_card(persona)[0])
register_card_builder(
    "special_permanent_resident-2",
    lambda persona: build_residence2_card(persona, card_type="special_permanent_resident")[0],
)
register_card_builder("residence_card-2-altered", lambda persona: build_residence2_card(persona, tamper="face")[0])
