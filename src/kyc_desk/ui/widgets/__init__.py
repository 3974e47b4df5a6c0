"""Reusable widgets of the desk window (no card, record or face logic)."""

from kyc_desk.ui.widgets.compare_view import CompareView
from kyc_desk.ui.widgets.image_pane import ImagePane, ViewState, adjust_image

__all__ = ["CompareView", "ImagePane", "ViewState", "adjust_image"]
