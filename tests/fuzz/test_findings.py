"""Regression tests for what fuzzing found (issue 22, U1–U10 and the memory cases), each with its input.

U1–U4 and U7–U9 use the inputs the issue gives. The issue describes U5, U6 and U10 by kind only ("~100-byte
TIFFs with odd resolution and size fields", DDS, BLP, AVIF, an 82-byte TIFF); the inputs here were found
the same way (mutating real images against the code before the fix) and raised exactly the exceptions the
issue names: TypeError ('IFDRational' object cannot be interpreted as an integer), OverflowError,
NotImplementedError, BLPFormatError and RuntimeError.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import struct
from pathlib import Path

import pytest
from PIL import Image

from kyc_desk.cards.apps.residence.images import decode_front_image
from kyc_desk.cards.errors import MalformedData
from kyc_desk.cards.reading import Photo
from kyc_desk.faces.errors import ImageUnreadable
from kyc_desk.faces.images import MAX_DECODED_PIXELS, load_rgb
from kyc_desk.sync.envelope import read_header
from kyc_desk.sync.errors import SubmissionMalformed
from kyc_desk.sync.format import decode_submission
from kyc_desk.verify._primitives import verify_certificate_issued_by
from kyc_desk.verify.errors import MalformedCertificate
from kyc_desk.verify.report import Verdict
from kyc_desk.verify.residence import verify_chain, verify_check_code
from kyc_desk_testkit.softcard.residence import residence_issuer_certificate, signer_certificate

from . import memory, seeds

MB = 1024 * 1024
MEMORY_BOUND = 100 * MB
AT = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)


def _frame(magic: bytes, head: bytes) -> bytes:
    return magic + b"\0\1" + len(head).to_bytes(4, "big") + head


# --- U1–U3: the framed JSON heads ------------------------------------------------------------------------------

def test_u1_deep_nesting_is_refused_not_a_recursion_error() -> None:
    with pytest.raises(SubmissionMalformed, match="nests deeper"):
        decode_submission(b"KYCSUB\0\1" + (2000).to_bytes(4, "big") + b"[" * 1000 + b"]" * 1000)
    with pytest.raises(SubmissionMalformed):
        read_header(b"KYCENV\0\1\x03\xe8" + b"[" * 1000 + b"x" * 100)


def test_u1_brackets_inside_strings_do_not_count_as_nesting() -> None:
    head = json.dumps({"format": "[[[[[[[[[[[[[[[[[[[[" * 5, "parts": []}).encode()
    with pytest.raises(SubmissionMalformed, match="names another format"):
        decode_submission(_frame(b"KYCSUB", head))


def test_escaped_quotes_are_counted_in_one_pass() -> None:
    # found while fixing U1: a first, regex-based depth count took quadratic time on this (8 s for 42 kB);
    # the count is now one linear pass (no timing is asserted here: the suite's timeout is the guard)
    with pytest.raises(SubmissionMalformed, match="not utf-8 JSON"):
        decode_submission(_frame(b"KYCSUB", ('"' + '\\"' * 21000).encode()))
    with pytest.raises(SubmissionMalformed, match="nests deeper"):
        decode_submission(_frame(b"KYCSUB", b'["\\\\", ' + b"[" * 17 + b"1" + b"]" * 18))


def test_u2_a_4301_digit_integer_is_refused_not_a_value_error() -> None:
    with pytest.raises(SubmissionMalformed, match="integer out of range"):
        decode_submission(b"KYCSUB\0\1" + (4301).to_bytes(4, "big") + b"1" * 4301)


def _wa_manifest(selfie_fps: str) -> bytes:
    head = (
        '{"format":"kyc-desk-submission","version":1,"request_id":"Req_0123456789abcdef","method":"wa",'
        f'"document":null,"created_at":"2026-11-21T03:00:00+00:00","selfie_fps":{selfie_fps},"parts":[]}}'
    )
    return _frame(b"KYCSUB", head.encode())


@pytest.mark.parametrize("fps", [str(10**400), "1e400", "-1e400", "NaN", "Infinity", "1e300", "1.5e2"])
def test_u3_selfie_fps_out_of_range_is_refused_not_an_overflow(fps: str) -> None:
    with pytest.raises(SubmissionMalformed):
        decode_submission(_wa_manifest(fps))


def test_u3_the_same_manifest_with_a_sane_fps_gets_past_the_number() -> None:
    with pytest.raises(SubmissionMalformed) as info:  # a ワ submission without parts is still incomplete
        decode_submission(_wa_manifest("15"))
    assert "selfie_fps" not in info.value.message


def test_repeated_keys_are_refused() -> None:
    with pytest.raises(SubmissionMalformed, match="repeats a key"):
        decode_submission(_frame(b"KYCSUB", b'{"method":"he","method":"wa"}'))


# --- U4–U6: the residence card's front image ------------------------------------------------------------------

U4 = bytes.fromhex(
    "49492a00080000000800000104000100000040000000010104000100000028008201000103000100000001000000060103000100"
    "000001000000110104000100000000001601"
)
#: 'IFDRational' object cannot be interpreted as an integer (before the fix)
U5 = bytes.fromhex(
    "49492a001800000026a0786ffffffffffffffff800800800090000010300010000004000000001010300010000002000000002010300"
    "010000000100000003ffff00010000000400000006010300010000000100000011010a00010000000800000016010300010000002000"
    "000017010400010000000f0000001c010300010000000100000000000000"
)
#: OverflowError: Python int too large to convert to C ssize_t (before the fix)
U6 = bytes.fromhex(
    "49492a001800000026a0786ffffffffffffffff8008008000c000001030001000000400000000101030001000000200000000201030001"
    "000000010000000301030001000000010000000601030001000000010000001101100001000000080000001601030001000000200000"
    "0017010400010000000f0000001a01050001000000ae0000001b01050001000000b60000001c0103000100000001000000280103000100"
    "0000ffff0000000000002c010000010000002c01000001000000"
)


@pytest.mark.parametrize("data", [U4, U5, U6], ids=["U4-bomb", "U5-rational", "U6-overflow"])
def test_u4_u6_hostile_tiffs_are_malformed_data(data: bytes) -> None:
    with pytest.raises(MalformedData):
        decode_front_image(data)


def test_the_real_front_image_still_decodes() -> None:
    front = next(i for i in seeds.images() if i.startswith(b"II*\x00"))
    image = decode_front_image(front)
    assert image.mode == "1" and image.size == (640, 404)


# --- U7–U9: certificates ---------------------------------------------------------------------------------------

def _mutated_certificate(old: bytes, new: bytes) -> bytes:
    cert = signer_certificate()
    assert old in cert
    return cert.replace(old, new, 1)


def test_u7_a_changed_version_field_is_a_malformed_certificate() -> None:
    der = _mutated_certificate(bytes.fromhex("A003020102"), bytes.fromhex("A003020106"))
    with pytest.raises(MalformedCertificate):
        verify_certificate_issued_by(der, residence_issuer_certificate())
    with pytest.raises(MalformedCertificate):
        verify_certificate_issued_by(signer_certificate(), der[:0] + _u7_issuer())


def _u7_issuer() -> bytes:
    issuer = residence_issuer_certificate()
    return issuer.replace(bytes.fromhex("A003020102"), bytes.fromhex("A003020106"), 1)


def test_u8_a_zeroed_key_bit_string_is_a_malformed_certificate() -> None:
    der = _mutated_certificate(bytes.fromhex("0382010F00"), bytes.fromhex("0382000000"))
    with pytest.raises(MalformedCertificate):
        verify_chain(der, [residence_issuer_certificate()], at=AT)
    with pytest.raises(MalformedCertificate):
        verify_check_code(b"", b"", b"\x00" * 256, der, anchors=[residence_issuer_certificate()], at=AT)


def test_u9_an_unassigned_code_point_in_the_issuer_name_is_a_malformed_certificate() -> None:
    der = _mutated_certificate(b"KYC Desk TEST", "KYC Desk TE\u0378".encode())  # U+0378 is unassigned
    with pytest.raises(MalformedCertificate):
        verify_chain(der, [residence_issuer_certificate()], at=AT)


def test_u7_u9_give_the_invalid_verdict_in_the_residence_check() -> None:
    from kyc_desk.cards.apps.residence import reading_from_files
    from kyc_desk.documents import documents
    from kyc_desk.sync.format import DocumentKind
    from kyc_desk.verify.residence import check_residence_card

    files = seeds.card_files(DocumentKind.RESIDENCE_CARD)
    table = documents().get("residence_card").submission_files
    name = next(n for n, data in files.items() if signer_certificate() in data)
    for old, new in ((bytes.fromhex("A003020102"), bytes.fromhex("A003020106")),
                     (bytes.fromhex("0382010F00"), bytes.fromhex("0382000000")),
                     (b"KYC Desk TEST", "KYC Desk TE\u0378".encode())):
        changed = {**files, name: files[name].replace(old, new, 1)}
        reading = reading_from_files({table[n]: d for n, d in changed.items() if n in table}, read_at=AT)
        (check,) = check_residence_card(reading, anchors=[residence_issuer_certificate()], at=seeds.AT).checks
        assert check.verdict is Verdict.INVALID, (old, check)


# --- U10: formats the face engine must not open -----------------------------------------------------------------

U10_DDS = b"DDS " + struct.pack("<7I", 124, 0x1007, 64, 64, 0, 0, 0) + bytes(44) + struct.pack(
    "<2I4s5I", 32, 0x4, b"ZZZZ", 0, 0, 0, 0, 0) + struct.pack("<5I", 0x1000, 0, 0, 0, 0) + bytes(64)
U10_BLP = b"BLP1" + struct.pack("<I", 7) + struct.pack("<4I", 0, 64, 64, 0) + bytes(200)
U10_AVIF = bytes.fromhex(
    "00000020667479706176696600000000617669666d6966316d6961664d413142000000eb6d657461000000000000002168646c72000000"
    "000000000070696374000000000000000000000000000000000e7069746d0000000000010000001e696c6f6300000000440000010001"
    "0000000100000113000000290000002869696e660000000000010000001a696e6665020000000001000061763031436f6c6f72000000"
    "006a697072700000004b6970636f0000001469737065000000000000002000000020000000107069786900000000030808080000000c"
    "6176314381000c0000000013636f6c726e636c780001000d0006800000001769706d61000000000000000100010401028304000000316d"
    "64617412000a0918113ff68808683420321a14c78786650208209e50000000ffd5ac5db16e968aeb2d288458"
)


@pytest.mark.parametrize("data", [U10_DDS, U10_BLP, U10_AVIF, U5, U6],
                         ids=["DDS-NotImplementedError", "BLP-BLPFormatError", "AVIF-RuntimeError", "TIFF-TypeError",
                              "TIFF-OverflowError"])
def test_u10_formats_outside_the_allow_list_are_image_unreadable(data: bytes) -> None:
    with pytest.raises(ImageUnreadable, match="allowed format"):
        load_rgb(data)


def test_u10_the_allowed_formats_still_load() -> None:
    for data in seeds.images():
        if data.startswith(b"II*\x00"):
            continue  # the card's TIFF is not a face image
        rgb = load_rgb(data)
        assert rgb.ndim == 3 and rgb.shape[2] == 3 and rgb.flags.c_contiguous and rgb.flags.writeable


def test_exif_orientation_matches_pillow() -> None:
    import numpy as np
    from PIL import ImageOps

    source = np.arange(40 * 60 * 3, dtype=np.uint32).reshape(40, 60, 3).astype(np.uint8)
    for orientation in range(1, 9):
        image = Image.fromarray(source)
        exif = image.getexif()
        exif[0x0112] = orientation
        out = io.BytesIO()
        image.save(out, format="PNG", exif=exif)
        with Image.open(io.BytesIO(out.getvalue())) as opened:
            expected = np.asarray(ImageOps.exif_transpose(opened).convert("RGB"))
        assert np.array_equal(load_rgb(out.getvalue()), expected), orientation


# --- memory: each case under +100 MB at its peak (measured in a fresh interpreter) ------------------------------

DATA = Path(__file__).parent / "data"


def _j2k_6000() -> bytes:
    """A real 9 kB JPEG 2000 codestream of a 6000×6000 image (data/README.md): +416 MB before the fix."""
    return (DATA / "grey-6000x6000.j2k").read_bytes()


def _j2k_13000() -> bytes:
    """A real 8 kB JPEG 2000 codestream of a 13000×13000 image (data/README.md): +983 MB before the fix."""
    return (DATA / "grey-13000x13000.j2k").read_bytes()


def _j2k_claiming(side: int) -> bytes:
    """A real chip photo's JPEG 2000 codestream whose SIZ marker claims ``side``×``side`` (image and tile)."""
    codestream = next(i for i in seeds.images() if i.startswith(b"\xff\x4f\xff\x51"))
    out = bytearray(codestream)
    for offset in (8, 12, 24, 28):  # Xsiz, Ysiz, XTsiz, YTsiz
        out[offset : offset + 4] = side.to_bytes(4, "big")
    return bytes(out)


