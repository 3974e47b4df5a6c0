"""Dialogs of the desk window."""

from kyc_desk.ui.dialogs.secret_dialog import SecretAnswer, SecretDialog
from kyc_desk.ui.dialogs.secret_texts import SECRET_TEXTS, SecretText

__all__ = ["SECRET_TEXTS", "SecretAnswer", "SecretDialog", "SecretText"]
