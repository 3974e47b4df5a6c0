"""The trust store: the issuers whose signatures the desk accepts, as files the user can see and extend.

A folder of PEM files (format in docs/trust-store.md):

- ``*.pem`` with ``CERTIFICATE`` blocks — X.509 CA certificates (the JPKI 署名用/利用者証明用認証局, and
  any other certificate issuer a card reader needs). Each must be a CA certificate.
- ``cvc-<32 hex digits>.pem`` with one ``PUBLIC KEY`` block — the RSA key of a card-verifiable-
  certificate issuer, named after its 16-byte issuer key id (e.g. the My Number card's
  ``5000033…`` for the 券面事項入力補助AP).

Files with other extensions are ignored (a README may sit there). A malformed ``.pem`` raises
:class:`TrustStoreInvalid` naming the file: a store that silently skipped a file would turn a typo into
"unknown issuer" for every card.

The folder is chosen by :func:`trust_dir`: an explicit path (``--trust-dir``), else the environment
variable ``KYC_DESK_TRUST_DIR``, else ``desk_paths().config / "trust"``. The desk ships no anchors:
production JPKI CA certificates come from J-LIS, and tests install their own test anchors.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Final

from asn1crypto import keys as asn1_keys
from asn1crypto import pem as asn1_pem
from asn1crypto import x509 as asn1_x509

from kyc_desk.paths import desk_paths
from kyc_desk.verify.errors import TrustStoreInvalid

log = logging.getLogger(__name__)

TRUST_DIR_ENV: Final = "KYC_DESK_TRUST_DIR"
_CVC_NAME: Final = re.compile(r"^cvc-([0-9A-Fa-f]{32})\.pem$")


@dataclass(frozen=True)
class CaCertificate:
    """A trusted X.509 CA certificate."""

    path: Path
    der: bytes
    subject: bytes  # the DER of the subject name, compared byte for byte with issuers
    key_id: bytes | None  # SubjectKeyIdentifier, if present

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the DER, upper-case hex (what docs/trust-store.md tells users to compare)."""
        return hashlib.sha256(self.der).hexdigest().upper()


@dataclass(frozen=True)
class CvcIssuerKey:
    """A trusted issuer of card-verifiable certificates: its key id and RSA public key."""

    path: Path
    key_id: bytes
    modulus: int
    exponent: int


@dataclass(frozen=True)
class TrustStore:
    """The anchors loaded from one folder (empty if the default folder does not exist)."""

    folder: Path | None = None
    certificates: tuple[CaCertificate, ...] = ()
    cvc_issuers: Mapping[bytes, CvcIssuerKey] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "cvc_issuers", MappingProxyType(dict(self.cvc_issuers)))

    def cvc_issuer(self, key_id: bytes) -> CvcIssuerKey | None:
        """The trusted key with this issuer key id, or ``None``."""
        return self.cvc_issuers.get(bytes(key_id))

    def issuers_of(self, issuer_name: bytes, authority_key_id: bytes | None) -> list[CaCertificate]:
        """Anchors that may have issued a certificate: same subject name and, when the certificate names
        its authority key id, the same key id (JPKI CA generations share one name, cards.md §A.6)."""
        return [
            ca
            for ca in self.certificates
            if ca.subject == issuer_name and (authority_key_id is None or ca.key_id in (None, authority_key_id))
        ]


def trust_dir(explicit: Path | str | None = None) -> Path:
    """The trust folder: ``explicit``, else ``$KYC_DESK_TRUST_DIR``, else the config folder's ``trust``."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(TRUST_DIR_ENV)
    if env:
        return Path(env).expanduser()
    return desk_paths().config / "trust"


def _blocks(path: Path) -> list[tuple[str, bytes]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TrustStoreInvalid(path.name, f"cannot be read ({exc.strerror})") from exc
    if not asn1_pem.detect(data):
        raise TrustStoreInvalid(path.name, "not a PEM file")
    try:
        return [(kind, der) for kind, _headers, der in asn1_pem.unarmor(data, multiple=True)]
    except ValueError as exc:
        raise TrustStoreInvalid(path.name, "broken PEM armour") from exc


def _load_ca(path: Path, der: bytes) -> CaCertificate:
    try:
        cert = asn1_x509.Certificate.load(der)
        subject = cert.subject.dump()
        is_ca = cert.ca
        key_id = cert.key_identifier
    except (ValueError, TypeError) as exc:
        raise TrustStoreInvalid(path.name, "the certificate does not parse") from exc
    if not is_ca:
        raise TrustStoreInvalid(path.name, "not a CA certificate (basicConstraints CA is not set)")
    return CaCertificate(path, der, subject, key_id)


def _load_cvc_key(path: Path, key_hex: str, blocks: list[tuple[str, bytes]]) -> CvcIssuerKey:
    if len(blocks) != 1 or blocks[0][0] != "PUBLIC KEY":
        raise TrustStoreInvalid(path.name, "a cvc-*.pem file must hold exactly one PUBLIC KEY block")
    try:
        info = asn1_keys.PublicKeyInfo.load(blocks[0][1])
        if info.algorithm != "rsa":
            raise TrustStoreInvalid(path.name, "the key is not an RSA key")
        numbers = info["public_key"].parsed
        modulus, exponent = int(numbers["modulus"].native), int(numbers["public_exponent"].native)
    except (ValueError, TypeError, KeyError) as exc:
        raise TrustStoreInvalid(path.name, "the public key does not parse") from exc
    if modulus.bit_length() < 1024 or exponent < 3:
        raise TrustStoreInvalid(path.name, "the RSA key is too small")
    return CvcIssuerKey(path, bytes.fromhex(key_hex), modulus, exponent)


def load_trust_store(folder: Path | str | None = None, *, must_exist: bool | None = None) -> TrustStore:
    """Load the anchors of ``folder`` (see :func:`trust_dir` for the default).

    ``must_exist`` (default: only when a folder was named explicitly or by the environment): a missing
    folder raises instead of giving an empty store.
    """
    chosen = trust_dir(folder)
    if must_exist is None:
        must_exist = bool(folder) or bool(os.environ.get(TRUST_DIR_ENV))
    if not chosen.is_dir():
        if must_exist:
            raise TrustStoreInvalid(
                chosen,
                "the trust folder does not exist",
                ja="信頼済み発行者フォルダが見つかりません。設定を確認してください。",
            )
        return TrustStore(chosen)
    certificates: list[CaCertificate] = []
    cvc: dict[bytes, CvcIssuerKey] = {}
    for path in sorted(chosen.iterdir()):
        if path.suffix.lower() != ".pem" or not path.is_file():
            continue
        blocks = _blocks(path)
        if match := _CVC_NAME.match(path.name):
            key = _load_cvc_key(path, match.group(1), blocks)
            cvc[key.key_id] = key
            continue
        if path.name.lower().startswith("cvc-"):
            raise TrustStoreInvalid(path.name, "cvc-*.pem files are named cvc-<32 hex digits>.pem")
        if not blocks or any(kind != "CERTIFICATE" for kind, _der in blocks):
            raise TrustStoreInvalid(path.name, "expected CERTIFICATE blocks only")
        certificates.extend(_load_ca(path, der) for _kind, der in blocks)
    log.info("trust store: %d CA certificates, %d CVC issuer keys", len(certificates), len(cvc))
    return TrustStore(chosen, tuple(certificates), cvc)
