"""在留カード等のチェックコード検証 — verifying the residence card's check code against its certificate.

The recipe of cards.md §C.5, on data (never on a card):

- the signed data is the *value* of DF1/EF01 (front image, 7000 bytes with padding) followed by the
  value of DF1/EF02 (photo, 3000 bytes); the hash is SHA-256;
- the check code (``DA``) is RSA-2048 with PKCS#1 v1.5 type-1 padding over the **bare** 32-byte hash —
  no DigestInfo — so it is checked with the raw public operation and a padding check
  (:func:`~kyc_desk.verify._primitives.recover_rsa_pkcs1v15`), not a stock "SHA256withRSA" verifier;
- the public key comes from the X.509 certificate in ``DB``, which must chain to a configured trust
  anchor (the issuer and its publication are UNCONFIRMED: no anchor ships with the desk).

CONFLICT in the sources on the block's inner form: the specification's figure shows the bare hash, one
public application expects a SHA-256 DigestInfo. Exactly these two forms are accepted and the check's
detail names the one found; anything else is INVALID (there is no "last 32 bytes" shortcut).

Second generation (card types 05/06, cards.md §C.7): the signature ``DC`` is SHA256withECDSA over NIST
P-384 by the key of the certificate ``DD``, which chains to "ZairyuCard CA2" through the same chain check.
The signed data is the specification's "printed entries ‖ face image ‖ name image"; how exactly those
bytes are laid out is not in any source here, so the desk **decides** (:func:`signed_data_generation2`) and
documents it — a wrong decision makes a genuine card read INVALID, never a forged one VALID:

- printed entries = the *values* of DF1/EF02's data objects in the order they stand in the file, without
  tags and lengths (the residence card's ten values are exactly the 53 bytes the spec names; the
  certificate's six are 34, ``00``-padded to 53 as the spec says);
- face image = the whole ``D1`` value (3000 bytes, padding included), then the whole ``D0`` value (name
  image, 2500 bytes), as the first generation signs whole padded values;
- ``DC`` is 96 bytes on the spec's example although the spec calls it "ASN.1": a P-384 DER signature is 102–
  104 bytes, so 96 bytes is read as ``r ‖ s`` (48 + 48, big-endian); a value that is strict DER is taken
  as DER. The detail names the form found.

Verdicts: VALID (check code matches, certificate chains to an anchor), INVALID (the data was altered, or
the certificate names an installed anchor's key id without its signature), UNTRUSTED (no anchor of the
issuer's name and key — a same-named issuer with another key, as after a key renewal, is "not installed",
never "altered"; nothing is vouched for), NOT_PRESENT (holders under 16 carry no check code). The chain is
the shared one of :mod:`kyc_desk.verify.chain`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final, Literal

from asn1crypto import algos as asn1_algos
from asn1crypto import x509 as asn1_x509

from kyc_desk.cards.apps.residence.layouts import CHECK_CODE, FRONT_IMAGE, PHOTO
from kyc_desk.cards.apps.residence.layouts2 import PRINTED_ENTRIES_SIGNED_SIZE, SIGNATURE
from kyc_desk.cards.apps.residence.reader import SIGNED_CHECK, SIGNED_FRONT, SIGNED_PHOTO
from kyc_desk.cards.apps.residence.reader2 import SIGNED_NAME_FACE, SIGNED_PRINTED, SIGNED_SIGNATURE
from kyc_desk.cards.errors import MalformedData
from kyc_desk.cards.layouts import decode
from kyc_desk.cards.reading import CardReading
from kyc_desk.cards.tlv import find, parse_ber
from kyc_desk.verify import chain
from kyc_desk.verify._primitives import recover_rsa_pkcs1v15, verify_ecdsa_p384_sha256
from kyc_desk.verify.errors import (
    CertificateExpired,
    ChainInvalid,
    MalformedCertificate,
    SignatureInvalid,
    UnknownIssuer,
)
from kyc_desk.verify.reasons import error_reason
from kyc_desk.verify.report import Check, Verdict, VerificationReport
from kyc_desk.verify.residence_anchors import classify
from kyc_desk.verify.trust import TrustStore

CHECK_NAME: Final = "residence.check_code"
SHA256_DIGEST_INFO_PREFIX: Final = bytes.fromhex("3031300d060960864801650304020105000420")

BlockForm = Literal["bare_hash", "digest_info", "ecdsa_raw", "ecdsa_der"]
#: Size of a P-384 signature written as r ‖ s.
ECDSA_P384_RAW_SIZE: Final = 96


@dataclass(frozen=True)
class CheckCodeResult:
    """What a successful verification established: the block form found and the anchor used."""

    form: BlockForm
    anchor_subject: str
    #: The anchor's DER, to name it against the pinned residence roots (:mod:`.residence_anchors`).
    anchor_der: bytes = b""


def certificate_from_field(value: bytes) -> bytes:
    """The DER certificate inside the ``00``-padded ``DB`` value (its own length says where it ends)."""
    if len(value) < 4 or value[0] != 0x30:
        raise MalformedCertificate("the DB value is not a DER certificate", ja="証明書の形式が不正です。")
    first = value[1]
    if first < 0x80:
        size, head = first, 2
    else:
        count = first & 0x7F
        if not 1 <= count <= 3 or len(value) < 2 + count:
            raise MalformedCertificate("the certificate length is not usable", ja="証明書の形式が不正です。")
        size, head = int.from_bytes(value[2 : 2 + count], "big"), 2 + count
    if head + size > len(value):
        raise MalformedCertificate("the certificate runs past its field", ja="証明書の形式が不正です。")
    return value[: head + size]


def _load(der: bytes) -> asn1_x509.Certificate:
    """The certificate, with every field this module reads parsed now, inside the one translation.

    asn1crypto parses lazily and its failures vary with the byte that is wrong (``ValueError``,
    ``TypeError``, ``KeyError``, ``IndexError`` for a zero-length key BIT STRING, ``ValueError`` from
    the name comparison's string preparation for an unassigned code point); so the names' comparable
    forms, the validity and the key numbers are all computed here and any failure is
    :class:`MalformedCertificate`.
    """
    try:
        cert = asn1_x509.Certificate.load(der, strict=True)
        _ = cert.public_key.native, cert.issuer.native, cert.subject.native, cert.not_valid_after
        _ = cert.not_valid_before, cert.issuer.hashable, cert.subject.hashable, cert.subject.human_friendly
        if cert.public_key.algorithm == "rsa":
            _ = _rsa_numbers(cert)
    except Exception as exc:  # asn1crypto's lazy parse raises many kinds on hostile DER (see above)
        raise MalformedCertificate("a certificate could not be parsed", ja="証明書の形式が不正です。") from exc
    return cert


def _rsa_numbers(cert: asn1_x509.Certificate) -> tuple[int, int]:
    """The certificate's RSA modulus and public exponent."""
    numbers = cert.public_key["public_key"].parsed
    modulus, exponent = numbers["modulus"].native, numbers["public_exponent"].native
    if not isinstance(modulus, int) or not isinstance(exponent, int):
        raise TypeError("the RSA key numbers are not integers")
    return modulus, exponent


def verify_chain(certificate_der: bytes, anchors: Iterable[bytes] | TrustStore, *, at: dt.datetime) -> str:
    """The certificate is an anchor, or is issued by one and valid at ``at``; returns the anchor's subject.

    The one chain check of :mod:`kyc_desk.verify.chain` (issuer chosen by key, then by trying each
    same-named anchor): UnknownIssuer when no anchor of that name and key issued it; SignatureInvalid when
    the anchor chosen by key id did not sign; ChainInvalid / CertificateExpired for validity and usage.
    """
    return _chain(certificate_der, anchors, at=at)[0]


def _chain(certificate_der: bytes, anchors: Iterable[bytes] | TrustStore, *, at: dt.datetime) -> tuple[str, bytes]:
    store = anchors if isinstance(anchors, TrustStore) else TrustStore.from_certificates(anchors)
    result = chain.verify_chain(certificate_der, store, at=at)
    return str(_load(result.issuer.der).subject.human_friendly), result.issuer.der


def verify_check_code(
    front_value: bytes,
    photo_value: bytes,
    check_code: bytes,
    certificate_der: bytes,
    *,
    anchors: Iterable[bytes] | TrustStore,
    at: dt.datetime,
) -> CheckCodeResult:
    """Verify the check code and its certificate; raises the verify errors, returns what was found."""
    anchor_subject, anchor_der = _chain(certificate_der, anchors, at=at)
    cert = _load(certificate_der)
    if cert.public_key.algorithm != "rsa":
        raise MalformedCertificate("the check-code key is not RSA", ja="チェックコードの鍵がRSAではありません。")
    recovered = recover_rsa_pkcs1v15(*_rsa_numbers(cert), check_code)
    digest = hashlib.sha256(front_value + photo_value).digest()
    if recovered == digest:
        return CheckCodeResult("bare_hash", anchor_subject, anchor_der)
    if recovered == SHA256_DIGEST_INFO_PREFIX + digest:
        return CheckCodeResult("digest_info", anchor_subject, anchor_der)
    raise SignatureInvalid(
        "the check code does not match the front image and photo",
        ja="チェックコードが券面イメージ・顔画像と一致しません。",
    )


def check_residence_card(
    reading: CardReading, *, anchors: Iterable[bytes] | TrustStore, at: dt.datetime
) -> VerificationReport:
    """One :class:`Check` named ``residence.check_code`` for a residence card reading."""
    store = anchors if isinstance(anchors, TrustStore) else TrustStore.from_certificates(anchors)
    return VerificationReport((_check(reading, store, at),))


def _check(reading: CardReading, anchors: TrustStore, at: dt.datetime) -> Check:
    files = reading.signed_files
    if SIGNED_SIGNATURE in files or SIGNED_PRINTED in files:
        return _check_generation2(files, anchors, at)
    if not all(key in files for key in (SIGNED_FRONT, SIGNED_PHOTO, SIGNED_CHECK)):
        return Check(CHECK_NAME, Verdict.NOT_PRESENT, "residence.files_missing")
    try:
        signed = decode(CHECK_CODE, files[SIGNED_CHECK])
        front = decode(FRONT_IMAGE, files[SIGNED_FRONT])["front_image"]
        photo = decode(PHOTO, files[SIGNED_PHOTO]).get("photo", b"")
    except MalformedData as exc:
        return Check(CHECK_NAME, Verdict.INVALID, *error_reason(exc))
    code, cert_field = signed.get("check_code", b""), signed.get("certificate", b"")
    if not code or not cert_field:
        return Check(CHECK_NAME, Verdict.NOT_PRESENT, "residence.no_check_code")
    try:
        result = verify_check_code(front, photo, code, certificate_from_field(cert_field), anchors=anchors, at=at)
    except UnknownIssuer as exc:
        return Check(CHECK_NAME, Verdict.UNTRUSTED, "residence.issuer_unknown", {"detail": exc.message})
    except CertificateExpired as exc:
        return Check(CHECK_NAME, Verdict.EXPIRED, *error_reason(exc))
    except ChainInvalid as exc:
        return Check(CHECK_NAME, Verdict.UNTRUSTED, *error_reason(exc))
    except (SignatureInvalid, MalformedCertificate) as exc:
        return Check(CHECK_NAME, Verdict.INVALID, *error_reason(exc))
    form = "bare SHA-256 hash" if result.form == "bare_hash" else "SHA-256 DigestInfo"
    return _verified("residence.check_code_valid", form, result)


def _verified(reason: str, form: str, result: CheckCodeResult) -> Check:
    """VALID when the anchor counts as authenticity; a chain to ISA's test root, or to a root named like
    ISA's whose fingerprint is not pinned, is UNTRUSTED whatever the signature (:mod:`.residence_anchors`)."""
    anchor, production = classify(result.anchor_der)
    params: dict[str, str | int | float] = {"form": form, "issuer": result.anchor_subject, "anchor": anchor}
    return Check(CHECK_NAME, Verdict.VALID if production else Verdict.UNTRUSTED, reason, params)


# --- second generation ------------------------------------------------------------------------------------------


def signed_data_generation2(printed_entries_file: bytes, name_face_file: bytes) -> bytes:
    """The bytes the second-generation signature covers, as this desk lays them out (module docstring).

    Raises MalformedData when the files do not parse or the printed entries exceed 53 bytes.
    """
    printed = b"".join(obj.value for obj in parse_ber(printed_entries_file, max_tag_bytes=2))
    if len(printed) > PRINTED_ENTRIES_SIGNED_SIZE:
        raise MalformedData(f"printed entries of {len(printed)} bytes exceed 53", ef="residence2/DF1/EF02")
    objects = parse_ber(name_face_file, max_tag_bytes=2)
    name, face = find(objects, 0xD0), find(objects, 0xD1)
    if name is None:
        raise MalformedData("the name image is missing", ef="residence2/DF1/EF03", tag=0xD0)
    return printed.ljust(PRINTED_ENTRIES_SIGNED_SIZE, b"\x00") + (face.value if face else b"") + name.value


def _ecdsa_signature(value: bytes) -> tuple[bytes, BlockForm]:
    """``DC`` as a DER Ecdsa-Sig-Value, and the form it was written in (strict DER, or 96-byte r ‖ s)."""
    try:
        parsed = asn1_algos.DSASignature.load(value, strict=True)
        _ = parsed.native
        if parsed.dump(force=True) == value:
            return value, "ecdsa_der"
    except (ValueError, TypeError):
        pass
    if len(value) == ECDSA_P384_RAW_SIZE:
        return bytes(asn1_algos.DSASignature.from_p1363(value).dump()), "ecdsa_raw"
    raise SignatureInvalid(
        f"the signature ({len(value)} bytes) is neither DER nor a 96-byte r ‖ s",
        ja="署名の形式が不正です。",
    )


def verify_signature_generation2(
    printed_entries_file: bytes,
    name_face_file: bytes,
    signature: bytes,
    certificate_der: bytes,
    *,
    anchors: Iterable[bytes] | TrustStore,
    at: dt.datetime,
) -> CheckCodeResult:
    """Verify the second-generation ECDSA signature and its certificate; raises the verify errors."""
    anchor_subject, anchor_der = _chain(certificate_der, anchors, at=at)
    public = _load(certificate_der).public_key
    der_signature, form = _ecdsa_signature(signature)
    message = signed_data_generation2(printed_entries_file, name_face_file)
    verify_ecdsa_p384_sha256(public.dump(), der_signature, message)
    return CheckCodeResult(form, anchor_subject, anchor_der)


def _check_generation2(files: Mapping[str, bytes], anchors: TrustStore, at: dt.datetime) -> Check:
    if not all(key in files for key in (SIGNED_PRINTED, SIGNED_NAME_FACE, SIGNED_SIGNATURE)):
        return Check(CHECK_NAME, Verdict.NOT_PRESENT, "residence.files_missing")
    try:
        signed = decode(SIGNATURE, files[SIGNED_SIGNATURE])
    except MalformedData as exc:
        return Check(CHECK_NAME, Verdict.INVALID, *error_reason(exc))
    signature, cert_field = signed.get("signature", b""), signed.get("certificate", b"")
    if not signature or not cert_field:
        return Check(CHECK_NAME, Verdict.NOT_PRESENT, "residence.no_signature")
    try:
        result = verify_signature_generation2(
            files[SIGNED_PRINTED],
            files[SIGNED_NAME_FACE],
            signature,
            certificate_from_field(cert_field),
            anchors=anchors,
            at=at,
        )
    except UnknownIssuer as exc:
        return Check(CHECK_NAME, Verdict.UNTRUSTED, "residence.issuer_unknown", {"detail": exc.message})
    except CertificateExpired as exc:
        return Check(CHECK_NAME, Verdict.EXPIRED, *error_reason(exc))
    except ChainInvalid as exc:
        return Check(CHECK_NAME, Verdict.UNTRUSTED, *error_reason(exc))
    except MalformedData as exc:
        return Check(CHECK_NAME, Verdict.INVALID, *error_reason(exc))
    except (SignatureInvalid, MalformedCertificate) as exc:
        return Check(CHECK_NAME, Verdict.INVALID, "residence.generation2_signature_invalid", {"detail": exc.message})
    form = "r ‖ s" if result.form == "ecdsa_raw" else "DER"
    return _verified("residence.generation2_signature_valid", form, result)
