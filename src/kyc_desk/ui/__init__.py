"""kyc_desk.ui — the Qt window (the only package that imports PySide6).

``app`` is the composition root; ``main_window`` the shell; ``views`` the places; ``dialogs``,
``widgets``; ``models`` the Qt-free view models; ``services`` the Qt-free adapters to the lower layers
(also imported by the face engine's worker process, which must not load Qt); ``workers`` the card
session and tasks; ``translation`` the Qt translator for the English interface.

The public names are loaded on first access, so that ``import kyc_desk.ui.services`` (in the face
process) does not import Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kyc_desk.ui.app import build_window, run_desk
    from kyc_desk.ui.main_window import DeskWindow, Place

__all__ = ["DeskWindow", "Place", "build_window", "run_desk"]


def __getattr__(name: str) -> Any:
    if name in ("build_window", "run_desk"):
        from kyc_desk.ui import app

        return getattr(app, name)
    if name in ("DeskWindow", "Place"):
        from kyc_desk.ui import main_window

        return getattr(main_window, name)
    raise AttributeError(name)
