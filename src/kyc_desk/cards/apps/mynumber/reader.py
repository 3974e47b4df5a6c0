"""read_mynumber — one face-to-face read of a My Number card into a :class:`CardReading`.

Order of a full read (each step only if its secret is given; see docs/mynumber.md):

1. 公的個人認証AP, free: the user-authentication certificate, its CA certificate and the signature CA
   certificate. (Also proves the card is a My Number card: SELECT of the JPKI AID.)
2. 券面事項確認AP: its certificate (free), then 照合番号B → the card face (birth date, sex, name and
   address images, photo, expiry, signature, the card's public key DF24), then one ``80 2A 00 00``: the
   card key signs a fresh random challenge (presence proof: the chip is the one the face was issued
   for; verification checks the answer with DF24 once EF 0002's signature has verified).
3. 券面事項入力補助AP: its certificate and basic info (free), then the PIN or 照合番号B → 基本4情報 and the
   integrity record.
4. 公的個人認証AP: the signature password → the signature certificate, and the card signs a fresh
   random challenge (proof that the client knows the password and holds the card).
5. 公的個人認証AP, only with ``options.auth``: the 4-digit user-authentication PIN → the card signs a
   fresh challenge with the authentication key (recognises a returning client by the
   利用者証明用電子証明書; docs/mynumber.md).
6. 共通AP: the expiry date (free), used when the card face was not read.

Secrets are asked through one :data:`SecretPrompt`, tries left first. A secret typed once is offered
again to the next AP that takes it (照合番号B opens both the card face and the 基本4情報) — unless that
AP's counter is down to one try, when the prompt is asked again so the user can confirm. Anything that
goes wrong raises, and nothing half-read is returned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from kyc_desk.cards.apps.mynumber import layouts as L
from kyc_desk.cards.apps.mynumber.common import CommonApp, parse_card_info_expiry
from kyc_desk.cards.apps.mynumber.errors import NotMyNumberCard
from kyc_desk.cards.apps.mynumber.jpki import FourItems, JpkiApp, parse_four_items
from kyc_desk.cards.apps.mynumber.layouts import JPKI_AID
from kyc_desk.cards.apps.mynumber.surface import CardFace, SurfaceApp, parse_card_face
from kyc_desk.cards.apps.mynumber.text import TextApp, TextAttributes, parse_text_attributes
from kyc_desk.cards.apps.mynumber.unlock import Secret, SecretPrompt, SecretRequest
from kyc_desk.cards.card import Card
from kyc_desk.cards.errors import FileNotFound, NotThisCard
from kyc_desk.cards.reading import CardFacts, CardReading, ChallengeResponse, Holder, Photo

#: Names of the raw files a reading keeps in ``signed_files`` (what verification re-parses).
FILE_AUTH_CERT = "jpki.auth_cert"
FILE_AUTH_CA_CERT = "jpki.auth_ca_cert"
FILE_SIGN_CA_CERT = "jpki.sign_ca_cert"
FILE_SIGN_CERT = "jpki.sign_cert"
FILE_SURFACE_FACE = "surface.face"
FILE_SURFACE_CVC = "surface.certificate"
FILE_TEXT_ATTRIBUTES = "text.attributes"
FILE_TEXT_SIGNATURE = "text.signature"
FILE_TEXT_CVC = "text.certificate"

Progress = Callable[[str], None]


@dataclass(frozen=True)
class MyNumberReadOptions:
    """Which parts to read. Parts whose secret the prompt skips are left out either way."""

    surface: bool = True
    text: bool = True
    sign: bool = True
    challenge: bool = True
    auth: bool = False  # the returning-client proof with the user-authentication PIN (asked only then)
    #: After the card face: the card key signs a fresh challenge (one APDU, no secret).
    presence: bool = True
    #: What the card key signs instead of fresh random bytes (a remote client: the request's message).
    presence_challenge: bytes | None = None
    #: What the user-authentication key signs instead of fresh random bytes (a remote returning client).
    auth_challenge: bytes | None = None


class _RememberingPrompt:
    """Offers a secret the user already typed in this read to the next AP that takes it."""

    def __init__(self, prompt: SecretPrompt) -> None:
        self._prompt = prompt
        self._answers: dict[str, Secret | None] = {}

    def __call__(self, request: SecretRequest) -> Secret | None:
        if request.name in self._answers:
            known = self._answers[request.name]
            if known is None or not request.last_try:
                return known
        answer = self._prompt(request)
        self._answers[request.name] = answer
        return answer

    def known(self, name: str) -> bool:
        """The user typed (not skipped) this secret earlier in the read."""
        return self._answers.get(name) is not None


def detect_mynumber(card: Card) -> bool:
    """True if the card has the JPKI AP (SELECT answers 9000): the My Number card's signature."""
    return card.probe_df(JPKI_AID)


def _holder(face: CardFace | None, text: TextAttributes | None, cert: FourItems | None) -> Holder:
    """Text from the text AP, else the certificate; birth date and sex from the card face first."""
    name = text.name if text else (cert.name if cert else None)
    address = text.address if text else (cert.address if cert else None)
    birth = face.birth_date if face else (text.birth_date if text else (cert.birth_date if cert else None))
    sex = face.sex if face else (text.sex if text else (cert.sex if cert else "unknown"))
    return Holder(name=name, address=address, birth_date=birth, sex=sex)


