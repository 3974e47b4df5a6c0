"""運転免許証 — the IC driver's licence (National Police Agency specification; cards.md §B).

:mod:`.layouts` (files and data objects as tables), :mod:`.text` (JIS X 0208 with visible 外字
placeholders, era and BCD dates), :mod:`.changes` (EF04/EF06: changes recorded after issue, the latest
being current) and :mod:`.reader` (the whole read under the desk's PIN rules, and
:func:`reading_from_files`, the one parser from raw files → :class:`~kyc_desk.cards.reading.CardReading`
that live reads and remote submissions share). EF07 (電子署名) is kept raw; what can be verified is
:mod:`kyc_desk.verify.driver_licence`'s call.
"""

from kyc_desk.cards.apps.driver_licence.changes import LicenceChange, LicenceChanges, parse_changes
from kyc_desk.cards.apps.driver_licence.errors import (
    DriverLicenceError,
    LastTryNotConfirmed,
    LicencePinBlocked,
    LicencePinIncorrect,
    NotDriverLicence,
    PinFormatInvalid,
    PinRequired,
)
from kyc_desk.cards.apps.driver_licence.layouts import DF1_AID, DF2_AID
from kyc_desk.cards.apps.driver_licence.reader import (
    SECRETS,
    detect_driver_licence,
    parse_common_data,
    parse_photo,
    parse_pin_setting,
    read_common_data,
    read_driver_licence,
    reading_from_files,
)
from kyc_desk.cards.apps.driver_licence.text import JisText, Placeholder, decode_jis_x0208

__all__ = [
    "DF1_AID",
    "DF2_AID",
    "SECRETS",
    "DriverLicenceError",
    "JisText",
    "LastTryNotConfirmed",
    "LicenceChange",
    "LicenceChanges",
    "LicencePinBlocked",
    "LicencePinIncorrect",
    "NotDriverLicence",
    "PinFormatInvalid",
    "PinRequired",
    "Placeholder",
    "decode_jis_x0208",
    "detect_driver_licence",
    "parse_changes",
    "parse_common_data",
    "parse_photo",
    "parse_pin_setting",
    "read_common_data",
    "read_driver_licence",
    "reading_from_files",
]
