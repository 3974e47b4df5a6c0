"""Managing the trust store: list what is trusted, inspect a file before installing it, install, remove.

One model for ``kyc-desk trust list|add|remove`` and the window's trust-store dialog. Every entry carries
what an office needs to decide: the subject (or a CRL's issuer), the validity, the SHA-256 fingerprint
(compare it with the issuer's published value before trusting anything) and the source — ``shipped``
(package data, cannot be removed here) or ``installed`` (a file in the trust folder).

Installing copies the file into the folder only after the whole folder, with the new file, still loads
(:func:`kyc_desk.verify.trust.load_trust_store`): a file the desk would refuse later is refused now. A DER
certificate is written as PEM (the store reads ``.pem``); a CRL keeps its bytes under ``.crl``.

Residence-card roots are pinned (:mod:`kyc_desk.verify.residence_anchors`): a certificate presenting itself
as ISA's "ZairyuCard CA"/"CA2" is accepted only when its SHA-256 fingerprint is one ISA published, and the
entry says which anchor it is; ISA's test root only with ``test_mode``. ISA's ZIP archive of roots is
taken whole (all its certificates, one PEM file) or not at all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from asn1crypto import crl as asn1_crl
from asn1crypto import keys as asn1_keys
from asn1crypto import pem as asn1_pem
from asn1crypto import x509 as asn1_x509

from kyc_desk.verify.errors import TrustStoreInvalid, VerificationError
from kyc_desk.verify.residence_anchors import PinnedAnchor, admit
from kyc_desk.verify.trust import (
    CaCertificate,
    CrlFile,
    CvcIssuerKey,
    TrustStore,
    fingerprint_text,
    is_cvc_file_name,
    load_ca_certificate,
    load_crl,
    load_trust_store,
    trust_dir,
)

EntryKind = Literal["ca_certificate", "cvc_issuer_key", "crl"]


@dataclass(frozen=True)
class TrustEntry:
    """One trusted item as the listing shows it."""

    kind: EntryKind
    subject: str
    not_before: dt.datetime | None
    not_after: dt.datetime | None
    fingerprint: str  # SHA-256, colon-separated upper-case hex
    source: str  # "shipped" | "installed" | "candidate" (a file not yet installed)
    file: str
    status: str = ""  # CRLs: whose key verifies it
    anchor: str = ""  # a pinned residence-card root: which one ("ZairyuCard CA 2018")

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "subject": self.subject,
            "not_before": self.not_before.isoformat() if self.not_before else None,
            "not_after": self.not_after.isoformat() if self.not_after else None,
            "fingerprint": self.fingerprint,
            "source": self.source,
            "file": self.file,
            **({"status": self.status} if self.status else {}),
            **({"anchor": self.anchor} if self.anchor else {}),
        }


class TrustAdminError(VerificationError):
    """A trust-store change cannot be made (the message says why; nothing was changed)."""

    default_ja = "信頼済み発行者フォルダを変更できません。"


_SHORT = {"country_name": "C", "organization_name": "O", "organizational_unit_name": "OU", "common_name": "CN",
          "locality_name": "L", "state_or_province_name": "ST", "serial_number": "SERIALNUMBER"}  # fmt: skip


def short_name(name: asn1_x509.Name) -> str:
    """A name as ``C=JP, O=JPKI, OU=…`` in the certificate's order (how openssl and J-LIS write it)."""
    parts = []
    for rdn in name.chosen:
        for attribute in rdn:
            kind = attribute["type"].native
            parts.append(f"{_SHORT.get(kind, kind)}={attribute['value'].native}")
    return ", ".join(parts)


def _ca_entry(ca: CaCertificate, source: str | None = None) -> TrustEntry:
    cert = asn1_x509.Certificate.load(ca.der)
    return TrustEntry(
        "ca_certificate", short_name(cert.subject), cert.not_valid_before, cert.not_valid_after,
        fingerprint_text(ca.der), source or ca.source, ca.path.name,
    )  # fmt: skip


def _cvc_entry(key: CvcIssuerKey, source: str = "installed") -> TrustEntry:
    der = asn1_keys.PublicKeyInfo(
        {
            "algorithm": {"algorithm": "rsa"},
            "public_key": asn1_keys.RSAPublicKey({"modulus": key.modulus, "public_exponent": key.exponent}),
        }
    ).dump()  # the fingerprint of the key (SubjectPublicKeyInfo DER), whatever the file's line breaks
    label = f"CVC issuer key {key.key_id[:7].decode('ascii', 'replace')} ({key.key_id.hex().upper()})"
    return TrustEntry("cvc_issuer_key", label, None, None, fingerprint_text(der), source, key.path.name)


