"""SurfaceApp — 券面事項確認AP (card face AP): the card face as the chip holds it.

Opened by 照合番号B (EF 0012; 14 digits built from the printed card, see
:mod:`~kyc_desk.cards.apps.mynumber.code_b`). EF 0002 holds the birth date, sex, the card's public key,
the name and address as images, the face photo (JPEG 2000), a signature over those, and — after the
signature, so not covered by it — the expiry date and the security-code image. EF 0003 (basic info) and
EF 0004 (card-verifiable certificate) are free. **照合番号A (EF 0013) and the number image (EF 0005)
are never touched.**
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from kyc_desk.cards.apps.mynumber import layouts as L
from kyc_desk.cards.apps.mynumber.cvc import RsaPublicKey, parse_rsa_public_key
from kyc_desk.cards.apps.mynumber.fields import sex_code, yyyymmdd
from kyc_desk.cards.apps.mynumber.unlock import SecretPrompt, guard_file, unlock
from kyc_desk.cards.card import Card
from kyc_desk.cards.reading import Sex


@dataclass(frozen=True)
class CardFace:
    """EF 0002 decoded. ``signed_digest`` is the 96 bytes the signature covers (three SHA-256)."""

    birth_date: dt.date
    sex: Sex
    card_key: RsaPublicKey
    name_image: bytes
    address_image: bytes
    photo: bytes
    signature: bytes
    expiry: dt.date
    security_code_image: bytes
    signed_digest: bytes


def parse_card_face(raw: bytes) -> CardFace:
    """Decode EF 0002 (offset table checked) and compute the digest its signature covers (§A.4.3)."""
    where = L.SURFACE_FACE.name
    fields = L.decode_template(L.SURFACE_FACE, raw)
    digest = b"".join(
        hashlib.sha256(b"".join(L.tlv_bytes(raw, fields[name]) for name in group)).digest()
        for group in L.SURFACE_SIGNED_GROUPS
    )
    return CardFace(
        birth_date=yyyymmdd(fields["birth_date"].value, where=where),
        sex=sex_code(fields["sex"].value, L.SEX_CODES_CARD, where=where),
        card_key=parse_rsa_public_key(fields["card_key"].value, where=where),
        name_image=fields["name_image"].value,
        address_image=fields["address_image"].value,
        photo=fields["photo"].value,
        signature=fields["signature"].value,
        expiry=yyyymmdd(fields["expiry"].value, where=where),
        security_code_image=fields["security_code_image"].value,
        signed_digest=digest,
    )


class SurfaceApp:
    """券面事項確認AP on a card; create with :meth:`select`."""

    def __init__(self, card: Card) -> None:
        self.card = card

    @classmethod
    def select(cls, card: Card) -> SurfaceApp:
        """SELECT the AP."""
        card.select_df(L.SURFACE_AID)
        return cls(card)

    def unlock(self, prompt: SecretPrompt, tries: dict[str, int]) -> bool:
        """Ask for 照合番号B (tries shown first) and VERIFY it; False if the prompt skipped it."""
        return unlock(self.card, "code_b", L.SurfaceEF.CODE_B, prompt, tries)

    def _read(self, ef: L.SurfaceEF) -> bytes:
        guard_file(L.SURFACE_AID, ef)
        self.card.select_ef(ef)
        return self.card.read_binary_all()

    def read_face(self) -> bytes:
        """EF 0002 (needs 照合番号B)."""
        return self._read(L.SurfaceEF.FACE)

    def read_certificate(self) -> bytes:
        """EF 0004 (free)."""
        return self._read(L.SurfaceEF.CERTIFICATE)

    def read_basic_info(self) -> bytes:
        """EF 0003 (free)."""
        return self._read(L.SurfaceEF.BASIC_INFO)
