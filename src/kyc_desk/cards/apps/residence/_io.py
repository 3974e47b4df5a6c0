"""The two ways a residence-card EF is read, shared by both generations' readers.

Plain READ BINARY by short EF id (files behind the card number only) and READ BINARY under secure
messaging (files the specification marks "card number + SM"); a reader path that cuts the extended APDU
short (67 00) is reported as :class:`ExtendedLengthRequired`.
"""

from __future__ import annotations

from kyc_desk.cards.apps.residence.auth import SecureSession
from kyc_desk.cards.apps.residence.errors import ExtendedLengthRequired
from kyc_desk.cards.apps.residence.layouts import ResidenceFile
from kyc_desk.cards.card import Card
from kyc_desk.cards.errors import WrongLength, error_for


def read_plain(card: Card, file: ResidenceFile) -> bytes:
    """The whole EF by plain READ BINARY (extended Le when the reader has it)."""
    return card.read_binary_all(sfi=file.sfi)


def read_secure(card: Card, session: SecureSession, file: ResidenceFile) -> bytes:
    """The whole EF's plaintext by SM READ BINARY (one extended APDU)."""
    response = card.call(session.read_binary_command(file.sfi))
    if response.sw.value == 0x6700:  # the reader path cut the extended APDU short
        raise ExtendedLengthRequired() from WrongLength(response.sw)
    if not response.sw.is_success:
        raise error_for(response.sw)
    return session.unwrap(response.data, ef=file.layout.name)


def read(card: Card, session: SecureSession, file: ResidenceFile) -> bytes:
    """The EF by SM or plainly, as the specification says for it."""
    return read_secure(card, session, file) if file.secure else read_plain(card, file)
