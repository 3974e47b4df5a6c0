"""A test PKI for software My Number cards: JPKI-like CAs, end-entity certificates and CVCs.

It issues what a real card carries, with the shapes of cards.md §A.6 and §A.3.2, from the fixed test
keys of :mod:`kyc_desk_testkit.softcard.test_keys`:

- self-signed CA certificates with the JPKI DNs (``C=JP, O=JPKI, OU=JPKI for digital signature, OU=Japan
  Agency for Local Authority Information Systems``), KeyUsage keyCertSign+cRLSign, BasicConstraints CA,
  SAN DirName ``C=JP/O=公的個人認証サービス``, SubjectKeyIdentifier;
- end-entity certificates ``C=JP, CN=<23-character id>`` with critical KeyUsage, IssuerAltName, the
  certificate policy, AuthorityKeyIdentifier, and — on the signature certificate — the subjectAltName
  otherNames with the four items (UTF8String inside ``[0] EXPLICIT``);
- card-verifiable certificates (EF 0004): ``7F21 { 5F4E <issuer id 16, subject id 16, 90 e, 91 n>,
  5F37 <PKCS#1 v1.5 SHA-256 signature over the 5F4E value> }``.

Certificates are built with asn1crypto and signed with :mod:`kyc_desk_testkit.softcard.rsa`. The *rogue*
issuers have the same names as the real test ones but other keys: their cards are "signed by an unknown
issuer" for the desk.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final, Literal

from asn1crypto import core as asn1_core
from asn1crypto import keys as asn1_keys
from asn1crypto import pem as asn1_pem
from asn1crypto import x509 as asn1_x509

from kyc_desk.cards.apps.mynumber import layouts as L
from kyc_desk.cards.tlv import encode_tlv
from kyc_desk_testkit.softcard.rsa import RsaKey
from kyc_desk_testkit.softcard.test_keys import softcard_key

CertKind = Literal["sign", "auth"]

#: Validity of the test CAs (like the 2023 generation: ten years).
CA_NOT_BEFORE: Final = dt.datetime(2023, 7, 16, tzinfo=dt.UTC)
CA_NOT_AFTER: Final = dt.datetime(2033, 7, 15, 14, 59, 59, tzinfo=dt.UTC)

#: Test key ids (7 digits, 08 05, 3 digits, 4 zero bytes); production ids are 5000033/5000023.
TEXT_ISSUER_ID: Final = "6999033"
SURFACE_ISSUER_ID: Final = "6999023"
ROGUE_ISSUER_SUFFIX: Final = "999"


def key_id(seven: str, three: str = "001") -> bytes:
    """A 16-byte CVC key id in the observed format: 7 ASCII digits, ``08 05``, 3 ASCII digits, 4 × 00."""
    if len(seven) != 7 or len(three) != 3:
        raise ValueError("key ids have 7 and 3 digits")
    return seven.encode("ascii") + b"\x08\x05" + three.encode("ascii") + bytes(4)


def rsa_public_key_tlvs(key: RsaKey) -> bytes:
    """``90 03 01 00 01 91 82 01 00 <modulus>`` — the RSA key as the CVC body and the card face hold it."""
    return encode_tlv(L.RSA_EXPONENT_TAG, key.e.to_bytes(3, "big")) + encode_tlv(L.RSA_MODULUS_TAG, key.modulus_bytes())


def issue_cvc(issuer_id: bytes, issuer: RsaKey, subject_id: bytes, subject: RsaKey) -> bytes:
    """A card-verifiable certificate (568 bytes for RSA-2048) binding ``subject_id`` to ``subject``."""
    body = issuer_id + subject_id + rsa_public_key_tlvs(subject)
    signature = issuer.sign_sha256(body)
    inner = encode_long(L.CVC_BODY_TAG, body) + encode_long(L.CVC_SIGNATURE_TAG, signature)
    return encode_long(L.CVC_TAG, inner)


def encode_long(tag: int, value: bytes) -> bytes:
    """A TLV with the ``82 xx xx`` length form, as the card writes its certificates and signatures."""
    return tag.to_bytes(2, "big") + b"\x82" + len(value).to_bytes(2, "big") + value


# --- X.509 ----------------------------------------------------------------------------------------------


def _name(*attributes: tuple[str, str]) -> asn1_x509.Name:
    rdns = []
    for attr, value in attributes:
        if attr == "country_name":
            typed: asn1_core.Asn1Value = asn1_core.PrintableString(value)
        elif value.isascii():
            typed = asn1_x509.DirectoryString(name="printable_string", value=value)
        else:
            typed = asn1_x509.DirectoryString(name="utf8_string", value=value)
        rdns.append(asn1_x509.RelativeDistinguishedName([asn1_x509.NameTypeAndValue({"type": attr, "value": typed})]))
    return asn1_x509.Name(name="", value=asn1_x509.RDNSequence(rdns))


def ca_name(kind: CertKind) -> asn1_x509.Name:
    """The JPKI CA DN of §A.6 (the same for every generation, real or test)."""
    ou = L.JPKI_SIGN_CA_OU if kind == "sign" else L.JPKI_AUTH_CA_OU
    return _name(
        ("country_name", "JP"),
        ("organization_name", "JPKI"),
        ("organizational_unit_name", ou),
        ("organizational_unit_name", L.JPKI_AGENCY_OU),
    )


def _org_dirname() -> asn1_x509.GeneralName:
    return asn1_x509.GeneralName(
        name="directory_name", value=_name(("country_name", "JP"), ("organization_name", L.JPKI_ORG_JA))
    )


def _spki(key: RsaKey) -> asn1_keys.PublicKeyInfo:
    return asn1_keys.PublicKeyInfo(
        {
            "algorithm": {"algorithm": "rsa"},
            "public_key": asn1_keys.RSAPublicKey({"modulus": key.n, "public_exponent": key.e}),
        }
    )


def subject_key_id(key: RsaKey) -> bytes:
    """RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits."""
    return hashlib.sha1(_spki(key)["public_key"].contents[1:]).digest()


def _time(moment: dt.datetime) -> asn1_x509.Time:
    return asn1_x509.Time(name="utc_time" if moment.year < 2050 else "general_time", value=moment)


def _extension(extn_id: str, value: object, *, critical: bool = False) -> dict[str, object]:
    return {"extn_id": extn_id, "critical": critical, "extn_value": value}


def _sign_certificate(tbs: asn1_x509.TbsCertificate, issuer: RsaKey) -> bytes:
    signature = issuer.sign_sha256(tbs.dump())
    cert = asn1_x509.Certificate(
        {"tbs_certificate": tbs, "signature_algorithm": {"algorithm": "sha256_rsa"}, "signature_value": signature}
    )
    return bytes(cert.dump())


def issue_ca_certificate(kind: CertKind, key: RsaKey, *, serial: int) -> bytes:
    """A self-signed JPKI-like CA certificate (DER)."""
    name = ca_name(kind)
    tbs = asn1_x509.TbsCertificate(
        {
            "version": "v3",
            "serial_number": serial,
            "signature": {"algorithm": "sha256_rsa"},
            "issuer": name,
            "validity": {"not_before": _time(CA_NOT_BEFORE), "not_after": _time(CA_NOT_AFTER)},
            "subject": name,
            "subject_public_key_info": _spki(key),
            "extensions": [
                _extension("key_usage", {"key_cert_sign", "crl_sign"}, critical=True),
                _extension("basic_constraints", {"ca": True}, critical=True),
                _extension("subject_alt_name", [_org_dirname()]),
                _extension("key_identifier", subject_key_id(key)),
            ],
        }
    )
    return _sign_certificate(tbs, key)


@dataclass(frozen=True)
class FourItems:
    """The 基本4情報 as the signature certificate's subjectAltName carries them (strings as written)."""

    name: str
    name_substitutes: str
    sex: str  # "1" | "2" | "3"
    birth_date: str  # EYYYYMMDD
    address: str
    address_substitutes: str


