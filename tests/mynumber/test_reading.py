"""The card-neutral reading model stays frozen, validated and JSON-friendly."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from kyc_desk.cards.errors import MalformedData
from kyc_desk.cards.reading import CardFacts, CardReading, Holder, Photo, sniff_image_format
from kyc_desk_testkit.samples import sample_photo
from kyc_desk_testkit.softcard.portrait import card_portrait


def test_reading_is_frozen_and_its_maps_read_only() -> None:
    reading = CardReading("mynumber", Holder(name="山田 太郎", sex="male"), pin_tries={"code_b": 10})
    with pytest.raises(dataclasses.FrozenInstanceError):
        reading.card_type = "driver_licence"  # type: ignore[misc]
    with pytest.raises(TypeError):
        reading.pin_tries["code_b"] = 1  # type: ignore[index]
    assert reading.pin_tries == {"code_b": 10}
    assert reading.read_at.tzinfo is not None


def test_unknown_card_type_and_sex_are_refused() -> None:
    with pytest.raises(ValueError):
        CardReading("passport", Holder())  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        CardReading("mynumber", Holder(sex="x"))  # type: ignore[arg-type]


def test_json_of_holder_and_card() -> None:
    holder = Holder(name="山田 太郎", birth_date=dt.date(1961, 8, 4), sex="male")
    assert holder.to_json()["birth_date"] == "1961-08-04"
    assert CardFacts(expiry=dt.date(2031, 8, 4)).to_json() == {"expiry": "2031-08-04"}


def test_photo_from_real_portrait_decodes() -> None:
    data = card_portrait(sample_photo("obama.jpg"))
    photo = Photo.from_bytes(data)
    assert photo is not None and photo.format == "jp2"
    image = photo.decode()
    assert image.size == (96, 128)
    assert sniff_image_format(b"\x89PNG\r\n\x1a\n....") == "png"
    assert Photo.from_bytes(b"not an image") is None
    with pytest.raises(MalformedData):  # a typed error through the image gate (issue 22)
        Photo(data[:100], "jp2").decode()
