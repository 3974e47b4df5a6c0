"""The root of every error KYC Desk raises on purpose.

Hierarchy (each layer's ``errors.py`` extends it and opens with its own tree)::

    KycDeskError
    ├── ConfigError            settings, paths, environment
    ├── cards.errors.CardError / TransportError
    ├── verify.errors.VerificationError
    ├── faces.errors.FaceError
    ├── records.errors.RecordsError
    └── sync.errors.SyncError

The UI and the CLI catch ``KycDeskError`` only and show :meth:`KycDeskError.user_text`; anything else
is a bug and is logged with its traceback (never shown to the user).

Messages must never carry personal data (names, addresses, dates of birth, PINs, card numbers): they end
up in logs. Put such values in attributes if a caller needs them, never in ``str(exc)``.
"""

from __future__ import annotations

from kyc_desk.i18n import Lang, current_language


class KycDeskError(Exception):
    """Something the user can understand and act on went wrong.

    ``message`` is English; ``ja`` is the Japanese text shown in the Japanese interface. Both must be free
    of personal data.
    """

    default_ja = "処理を完了できませんでした。"

    def __init__(self, message: str, *, ja: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.ja = ja or self.default_ja

    def user_text(self, lang: Lang | None = None) -> str:
        """The message in the interface language (Japanese unless English is chosen)."""
        return self.ja if (lang or current_language()) == "ja" else self.message


class ConfigError(KycDeskError):
    """The desk's settings or environment are unusable (bad path, unreadable settings file)."""

    default_ja = "設定に問題があります。"
