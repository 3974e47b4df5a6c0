"""Verification of a My Number card reading: one :class:`Check` per item, each with its own verdict.

Recipes (raise; never return a bool):

- :func:`verify_cvc` — a card-verifiable certificate (EF 0004) against the issuer key the trust store
  lists under its issuer key id: unknown id → :class:`UnknownIssuer`, bad signature →
  :class:`SignatureInvalid`.
- :func:`verify_card_face` — the card face signature (券面事項確認AP EF 0002): PKCS#1 v1.5 over a
  DigestInfo whose OCTET STRING is the three SHA-256 digests (cards.md §A.4.3, 1 source), with the key
  the CVC certifies.
- :func:`verify_text_record` — the text AP's integrity record (EF 0003): the DF32 digest must equal
  SHA-256 of EF 0002's outer value after DF21, and the signature over the objects before DF33 must
  verify with the CVC key (§A.3.2, 1 source). DF31 (the digest of the individual number) is signed but
  cannot be compared: the desk never reads the number.
- :func:`verify_presence` — the card key's answer to a challenge (``80 2A 00 00`` in the card face AP,
  §A.4.3) verifies with DF24 of EF 0002: the chip is the one the card face was issued for. Signed files
  can be copied to another chip; this key cannot, so a wrong answer is reported ``SUSPECTED_COPY``.

:func:`verify_mynumber` applies them to a :class:`CardReading` and adds the cross-checks between the card
face, the text AP and the signature certificate. The time ``at`` and the trust store are passed in.

Which signature layouts are right for real cards is single-source knowledge; a wrong guess makes every
real card come out INVALID — loud, never a silent pass.
"""

from __future__ import annotations

import datetime as dt
import hmac
from collections.abc import Callable
from typing import Final

from kyc_desk.cards.apps.mynumber import layouts as L
from kyc_desk.cards.apps.mynumber.cvc import CardVerifiableCertificate, parse_cvc
from kyc_desk.cards.apps.mynumber.jpki import AUTH_PROOF_KEY, FourItems, parse_four_items
from kyc_desk.cards.apps.mynumber.reader import (
    FILE_AUTH_CERT,
    FILE_SIGN_CERT,
    FILE_SURFACE_CVC,
    FILE_SURFACE_FACE,
    FILE_TEXT_ATTRIBUTES,
    FILE_TEXT_CVC,
    FILE_TEXT_SIGNATURE,
)
from kyc_desk.cards.apps.mynumber.surface import PRESENCE_KEY, CardFace, parse_card_face
from kyc_desk.cards.apps.mynumber.text import (
    TextAttributes,
    attributes_digest,
    parse_text_attributes,
    parse_text_signature,
)
from kyc_desk.cards.errors import MalformedData
from kyc_desk.cards.reading import CardReading, ChallengeResponse
from kyc_desk.jp.text import same_text
from kyc_desk.verify._primitives import recover_rsa_pkcs1v15, verify_rsa_pkcs1v15_sha256
from kyc_desk.verify.errors import (
    CertificateExpired,
    ChainInvalid,
    DigestMismatch,
    MalformedCertificate,
    SignatureInvalid,
    UnknownIssuer,
    VerificationError,
)
from kyc_desk.verify.jpki import (
    JpkiCertificate,
    parse_jpki_certificate,
    verify_challenge,
    verify_jpki_chain,
)
from kyc_desk.verify.reasons import error_reason
from kyc_desk.verify.report import Check, Verdict, VerificationReport
from kyc_desk.verify.revocation import RevocationChecker
from kyc_desk.verify.trust import TrustStore

#: Stable names of the checks (JSON, records, UI).
CHECK_NAMES: Final = (
    "surface.certificate",
    "surface.signature",
    "surface.presence",
    "text.certificate",
    "text.signature",
    "jpki.auth_certificate",
    "jpki.sign_certificate",
    "jpki.revocation",
    "jpki.challenge",
    "cross.name",
    "cross.birth_date",
    "cross.sex",
    "cross.address",
)
#: The returning-client proof (only in reports of reads that asked for it; not in CHECK_NAMES).
AUTH_CHALLENGE: Final = "jpki.auth_challenge"
#: The character JPKI puts in place of one outside JIS level 1/2 (〓, ゲタ), used to line up strings.
SUBSTITUTE: Final = "〓"


