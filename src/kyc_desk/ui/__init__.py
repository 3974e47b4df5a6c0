"""kyc_desk.ui — the Qt window (the only package that imports PySide6).

``app`` is the composition root; ``main_window`` the shell; ``views`` the places; ``dialogs``,
``widgets``; ``models`` the Qt-free view models; ``workers`` the card session and tasks; ``translation``
the Qt translator for the English interface. The services the window calls are Qt-free and live in
:mod:`kyc_desk.app`.

The public names are loaded on first access, so that importing a submodule does not import the whole
window.
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
