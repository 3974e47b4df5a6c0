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
  params carry the reason and the date, and its text explains the reason (a JPKI signature certificate
  is revoked whenever the holder moves or changes their name: not a sign of fraud by itself);
- ``NOT_PRESENT`` — the card or submission does not carry what the check needs;
- ``NOT_VERIFIABLE`` — present but cannot be checked here (e.g. the driver's licence EF07 layout and
  key are not public) (検証不可);
- ``MISMATCH`` / ``CONSISTENT`` — cross-checks between sources (e.g. name on the card face and in the
  text AP) disagree or agree.

A report never says VALID without a cryptographic check behind it.

A check carries no sentence: its ``reason`` is a stable code and its ``params`` the figures and names the
reason needs (see :mod:`kyc_desk.verify.reasons`), so a stored check reads the same whichever language
the desk that saved it spoke; the desk renders it in the reader's language (:mod:`kyc_desk.app.texts`).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any


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


#: A reason parameter: a number (with its unit in the reason's name or text), a code, or a file name.
Param = str | int | float


@dataclass(frozen=True)
class Check:
    """One verification item: a stable ``name`` (e.g. ``"surface.signature"``), its verdict, and why — a
    stable ``reason`` code with its ``params`` (free of personal data; never a rendered sentence)."""

    name: str
    verdict: Verdict
    reason: str = ""
    params: Mapping[str, Param] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:  # a copy of its own (a plain dict: checks cross process boundaries)
        object.__setattr__(self, "params", dict(self.params))

    def to_json(self) -> dict[str, Any]:
        """The neutral form (``records show --json``, ``card read --json``, exports)."""
        return {"name": self.name, "status": self.verdict.value, "reason": self.reason, "params": dict(self.params)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Check:
        return cls(str(data["name"]), Verdict(data["status"]), str(data.get("reason") or ""),
                   dict(data.get("params") or {}))


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

    def to_json(self) -> list[dict[str, Any]]:
        return [c.to_json() for c in self.checks]
