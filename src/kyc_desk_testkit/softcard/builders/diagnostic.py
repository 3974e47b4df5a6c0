"""A diagnostic software card for the card stack's own tests and benchmarks (no personal data).

Kind ``diagnostic``:

- DF ``DIAG_AID``: EF 0001 = 2048 bytes, EF 0002 = 30000 bytes (a byte pattern, so a read can be checked
  exactly), key ``diag.pin`` (EF 0011, short id 11, secret ``1234``, 3 tries) guarding EF 0003;
- DF ``SLOW_AID``: EF 0002 again, but every READ BINARY waits :data:`SLOW_READ_DELAY` seconds, so a test
  can pull the card (kill its process) in the middle of a long read.
"""

from __future__ import annotations

import time
from typing import Final

from kyc_desk.cards.apdu import CommandApdu, Ins, ResponseApdu
from kyc_desk_testkit.softcard.engine import Access, CardStatus, SoftCard
from kyc_desk_testkit.softcard.persona import Persona
from kyc_desk_testkit.softcard.registry import register_card_builder

DIAG_AID: Final = bytes.fromhex("F04B5943444941470001")
SLOW_AID: Final = bytes.fromhex("F04B5943444941470002")
SMALL_EF: Final = 0x0001
LARGE_EF: Final = 0x0002
PROTECTED_EF: Final = 0x0003
PIN_FID: Final = 0x0011
PIN_SFI: Final = 0x11
PIN: Final = b"1234"
LARGE_SIZE: Final = 30000
SLOW_READ_DELAY: Final = 0.02


def pattern(size: int, seed: int = 0) -> bytes:
    """``size`` bytes that differ at every offset modulo 251 (catches shifted or repeated chunks)."""
    return bytes((i * 7 + seed) % 251 for i in range(size))


def _slow_read(card: SoftCard, command: CommandApdu) -> ResponseApdu:
    time.sleep(SLOW_READ_DELAY)
    if command.p1 & 0x80 or card.current_ef is None:
        raise CardStatus(0x6986)
    from kyc_desk_testkit.softcard.engine import TransparentEF

    ef = card.current_ef
    if not isinstance(ef, TransparentEF):
        raise CardStatus(0x6981)
    offset = (command.p1 << 8) | command.p2
    if offset >= len(ef.data):
        raise CardStatus(0x6B00)
    return ResponseApdu.status(0x9000, ef.data[offset : offset + (command.le or 256)])


def build_diagnostic(persona: Persona | None = None, *, extended_length: bool = True) -> SoftCard:
    """The diagnostic card (``persona`` is ignored)."""
    card = SoftCard(name="diagnostic", extended_length=extended_length)
    diag = card.add_df(DIAG_AID, name="diag")
    diag.add_ef(SMALL_EF, pattern(2048), sfi=0x01)
    diag.add_ef(LARGE_EF, pattern(LARGE_SIZE, 1), sfi=0x02)
    diag.add_key("diag.pin", fid=PIN_FID, sfi=PIN_SFI, secret=PIN, max_tries=3)
    diag.add_ef(PROTECTED_EF, pattern(100, 2), read=Access.any_of("diag.pin"))
    slow = card.add_df(SLOW_AID, name="slow")
    slow.add_ef(LARGE_EF, pattern(LARGE_SIZE, 1))
    slow.add_handler(Ins.READ_BINARY, _slow_read)
    return card


register_card_builder("diagnostic", build_diagnostic)
