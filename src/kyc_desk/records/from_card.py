"""ICチップ読取結果から記録へ — turning a :class:`~kyc_desk.cards.reading.CardReading` into record inputs.

The desk UI (face-to-face reading) and the remote-submission import (ヘ) both hold a ``CardReading``;
these helpers give them the :class:`~kyc_desk.records.model.Person` and the evidence to put into a
:class:`~kyc_desk.records.model.NewVerification`, so that a stored record can be re-verified later from
exactly the bytes the chip gave:

- the chip photo → ``CHIP_PHOTO`` (label ``"photo"``), other chip images → ``CARD_IMAGE`` (their name);
- every signed file → ``CHIP_DATA`` labelled with its key (``"surface.ef0002"`` …);
- the challenge/response proofs and the card-specific text fields → ``CHIP_DATA`` as JSON
  (labels ``"proofs"``, ``"extra"``).

PIN tries are not stored: they describe the card at reading time, not the person. The reading never
holds the individual number, and nothing here adds it.
"""

from __future__ import annotations

import json
from typing import Final

from kyc_desk.cards.reading import CardReading, ImageFormat
from kyc_desk.records.model import EvidenceItem, EvidenceKind, Person

_MEDIA_TYPES: Final[dict[ImageFormat, str]] = {
    "jp2": "image/jp2",
    "j2k": "image/x-jp2-codestream",
    "png": "image/png",
    "tiff": "image/tiff",
    "jpeg": "image/jpeg",
}


def person_from_reading(reading: CardReading) -> Person:
    """The holder as the chip states them (本人特定事項)."""
    holder = reading.holder
    return Person(
        name=holder.name or "",
        name_kana=holder.name_kana,
        birth_date=holder.birth_date,
        address=holder.address,
    )


def evidence_from_reading(reading: CardReading) -> tuple[EvidenceItem, ...]:
    """Everything of the reading worth keeping as evidence, stamped with the reading time."""
    at = reading.read_at
    items: list[EvidenceItem] = []
    if reading.photo is not None:
        items.append(
            EvidenceItem(EvidenceKind.CHIP_PHOTO, _MEDIA_TYPES[reading.photo.format], reading.photo.data, at, "photo")
        )
    for name, image in sorted(reading.images.items()):
        items.append(EvidenceItem(EvidenceKind.CARD_IMAGE, _MEDIA_TYPES[image.format], image.data, at, name))
    for key, data in sorted(reading.storable_files().items()):  # never the files that reveal the number
        items.append(EvidenceItem(EvidenceKind.CHIP_DATA, "application/octet-stream", data, at, key))
    if reading.proofs:
        proofs = [
            {
                "key": p.key,
                "challenge": p.challenge.hex(),
                "signed": p.signed.hex(),
                "signature": p.signature.hex(),
                "status": f"{p.status:04X}",
            }
            for p in reading.proofs
        ]
        items.append(EvidenceItem(EvidenceKind.CHIP_DATA, "application/json", _json(proofs), at, "proofs"))
    if reading.extra:
        items.append(EvidenceItem(EvidenceKind.CHIP_DATA, "application/json", _json(dict(reading.extra)), at, "extra"))
    return tuple(items)


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")
