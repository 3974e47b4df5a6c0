"""Layer 3a: signatures, certificates and the reports that say what was checked.

Recipes take data (bytes, certificates, trust anchors, the time ``at``), never cards, and raise the
errors of :mod:`kyc_desk.verify.errors`; ``_primitives.py`` is their one door to the crypto layer
(:mod:`kyc_desk.crypto`, the only ``cryptography.hazmat`` import).
"""

from kyc_desk.verify.errors import (
    CertificateExpired,
    ChainInvalid,
    DigestMismatch,
    MalformedCertificate,
    SignatureInvalid,
    TrustStoreInvalid,
    UnknownIssuer,
    VerificationError,
)
from kyc_desk.verify.jpki import JpkiCertificate, parse_jpki_certificate, verify_challenge, verify_jpki_chain
from kyc_desk.verify.mynumber import verify_card_face, verify_cvc, verify_mynumber, verify_text_record
from kyc_desk.verify.report import Check, Verdict, VerificationReport
from kyc_desk.verify.trust import CaCertificate, CvcIssuerKey, TrustStore, load_trust_store, trust_dir

__all__ = [
    "CaCertificate",
    "CertificateExpired",
    "ChainInvalid",
    "Check",
    "CvcIssuerKey",
    "DigestMismatch",
    "JpkiCertificate",
    "MalformedCertificate",
    "SignatureInvalid",
    "TrustStore",
    "TrustStoreInvalid",
    "UnknownIssuer",
    "Verdict",
    "VerificationError",
    "VerificationReport",
    "load_trust_store",
    "parse_jpki_certificate",
    "trust_dir",
    "verify_card_face",
    "verify_challenge",
    "verify_cvc",
    "verify_jpki_chain",
    "verify_mynumber",
    "verify_text_record",
]
