"""TextApp — 券面事項入力補助AP (text input support AP): the 基本4情報 as text, and their signature.

Opened by the 4-digit 券面事項入力補助用暗証番号 (EF 0011, 3 tries) or by 照合番号B (EF 0015). Files read:
EF 0002 (基本4情報), EF 0003 (digests and signature), EF 0004 (card-verifiable certificate, free),
EF 0005 (AP basic info, free). **EF 0001 (個人番号) and 照合番号A (EF 0014) are never selected**: the
one read path refuses every file in :data:`~kyc_desk.cards.apps.mynumber.layouts.FORBIDDEN_FILES`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from kyc_desk.cards.apps.mynumber import layouts as L
from kyc_desk.cards.apps.mynumber.fields import raw_code, sex_code, utf8, yyyymmdd
from kyc_desk.cards.apps.mynumber.unlock import SecretPrompt, guard_file, unlock
from kyc_desk.cards.card import Card
from kyc_desk.cards.reading import Sex


@dataclass(frozen=True)
class TextAttributes:
    """EF 0002 decoded. ``signed_part`` is the outer value after the DF21 offset table (DF22..DF25 and any
    object the issuer adds), the input of the DF32 digest. ``sex_code``: the digit as written (kept
    when it is not one the desk knows, ``sex`` is then ``"unknown"``)."""

    name: str
    address: str
    birth_date: dt.date
    sex: Sex
    signed_part: bytes
    sex_code: str = ""


@dataclass(frozen=True)
class TextSignature:
    """EF 0003 decoded: the two digests, the signature, and the bytes it covers (DF31 and DF32 TLVs)."""

    number_digest: bytes
    attributes_digest: bytes
    signature: bytes
    signed_part: bytes


def parse_text_attributes(raw: bytes) -> TextAttributes:
    """Decode EF 0002 (by tag, offset table checked; cards.md §A.3.2)."""
    where = L.TEXT_ATTRIBUTES.name
    fields = L.decode_template(L.TEXT_ATTRIBUTES, raw)
    return TextAttributes(
        name=utf8(fields["name"].value, where=where),
        address=utf8(fields["address"].value, where=where),
        birth_date=yyyymmdd(fields["birth_date"].value, where=where),
        sex=sex_code(fields["sex"].value, L.SEX_CODES_CARD, where=where),
        signed_part=L.signed_body(L.TEXT_ATTRIBUTES, raw),
        sex_code=raw_code(fields["sex"].value),
    )


def attributes_digest(attributes: TextAttributes) -> bytes:
    """SHA-256 of EF 0002's outer value after DF21 — what EF 0003's DF32 should hold (cards.md §A.3.2, 1 src)."""
    return hashlib.sha256(attributes.signed_part).digest()


def parse_text_signature(raw: bytes) -> TextSignature:
    """Decode EF 0003. The signature covers the objects that precede DF33, as written (§A.3.2)."""
    fields = L.decode_template(L.TEXT_SIGNATURE, raw)
    signature = fields["signature"]
    return TextSignature(
        number_digest=fields["number_digest"].value,
        attributes_digest=fields["attributes_digest"].value,
        signature=signature.value,
        signed_part=raw[L.value_start(raw) : signature.offset],
    )


class TextApp:
    """券面事項入力補助AP on a card; create with :meth:`select`."""

    def __init__(self, card: Card) -> None:
        self.card = card

    @classmethod
    def select(cls, card: Card) -> TextApp:
        """SELECT the AP (clears any verified key of the AP selected before)."""
        card.select_df(L.TEXT_AID)
        return cls(card)

    def unlock(self, prompt: SecretPrompt, tries: dict[str, int], *, prefer: str = "text_pin") -> str | None:
        """Open the 基本4情報 with the PIN or 照合番号B, asking in the order ``prefer`` gives.

        Returns the secret used, or ``None`` if the prompt skipped both.
        """
        order = [("text_pin", L.TextEF.PIN), ("code_b", L.TextEF.CODE_B)]
        if prefer == "code_b":
            order.reverse()
        for name, fid in order:
            if unlock(self.card, name, fid, prompt, tries):  # type: ignore[arg-type]
                return name
        return None

    def _read(self, ef: L.TextEF) -> bytes:
        guard_file(L.TEXT_AID, ef)
        self.card.select_ef(ef)
        return self.card.read_binary_all(until_declared=True)

    def read_attributes(self) -> bytes:
        """EF 0002 (needs the PIN or 照合番号B)."""
        return self._read(L.TextEF.ATTRIBUTES)

    def read_signature(self) -> bytes:
        """EF 0003 (needs the PIN or a 照合番号)."""
        return self._read(L.TextEF.SIGNATURE)

    def read_certificate(self) -> bytes:
        """EF 0004 (free)."""
        return self._read(L.TextEF.CERTIFICATE)

    def read_basic_info(self) -> bytes:
        """EF 0005 (free)."""
        return self._read(L.TextEF.BASIC_INFO)
