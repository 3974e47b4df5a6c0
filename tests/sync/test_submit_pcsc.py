"""The submitter reads a real PC/SC reader: the My Number software card on the vpcd virtual reader, through
pcscd and pyscard, for ヘ (chip files) and ワ (the card signs the request's challenge)."""

from __future__ import annotations

import pytest

from kyc_desk.sync.desk import IMPORTED
from kyc_desk.sync.face_checks import NoFaceEngine
from kyc_desk.sync.format import DocumentKind, Method
from kyc_desk.sync.submitter import link_challenge, read_he_parts, selfie_parts, sign_wa, submit
from kyc_desk.verify.report import Verdict
from kyc_desk_testkit.softcard.mynumber import build_mynumber_card

from .desk_fixtures import answer_all, make_desk, taro


@pytest.mark.pcsc
def test_he_and_wa_submissions_from_a_card_on_a_pcsc_reader(tmp_path, open_server, vpcd_slot, selfie_frames):
    desk = make_desk(tmp_path, open_server.url, open_server.desk_token)
    he = desk.sync.create_request((Method.HE,), person=taro(), liveness="blink,turn_left")
    wa = desk.sync.create_request((Method.WA,), person=taro(), liveness="blink,turn_left")
    soft = vpcd_slot.insert(build_mynumber_card("taro"))
    card = vpcd_slot.open_card()
    he_parts = read_he_parts(card, answer_all(soft))
    wa_parts = sign_wa(card, answer_all(soft), link_challenge(wa.link))
    assert soft.forbidden_touches == []  # the individual number was never selected or read
    submit(he.link, Method.HE, DocumentKind.MYNUMBER, he_parts + selfie_parts(selfie_frames))
    submit(wa.link, Method.WA, None, wa_parts)
    result = desk.sync.pull(desk.store, anchors=desk.anchors, faces=NoFaceEngine())
    assert [i.outcome for i in result.items] == [IMPORTED, IMPORTED]
    reports = {i.method: {c.name: c.verdict for c in desk.store.get(i.record_id).report} for i in result.items}
    assert reports[Method.HE]["surface.signature"] is Verdict.VALID
    assert reports[Method.WA]["jpki.signature"] is Verdict.VALID


@pytest.mark.pcsc
def test_he_presence_through_the_endpoint_flags_a_clone_and_passes_the_card(
    tmp_path, open_server, vpcd_slot, selfie_frames
):
    """The client's card key signs the request's challenge on a PC/SC reader; after the pull, the record
    says valid for the genuine card and suspected copy for genuine files on another chip."""
    from kyc_desk_testkit.softcard.mynumber import MyNumberCardOptions

    desk = make_desk(tmp_path, open_server.url, open_server.desk_token)
    outcome = {}
    for name, options in (("card", MyNumberCardOptions()), ("clone", MyNumberCardOptions(clone=True))):
        request = desk.sync.create_request((Method.HE,), person=taro(), liveness="blink,turn_left")
        vpcd_slot.remove()  # the client puts the next card on the reader
        soft = vpcd_slot.insert(build_mynumber_card("taro", options))
        card = vpcd_slot.open_card()
        try:
            parts = read_he_parts(card, answer_all(soft), link_challenge(request.link))
        finally:
            card.close()
        assert soft.forbidden_touches == []
        assert sum(1 for c in soft.received if c[2] == 0x2A) == 1  # one presence signature, no JPKI signing
        submit(request.link, Method.HE, DocumentKind.MYNUMBER, parts + selfie_parts(selfie_frames))
        outcome[request.request_id] = name
    result = desk.sync.pull(desk.store, anchors=desk.anchors, faces=NoFaceEngine())
    assert [i.outcome for i in result.items] == [IMPORTED, IMPORTED]
    got = {}
    for item in result.items:
        record = desk.store.get(item.record_id)
        got[outcome[item.request_id]] = {c.name: c.verdict for c in record.report}
    assert got["card"]["surface.presence"] is Verdict.VALID
    assert got["clone"]["surface.presence"] is Verdict.SUSPECTED_COPY
    assert got["clone"]["surface.signature"] is Verdict.VALID  # the copied files themselves are genuine


@pytest.mark.pcsc
def test_kyc_desk_submit_from_the_reader_sends_the_presence_part(
    tmp_path, open_server, vpcd_slot, selfie_frames, monkeypatch, capsys
):
    """``kyc-desk submit --method he --reader …`` as a user runs it: the clone it reads is a suspected copy
    at the desk, and the card key sent exactly one signature (no JPKI signing, no extra VERIFY)."""
    import io

    from kyc_desk.cli.main import main
    from kyc_desk_testkit.softcard.mynumber import MyNumberCardOptions

    desk = make_desk(tmp_path, open_server.url, open_server.desk_token)
    request = desk.sync.create_request((Method.HE,), person=taro(), liveness="blink,turn_left")
    soft = vpcd_slot.insert(build_mynumber_card("taro", MyNumberCardOptions(clone=True)))
    selfies = []
    for i, frame in enumerate(selfie_frames):
        (path := tmp_path / f"selfie{i}.jpg").write_bytes(frame)
        selfies += ["--selfie", str(path)]
    monkeypatch.setattr("sys.stdin", io.StringIO(f"code_b={soft.secrets['code_b']}\n"))
    status = main(["--lang", "en", "submit", request.link, "--method", "he", "--document", "mynumber",
                   "--reader", vpcd_slot.reader, "--stdin", *selfies])
    assert status == 0, capsys.readouterr().err
    assert [c[1:5] for c in soft.received if c[2] == 0x2A] == [(0x80, 0x2A, 0x00, 0x00)]
    assert sum(1 for c in soft.received if c[2] == 0x20 and c[0] == "surface") == 2  # tries query + VERIFY
    result = desk.sync.pull(desk.store, anchors=desk.anchors, faces=NoFaceEngine())
    report = {c.name: c.verdict for c in desk.store.get(result.items[0].record_id).report}
    assert report["surface.presence"] is Verdict.SUSPECTED_COPY