def _bilevel_png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("1", (width, height), 0).save(out, format="PNG", optimize=True)
    return out.getvalue()


def _deflate_tiff_claiming(side: int) -> bytes:
    """A 145-byte deflate TIFF whose header claims ``side``×``side`` 8-bit grey pixels in one strip.

    Before the fix, ``decode_front_image`` reached +165 MB on it (13000×13000) before it raised.
    """
    import zlib

    strip = zlib.compress(bytes(2000), 9)
    entries = [(256, 4, side), (257, 4, side), (258, 3, 8), (259, 3, 8), (262, 3, 1), (273, 4, 0), (277, 3, 1),
               (278, 4, side), (279, 4, len(strip))]
    ifd_size = 2 + 12 * len(entries) + 4
    data_at = 8 + ifd_size
    ifd = struct.pack("<H", len(entries))
    for tag, kind, value in entries:
        value = data_at if tag == 273 else value
        packed = struct.pack("<I", value) if kind == 4 else struct.pack("<HH", value, 0)
        ifd += struct.pack("<HHI", tag, kind, 1) + packed
    return b"II*\x00" + struct.pack("<I", 8) + ifd + b"\0\0\0\0" + strip


def _big_grey_jpeg() -> bytes:
    out = io.BytesIO()
    Image.linear_gradient("L").resize((7300, 5400)).save(out, format="JPEG", quality=50)
    return out.getvalue()


