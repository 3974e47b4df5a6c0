"""Reusable widgets of the desk window (no card, record or face logic)."""

from kyc_desk.ui.widgets.badge import VerdictBadge, badge_colours, badge_text
from kyc_desk.ui.widgets.compare_view import CompareView
from kyc_desk.ui.widgets.image_pane import ImagePane, ViewState, adjust_image
from kyc_desk.ui.widgets.images import ImageUnreadable, jpeg_bytes, qimage_from_bytes, qimage_from_pil

__all__ = [
    "CompareView",
    "ImagePane",
    "ImageUnreadable",
    "VerdictBadge",
    "ViewState",
    "adjust_image",
    "badge_colours",
    "badge_text",
    "jpeg_bytes",
    "qimage_from_bytes",
    "qimage_from_pil",
]
