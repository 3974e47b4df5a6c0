"""電子署名 — a PAdES signature on an exported PDF with the scrivener's own key on a PKCS#11 token.

Offices already hold IC-card certificates for online registration; the vendor's PKCS#11 module reaches
them (its path, the token label and the key label come from the settings). python-pkcs11 finds the token
and logs in; pyHanko builds the PAdES signature (``ETSI.CAdES.detached``, signing certificate embedded)
with the token's key, so the private key never leaves the token.

PINs: the PIN is used for exactly one login and never retried; a wrong PIN raises
:class:`SigningPinIncorrect`, and :func:`token_status` reports the token's own warnings (tries low, final
try, locked) so the caller can show them *before* asking for the PIN. Neither PINs nor certificate
contents are logged.

Errors (all :class:`SigningError`)::

    SigningError
    ├── TokenUnavailable      module missing, token absent, key or certificate not on it
    ├── SigningPinIncorrect   the token refused the PIN (not retried)
    ├── SigningPinLocked      the token's PIN is locked
    └── SigningFailed         the token or the library failed while signing
"""

from __future__ import annotations

import functools
import io
import logging
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kyc_desk.errors import KycDeskError

if TYPE_CHECKING:
    import pkcs11

log = logging.getLogger(__name__)

#: The signature field every desk signature uses.
FIELD_NAME = "KycDeskSignature"


class SigningError(KycDeskError):
    """The PDF could not be signed."""

    default_ja = "PDFに電子署名できませんでした。"


class TokenUnavailable(SigningError):
    """The PKCS#11 module, the token, or the key or certificate on it cannot be found."""

    default_ja = "電子署名用のICカード（トークン）または鍵が見つかりません。カードと設定を確認してください。"


class SigningPinIncorrect(SigningError):
    """The token refused the PIN (the PIN is never retried)."""

    default_ja = "暗証番号が違います。続けて誤るとロックされることがあります。"


class SigningPinLocked(SigningError):
    """The token's user PIN is locked."""

    default_ja = "電子署名用の暗証番号はロックされています。発行元の手続きで解除してください。"


class SigningFailed(SigningError):
    """The token or the signing library failed."""

    default_ja = "電子署名の処理に失敗しました。"


@dataclass(frozen=True)
class TokenSettings:
    """Where the scrivener's key is: the vendor's PKCS#11 module, the token label and the key label (the
    certificate has the key's label unless ``cert_label`` says otherwise)."""

    module: str
    token_label: str
    key_label: str
    cert_label: str | None = None


@dataclass(frozen=True)
class TokenStatus:
    """What the token says about its PIN, to show before asking for it."""

    label: str
    pin_count_low: bool
    pin_final_try: bool
    pin_locked: bool


@functools.cache
def _library(module: str) -> Any:  # pkcs11.lib (a function in the stubs, a class at run time)
    """Each module is loaded once per process (loading it twice fails with some modules)."""
    import pkcs11

    try:
        return pkcs11.lib(module)
    except (OSError, RuntimeError, pkcs11.PKCS11Error) as exc:
        raise TokenUnavailable("the PKCS#11 module cannot be loaded") from exc


def _token(settings: TokenSettings) -> pkcs11.Token:
    import pkcs11

    try:
        token: pkcs11.Token = _library(settings.module).get_token(token_label=settings.token_label)
        return token
    except pkcs11.NoSuchToken as exc:
        raise TokenUnavailable("no token with the configured label") from exc
    except pkcs11.MultipleTokensReturned as exc:
        raise TokenUnavailable("several tokens carry the configured label") from exc
    except pkcs11.PKCS11Error as exc:
        raise TokenUnavailable("the token cannot be reached") from exc


def token_status(settings: TokenSettings) -> TokenStatus:
    """The token's PIN warnings (no PIN needed, nothing sent to the card but a status query)."""
    from pkcs11 import TokenFlag

    token = _token(settings)
    flags = token.flags
    return TokenStatus(
        token.label,
        bool(flags & TokenFlag.USER_PIN_COUNT_LOW),
        bool(flags & TokenFlag.USER_PIN_FINAL_TRY),
        bool(flags & TokenFlag.USER_PIN_LOCKED),
    )


def _pyhanko() -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pyHanko imports pyca's deprecated DSA names at import time
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import fields, signers
        from pyhanko.sign.pkcs11 import PKCS11Signer
    return IncrementalPdfFileWriter, fields, signers, PKCS11Signer


def sign_pdf(data: bytes, settings: TokenSettings, pin: str, *, reason: str, location: str = "") -> bytes:
    """``data`` with a PAdES signature by the token's key appended (an incremental update: the signed
    revision is the PDF as rendered). One login with ``pin``, never retried."""
    import pkcs11

    writer_type, fields, signers, signer_type = _pyhanko()
    token = _token(settings)
    if token.flags & pkcs11.TokenFlag.USER_PIN_LOCKED:
        raise SigningPinLocked("the token's user PIN is locked")
    try:
        session = token.open(user_pin=pin)
    except pkcs11.PinIncorrect as exc:
        raise SigningPinIncorrect("the token refused the PIN") from exc
    except pkcs11.PinLocked as exc:
        raise SigningPinLocked("the token's user PIN is locked") from exc
    except pkcs11.PKCS11Error as exc:
        raise TokenUnavailable("cannot open a session on the token") from exc
    try:
        signer = signer_type(
            session, cert_label=settings.cert_label or settings.key_label, key_label=settings.key_label
        )
        meta = signers.PdfSignatureMetadata(
            field_name=FIELD_NAME,
            subfilter=fields.SigSeedSubFilter.PADES,
            reason=reason,
            location=location or None,
            md_algorithm="sha256",
        )
        out = signers.sign_pdf(writer_type(io.BytesIO(data)), meta, signer=signer)
        signed: bytes = out.getvalue()
    except SigningError:
        raise
    except (pkcs11.NoSuchKey, pkcs11.MultipleObjectsReturned) as exc:
        raise TokenUnavailable("the signing key is not on the token (or not once)") from exc
    except Exception as exc:  # pyHanko wraps a missing certificate in PKCS11Error; pyca's errors pass through
        if "could not find" in str(exc).lower():
            raise TokenUnavailable("the signing certificate is not on the token") from exc
        raise SigningFailed(f"signing failed ({type(exc).__name__})") from exc
    finally:
        session.close()
    log.info("PDF signed with the token's key (%d bytes)", len(signed))
    return signed
