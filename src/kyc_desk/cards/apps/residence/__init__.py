"""在留カード / 特別永住者証明書 — the residence card and the special permanent resident certificate.

Built to the Immigration Services Agency's public specification (在留カード等仕様書 Ver 1.5; cards.md §C):
:mod:`.layouts` (files and data objects as tables), :mod:`.auth` (card-number authentication and secure
messaging over the primitives of ``_sm``), :mod:`.images` (front image TIFF/MMR, photo padding) and
:mod:`.reader` (the whole read, and :func:`reading_from_files`, the one parser from raw files →
:class:`~kyc_desk.cards.reading.CardReading` that live reads and remote submissions share).
"""

from kyc_desk.cards.apps.residence.auth import SecureSession, authenticate, normalise_card_number
from kyc_desk.cards.apps.residence.errors import (
    CardGenerationNotSupported,
    CardNumberFormatInvalid,
    CardNumberWrong,
    ExtendedLengthRequired,
    MutualAuthenticationFailed,
    NotResidenceCard,
    ResidenceCardError,
)
from kyc_desk.cards.apps.residence.images import decode_front_image, front_image_png
from kyc_desk.cards.apps.residence.layouts import DF1_AID, DF2_AID, DF3_AID, FILES
from kyc_desk.cards.apps.residence.reader import (
    CARD_NUMBER_SECRET,
    FILE_KEYS,
    NO_TRY_COUNTER,
    identify,
    parse_card_type,
    read_residence_card,
    reading_from_files,
)

__all__ = [
    "CARD_NUMBER_SECRET",
    "DF1_AID",
    "DF2_AID",
    "DF3_AID",
    "FILES",
    "FILE_KEYS",
    "NO_TRY_COUNTER",
    "CardGenerationNotSupported",
    "CardNumberFormatInvalid",
    "CardNumberWrong",
    "ExtendedLengthRequired",
    "MutualAuthenticationFailed",
    "NotResidenceCard",
    "ResidenceCardError",
    "SecureSession",
    "authenticate",
    "decode_front_image",
    "front_image_png",
    "identify",
    "normalise_card_number",
    "parse_card_type",
    "read_residence_card",
    "reading_from_files",
]
