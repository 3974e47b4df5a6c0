"""SurfaceApp — 券面事項確認AP (card face AP): the card face as the chip holds it.

Opened by 照合番号B (EF 0012; 14 digits built from the printed card, see
:mod:`~kyc_desk.cards.apps.mynumber.code_b`). EF 0002 holds the birth date, sex, the card's public key,
the name and address as images, the face photo (JPEG 2000), a signature over those, and — after the
signature, so not covered by it — the expiry date and the security-code image. EF 0003 (basic info) and
EF 0004 (card-verifiable certificate) are free. **照合番号A (EF 0013) and the number image (EF 0005)
are never touched.**

Presence proof (:meth:`SurfaceApp.prove_presence`): the AP signs ``DigestInfo(SHA-256(challenge))``
with the card's own key — the one whose public half is DF24, inside the part of EF 0002 the issuer
signs — for ``80 2A 00 00`` with no credential (cards.md §A.4.3). Signed files can be copied; this key
cannot be read out, so a chip that answers with another key is not the chip the data was issued for.
The card layer returns the challenge and the answer (or the status word of a refusal) as a
:class:`~kyc_desk.cards.reading.ChallengeResponse`; :mod:`kyc_desk.verify.mynumber` decides.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Final

from kyc_desk.cards.apdu import CommandApdu, Ins
from kyc_desk.cards.apps.mynumber import layouts as L
from kyc_desk.cards.apps.mynumber.cvc import RsaPublicKey, parse_rsa_public_key
from kyc_desk.cards.apps.mynumber.fields import raw_code, sex_code, yyyymmdd
from kyc_desk.cards.apps.mynumber.unlock import SecretPrompt, guard_file, unlock
from kyc_desk.cards.card import Card
from kyc_desk.cards.reading import ChallengeResponse, Sex

#: ``ChallengeResponse.key`` of the card key's answer (DF24 of EF 0002).
PRESENCE_KEY: Final = "surface.card_key"
#: Bytes of the random challenge the desk asks the card key to sign.
PRESENCE_CHALLENGE_LENGTH: Final = 32


@dataclass(frozen=True)
class CardFace:
    """EF 0002 decoded. ``signed_digest`` is the 96 bytes the signature covers (three SHA-256).
    ``sex_code``: the digit as written (``sex`` is ``"unknown"`` for a code the desk does not know)."""

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
    sex_code: str = ""


def parse_card_face(raw: bytes) -> CardFace:
    """Decode EF 0002 (by tag, offset table checked) and compute the digest its signature covers (§A.4.3).

    The digest is over the TLVs of the signed groups exactly as written; an object the template does not
    know is not part of it (and not shown)."""
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
        sex_code=raw_code(fields["sex"].value),
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
        return self.card.read_binary_all(until_declared=True)

    def read_face(self) -> bytes:
        """EF 0002 (needs 照合番号B)."""
        return self._read(L.SurfaceEF.FACE)

    def read_certificate(self) -> bytes:
        """EF 0004 (free)."""
        return self._read(L.SurfaceEF.CERTIFICATE)

    def read_basic_info(self) -> bytes:
        """EF 0003 (free)."""
        return self._read(L.SurfaceEF.BASIC_INFO)

    def prove_presence(self, challenge: bytes | None = None) -> ChallengeResponse:
        """The card key signs ``DigestInfo(SHA-256(challenge))``: ``80 2A 00 00 Lc <DigestInfo> 00``.

        One APDU, no VERIFY. ``challenge`` defaults to fresh random bytes (a remote client passes the
        request's message). A refusal is not an error here: the answer comes back with an empty signature
        and the card's status word, for verification to report as not verifiable.
        """
        challenge = secrets.token_bytes(PRESENCE_CHALLENGE_LENGTH) if challenge is None else challenge
        signed = L.digest_info_sha256(challenge)
        command = CommandApdu(0x80, Ins.COMPUTE_DIGITAL_SIGNATURE, 0x00, 0x00, signed, 256)
        response = self.card.call(command)
        if not response.sw.is_success:
            return ChallengeResponse(PRESENCE_KEY, challenge, signed, b"", status=response.sw.value)
        return ChallengeResponse(PRESENCE_KEY, challenge, signed, response.data)
