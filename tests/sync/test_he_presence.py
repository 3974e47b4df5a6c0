"""ヘ with a My Number card: the chip's presence travels in the submission (format version 2).

The client's card key signs the request's challenge (``presence/signature``); the desk checks it against
DF24 of the signed card face. A copy of the genuine files on another chip is flagged as a suspected copy,
a genuine card is valid, and a version 1 submission is still read and reported as "presence not proven".
The verdict cases call :func:`plan_import` on decoded submissions (the pull runs the same code)."""

from __future__ import annotations

import datetime as dt

import pytest

from kyc_desk.app.texts import check_text
from kyc_desk.cards.card import Card
from kyc_desk.cards.transport.memory import HandlerTransport
from kyc_desk.records import Person
from kyc_desk.sync.client import LinkInfo
from kyc_desk.sync.face_checks import NoFaceEngine
from kyc_desk.sync.format import (
    PRESENCE_PART,
    DocumentKind,
    Method,
    Part,
    PartKind,
    build_submission,
    decode_submission,
    encode_submission,
)
from kyc_desk.sync.importer import ImportContext, plan_import
from kyc_desk.sync.registry import DeskRequest
from kyc_desk.sync.submitter import read_he_parts, selfie_parts
from kyc_desk.verify.report import Check, Verdict
from kyc_desk.verify.trust import TrustStore
from kyc_desk_testkit.softcard.mynumber import MyNumberCardOptions, build_mynumber_card
from kyc_desk_testkit.softcard.persona import demo_personas

from .desk_fixtures import answer_all

pytestmark = pytest.mark.usefixtures("japanese")

AT = dt.datetime(2026, 11, 21, 3, 0, tzinfo=dt.UTC)
REQUEST_ID = "req-0123456789abcdef"
CHALLENGE = "q" * 43


def link(challenge: str = CHALLENGE) -> LinkInfo:
    return LinkInfo(REQUEST_ID, (Method.HE,), AT + dt.timedelta(days=3), challenge, "", "", 1 << 24)


def request() -> DeskRequest:
    p = demo_personas()["taro"]
    stated = Person(name=p.name, name_kana=p.name_kana, birth_date=p.birth_date, address=p.address)
    return DeskRequest(REQUEST_ID, "https://example.invalid/r", (Method.HE,), CHALLENGE, AT,
                       AT + dt.timedelta(days=3), person=stated)


def client_parts(options: MyNumberCardOptions | None = None, info: LinkInfo | None = None) -> list[Part]:
    """What ``kyc-desk submit --reader`` sends: the card read for ヘ, signing the link's challenge."""
    soft = build_mynumber_card("taro", options)
    return read_he_parts(Card(HandlerTransport(soft.process)), answer_all(soft), info)


def presence_of(anchors: TrustStore, parts: list[Part], selfie_frames: list[bytes], *, version: int = 2,
                known_request: bool = True) -> Check:
    submission = build_submission(request_id=REQUEST_ID, method=Method.HE, document=DocumentKind.MYNUMBER,
                                  parts=[*parts, *selfie_parts(selfie_frames)], created_at=AT, version=version)
    decoded = decode_submission(encode_submission(submission))
    ctx = ImportContext("sub-1", AT, request() if known_request else None, anchors, NoFaceEngine())
    plan = plan_import(decoded, ctx)
    found = [c for c in plan.report if c.name == "surface.presence"]
    assert len(found) == 1
    return found[0]


def test_a_genuine_card_proves_its_presence(anchors: TrustStore, selfie_frames: list[bytes]) -> None:
    parts = client_parts(info=link())
    assert [p.name for p in parts if p.kind is PartKind.PRESENCE_SIGNATURE] == [PRESENCE_PART]
    assert presence_of(anchors, parts, selfie_frames).verdict is Verdict.VALID


def test_a_clone_is_flagged_as_a_suspected_copy(anchors: TrustStore, selfie_frames: list[bytes]) -> None:
    check = presence_of(anchors, client_parts(MyNumberCardOptions(clone=True), link()), selfie_frames)
    assert check.verdict is Verdict.SUSPECTED_COPY and "複製" in check_text(check, "ja")


def test_an_answer_made_for_another_request_does_not_prove_this_one(
    anchors: TrustStore, selfie_frames: list[bytes]
) -> None:
    replayed = client_parts(info=link(challenge="another-requests-challenge"))
    assert presence_of(anchors, replayed, selfie_frames).verdict is Verdict.SUSPECTED_COPY


def test_files_without_the_part_and_version_1_are_read_as_presence_not_proven(
    anchors: TrustStore, selfie_frames: list[bytes]
) -> None:
    files_only = client_parts()  # no link: no challenge to sign, no presence part
    assert all(p.kind is PartKind.CHIP_FILE for p in files_only)
    v2 = presence_of(anchors, files_only, selfie_frames)
    assert v2.verdict is Verdict.NOT_PRESENT and "未証明" in check_text(v2, "ja")
    v1 = presence_of(anchors, files_only, selfie_frames, version=1)
    assert v1.verdict is Verdict.NOT_PRESENT and "形式 1" in check_text(v1, "ja")
    # the rest of a version 1 submission is verified as before
    submission = build_submission(request_id=REQUEST_ID, method=Method.HE, document=DocumentKind.MYNUMBER,
                                  parts=[*files_only, *selfie_parts(selfie_frames)], created_at=AT, version=1)
    plan = plan_import(decode_submission(encode_submission(submission)),
                       ImportContext("sub-1", AT, request(), anchors, NoFaceEngine()))
    assert {c.name: c.verdict for c in plan.report}["surface.signature"] is Verdict.VALID


def test_without_the_request_copy_the_challenge_is_unknown(anchors: TrustStore, selfie_frames: list[bytes]) -> None:
    check = presence_of(anchors, client_parts(info=link()), selfie_frames, known_request=False)
    assert check.verdict is Verdict.NOT_VERIFIABLE
