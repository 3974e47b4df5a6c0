"""The two ways a residence-card EF is read, shared by both generations' readers.

Plain READ BINARY by short EF id (files behind the card number only) and READ BINARY under secure
messaging (files the specification marks "card number + SM").

The specification reads an SM file whole in one extended APDU (a 7013-byte answer for the first
generation's front image). A reader (or driver path) without extended length gets **chunked** SM reads
instead: short READ BINARY commands of :data:`SM_CHUNK` plaintext bytes, each answered by its own
``86 L 01 ‖ cryptogram`` (padded and encrypted on its own, zero IV), the first naming the EF by short id
and the rest giving offsets into it. The card's support for those offset reads is UNCONFIRMED; if the card
refuses them, :class:`ExtendedLengthRequired` says to use a reader with extended APDUs (the error chained
to the card's answer), never a half-read file. ``docs/benchmarks.md`` has the APDU cost.
"""

from __future__ import annotations

import logging
from typing import Final

from kyc_desk.cards.apps.residence.auth import SecureSession
from kyc_desk.cards.apps.residence.errors import ExtendedLengthRequired
from kyc_desk.cards.apps.residence.layouts import ResidenceFile
from kyc_desk.cards.card import Card
from kyc_desk.cards.errors import CardError, WrongLength, error_for

log = logging.getLogger(__name__)

#: Plaintext bytes per chunked SM read: padded to at most 240 bytes (16-byte blocks), the answer
#: ``86 81 F1 01 <240>`` is 244 bytes — inside a short APDU's 256 for both generations.
SM_CHUNK: Final = 0xE0


def read_plain(card: Card, file: ResidenceFile) -> bytes:
    """The whole EF by plain READ BINARY (extended Le when the reader has it, else chunks)."""
    return card.read_binary_all(sfi=file.sfi)


def read_secure(card: Card, session: SecureSession, file: ResidenceFile) -> bytes:
    """The whole EF's plaintext by SM READ BINARY: one extended APDU, or chunks without extended length."""
    if card.use_extended:
        response = card.call(session.read_binary_command(file.sfi))
        if response.sw.value != 0x6700:
            if not response.sw.is_success:
                raise error_for(response.sw)
            return session.unwrap(response.data, ef=file.layout.name)
        log.warning("extended SM READ BINARY refused (SW=6700); falling back to chunked reads")
        card.use_extended = False
    try:
        return _read_secure_chunked(card, session, file)
    except WrongLength as exc:
        raise ExtendedLengthRequired() from exc


def _read_secure_chunked(card: Card, session: SecureSession, file: ResidenceFile) -> bytes:
    """``file.size`` bytes at most, :data:`SM_CHUNK` at a time; a short chunk is the end of the file."""
    out = bytearray()
    while len(out) < file.size:
        offset = len(out)
        want = min(SM_CHUNK, file.size - offset)
        command = session.read_chunk_command(offset, want, sfi=file.sfi if offset == 0 else None)
        response = card.call(command)
        if offset and response.sw.value in (0x6B00, 0x6A86, 0x6986, 0x6981):
            # the card does not take offset reads after a read by short id (UNCONFIRMED behaviour)
            raise ExtendedLengthRequired() from CardError(f"chunked SM read refused at offset {offset}")
        if not response.sw.is_success:
            raise error_for(response.sw)
        chunk = session.unwrap(response.data, ef=file.layout.name)
        if len(chunk) > want:
            raise ExtendedLengthRequired() from CardError("the card answered a chunk longer than asked")
        out += chunk
        if len(chunk) < want:
            break
    return bytes(out)


def read(card: Card, session: SecureSession, file: ResidenceFile) -> bytes:
    """The EF by SM or plainly, as the specification says for it."""
    return read_secure(card, session, file) if file.secure else read_plain(card, file)
