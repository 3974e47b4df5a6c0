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

Japanese text, one rule: every class defines its own ``default_ja`` (what a scrivener understands of
that class), and a raise site passes ``ja=`` when it knows more than the class does. The English
``message`` may carry detail for support (a status word, a file id, a tag); the Japanese text never
carries internal identifiers (EF numbers, tags, check codes, Python names, ``code_b``).
tests/unit/test_errors.py scans every raise and every class for this.

Errors cross process boundaries (the face-worker pools pickle them): :meth:`KycDeskError.__reduce__`
rebuilds an error from its state, never by calling its ``__init__`` again, so the Japanese text and every
attribute (``retries_left``, ``sw``, ``status``…) survive whatever the subclass's signature is.
"""

from __future__ import annotations

from typing import Any

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

    def __reduce__(self) -> tuple[Any, ...]:
        # Exception's own reduce calls ``cls(*args)``: that breaks every subclass whose __init__ takes
        # other arguments (PinIncorrect, SyncRejected…). Rebuild from the state instead.
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


def _rebuild(cls: type[KycDeskError], args: tuple[Any, ...], state: dict[str, Any]) -> KycDeskError:
    """Unpickle a :class:`KycDeskError` without running its ``__init__``: message, ``ja`` and attributes as sent."""
    exc = cls.__new__(cls, *args)
    exc.args = args
    exc.__dict__.update(state)
    return exc


class ConfigError(KycDeskError):
    """The desk's settings or environment are unusable (bad path, unreadable settings file)."""

    default_ja = "設定に問題があります。"