# --- recipes -------------------------------------------------------------------------------------------


def verify_cvc(cvc: CardVerifiableCertificate, anchors: TrustStore) -> None:
    """The CVC was signed by a trusted issuer (PKCS#1 v1.5 SHA-256 over its body)."""
    issuer = anchors.cvc_issuer(cvc.issuer_id)
    if issuer is None:
        raise UnknownIssuer(
            f"issuer key {cvc.issuer_id[:7].decode('ascii', 'replace')} is not in the trust store",
            ja="証明書の発行者鍵が信頼済みの一覧にありません。",
        )
    verify_rsa_pkcs1v15_sha256(issuer.modulus, issuer.exponent, cvc.signature, cvc.body)


def verify_card_face(face: CardFace, cvc: CardVerifiableCertificate) -> None:
    """The card face signature covers its three digests (§A.4.3) and verifies with the CVC key."""
    recovered = recover_rsa_pkcs1v15(cvc.key.modulus, cvc.key.exponent, face.signature)
    if not hmac.compare_digest(recovered, L.SURFACE_DIGEST_INFO_PREFIX + face.signed_digest):
        raise SignatureInvalid(
            "the card face does not match its signature", ja="券面情報が署名と一致しません（改ざんの疑い）。"
        )


def verify_text_record(attributes: TextAttributes, record_raw: bytes, cvc: CardVerifiableCertificate) -> None:
    """DF32 equals the digest of the 基本4情報, and the record's signature verifies with the CVC key."""
    record = parse_text_signature(record_raw)
    if not hmac.compare_digest(record.attributes_digest, attributes_digest(attributes)):
        raise DigestMismatch(
            "the 基本4情報 do not match the digest the card signed",
            ja="基本4情報が署名済みのハッシュ値と一致しません。",
        )
    verify_rsa_pkcs1v15_sha256(cvc.key.modulus, cvc.key.exponent, record.signature, record.signed_part)


def verify_presence(proof: ChallengeResponse, face: CardFace) -> None:
    """The card key's signature over ``DigestInfo(SHA-256(challenge))`` verifies with the card face's DF24.

    Also checks that what the card was given is the DigestInfo of the challenge, so the answer is about
    this challenge and nothing else. Raises :class:`SignatureInvalid`.
    """
    if proof.signed != L.digest_info_sha256(proof.challenge):
        raise SignatureInvalid(
            "the signed data is not the digest of the challenge", ja="署名対象がチャレンジと一致しません。"
        )
    verify_rsa_pkcs1v15_sha256(face.card_key.modulus, face.card_key.exponent, proof.signature, proof.challenge)


#: Labels of the checks, Japanese and English, for the window and printed reports.
CHECK_LABELS: Final[dict[str, tuple[str, str]]] = {
    "surface.certificate": ("券面事項確認APの証明書", "card face AP certificate"),
    "surface.signature": ("券面情報の署名", "card face signature"),
    "surface.presence": ("ICチップの実在確認（カード鍵の署名）", "chip presence (card key signature)"),
    "text.certificate": ("券面事項入力補助APの証明書", "text AP certificate"),
    "text.signature": ("基本4情報の署名", "basic four items signature"),
    "jpki.auth_certificate": ("利用者証明用電子証明書", "user authentication certificate"),
    "jpki.sign_certificate": ("署名用電子証明書", "signature certificate"),
    "jpki.revocation": ("失効確認", "revocation"),
    "jpki.challenge": ("署名用鍵によるチャレンジ署名", "signature key challenge"),
    "jpki.auth_challenge": ("利用者証明用鍵によるチャレンジ署名", "authentication key challenge"),
    "card.returning": ("再来の確認（カードによる）", "returning client (by card)"),
    "cross.name": ("氏名の一致", "name agrees"),
    "cross.birth_date": ("生年月日の一致", "birth date agrees"),
    "cross.sex": ("性別の一致", "sex agrees"),
    "cross.address": ("住所の一致", "address agrees"),
}


# --- the report ----------------------------------------------------------------------------------------


