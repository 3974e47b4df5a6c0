"""The fuzz targets: every parser of untrusted bytes, each with its real seeds.

A target is a strategy of cases (mutated seeds, see :mod:`tests.fuzz.mutate`) and a function that feeds
one case to the product's parser. The property, checked by :mod:`tests.fuzz.test_fuzz`, is the product's
contract for bad input: the function returns or raises a :class:`~kyc_desk.errors.KycDeskError`, never
another exception, and one case costs at most :data:`MEMORY_BOUND` of resident memory.

``short`` is the number of cases the normal test run gives the target (the whole short profile stays
well under a minute of CPU); the long profile (``scripts/fuzz``) runs each for a share of its minutes.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from asn1crypto import pem as asn1_pem
from hypothesis import strategies as st

from kyc_desk.cards.apps.driver_licence import layouts as licence_layouts
from kyc_desk.cards.apps.driver_licence import reader as licence_reader
from kyc_desk.cards.apps.driver_licence import text as jis
from kyc_desk.cards.apps.mynumber import layouts as mynumber_layouts
from kyc_desk.cards.apps.mynumber.common import parse_card_info_expiry
from kyc_desk.cards.apps.mynumber.cvc import parse_cvc
from kyc_desk.cards.apps.mynumber.jpki import parse_four_items
from kyc_desk.cards.apps.mynumber.surface import parse_card_face
from kyc_desk.cards.apps.mynumber.text import parse_text_attributes, parse_text_signature
from kyc_desk.cards.apps.residence import layouts as residence_layouts
from kyc_desk.cards.apps.residence.images import decode_front_image
from kyc_desk.cards.apps.residence.reader import parse_card_type
from kyc_desk.cards.layouts import FileLayout, decode
from kyc_desk.cards.reading import Photo, sniff_image_format
from kyc_desk.cards.tlv.ber import parse_ber
from kyc_desk.cards.tlv.simple import parse_simple
from kyc_desk.crypto import hpke
from kyc_desk.faces.images import load_rgb
from kyc_desk.imaging import open_image
from kyc_desk.records import Person
from kyc_desk.sync.envelope import _HEADER, INFO_PREFIX, EnvelopeHeader, key_id_of, open_envelope
from kyc_desk.sync.face_checks import NoFaceEngine
from kyc_desk.sync.format import DocumentKind, Method, build_submission, decode_submission
from kyc_desk.sync.importer import DOCUMENT_PHOTO, ImportContext, plan_import
from kyc_desk.sync.registry import DeskRequest
from kyc_desk.sync.submitter import selfie_parts
from kyc_desk.verify._primitives import verify_certificate_issued_by
from kyc_desk.verify.jpki import parse_jpki_certificate
from kyc_desk.verify.mynumber import verify_cvc
from kyc_desk.verify.residence import certificate_from_field, verify_chain
from kyc_desk.verify.trust import TrustStore, load_trust_store
from kyc_desk_testkit.softcard.pki import write_trust_anchors
from kyc_desk_testkit.softcard.residence import residence_issuer_certificate

from . import seeds
from .mutate import mutated

#: Resident memory one case may add at its peak.
MEMORY_BOUND = 100 * 1024 * 1024


@dataclass(frozen=True)
class Target:
    name: str
    cases: Callable[[], st.SearchStrategy[Any]]
    run: Callable[[Any], object]
    short: int


def _bytes_target(name: str, seed_list: Callable[[], Sequence[bytes]], run: Callable[[bytes], object],
                  short: int) -> Target:
    return Target(name, lambda: mutated(list(seed_list())), run, short)


def _all(*calls: Callable[[], object], allowed: tuple[type[Exception], ...] = ()) -> None:
    """Run every call; each may raise only a KycDeskError (or ``allowed``), which does not stop the others."""
    from kyc_desk.errors import KycDeskError

    for call in calls:
        try:
            call()
        except (KycDeskError, *allowed):
            pass


# --- seeds ------------------------------------------------------------------------------------------------

def _chip_files() -> list[bytes]:
    return [p.data for parts in seeds.chip_parts().values() for p in parts]


def _simple_tlv_files() -> list[bytes]:
    return [p.data for kind in (DocumentKind.DRIVER_LICENCE, DocumentKind.RESIDENCE_CARD)
            for p in seeds.chip_parts()[kind]]


def _cvcs() -> list[bytes]:
    return [data for name, data in seeds.card_files(DocumentKind.MYNUMBER).items() if name.endswith("/0004")]


def _jis_texts() -> list[bytes]:
    """JIS X 0208 text as the licence stores it, and its two date forms (era digit + YYMMDD, and BCD)."""
    texts = [jis.encode_jis_x0208(text) for text in ("山田　太郎", "東京都千代田区霞が関一丁目", "ヤマダ　タロウ")]
    return [*texts, b"4300401", bytes.fromhex("19800401")]


@cache
def _anchors() -> TrustStore:
    folder = Path(tempfile.mkdtemp(prefix="kyc-fuzz-trust-"))
    write_trust_anchors(folder, seeds.issuers())
    (folder / "residence-test-issuer.pem").write_bytes(asn1_pem.armor("CERTIFICATE", residence_issuer_certificate()))
    return load_trust_store(folder)


# --- runs -------------------------------------------------------------------------------------------------

def _layouts() -> list[FileLayout]:
    found = [v for module in (licence_layouts, residence_layouts) for v in vars(module).values()
             if isinstance(v, FileLayout)]
    found += [file.layout for file in residence_layouts.FILES.values()]
    return found


def _templates() -> list[mynumber_layouts.Template]:
    return [v for v in vars(mynumber_layouts).values() if isinstance(v, mynumber_layouts.Template)]


def run_card_layouts(data: bytes) -> None:
    _all(*(lambda layout=layout: decode(layout, data) for layout in _layouts()),
         *(lambda t=t: mynumber_layouts.decode_template(t, data) for t in _templates()))


def run_card_parsers(data: bytes) -> None:
    _all(lambda: parse_card_face(data), lambda: parse_text_attributes(data), lambda: parse_text_signature(data),
         lambda: parse_card_info_expiry(data), lambda: licence_reader.parse_common_data(data),
         lambda: licence_reader.parse_photo(data), lambda: licence_reader.parse_changes(data),
         lambda: licence_reader.parse_pin_setting(data), lambda: parse_card_type(data))


def run_jis(data: bytes) -> None:
    # the text decoders' own contract is TextDecodeError, which the layout decoder turns into MalformedData:
    # both are checked, the decoders directly and the licence layouts whose fields they decode
    _all(lambda: jis.decode_jis_x0208(data), lambda: jis.decode_jis_x0201(data), lambda: jis.decode_era_date(data),
         lambda: jis.decode_bcd_date(data), allowed=(jis.TextDecodeError,))
    _all(*(lambda layout=layout: decode(layout, data) for layout in (licence_layouts.ITEMS, licence_layouts.DOMICILE)))


_AT = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)


def run_certificate(data: bytes) -> None:
    from kyc_desk.verify.jpki import verify_jpki_chain

    issuers = seeds.issuers()
    _all(lambda: parse_jpki_certificate(data), lambda: parse_four_items(data), lambda: certificate_from_field(data),
         lambda: verify_chain(data, [residence_issuer_certificate()], at=_AT),
         lambda: verify_certificate_issued_by(data, issuers.sign_ca_cert),
         lambda: verify_certificate_issued_by(issuers.auth_ca_cert, data),
         lambda: verify_jpki_chain(data, kind="sign", anchors=_anchors(), at=_AT),
         lambda: verify_jpki_chain(data, kind="auth", anchors=_anchors(), at=_AT))


def run_cvc(data: bytes) -> None:
    def parse_and_verify() -> None:
        verify_cvc(parse_cvc(data), _anchors())

    _all(parse_and_verify)


def decode_chip_photo(data: bytes) -> object:
    """``Photo.decode`` for any bytes (a photo whose format is not sniffed is taken as JPEG 2000)."""
    return Photo(data, sniff_image_format(data) or "j2k").decode()


def run_images(data: bytes) -> None:
    _all(lambda: load_rgb(data), lambda: decode_chip_photo(data), lambda: decode_front_image(data),
         lambda: open_image(data, DOCUMENT_PHOTO))


def run_envelope(data: bytes) -> None:
    _all(lambda: open_envelope(data, seeds.office_key()))


def sealed_raw(container: bytes) -> bytes:
    """An envelope around any container bytes (the submission inside a real, decryptable envelope)."""
    public = seeds.office_key().public_key()
    header = EnvelopeHeader(seeds.REQUEST_ID, Method.HE, key_id_of(public)).to_bytes()
    sealed = hpke.seal(container, public, info=INFO_PREFIX + header)
    return _HEADER.pack(b"KYCENV", 1, len(header)) + header + sealed


def run_sealed_container(data: bytes) -> None:
    _all(lambda: open_envelope(sealed_raw(data), seeds.office_key()))


# --- the pull's import, one chip file at a time -------------------------------------------------------------

def _import_cases(kind: DocumentKind) -> st.SearchStrategy[tuple[str, bytes]]:
    files = seeds.card_files(kind)
    return st.sampled_from(sorted(files)).flatmap(lambda name: mutated([files[name]]).map(lambda data: (name, data)))


def _context() -> ImportContext:
    person = Person(name="山田 太郎", name_kana=None, birth_date=dt.date(1980, 1, 1), address="東京都")
    request = DeskRequest(seeds.REQUEST_ID, "https://example.invalid/r", (Method.HE,), "c" * 32, seeds.AT,
                          seeds.AT + dt.timedelta(days=3), person=person)
    return ImportContext("sub-fuzz", seeds.AT, request, _anchors(), NoFaceEngine())


def _run_import(kind: DocumentKind) -> Callable[[tuple[str, bytes]], object]:
    def run(case: tuple[str, bytes]) -> None:
        name, data = case

        def plan() -> None:
            parts = seeds.replace_part(seeds.chip_parts()[kind], name, data)
            submission = build_submission(request_id=seeds.REQUEST_ID, method=Method.HE, document=kind,
                                          parts=[*parts, *selfie_parts(list(seeds.selfie_frames()))],
                                          created_at=seeds.AT)
            plan_import(submission, _context())

        _all(plan)

    return run


TARGETS: dict[str, Target] = {t.name: t for t in (
    _bytes_target("tlv", _chip_files, lambda d: _all(lambda: parse_ber(d), lambda: parse_simple(d)), 400),
    _bytes_target("card_layouts", _chip_files, run_card_layouts, 200),
    _bytes_target("card_parsers", _chip_files, run_card_parsers, 250),
    _bytes_target("jis_text", _jis_texts, run_jis, 400),
    _bytes_target("certificates", seeds.certificates, run_certificate, 200),
    _bytes_target("cvc", _cvcs, run_cvc, 200),
    _bytes_target("images", seeds.images, run_images, 150),
    _bytes_target("submission", seeds.submissions, lambda d: _all(lambda: decode_submission(d)), 150),
    _bytes_target("envelope", seeds.envelopes, run_envelope, 150),
    _bytes_target("sealed_container", seeds.submissions, run_sealed_container, 100),
    *(Target(f"import_{kind.value}", lambda kind=kind: _import_cases(kind), _run_import(kind), 150)
      for kind in DocumentKind),
)}