def _big_rgb_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (3264, 2448), (120, 90, 60)).save(out, format="PNG")
    return out.getvalue()


MEMORY_CASES = {
    "load_rgb: 1-bit PNG 480×50000 (+276 MB before the fix)": (
        "kyc_desk.faces.images.load_rgb", lambda: _bilevel_png(480, 50000)),
    "load_rgb: 9 kB JPEG 2000 of 6000×6000": ("kyc_desk.faces.images.load_rgb", _j2k_6000),
    "Photo.decode: 9 kB JPEG 2000 of 6000×6000": ("tests.fuzz.targets.decode_chip_photo", _j2k_6000),
    "Photo.decode: 8 kB JPEG 2000 of 13000×13000": ("tests.fuzz.targets.decode_chip_photo", _j2k_13000),
    "Photo.decode: a chip photo whose header claims 13000×13000": (
        "tests.fuzz.targets.decode_chip_photo", lambda: _j2k_claiming(13000)),
    "decode_front_image: deflate TIFF claiming 13000×13000": (
        "kyc_desk.cards.apps.residence.images.decode_front_image", lambda: _deflate_tiff_claiming(13000)),
    "load_rgb: a 39-megapixel JPEG is decoded at a reduced scale": (
        "kyc_desk.faces.images.load_rgb", _big_grey_jpeg),
    "load_rgb: an 8-megapixel RGB PNG at full size": ("kyc_desk.faces.images.load_rgb", _big_rgb_png),
}


@pytest.mark.parametrize("case", sorted(MEMORY_CASES))
def test_memory_case_stays_under_100_mb(case: str, tmp_path: Path) -> None:
    memory.require()
    target, make = MEMORY_CASES[case]
    growth, raised = memory.peak_in_child(target, make(), tmp_path)
    assert growth < MEMORY_BOUND, f"{case}: +{growth / MB:.0f} MB at the peak ({raised or 'returned'})"
    assert raised in (None, "ImageUnreadable", "MalformedData"), raised


def test_a_large_jpeg_is_decoded_at_the_size_needed() -> None:
    rgb = load_rgb(_big_grey_jpeg())
    assert rgb.shape[0] * rgb.shape[1] <= MAX_DECODED_PIXELS
    assert rgb.shape[:2] == (1350, 1825)  # 7300×5400 at 1/4 (1/2 would still be 9.9 megapixels)


def test_photo_decode_refuses_with_a_typed_error() -> None:
    with pytest.raises(MalformedData):
        Photo(_j2k_13000(), "j2k").decode()
