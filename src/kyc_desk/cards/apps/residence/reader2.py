"""第２世代在留カード等の読み取り — reading the second-generation residence card / SPR certificate (05/06).

Called by :mod:`.reader` once the card type says generation 2 and the card number has opened an AES
session (:data:`.auth.GENERATION_2`). The files of :mod:`.layouts2`: DF1 by secure messaging (card
number, printed entries, name image + face, address image), DF2 plainly (permission fields on the 在留カード,
"other"), DF3 plainly (the ECDSA signature and its certificate, kept raw for
:mod:`kyc_desk.verify.residence`).

What the chip holds as text: the card number, birth date, sex, expiry, nationality and status codes,
period of stay and permission fields. Name and address are *images* (TIFF/MMR), as on the first generation's
front image: ``holder.name`` and ``holder.address`` stay ``None`` and the images go to
``images["name"]`` / ``images["address"]``. ``extra["generation"]`` is ``"2"``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from typing import Any, Final

from kyc_desk.cards.apps.residence import _io, layouts2
from kyc_desk.cards.apps.residence.auth import SecureSession
from kyc_desk.cards.apps.residence.images import decode_front_image, trim_padding
from kyc_desk.cards.apps.residence.layouts import FILES as GEN1_FILES
from kyc_desk.cards.card import Card
from kyc_desk.cards.errors import FileNotFound, MalformedData
from kyc_desk.cards.layouts import decode
from kyc_desk.cards.reading import CardFacts, CardReading, Holder, Photo

log = logging.getLogger(__name__)

Progress = Callable[[str], None]

SIGNED_CARD_NUMBER = "residence2.df1.ef01"
SIGNED_PRINTED = "residence2.df1.ef02"
SIGNED_NAME_FACE = "residence2.df1.ef03"
SIGNED_ADDRESS = "residence2.df1.ef04"
SIGNED_SIGNATURE = "residence2.df3.ef01"
#: :data:`.layouts2.FILES` name → ``signed_files`` key. MF files keep the first generation's keys.
FILE_KEYS: Final[dict[str, str]] = {
    "card_number": SIGNED_CARD_NUMBER,
    "printed_entries": SIGNED_PRINTED,
    "name_face": SIGNED_NAME_FACE,
    "address_image": SIGNED_ADDRESS,
    "permission": "residence2.df2.ef01",
    "application": "residence2.df2.ef02",
    "other": "residence2.df2.ef03",
    "signature": SIGNED_SIGNATURE,
}
#: The MF files keep the first generation's ``signed_files`` keys (the card type decides the generation).
COMMON_KEY: Final = "residence.mf.ef01"
CARD_TYPE_KEY: Final = "residence.mf.ef02"
#: Files without which there is no reading.
REQUIRED_FILES: Final = ("card_number", "printed_entries", "name_face")


def read_files(card: Card, session: SecureSession, kind: str, step: Progress) -> dict[str, bytes]:
    """Every generation-2 file the card number opens, raw, keyed by :data:`FILE_KEYS` values."""
    raw: dict[str, bytes] = {}
    current_df: bytes | None = None
    for name, file in layouts2.FILES.items():
        if kind == "special_permanent_resident" and name in layouts2.RESIDENCE_CARD_ONLY:
            continue
        if file.df != current_df:
            assert file.df is not None
            card.select_df(file.df)
            current_df = file.df
        step(name)
        try:
            raw[FILE_KEYS[name]] = _io.read(card, session, file)
        except FileNotFound:
            if name != "other":
                raise
            log.info("residence card (generation 2): DF2 'other' file not found; skipped")
    return raw


def _image(value: bytes | None, *, ef: str, tag: int) -> Photo | None:
    """A name/address image (TIFF/MMR, ``00``-padded); MalformedData when it does not decode."""
    if not value or not value.strip(b"\x00"):
        return None
    try:
        decode_front_image(value)
    except MalformedData as exc:
        raise MalformedData(exc.reason, ef=ef, tag=tag) from exc
    return Photo(value, "tiff")


def _text(table: Mapping[str, str], code: str | None) -> str | None:
    if not code:
        return None
    return table.get(code, code)


def reading_from_files(
    files: Mapping[str, bytes], *, kind: str, read_at: dt.datetime, card_number: str | None = None
) -> CardReading:
    """The reading from raw generation-2 files (MF keys as the first generation's, the rest :data:`FILE_KEYS`).

    Pure, like the first generation's: raises MalformedData on bad bytes or a missing required file, and
    keeps every file given in ``signed_files``. The card number is the chip's own (``C2``); a live read
    also passes the number the card accepted, and the two must agree.
    """
    by_name = {name: files[key] for name, key in FILE_KEYS.items() if key in files}
    missing = [FILE_KEYS[name] for name in REQUIRED_FILES if name not in by_name]
    if missing:
        raise MalformedData(f"required residence card files are missing: {', '.join(missing)}", ef="residence2")
    values: dict[str, Any] = {}
    for name, data in by_name.items():
        values.update(decode(layouts2.FILES[name].layout, data))
    number = values["card_number"]
    if card_number is not None and number != card_number:
        raise MalformedData("the chip's card number differs from the one it accepted", ef="residence2/DF1/EF01")
    name_image = _image(values["name_image"], ef=layouts2.NAME_AND_FACE.name, tag=0xD0)
    if name_image is None:
        raise MalformedData("the name image is empty", ef=layouts2.NAME_AND_FACE.name, tag=0xD0)
    images = {"name": name_image}
    address_image = _image(values.get("address_image"), ef=layouts2.ADDRESS_IMAGE.name, tag=0xDFD1)
    if address_image is not None:
        images["address"] = address_image
    photo_value = values.get("photo")
    photo = Photo.from_bytes(trim_padding(photo_value)) if photo_value and photo_value.strip(b"\x00") else None
    if photo_value and photo_value.strip(b"\x00") and photo is None:
        raise MalformedData("the photo is not a JPEG 2000 image", ef=layouts2.NAME_AND_FACE.name, tag=0xD1)

    extra: dict[str, str] = {"generation": "2"}
    if COMMON_KEY in files:
        extra["spec_version"] = decode(GEN1_FILES["common"].layout, files[COMMON_KEY])["version"]
    for key in ("nationality_code", "status_code", "period_of_stay", "permission_type"):
        if values.get(key):
            extra[key] = values[key]
    for key in ("permission_date", "stay_expiry", "comprehensive_permission_expiry"):
        if values.get(key):
            extra[key] = values[key].isoformat()
    texts = (
        ("work_restriction", layouts2.WORK_RESTRICTION, "work_restriction"),
        ("comprehensive_permission", layouts2.COMPREHENSIVE_PERMISSION, "comprehensive_permission"),
        ("individual_permission", layouts2.YES_NO, "individual_permission"),
        ("application", layouts2.APPLICATION_TEXT, "renewal_application"),
        ("commissioner_note", layouts2.YES_NO, "commissioner_note"),
    )
    for key, table, out in texts:
        shown = _text(table, values.get(key))
        if shown:
            extra[out] = shown
    if values.get("other_text"):
        extra["other_text"] = values["other_text"]
    sex = layouts2.SEX.get(values["sex_code"], "unknown")
    return CardReading(
        card_type=kind,  # type: ignore[arg-type]
        holder=Holder(birth_date=values["birth_date"], sex=sex),  # type: ignore[arg-type]
        card=CardFacts(expiry=values["card_expiry"], number=number),
        photo=photo,
        images=images,
        extra=extra,
        signed_files={
            **{key: files[key] for key in (COMMON_KEY, CARD_TYPE_KEY) if key in files},
            **{FILE_KEYS[name]: data for name, data in by_name.items()},
        },
        read_at=read_at,
    )
