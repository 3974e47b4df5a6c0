"""Real seeds for the fuzz targets: what the software cards hold, real submissions, real photos.

Every seed is real data the desk meets in use, built through the product's own code paths: chip files are
read from the software cards of all three card types through the card stack (as the submitter reads them
from a phone's reader), submissions are encoded by the submission format and sealed by the envelope, and
images are the sample face photos, the chips' JPEG 2000 photos, the residence card's MMR TIFF and the My
Number card's PNG text images. Built once per process (``cache``); about two seconds in all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Callable
from functools import cache

from PIL import Image

from kyc_desk.cards.apps.mynumber import Secret, SecretRequest
from kyc_desk.cards.card import Card
from kyc_desk.cards.transport.memory import HandlerTransport
from kyc_desk.crypto import hpke
from kyc_desk.sync.envelope import seal
from kyc_desk.sync.format import DocumentKind, Method, Part, build_submission, encode_submission
from kyc_desk.sync.submitter import read_he_parts, selfie_parts
from kyc_desk_testkit.samples import sample_photo
from kyc_desk_testkit.softcard.driver_licence import build_driver_licence
from kyc_desk_testkit.softcard.mynumber import build_mynumber_card
from kyc_desk_testkit.softcard.persona import demo_personas
from kyc_desk_testkit.softcard.pki import Issuers, softcard_issuers
from kyc_desk_testkit.softcard.residence import build_residence_card, residence_issuer_certificate, signer_certificate

AT: dt.datetime = dt.datetime(2026, 11, 21, 3, 0, tzinfo=dt.UTC)
REQUEST_ID = "req-0123456789abcdef"
RESIDENCE_NUMBER = "AB12345678CD"


def _typed(answers: dict[str, str]) -> Callable[[SecretRequest], Secret]:
    return lambda request: Secret(answers[request.name])


@cache
def chip_parts() -> dict[DocumentKind, tuple[Part, ...]]:
    """The ヘ chip parts of each card type, read from its software card through the card stack."""
    personas = demo_personas()
    mynumber = build_mynumber_card("taro")
    licence, _ = build_driver_licence(personas["taro"])
    residence, _ = build_residence_card(personas["alex"], address_entry=(dt.date(2025, 4, 1), "141003"))
    out = {
        DocumentKind.MYNUMBER: read_he_parts(Card(HandlerTransport(mynumber.process)), _typed(mynumber.secrets)),
        DocumentKind.DRIVER_LICENCE: read_he_parts(
            Card(HandlerTransport(licence.process, supports_extended=licence.extended_length)),
            _typed({"pin1": "1234", "pin2": "5678"}),
        ),
        DocumentKind.RESIDENCE_CARD: read_he_parts(
            Card(HandlerTransport(residence.process, supports_extended=residence.extended_length)),
            _typed({"card_number": RESIDENCE_NUMBER}),
        ),
    }
    return {kind: tuple(parts) for kind, parts in out.items()}


def card_files(kind: DocumentKind) -> dict[str, bytes]:
    """One card type's chip files by part name."""
    return {p.name: p.data for p in chip_parts()[kind]}


@cache
def issuers() -> Issuers:
    return softcard_issuers()


@cache
def certificates() -> tuple[bytes, ...]:
    """Real DER X.509 certificates: the JPKI test CAs, the card's JPKI certificate, the residence pair."""
    from_chip = [data for data in card_files(DocumentKind.MYNUMBER).values() if data[:2] == b"\x30\x82"]
    return (issuers().sign_ca_cert, issuers().auth_ca_cert, *from_chip,
            residence_issuer_certificate(), signer_certificate())


def _photo_jpeg(name: str, width: int) -> bytes:
    with Image.open(sample_photo(name)) as image:
        rgb = image.convert("RGB")
        rgb.thumbnail((width, width))
        out = io.BytesIO()
        rgb.save(out, "JPEG", quality=80)
        return out.getvalue()


@cache
def selfie_frames() -> tuple[bytes, ...]:
    """Three real face photos, small (the fuzzer mutates them many times)."""
    return tuple(_photo_jpeg(name, 160) for name in ("obama.jpg", "obama2.jpg", "obama3.jpg"))


@cache
def images() -> tuple[bytes, ...]:
    """Real images of every allowed kind: JPEG selfies, a PNG, the chips' JPEG 2000 photos, MMR TIFF, text PNGs."""
    from kyc_desk.imaging import sniff

    chip_images = [data.rstrip(b"\x00") if sniff(data) == "jpeg2000" else data
                   for parts in chip_parts().values() for p in parts
                   for data in _embedded_images(p.data)]
    with Image.open(io.BytesIO(selfie_frames()[0])) as selfie:
        png = io.BytesIO()
        selfie.convert("L").save(png, "PNG")
    return (*selfie_frames(), png.getvalue(), *chip_images)


def _embedded_images(data: bytes) -> list[bytes]:
    """Images inside a chip file (a photo or front image sits in a TLV; take it from its signature on)."""
    from kyc_desk.imaging import sniff

    found = []
    signatures = (b"\xff\x4f\xff\x51", b"\x00\x00\x00\x0cjP  ", b"\x89PNG", b"II*\x00", b"MM\x00*", b"\xff\xd8\xff")
    for signature in signatures:
        at = data.find(signature)
        if at >= 0 and sniff(data[at:]) is not None:
            found.append(data[at:])
    return found


def he_submission(kind: DocumentKind) -> bytes:
    """A real ヘ submission container for ``kind`` (chip files of its software card, three selfie frames)."""
    return encode_submission(_he(kind))


def _he(kind: DocumentKind):  # type: ignore[no-untyped-def]
    return build_submission(request_id=REQUEST_ID, method=Method.HE, document=kind,
                            parts=[*chip_parts()[kind], *selfie_parts(list(selfie_frames()))], created_at=AT)


@cache
def submissions() -> tuple[bytes, ...]:
    return tuple(he_submission(kind) for kind in DocumentKind)


@cache
def office_key() -> hpke.PrivateKey:
    """A fixed office key (the seeds must be the same in every run, so findings replay)."""
    return hpke.private_key_from_raw(bytes(range(1, 33)))


@cache
def envelopes() -> tuple[bytes, ...]:
    return tuple(seal(_he(kind), office_key().public_key()) for kind in DocumentKind)


def replace_part(parts: tuple[Part, ...], name: str, data: bytes) -> list[Part]:
    return [dataclasses.replace(p, data=data) if p.name == name else p for p in parts]
