"""Bad bytes from a card give the layer's typed error, never an IndexError or a crash (hypothesis)."""

from __future__ import annotations

import contextlib
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from kyc_desk.cards.apps.driver_licence import layouts as licence
from kyc_desk.cards.apps.driver_licence.reader import parse_changes, parse_pin_setting
from kyc_desk.cards.apps.driver_licence.text import TextDecodeError, decode_jis_x0208, encode_jis_x0208
from kyc_desk.cards.apps.residence import layouts as residence
from kyc_desk.cards.apps.residence.images import decode_front_image
from kyc_desk.cards.errors import MalformedData
from kyc_desk.cards.layouts import decode
from kyc_desk.verify.errors import MalformedCertificate
from kyc_desk.verify.residence import certificate_from_field

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LAYOUTS = [
    licence.COMMON_DATA,
    licence.ITEMS,
    licence.DOMICILE,
    licence.PHOTO,
    *(file.layout for file in residence.FILES.values()),
]


@FAST
@given(st.binary(max_size=300), st.sampled_from(LAYOUTS))
def test_layouts_raise_only_malformed_data(data: bytes, layout: object) -> None:
    with contextlib.suppress(MalformedData):
        decode(layout, data)  # type: ignore[arg-type]


@FAST
@given(st.binary(max_size=120))
def test_licence_files_raise_only_malformed_data(data: bytes) -> None:
    for parse in (parse_pin_setting, parse_changes):
        with contextlib.suppress(MalformedData):
            parse(data)


@FAST
@given(st.binary(max_size=200))
def test_certificate_field_raises_only_malformed_certificate(data: bytes) -> None:
    try:
        der = certificate_from_field(data)
    except MalformedCertificate:
        return
    assert data.startswith(der)


@FAST
@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA0), max_size=20))
def test_jis_round_trip_or_refusal(text: str) -> None:
    try:
        raw = encode_jis_x0208(text)
    except TextDecodeError:
        return  # outside JIS X 0208: refused, never mangled
    assert decode_jis_x0208(raw).text == text


def test_front_image_must_be_mmr_tiff() -> None:
    image = Image.new("1", (64, 32), 1)
    lzw = io.BytesIO()
    image.save(lzw, format="TIFF", compression="tiff_lzw")
    with pytest.raises(MalformedData, match="group4"):
        decode_front_image(lzw.getvalue())
    with pytest.raises(MalformedData):
        decode_front_image(b"II*\x00" + bytes(40))
    with pytest.raises(MalformedData):
        decode_front_image(b"\x89PNG\r\n\x1a\n")
