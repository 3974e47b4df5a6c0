"""ヘ with a driver's licence or a residence card: the chip files a client sends (read from the software
cards by the submitter, exactly as from a phone) are parsed by the card layer's own parser, verified by the
card's verifier, compared with the stated person, and their chip photo is the face-match reference.

One case runs through the real endpoint on loopback; the verdict cases call :func:`plan_import` directly
on decoded submissions (the import is the same code either way)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

import pytest
from asn1crypto import pem as asn1_pem

from kyc_desk.app.texts import check_text, item_note_text
from kyc_desk.cards.apps.mynumber import Secret, SecretRequest
from kyc_desk.cards.card import Card
from kyc_desk.cards.transport.memory import HandlerTransport
from kyc_desk.records import Person
from kyc_desk.records.model import FaceResult
from kyc_desk.sync.desk import IMPORTED
from kyc_desk.sync.face_checks import EngineFaceChecker, NoFaceEngine
from kyc_desk.sync.format import DocumentKind, Method, Part, Submission, build_submission
from kyc_desk.sync.importer import ImportContext, plan_import
from kyc_desk.sync.registry import DeskRequest
from kyc_desk.sync.submitter import read_he_parts, selfie_parts, submit
from kyc_desk.verify.report import Check, Verdict
from kyc_desk.verify.trust import TrustStore, load_trust_store
from kyc_desk_testkit.softcard.driver_licence import build_driver_licence
from kyc_desk_testkit.softcard.engine import SoftCard
from kyc_desk_testkit.softcard.persona import demo_personas
from kyc_desk_testkit.softcard.pki import softcard_issuers, write_trust_anchors
from kyc_desk_testkit.softcard.residence import build_residence_card, residence_issuer_certificate

from .desk_fixtures import LIVENESS, live_frames, make_desk

pytestmark = pytest.mark.usefixtures("japanese")

AT = dt.datetime(2026, 11, 21, 3, 0, tzinfo=dt.UTC)
ADDRESS_ENTRY = (dt.date(2025, 4, 1), "141003")
LICENCE_PINS = {"pin1": "1234", "pin2": "5678"}
RESIDENCE_NUMBER = "AB12345678CD"


def person(persona: str) -> Person:
    p = demo_personas()[persona]
    return Person(name=p.name, name_kana=p.name_kana, birth_date=p.birth_date, address=p.address)


def typed(answers: dict[str, str]) -> Callable[[SecretRequest], Secret]:
    """The client types their own secrets; records nothing else."""
    return lambda request: Secret(answers[request.name])


def chip_parts(softcard: SoftCard, answers: dict[str, str]) -> list[Part]:
    """What the submitter sends for the card (probed, then read with the typed secrets)."""
    card = Card(HandlerTransport(softcard.process, supports_extended=softcard.extended_length))
    return read_he_parts(card, typed(answers))


@cache
def residence_chip(persona: str = "alex", **kwargs: object) -> tuple[Part, ...]:
    softcard, _built = build_residence_card(demo_personas()[persona], address_entry=ADDRESS_ENTRY, **kwargs)
    return tuple(chip_parts(softcard, {"card_number": RESIDENCE_NUMBER}))


@cache
def licence_chip(persona: str = "taro", **kwargs: object) -> tuple[Part, ...]:
    softcard, _built = build_driver_licence(demo_personas()[persona], **kwargs)
    return tuple(chip_parts(softcard, LICENCE_PINS))


def he(document: DocumentKind, chip: Sequence[Part], frames: Sequence[bytes]) -> Submission:
    return build_submission(request_id="req-0123456789abcdef", method=Method.HE, document=document,
                            parts=[*chip, *selfie_parts(list(frames))], created_at=AT)


def replace_part(chip: Sequence[Part], name: str, change: Callable[[bytes], bytes]) -> list[Part]:
    return [dataclasses.replace(p, data=change(p.data)) if p.name == name else p for p in chip]


def flip(offset: int) -> Callable[[bytes], bytes]:
    return lambda data: data[:offset] + bytes((data[offset] ^ 0x01,)) + data[offset + 1:]


def trust(folder: Path, *, residence: bool) -> TrustStore:
    write_trust_anchors(folder, softcard_issuers())
    if residence:
        anchor = asn1_pem.armor("CERTIFICATE", residence_issuer_certificate())
        (folder / "residence-test-issuer.pem").write_bytes(anchor)
    return load_trust_store(folder)


class RecordingFaces:
    """A FaceChecker that records the reference it was given and reports nothing checked."""

    def __init__(self) -> None:
        self.references: list[bytes | None] = []

    def check(self, reference: bytes | None, frames: Sequence[bytes], challenge: str, fps: float
              ) -> tuple[list[Check], list[FaceResult]]:
        self.references.append(reference)
        return NoFaceEngine().check(reference, frames, challenge, fps)


def context(anchors: TrustStore, stated: Person | None, faces: object = None) -> ImportContext:
    request = None
    if stated is not None:
        request = DeskRequest("req-0123456789abcdef", "https://example.invalid/r", (Method.HE,), "c" * 32, AT,
                              AT + dt.timedelta(days=3), person=stated, liveness=LIVENESS)
    return ImportContext("sub-1", AT, request, anchors, faces or NoFaceEngine())  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def frames() -> list[bytes]:
    from .conftest import jpeg_of

    return [jpeg_of("obama.jpg"), jpeg_of("obama2.jpg"), jpeg_of("obama3.jpg")]


def verdicts(checks: Sequence[Check]) -> dict[str, Verdict]:
    return {c.name: c.verdict for c in checks}


# --- residence card ------------------------------------------------------------------------------------


def test_residence_check_code_valid_with_the_issuer_anchor(tmp_path, frames):
    faces = RecordingFaces()
    plan = plan_import(he(DocumentKind.RESIDENCE_CARD, residence_chip(), frames),
                       context(trust(tmp_path, residence=True), person("alex"), faces))
    checks = verdicts(plan.report)
    assert checks["residence.check_code"] is Verdict.VALID
    assert checks["submission.address_unsigned"] is Verdict.NOT_VERIFIABLE  # the back is not signed
    assert plan.document_type == "residence_card" and plan.document_has_chip
    assert plan.document_number is None  # the chip holds the card number only inside the front image
    items = {i.item: i for i in plan.item_checks}
    assert items["address"].result.value == "match"
    # the chip states name and birth date only as an image: not compared, and the report says why
    assert items["name"].result.value == "not_checked" and items["name"].note_reason == "item.residence_image_only"
    assert "券面イメージ" in item_note_text(items["name"], "ja")
    assert "front image" in item_note_text(items["name"], "en")
    assert items["birth_date"].result.value == "not_checked"
    # the face match was given the chip photo (JPEG 2000), and it is kept as evidence
    photo = next(e for e in plan.evidence if e.label == "photo")
    assert faces.references == [photo.data] and photo.media_type in ("image/jp2", "image/x-jp2-codestream")
    labels = {e.label for e in plan.evidence}
    assert {"front", "residence.df1.ef01", "residence.df3.ef01", "residence.df2.ef01", "selfie/000"} <= labels


def test_residence_without_the_issuer_anchor_is_untrusted_never_valid(tmp_path, frames):
    plan = plan_import(he(DocumentKind.RESIDENCE_CARD, residence_chip(), frames),
                       context(trust(tmp_path, residence=False), person("alex")))
    assert verdicts(plan.report)["residence.check_code"] is Verdict.UNTRUSTED


@pytest.mark.parametrize("name", ["chip/residence_card/df1/0002", "chip/residence_card/df3/0001"])
def test_residence_altered_signed_file_is_invalid(tmp_path, frames, name):
    # a byte deep inside the photo's codestream, or inside the check code itself
    chip = replace_part(residence_chip(), name, flip(600 if name.endswith("0002") else 10))
    plan = plan_import(he(DocumentKind.RESIDENCE_CARD, chip, frames),
                       context(trust(tmp_path, residence=True), person("alex")))
    checks = verdicts(plan.report)
    assert checks["residence.check_code"] is Verdict.INVALID
    assert "chip.data" not in checks  # the bytes still parse: it is the signature that fails


def test_special_permanent_resident_certificate_is_named_as_such(tmp_path, frames):
    chip = residence_chip("alex", card_type="special_permanent_resident")
    plan = plan_import(he(DocumentKind.RESIDENCE_CARD, chip, frames),
                       context(trust(tmp_path, residence=True), person("alex")))
    assert plan.document_type == "special_permanent_resident"
    assert verdicts(plan.report)["residence.check_code"] is Verdict.VALID


# --- driver's licence ----------------------------------------------------------------------------------


def test_licence_items_are_read_and_ef07_stays_not_verifiable(tmp_path, frames):
    faces = RecordingFaces()
    plan = plan_import(he(DocumentKind.DRIVER_LICENCE, licence_chip(), frames),
                       context(trust(tmp_path, residence=True), person("taro"), faces))
    checks = verdicts(plan.report)
    assert checks["driver_licence.signature"] is Verdict.NOT_VERIFIABLE  # never VALID without a check
    assert Verdict.VALID not in [v for n, v in checks.items() if n != "submission.envelope"]
    assert {i.item: i.result.value for i in plan.item_checks} == {
        "name": "match", "birth_date": "match", "address": "match"}
    assert plan.document_type == "driver_licence" and plan.document_number == "123456789012"  # 記号番号
    photo = next(e for e in plan.evidence if e.label == "photo")
    assert faces.references == [photo.data]
    assert "driver_licence.df1.ef07" in {e.label for e in plan.evidence}  # kept raw for later verification
    assert not any("df1.ef02" in e.label or "df1/0002" in e.label for e in plan.evidence)  # 本籍 never sent


def test_licence_changed_address_is_the_one_compared_and_said_so(tmp_path, frames):
    moved = "東京都港区芝公園四丁目2番8号"
    chip = licence_chip("taro", changed_address=moved)
    stated = dataclasses.replace(person("taro"), address=moved)
    plan = plan_import(he(DocumentKind.DRIVER_LICENCE, chip, frames), context(trust(tmp_path, residence=False), stated))
    address = next(i for i in plan.item_checks if i.item == "address")
    assert address.result.value == "match" and address.note_reason == "item.licence_changed_address"
    assert "変更" in item_note_text(address, "ja")
    assert verdicts(plan.report)["driver_licence.recorded_changes"] is Verdict.NOT_VERIFIABLE


# --- malformed chip files --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("document", "name", "change"),
    [
        (DocumentKind.DRIVER_LICENCE, "chip/driver_licence/df1/0001", lambda b: b"\x12\x03\x30\x21\x30" + b[5:]),
        (DocumentKind.RESIDENCE_CARD, "chip/residence_card/mf/0002", lambda b: b"\xc1\x01\x39"),
        (DocumentKind.RESIDENCE_CARD, "chip/residence_card/df1/0001", lambda b: b[:4] + b"GIF89a" + b[10:]),
    ],
)
def test_malformed_chip_file_is_flagged_explained_and_kept(tmp_path, frames, document, name, change):
    base = licence_chip() if document is DocumentKind.DRIVER_LICENCE else residence_chip()
    chip = replace_part(base, name, change)
    faces = RecordingFaces()
    stated = person("taro" if document is DocumentKind.DRIVER_LICENCE else "alex")
    plan = plan_import(he(document, chip, frames), context(trust(tmp_path, residence=True), stated, faces))
    data = next(c for c in plan.report if c.name == "chip.data")
    text = check_text(data, "en")
    assert data.verdict is Verdict.INVALID and ("EF" in text or "DF" in text)  # names the file
    for shown in (text, check_text(data, "ja"), json.dumps(data.to_json(), ensure_ascii=False)):
        assert stated.name not in shown  # no personal data in the explanation
    kept = {e.label: e.data for e in plan.evidence}
    assert kept[name] == change(next(p.data for p in base if p.name == name))  # the raw bytes as received
    assert all(p.name in kept for p in chip)
    checks = verdicts(plan.report)
    assert checks["face.match"] is Verdict.NOT_VERIFIABLE and faces.references == [None]
    if document is DocumentKind.RESIDENCE_CARD:  # the verifier still judges the raw signed files
        expected = Verdict.VALID if name.endswith("mf/0002") else Verdict.INVALID
        assert checks["residence.check_code"] is expected
    assert {i.result.value for i in plan.item_checks} == set()  # nothing from the chip to compare


# --- through the real endpoint -------------------------------------------------------------------------


@pytest.mark.slow
def test_residence_and_licence_he_through_the_endpoint(tmp_path, open_server):
    desk = make_desk(tmp_path, open_server.url, open_server.desk_token)
    anchors = trust(tmp_path / "trust", residence=True)  # the desk's trust folder, plus the residence issuer
    residence = desk.sync.create_request((Method.HE,), person=person("alex"), liveness=LIVENESS)
    licence = desk.sync.create_request((Method.HE,), person=person("taro"), liveness=LIVENESS)
    broken = desk.sync.create_request((Method.HE,), person=person("taro"), liveness=LIVENESS)
    selfie = list(live_frames())  # obama.jpg performing the challenge; the chip photos are obama2/obama
    submit(residence.link, Method.HE, DocumentKind.RESIDENCE_CARD, [*residence_chip(), *selfie_parts(selfie)])
    submit(licence.link, Method.HE, DocumentKind.DRIVER_LICENCE, [*licence_chip(), *selfie_parts(selfie)])
    bad = replace_part(licence_chip(), "chip/driver_licence/mf/2F01", lambda b: b"\x45\x0b" + b"00" + b"\x99" * 9)
    submit(broken.link, Method.HE, DocumentKind.DRIVER_LICENCE, [*bad, *selfie_parts(selfie)])

    result = desk.sync.pull(desk.store, anchors=anchors, faces=EngineFaceChecker())
    assert [i.outcome for i in result.items] == [IMPORTED] * 3  # the malformed one too: stored, not dropped
    by_request = {i.request_id: i for i in result.items}
    records = {rid: desk.store.get(i.record_id) for rid, i in by_request.items()}

    r = verdicts(records[residence.request_id].report)
    assert r["residence.check_code"] is Verdict.VALID
    assert r["face.match"] is Verdict.CONSISTENT  # chip photo (obama2) against the selfie (obama)
    assert records[residence.request_id].status.value == "pending_review"

    lic = verdicts(records[licence.request_id].report)
    assert lic["driver_licence.signature"] is Verdict.NOT_VERIFIABLE
    assert lic["face.match"] is Verdict.CONSISTENT
    assert {i.item: i.result.value for i in records[licence.request_id].item_checks}["name"] == "match"

    bad_checks = verdicts(records[broken.request_id].report)
    assert bad_checks["chip.data"] is Verdict.INVALID
    assert "chip.data" in by_request[broken.request_id].flagged
    assert records[broken.request_id].client.person.name == person("taro").name  # the request names the person


# --- the submitter reads the card through PC/SC ------------------------------------------------------------


def _prompt(asked: list[tuple[str, int]]) -> Callable[[SecretRequest], Secret]:
    def prompt(request: SecretRequest) -> Secret:
        asked.append((request.name, request.tries_left))
        return Secret({**LICENCE_PINS, "card_number": RESIDENCE_NUMBER}[request.name])

    return prompt


@pytest.mark.pcsc
def test_submitter_reads_a_licence_through_pcscd(tmp_path, vpcd_slot, frames):
    """The card is probed (no VERIFY), the typed PINs are each sent once after their tries were shown, and
    what the submitter sends is exactly the format's chip files — 本籍 stays on the card."""
    vpcd_slot.insert(build_driver_licence(demo_personas()["taro"])[0])
    asked: list[tuple[str, int]] = []
    parts = read_he_parts(vpcd_slot.open_card(), _prompt(asked))
    assert asked == [("pin1", 3), ("pin2", 3)]
    assert sorted(p.name for p in parts) == sorted(
        f"chip/driver_licence/{n}" for n in ("mf/2F01", "df1/0001", "df1/0003", "df1/0004", "df1/0005", "df1/0007",
                                             "df2/0001"))
    plan = plan_import(he(DocumentKind.DRIVER_LICENCE, parts, frames),
                       context(trust(tmp_path, residence=False), person("taro")))
    assert verdicts(plan.report)["driver_licence.signature"] is Verdict.NOT_VERIFIABLE


@pytest.mark.pcsc
def test_submitter_reads_a_residence_card_through_pcscd(tmp_path, vpcd_slot, frames):
    """The card number is asked once (no try counter: tries_left -1) and sent once; the permission fields
    are not part of the format and are not sent."""
    residence = vpcd_slot.insert(build_residence_card(demo_personas()["alex"], address_entry=ADDRESS_ENTRY)[0])
    asked: list[tuple[str, int]] = []
    parts = read_he_parts(vpcd_slot.open_card(), _prompt(asked))
    assert asked == [("card_number", -1)] and residence.verify_attempts == 1
    assert sorted(p.name for p in parts) == sorted(
        f"chip/residence_card/{n}" for n in ("mf/0001", "mf/0002", "df1/0001", "df1/0002", "df2/0001", "df3/0001"))
    plan = plan_import(he(DocumentKind.RESIDENCE_CARD, parts, frames),
                       context(trust(tmp_path, residence=True), person("alex")))
    assert verdicts(plan.report)["residence.check_code"] is Verdict.VALID
