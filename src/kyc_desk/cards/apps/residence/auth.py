"""カード番号による認証とセキュアメッセージング — card-number authentication and the SM session (host side).

The sequence of 在留カード等仕様書 §4 (cards.md §C.4), each step checked:

1. the card number, as typed, is format-checked (2 letters, 8 digits, 2 letters) — nothing is sent
   when it is malformed;
2. ``GET CHALLENGE`` → RND.ICC; we pick RND.IFD and K.IFD at random;
3. ``MUTUAL AUTHENTICATE`` with E_IFD ‖ M_IFD; the card's E_ICC ‖ M_ICC must carry a correct MAC and
   echo both randoms, else :class:`MutualAuthenticationFailed`;
4. KSenc from K.IFD ⊕ K.ICC; ``VERIFY`` of the card number under secure messaging. The card keeps no
   try counter for it (63 00 = wrong number, any number of times), so a wrong number costs nothing — but
   the desk still sends only what the user typed, once.

The second generation (card types 05/06, cards.md §C.7) runs the same sequence with AES-128-CBC and
AES-CMAC truncated to 8 bytes instead of two-key 3DES and the Retail MAC: the primitives are a
:class:`SmSuite` (:data:`GENERATION_1`, :data:`GENERATION_2`), chosen by the card type, and everything
else here is shared.

A wrong card number makes the card's own MAC check of E_IFD fail already, so the card refuses MUTUAL
AUTHENTICATE; the specification does not say with which status word (UNCONFIRMED), so the verification
failures of the status table (63 00, 69 82, 69 87, 69 88) are all read as "wrong number" and any other
status word is raised as it is, never guessed.
"""

from __future__ import annotations

import hmac
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from kyc_desk.cards.apdu import CommandApdu, Ins
from kyc_desk.cards.apps.residence import _sm, _sm2
from kyc_desk.cards.apps.residence.errors import (
    CardNumberFormatInvalid,
    CardNumberWrong,
    MutualAuthenticationFailed,
)
from kyc_desk.cards.card import Card
from kyc_desk.cards.errors import MalformedData, error_for
from kyc_desk.cards.tlv import encode_tlv, find, parse_ber

CLA_SM: Final = 0x08
#: SM data objects: 86 = padding indicator (01) + cryptogram; 96 = expected length (Le) of the plaintext.
TAG_CRYPTOGRAM: Final = 0x86
TAG_LE: Final = 0x96
PADDING_INDICATOR: Final = 0x01
#: VERIFY by SM names the card-number key with P2 = 86.
VERIFY_P2: Final = 0x86
#: Status words read as "the card number is wrong" when they answer MUTUAL AUTHENTICATE or VERIFY.
WRONG_NUMBER_SWS: Final = frozenset({0x6300, 0x6982, 0x6987, 0x6988})


@dataclass(frozen=True)
class SmSuite:
    """The block cipher, MAC and padding of one card generation (key derivation is the same for both)."""

    generation: int
    block: int
    encrypt: Callable[[bytes, bytes], bytes]
    decrypt: Callable[[bytes, bytes], bytes]
    mac: Callable[[bytes, bytes], bytes]
    pad: Callable[[bytes], bytes]
    unpad: Callable[[bytes], bytes]


#: First generation: two-key 3DES-CBC, Retail MAC (ISO/IEC 9797-1 algorithm 3), 8-byte blocks.
GENERATION_1: Final = SmSuite(1, _sm.BLOCK, _sm.encrypt, _sm.decrypt, _sm.retail_mac, _sm.pad, _sm.unpad)
#: Second generation: AES-128-CBC, AES-CMAC truncated to 8 bytes, 16-byte blocks.
GENERATION_2: Final = SmSuite(2, _sm2.BLOCK, _sm2.encrypt, _sm2.decrypt, _sm2.mac, _sm2.pad, _sm2.unpad)
SUITES: Final = {suite.generation: suite for suite in (GENERATION_1, GENERATION_2)}

_CARD_NUMBER = re.compile(r"^[A-Z]{2}[0-9]{8}[A-Z]{2}$")


def normalise_card_number(typed: str) -> str:
    """The 12-character card number from what the user typed (full-width, spaces, hyphens, lower case ok).

    Raises :class:`CardNumberFormatInvalid` (without echoing the input) for anything else.
    """
    text = unicodedata.normalize("NFKC", typed or "")
    text = re.sub(r"[\s\-]", "", text).upper()
    if len(text) != 12:
        raise CardNumberFormatInvalid(f"{len(text)} characters were given")
    if not _CARD_NUMBER.match(text):
        raise CardNumberFormatInvalid("letters or digits are in the wrong places")
    return text


