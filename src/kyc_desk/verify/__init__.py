"""Layer 3a: signatures, certificates and the reports that say what was checked.

Recipes take data (bytes, certificates, trust anchors, the time ``at``), never cards, and raise the
errors of :mod:`kyc_desk.verify.errors`; the only ``cryptography.hazmat`` import is ``_primitives.py``.
"""

from kyc_desk.verify.errors import (
    ChainInvalid,
    DigestMismatch,
    MalformedCertificate,
    SignatureInvalid,
    UnknownIssuer,
    VerificationError,
)
from kyc_desk.verify.report import Check, Verdict, VerificationReport

__all__ = [
    "ChainInvalid",
    "Check",
    "DigestMismatch",
    "MalformedCertificate",
    "SignatureInvalid",
    "UnknownIssuer",
    "Verdict",
    "VerificationError",
    "VerificationReport",
]
