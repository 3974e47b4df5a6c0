"""The card-neutral reading model: what one read of an identity card produced.

Every card reader (My Number card, driver's licence, residence card) returns a :class:`CardReading`,
and everything above the card layer — verification, records, the desk window, remote submissions — works
on it without knowing which card it came from. It is a frozen value: readers build it once, at the end of
a successful read (never a partial one), and nobody changes it afterwards.

What goes where:

- ``holder`` — the person as the chip states it (:class:`Holder`). Fields the card does not carry stay
  ``None``; ``sex`` is ``"unknown"`` when not stated.
- ``card`` — facts about the document itself (:class:`CardFacts`): expiry, the document number a record
  may keep (driver's licence number, residence card number). **Never the My Number (個人番号)**: the
  My Number card's ``number`` is ``None``, and no field anywhere holds the individual number.
- ``photo`` — the chip's face photo as stored (:class:`Photo`, JPEG 2000 on all three cards).
- ``images`` — other images the chip holds, by stable name (``"name"``, ``"address"`` for the My Number
  card face, ``"front"`` for the residence card), as stored (PNG, TIFF …).
- ``extra`` — card-specific text fields by stable snake_case name (e.g. ``"licence_colour"``,
  ``"status_of_residence"``); values are display strings.
- ``pin_tries`` — tries left per secret, as read with the empty VERIFY *before* the secret was asked
  (``{"code_b": 10, "sign_pin": 5}``); a secret that was not used is absent.
- ``signed_files`` — the raw bytes of every file that verification needs (signed data, signatures,
  certificates), keyed ``"<ap>.<file>"`` (e.g. ``"surface.ef0002"``, ``"jpki.sign_cert"``). The card
  layer never decides trust: :mod:`kyc_desk.verify` re-parses these bytes, and records store them so a
  reading can be re-verified later — all but the :data:`TRANSIENT_FILES`, which are verified at once and
  then dropped (:meth:`CardReading.storable_files`).
- ``proofs`` — challenge/response pairs made during the read (:class:`ChallengeResponse`), e.g. the
  JPKI signature over a fresh random challenge that shows the client knows the password and holds the
  card.

Identifiers of card types and secrets are stable strings: they appear in ``kyc-desk card read --json``
and in stored records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, Literal, TypeAlias

from kyc_desk.cards.errors import MalformedData
from kyc_desk.imaging import ImageRefused, ImageUse, open_image, sniff

if TYPE_CHECKING:
    from PIL import Image

#: The documents the desk reads. Values are stable (JSON, records).
CardType: TypeAlias = Literal["mynumber", "driver_licence", "residence_card", "special_permanent_resident"]
CARD_TYPES: tuple[CardType, ...] = ("mynumber", "driver_licence", "residence_card", "special_permanent_resident")

#: How a card states sex; ``"other"`` is the My Number card's 「該当なし」, ``"unknown"`` means not stated.
Sex: TypeAlias = Literal["male", "female", "other", "unknown"]
SEXES: tuple[Sex, ...] = ("male", "female", "other", "unknown")

#: Names of the secrets a read can ask for (keys of ``pin_tries``, lines of ``--secrets-stdin``).
#: ``code_b`` 照合番号B, ``text_pin`` 券面事項入力補助用暗証番号, ``sign_pin`` 署名用パスワード,
#: ``auth_pin`` 利用者証明用暗証番号, ``pin1``/``pin2`` driver's licence 暗証番号1/2, ``card_number`` the
#: residence card number used as its key.
SecretName: TypeAlias = Literal["code_b", "text_pin", "sign_pin", "auth_pin", "pin1", "pin2", "card_number"]


def _frozen_map(value: Mapping[str, object] | None) -> Mapping[str, object]:
    return MappingProxyType(dict(value or {}))


@dataclass(frozen=True)
class Holder:
    """本人特定事項 as the chip states them."""

    name: str | None = None
    name_kana: str | None = None
    address: str | None = None
    birth_date: dt.date | None = None
    sex: Sex = "unknown"

    def to_json(self) -> dict[str, str | None]:
        return {
            "name": self.name,
            "name_kana": self.name_kana,
            "address": self.address,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "sex": self.sex,
        }


@dataclass(frozen=True)
class CardFacts:
    """Facts about the document: expiry, issue date and the document number a record may keep.

    ``number`` is *never* the My Number (個人番号); it is ``None`` for the My Number card.
    """

    expiry: dt.date | None = None
    issued: dt.date | None = None
    number: str | None = None

    def to_json(self) -> dict[str, str | None]:
        out: dict[str, str | None] = {"expiry": self.expiry.isoformat() if self.expiry else None}
        if self.issued is not None:
            out["issued"] = self.issued.isoformat()
        if self.number is not None:
            out["number"] = self.number
        return out


#: Every image a chip holds, through the image gate: photos (JPEG 2000, JPEG), the My Number card's text
#: images (PNG) and the residence card's front image (MMR TIFF). Chip images are small (a photo is
#: about 120×160, a front image 640×404); the limits leave room and keep a decode well under 100 MB.
CHIP_IMAGE: Final = ImageUse(
    "chip image",
    formats=frozenset({"jpeg", "png", "jpeg2000", "tiff"}),
    max_pixels=4_000_000,
    max_claimed_pixels=4_000_000,
    max_side=8192,
    tiff_compressions=frozenset({"group4"}),
)

#: Image formats as stored on chips.
ImageFormat: TypeAlias = Literal["jp2", "j2k", "png", "tiff", "jpeg"]


def sniff_image_format(data: bytes) -> ImageFormat | None:
    """The format of stored image bytes, judged from their signature (``None`` if unknown).

    The image gate's :func:`~kyc_desk.imaging.sniff` decides the kind; JPEG 2000 is told apart here as the
    raw codestream (``j2k``, what chips hold) or the box format (``jp2``).
    """
    kind = sniff(data)
    if kind == "jpeg2000":
        return "j2k" if data.startswith(b"\xff\x4f\xff\x51") else "jp2"
    return kind


@dataclass(frozen=True)
class Photo:
    """An image exactly as the chip stores it."""

    data: bytes
    format: ImageFormat

    @classmethod
    def from_bytes(cls, data: bytes) -> Photo | None:
        """A photo if ``data`` is an image in a known format, else ``None``."""
        kind = sniff_image_format(data)
        return cls(data, kind) if kind else None

    def decode(self) -> Image.Image:
        """The decoded image, through the image gate; raises :class:`MalformedData` if it is refused."""
        try:
            return open_image(self.data, CHIP_IMAGE)
        except ImageRefused as exc:
            raise MalformedData(f"the {self.format} image is refused: {exc.message}") from exc


@dataclass(frozen=True)
class ChallengeResponse:
    """A signature the card made during the read over a challenge the desk chose.

    ``key`` names the card key (``"jpki.sign"``, ``"surface.card_key"``), ``challenge`` the random bytes
    the desk chose, ``signed`` the exact bytes given to the card (e.g. a DigestInfo over the challenge's
    SHA-256), and ``signature`` the card's answer. Verification checks it with the key of the matching
    certificate or signed file. ``status``: the card's status word; anything but 9000 is a refusal (the
    signature is then empty), which verification reports as not verifiable — never as valid.
    """

    key: str
    challenge: bytes
    signed: bytes
    signature: bytes
    status: int = 0x9000

    @property
    def refused(self) -> bool:
        """The card answered with an error status instead of a signature."""
        return self.status != 0x9000


#: Signed files that are read only to be verified at once, and never stored or sent on: they let the
#: individual number be recovered. The text AP's EF 0003 holds a SHA-256 over the 12-digit individual
#: number (cards.md §A.3.2), and 10^12 candidates are searched in minutes. The scrivener must not collect
#: the individual number, so the records keep the verdict of its check, never the file.
TRANSIENT_FILES: Final[frozenset[str]] = frozenset({"text.signature"})


@dataclass(frozen=True)
class CardReading:
    """Everything one successful read of one card produced (see the module docstring)."""

    card_type: CardType
    holder: Holder
    card: CardFacts = field(default_factory=CardFacts)
    photo: Photo | None = None
    images: Mapping[str, Photo] = field(default_factory=dict)
    extra: Mapping[str, str] = field(default_factory=dict)
    pin_tries: Mapping[str, int] = field(default_factory=dict)
    signed_files: Mapping[str, bytes] = field(default_factory=dict)
    proofs: tuple[ChallengeResponse, ...] = ()
    #: When the read finished (UTC, timezone-aware).
    read_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    def storable_files(self) -> dict[str, bytes]:
        """The signed files that may be stored or sent on (all but :data:`TRANSIENT_FILES`)."""
        return {name: data for name, data in self.signed_files.items() if name not in TRANSIENT_FILES}

    def __post_init__(self) -> None:
        for name in ("images", "extra", "pin_tries", "signed_files"):
            object.__setattr__(self, name, _frozen_map(getattr(self, name)))
        if self.card_type not in CARD_TYPES:
            raise ValueError(f"unknown card type {self.card_type!r}")
        if self.holder.sex not in SEXES:
            raise ValueError(f"unknown sex code {self.holder.sex!r}")
