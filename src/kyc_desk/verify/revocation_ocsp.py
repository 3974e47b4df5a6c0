"""OCSP (RFC 6960) revocation checks against a responder named in the settings.

J-LIS answers OCSP only for registered verifiers; an office that is not one reaches it through a platform
operator (プラットフォーム事業者), often over HTTPS with a client certificate the operator issues. The settings
name the responder URL and, optionally, a PEM file holding that client certificate and its key.

A request asks about one certificate (CertID with SHA-1 hashes of the issuer's name and key, as RFC 6960
requires every responder to understand) and carries a fresh nonce. The answer is believed only when:

- the response is signed (sha256WithRSA) by the issuer CA itself, or by a responder certificate that the
  issuer CA signed, that carries the OCSPSigning extended key usage and is valid now;
- a nonce in the response, if any, is ours (a replayed answer is ``invalid``);
- its single response is about our certificate and is not past its next update.

Otherwise: a response that fails its signature or nonce is ``invalid`` (never trusted); a responder that
cannot be reached, answers an error, or says ``unknown`` gives ``not_verifiable`` with the reason — the
desk works offline and never turns a failed query into ``valid``.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from asn1crypto import ocsp as asn1_ocsp
from asn1crypto import x509 as asn1_x509

from kyc_desk.verify._primitives import verify_certificate_issued_by
from kyc_desk.verify.errors import VerificationError
from kyc_desk.verify.report import Verdict
from kyc_desk.verify.revocation import (
    RevocationAnswer,
    RevocationChecker,
    RevocationSource,
    revoked_answer,
    verify_signed_by,
)
from kyc_desk.verify.trust import CaCertificate, TrustStore

log = logging.getLogger(__name__)

TIMEOUT_SECONDS: Final = 10.0
MAX_RESPONSE_BYTES: Final = 1 << 20
#: Clock skew allowed between the desk and the responder.
SKEW: Final = dt.timedelta(minutes=5)


#: OCSPResponseStatus (RFC 6960 §4.2.1) as the office reads it.
OCSP_STATUS_JA: Final = {
    "malformed_request": "OCSPレスポンダが要求を受け付けませんでした（形式の誤り）。",
    "internal_error": "OCSPレスポンダ側でエラーが発生しました。時間をおいて再度お試しください。",
    "try_later": "OCSPレスポンダが混み合っています。時間をおいて再度お試しください。",
    "sign_required": "OCSPレスポンダが署名付きの要求を求めています。設定を確認してください。",
    "unauthorized": "OCSPレスポンダが要求を拒否しました。クライアント証明書の設定を確認してください。",
}


class OcspFailure(VerificationError):
    """The OCSP exchange failed; ``verdict`` says whether the answer was untrustworthy or just absent."""

    default_ja = "OCSPによる失効確認ができませんでした。"

    def __init__(self, message: str, *, ja: str, verdict: Verdict = Verdict.NOT_VERIFIABLE) -> None:
        super().__init__(message, ja=ja)
        self.verdict = verdict


def build_request(certificate: asn1_x509.Certificate, issuer: asn1_x509.Certificate, nonce: bytes) -> bytes:
    """The DER OCSPRequest for one certificate, with a nonce extension."""
    cert_id = asn1_ocsp.CertId(
        {
            "hash_algorithm": {"algorithm": "sha1"},
            "issuer_name_hash": issuer.subject.sha1,
            "issuer_key_hash": issuer.public_key.sha1,
            "serial_number": certificate.serial_number,
        }
    )
    request = asn1_ocsp.OCSPRequest(
        {
            "tbs_request": {
                "request_list": [{"req_cert": cert_id}],
                "request_extensions": [{"extn_id": "nonce", "critical": False, "extn_value": nonce}],
            }
        }
    )
    return bytes(request.dump())


@dataclass(frozen=True)
class OcspSource:
    """An OCSP responder (module docstring). ``client_certificate``: PEM with the certificate and key."""

    url: str
    client_certificate: Path | None = None
    timeout: float = TIMEOUT_SECONDS

    def lookup(
        self, certificate: asn1_x509.Certificate, issuer: CaCertificate, at: dt.datetime
    ) -> RevocationAnswer | None:
        source = f"ocsp:{self.url}"
        issuer_cert = asn1_x509.Certificate.load(issuer.der)
        nonce = os.urandom(16)
        try:
            body = self._post(build_request(certificate, issuer_cert, nonce))
            return self._answer(body, certificate, issuer, issuer_cert, nonce, source)
        except OcspFailure as exc:
            return RevocationAnswer(exc.verdict, "error.OcspFailure", source, params={"detail": exc.message})

    def _post(self, request: bytes) -> bytes:
        context = None
        if self.url.lower().startswith("https:"):
            context = ssl.create_default_context()
            if self.client_certificate is not None:
                try:
                    context.load_cert_chain(self.client_certificate)
                except (OSError, ssl.SSLError) as exc:
                    raise OcspFailure(
                        f"the OCSP client certificate {self.client_certificate.name} cannot be used",
                        ja=f"OCSPのクライアント証明書 {self.client_certificate.name} を使用できません。",
                    ) from exc
        http_request = urllib.request.Request(
            self.url, data=request, method="POST", headers={"Content-Type": "application/ocsp-request"}
        )
        try:
            with urllib.request.urlopen(http_request, timeout=self.timeout, context=context) as response:
                body: bytes = response.read(MAX_RESPONSE_BYTES + 1)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            log.info("OCSP responder not reached: %s", type(exc).__name__)
            raise OcspFailure(
                f"the OCSP responder could not be reached ({type(exc).__name__}): working offline, not checked",
                ja="OCSPレスポンダに接続できません（オフライン）。失効確認は未実施です。",
            ) from exc
        if len(body) > MAX_RESPONSE_BYTES:
            raise OcspFailure("the OCSP response is too large", ja="OCSP応答が大きすぎます。")
        return body

    def _answer(
        self,
        body: bytes,
        certificate: asn1_x509.Certificate,
        issuer: CaCertificate,
        issuer_cert: asn1_x509.Certificate,
        nonce: bytes,
        source: str,
    ) -> RevocationAnswer:
        try:
            response = asn1_ocsp.OCSPResponse.load(body, strict=True)
            status = response["response_status"].native
        except (ValueError, TypeError, KeyError) as exc:
            raise OcspFailure("the OCSP response does not parse", ja="OCSP応答の形式が不正です。") from exc
        if status != "successful":
            raise OcspFailure(
                f"the OCSP responder answered {status}",
                ja=OCSP_STATUS_JA.get(str(status), "OCSPレスポンダが失効確認に応じませんでした。"),
            )
        try:
            basic = response.basic_ocsp_response
            tbs = basic["tbs_response_data"]
            singles = list(tbs["responses"])
            _ = tbs.native
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise OcspFailure("the OCSP response does not parse", ja="OCSP応答の形式が不正です。") from exc
        signer_der = _signer(basic, issuer, issuer_cert)
        try:
            verify_signed_by(signer_der, basic["signature_algorithm"], basic["signature"].native, tbs.dump())
        except VerificationError as exc:
            raise _untrusted(f"its signature does not verify ({exc.message})") from exc
        echoed = response.nonce_value
        if echoed is not None and echoed.native != nonce:
            raise _untrusted("it answers another request (nonce differs: replayed)")
        now = dt.datetime.now(dt.UTC)
        for single in singles:
            cert_id = single["cert_id"]
            if (
                cert_id["serial_number"].native != certificate.serial_number
                or cert_id["hash_algorithm"]["algorithm"].native != "sha1"
                or cert_id["issuer_name_hash"].native != issuer_cert.subject.sha1
                or cert_id["issuer_key_hash"].native != issuer_cert.public_key.sha1
            ):
                continue
            this_update, next_update = single["this_update"].native, single["next_update"].native
            if this_update > now + SKEW:
                raise _untrusted("it is dated in the future")
            if next_update is not None and next_update < now - SKEW:
                raise OcspFailure(
                    f"the OCSP answer was current until {next_update.date().isoformat()}: too old",
                    ja=f"OCSP応答は {next_update.date().isoformat()} までのもので古いため使用できません。",
                )
            state = single["cert_status"]
            produced = tbs["produced_at"].native.date().isoformat()
            if state.name == "good":
                return RevocationAnswer(Verdict.VALID, "revocation.ocsp_good", source, params={"produced": produced})
            if state.name == "revoked":
                info = state.chosen
                reason = info["revocation_reason"].native if info["revocation_reason"].native is not None else None
                return revoked_answer(source, reason, info["revocation_time"].native)
            raise OcspFailure(
                "the OCSP responder does not know this certificate", ja="OCSPレスポンダはこの証明書を知りません。"
            )
        raise OcspFailure(
            "the OCSP response is not about this certificate", ja="OCSP応答はこの証明書についてのものではありません。"
        )


def _untrusted(why: str) -> OcspFailure:
    return OcspFailure(
        f"the OCSP response is not trusted: {why}",
        ja="OCSP応答の署名または内容を確認できません（信頼しません）。",
        verdict=Verdict.INVALID,
    )


def _signer(basic: asn1_ocsp.BasicOCSPResponse, issuer: CaCertificate, issuer_cert: asn1_x509.Certificate) -> bytes:
    """The DER certificate whose key must have signed the response: the issuer CA, or a delegated responder
    certificate the issuer CA signed (RFC 6960 §4.2.2.2)."""
    responder = basic["tbs_response_data"]["responder_id"]

    def names(cert: asn1_x509.Certificate) -> bool:
        if responder.name == "by_key":
            return bool(responder.chosen.native == cert.public_key.sha1)
        return bool(responder.chosen == cert.subject)

    if names(issuer_cert):
        return issuer.der
    now = dt.datetime.now(dt.UTC)
    for cert in basic["certs"] or ():
        if not names(cert):
            continue
        der = bytes(cert.dump())
        try:
            verify_certificate_issued_by(der, issuer.der)
        except VerificationError as exc:
            raise _untrusted("the responder certificate is not issued by the certificate's CA") from exc
        usage = cert.extended_key_usage_value
        if usage is None or "ocsp_signing" not in usage.native:
            raise _untrusted("the responder certificate lacks the OCSPSigning usage")
        if not cert.not_valid_before - SKEW <= now <= cert.not_valid_after + SKEW:
            raise _untrusted("the responder certificate is outside its validity")
        return der
    raise _untrusted("it is signed neither by the CA nor by a responder certificate the CA issued")


def desk_revocation(
    anchors: TrustStore, *, ocsp_url: str = "", ocsp_client_certificate: str = ""
) -> RevocationChecker:
    """The desk's revocation sources: the trust folder's CRLs, then the OCSP responder of the settings."""
    more: list[RevocationSource] = []
    if ocsp_url:
        client = Path(ocsp_client_certificate).expanduser() if ocsp_client_certificate else None
        more.append(OcspSource(ocsp_url, client))
    return RevocationChecker.from_trust_store(anchors, more)