def crl_status(crl: CrlFile, anchors: TrustStore) -> str:
    """Whose key verifies the CRL: ``verified`` (with the anchor), ``signature invalid`` or ``issuer not
    installed`` — a CRL whose signature fails is never used (:mod:`kyc_desk.verify.revocation`)."""
    from kyc_desk.verify.revocation import verify_signed_by

    named = anchors.named(crl.issuer_key)
    if not named:
        return "issuer not installed"
    parsed = asn1_crl.CertificateList.load(crl.der)
    for ca in named:
        try:
            verify_signed_by(ca.der, parsed["signature_algorithm"], parsed["signature"].native,
                             parsed["tbs_cert_list"].dump())  # fmt: skip
        except VerificationError:
            continue
        return f"verified by {ca.fingerprint[:16]}…"
    return "signature invalid"


def _crl_entry(crl: CrlFile, anchors: TrustStore, source: str | None = None) -> TrustEntry:
    issuer = short_name(asn1_x509.Name.load(crl.issuer))
    return TrustEntry(
        "crl", f"CRL of {issuer} ({crl.entries} revoked)", crl.this_update, crl.next_update,
        fingerprint_text(crl.der), source or crl.source, crl.path.name, crl_status(crl, anchors),
    )  # fmt: skip


def list_entries(folder: Path | str | None = None) -> list[TrustEntry]:
    """Everything trusted: the shipped anchors, then the folder's CA certificates, CVC keys and CRLs."""
    anchors = load_trust_store(folder)
    entries = [_ca_entry(ca) for ca in anchors.certificates]
    entries += [_cvc_entry(key) for key in anchors.cvc_issuers.values()]
    entries += [_crl_entry(crl, anchors) for crl in anchors.crls]
    return entries


#: Bounds on a ZIP archive of certificates (ISA's holds a handful of small files).
_ZIP_MAX_MEMBERS = 32
_ZIP_MAX_MEMBER_BYTES = 64 * 1024
_CERTIFICATE_SUFFIXES = (".cer", ".crt", ".der", ".pem")


def _is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def _certificates_in_zip(path: Path) -> list[bytes]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            if len(members) > _ZIP_MAX_MEMBERS:
                raise TrustStoreInvalid(path.name, f"the archive holds more than {_ZIP_MAX_MEMBERS} files")
            ders: list[bytes] = []
            for member in members:
                if not member.filename.lower().endswith(_CERTIFICATE_SUFFIXES):
                    continue
                if member.file_size > _ZIP_MAX_MEMBER_BYTES:
                    raise TrustStoreInvalid(path.name, f"{member.filename} is too large for a certificate")
                ders += _certificates_in(Path(member.filename), archive.read(member))
    except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
        raise TrustStoreInvalid(path.name, "not a readable ZIP archive") from exc
    return ders


def _certificates_in(path: Path, data: bytes) -> list[bytes]:
    if _is_zip(data):
        return _certificates_in_zip(path)
    if asn1_pem.detect(data):
        try:
            blocks = list(asn1_pem.unarmor(data, multiple=True))
        except ValueError as exc:
            raise TrustStoreInvalid(path.name, "broken PEM armour") from exc
        return [der for kind, _h, der in blocks if kind == "CERTIFICATE"]
    return [data]


