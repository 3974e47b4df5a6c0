"""The trust store: the issuers whose signatures the desk accepts, as files the user can see and extend.

A folder of PEM files (format in docs/trust-store.md):

- ``*.pem`` with ``CERTIFICATE`` blocks — X.509 CA certificates (the JPKI 署名用/利用者証明用認証局, and
  any other certificate issuer a card reader needs). Each must be a CA certificate.
- ``cvc-<32 hex digits>.pem`` with one ``PUBLIC KEY`` block — the RSA key of a card-verifiable-
  certificate issuer, named after its 16-byte issuer key id (e.g. the My Number card's
  ``5000033…`` for the 券面事項入力補助AP).

- ``*.crl`` — certificate revocation lists (DER or PEM), used by :mod:`kyc_desk.verify.revocation` for
  the certificates their issuer signed.

Files with other extensions are ignored (a README may sit there). A malformed ``.pem`` or ``.crl``
raises :class:`TrustStoreInvalid` naming the file: a store that silently skipped a file would turn a typo
into "unknown issuer" for every card.

The folder is chosen by :func:`trust_dir`: an explicit path (``--trust-dir``), else the environment
variable ``KYC_DESK_TRUST_DIR``, else ``desk_paths().config / "trust"``.

**Shipped anchors**: the three public JPKI signature CA roots (``resources/trust/jpki-sign-ca``, from
/work/shared/reference/trust) are package data and are loaded beside the folder's own (``source`` is
``"shipped"`` or ``"installed"``). They share one name with each other and with any test CA, which is why
issuers are chosen by key (:mod:`kyc_desk.verify.chain`). Their SHA-256 fingerprints are shown wherever
anchors are listed, so an office can compare them with J-LIS's published list.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Final, Literal

from asn1crypto import crl as asn1_crl
from asn1crypto import keys as asn1_keys
from asn1crypto import pem as asn1_pem
from asn1crypto import x509 as asn1_x509

from kyc_desk.paths import desk_paths
from kyc_desk.verify.errors import TrustStoreInvalid

log = logging.getLogger(__name__)

TRUST_DIR_ENV: Final = "KYC_DESK_TRUST_DIR"
_CVC_NAME: Final = re.compile(r"^cvc-([0-9A-Fa-f]{32})\.pem$")
#: The package folder of the anchors the desk ships (each ``*.pem`` one public CA certificate).
SHIPPED_DIR: Final = Path(__file__).resolve().parent.parent / "resources" / "trust"

Source = Literal["shipped", "installed"]


def fingerprint_text(der: bytes) -> str:
    """SHA-256 of ``der`` as J-LIS and openssl write it: upper-case hex pairs joined by colons."""
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


@dataclass(frozen=True)
class CaCertificate:
    """A trusted X.509 CA certificate."""

    path: Path
    der: bytes
    subject: bytes  # the DER of the subject name
    key_id: bytes | None  # SubjectKeyIdentifier, if present
    source: Source = "installed"

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the DER, upper-case hex (what docs/trust-store.md tells users to compare)."""
        return hashlib.sha256(self.der).hexdigest().upper()

    @property
    def name_key(self) -> object:
        """The subject as an RFC 5280 comparison key (string types, case and spaces folded)."""
        return asn1_x509.Name.load(self.subject).hashable


