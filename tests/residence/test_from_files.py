"""One parser for both paths: a reading rebuilt from the raw files of a live read equals the live reading,
for the residence card and the driver's licence, and bad bytes give MalformedData, never a partial reading."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from kyc_desk.cards.apps import driver_licence, residence
from kyc_desk.cards.apps.driver_licence.reader import FILE_COMMON, FILE_ITEMS, FILE_PHOTO
from kyc_desk.cards.apps.mynumber.unlock import Secret, SecretRequest
from kyc_desk.cards.apps.residence.reader import SIGNED_FRONT, SIGNED_PHOTO
from kyc_desk.cards.card import Card
from kyc_desk.cards.errors import MalformedData
from kyc_desk.cards.reading import CardReading
from kyc_desk.cards.transport.memory import HandlerTransport
from kyc_desk_testkit.softcard.driver_licence import build_driver_licence
from kyc_desk_testkit.softcard.persona import demo_personas
from kyc_desk_testkit.softcard.residence import build_residence_card

AT = dt.datetime(2026, 11, 21, 3, 0, tzinfo=dt.UTC)
PINS = {"pin1": "1234", "pin2": "5678"}


def _same(a: CardReading, b: CardReading) -> None:
    """Equal in everything but the time of reading and what only a live read knows (tries, card number)."""
    strip = {"read_at": AT, "pin_tries": {}}
    assert dataclasses.replace(a, **strip) == dataclasses.replace(b, **strip)


@pytest.fixture(scope="module")
def live_residence() -> CardReading:
    softcard, _built = build_residence_card(demo_personas()["alex"], address_entry=(dt.date(2025, 4, 1), "131016"))
    card = Card(HandlerTransport(softcard.process, supports_extended=True))
    return residence.read_residence_card(card, "AB12345678CD")


@pytest.fixture(scope="module")
def live_licence() -> CardReading:
    softcard, _built = build_driver_licence(demo_personas()["taro"], changed_address="東京都港区芝公園四丁目2番8号")

    def prompt(request: SecretRequest) -> Secret:
        return Secret(PINS[request.name])

    return driver_licence.read_driver_licence(Card(HandlerTransport(softcard.process)), prompt)


def test_residence_reading_from_its_own_files_is_the_same_reading(live_residence: CardReading) -> None:
    assert set(live_residence.signed_files) == set(residence.FILE_KEYS.values())  # every file read is kept
    again = residence.reading_from_files(live_residence.signed_files, read_at=AT, card_number="AB12345678CD")
    _same(live_residence, again)
    assert again.read_at == AT
    # without the card number (a remote submission) the number is simply unknown
    assert residence.reading_from_files(live_residence.signed_files, read_at=AT).card.number is None


def test_residence_files_of_a_submission_only(live_residence: CardReading) -> None:
    keep = ("residence.mf.ef02", "residence.df1.ef01", "residence.df1.ef02", "residence.df2.ef01", "residence.df3.ef01")
    reading = residence.reading_from_files({k: live_residence.signed_files[k] for k in keep}, read_at=AT)
    assert reading.holder.address == live_residence.holder.address
    assert reading.photo == live_residence.photo
    assert "comprehensive_permission" not in reading.extra and "spec_version" not in reading.extra  # not sent


@pytest.mark.parametrize(
    "blank",
    [b"\xff" * 342, b"\x00" * 342, b"", bytes.fromhex("D2080000000000000000D306000000000000D400") + b"\x00" * 320],
    ids=["all-FF", "all-00", "empty", "zeroed-objects"],
)
def test_an_address_file_never_written_reads_as_no_address(live_residence: CardReading, blank: bytes) -> None:
    """A card issued before the holder had an address (e.g. at the airport) has nothing on the back yet."""
    files = dict(live_residence.signed_files)
    files["residence.df2.ef01"] = blank
    reading = residence.reading_from_files(files, read_at=AT)
    assert reading.holder.address is None
    assert "address_entry_date" not in reading.extra and "municipality_code" not in reading.extra
    assert reading.photo == live_residence.photo


@pytest.mark.parametrize(
    ("key", "damage"),
    [
        (SIGNED_FRONT, lambda b: b[:4] + b"GIF89a" + b[10:]),  # front image no longer a TIFF
        (SIGNED_PHOTO, lambda b: b[:4] + b"\x00" * 20 + b[24:]),  # photo no longer JPEG 2000
        ("residence.mf.ef02", lambda b: b"\xc1\x01\x39"),  # card type 9
        (SIGNED_FRONT, lambda b: b[:3]),  # truncated TLV
    ],
)
def test_bad_residence_bytes_are_malformed_data(live_residence: CardReading, key: str, damage) -> None:
    files = dict(live_residence.signed_files)
    files[key] = damage(files[key])
    with pytest.raises(MalformedData):
        residence.reading_from_files(files, read_at=AT)


def test_missing_residence_file_is_malformed_data(live_residence: CardReading) -> None:
    files = {k: v for k, v in live_residence.signed_files.items() if k != SIGNED_PHOTO}
    with pytest.raises(MalformedData, match="missing"):
        residence.reading_from_files(files, read_at=AT)


def test_licence_reading_from_its_own_files_is_the_same_reading(live_licence: CardReading) -> None:
    again = driver_licence.reading_from_files(live_licence.signed_files, read_at=AT)
    _same(live_licence, again)
    assert again.extra["changed_address"] == "東京都港区芝公園四丁目２番８号"
    assert live_licence.pin_tries == {"pin1": 3, "pin2": 3}


@pytest.mark.parametrize(
    ("key", "damage"),
    [
        (FILE_ITEMS, lambda b: b"\x12\x03\x30\x21\x30" + b[5:]),  # odd-length JIS text in the name
        (FILE_COMMON, lambda b: b"\x45\x0b" + b"00" + b"\x99" * 9),  # BCD dates that are not dates
        (FILE_PHOTO, lambda b: b[:5] + b"NOT A JPEG2K" + b[17:]),  # the photo is not JPEG 2000
    ],
)
def test_bad_licence_bytes_are_malformed_data(live_licence: CardReading, key: str, damage) -> None:
    files = dict(live_licence.signed_files)
    files[key] = damage(files[key])
    with pytest.raises(MalformedData):
        driver_licence.reading_from_files(files, read_at=AT)


def test_missing_licence_items_is_malformed_data(live_licence: CardReading) -> None:
    with pytest.raises(MalformedData, match="missing"):
        driver_licence.reading_from_files({FILE_COMMON: live_licence.signed_files[FILE_COMMON]}, read_at=AT)