def inspect_file(
    path: Path,
    folder: Path | str | None = None,
    *,
    test_mode: bool = False,
    pins: Sequence[PinnedAnchor] | None = None,
) -> list[TrustEntry]:
    """What installing ``path`` would add (source ``candidate``); :class:`TrustStoreInvalid` if unusable.

    A certificate presenting itself as ISA's residence-card root must be pinned
    (:func:`~kyc_desk.verify.residence_anchors.admit` raises ResidenceAnchorRefused otherwise); ``pins``
    replaces the pinned list in tests only.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TrustStoreInvalid(path.name, f"cannot be read ({exc.strerror})") from exc
    anchors = load_trust_store(folder)
    if path.suffix.lower() == ".crl" or (asn1_pem.detect(data) and b"X509 CRL" in data[:64]):
        return [_crl_entry(load_crl(path, data), anchors, "candidate")]
    if is_cvc_file_name(path.name):
        probe = _probe_folder(path.name, data)
        try:
            key = next(iter(probe.cvc_issuers.values()))
        finally:
            shutil.rmtree(probe.folder or "", ignore_errors=True)
        return [_cvc_entry(CvcIssuerKey(path, key.key_id, key.modulus, key.exponent), "candidate")]
    ders = _certificates_in(path, data)
    if not ders:
        raise TrustStoreInvalid(path.name, "no certificate, CRL or CVC issuer key in the file")
    entries = []
    for der in ders:
        pin = admit(der, test_mode=test_mode, pins=pins)
        entry = _ca_entry(load_ca_certificate(path, der), "candidate")
        if pin is not None:
            label = f"{pin.label} (TEST)" if pin.test else pin.label
            entry = dataclasses.replace(entry, anchor=label)
        entries.append(entry)
    return entries


def _probe_folder(name: str, data: bytes) -> TrustStore:
    probe = Path(tempfile.mkdtemp(prefix="kyc-trust-probe-"))
    (probe / name).write_bytes(data)
    try:
        return load_trust_store(probe, shipped=False)
    except TrustStoreInvalid:
        shutil.rmtree(probe, ignore_errors=True)
        raise


def _target_name(path: Path, data: bytes) -> tuple[str, bytes]:
    if _is_zip(data):
        return path.stem + ".pem", b"".join(asn1_pem.armor("CERTIFICATE", der) for der in _certificates_in_zip(path))
    if path.suffix.lower() == ".crl" or is_cvc_file_name(path.name):
        return path.name, data
    if asn1_pem.detect(data):
        return (path.name if path.suffix.lower() == ".pem" else path.stem + ".pem"), data
    return path.stem + ".pem", asn1_pem.armor("CERTIFICATE", data)


def install(
    path: Path,
    folder: Path | str | None = None,
    *,
    test_mode: bool = False,
    pins: Sequence[PinnedAnchor] | None = None,
) -> Path:
    """Copy ``path`` into the trust folder (after :func:`inspect_file` and the user's confirmation).

    Refuses a file already trusted (same fingerprint) or a name already taken; the folder is checked with
    the new file before it is written, so nothing changes on any error.
    """
    target_dir = trust_dir(folder)
    entries = inspect_file(path, folder, test_mode=test_mode, pins=pins)
    trusted = {entry.fingerprint for entry in list_entries(folder)} if target_dir.is_dir() else set()
    already = [entry for entry in entries if entry.fingerprint in trusted]
    if already:
        raise TrustAdminError(
            f"already trusted: {already[0].fingerprint}", ja=f"すでに信頼済みです: {already[0].fingerprint}"
        )
    name, data = _target_name(path, path.read_bytes())
    target = target_dir / name
    if target.exists():
        raise TrustAdminError(
            f"the trust folder already has a file named {name}", ja=f"同じ名前のファイル {name} がすでにあります。"
        )
    target_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".adding-", suffix=".tmp", dir=target_dir)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, target)
        try:
            load_trust_store(target_dir)
        except TrustStoreInvalid:
            target.unlink()
            raise
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def _normalise(fingerprint: str) -> str:
    return fingerprint.replace(":", "").replace(" ", "").upper()


def find_installed(key: str, folder: Path | str | None = None) -> TrustEntry:
    """The installed entry whose fingerprint (any case, colons optional; at least 8 hex digits as a
    prefix) or file name is ``key``; shipped anchors are refused with a clear error."""
    wanted = _normalise(key)
    matches = [
        entry
        for entry in list_entries(folder)
        if entry.file == key or (len(wanted) >= 8 and _normalise(entry.fingerprint).startswith(wanted))
    ]
    if not matches:
        raise TrustAdminError(f"nothing trusted matches {key}", ja=f"{key} に一致する信頼済みの項目はありません。")
    if any(entry.source == "shipped" for entry in matches):
        raise TrustAdminError(
            "a shipped anchor cannot be removed (it is part of the desk)",
            ja="同梱の信頼済み証明書は削除できません（デスクの一部です）。",
        )
    if len(matches) > 1 and len({entry.file for entry in matches}) > 1:
        raise TrustAdminError(f"{key} matches several files", ja=f"{key} に一致するファイルが複数あります。")
    return matches[0]


def remove(entry: TrustEntry, folder: Path | str | None = None) -> Path:
    """Remove an installed entry: its file, or its certificate from a file that holds several."""
    path = trust_dir(folder) / entry.file
    if entry.kind != "ca_certificate":
        path.unlink()
        return path
    data = path.read_bytes()
    blocks = list(asn1_pem.unarmor(data, multiple=True))
    rest = [der for _kind, _h, der in blocks if fingerprint_text(der) != entry.fingerprint]
    if not rest:
        path.unlink()
    else:
        path.write_bytes(b"".join(asn1_pem.armor("CERTIFICATE", der) for der in rest))
    return path