@dataclass(frozen=True)
class CrlFile:
    """A certificate revocation list found in the trust folder (not yet checked: its signature is verified
    against the issuer of the certificate it is used for, see :mod:`kyc_desk.verify.revocation`)."""

    path: Path
    der: bytes
    issuer: bytes  # DER of the issuer name
    authority_key_id: bytes | None
    this_update: dt.datetime
    next_update: dt.datetime | None
    entries: int
    source: Source = "installed"

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the DER, upper-case hex."""
        return hashlib.sha256(self.der).hexdigest().upper()

    @property
    def issuer_key(self) -> object:
        """The issuer as an RFC 5280 comparison key."""
        return asn1_x509.Name.load(self.issuer).hashable


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
    crls: tuple[CrlFile, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "cvc_issuers", MappingProxyType(dict(self.cvc_issuers)))

    @classmethod
    def from_certificates(cls, ders: Iterable[bytes]) -> TrustStore:
        """A store of the given CA certificates (DER), for callers that hold anchors as bytes."""
        return cls(None, tuple(_load_ca(Path("<memory>"), der) for der in ders))

    def named(self, name_key: object) -> list[CaCertificate]:
        """The anchors whose subject is this name (:attr:`CaCertificate.name_key`), every generation."""
        return [ca for ca in self.certificates if ca.name_key == name_key]

    def cvc_issuer(self, key_id: bytes) -> CvcIssuerKey | None:
        """The trusted key with this issuer key id, or ``None``."""
        return self.cvc_issuers.get(bytes(key_id))


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


def _load_ca(path: Path, der: bytes, source: Source = "installed") -> CaCertificate:
    try:
        cert = asn1_x509.Certificate.load(der)
        subject = cert.subject.dump()
        is_ca = cert.ca
        key_id = cert.key_identifier
    except (ValueError, TypeError) as exc:
        raise TrustStoreInvalid(path.name, "the certificate does not parse") from exc
    if not is_ca:
        raise TrustStoreInvalid(path.name, "not a CA certificate (basicConstraints CA is not set)")
    return CaCertificate(path, der, subject, key_id, source)


def load_ca_certificate(path: Path, der: bytes, source: Source = "installed") -> CaCertificate:
    """One CA certificate as the store holds it; :class:`TrustStoreInvalid` names ``path`` if unusable."""
    return _load_ca(path, der, source)


def is_cvc_file_name(name: str) -> bool:
    """``cvc-<32 hex digits>.pem``: a CVC issuer key file."""
    return _CVC_NAME.match(name) is not None


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


def load_crl(path: Path, data: bytes | None = None, source: Source = "installed") -> CrlFile:
    """Parse a CRL file (DER, or PEM ``X509 CRL``); :class:`TrustStoreInvalid` names a broken one."""
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise TrustStoreInvalid(path.name, f"cannot be read ({exc.strerror})") from exc
    der = data
    if asn1_pem.detect(data):
        try:
            blocks = list(asn1_pem.unarmor(data, multiple=True))
        except ValueError as exc:
            raise TrustStoreInvalid(path.name, "broken PEM armour") from exc
        if len(blocks) != 1 or blocks[0][0] != "X509 CRL":
            raise TrustStoreInvalid(path.name, "a .crl file must hold exactly one X509 CRL block")
        der = blocks[0][2]
    try:
        crl = asn1_crl.CertificateList.load(der, strict=True)
        tbs = crl["tbs_cert_list"]
        next_update = tbs["next_update"].native
        revoked = tbs["revoked_certificates"]
        entries = len(revoked) if revoked.native is not None else 0
        loaded = CrlFile(
            path,
            bytes(der),
            crl.issuer.dump(),
            crl.authority_key_identifier,
            tbs["this_update"].native,
            next_update,
            entries,
            source,
        )
    except (ValueError, TypeError, KeyError) as exc:
        raise TrustStoreInvalid(path.name, "the revocation list does not parse") from exc
    return loaded


def shipped_anchors() -> tuple[CaCertificate, ...]:
    """The CA certificates the desk ships (package data); a broken one is a packaging bug and raises."""
    found: list[CaCertificate] = []
    for path in sorted(SHIPPED_DIR.rglob("*.pem")):
        found.extend(_load_ca(path, der, "shipped") for _kind, der in _blocks(path))
    return tuple(found)


def load_trust_store(
    folder: Path | str | None = None, *, must_exist: bool | None = None, shipped: bool = True
) -> TrustStore:
    """Load the anchors of ``folder`` (see :func:`trust_dir` for the default) beside the shipped ones.

    ``must_exist`` (default: only when a folder was named explicitly or by the environment): a missing
    folder raises instead of giving a store of the shipped anchors only. ``shipped=False`` leaves the
    shipped anchors out (the trust-store listing of one folder's files, tests).
    """
    chosen = trust_dir(folder)
    if must_exist is None:
        must_exist = bool(folder) or bool(os.environ.get(TRUST_DIR_ENV))
    base = shipped_anchors() if shipped else ()
    if not chosen.is_dir():
        if must_exist:
            raise TrustStoreInvalid(
                chosen,
                "the trust folder does not exist",
                ja="信頼済み発行者フォルダが見つかりません。設定を確認してください。",
            )
        return TrustStore(chosen, base)
    certificates: list[CaCertificate] = []
    cvc: dict[bytes, CvcIssuerKey] = {}
    crls: list[CrlFile] = []
    for path in sorted(chosen.iterdir()):
        if path.suffix.lower() == ".crl" and path.is_file():
            crls.append(load_crl(path))
            continue
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
    installed = {ca.der for ca in certificates}
    merged = tuple(ca for ca in base if ca.der not in installed) + tuple(certificates)
    log.info(
        "trust store: %d CA certificates (%d shipped), %d CVC issuer keys, %d CRLs",
        len(merged), len(merged) - len(certificates), len(cvc), len(crls),
    )  # fmt: skip
    return TrustStore(chosen, merged, cvc, tuple(crls))
