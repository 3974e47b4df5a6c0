"""暗号 — the project's cryptography, at the bottom of the layers: the ONLY ``cryptography.hazmat`` import.

pyca/cryptography keeps safe recipes (X.509, Fernet) apart from the dangerous primitives of its
``hazmat`` layer; this package is where KYC Desk crosses into that layer, once. Everything above it
calls small functions over plain values (``bytes``, ``int``) and never holds a hazmat object it did not
get from here. An import-linter contract (pyproject.toml, "Only kyc_desk.crypto imports
cryptography.hazmat") keeps it so.

Recipes — what callers should reach for first:

- :mod:`~kyc_desk.crypto.keywrap`: wrap a key (or any short secret) with AES-256-GCM under a
  key-encryption key, with a fresh nonce and associated data; derive that key with scrypt or HKDF
  (:mod:`~kyc_desk.crypto.kdf`).
- :mod:`~kyc_desk.crypto.hpke`: seal to an X25519 public key and open with its private key (RFC 9180
  base mode, one fixed suite).

Primitives — for protocols that name them and leave no choice:

- :mod:`~kyc_desk.crypto.rsa`: RSASSA-PKCS1-v1_5 verification and recovery over a modulus and exponent
  (the chips sign that way); :mod:`kyc_desk.verify._primitives` turns its failures into verification
  errors.
- :mod:`~kyc_desk.crypto.des`: single and two-key Triple DES, which the residence card's secure
  messaging requires (:mod:`kyc_desk.cards.apps.residence._sm` builds the protocol from them).
- :mod:`~kyc_desk.crypto.aes`: AES-128-CBC and AES-CMAC, the second-generation residence card's secure
  messaging (:mod:`kyc_desk.cards.apps.residence._sm2`); :mod:`~kyc_desk.crypto.ecdsa`: its ECDSA
  P-384 signature verification (wrapped by :mod:`kyc_desk.verify._primitives`).

Failures are this package's own small exceptions (:mod:`~kyc_desk.crypto.errors`), as pyca's are: a
recipe says *that* it failed, never why. Each caller translates them into its layer's
:class:`~kyc_desk.errors.KycDeskError`; one escaping untranslated is a bug.
"""

from kyc_desk.crypto.errors import CryptoError, DecryptionFailed, InvalidKey, InvalidSignature, InvalidSignatureLength

__all__ = ["CryptoError", "DecryptionFailed", "InvalidKey", "InvalidSignature", "InvalidSignatureLength"]
