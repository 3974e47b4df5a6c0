"""ヘ with a My Number card: the chip files a client sends become the reading through the card layer's own
``reading_from_files`` (the parser the live read uses, taken from the one registry of documents), not a
reading rebuilt by hand in the importer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import pytest

from kyc_desk.cards.apps import mynumber
from kyc_desk.cards.apps.mynumber.reader import FILE_SURFACE_FACE
from kyc_desk.cards.card import Card
from kyc_desk.cards.reading import CardReading
from kyc_desk.cards.transport.memory import HandlerTransport
from kyc_desk.documents import Document, documents
from kyc_desk.records.model import EvidenceKind, Person
from kyc_desk.sync.errors import SubmissionMalformed
from kyc_desk.sync.face_checks import NoFaceEngine
from kyc_desk.sync.format import DocumentKind, Method, Part, build_submission
from kyc_desk.sync.importer import ImportContext, plan_import
from kyc_desk.sync.registry import DeskRequest
from kyc_desk.sync.submitter import parts_from_reading, read_he_parts, selfie_parts
from kyc_desk.verify.report import Verdict
from kyc_desk.verify.trust import load_trust_store
from kyc_desk_testkit.softcard.mynumber import build_mynumber_card
from kyc_desk_testkit.softcard.pki import softcard_issuers, write_trust_anchors

from .desk_fixtures import answer_all

pytestmark = pytest.mark.usefixtures("japanese")

AT = dt.datetime(2026, 11, 21, 3, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def selfies() -> list[Part]:
    from .conftest import jpeg_of

    return selfie_parts([jpeg_of("obama.jpg"), jpeg_of("obama2.jpg"), jpeg_of("obama3.jpg")])


def test_the_registry_gives_the_card_layers_own_parser() -> None:
    document = documents().for_submission(DocumentKind.MYNUMBER.value)
    assert document.key == "mynumber"
    assert document.reading_from_files is mynumber.reading_from_files
    # EF 0003 (the text AP's integrity record) has no part name: it can never be sent
    assert "text.signature" not in document.submission_files.values()


def test_a_my_number_submission_is_imported_through_reading_from_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, selfies: list[Part]
) -> None:
    soft = build_mynumber_card("taro")
    live = documents().get("mynumber").read_card(Card(HandlerTransport(soft.process)), answer_all(soft),
                                                 purpose="remote")
    parts = read_he_parts(Card(HandlerTransport(soft.process)), answer_all(soft))
    assert {p.name: p.data for p in parts} == {p.name: p.data for p in parts_from_reading(live)}

    seen: list[dict[str, bytes]] = []

    def spy(files: Mapping[str, bytes], *, read_at: dt.datetime) -> CardReading:
        seen.append(dict(files))
        return mynumber.reading_from_files(files, read_at=read_at)

    monkeypatch.setattr(Document, "from_files", lambda self, files, *, read_at: spy(files, read_at=read_at))

    write_trust_anchors(tmp_path, softcard_issuers())
    submission = build_submission(request_id="req-0123456789abcdef", method=Method.HE,
                                  document=DocumentKind.MYNUMBER, parts=[*parts, *selfies], created_at=AT)
    plan = plan_import(submission, ImportContext("sub-1", AT, None, load_trust_store(tmp_path), NoFaceEngine()))

    [files] = seen  # the importer asked the registry's document for the reading, once
    assert files[FILE_SURFACE_FACE] == live.signed_files[FILE_SURFACE_FACE]
    assert "text.signature" not in files  # EF 0003 never travels
    # the imported record states the holder exactly as the live read of the same card does
    assert plan.document_type == "mynumber"
    assert isinstance(plan.client, Person)
    assert plan.client.name == live.holder.name
    assert plan.client.birth_date == live.holder.birth_date
    assert plan.client.address == live.holder.address
    photo = next(e for e in plan.evidence if e.kind is EvidenceKind.CHIP_PHOTO)
    assert live.photo is not None and photo.data == live.photo.data
    checks = {c.name: c.verdict for c in plan.report}
    assert checks["surface.signature"] is Verdict.VALID
    assert checks["text.signature"] is Verdict.NOT_PRESENT
    assert checks["submission.text_unsigned"] is Verdict.NOT_VERIFIABLE


def test_a_malformed_card_face_is_kept_not_dropped(tmp_path: Path, selfies: list[Part]) -> None:
    soft = build_mynumber_card("taro")
    parts = read_he_parts(Card(HandlerTransport(soft.process)), answer_all(soft))
    broken = [p if p.name != "chip/mynumber/surface/0002" else type(p)(p.name, p.kind, p.data[:40], p.media_type)
              for p in parts]
    write_trust_anchors(tmp_path, softcard_issuers())
    submission = build_submission(request_id="req-0123456789abcdef", method=Method.HE,
                                  document=DocumentKind.MYNUMBER, parts=[*broken, *selfies], created_at=AT)
    ctx = ImportContext("sub-1", AT, None, load_trust_store(tmp_path), NoFaceEngine())
    with pytest.raises(SubmissionMalformed, match="no person"):  # no request copy, no readable name: quarantined
        plan_import(submission, ctx)
    request = DeskRequest("req-0123456789abcdef", "https://example.invalid/r", (Method.HE,), "c" * 32, AT,
                          AT + dt.timedelta(days=3), person=Person(name="山田 太郎"), liveness="blink")
    plan = plan_import(submission, ImportContext("sub-1", AT, request, load_trust_store(tmp_path), NoFaceEngine()))
    checks = {c.name: c.verdict for c in plan.report}
    assert checks["chip.data"] is Verdict.INVALID
    assert checks["surface.signature"] is Verdict.INVALID
    assert {e.label for e in plan.evidence} >= {"chip/mynumber/surface/0002"}
