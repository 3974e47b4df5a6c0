"""Minimal software cards for card detection: the right AIDs and the free files detection reads.

They carry no personal data and no PINs that open anything; the full cards come from the card
developers' builders. Kinds registered here:

- ``minimal-mynumber``: JPKI AP, 券面入力補助AP, 券面事項確認AP (AIDs of cards.md §A.1), JPKI EF 0006 token
  label ``JPKIAPICCTOKEN2``, and the My Number MF-select quirk;
- ``minimal-licence``: MF with EF 2F01, DF1 and DF2 (§B.1);
- ``minimal-residence`` / ``minimal-special-permanent``: MF with EF01 (``C0``) and EF02 (``C1`` = ``31`` /
  ``32``), DF1–DF3 (§C.2);
- ``minimal-unknown``: a card with none of these applications;
- ``minimal-accepts-any``: a broken card that answers 9000 to every SELECT (detection must not be fooled).
"""

from __future__ import annotations

from typing import Final

from kyc_desk.cards.apdu import CommandApdu, Ins, ResponseApdu
from kyc_desk.cards.detect import (
    LICENCE_DF1_AID,
    LICENCE_DF2_AID,
    MYNUMBER_JPKI_AID,
    MYNUMBER_SURFACE_AID,
    MYNUMBER_TEXT_AID,
    RESIDENCE_DF1_AID,
    RESIDENCE_DF2_AID,
    RESIDENCE_DF3_AID,
)
from kyc_desk.cards.tlv import encode_simple
from kyc_desk_testkit.softcard.engine import SoftCard
from kyc_desk_testkit.softcard.persona import Persona
from kyc_desk_testkit.softcard.registry import register_card_builder

#: ATRs as PC/SC readers synthesise them for these cards (cards.md §E.1); detection must not use them.
MYNUMBER_ATR: Final = bytes.fromhex("3B888001000005E0B381A1007F")
LICENCE_ATR: Final = bytes.fromhex("3B888001000000009181C100D8")
RESIDENCE_ATR: Final = bytes.fromhex("3B888001000000000000000009")


def minimal_mynumber(persona: Persona | None = None) -> SoftCard:
    """Three My Number APs with nothing in them but the JPKI token label and a PIN that is never used."""
    card = SoftCard(name="minimal-mynumber", atr=MYNUMBER_ATR, mf_select="mynumber")
    jpki = card.add_df(MYNUMBER_JPKI_AID, name="jpki")
    jpki.add_ef(0x0006, b"JPKIAPICCTOKEN2".ljust(32, b" "))
    jpki.add_key("jpki.auth_pin", fid=0x0018, sfi=0x18, secret=b"1234", max_tries=3)
    text = card.add_df(MYNUMBER_TEXT_AID, name="text")
    text.add_key("text.pin", fid=0x0011, sfi=0x11, secret=b"1234", max_tries=3)
    card.add_df(MYNUMBER_SURFACE_AID, name="surface")
    return card


def minimal_licence(persona: Persona | None = None) -> SoftCard:
    """A driver's licence skeleton: MF/EF01 common data, PIN1/PIN2, DF1 and DF2."""
    card = SoftCard(name="minimal-licence", atr=LICENCE_ATR, clear_security_on_df_change=False)
    card.mf.add_ef(0x2F01, bytes.fromhex("450B") + b"008" + bytes.fromhex("20240101 20290101".replace(" ", ""))
                   + bytes.fromhex("46020101"))
    card.mf.add_key("pin1", fid=0x0001, sfi=0x01, secret=b"1234", max_tries=3)
    card.mf.add_key("pin2", fid=0x0002, sfi=0x02, secret=b"5678", max_tries=3)
    card.add_df(LICENCE_DF1_AID, name="DF1")
    card.add_df(LICENCE_DF2_AID, name="DF2")
    return card


def _residence(kind: bytes, name: str) -> SoftCard:
    card = SoftCard(name=name, atr=RESIDENCE_ATR)
    card.mf.add_ef(None, encode_simple(0xC0, b"0001"), sfi=0x0B, name="common")
    card.mf.add_ef(None, encode_simple(0xC1, kind), sfi=0x0A, name="card_type")
    for aid, df_name in ((RESIDENCE_DF1_AID, "DF1"), (RESIDENCE_DF2_AID, "DF2"), (RESIDENCE_DF3_AID, "DF3")):
        card.add_df(aid, name=df_name)
    return card


def minimal_residence(persona: Persona | None = None) -> SoftCard:
    """A residence card (在留カード) skeleton: card type ``C1`` = ``31``."""
    return _residence(b"1", "minimal-residence")


def minimal_special_permanent(persona: Persona | None = None) -> SoftCard:
    """A special permanent resident certificate (特別永住者証明書) skeleton: ``C1`` = ``32``."""
    return _residence(b"2", "minimal-special-permanent")


def minimal_unknown(persona: Persona | None = None) -> SoftCard:
    """A card with an application of no interest to the desk (a transit-card-like AID)."""
    card = SoftCard(name="minimal-unknown")
    card.add_df(bytes.fromhex("A0000000031010"), name="other")
    return card


def _select_anything(card: SoftCard, command: CommandApdu) -> ResponseApdu:
    return ResponseApdu.status(0x9000)


def minimal_accepts_any(persona: Persona | None = None) -> SoftCard:
    """A broken card that says yes to every SELECT (and 6D00 to everything else)."""
    card = SoftCard(name="minimal-accepts-any")
    card.add_handler(Ins.SELECT, _select_anything)
    return card


for _kind, _build in (
    ("minimal-mynumber", minimal_mynumber),
    ("minimal-licence", minimal_licence),
    ("minimal-residence", minimal_residence),
    ("minimal-special-permanent", minimal_special_permanent),
    ("minimal-unknown", minimal_unknown),
    ("minimal-accepts-any", minimal_accepts_any),
):
    register_card_builder(_kind, _build)
