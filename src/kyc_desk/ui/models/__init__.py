"""Plain-Python view models of the desk window (no Qt): the flow state and the item comparison."""

from kyc_desk.ui.models.flow import DeskFlow, FlowIncomplete, document_name
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
    "ITEMS",
    "Confirmation",
    "DeskFlow",
    "FlowIncomplete",
    "ItemRow",
    "compare_items",
    "document_name",
    "format_date",
    "item_checks",
    "unconfirmed",
]
