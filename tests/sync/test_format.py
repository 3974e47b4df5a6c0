"""The submission container: round trips, strict decoding, forbidden files, per-method completeness."""

from __future__ import annotations

import datetime as dt
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kyc_desk.sync.errors import ForbiddenContent, SubmissionMalformed
from kyc_desk.sync.format import (
    CHIP_FILES,
    FORBIDDEN_PARTS,
    PRESENCE_PART,
    DocumentKind,
    Method,
    Part,
    PartKind,
    Submission,
    build_submission,
    decode_submission,
    encode_submission,
    he_presence_message,
    wa_signed_message,
)
from kyc_desk.sync.submitter import document_parts, jpki_parts, selfie_parts

REQ = "Req_0123456789abcdef"


def he_parts(selfies: list[bytes]) -> list[Part]:
    chips = [Part(f.name, PartKind.CHIP_FILE, bytes([i + 1]) * 40) for i, f in enumerate(CHIP_FILES)
             if f.document is DocumentKind.MYNUMBER and f.required]
    return chips + selfie_parts(selfies)


def test_round_trip_keeps_every_part(selfie_frames):
    sub = build_submission(request_id=REQ, method=Method.HE, document=DocumentKind.MYNUMBER,
                           parts=he_parts(selfie_frames))
    back = decode_submission(encode_submission(sub))
    assert back.request_id == REQ and back.method is Method.HE and back.document is DocumentKind.MYNUMBER
    assert [(p.name, p.kind, p.data, p.media_type) for p in back.parts] == [
        (p.name, p.kind, p.data, p.media_type) for p in sub.parts
    ]
    assert back.created_at == sub.created_at


@pytest.mark.parametrize("name", sorted(FORBIDDEN_PARTS))
def test_forbidden_files_are_refused_by_name(name, selfie_frames):
    doc = DocumentKind.DRIVER_LICENCE if "driver" in name else DocumentKind.MYNUMBER
    parts = [Part(name, PartKind.CHIP_FILE, b"\x30" * 17), *he_parts(selfie_frames)]
    with pytest.raises(ForbiddenContent) as info:
        build_submission(request_id=REQ, method=Method.HE, document=doc, parts=parts)
    assert "30303030" not in info.value.message  # the bytes never appear in the error


def test_individual_number_is_refused_even_inside_a_well_formed_container(selfie_frames):
    # a hand-made container (no builder checks) with the individual number and a correct digest
    parts = (Part("chip/mynumber/text/0001", PartKind.CHIP_FILE, b"\xff\x10\x0c" + b"1" * 12 + b"\xff\xff"),
             *he_parts(selfie_frames))
    raw = encode_submission(Submission(REQ, Method.HE, DocumentKind.MYNUMBER, dt.datetime.now(dt.UTC), parts))
    with pytest.raises(ForbiddenContent, match="individual number"):
        decode_submission(raw)


def test_he_needs_the_signed_chip_files_and_selfies(selfie_frames):
    parts = he_parts(selfie_frames)
    with pytest.raises(SubmissionMalformed, match="lacks chip files"):
        build_submission(request_id=REQ, method=Method.HE, document=DocumentKind.MYNUMBER, parts=parts[1:])
    with pytest.raises(SubmissionMalformed, match="selfie"):
        build_submission(request_id=REQ, method=Method.HE, document=DocumentKind.MYNUMBER, parts=parts[:-1])


def test_ho_needs_front_back_and_thickness(selfie_frames):
    docs = document_parts({"front": selfie_frames[0], "back": selfie_frames[1]})
    with pytest.raises(SubmissionMalformed, match="thickness"):
        build_submission(request_id=REQ, method=Method.HO, document=DocumentKind.DRIVER_LICENCE,
                         parts=docs + selfie_parts(selfie_frames))
    docs += document_parts({"thickness": selfie_frames[2]})
    sub = build_submission(request_id=REQ, method=Method.HO, document=DocumentKind.DRIVER_LICENCE,
                           parts=docs + selfie_parts(selfie_frames))
    assert len(sub.parts) == 6


def test_wa_needs_signature_and_certificate_and_no_document():
    parts = jpki_parts(b"\x01" * 256, b"\x30\x82" + b"\x00" * 100)
    sub = build_submission(request_id=REQ, method=Method.WA, document=None, parts=parts)
    assert sub.part("jpki/signature") is not None
    with pytest.raises(SubmissionMalformed):
        build_submission(request_id=REQ, method=Method.WA, document=DocumentKind.MYNUMBER, parts=parts)
    with pytest.raises(SubmissionMalformed, match="lacks"):
        build_submission(request_id=REQ, method=Method.WA, document=None, parts=parts[:1])


