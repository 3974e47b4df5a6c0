"""ヘ with a returning client's card proof (format version 2, optional ``card-proof/signature``).

The client chooses it and types the 4-digit user-authentication PIN; the authentication key signs the
request's challenge; the desk checks the signature with the submitted 利用者証明用電子証明書, names the earlier
verification of the same card in the review (``card.returning``), links the certificate to the imported
record, and reports a reissued certificate as a broken link. End to end through ``kyc-desk submit --reader
--card-proof``, pcscd + vpcd, the endpoint and the pull; the verdict cases call :func:`plan_import`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest

from kyc_desk.app.texts import check_text
from kyc_desk.cards.card import Card
from kyc_desk.cards.transport.memory import HandlerTransport
from kyc_desk.records import RecordStore
from kyc_desk.sync.errors import SubmissionMalformed
from kyc_desk.sync.face_checks import NoFaceEngine
from kyc_desk.sync.format import (
    CARD_PROOF_PART,
    DocumentKind,
    Method,
    Part,
    PartKind,
    build_submission,
    decode_submission,
    encode_submission,
)
from kyc_desk.sync.importer import ImportContext, plan_import
from kyc_desk.sync.submitter import read_he_parts, selfie_parts
from kyc_desk.verify.card_link import CardLink, card_link
from kyc_desk.verify.mynumber import AUTH_CHALLENGE, verify_mynumber
from kyc_desk.verify.report import Check, Verdict
from kyc_desk.verify.trust import TrustStore
from kyc_desk_testkit.softcard.mynumber import MyNumberCardOptions, build_mynumber_card
from tests.records.conftest import full_verification

from .desk_fixtures import answer_all, make_desk, taro
from .test_he_presence import AT, REQUEST_ID, link, request

pytestmark = pytest.mark.usefixtures("japanese")


def desk_link(anchors: TrustStore, options: MyNumberCardOptions | None = None) -> CardLink:
    """The link a face-to-face check with the card proof made earlier at the desk."""
    from kyc_desk.cards.apps.mynumber import read_mynumber
    from kyc_desk.cards.apps.mynumber.reader import MyNumberReadOptions

    soft = build_mynumber_card("taro", options)
    reading = read_mynumber(Card(HandlerTransport(soft.process)), answer_all(soft),
                            options=MyNumberReadOptions(surface=False, text=False, sign=False, auth=True))  # fmt: skip
    found = card_link(reading, verify_mynumber(reading, anchors=anchors, at=AT)).link
    assert found is not None
    return found


def earlier_visit(store: RecordStore, link: CardLink) -> int:
    """山田 太郎 verified face to face with the card proof, the link saved with the record."""
    return store.save_verification(dataclasses.replace(full_verification(), client=taro(), card_link=link),
                                   actor="test").id  # fmt: skip


def client_parts(options: MyNumberCardOptions | None = None, challenge: str | None = None) -> list[Part]:
    soft = build_mynumber_card("taro", options)
    info = link() if challenge is None else link(challenge=challenge)
    return read_he_parts(Card(HandlerTransport(soft.process)), answer_all(soft), info, card_proof=True)


def imported(anchors: TrustStore, parts: list[Part], selfies: list[bytes], store: RecordStore | None,
             *, known_request: bool = True):  # type: ignore[no-untyped-def]
    submission = build_submission(request_id=REQUEST_ID, method=Method.HE, document=DocumentKind.MYNUMBER,
                                  parts=[*parts, *selfie_parts(selfies)], created_at=AT)  # fmt: skip
    ctx = ImportContext("sub-1", AT, request() if known_request else None, anchors, NoFaceEngine(), records=store)
    return plan_import(decode_submission(encode_submission(submission)), ctx)


def check_of(plan, name: str) -> Check:  # type: ignore[no-untyped-def]
    (found,) = [c for c in plan.report if c.name == name]
    return found


def test_the_proof_names_the_earlier_verification_and_links_the_record(
    anchors: TrustStore, selfie_frames: list[bytes], tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from tests.records.conftest import FAST_SCRYPT, PASSPHRASE

    store, _ = RecordStore.create(mode="passphrase", folder=tmp_path / "r", passphrase=PASSPHRASE, scrypt=FAST_SCRYPT)
    try:
        first = earlier_visit(store, desk_link(anchors))
        parts = client_parts()
        assert [p.name for p in parts if p.kind is PartKind.CARD_PROOF_SIGNATURE] == [CARD_PROOF_PART]
        plan = imported(anchors, parts, selfie_frames, store)
        assert check_of(plan, AUTH_CHALLENGE).verdict is Verdict.VALID
        returning = check_of(plan, "card.returning")
        assert returning.verdict is Verdict.VALID and returning.reason == "card.recognised"
        text = check_text(returning, "ja")
        assert "山田 太郎 として本人確認済み" in text and f"記録番号 {first}" in text
        assert plan.card_link is not None and plan.card_link.serial == "2B0001"
        saved = store.save_verification(plan, actor="sync")
        assert [s.id for s in store.find_by_card(plan.card_link)] == [saved.id, first]
    finally:
        store.close()


def test_a_reissued_certificate_is_a_broken_link(anchors: TrustStore, selfie_frames: list[bytes], tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.records.conftest import FAST_SCRYPT, PASSPHRASE

    store, _ = RecordStore.create(mode="passphrase", folder=tmp_path / "r", passphrase=PASSPHRASE, scrypt=FAST_SCRYPT)
    try:
        first = earlier_visit(store, desk_link(anchors))
        plan = imported(anchors, client_parts(MyNumberCardOptions(auth_reissued=True)), selfie_frames, store)
        returning = check_of(plan, "card.returning")
        assert returning.verdict is Verdict.NOT_VERIFIABLE and returning.reason == "card.link_reissued"
        assert "紐付けは切れています" in check_text(returning, "ja") and str(first) in check_text(returning, "ja")
        assert plan.card_link is not None and plan.card_link.serial == "2B0002"  # the new certificate
    finally:
        store.close()


def test_a_proof_for_another_request_or_without_the_request_copy_links_nothing(
    anchors: TrustStore, selfie_frames: list[bytes]
) -> None:
    replayed = imported(anchors, client_parts(challenge="another-requests-challenge"), selfie_frames, None)
    assert check_of(replayed, AUTH_CHALLENGE).verdict is Verdict.INVALID and replayed.card_link is None
    unknown = imported(anchors, client_parts(), selfie_frames, None, known_request=False)
    assert check_of(unknown, AUTH_CHALLENGE).verdict is Verdict.NOT_VERIFIABLE and unknown.card_link is None
    plain = imported(anchors, [p for p in client_parts() if p.name != CARD_PROOF_PART], selfie_frames, None)
    assert all(c.name not in (AUTH_CHALLENGE, "card.returning") for c in plain.report) and plain.card_link is None


def test_the_part_needs_the_certificate_and_format_version_2(selfie_frames: list[bytes]) -> None:
    parts = client_parts()
    without_cert = [p for p in parts if p.name != "chip/mynumber/jpki/000A"]
    with pytest.raises(SubmissionMalformed):
        build_submission(request_id=REQUEST_ID, method=Method.HE, document=DocumentKind.MYNUMBER,
                         parts=[*without_cert, *selfie_parts(selfie_frames)], created_at=AT)  # fmt: skip
    with pytest.raises(SubmissionMalformed):
        build_submission(request_id=REQUEST_ID, method=Method.HE, document=DocumentKind.MYNUMBER,
                         parts=[*parts, *selfie_parts(selfie_frames)], created_at=AT, version=1)  # fmt: skip


@pytest.mark.pcsc
def test_kyc_desk_submit_with_the_card_proof_is_recognised_after_the_pull(
    tmp_path, open_server, vpcd_slot, selfie_frames, monkeypatch, capsys, anchors
):  # type: ignore[no-untyped-def]
    """As a client runs it: ``kyc-desk submit --reader … --card-proof`` with the PIN typed (stdin), one VERIFY
    of the authentication PIN after its tries were read; after the pull the imported record names the
    earlier face-to-face verification and is linked to the card too."""
    from kyc_desk.cli.main import main

    desk = make_desk(tmp_path, open_server.url, open_server.desk_token)
    first = earlier_visit(desk.store, desk_link(anchors))
    pending = desk.sync.create_request((Method.HE,), person=taro(), liveness="blink,turn_left")
    soft = vpcd_slot.insert(build_mynumber_card("taro"))
    selfies = []
    for i, frame in enumerate(selfie_frames):
        (path := tmp_path / f"selfie{i}.jpg").write_bytes(frame)
        selfies += ["--selfie", str(path)]
    typed = f"code_b={soft.secrets['code_b']}\nauth_pin={soft.secrets['auth_pin']}\n"  # the client's own secrets
    monkeypatch.setattr("sys.stdin", io.StringIO(typed))
    status = main(["--lang", "ja", "submit", pending.link, "--method", "he", "--document", "mynumber",
                   "--reader", vpcd_slot.reader, "--stdin", "--card-proof", *selfies])  # fmt: skip
    err = capsys.readouterr().err
    assert status == 0, err
    assert "auth_pin: 残り 3 回" in err  # the tries, shown before the PIN is sent
    assert sum(1 for c in soft.received if c[0] == "jpki" and c[2] == 0x20) == 2  # tries query + one VERIFY
    result = desk.sync.pull(desk.store, anchors=desk.anchors, faces=NoFaceEngine())
    record = desk.store.get(result.items[0].record_id)
    checks = {c.name: c for c in record.report}
    assert checks[AUTH_CHALLENGE].verdict is Verdict.VALID
    assert checks["card.returning"].reason == "card.recognised"
    assert f"記録番号 {first}" in check_text(checks["card.returning"], "ja")
    link = desk_link(anchors)
    assert [s.id for s in desk.store.find_by_card(link)] == [record.id, first]
    assert dt.date.today() >= record.verified_on
