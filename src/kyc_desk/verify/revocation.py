"""Revocation of a card certificate (失効確認): pluggable sources, one verdict with the reason and date.

A signature certificate that chains to a trusted CA may still have been revoked. The desk asks every
configured source and reports one answer (:class:`RevocationAnswer`):

- :class:`CrlSource` — the certificate revocation lists (``*.crl``) in the trust folder. A list counts for
  a certificate when its issuer is the certificate's issuer (same name, and the same key id when both
  name one). It is used only after its signature verifies with that issuer's key: a list whose signature
  fails is ``invalid`` and nothing in it is believed; a list past its next update gives
  ``not_verifiable`` with the date it was current (a certificate it lists stays ``revoked``: revocation
  is final, except a hold);
- :class:`~kyc_desk.verify.revocation_ocsp.OcspSource` — an OCSP responder (a platform operator's, with an
  optional client certificate), see that module.

:class:`RevocationChecker` asks them all: any ``revoked`` or ``invalid`` answer wins, else a ``valid`` one,
else ``not_verifiable`` with every source's reason. Without any source the answer is ``not_verifiable``
(reason ``revocation.not_checked``): the desk works offline and never reports a revocation check it did not
make.

Reasons are explained as the JPKI CA's practice statement defines them (4.9.9 of the signature and user
authentication CA's 運用規程, as the PocketSign Verify API documentation lists them): a signature certificate
is revoked with ``affiliation_changed`` whenever one of the four items changes, so "revoked" often only
means the holder moved or changed their name — the scrivener is told so, not "fraud".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final, Protocol

from asn1crypto import algos as asn1_algos
from asn1crypto import crl as asn1_crl
from asn1crypto import x509 as asn1_x509

from kyc_desk.verify._primitives import verify_rsa_pkcs1v15_sha256
from kyc_desk.verify.chain import choose_issuer, load_certificate
from kyc_desk.verify.errors import MalformedCertificate, VerificationError
from kyc_desk.verify.reasons import error_reason
from kyc_desk.verify.report import Check, Verdict
from kyc_desk.verify.trust import CaCertificate, CrlFile, TrustStore

#: RFC 5280 CRLReason (asn1crypto's names) → (Japanese, English) explanation, as JPKI uses them (shown with a
#: ``revocation.revoked`` check by :mod:`kyc_desk.app.texts`).
REASONS: Final[dict[str, tuple[str, str]]] = {
    "affiliation_changed": (
        "証明書の記載内容（氏名・住所など基本4情報）の変更による失効：転居・改姓などで、不正を意味しません。"
        "新しい証明書で確認し直してください",
        "revoked because the certificate's contents changed (the holder moved or changed their name: J-LIS "
        "revokes the signature certificate on any change of the four items) — not a sign of fraud; check again "
        "with the new certificate",
    ),
    "superseded": (
        "証明書の更新による失効（新しい証明書が発行済み）：不正を意味しません",
        "revoked because the certificate was renewed (a new one was issued) — not a sign of fraud",
    ),
    "cessation_of_operation": (
        "証明書が不要になったための失効（利用者が使用をやめた）",
        "revoked because it is no longer needed (the holder stopped using it)",
    ),
    "key_compromise": (
        "秘密鍵の危殆化による失効（カードの紛失・盗難など）：この証明書による確認は受け付けないでください",
        "revoked because the holder's private key was compromised (card lost or stolen): do not accept it",
    ),
    "ca_compromise": (
        "認証局の秘密鍵の危殆化による失効：受け付けないでください",
        "revoked because the CA's private key was compromised: do not accept it",
    ),
    "certificate_hold": (
        "秘密鍵の安全性に疑義があるための一時保留（解除されません）：受け付けないでください",
        "suspended because the key's safety is in doubt (J-LIS does not lift holds): do not accept it",
    ),
    "unspecified": (
        "理由の指定なし（JPKIでは交付前の破棄）",
        "no reason given (for JPKI: destroyed before the card was handed over)",
    ),
}


@dataclass(frozen=True)
class RevocationAnswer:
    """One source's (or the combined) answer about one certificate: a verdict and why, as a reason code with
    its params (:mod:`kyc_desk.verify.reasons`; never a sentence), the source, and for a revocation the
    CRLReason and the date."""

    verdict: Verdict  # VALID, REVOKED, INVALID or NOT_VERIFIABLE
    code: str
    source: str = ""
    reason: str | None = None
    revoked_at: dt.datetime | None = None
    params: Mapping[str, str | int | float] = field(default_factory=dict, hash=False)

    def to_check(self, name: str) -> Check:
        """The report's check (its params carry ``source``, ``crl_reason`` and ``revoked_at`` when known)."""
        params: dict[str, str | int | float] = {"source": self.source} if self.source else {}
        if self.reason is not None or self.verdict is Verdict.REVOKED:
            params["crl_reason"] = self.reason or "unspecified"
        if self.revoked_at is not None:
            params["revoked_at"] = self.revoked_at.isoformat()
            params["revoked_on"] = self.revoked_at.date().isoformat()
        return Check(name, self.verdict, self.code, {**self.params, **params})


