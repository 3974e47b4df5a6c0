"""PAdES signatures with the scrivener's key on a PKCS#11 token (SoftHSM2), validated with pyHanko's own
validator: the signed 本人確認記録 validates and is trusted against the signer's certificate; one changed
byte fails; a wrong PIN is refused once and never retried; a missing token or key is named as such."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import warnings
from pathlib import Path
from typing import Any

import pytest

from kyc_desk.export.pdf import export_pdf, render_pdf
from kyc_desk.export.signing import (
    SigningPinIncorrect,
    TokenUnavailable,
    sign_pdf,
    token_status,
)
from kyc_desk.records.printing import audit_seal
from tests.export_pdf.conftest import OFFICE, USER_PIN, WORDING, Saved, SigningToken
from tests.export_pdf.pdf_tools import pdf_text

PRINTED = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)


def _validate(data: bytes, certificate_der: bytes) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from asn1crypto import x509
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.validation import validate_pdf_signature
        from pyhanko_certvalidator import ValidationContext

    context = ValidationContext(trust_roots=[x509.Certificate.load(certificate_der)])
    reader = PdfFileReader(io.BytesIO(data))
    assert len(reader.embedded_signatures) == 1
    return validate_pdf_signature(reader.embedded_signatures[0], context)


def _record_pdf(saved: Saved) -> bytes:
    seal = audit_seal(saved.store, saved.person.id)
    return render_pdf(
        "record", [saved.person], {saved.person.id: seal}, office=OFFICE, wording=WORDING, lang="ja", printed_at=PRINTED
    )


def test_signed_record_validates(saved: Saved, softhsm_token: SigningToken) -> None:
    signed = sign_pdf(_record_pdf(saved), softhsm_token.settings, USER_PIN, reason="本人確認記録", location="東京")
    status = _validate(signed, softhsm_token.certificate_der)
    assert status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"
    assert status.signing_cert.subject.native["common_name"] == "司法書士 山田太郎"


def test_one_changed_byte_fails_validation(saved: Saved, softhsm_token: SigningToken) -> None:
    signed = sign_pdf(_record_pdf(saved), softhsm_token.settings, USER_PIN, reason="本人確認記録")
    where = signed.index(b"/CreationDate (D:") + len(b"/CreationDate (D:") + 3  # a digit of the year
    altered = signed[:where] + bytes([signed[where] ^ 0x01]) + signed[where + 1 :]
    assert len(altered) == len(signed) and altered != signed
    status = _validate(altered, softhsm_token.certificate_der)
    assert not status.intact and not status.bottom_line


def test_untrusted_signer_is_not_trusted(saved: Saved, softhsm_token: SigningToken) -> None:
    """Intact but signed by a certificate the validator does not trust: valid signature, not trusted."""
    from cryptography import x509 as cx509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = cx509.Name([cx509.NameAttribute(NameOID.COMMON_NAME, "someone else")])
    now = dt.datetime.now(dt.UTC)
    other = (
        cx509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=9))
        .sign(key, hashes.SHA256())
    )
    signed = sign_pdf(_record_pdf(saved), softhsm_token.settings, USER_PIN, reason="本人確認記録")
    status = _validate(signed, other.public_bytes(serialization.Encoding.DER))
    assert status.intact and not status.trusted


def test_wrong_pin_is_refused_once(saved: Saved, softhsm_token: SigningToken, monkeypatch: pytest.MonkeyPatch) -> None:
    from kyc_desk.export import signing

    logins: list[str] = []
    find_token = signing._token

    class CountingToken:
        def __init__(self, token: Any) -> None:
            self._token = token

        def __getattr__(self, name: str) -> Any:
            return getattr(self._token, name)

        def open(self, **kwargs: Any) -> Any:
            logins.append(kwargs.get("user_pin", ""))
            return self._token.open(**kwargs)

    monkeypatch.setattr(signing, "_token", lambda settings: CountingToken(find_token(settings)))
    with pytest.raises(SigningPinIncorrect):
        sign_pdf(_record_pdf(saved), softhsm_token.settings, "000000", reason="本人確認記録")
    assert logins == ["000000"]  # one attempt with the PIN typed, never a second
    status = token_status(softhsm_token.settings)
    assert status.label == softhsm_token.settings.token_label and not status.pin_locked


def test_missing_token_and_key_are_named(saved: Saved, softhsm_token: SigningToken) -> None:
    data = _record_pdf(saved)
    with pytest.raises(TokenUnavailable):
        sign_pdf(data, dataclasses.replace(softhsm_token.settings, token_label="no-such-token"), USER_PIN, reason="x")
    with pytest.raises(TokenUnavailable):
        sign_pdf(data, dataclasses.replace(softhsm_token.settings, key_label="no-such-key"), USER_PIN, reason="x")
    with pytest.raises(TokenUnavailable):
        token_status(dataclasses.replace(softhsm_token.settings, module="/nonexistent/libvendor.so"))


def test_signed_export_is_written_and_audited(saved: Saved, softhsm_token: SigningToken, tmp_path: Path) -> None:
    out = tmp_path / "signed.pdf"
    result = export_pdf(
        saved.store,
        kind="record",
        out=out,
        actor="山田",
        office=OFFICE,
        wording=WORDING,
        lang="ja",
        record_ids=[saved.person.id],
        now=PRINTED,
        signer=lambda data: sign_pdf(data, softhsm_token.settings, USER_PIN, reason="本人確認記録"),
    )
    assert result.signed
    status = _validate(out.read_bytes(), softhsm_token.certificate_der)
    assert status.intact and status.valid and status.trusted
    assert "髙橋 﨑子" in pdf_text(out)
