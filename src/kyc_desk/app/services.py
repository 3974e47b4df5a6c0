"""Everything the window's places need, in one object the composition root (``kyc_desk.ui.app``) builds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kyc_desk.app.cards import CardService
from kyc_desk.app.caseload import CaseloadService, desk_caseload
from kyc_desk.app.faces import FaceService
from kyc_desk.app.records import RecordsService


@dataclass
class DeskServices:
    """Everything the places need; built by :mod:`kyc_desk.ui.app`, replaced piecewise in tests."""

    cards: CardService
    records: RecordsService
    faces: FaceService
    operator: str
    #: Where the live photo comes from: returns an open frame source (faces layer) or raises.
    camera: Callable[[], Any] | None = None
    #: Clients, every method, matters, 取引記録 and meetings on the same store (built from ``records`` and
    #: the settings' operators unless given).
    caseload: CaseloadService | None = None

    def __post_init__(self) -> None:
        if self.caseload is None:
            self.caseload = desk_caseload(lambda: self.records.store(), lambda: self.operator)