def _outcome(name: str, action: Callable[[], None], ok_reason: str) -> Check:
    """Run one recipe and turn its outcome into a Check (UnknownIssuer → UNTRUSTED, never INVALID)."""
    try:
        action()
    except UnknownIssuer as exc:
        return Check(name, Verdict.UNTRUSTED, *error_reason(exc))
    except CertificateExpired as exc:
        return Check(name, Verdict.EXPIRED, *error_reason(exc))
    except (SignatureInvalid, DigestMismatch, ChainInvalid, MalformedCertificate) as exc:
        return Check(name, Verdict.INVALID, *error_reason(exc))
    except MalformedData as exc:
        return Check(name, Verdict.INVALID, *error_reason(exc))
    return Check(name, Verdict.VALID, ok_reason)


def _not_present(name: str, reason: str) -> Check:
    return Check(name, Verdict.NOT_PRESENT, reason)


def _signed_by_certified_key(
    prefix: str, cvc_raw: bytes | None, data_check: Callable[[CardVerifiableCertificate], None], anchors: TrustStore
) -> list[Check]:
    """The CVC check and the data check of one AP; the data's trust follows the certificate's."""
    cert_name, data_name = f"{prefix}.certificate", f"{prefix}.signature"
    if cvc_raw is None:
        return [_not_present(cert_name, "certificate.not_read")]
    try:
        cvc = parse_cvc(cvc_raw)
    except MalformedData as exc:
        bad = Check(cert_name, Verdict.INVALID, *error_reason(exc))
        return [bad, Check(data_name, Verdict.INVALID, "certificate.malformed")]
    cert_check = _outcome(cert_name, lambda: verify_cvc(cvc, anchors), "cvc.trusted_issuer")
    data_check_result = _outcome(data_name, lambda: data_check(cvc), "signature.certified_key")
    if data_check_result.verdict is Verdict.VALID and cert_check.verdict is not Verdict.VALID:
        # the data matches the key, but the key itself is not vouched for
        kept = (Verdict.UNTRUSTED, Verdict.EXPIRED)
        verdict = cert_check.verdict if cert_check.verdict in kept else Verdict.INVALID
        data_check_result = Check(data_name, verdict, "signature.key_not_vouched")
    return [cert_check, data_check_result]


def _jpki_check(
    name: str, der: bytes | None, kind: str, anchors: TrustStore, at: dt.datetime
) -> tuple[Check, JpkiCertificate | None]:
    if der is None:
        return _not_present(name, "certificate.not_read"), None
    parsed: list[JpkiCertificate] = []
    check = _outcome(
        name,
        lambda: parsed.append(verify_jpki_chain(der, kind=kind, anchors=anchors, at=at)),  # type: ignore[arg-type]
        "jpki.chain_valid",
    )
    return check, (parsed[0] if parsed else None)


def _masked(text: str, substitutes: str) -> str:
    """``text`` with the characters flagged in ``substitutes`` replaced by 〓 (lengths must match)."""
    return "".join(SUBSTITUTE if flag == "1" else ch for ch, flag in zip(text, substitutes, strict=True))


def _compare_text(name: str, text: str | None, cert: str | None, substitutes: str | None) -> Check:
    if text is None or cert is None:
        return _not_present(name, "cross.too_few_sources")
    if substitutes and "1" in substitutes:
        if len(substitutes) != len(cert) or len(text) != len(cert):
            return Check(name, Verdict.NOT_VERIFIABLE, "cross.substitutes")
        text, cert = _masked(text, substitutes), _masked(cert, substitutes)
    if same_text(text, cert):
        return Check(name, Verdict.CONSISTENT, "cross.text_agree")
    return Check(name, Verdict.MISMATCH, "cross.text_differ")


def _compare_values(name: str, sources: dict[str, object]) -> Check:
    present = {source: value for source, value in sources.items() if value is not None}
    if len(present) < 2:
        return _not_present(name, "cross.too_few_sources")
    groups: dict[object, list[str]] = {}
    for source, value in sorted(present.items()):
        groups.setdefault(value, []).append(source)
    if len(groups) == 1:
        names = ", ".join(sorted(present))
        return Check(name, Verdict.CONSISTENT, "cross.agree", {"sources": names})
    split = " ≠ ".join(" = ".join(sources) for sources in groups.values())  # which sources disagree, no values
    return Check(name, Verdict.MISMATCH, "cross.differ", {"groups": split})