def revoked_answer(source: str, reason: str | None, when: dt.datetime | None) -> RevocationAnswer:
    """A ``revoked`` answer with the reason (explained when shown: ``crl_reason``) and the date."""
    return RevocationAnswer(Verdict.REVOKED, "revocation.revoked", source, reason, when,
                            {} if when is not None else {"revoked_on": "?"})


class RevocationSource(Protocol):
    """A place that knows about revocations; ``None`` = it has nothing about this certificate's issuer."""

    def lookup(
        self, certificate: asn1_x509.Certificate, issuer: CaCertificate, at: dt.datetime
    ) -> RevocationAnswer | None: ...


def verify_signed_by(
    issuer_der: bytes, algorithm: asn1_algos.SignedDigestAlgorithm, signature: bytes, data: bytes
) -> None:
    """``signature`` over ``data`` was made by the key of the certificate ``issuer_der``.

    Only sha256WithRSA, what JPKI uses (cards.md §A.6); another algorithm raises
    :class:`MalformedCertificate` (the caller reports it as not verifiable, never as valid).
    """
    try:
        algo, hash_algo = algorithm.signature_algo, algorithm.hash_algo
    except (ValueError, KeyError) as exc:
        raise MalformedCertificate("unsupported signature algorithm", ja="対応していない署名方式です。") from exc
    if algo != "rsassa_pkcs1v15" or hash_algo != "sha256":
        raise MalformedCertificate(
            f"unsupported signature algorithm {algo}/{hash_algo} (only sha256WithRSA)",
            ja="対応していない署名方式です（RSA 署名のみ対応しています）。",
        )
    key = load_certificate(issuer_der).public_key
    if key.algorithm != "rsa":
        raise MalformedCertificate("the signer's key is not RSA", ja="署名者の鍵がRSAではありません。")
    numbers = key["public_key"].parsed
    verify_rsa_pkcs1v15_sha256(int(numbers["modulus"].native), int(numbers["public_exponent"].native), signature, data)


