"""The window's places (画面): one module per place, each a ``*View`` widget."""

from kyc_desk.ui.views.placeholder import PlaceView

__all__ = ["PlaceView"]
