"""Verification results as reports: one :class:`Check` per item, each with its own verdict.

Verdicts follow JMRTD's old ``VerificationStatus`` and what the scrivener must be told apart:

- ``VALID`` — checked cryptographically and correct (UI badge 署名検証OK);
- ``INVALID`` — checked and wrong: the data was altered (改ざんの疑い);
- ``SUSPECTED_COPY`` — the data may be genuine, but the chip is not the one it was issued for: the
  chip does not answer a fresh challenge with the key the issuer signed into the data (複製の疑い);
- ``UNTRUSTED`` — the issuer is not in the trust store, so nothing was checked (発行者不明);
- ``EXPIRED`` — the signature checks out, but a certificate on the way is outside its validity period
  at the time of the check (有効期間外) — not a sign of tampering;
- ``REVOKED`` — the certificate chains to a trusted CA but its issuer revoked it (失効); the check's
  facts carry the reason and the date, and the detail explains the reason (a JPKI signature certificate
  is revoked whenever the holder moves or changes their name: not a sign of fraud by itself);
- ``NOT_PRESENT`` — the card or submission does not carry what the check needs;
- ``NOT_VERIFIABLE`` — present but cannot be checked here (e.g. the driver's licence EF07 layout and
  key are not public) (検証不可);
- ``MISMATCH`` / ``CONSISTENT`` — cross-checks between sources (e.g. name on the card face and in the
  text AP) disagree or agree.

A report never says VALID without a cryptographic check behind it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field


class Verdict(enum.Enum):
    """The outcome of one check; the value is the stable JSON name."""

    VALID = "valid"
    INVALID = "invalid"
    SUSPECTED_COPY = "suspected_copy"
    UNTRUSTED = "untrusted"
    EXPIRED = "expired"
    REVOKED = "revoked"
    NOT_PRESENT = "not_present"
    NOT_VERIFIABLE = "not_verifiable"
    CONSISTENT = "consistent"
    MISMATCH = "mismatch"

    @property
    def ok(self) -> bool:
        """True only for verdicts that confirm something."""
        return self in (Verdict.VALID, Verdict.CONSISTENT)

    @property
    def badge_ja(self) -> str:
        """The short Japanese badge the UI shows."""
        return _BADGES_JA[self]

    @property
    def badge_en(self) -> str:
        """The short English badge the UI shows."""
        return _BADGES_EN[self]


_BADGES_JA = {
    Verdict.VALID: "署名検証OK",
    Verdict.INVALID: "改ざんの疑い",
    Verdict.SUSPECTED_COPY: "複製の疑い",
    Verdict.UNTRUSTED: "発行者不明",
    Verdict.EXPIRED: "有効期間外",
    Verdict.REVOKED: "失効",
    Verdict.NOT_PRESENT: "データなし",
    Verdict.NOT_VERIFIABLE: "検証不可",
    Verdict.CONSISTENT: "一致",
    Verdict.MISMATCH: "不一致",
}
_BADGES_EN = {
    Verdict.VALID: "Signature OK",
    Verdict.INVALID: "Possibly altered",
    Verdict.SUSPECTED_COPY: "Suspected copy",
    Verdict.UNTRUSTED: "Unknown issuer",
    Verdict.EXPIRED: "Outside validity",
    Verdict.REVOKED: "Revoked",
    Verdict.NOT_PRESENT: "Not present",
    Verdict.NOT_VERIFIABLE: "Not verifiable",
    Verdict.CONSISTENT: "Consistent",
    Verdict.MISMATCH: "Mismatch",
}


@dataclass(frozen=True)
class Check:
    """One verification item: a stable ``name`` (e.g. ``"card_face.signature"``), its verdict, and a
    human-readable ``detail`` free of personal data, and optional machine-readable ``facts`` (e.g. a
    revocation's ``reason`` and ``revoked_at``) that the JSON form carries beside them."""

    name: str
    verdict: Verdict
    detail: str = ""
    facts: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> dict[str, str]:
        """The ``checks`` entry of ``kyc-desk card read --json`` (facts never override the three keys)."""
        base = {"name": self.name, "status": self.verdict.value, "detail": self.detail}
        return {**dict(self.facts), **base}


@dataclass(frozen=True)
class VerificationReport:
    """All checks of one reading or submission, in the order they were made."""

    checks: tuple[Check, ...] = field(default_factory=tuple)

    def __iter__(self) -> Iterator[Check]:
        return iter(self.checks)

    def __len__(self) -> int:
        return len(self.checks)

    def with_checks(self, more: Iterable[Check]) -> VerificationReport:
        """A new report with ``more`` appended."""
        return VerificationReport((*self.checks, *more))

    def get(self, name: str) -> Check | None:
        """The check with this name, if made."""
        return next((c for c in self.checks if c.name == name), None)

    @property
    def all_ok(self) -> bool:
        """True when every check confirmed its item (an empty report is not OK)."""
        return bool(self.checks) and all(c.verdict.ok for c in self.checks)

    def to_json(self) -> list[dict[str, str]]:
        return [c.to_json() for c in self.checks]