def _other_name(oid: str, value: str) -> asn1_x509.GeneralName:
    return asn1_x509.GeneralName(
        name="other_name",
        value=asn1_x509.AnotherName({"type_id": oid, "value": asn1_core.UTF8String(value, explicit=0)}),
    )


def issue_jpki_certificate(
    kind: CertKind,
    *,
    ca_key: RsaKey,
    subject: RsaKey,
    serial: int,
    identifier: str,
    not_before: dt.datetime,
    not_after: dt.datetime,
    four_items: FourItems | None = None,
) -> bytes:
    """A JPKI-like end-entity certificate (DER) issued by the CA of ``kind`` with key ``ca_key``."""
    usage = {"digital_signature", "non_repudiation"} if kind == "sign" else {"digital_signature"}
    extensions = [
        _extension("key_usage", usage, critical=True),
        _extension("issuer_alt_name", [_org_dirname()]),
        _extension(
            "certificate_policies", [{"policy_identifier": L.POLICY_SIGN_TEST if kind == "sign" else L.POLICY_AUTH}]
        ),
        _extension("authority_key_identifier", {"key_identifier": subject_key_id(ca_key)}),
        _extension("key_identifier", subject_key_id(subject)),
    ]
    if four_items is not None:
        names = [_other_name(L.SAN_OIDS[item], getattr(four_items, item)) for item in L.SAN_OIDS]
        extensions.append(_extension("subject_alt_name", names))
    tbs = asn1_x509.TbsCertificate(
        {
            "version": "v3",
            "serial_number": serial,
            "signature": {"algorithm": "sha256_rsa"},
            "issuer": ca_name(kind),
            "validity": {"not_before": _time(not_before), "not_after": _time(not_after)},
            "subject": _name(("country_name", "JP"), ("common_name", identifier)),
            "subject_public_key_info": _spki(subject),
            "extensions": extensions,
        }
    )
    return _sign_certificate(tbs, ca_key)