def _parse_or_none(parse: Callable[[bytes], object], raw: bytes | None) -> object:
    if raw is None:
        return None
    try:
        return parse(raw)
    except MalformedData:
        return None


def verify_mynumber(
    reading: CardReading, *, anchors: TrustStore, at: dt.datetime, revocation: RevocationChecker | None = None
) -> VerificationReport:
    """Every check of a My Number reading, in :data:`CHECK_NAMES` order.

    ``revocation``: where ``jpki.revocation`` looks (default: the CRLs of the trust store; the CLI and the
    window add the OCSP responder of the settings, :func:`kyc_desk.verify.revocation_ocsp.desk_revocation`).
    """
    if reading.card_type != "mynumber":
        raise VerificationError("not a My Number card reading", ja="マイナンバーカードの読み取り結果ではありません。")
    files = reading.signed_files
    face_raw, attrs_raw = files.get(FILE_SURFACE_FACE), files.get(FILE_TEXT_ATTRIBUTES)
    checks: list[Check] = []

    face: CardFace | None = None
    if face_raw is None:
        checks += _signed_by_certified_key("surface", files.get(FILE_SURFACE_CVC), lambda _c: None, anchors)[:1]
        checks.append(_not_present("surface.signature", "surface.not_read"))
    else:
        try:
            face = parse_card_face(face_raw)
        except MalformedData as exc:
            checks.append(Check("surface.certificate", Verdict.NOT_VERIFIABLE, *error_reason(exc)))
            checks.append(Check("surface.signature", Verdict.INVALID, *error_reason(exc)))
        else:
            parsed_face = face
            checks += _signed_by_certified_key(
                "surface", files.get(FILE_SURFACE_CVC), lambda cvc: verify_card_face(parsed_face, cvc), anchors
            )
    presence = next((p for p in reading.proofs if p.key == PRESENCE_KEY), None)
    face_check = next((c for c in checks if c.name == "surface.signature"), checks[-1])
    checks.append(_presence_check(presence, face, face_check))

    attributes: TextAttributes | None = None
    record_raw = files.get(FILE_TEXT_SIGNATURE)
    if attrs_raw is None or record_raw is None:
        checks += _signed_by_certified_key("text", files.get(FILE_TEXT_CVC), lambda _c: None, anchors)[:1]
        checks.append(_not_present("text.signature", "text.not_read"))
    else:
        try:
            attributes = parse_text_attributes(attrs_raw)
        except MalformedData as exc:
            checks.append(Check("text.certificate", Verdict.NOT_VERIFIABLE, *error_reason(exc)))
            checks.append(Check("text.signature", Verdict.INVALID, *error_reason(exc)))
        else:
            parsed_attributes, parsed_record = attributes, record_raw
            checks += _signed_by_certified_key(
                "text",
                files.get(FILE_TEXT_CVC),
                lambda cvc: verify_text_record(parsed_attributes, parsed_record, cvc),
                anchors,
            )

    auth_check, auth_cert = _jpki_check("jpki.auth_certificate", files.get(FILE_AUTH_CERT), "auth", anchors, at)
    sign_der = files.get(FILE_SIGN_CERT)
    sign_check, sign_cert = _jpki_check("jpki.sign_certificate", sign_der, "sign", anchors, at)
    checks += [auth_check, sign_check]
    if sign_der is None:
        checks.append(_not_present("jpki.revocation", "jpki.sign_certificate_not_read"))
    elif sign_check.verdict not in (Verdict.VALID, Verdict.EXPIRED):
        checks.append(Check("jpki.revocation", Verdict.NOT_VERIFIABLE, "revocation.certificate_unverified",
                            {"verdict": sign_check.verdict.value}))
    else:
        checker = revocation if revocation is not None else RevocationChecker.from_trust_store(anchors)
        checks.append(checker.check(sign_der, anchors, at).to_check("jpki.revocation"))
    proof = next((p for p in reading.proofs if p.key == "jpki.sign"), None)
    checks.append(_challenge_check(proof, sign_der, sign_check, sign_cert))
    auth_proof = next((p for p in reading.proofs if p.key == AUTH_PROOF_KEY), None)
    if auth_proof is not None:  # only when the returning-client proof was asked for (docs/mynumber.md)
        checks.append(
            _challenge_check(auth_proof, files.get(FILE_AUTH_CERT), auth_check, auth_cert, name=AUTH_CHALLENGE)
        )
    items = _parse_or_none(parse_four_items, sign_der)
    four: FourItems | None = items if isinstance(items, FourItems) else None
    checks += _cross_checks(face, attributes, four)
    return VerificationReport(tuple(checks))


