"""Reading software residence cards in memory: contents, secrets, errors, and the check code."""

from __future__ import annotations

import datetime as dt

import pytest

from kyc_desk.cards.apps.residence.auth import normalise_card_number
from kyc_desk.cards.apps.residence.errors import (
    CardNumberFormatInvalid,
    CardNumberWrong,
    ExtendedLengthRequired,
    NotResidenceCard,
)
from kyc_desk.cards.apps.residence.images import decode_front_image, front_image_png
from kyc_desk.cards.apps.residence.reader import read_residence_card
from kyc_desk.cards.card import Card
from kyc_desk.cards.errors import CardError, MalformedData
from kyc_desk.cards.transport.memory import HandlerTransport
from kyc_desk.verify.report import Verdict
from kyc_desk.verify.residence import check_residence_card
from kyc_desk_testkit.softcard.engine import SoftCard
from kyc_desk_testkit.softcard.persona import Persona, demo_personas
from kyc_desk_testkit.softcard.residence import build_residence_card, residence_issuer_certificate

AT = dt.datetime(2026, 11, 21, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def alex() -> Persona:
    return demo_personas()["alex"]


def _card(softcard: SoftCard) -> Card:
    return Card(HandlerTransport(softcard.process, supports_extended=softcard.extended_length))


def test_residence_card_reads_everything(alex: Persona) -> None:
    softcard, built = build_residence_card(
        alex, address_entry=(dt.date(2025, 4, 1), "131016"), renewal_applied=True, individual_permission="個別許可あり"
    )
    reading = read_residence_card(_card(softcard), "ab-12345678-cd")
    assert reading.card_type == "residence_card"
    assert reading.card.number == "AB12345678CD"
    assert reading.holder.address == alex.address
    assert reading.extra["address_entry_date"] == "2025-04-01"
    assert reading.extra["municipality_code"] == "131016"
    assert reading.extra["renewal_application"] == "在留期間更新等許可申請中"
    assert reading.extra["individual_permission"] == "個別許可あり"
    assert reading.extra["comprehensive_permission"].startswith("許可")
    assert reading.photo is not None and reading.photo.format in ("jp2", "j2k")
    assert reading.photo.decode().mode == "RGB"  # the residence card photo is in colour
    front = reading.images["front"]
    assert front.format == "tiff"
    image = decode_front_image(front.data)
    assert image.mode == "1" and image.size == (640, 404)
    assert front_image_png(front.data).startswith(b"\x89PNG")
    assert reading.signed_files["residence.df1.ef01"][4:] == built.front_value
    report = check_residence_card(reading, anchors=[residence_issuer_certificate()], at=AT)
    assert report.get("residence.check_code").verdict is Verdict.VALID  # type: ignore[union-attr]
    assert softcard.verify_attempts == 1  # one VERIFY, with the number typed


def test_special_permanent_resident_has_no_permission_fields(alex: Persona) -> None:
    softcard, _ = build_residence_card(alex, card_type="special_permanent_resident", card_number="XY98765432ZW")
    reading = read_residence_card(_card(softcard), "XY98765432ZW")
    assert reading.card_type == "special_permanent_resident"
    assert "renewal_application" not in reading.extra
    assert "comprehensive_permission" not in reading.extra
    assert reading.holder.address is None  # nothing written on the back


@pytest.mark.parametrize(
    ("kwargs", "verdict"),
    [
        ({"issuer": "rogue"}, Verdict.UNTRUSTED),
        ({"tamper": "front"}, Verdict.INVALID),
        ({"tamper": "photo"}, Verdict.INVALID),
        ({"tamper": "check_code"}, Verdict.INVALID),
    ],
)
def test_check_code_verdicts(alex: Persona, kwargs: dict[str, str], verdict: Verdict) -> None:
    softcard, _ = build_residence_card(alex, **kwargs)  # type: ignore[arg-type]
    reading = read_residence_card(_card(softcard), "AB12345678CD")
    report = check_residence_card(reading, anchors=[residence_issuer_certificate()], at=AT)
    assert report.get("residence.check_code").verdict is verdict  # type: ignore[union-attr]


def test_holder_under_16_has_no_photo_and_no_check_code(alex: Persona) -> None:
    softcard, _ = build_residence_card(alex, under_16=True)
    reading = read_residence_card(_card(softcard), "AB12345678CD")
    assert reading.photo is None
    check = check_residence_card(reading, anchors=[residence_issuer_certificate()], at=AT).checks[0]
    assert check.verdict is Verdict.NOT_PRESENT


def test_no_anchor_means_untrusted_never_valid(alex: Persona) -> None:
    softcard, _ = build_residence_card(alex)
    reading = read_residence_card(_card(softcard), "AB12345678CD")
    assert check_residence_card(reading, anchors=[], at=AT).checks[0].verdict is Verdict.UNTRUSTED


def test_certificate_outside_validity_is_not_valid(alex: Persona) -> None:
    softcard, _ = build_residence_card(alex)
    reading = read_residence_card(_card(softcard), "AB12345678CD")
    late = dt.datetime(2050, 1, 1, tzinfo=dt.UTC)
    check = check_residence_card(reading, anchors=[residence_issuer_certificate()], at=late).checks[0]
    # outside the validity period, told apart from altered data and from an unknown issuer
    assert check.verdict is Verdict.EXPIRED
    assert check.verdict.badge_ja == "有効期間外"


@pytest.mark.parametrize("typed", ["", "AB1234567CD", "1234567890AB", "ABCDEFGHIJKL", "AB12345678C", "AB12345678CDE"])
def test_malformed_card_numbers_send_nothing(alex: Persona, typed: str) -> None:
    softcard, _ = build_residence_card(alex)
    transport = HandlerTransport(softcard.process)
    with pytest.raises(CardNumberFormatInvalid) as caught:
        read_residence_card(Card(transport), typed)
    assert transport.sent == []
    assert typed not in caught.value.message or not typed


def test_full_width_card_number_is_accepted() -> None:
    assert normalise_card_number("ＡＢ１２３４５６７８ＣＤ") == "AB12345678CD"
    assert normalise_card_number(" ab 1234 5678 cd ") == "AB12345678CD"


def test_wrong_card_number_is_a_clear_error_and_costs_nothing(alex: Persona) -> None:
    softcard, _ = build_residence_card(alex)
    card = _card(softcard)
    for _ in range(5):  # no counter: the same clear error every time
        with pytest.raises(CardNumberWrong) as caught:
            read_residence_card(card, "AB12345678CE")
        assert "AB12345678" not in caught.value.message and "AB12345678" not in caught.value.ja
    assert read_residence_card(card, "AB12345678CD").card.number == "AB12345678CD"


def test_reader_without_extended_length_reads_in_chunks(alex: Persona) -> None:
    """No extended APDUs: the SM files come in short chunks, byte for byte the same, and the check code holds."""
    whole, _ = build_residence_card(alex)
    expected = read_residence_card(_card(whole), "AB12345678CD")
    softcard, _ = build_residence_card(alex, extended_length=False)
    transport = HandlerTransport(softcard.process, supports_extended=False)
    reading = read_residence_card(Card(transport), "AB12345678CD")
    assert reading.signed_files == expected.signed_files
    assert check_residence_card(reading, anchors=[residence_issuer_certificate()], at=AT).checks[0].verdict is (
        Verdict.VALID
    )
    chunks = [apdu for apdu in transport.sent if apdu[:2] == b"\x08\xb0"]
    assert len(chunks) == 32 + 14  # front image 7004 / 224 → 32 reads, photo 3004 / 224 → 14
    assert all(len(apdu) == 10 for apdu in chunks)  # short: 08 B0 P1 P2 04 96 02 00 xx 00


def test_reader_path_that_cuts_extended_apdus_falls_back_to_chunks(alex: Persona) -> None:
    """The transport claims extended support but the path answers 6700 (e.g. a driver that cannot)."""
    softcard, _ = build_residence_card(alex, extended_length=False)

    class BytesTransport:
        supports_extended = True

        def transmit(self, apdu: bytes) -> bytes:
            return softcard.transmit(apdu)

        def close(self) -> None:
            pass

    reading = read_residence_card(Card(BytesTransport()), "AB12345678CD")
    assert check_residence_card(reading, anchors=[residence_issuer_certificate()], at=AT).checks[0].verdict is (
        Verdict.VALID
    )


def test_a_card_that_refuses_offset_reads_is_named(alex: Persona) -> None:
    """Chunked reads rely on offsets into the current EF (UNCONFIRMED on real cards): a card that refuses
    them gives the clear "use a reader with extended APDUs" error, never a half-read file."""
    from kyc_desk.cards.apdu import CommandApdu, ResponseApdu

    softcard, _ = build_residence_card(alex, extended_length=False)

    def no_offsets(command: CommandApdu) -> ResponseApdu | bytes:
        if command.cla == 0x08 and command.ins == 0xB0 and not command.p1 & 0x80:
            return ResponseApdu.status(0x6B00)
        return softcard.process(command)

    with pytest.raises(ExtendedLengthRequired) as caught:
        read_residence_card(Card(HandlerTransport(no_offsets, supports_extended=False)), "AB12345678CD")
    assert "RC-S300" in caught.value.message and "拡張長" in caught.value.ja


@pytest.mark.parametrize(("code", "words"), [(b"07", "一体化"), (b"08", "一体化")])
def test_card_types_this_reader_cannot_read_are_named_before_anything_is_sent(
    alex: Persona, code: bytes, words: str
) -> None:
    """An integrated card (07/08) is refused as such: not "not a residence card", not "wrong number"."""
    from kyc_desk.cards.apps.residence.errors import CardGenerationNotSupported
    from kyc_desk.cards.detect import CardKind, detect_card

    softcard, _ = build_residence_card(alex, card_type_code=code)
    transport = HandlerTransport(softcard.process)
    detection = detect_card(Card(transport))
    expected = CardKind.RESIDENCE_CARD if code == b"07" else CardKind.SPECIAL_PERMANENT_RESIDENT
    assert detection.kind is expected and code.decode() in detection.reason
    with pytest.raises(CardGenerationNotSupported) as caught:
        read_residence_card(Card(transport), "AB12345678CD")
    assert words in caught.value.user_text("ja") and caught.value.card_type == code.decode()
    sent_ins = {apdu[1] for apdu in transport.sent}
    assert not sent_ins & {0x84, 0x82, 0x20}  # no GET CHALLENGE, MUTUAL AUTHENTICATE or VERIFY


def test_unknown_card_type_is_not_a_residence_card(alex: Persona) -> None:
    from kyc_desk.cards.detect import CardKind, detect_card

    softcard, _ = build_residence_card(alex, card_type_code=b"09")
    assert detect_card(Card(HandlerTransport(softcard.process))).kind is CardKind.UNKNOWN
    with pytest.raises(NotResidenceCard):
        read_residence_card(Card(HandlerTransport(softcard.process)), "AB12345678CD")


def test_other_card_is_refused(alex: Persona) -> None:
    with pytest.raises(NotResidenceCard):
        read_residence_card(_card(SoftCard()), "AB12345678CD")


def test_plain_reads_of_protected_images_are_refused(alex: Persona) -> None:
    """DF1 answers only through secure messaging, even after the card number was verified."""
    from kyc_desk.cards.apps.residence.layouts import DF1_AID

    softcard, _ = build_residence_card(alex)
    card = _card(softcard)
    read_residence_card(card, "AB12345678CD")
    card.select_df(DF1_AID)
    with pytest.raises(CardError):
        card.read_binary(0, 256, sfi=5)


def test_photo_that_is_not_jpeg2000_is_refused(alex: Persona) -> None:
    from kyc_desk.cards.tlv import encode_simple
    from kyc_desk_testkit.softcard.engine import TransparentEF

    softcard, _ = build_residence_card(alex)
    photo = softcard.df("DF1").by_sfi(6)
    assert isinstance(photo, TransparentEF)
    photo.data = encode_simple(0xD1, b"not an image" + bytes(2988))
    with pytest.raises(MalformedData):
        read_residence_card(_card(softcard), "AB12345678CD")
