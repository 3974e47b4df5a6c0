"""kyc_desk.ui — the Qt window (the only package that imports PySide6).

``app`` is the composition root; ``main_window`` the shell; ``views`` the places; ``about`` and
``licences`` the About dialog; ``translation`` the Qt translator for the English interface.
"""

from kyc_desk.ui.app import build_window, run_desk
from kyc_desk.ui.main_window import DeskWindow, Place

__all__ = ["DeskWindow", "Place", "build_window", "run_desk"]
