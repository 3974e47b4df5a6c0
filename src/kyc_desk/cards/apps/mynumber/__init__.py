"""個人番号カード (My Number card): one module per application, plus the reader that combines them.

- :mod:`.jpki` — 公的個人認証AP (certificates, signature challenge, the four items of the certificate);
- :mod:`.surface` — 券面事項確認AP (the card face through 照合番号B);
- :mod:`.text` — 券面事項入力補助AP (基本4情報 through the PIN or 照合番号B);
- :mod:`.common` — 共通AP (expiry);
- :mod:`.code_b` — building 照合番号B from the printed card;
- :mod:`.unlock` — asking for secrets and VERIFY, under the desk's PIN rules;
- :mod:`.reader` — :func:`read_mynumber`, a whole face-to-face read, and :func:`reading_from_files`, the one
  parser from raw files into a ``CardReading`` (the live read and a remote submission both use it);
- :mod:`.layouts` — AIDs, file ids and TLV layouts as tables.

The individual number (個人番号) is never read: its file and 照合番号A are listed in
:data:`~.layouts.FORBIDDEN_FILES` and refused before any APDU is sent.
"""

from kyc_desk.cards.apps.mynumber.code_b import (
    CodeB,
    birth_date_from_era_parts,
    parse_printed_birth_date,
    validate_code_b_digits,
)
from kyc_desk.cards.apps.mynumber.common import CommonApp
from kyc_desk.cards.apps.mynumber.cvc import CardVerifiableCertificate, RsaPublicKey, parse_cvc
from kyc_desk.cards.apps.mynumber.errors import (
    CodeBInvalid,
    LastTryNotConfirmed,
    MyNumberError,
    NotMyNumberCard,
    SecretFormatInvalid,
)
from kyc_desk.cards.apps.mynumber.jpki import FourItems, JpkiApp, parse_four_items
from kyc_desk.cards.apps.mynumber.reader import (
    MyNumberReadOptions,
    detect_mynumber,
    read_mynumber,
    reading_from_files,
)
from kyc_desk.cards.apps.mynumber.surface import CardFace, SurfaceApp, parse_card_face
from kyc_desk.cards.apps.mynumber.text import (
    TextApp,
    TextAttributes,
    TextSignature,
    attributes_digest,
    parse_text_attributes,
    parse_text_signature,
)
from kyc_desk.cards.apps.mynumber.unlock import SECRETS, Secret, SecretPrompt, SecretRequest, normalise_secret

__all__ = [
    "SECRETS",
    "CardFace",
    "CardVerifiableCertificate",
    "CodeB",
    "CodeBInvalid",
    "CommonApp",
    "FourItems",
    "JpkiApp",
    "LastTryNotConfirmed",
    "MyNumberError",
    "MyNumberReadOptions",
    "NotMyNumberCard",
    "RsaPublicKey",
    "Secret",
    "SecretFormatInvalid",
    "SecretPrompt",
    "SecretRequest",
    "SurfaceApp",
    "TextApp",
    "TextAttributes",
    "TextSignature",
    "attributes_digest",
    "birth_date_from_era_parts",
    "detect_mynumber",
    "normalise_secret",
    "parse_card_face",
    "parse_cvc",
    "parse_four_items",
    "parse_printed_birth_date",
    "parse_text_attributes",
    "parse_text_signature",
    "read_mynumber",
    "reading_from_files",
    "validate_code_b_digits",
]
