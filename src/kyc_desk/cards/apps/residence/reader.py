"""在留カード等の読み取り — reading the residence card or special permanent resident certificate.

:func:`read_residence_card` runs the whole read and returns one :class:`~kyc_desk.cards.reading.CardReading`
or raises; nothing half-read ever comes back. The sequence (cards.md §C.2–C.4):

- MF: 共通データ要素 (spec version) and カード種別 (``C1``: 在留カード or 特別永住者証明書) — free;
- card-number authentication and SM VERIFY (:mod:`.auth`) with the number the user typed;
- DF1 by secure messaging: the front image (TIFF/MMR) and the colour photo (JPEG 2000);
- DF2: the address written on the back, and — 在留カード only — the two permission fields and the
  renewal-application flag;
- DF3: the check code and the certificate, kept raw for :mod:`kyc_desk.verify.residence`.

A second-generation card (types 05/06) is authenticated the same way with AES (:data:`.auth.GENERATION_2`)
and its own files are read and parsed by :mod:`.reader2`; :func:`read_residence_card` and
:func:`reading_from_files` are the one entry point for both generations (the card type file decides).

The chip holds no name or birth date as text: they are in the front *image*. ``holder`` therefore carries
only the address (when one was written on the back); the card number the card accepted goes to
``card.number``. The card layer decides nothing about trust: the check code is verified above it.

The live read only moves bytes; :func:`reading_from_files` turns the raw files into the reading, and a
remote (ヘ) submission's chip files go through the same function. Every file read is kept raw in
``signed_files`` (keys in :data:`FILE_KEYS`), so a stored reading can be re-parsed and re-verified.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from typing import Any, Final

from kyc_desk.cards.apps.mynumber.unlock import SecretSpec
from kyc_desk.cards.apps.residence import auth, reader2
from kyc_desk.cards.apps.residence._io import read_plain, read_secure
from kyc_desk.cards.apps.residence.errors import CardGenerationNotSupported, ExtendedLengthRequired, NotResidenceCard
from kyc_desk.cards.apps.residence.images import decode_front_image, trim_padding
from kyc_desk.cards.apps.residence.layouts import (
    CARD_TYPES,
    FILES,
    READABLE_GENERATION,
    RESIDENCE_CARD_ONLY,
)
from kyc_desk.cards.card import Card
from kyc_desk.cards.errors import FileNotFound, MalformedData, WrongLength
from kyc_desk.cards.layouts import decode
from kyc_desk.cards.reading import CardFacts, CardReading, Holder, Photo

log = logging.getLogger(__name__)

Progress = Callable[[str], None]

#: Keys of ``CardReading.signed_files`` (raw EF bytes the check code covers, and the check code file).
SIGNED_FRONT = "residence.df1.ef01"
SIGNED_PHOTO = "residence.df1.ef02"
SIGNED_CHECK = "residence.df3.ef01"
#: :data:`~.layouts.FILES` name → ``signed_files`` key, for every file a reading may be built from.
FILE_KEYS: Final[dict[str, str]] = {
    "common": "residence.mf.ef01",
    "card_type": "residence.mf.ef02",
    "front_image": SIGNED_FRONT,
    "photo": SIGNED_PHOTO,
    "address": "residence.df2.ef01",
    "comprehensive_permission": "residence.df2.ef02",
    "individual_permission": "residence.df2.ef03",
    "renewal": "residence.df2.ef04",
    "check_code": SIGNED_CHECK,
}
#: Files without which there is no reading (the rest are optional; DF2/EF02–04 exist on 在留カード only).
REQUIRED_FILES: Final = ("card_type", "front_image", "photo")

#: The card number as a secret a prompt asks for. The card keeps no try counter for it: a prompt is
#: given :data:`NO_TRY_COUNTER` as ``tries_left``.
CARD_NUMBER_SECRET: Final = SecretSpec(
    "card_number",
    "在留カード等番号",
    "card number",
    None,
    "2 letters, 8 digits, 2 letters (12 characters, on the card face)",
    "英字2桁・数字8桁・英字2桁の12文字（券面に記載）",
)
NO_TRY_COUNTER: Final = -1

RENEWAL_TEXT = {True: "在留期間更新等許可申請中", False: "なし"}


def card_generation(raw: bytes) -> tuple[str, int]:
    """MF/EF02 カード種別 → (kind, generation): ``"residence_card"`` or ``"special_permanent_resident"``, and
    1 (``1``/``2``) or 2 (``05``/``06``). MalformedData for anything else.

    Raises :class:`CardGenerationNotSupported` for a card type the specifications define but this reader
    cannot read (the integrated cards ``07``/``08``).
    """
    code: str = decode(FILES["card_type"].layout, raw.rstrip(b"\x00"))["card_type"]
    kind, generation = CARD_TYPES[code.encode("ascii")]
    if generation not in READABLE_GENERATION:
        raise CardGenerationNotSupported(code)
    return kind, generation


def parse_card_type(raw: bytes) -> str:
    """MF/EF02 カード種別: ``"residence_card"`` or ``"special_permanent_resident"`` (see :func:`card_generation`)."""
    return card_generation(raw)[0]


def _identify_raw(card: Card) -> bytes:
    try:
        card.select_mf()
        raw = read_plain(card, FILES["card_type"])
        parse_card_type(raw)
    except (FileNotFound, MalformedData) as exc:
        raise NotResidenceCard("the card has no residence-card type file") from exc
    return raw


def identify(card: Card) -> str:
    """Select the MF and read カード種別: ``"residence_card"`` or ``"special_permanent_resident"``."""
    return parse_card_type(_identify_raw(card))


def read_residence_card(card: Card, card_number: str, *, progress: Progress | None = None) -> CardReading:
    """Read everything the card number opens. ``card_number`` is what the user typed (checked first).

    A reader path that answers 67 00 to the extended APDUs this card needs is reported as
    :class:`ExtendedLengthRequired`, naming the kind of reader that works.
    """
    number = auth.normalise_card_number(card_number)  # nothing is sent for a malformed number
    try:
        return _read(card, number, progress or (lambda _message: None))
    except WrongLength as exc:
        raise ExtendedLengthRequired() from exc


def _read(card: Card, number: str, step: Progress) -> CardReading:
    step("card_type")
    raw: dict[str, bytes] = {"card_type": _identify_raw(card)}
    card_type, generation = card_generation(raw["card_type"])
    raw["common"] = read_plain(card, FILES["common"])
    decode(FILES["common"].layout, raw["common"])  # a malformed card stops before the card number is sent
    step("authenticate")
    session = auth.authenticate(card, number, suite=auth.SUITES[generation])
    log.info("residence card: card-number authentication succeeded (generation %d)", generation)
    if generation == 2:
        files = {FILE_KEYS[name]: raw[name] for name in ("card_type", "common")}
        files.update(reader2.read_files(card, session, card_type, step))
        return reading_from_files(files, read_at=dt.datetime.now(dt.UTC), card_number=number)

    for name, file in FILES.items():
        if file.df is None or (card_type == "special_permanent_resident" and name in RESIDENCE_CARD_ONLY):
            continue
        if name in ("front_image", "address", "check_code"):  # first file of each DF
            card.select_df(file.df)
        step(name)
        raw[name] = read_secure(card, session, file) if file.secure else read_plain(card, file)
    return reading_from_files(
        {FILE_KEYS[name]: data for name, data in raw.items()}, read_at=dt.datetime.now(dt.UTC), card_number=number
    )


def reading_from_files(
    files: Mapping[str, bytes], *, read_at: dt.datetime, card_number: str | None = None
) -> CardReading:
    """在留カード等の読取結果 — the reading from raw EF bytes keyed by :data:`FILE_KEYS` values.

    Pure: the live reader and a remote submission's chip files both come here. The files of
    :data:`REQUIRED_FILES` must be present; the others are used when given. Every file given is kept in
    ``signed_files`` as it is. ``card_number`` is the number the card accepted (a live read); the chip
    holds it only inside the front image, so a reading from files alone has ``card.number`` ``None``.
    Raises MalformedData on bad bytes (including a front image that does not decode or a photo that is
    not JPEG 2000) or a missing required file: no partial reading.
    """
    if FILE_KEYS["card_type"] in files:
        kind, generation = card_generation(files[FILE_KEYS["card_type"]])
        if generation == 2:
            return reader2.reading_from_files(files, kind=kind, read_at=read_at, card_number=card_number)
    by_name = {name: files[key] for name, key in FILE_KEYS.items() if key in files}
    missing = [FILE_KEYS[name] for name in REQUIRED_FILES if name not in by_name]
    if missing:
        raise MalformedData(f"required residence card files are missing: {', '.join(missing)}", ef="residence")
    card_type = parse_card_type(by_name["card_type"])
    values: dict[str, Any] = {}
    for name, data in by_name.items():
        if name == "address" and not data.strip(b"\x00\xff"):
            continue  # an address file never written (a card issued before the holder had an address)
        values.update(decode(FILES[name].layout, data))
    front = values["front_image"]
    decode_front_image(front)  # refuse a front image that does not decode, before anything is returned
    photo_value = values.get("photo")
    photo = Photo.from_bytes(trim_padding(photo_value)) if photo_value else None
    if photo_value and photo is None:
        raise MalformedData("the photo is not a JPEG 2000 image", ef=FILES["photo"].layout.name, tag=0xD1)
    extra: dict[str, str] = {}
    if "version" in values:
        extra["spec_version"] = values["version"]
    if values.get("entry_date"):
        extra["address_entry_date"] = values["entry_date"].isoformat()
    if values.get("municipality_code"):
        extra["municipality_code"] = values["municipality_code"]
    if card_type == "residence_card":  # only when their files were given (a remote submission has none)
        for name in ("comprehensive_permission", "individual_permission"):
            if name in by_name:
                extra[name] = values.get(name) or ""
        if "renewal" in by_name:
            extra["renewal_application"] = RENEWAL_TEXT[bool(values.get("renewal_applied"))]
    return CardReading(
        card_type=card_type,  # type: ignore[arg-type]
        holder=Holder(address=values.get("address") or None),
        card=CardFacts(number=card_number),
        photo=photo,
        images={"front": Photo(front, "tiff")},
        extra=extra,
        signed_files={FILE_KEYS[name]: data for name, data in by_name.items()},
        read_at=read_at,
    )
