"""CommonApp — 共通カードAP (本人確認業務用領域): the card's expiry date, without any secret.

EF 0001 is record-structured; record 1 is ``01 1C <15-digit serial><5-digit municipality code>
<expiry YYYYMMDD>`` (cards.md §A.5, SOLTIA; MYNA reads the same record). Only the expiry is kept: the
serial is a card identifier the desk has no use for.
"""

from __future__ import annotations

import datetime as dt

from kyc_desk.cards.apps.mynumber import layouts as L
from kyc_desk.cards.apps.mynumber.fields import yyyymmdd
from kyc_desk.cards.card import Card
from kyc_desk.cards.errors import MalformedData
from kyc_desk.cards.tlv import parse_simple

_CARD_INFO_TAG = 0x01
_CARD_INFO_LENGTH = 28


def parse_card_info_expiry(record: bytes) -> dt.date:
    """The expiry date in record 1 of EF 0001."""
    objects = parse_simple(record, padding=0xFF)
    if not objects or objects[0].tag != _CARD_INFO_TAG or len(objects[0].value) != _CARD_INFO_LENGTH:
        raise MalformedData("card information record has the wrong shape", ef="common.ef0001")
    return yyyymmdd(objects[0].value[20:28], where="common.ef0001")


class CommonApp:
    """共通カードAP on a card; create with :meth:`select`."""

    def __init__(self, card: Card) -> None:
        self.card = card

    @classmethod
    def select(cls, card: Card) -> CommonApp:
        """SELECT the AP."""
        card.select_df(L.COMMON_AID)
        return cls(card)

    def read_card_info(self) -> bytes:
        """Record 1 of EF 0001 (free)."""
        self.card.select_ef(L.CommonEF.CARD_INFO)
        return self.card.read_record(1)
