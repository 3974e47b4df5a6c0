"""A CardReading becomes the person and the evidence of a record, byte for byte."""

from __future__ import annotations

import dataclasses
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


def test_a_licence_holder_who_moved_is_recorded_at_the_new_address_with_the_history() -> None:
    """The record's address is the one EF04 made current; the address at issue and the history are evidence."""
    from kyc_desk.cards.apps.driver_licence import read_driver_licence
    from kyc_desk.cards.apps.mynumber.unlock import Secret, SecretRequest
    from kyc_desk.cards.card import Card
    from kyc_desk.cards.transport.memory import HandlerTransport
    from kyc_desk_testkit.softcard.driver_licence import build_driver_licence
    from kyc_desk_testkit.softcard.persona import demo_personas

    softcard, _ = build_driver_licence(demo_personas()["taro"], changed_address="東京都港区芝公園四丁目2番8号")

    def prompt(request: SecretRequest) -> Secret:
        return Secret({"pin1": "1234", "pin2": "5678"}[request.name])

    reading = read_driver_licence(Card(HandlerTransport(softcard.process)), prompt)
    assert person_from_reading(reading).address == "東京都港区芝公園四丁目２番８号"
    extra = next(e for e in evidence_from_reading(reading) if e.label == "extra")
    stored = json.loads(extra.data)
    assert stored["original_address"] == "東京都千代田区霞が関一丁目１番１号"
    assert stored["change_history"].startswith("2025-04-01 新住所 東京都港区芝公園四丁目２番８号")


def test_a_suspected_copy_and_a_refused_proof_are_recorded_as_such(store: RecordStore) -> None:
    """The presence check's verdict survives the record, and the proof keeps the card's status word."""
    from kyc_desk.verify.report import Check, Verdict

    refused = ChallengeResponse("surface.card_key", b"c" * 32, b"s" * 51, b"", status=0x6A86)
    reading = dataclasses.replace(_reading(), proofs=(refused,))
    record = store.save_verification(
        full_verification(
            evidence=evidence_from_reading(reading),
            report=(Check("surface.presence", Verdict.SUSPECTED_COPY, "another chip's key"),),
        ),
        actor="a",
    )
    again = store.get(record.id)
    assert [(c.name, c.verdict) for c in again.report] == [("surface.presence", Verdict.SUSPECTED_COPY)]
    proofs = json.loads({e.label: e for e in again.evidence}["proofs"].data)
    assert proofs[0]["status"] == "6A86" and proofs[0]["signature"] == ""
