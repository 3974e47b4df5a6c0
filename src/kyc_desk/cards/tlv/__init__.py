"""TLV parsing for the card files.

The cards use two encodings and the package keeps them apart: :mod:`.ber` (BER-TLV, My Number card and
driver's licence, with multi-byte tags such as ``DF 21`` and the ``FF 10`` quirk) and :mod:`.simple`
(one-byte tags only, residence card). Both return :class:`Tlv` objects and raise
:class:`~kyc_desk.cards.errors.MalformedData` on bad input.
"""

from kyc_desk.cards.tlv.ber import Tlv, encode_length, encode_tag, encode_tlv, find, parse_ber
from kyc_desk.cards.tlv.simple import encode_simple, parse_simple

__all__ = ["Tlv", "encode_length", "encode_simple", "encode_tag", "encode_tlv", "find", "parse_ber", "parse_simple"]