def read_mynumber(
    card: Card,
    prompt: SecretPrompt,
    *,
    options: MyNumberReadOptions | None = None,
    progress: Progress | None = None,
) -> CardReading:
    """Read the card (see the module docstring); raises on any failure, returning nothing partial."""
    options = options or MyNumberReadOptions()
    step = progress or (lambda _name: None)
    asking = _RememberingPrompt(prompt)
    tries: dict[str, int] = {}
    files: dict[str, bytes] = {}
    proofs: list[ChallengeResponse] = []

    step("jpki")
    try:
        jpki = JpkiApp.select(card)
    except NotThisCard as exc:
        raise NotMyNumberCard("the card has no JPKI application: not a My Number card") from exc
    files[FILE_AUTH_CERT] = jpki.read_auth_certificate()
    files[FILE_AUTH_CA_CERT] = jpki.read_auth_ca_certificate()
    if (sign_ca := jpki.read_sign_ca_certificate()) is not None:
        files[FILE_SIGN_CA_CERT] = sign_ca

    face: CardFace | None = None
    if options.surface:
        step("surface")
        surface = SurfaceApp.select(card)
        files[FILE_SURFACE_CVC] = surface.read_certificate()
        if surface.unlock(asking, tries):
            files[FILE_SURFACE_FACE] = surface.read_face()
            face = parse_card_face(files[FILE_SURFACE_FACE])
            if options.presence:
                proofs.append(surface.prove_presence(options.presence_challenge))

    if options.text:
        step("text")
        text = TextApp.select(card)
        files[FILE_TEXT_CVC] = text.read_certificate()
        if text.unlock(asking, tries, prefer="code_b" if asking.known("code_b") else "text_pin"):
            files[FILE_TEXT_ATTRIBUTES] = text.read_attributes()
            files[FILE_TEXT_SIGNATURE] = text.read_signature()
            parse_text_attributes(files[FILE_TEXT_ATTRIBUTES])  # malformed: stop before the next secret

    if options.sign:
        step("sign")
        jpki = JpkiApp.select(card)
        if jpki.unlock_signature(asking, tries):
            files[FILE_SIGN_CERT] = jpki.read_sign_certificate()
            if options.challenge:
                step("challenge")
                proofs.append(jpki.sign_challenge())

    if options.auth:
        step("auth")
        jpki = JpkiApp.select(card)
        if jpki.unlock_authentication(asking, tries):
            proofs.append(jpki.auth_challenge(options.auth_challenge))

    expiry = face.expiry if face else None
    if expiry is None:
        step("common")
        try:
            expiry = parse_card_info_expiry(CommonApp.select(card).read_card_info())
        except (NotThisCard, FileNotFound):
            expiry = None
    return reading_from_files(files, read_at=dt.datetime.now(dt.UTC), pin_tries=tries, proofs=proofs, expiry=expiry)


def reading_from_files(
    files: Mapping[str, bytes],
    *,
    read_at: dt.datetime,
    pin_tries: Mapping[str, int] | None = None,
    proofs: Sequence[ChallengeResponse] = (),
    expiry: dt.date | None = None,
) -> CardReading:
    """マイナンバーカードの読取結果 — the reading of a My Number card from its raw files, keyed by the
    ``FILE_*`` names.

    Pure: the live reader and a remote submission's chip files both come here. The card face (照合番号B),
    the 基本4情報 and the signature certificate are used when given; the holder's text comes from the text
    AP, else the certificate, and birth date and sex from the card face first. ``pin_tries``, ``proofs``
    (the signature challenge) and ``expiry`` (from the common AP when the face was not read) are what a
    live read adds. Every file given is kept in ``signed_files`` as it is, for verification to re-parse.
    Raises MalformedData on bad bytes: no partial reading.
    """
    face = parse_card_face(files[FILE_SURFACE_FACE]) if FILE_SURFACE_FACE in files else None
    attributes = parse_text_attributes(files[FILE_TEXT_ATTRIBUTES]) if FILE_TEXT_ATTRIBUTES in files else None
    four_items = parse_four_items(files[FILE_SIGN_CERT]) if FILE_SIGN_CERT in files else None
    extra: dict[str, str] = {}
    for source in (face, attributes):
        if source is not None and source.sex == "unknown" and source.sex_code not in L.SEX_CODES_CARD:
            extra["sex_code"] = source.sex_code  # a code the desk does not know, shown as written
    images: dict[str, Photo] = {}
    if face is not None:
        for key, data in (("name", face.name_image), ("address", face.address_image)):
            if (image := Photo.from_bytes(data)) is not None:
                images[key] = image
    return CardReading(
        card_type="mynumber",
        holder=_holder(face, attributes, four_items),
        card=CardFacts(expiry=face.expiry if face is not None and face.expiry is not None else expiry),
        photo=Photo.from_bytes(face.photo) if face else None,
        images=images,
        extra=extra,
        pin_tries=pin_tries or {},
        signed_files=files,
        proofs=tuple(proofs),
        read_at=read_at,
    )
