"""運転免許証の電子署名 — what the desk can and cannot verify on a driver's licence.

DF1/EF07 電子署名 (578 bytes) holds a signature, a serial number, issuer and subject names and a subject
key identifier (cards.md §B.2), but its tags, the data it signs, the algorithm and where the police
(公安委員会) certificate comes from are **not public**. So by default the desk reports the check as
``NOT_VERIFIABLE`` ("not verifiable: issuer key unknown") and keeps the raw bytes with the reading, so
the card can be re-verified once the layout and key are known. It never says VALID without a
cryptographic check.

The right layout and key plug in without touching the reader: a :class:`LicenceSignatureScheme` is a
small object that recognises an EF07 it understands and verifies the reading's raw files with its own
key; :func:`register_licence_signature_scheme` adds one (or pass ``schemes=`` to the check). The first
scheme whose :meth:`~LicenceSignatureScheme.recognises` answers True decides; its verify errors become
INVALID, :class:`~kyc_desk.verify.errors.UnknownIssuer` becomes UNTRUSTED.

A second check reports recorded changes (EF04): items changed after issue are written by the police
later and are not covered by the issue-time signature, so they are listed as NOT_VERIFIABLE.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Final, Protocol

from kyc_desk.cards.apps.driver_licence.reader import FILE_SIGNATURE
from kyc_desk.cards.errors import MalformedData
from kyc_desk.cards.reading import CardReading
from kyc_desk.cards.tlv import parse_simple
from kyc_desk.verify.errors import (
    ChainInvalid,
    MalformedCertificate,
    SignatureInvalid,
    UnknownIssuer,
    VerificationError,
)
from kyc_desk.verify.reasons import error_reason
from kyc_desk.verify.report import Check, Verdict, VerificationReport

SIGNATURE_CHECK: Final = "driver_licence.signature"
CHANGES_CHECK: Final = "driver_licence.recorded_changes"


class LicenceSignatureScheme(Protocol):
    """A way to verify EF07: its name, how to recognise an EF07 it understands, and the check itself."""

    name: str

    def recognises(self, ef07: bytes) -> bool:
        """True when ``ef07`` has the layout this scheme knows (cheap, no cryptography)."""
        ...

    def verify(self, files: Mapping[str, bytes], *, at: dt.datetime) -> str:
        """Verify the reading's raw files; return a short detail (no personal data) or raise a verify error."""
        ...


_SCHEMES: list[LicenceSignatureScheme] = []


def register_licence_signature_scheme(scheme: LicenceSignatureScheme) -> None:
    """Add a scheme for every later check (e.g. at start-up once the real layout and key are configured)."""
    if any(existing.name == scheme.name for existing in _SCHEMES):
        raise ValueError(f"a licence signature scheme named {scheme.name!r} is already registered")
    _SCHEMES.append(scheme)


def registered_schemes() -> tuple[LicenceSignatureScheme, ...]:
    """The schemes registered so far (none ship with the desk)."""
    return tuple(_SCHEMES)


def check_signature(
    reading: CardReading, *, at: dt.datetime, schemes: Iterable[LicenceSignatureScheme] | None = None
) -> Check:
    """The EF07 check: NOT_PRESENT, NOT_VERIFIABLE, or the verdict of the scheme that recognises EF07."""
    ef07 = reading.signed_files.get(FILE_SIGNATURE)
    if not ef07 or not ef07.strip(b"\xff\x00"):
        refused = "DF1/EF07" in reading.extra.get("unread_files", "")
        return Check(SIGNATURE_CHECK, Verdict.NOT_PRESENT,
                     "licence.signature_file_refused" if refused else "licence.no_signature_file")
    for scheme in _SCHEMES if schemes is None else schemes:
        if not scheme.recognises(ef07):
            continue
        try:
            detail = scheme.verify(reading.signed_files, at=at)
        except UnknownIssuer as exc:
            return Check(SIGNATURE_CHECK, Verdict.UNTRUSTED, *_scheme_error(scheme, exc))
        except (SignatureInvalid, ChainInvalid, MalformedCertificate) as exc:
            return Check(SIGNATURE_CHECK, Verdict.INVALID, *_scheme_error(scheme, exc))
        return Check(SIGNATURE_CHECK, Verdict.VALID, "licence.signature_scheme_valid",
                     {"scheme": scheme.name, "detail": detail})
    return Check(SIGNATURE_CHECK, Verdict.NOT_VERIFIABLE, "licence.signature_layout_unknown",
                 signature_file_params(ef07))


def _scheme_error(scheme: LicenceSignatureScheme, exc: VerificationError) -> tuple[str, dict[str, str | int]]:
    reason, params = error_reason(exc)
    return reason, {**params, "scheme": scheme.name}


def signature_file_params(ef07: bytes) -> dict[str, str | int]:
    """What can be said about EF07 without its layout: its size and, if it parses as TLV, its tags."""
    body = ef07.rstrip(b"\xff")
    try:
        objects = parse_simple(body)
    except MalformedData:
        return {"size": len(ef07), "tags": "not one-byte-tag TLV"}
    return {"size": len(ef07), "tags": " ".join(f"{o.tag:02X}/{len(o.value)}" for o in objects) or "none"}


def check_recorded_changes(reading: CardReading) -> Check | None:
    """A NOT_VERIFIABLE check naming the changed items, or ``None`` when the card records no change."""
    changed = sorted(key.removeprefix("changed_") for key in reading.extra if key.startswith("changed_"))
    if reading.extra.get("recorded_changes") != "あり" and not changed:
        return None
    items = ", ".join(changed) if changed else "?"
    return Check(CHANGES_CHECK, Verdict.NOT_VERIFIABLE, "licence.changes_unsigned", {"items": items})


def check_driver_licence(
    reading: CardReading, *, at: dt.datetime, schemes: Iterable[LicenceSignatureScheme] | None = None
) -> VerificationReport:
    """The licence's checks: the signature (EF07) and, when present, the recorded changes."""
    checks = [check_signature(reading, at=at, schemes=schemes)]
    if (changes := check_recorded_changes(reading)) is not None:
        checks.append(changes)
    return VerificationReport(tuple(checks))
