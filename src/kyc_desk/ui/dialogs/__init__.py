"""Dialogs of the desk window."""

from kyc_desk.ui.dialogs.first_run import FirstRunDialog, RecoveryKeyDialog, offer_store_creation
from kyc_desk.ui.dialogs.remote_settings import RemoteSettingsDialog
from kyc_desk.ui.dialogs.request_dialog import RequestDialog
from kyc_desk.ui.dialogs.secret_dialog import SecretAnswer, SecretDialog
from kyc_desk.ui.dialogs.secret_texts import SECRET_TEXTS, SecretText

__all__ = [
    "SECRET_TEXTS",
    "FirstRunDialog",
    "RecoveryKeyDialog",
    "RemoteSettingsDialog",
    "RequestDialog",
    "SecretAnswer",
    "SecretDialog",
    "SecretText",
    "offer_store_creation",
]