@dataclass(frozen=True)
class SecureSession:
    """An open SM session: the encryption key KSenc (there is no MAC key; SM here is confidentiality only)
    and the generation's primitives."""

    ks_enc: bytes
    suite: SmSuite = GENERATION_1

    def verify_command(self, card_number: str) -> CommandApdu:
        """``08 20 00 86 13 86 11 01 <E(KSenc, card number ‖ 80 00 00 00)>`` (E = 3DES or AES by generation)."""
        cryptogram = self.suite.encrypt(self.ks_enc, self.suite.pad(card_number.encode("ascii")))
        return CommandApdu(
            CLA_SM, Ins.VERIFY, 0x00, VERIFY_P2, encode_tlv(TAG_CRYPTOGRAM, bytes((PADDING_INDICATOR,)) + cryptogram)
        )

    @staticmethod
    def read_binary_command(sfi: int) -> CommandApdu:
        """``08 B0 <80+SFI> 00 00 00 04 96 02 00 00 00 00``: the whole EF, extended Lc/Le."""
        return CommandApdu(CLA_SM, Ins.READ_BINARY, 0x80 | sfi, 0x00, encode_tlv(TAG_LE, b"\x00\x00"), le=65536)

    @staticmethod
    def read_chunk_command(offset: int, length: int, *, sfi: int | None = None) -> CommandApdu:
        """A short SM READ BINARY of ``length`` plaintext bytes: ``08 B0 <P1 P2> 04 96 02 <length> 00``.

        The first chunk names the EF by short id (``80+SFI``, offset 0), which makes it the current EF
        (ISO 7816-4); later chunks give a 15-bit offset into the current EF. That the residence card
        follows ISO 7816-4 here is UNCONFIRMED (the spec only shows whole-file reads).
        """
        if not 0 < length <= 0xFF:
            raise ValueError("a short SM read carries 1–255 plaintext bytes")
        if sfi is not None:
            if offset:
                raise ValueError("a read by short EF id starts at offset 0 here")
            p1, p2 = 0x80 | sfi, 0x00
        else:
            if not 0 <= offset <= 0x7FFF:
                raise ValueError("offset out of range")
            p1, p2 = offset >> 8, offset & 0xFF
        return CommandApdu(CLA_SM, Ins.READ_BINARY, p1, p2, encode_tlv(TAG_LE, length.to_bytes(2, "big")), le=256)

    def unwrap(self, data: bytes, *, ef: str) -> bytes:
        """The plaintext of an SM response ``86 L 01 ‖ cryptogram`` (MalformedData if it is not one)."""
        objects = parse_ber(data)
        obj = find(objects, TAG_CRYPTOGRAM)
        if obj is None or len(obj.value) < 1 + self.suite.block or obj.value[0] != PADDING_INDICATOR:
            raise MalformedData("the secure-messaging answer has no cryptogram object", ef=ef, tag=TAG_CRYPTOGRAM)
        try:
            return self.suite.unpad(self.suite.decrypt(self.ks_enc, obj.value[1:]))
        except ValueError as exc:
            raise MalformedData("the secure-messaging cryptogram does not decrypt", ef=ef, tag=TAG_CRYPTOGRAM) from exc


def authenticate(
    card: Card,
    card_number: str,
    *,
    suite: SmSuite = GENERATION_1,
    random: Callable[[int], bytes] = os.urandom,
) -> SecureSession:
    """Run steps 2–4 with an already normalised ``card_number`` and the card generation's ``suite``.

    The caller must have selected the MF. Raises CardNumberWrong, MutualAuthenticationFailed, or the
    card stack's errors.
    """
    if not _CARD_NUMBER.match(card_number):
        raise CardNumberFormatInvalid("not normalised")
    key = _sm.card_number_key(card_number)
    rnd_icc = card.get_challenge(8)
    rnd_ifd, k_ifd = random(8), random(16)
    e_ifd = suite.encrypt(key, rnd_ifd + rnd_icc + k_ifd)
    response = card.call(CommandApdu(0x00, Ins.MUTUAL_AUTHENTICATE, 0x00, 0x00, e_ifd + suite.mac(key, e_ifd), le=256))
    if response.sw.value in WRONG_NUMBER_SWS:
        raise CardNumberWrong()
    if not response.sw.is_success:
        raise error_for(response.sw)
    answer = response.data
    if len(answer) != 40:
        raise MutualAuthenticationFailed(f"the card answered {len(answer)} bytes instead of 40")
    e_icc, m_icc = answer[:32], answer[32:]
    if not hmac.compare_digest(suite.mac(key, e_icc), m_icc):
        raise MutualAuthenticationFailed("the card's MAC does not match")
    plain = suite.decrypt(key, e_icc)
    if not (hmac.compare_digest(plain[:8], rnd_icc) and hmac.compare_digest(plain[8:16], rnd_ifd)):
        raise MutualAuthenticationFailed("the card did not echo the challenges")
    session = SecureSession(_sm.session_key(k_ifd, plain[16:32]), suite)
    verdict = card.call(session.verify_command(card_number))
    if verdict.sw.value in WRONG_NUMBER_SWS:
        raise CardNumberWrong()
    if not verdict.sw.is_success:
        raise error_for(verdict.sw)
    return session
