"""The crypto package's failures: few, and saying nothing about the internals (as pyca's exceptions do).

They are not :class:`~kyc_desk.errors.KycDeskError`\\ s on purpose: this package sits below every layer
and has no words for the user. Each caller catches them at its own boundary and raises its layer's
error, with the message the user should read (a wrong passphrase, an altered submission, a forged chip).
"""

from __future__ import annotations


class CryptoError(Exception):
    """Root of the crypto package's failures."""


class DecryptionFailed(CryptoError):
    """Authenticated decryption failed: wrong key, wrong associated data, or altered ciphertext."""


class InvalidSignature(CryptoError):
    """A signature does not verify, or its padding is not what the scheme demands."""


class InvalidSignatureLength(InvalidSignature):
    """The signature is not as long as the key's modulus (a truncated or padded read, or another key)."""


class InvalidKey(CryptoError):
    """Key material cannot be used: wrong length, out of range, or not a point on the curve."""
