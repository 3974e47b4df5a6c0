"""Software cards: an ISO 7816-4 card engine, card builders from personas, and the vpcd bridge.

They serve tests, benchmarks and the desk's demo mode. A software card put on the virtual reader is seen
by pcscd exactly as a real card on a real reader, so the desk's own code reads it unchanged.

- :mod:`.engine`: :class:`SoftCard`, :class:`Access`, :class:`CardStatus` — build a card;
- :mod:`.registry`: :func:`register_card_builder`, :func:`build_card`, :func:`card_kinds` — cards by name;
- :mod:`.vpcd`: :class:`VpcdBridge` — put a card on a vpcd virtual reader;
- :mod:`.serve`: run one as its own process (``python -m kyc_desk_testkit.softcard.serve``).
"""

from kyc_desk_testkit.softcard.engine import Access, CardStatus, DedicatedFile, SoftCard
from kyc_desk_testkit.softcard.registry import UnknownCardKind, build_card, card_kinds, register_card_builder
from kyc_desk_testkit.softcard.vpcd import VpcdBridge, VpcdUnavailable, reader_name_for_port

__all__ = [
    "Access",
    "CardStatus",
    "DedicatedFile",
    "SoftCard",
    "UnknownCardKind",
    "VpcdBridge",
    "VpcdUnavailable",
    "build_card",
    "card_kinds",
    "reader_name_for_port",
    "register_card_builder",
]
