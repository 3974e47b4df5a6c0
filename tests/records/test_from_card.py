"""A CardReading becomes the person and the evidence of a record, byte for byte."""

from __future__ import annotations

import datetime as dt
import json

from kyc_desk.cards.reading import CardFacts, CardReading, ChallengeResponse, Holder, Photo
from kyc_desk.records import (
    EvidenceKind,
    RecordStore,
    evidence_from_reading,
    person_from_reading,
)
from tests.records.conftest import full_verification, photo_bytes


def _reading() -> CardReading:
    photo = Photo.from_bytes(photo_bytes("obama.jpg"))
    front = Photo.from_bytes(photo_bytes("obama3.jpg"))
    assert photo is not None and front is not None
    return CardReading(
        card_type="residence_card",
        holder=Holder("テスト 太郎", "テスト タロウ", "東京都新宿区", dt.date(1990, 4, 1), "male"),
        card=CardFacts(expiry=dt.date(2030, 1, 1), number="AB12345678CD"),
        photo=photo,
        images={"front": front},
        extra={"status_of_residence": "永住者"},
        signed_files={"common.ef01": b"\x01\x02", "sig.ef02": b"\x30\x03\x02\x01\x00"},
        proofs=(ChallengeResponse("jpki.sign", b"c" * 32, b"s" * 51, b"g" * 256),),
        read_at=dt.datetime(2026, 11, 21, 1, 2, 3, tzinfo=dt.UTC),
    )


def test_reading_to_record(store: RecordStore) -> None:
    reading = _reading()
    person = person_from_reading(reading)
    assert (person.name, person.name_kana, person.birth_date) == ("テスト 太郎", "テスト タロウ", dt.date(1990, 4, 1))
    evidence = evidence_from_reading(reading)
    labels = [(e.kind, e.label) for e in evidence]
    assert labels == [
        (EvidenceKind.CHIP_PHOTO, "photo"),
        (EvidenceKind.CARD_IMAGE, "front"),
        (EvidenceKind.CHIP_DATA, "common.ef01"),
        (EvidenceKind.CHIP_DATA, "sig.ef02"),
        (EvidenceKind.CHIP_DATA, "proofs"),
        (EvidenceKind.CHIP_DATA, "extra"),
    ]
    assert all(e.captured_at == reading.read_at for e in evidence)
    record = store.save_verification(
        full_verification(
            client=person, evidence=evidence, document_type=reading.card_type, document_number=reading.card.number
        ),
        actor="a",
    )
    stored = {e.label: e for e in record.evidence}
    assert stored["photo"].data == photo_bytes("obama.jpg") and stored["photo"].media_type == "image/jpeg"
    assert stored["sig.ef02"].data == b"\x30\x03\x02\x01\x00"
    assert json.loads(stored["proofs"].data)[0]["signature"] == ("67" * 256)
    assert json.loads(stored["extra"].data) == {"status_of_residence": "永住者"}


def test_the_file_that_reveals_the_individual_number_is_never_stored(store: RecordStore) -> None:
    # The text AP's EF 0003 holds a SHA-256 of the individual number: verified at reading, never kept.
    from kyc_desk.cards.apps.mynumber.reader import FILE_TEXT_ATTRIBUTES, FILE_TEXT_SIGNATURE

    reading = _reading()
    reading = CardReading(
        card_type="mynumber",
        holder=reading.holder,
        photo=reading.photo,
        signed_files={FILE_TEXT_ATTRIBUTES: b"\xff\x20\x00", FILE_TEXT_SIGNATURE: b"\xff\x40\x00"},
        read_at=reading.read_at,
    )
    evidence = evidence_from_reading(reading)
    labels = {e.label for e in evidence}
    assert FILE_TEXT_ATTRIBUTES in labels
    assert FILE_TEXT_SIGNATURE not in labels
    assert all(e.data != b"\xff\x40\x00" for e in evidence)
