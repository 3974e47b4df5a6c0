"""Second-generation residence cards (types 05/06) read in memory: contents, signature, tampering, errors."""

from __future__ import annotations

import datetime as dt

import pytest

from kyc_desk.cards.apdu import CommandApdu, ResponseApdu
from kyc_desk.cards.apps.residence.errors import CardNumberWrong
from kyc_desk.cards.apps.residence.images import decode_front_image
from kyc_desk.cards.apps.residence.reader import read_residence_card, reading_from_files
from kyc_desk.cards.card import Card
from kyc_desk.cards.errors import MalformedData
from kyc_desk.cards.transport.memory import HandlerTransport
from kyc_desk.verify.report import Verdict
from kyc_desk.verify.residence import check_residence_card, signed_data_generation2
from kyc_desk_testkit.softcard.engine import SoftCard
from kyc_desk_testkit.softcard.persona import Persona, demo_personas
from kyc_desk_testkit.softcard.residence import residence_issuer_certificate
from kyc_desk_testkit.softcard.residence2 import build_residence2_card, residence2_issuer_certificate

AT = dt.datetime(2026, 11, 21, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def alex() -> Persona:
    return demo_personas()["alex"]


def _transport(softcard: SoftCard) -> HandlerTransport:
    return HandlerTransport(softcard.process, supports_extended=softcard.extended_length)


def _verdict(reading: object, anchors: list[bytes] | None = None) -> Verdict:
    report = check_residence_card(reading, anchors=anchors or [residence2_issuer_certificate()], at=AT)  # type: ignore[arg-type]
    return report.checks[0].verdict


def test_residence_card_reads_everything_and_verifies(alex: Persona) -> None:
    softcard, _ = build_residence2_card(alex)
    exchange: list[tuple[bytes, bytes]] = []

    def recorded(apdu: CommandApdu) -> bytes:
        answer = softcard.process(apdu)
        raw = answer.to_bytes() if isinstance(answer, ResponseApdu) else bytes(answer)
        exchange.append((apdu.to_bytes(), raw))
        return raw

    reading = read_residence_card(Card(HandlerTransport(recorded, supports_extended=True)), "ab-12345678-cd")
    assert reading.card_type == "residence_card"
    assert reading.extra["generation"] == "2"
    assert reading.card.number == "AB12345678CD"
    assert reading.card.expiry == dt.date(2031, 3, 15)
    assert reading.holder.birth_date == alex.birth_date and reading.holder.sex == "male"
    assert reading.holder.name is None and reading.holder.address is None  # images only on the chip
    assert reading.extra["nationality_code"] == "USA"
    assert reading.extra["stay_expiry"] == "2031-03-15"
    assert reading.extra["work_restriction"] == "在留資格に基づく就労活動のみ可"
    assert reading.extra["comprehensive_permission"].startswith("許可")
    assert reading.extra["renewal_application"] == "なし"
    assert decode_front_image(reading.images["name"].data).mode == "1"
    assert decode_front_image(reading.images["address"].data).mode == "1"
    assert reading.photo is not None and reading.photo.decode().mode == "RGB"
    assert _verdict(reading) is Verdict.VALID
    assert softcard.verify_attempts == 1
    # the SM READ BINARY of DF1/EF03 went out and came back exactly as the spec's Appendix 2 shows it
    read_name_face = bytes.fromhex("08 B0 84 00 00 00 04 96 02 00 00 00 00")
    name_face = [answer for sent, answer in exchange if sent == read_name_face]
    assert len(name_face) == 1 and name_face[0][:5] == bytes.fromhex("8682159101") and name_face[0][-2:] == b"\x90\x00"


def test_special_permanent_resident_certificate(alex: Persona) -> None:
    softcard, built = build_residence2_card(alex, card_type="special_permanent_resident")
    reading = read_residence_card(Card(_transport(softcard)), "AB12345678CD")
    assert reading.card_type == "special_permanent_resident"
    assert len(built.printed) == 34  # padded to 53 for the signature
    assert "renewal_application" not in reading.extra and "work_restriction" not in reading.extra
    assert _verdict(reading) is Verdict.VALID


@pytest.mark.parametrize("tamper", ["face", "printed", "name", "signature"])
def test_one_altered_byte_reads_invalid(alex: Persona, tamper: str) -> None:
    softcard, _ = build_residence2_card(alex, tamper=tamper)  # type: ignore[arg-type]
    reading = read_residence_card(Card(_transport(softcard)), "AB12345678CD")
    assert _verdict(reading) is Verdict.INVALID


def test_unknown_issuer_and_first_generation_anchor_are_untrusted(alex: Persona) -> None:
    softcard, _ = build_residence2_card(alex, issuer="rogue")
    assert _verdict(read_residence_card(Card(_transport(softcard)), "AB12345678CD")) is Verdict.UNTRUSTED
    softcard, _ = build_residence2_card(alex)
    reading = read_residence_card(Card(_transport(softcard)), "AB12345678CD")
    assert _verdict(reading, [residence_issuer_certificate()]) is Verdict.UNTRUSTED


def test_wrong_card_number_is_the_first_generations_error(alex: Persona) -> None:
    softcard, _ = build_residence2_card(alex)
    transport = _transport(softcard)
    with pytest.raises(CardNumberWrong):
        read_residence_card(Card(transport), "ZZ12345678CD")
    assert softcard.verify_attempts == 0  # refused at MUTUAL AUTHENTICATE: the number never went out


def test_no_extended_length_reads_in_aes_chunks(alex: Persona) -> None:
    softcard, _ = build_residence2_card(alex, extended_length=False)
    transport = _transport(softcard)
    reading = read_residence_card(Card(transport), "AB12345678CD")
    assert _verdict(reading) is Verdict.VALID
    whole, _ = build_residence2_card(alex)
    assert reading.signed_files == read_residence_card(Card(_transport(whole)), "AB12345678CD").signed_files


def test_reading_from_files_round_trips_and_refuses_missing_files(alex: Persona) -> None:
    softcard, _ = build_residence2_card(alex)
    reading = read_residence_card(Card(_transport(softcard)), "AB12345678CD")
    again = reading_from_files(reading.signed_files, read_at=AT)
    assert again.card.number == reading.card.number and again.extra == reading.extra
    assert _verdict(again) is Verdict.VALID
    partial = {k: v for k, v in reading.signed_files.items() if k != "residence2.df1.ef03"}
    with pytest.raises(MalformedData):
        reading_from_files(partial, read_at=AT)


def test_signed_data_layout_is_the_documented_one(alex: Persona) -> None:
    """printed-entry values (00-padded to 53) ‖ face value ‖ name value — the desk's decision, pinned."""
    softcard, built = build_residence2_card(alex, card_type="special_permanent_resident")
    reading = read_residence_card(Card(_transport(softcard)), "AB12345678CD")
    files = reading.signed_files
    data = signed_data_generation2(files["residence2.df1.ef02"], files["residence2.df1.ef03"])
    assert data == built.printed + bytes(53 - 34) + built.face_value + built.name_value


def test_recorded_like_the_first_generation(alex: Persona) -> None:
    """Name and address images become card-image evidence; the signed files are kept for re-verification."""
    from kyc_desk.records import EvidenceKind, evidence_from_reading, person_from_reading

    softcard, _ = build_residence2_card(alex)
    reading = read_residence_card(Card(_transport(softcard)), "AB12345678CD")
    person = person_from_reading(reading)
    assert person.birth_date == alex.birth_date
    evidence = {(e.kind, e.label): e for e in evidence_from_reading(reading)}
    assert (EvidenceKind.CHIP_PHOTO, "photo") in evidence
    assert {(EvidenceKind.CARD_IMAGE, "name"), (EvidenceKind.CARD_IMAGE, "address")} <= set(evidence)
    stored = {label: e.data for (kind, label), e in evidence.items() if kind is EvidenceKind.CHIP_DATA}
    files = {label: data for label, data in stored.items() if label.startswith("residence")}
    assert _verdict(reading_from_files(files, read_at=AT)) is Verdict.VALID


def test_signature_forms_der_and_r_s_and_nothing_else(alex: Persona) -> None:
    """``DC`` as 96-byte r ‖ s (the spec's example) or strict DER verifies; any other length is invalid."""
    from asn1crypto import algos

    from kyc_desk.cards.tlv import encode_tlv, find, parse_ber

    softcard, built = build_residence2_card(alex)
    reading = read_residence_card(Card(_transport(softcard)), "AB12345678CD")
    signature_file = reading.signed_files["residence2.df3.ef01"]
    certificate = find(parse_ber(signature_file, max_tag_bytes=2), 0xDD)
    assert certificate is not None

    def with_signature(value: bytes) -> Verdict:
        files = dict(reading.signed_files)
        files["residence2.df3.ef01"] = encode_tlv(0xDC, value) + encode_tlv(0xDD, certificate.value)
        return _verdict(reading_from_files(files, read_at=AT))

    der = algos.DSASignature.from_p1363(built.signature).dump()
    assert with_signature(built.signature) is Verdict.VALID
    assert with_signature(der) is Verdict.VALID
    assert with_signature(built.signature[:-1]) is Verdict.INVALID
    assert with_signature(built.signature + b"\x00") is Verdict.INVALID


def test_holder_under_16_has_no_photo_and_no_signature(alex: Persona) -> None:
    softcard, _ = build_residence2_card(alex, under_16=True)
    reading = read_residence_card(Card(_transport(softcard)), "AB12345678CD")
    assert reading.photo is None and "name" in reading.images
    assert _verdict(reading) is Verdict.NOT_PRESENT