@dataclass(frozen=True)
class CrlSource:
    """The revocation lists of the trust folder (module docstring). ``anchors``: the trust store, to tell a
    list of another key generation of the same-named issuer (not ours: skipped) from a forged one."""

    crls: Sequence[CrlFile]
    anchors: TrustStore | None = None

    def lookup(
        self, certificate: asn1_x509.Certificate, issuer: CaCertificate, at: dt.datetime
    ) -> RevocationAnswer | None:
        issuer_name = certificate.issuer.hashable
        relevant = [
            crl
            for crl in self.crls
            if crl.issuer_key == issuer_name
            and (crl.authority_key_id is None or issuer.key_id is None or crl.authority_key_id == issuer.key_id)
        ]
        if not relevant:
            return None
        verified: list[tuple[CrlFile, asn1_crl.CertificateList]] = []
        for crl in relevant:
            parsed = asn1_crl.CertificateList.load(crl.der)
            problem = _crl_problem(parsed, issuer)
            if problem is not None and crl.authority_key_id is None and self._from_another_generation(parsed, issuer):
                continue  # names no key id, and another installed generation of the issuer signed it
            if problem is not None:
                return RevocationAnswer(Verdict.INVALID, "revocation.crl_unverified", f"crl:{crl.path.name}",
                                        params={"crl": crl.path.name, "problem": problem})
            verified.append((crl, parsed))
        if not verified:
            return None
        serial = certificate.serial_number
        for crl, parsed in verified:
            for entry in parsed["tbs_cert_list"]["revoked_certificates"]:
                if entry["user_certificate"].native != serial:
                    continue
                reason = entry.crl_reason_value.native if entry.crl_reason_value is not None else None
                if reason == "remove_from_crl":
                    continue
                when = entry["revocation_date"].native
                return revoked_answer(f"crl:{crl.path.name}", reason, when)
        newest, _parsed = max(verified, key=lambda pair: pair[0].this_update)
        if newest.next_update is not None and newest.next_update < at:
            current = newest.next_update.date().isoformat()
            return RevocationAnswer(
                Verdict.NOT_VERIFIABLE, "revocation.crl_stale", f"crl:{newest.path.name}",
                params={"crl": newest.path.name, "current_until": current,
                        "crl_current_until": newest.next_update.isoformat()},
            )
        issued = newest.this_update.date().isoformat()
        return RevocationAnswer(Verdict.VALID, "revocation.not_listed", f"crl:{newest.path.name}",
                                params={"crl": newest.path.name, "issued": issued})


    def _from_another_generation(self, parsed: asn1_crl.CertificateList, issuer: CaCertificate) -> bool:
        if self.anchors is None:
            return False
        siblings = [ca for ca in self.anchors.named(issuer.name_key) if ca.der != issuer.der]
        return any(_crl_problem(parsed, ca) is None for ca in siblings)


def _crl_problem(parsed: asn1_crl.CertificateList, issuer: CaCertificate) -> str | None:
    """Why the list cannot be believed (a reason code), or ``None`` when its signature verifies with the
    issuer's key."""
    usage = load_certificate(issuer.der).key_usage_value
    if usage is not None and "crl_sign" not in usage.native:
        return "crl.no_crl_sign"
    if parsed.delta_crl_indicator_value is not None:
        return "crl.delta"
    try:
        verify_signed_by(
            issuer.der, parsed["signature_algorithm"], parsed["signature"].native, parsed["tbs_cert_list"].dump()
        )
    except VerificationError as exc:
        return error_reason(exc)[0]
    return None


@dataclass(frozen=True)
class RevocationChecker:
    """Every configured source, asked in order (module docstring for how answers combine)."""

    sources: tuple[RevocationSource, ...] = ()

    @classmethod
    def from_trust_store(cls, anchors: TrustStore, more: Iterable[RevocationSource] = ()) -> RevocationChecker:
        """The trust folder's CRLs, then ``more`` (an OCSP source from the settings)."""
        crl: tuple[RevocationSource, ...] = (CrlSource(anchors.crls, anchors),) if anchors.crls else ()
        return cls((*crl, *more))

    def check(self, der: bytes, anchors: TrustStore, at: dt.datetime) -> RevocationAnswer:
        """The revocation answer for a certificate whose chain to ``anchors`` was already verified."""
        try:
            issuer = choose_issuer(der, anchors)
            certificate = load_certificate(der)
        except VerificationError as exc:  # untrusted, altered or malformed: nothing to ask about
            return RevocationAnswer(Verdict.NOT_VERIFIABLE, "revocation.issuer_unverified",
                                    params={"problem": error_reason(exc)[0]})
        answers: list[RevocationAnswer] = []
        for source in self.sources:
            answer = source.lookup(certificate, issuer, at)
            if answer is None:
                continue
            if answer.verdict in (Verdict.REVOKED, Verdict.INVALID):
                return answer
            answers.append(answer)
        good = next((a for a in answers if a.verdict is Verdict.VALID), None)
        if good is not None:
            return good
        if answers:
            merged: dict[str, str | int | float] = {}
            for a in answers:
                merged.update(a.params)
            merged["parts"] = "|".join(a.code for a in answers)
            return RevocationAnswer(Verdict.NOT_VERIFIABLE, "revocation.inconclusive",
                                    ",".join(a.source for a in answers if a.source), params=merged)
        return RevocationAnswer(Verdict.NOT_VERIFIABLE, "revocation.not_checked")