# --- the issuers ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Issuers:
    """One set of test issuers: the two JPKI CAs and the two CVC issuers, keys and certificates."""

    sign_ca_key: RsaKey
    sign_ca_cert: bytes
    auth_ca_key: RsaKey
    auth_ca_cert: bytes
    text_issuer_id: bytes
    text_issuer_key: RsaKey
    surface_issuer_id: bytes
    surface_issuer_key: RsaKey

    def cvc_issuer_keys(self) -> dict[bytes, RsaKey]:
        """Issuer key id → key, as a trust store lists them."""
        return {self.text_issuer_id: self.text_issuer_key, self.surface_issuer_id: self.surface_issuer_key}


@cache
def softcard_issuers(*, rogue: bool = False) -> Issuers:
    """The test issuers (``rogue=True``: same names, other keys and key ids — unknown to every store)."""
    if rogue:
        ca = softcard_key("rogue_ca")
        cvc = softcard_key("rogue_cvc_issuer")
        return Issuers(
            ca,
            issue_ca_certificate("sign", ca, serial=0x0BAD01),
            ca,
            issue_ca_certificate("auth", ca, serial=0x0BAD02),
            key_id(TEXT_ISSUER_ID, ROGUE_ISSUER_SUFFIX),
            cvc,
            key_id(SURFACE_ISSUER_ID, ROGUE_ISSUER_SUFFIX),
            cvc,
        )
    sign, auth = softcard_key("jpki_sign_ca"), softcard_key("jpki_auth_ca")
    return Issuers(
        sign,
        issue_ca_certificate("sign", sign, serial=0x067C6A21),
        auth,
        issue_ca_certificate("auth", auth, serial=0x06D18006),
        key_id(TEXT_ISSUER_ID),
        softcard_key("cvc_text_issuer"),
        key_id(SURFACE_ISSUER_ID),
        softcard_key("cvc_surface_issuer"),
    )


def write_trust_anchors(folder: Path, issuers: Issuers) -> list[Path]:
    """Write the issuers' anchors in the trust-store format (docs/trust-store.md); returns the files.

    For tests and the demo only: a desk trusts these only if someone puts them in its trust folder.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for label, der in (("jpki-sign-ca", issuers.sign_ca_cert), ("jpki-auth-ca", issuers.auth_ca_cert)):
        path = folder / f"{label}-{hashlib.sha256(der).hexdigest()[:8]}.pem"
        path.write_bytes(asn1_pem.armor("CERTIFICATE", der))
        written.append(path)
    for issuer_id, key in issuers.cvc_issuer_keys().items():
        path = folder / f"cvc-{issuer_id.hex().upper()}.pem"
        path.write_bytes(asn1_pem.armor("PUBLIC KEY", _spki(key).dump()))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """``python -m kyc_desk_testkit.softcard.pki --write-anchors DIR [--rogue]``: test anchors for a demo."""
    import argparse

    parser = argparse.ArgumentParser(description="write the software cards' TEST trust anchors to a folder")
    parser.add_argument("--write-anchors", type=Path, required=True, metavar="DIR")
    parser.add_argument("--rogue", action="store_true", help="the rogue issuers instead (for experiments)")
    args = parser.parse_args(argv)
    for path in write_trust_anchors(args.write_anchors, softcard_issuers(rogue=args.rogue)):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