def _presence_check(proof: ChallengeResponse | None, face: CardFace | None, face_check: Check) -> Check:
    """The card key's answer against DF24. Only the card face's own signature makes DF24 the issuer's
    key, so a good answer is VALID only when that check is; a wrong answer is SUSPECTED_COPY whatever
    the files say (copied files verify perfectly)."""
    name = "surface.presence"
    if face is None:
        return _not_present(name, "presence.no_card_face")
    if proof is None:
        return _not_present(name, "presence.no_challenge")
    if proof.refused:
        return Check(name, Verdict.NOT_VERIFIABLE, "presence.refused", {"sw": f"{proof.status:04X}"})
    try:
        verify_presence(proof, face)
    except SignatureInvalid:
        return Check(name, Verdict.SUSPECTED_COPY, "presence.suspected_copy")
    if face_check.verdict is not Verdict.VALID:
        verdict = face_check.verdict if face_check.verdict is not Verdict.NOT_PRESENT else Verdict.NOT_VERIFIABLE
        return Check(name, verdict, "presence.face_unverified")
    return Check(name, Verdict.VALID, "presence.proven")


def _challenge_check(
    proof: ChallengeResponse | None,
    sign_der: bytes | None,
    chain: Check,
    verified: JpkiCertificate | None,
    *,
    name: str = "jpki.challenge",
) -> Check:
    """The card's signature over the challenge, checked with the certificate's key (the signature
    certificate, or for :data:`AUTH_CHALLENGE` the user-authentication one); it proves only as much as that
    certificate does (an untrusted or altered certificate carries its verdict over)."""
    auth = name == AUTH_CHALLENGE
    if proof is None:
        return _not_present(name, "jpki.no_challenge")
    if sign_der is None:
        return _not_present(name, "jpki.no_certificate")
    try:
        cert = verified or parse_jpki_certificate(sign_der)
    except MalformedCertificate as exc:
        return Check(name, Verdict.NOT_VERIFIABLE, *error_reason(exc))
    result = _outcome(name, lambda: verify_challenge(proof, cert),
                      "jpki.auth_challenge_signed" if auth else "jpki.challenge_signed")
    if result.verdict is Verdict.VALID and chain.verdict is not Verdict.VALID:
        return Check(name, chain.verdict, "signature.certificate_unverified")
    return result


def _sex_class(sex: str) -> str:
    """The card's 9 (not applicable) and the certificate's 3 (unknown) say the same: neither 1 nor 2."""
    return sex if sex in ("male", "female") else "neither"


def _sex_check(face: CardFace | None, text: TextAttributes | None, cert: FourItems | None) -> Check:
    """Sex across the sources; a code the desk does not know is shown, never compared."""
    unknown = sorted({s.sex_code for s in (face, text) if s is not None and s.sex_code not in L.SEX_CODES_CARD})
    if unknown:
        codes = ", ".join(unknown)
        return Check("cross.sex", Verdict.NOT_VERIFIABLE, "cross.sex_code_unknown", {"codes": codes})
    return _compare_values(
        "cross.sex",
        {
            "card_face": _sex_class(face.sex) if face else None,
            "text_ap": _sex_class(text.sex) if text else None,
            "sign_cert": _sex_class(cert.sex) if cert else None,
        },
    )


def _cross_checks(face: CardFace | None, text: TextAttributes | None, cert: FourItems | None) -> list[Check]:
    """Name, birth date, sex and address must agree wherever two sources carry them."""
    return [
        _compare_text(
            "cross.name",
            text.name if text else None,
            cert.name if cert else None,
            cert.name_substitutes if cert else None,
        ),
        _compare_values(
            "cross.birth_date",
            {
                "card_face": face.birth_date if face else None,
                "text_ap": text.birth_date if text else None,
                "sign_cert": cert.birth_date if cert else None,
            },
        ),
        _sex_check(face, text, cert),
        _compare_text(
            "cross.address",
            text.address if text else None,
            cert.address if cert else None,
            cert.address_substitutes if cert else None,
        ),
    ]