def test_parts_of_another_method_are_refused(selfie_frames):
    parts = he_parts(selfie_frames) + jpki_parts(b"\x01" * 10, b"\x02" * 10)
    with pytest.raises(SubmissionMalformed, match="another method"):
        build_submission(request_id=REQ, method=Method.HE, document=DocumentKind.MYNUMBER, parts=parts)


def test_selfie_must_be_an_image():
    with pytest.raises(SubmissionMalformed):
        selfie_parts([b"not an image at all"])


def test_digest_mismatch_and_trailing_bytes_are_refused(selfie_frames):
    raw = encode_submission(build_submission(request_id=REQ, method=Method.HE, document=DocumentKind.MYNUMBER,
                                             parts=he_parts(selfie_frames)))
    flipped = bytearray(raw)
    flipped[-1] ^= 0x01
    with pytest.raises(SubmissionMalformed, match="digest"):
        decode_submission(bytes(flipped))
    with pytest.raises(SubmissionMalformed, match="follow"):
        decode_submission(raw + b"\x00")


def test_unknown_version_is_refused_with_its_number():
    raw = struct.pack(">6sHI", b"KYCSUB", 3, 2) + b"{}"
    with pytest.raises(SubmissionMalformed, match="version 3"):
        decode_submission(raw)


def test_version_2_carries_the_presence_part_and_version_1_is_still_read(selfie_frames):
    presence = Part(PRESENCE_PART, PartKind.PRESENCE_SIGNATURE, b"\x5a" * 256)
    sub = build_submission(request_id=REQ, method=Method.HE, document=DocumentKind.MYNUMBER,
                           parts=[*he_parts(selfie_frames), presence])
    raw = encode_submission(sub)
    assert raw[6:8] == b"\x00\x02"
    back = decode_submission(raw)
    assert back.version == 2 and back.part(PRESENCE_PART) is not None
    old = build_submission(request_id=REQ, method=Method.HE, document=DocumentKind.MYNUMBER,
                           parts=he_parts(selfie_frames), version=1)
    old_raw = encode_submission(old)
    assert old_raw[6:8] == b"\x00\x01" and b'"version":1' in old_raw
    assert decode_submission(old_raw).version == 1
    with pytest.raises(SubmissionMalformed, match="does not exist in submission version 1"):
        build_submission(request_id=REQ, method=Method.HE, document=DocumentKind.MYNUMBER,
                         parts=[*he_parts(selfie_frames), presence], version=1)


def test_the_presence_part_belongs_to_a_my_number_he_submission_only(selfie_frames):
    presence = Part(PRESENCE_PART, PartKind.PRESENCE_SIGNATURE, b"\x5a" * 256)
    licence = [Part(f.name, PartKind.CHIP_FILE, b"\x01" * 40) for f in CHIP_FILES
               if f.document is DocumentKind.DRIVER_LICENCE and f.required]
    with pytest.raises(SubmissionMalformed, match="not allowed"):
        build_submission(request_id=REQ, method=Method.HE, document=DocumentKind.DRIVER_LICENCE,
                         parts=[*licence, *selfie_parts(selfie_frames), presence])
    assert he_presence_message(REQ, "abc") == f"kyc-desk/he-presence/v1\n{REQ}\nabc\n".encode()
    assert he_presence_message(REQ, "abc") != wa_signed_message(REQ, "abc")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_garbage_never_crashes_the_decoder(blob):
    with pytest.raises(SubmissionMalformed):
        decode_submission(blob)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=0, max_value=255))
def test_any_single_byte_change_is_refused_or_harmless(position, value):
    parts = jpki_parts(b"\x01" * 64, b"\x02" * 64)
    raw = encode_submission(build_submission(request_id=REQ, method=Method.WA, document=None, parts=parts,
                                             created_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC)))
    changed = bytearray(raw)
    changed[position % len(raw)] = value
    try:
        back = decode_submission(bytes(changed))
    except SubmissionMalformed:
        return
    # a change the decoder accepts cannot have altered any part's bytes (they are digest-protected)
    assert [p.data for p in back.parts] == [p.data for p in parts]


def test_wa_message_binds_request_and_challenge():
    assert wa_signed_message("a" * 16, "c1") != wa_signed_message("b" * 16, "c1")
    assert wa_signed_message("a" * 16, "c1").startswith(b"kyc-desk/wa/v1\n")


def test_package_all_is_sorted_and_resolves():
    import kyc_desk.sync
    import kyc_desk.sync.server

    for module in (kyc_desk.sync, kyc_desk.sync.server):
        assert module.__all__ == sorted(module.__all__)
        assert all(getattr(module, name) is not None for name in module.__all__)


def test_cli_module_imports_nothing_heavy():
    import subprocess
    import sys

    heavy = "('httpx', 'sqlalchemy', 'starlette', 'uvicorn', 'cryptography')"
    code = f"import sys, kyc_desk.cli.sync; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
