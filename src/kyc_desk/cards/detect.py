"""Which card is on the reader: My Number card, driver's licence, residence card, special permanent
resident certificate, or unknown — found by probing applications, never from the ATR (cards.md §E.1).

Probing sends SELECT by AID and, for the residence-card family, one free READ BINARY of MF/EF02 (card
type ``C1``). It never sends VERIFY: no PIN, no tries spent.

A wrong guess must come out as ``UNKNOWN``, never as a wrong type, so:

- a card that accepts a nonsense AID is ``UNKNOWN`` (it would "have" every application);
- My Number needs both the JPKI AP and the 券面入力補助AP; a licence needs both DF1 and DF2;
- the residence family needs DF1 *and* a ``C1`` the specifications define (:data:`RESIDENCE_CARD_TYPES`):
  ``1``/``2`` for the first generation, ``05``/``06`` for the second (issued from 2026, §C.7) and
  ``07``/``08`` for the cards integrated with the My Number card; anything else is ``UNKNOWN``. Which
  generations the desk can read is the residence reader's call, not detection's;
- a card error during probing (an odd status word, malformed type file) gives ``UNKNOWN``; a transport
  error (card removed, reader gone) is raised.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Final

from kyc_desk.cards.card import Card
from kyc_desk.cards.errors import CardError
from kyc_desk.cards.tlv import find, parse_simple
from kyc_desk.i18n import tr

# My Number card, cards.md §A.1 (all AGREE across five or more sources).
MYNUMBER_JPKI_AID: Final = bytes.fromhex("D392F000260100000001")  # 公的個人認証AP
MYNUMBER_TEXT_AID: Final = bytes.fromhex("D3921000310001010408")  # 券面事項入力補助AP
MYNUMBER_SURFACE_AID: Final = bytes.fromhex("D3921000310001010402")  # 券面事項確認AP
# Driver's licence, §B.1 (AGREE: PCSCDL, SOFTST, TRET). DF3's AID is UNCONFIRMED and not used.
LICENCE_DF1_AID: Final = bytes.fromhex("A0000002310100000000000000000000")  # 記載事項
LICENCE_DF2_AID: Final = bytes.fromhex("A0000002310200000000000000000000")  # 写真
# Residence card / special permanent resident certificate, §C.2 (official spec RCSPEC v1.5).
RESIDENCE_DF1_AID: Final = bytes.fromhex("D392F0004F0200000000000000000000")
RESIDENCE_DF2_AID: Final = bytes.fromhex("D392F0004F0300000000000000000000")
RESIDENCE_DF3_AID: Final = bytes.fromhex("D392F0004F0400000000000000000000")
#: MF/EF02 カード種別, read by short EF id without authentication (§C.2).
RESIDENCE_CARD_TYPE_SFI: Final = 0x0A
RESIDENCE_CARD_TYPE_TAG: Final = 0xC1
#: An AID no card has (registered-application-provider id of nobody): a card that selects it lies.
NONSENSE_AID: Final = bytes.fromhex("F04B59434465736B50726F6265")


class CardKind(Enum):
    """The kinds of card the desk knows."""

    MYNUMBER = "mynumber"
    DRIVER_LICENCE = "driver_licence"
    RESIDENCE_CARD = "residence_card"
    SPECIAL_PERMANENT_RESIDENT = "special_permanent_resident"
    UNKNOWN = "unknown"

    def label(self) -> str:
        """The name shown to the user, in the interface language."""
        return {
            CardKind.MYNUMBER: tr("マイナンバーカード", "My Number card"),
            CardKind.DRIVER_LICENCE: tr("運転免許証", "driver's licence"),
            CardKind.RESIDENCE_CARD: tr("在留カード", "residence card"),
            CardKind.SPECIAL_PERMANENT_RESIDENT: tr("特別永住者証明書", "special permanent resident certificate"),
            CardKind.UNKNOWN: tr("不明なカード", "unknown card"),
        }[self]


@dataclass(frozen=True)
class Detection:
    """The result: the kind, and why (English, for logs and diagnostics; no card data)."""

    kind: CardKind
    reason: str


def detect_card(card: Card) -> Detection:
    """Probe the card on ``card`` (see the module docstring). Sends no VERIFY."""
    try:
        if card.probe_df(NONSENSE_AID):
            return Detection(CardKind.UNKNOWN, "the card accepts any application id")
        if card.probe_df(MYNUMBER_JPKI_AID):
            if card.probe_df(MYNUMBER_TEXT_AID):
                return Detection(CardKind.MYNUMBER, "JPKI AP and text-input AP present")
            return Detection(CardKind.UNKNOWN, "JPKI AP without the text-input AP")
        if card.probe_df(LICENCE_DF1_AID):
            if card.probe_df(LICENCE_DF2_AID):
                return Detection(CardKind.DRIVER_LICENCE, "licence DF1 and DF2 present")
            return Detection(CardKind.UNKNOWN, "licence DF1 without DF2")
        if card.probe_df(RESIDENCE_DF1_AID):
            return _residence_kind(card)
    except CardError as exc:
        return Detection(CardKind.UNKNOWN, f"probing failed: {type(exc).__name__}")
    return Detection(CardKind.UNKNOWN, "none of the known applications")


#: カード種別 (MF/EF02 ``C1``) → the kind and a description for the reason (cards.md §C.2, §C.7).
RESIDENCE_CARD_TYPES: Final[dict[bytes, tuple[CardKind, str]]] = {
    b"1": (CardKind.RESIDENCE_CARD, "card type 1 (first generation)"),
    b"2": (CardKind.SPECIAL_PERMANENT_RESIDENT, "card type 2 (first generation)"),
    b"05": (CardKind.RESIDENCE_CARD, "card type 05 (second generation)"),
    b"06": (CardKind.SPECIAL_PERMANENT_RESIDENT, "card type 06 (second generation)"),
    b"07": (CardKind.RESIDENCE_CARD, "card type 07 (specified, integrated with the My Number card)"),
    b"08": (CardKind.SPECIAL_PERMANENT_RESIDENT, "card type 08 (specified, integrated with the My Number card)"),
}


def _residence_kind(card: Card) -> Detection:
    card.select_mf()
    raw = card.read_binary_all(sfi=RESIDENCE_CARD_TYPE_SFI)  # 3 bytes (first generation) or 4 (second)
    obj = find(parse_simple(raw.rstrip(b"\x00")), RESIDENCE_CARD_TYPE_TAG)
    if obj is None:
        return Detection(CardKind.UNKNOWN, "residence DF1 but no card type C1")
    known = RESIDENCE_CARD_TYPES.get(obj.value)
    if known is None:
        return Detection(CardKind.UNKNOWN, "residence DF1 with an unknown card type")
    kind, description = known
    return Detection(kind, f"residence DF1, {description}")
