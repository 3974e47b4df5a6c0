"""Errors of the verification layer.

Hierarchy::

    KycDeskError
    └── VerificationError          a check could not be carried out or failed
        ├── SignatureInvalid       the data or certificate was altered, or signed by another key
        ├── DigestMismatch         a stored digest does not match the data it covers
        ├── ChainInvalid           a certificate chain is broken (wrong issuer, bad extensions)
        │   └── CertificateExpired a certificate is outside its validity period at the time checked
        ├── UnknownIssuer          no trust anchor for the issuer: NOTHING was checked
        ├── MalformedCertificate   a certificate or signed structure could not be parsed
        └── TrustStoreInvalid      a file in the trust folder is unusable (the message names the file)

``UnknownIssuer`` is kept apart from ``SignatureInvalid`` on purpose: it means nothing was checked, and
the user must be told so, never that the data is altered.
"""

from __future__ import annotations

from pathlib import PurePath

from kyc_desk.errors import KycDeskError


class VerificationError(KycDeskError):
    """A verification could not be carried out or failed."""

    default_ja = "検証できませんでした。"


class SignatureInvalid(VerificationError):
    """The signature does not match: the data was altered or signed by another key."""

    default_ja = "署名が一致しません（改ざんの疑い）。"


class DigestMismatch(VerificationError):
    """A digest stored beside the data does not match the data."""

    default_ja = "ハッシュ値が一致しません（改ざんの疑い）。"


class ChainInvalid(VerificationError):
    """The certificate chain is broken (expired, not issued by the anchor, wrong usage)."""

    default_ja = "証明書の検証に失敗しました。"


class CertificateExpired(ChainInvalid):
    """A certificate is not valid at the time of the check (expired, or not yet valid).

    Kept apart from altered data: an expired card certificate is an everyday event (a card past its
    renewal), not a sign of tampering, and the scrivener must be told which it is.
    """

    default_ja = "証明書が確認時点で有効期間外です。"


class UnknownIssuer(VerificationError):
    """No trust anchor is configured for the issuer, so nothing was checked."""

    default_ja = "発行者が信頼済みの一覧にありません（検証できません）。"


class MalformedCertificate(VerificationError):
    """A certificate or signed structure could not be parsed."""

    default_ja = "証明書または署名データの形式が不正です。"


class TrustStoreInvalid(VerificationError):
    """A file in the trust folder (docs/trust-store.md) cannot be used; ``path`` names it.

    The Japanese text names the file as the user sees it in the folder (its name, in 「」), not the
    English ``reason``.
    """

    default_ja = "信頼済み発行者フォルダのファイルが不正です。"

    def __init__(self, path: object, reason: str, *, ja: str | None = None) -> None:
        name = PurePath(str(path)).name
        super().__init__(
            f"trust store file {path}: {reason}",
            ja=ja or f"信頼済み発行者フォルダの「{name}」を使用できません。内容を確認するか取り除いてください。",
        )
        self.path = path
        self.reason = reason
