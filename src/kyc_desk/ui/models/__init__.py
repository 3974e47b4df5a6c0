"""Plain-Python view models of the desk window (no Qt): the flow state and the item comparison."""

from kyc_desk.ui.models.flow import DOCUMENT_NAMES, DeskFlow, FlowIncomplete
from kyc_desk.ui.models.items import (
    ITEMS,
    Confirmation,
    ItemRow,
    compare_items,
    format_date,
    item_checks,
    unconfirmed,
)

__all__ = [
    "DOCUMENT_NAMES",
    "ITEMS",
    "Confirmation",
    "DeskFlow",
    "FlowIncomplete",
    "ItemRow",
    "compare_items",
    "format_date",
    "item_checks",
    "unconfirmed",
]
