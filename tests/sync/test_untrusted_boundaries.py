"""Defence in depth at the two trust boundaries of remote submissions (issue 22).

Parsers raise typed errors (tests/fuzz); these tests check what happens when one does not: the desk's
pull quarantines the submission on *any* exception while importing it, logs a bug with its id (never the
exception's message, which may quote data) and loses nothing; the endpoint answers 400 for any envelope
it cannot read, never a 500.
"""

from __future__ import annotations

import logging

import httpx
import pytest

from kyc_desk.sync import desk as desk_module
from kyc_desk.sync.client import DeskClient
from kyc_desk.sync.desk import IMPORTED, QUARANTINED
from kyc_desk.sync.envelope import encode_public_key, seal
from kyc_desk.sync.errors import ImportFailed
from kyc_desk.sync.face_checks import NoFaceEngine
from kyc_desk.sync.format import Method, build_submission
from kyc_desk.sync.submitter import jpki_parts, link_challenge, submit

from .conftest import LiveServer
from .desk_fixtures import make_desk, taro, wa_parts


def _bug(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError("a parser bug quoting 山田太郎")


def test_pull_quarantines_a_submission_whose_import_raises_anything(tmp_path, open_server, monkeypatch, caplog):
    desk = make_desk(tmp_path, open_server.url, open_server.desk_token)
    created = desk.sync.create_request((Method.WA,), person=taro())
    submit(created.link, Method.WA, None, wa_parts(link_challenge(created.link)))
    monkeypatch.setattr(desk_module, "plan_import", _bug)

    with caplog.at_level(logging.ERROR, logger="kyc_desk.sync.desk"):
        [item] = desk.sync.pull(desk.store, anchors=desk.anchors, faces=NoFaceEngine()).items
    assert item.outcome == QUARANTINED and "RuntimeError" in item.reason
    [entry] = desk.sync.quarantine.entries()
    assert entry.reason_code == "ImportFailed" and entry.request_id == created.request_id
    assert desk.sync.quarantine.envelope(item.submission_id)  # kept, never lost
    assert open_server.store.counts()["submissions"] == 0  # confirmed only because the desk keeps it
    [bug] = [r for r in caplog.records if "BUG" in r.getMessage()]
    assert item.submission_id[:8] in bug.getMessage() and "RuntimeError" in bug.getMessage()
    assert "山田" not in caplog.text  # the exception's message is not logged
    assert desk.store.count() == 0

    with pytest.raises(ImportFailed):  # a retry meets the same bug: a typed error, the entry stays
        desk.sync.retry_quarantined(item.submission_id, desk.store, anchors=desk.anchors, faces=NoFaceEngine())
    assert desk.sync.quarantine.has(item.submission_id)

    monkeypatch.undo()  # the bug is fixed: the kept submission imports
    again = desk.sync.retry_quarantined(item.submission_id, desk.store, anchors=desk.anchors, faces=NoFaceEngine())
    assert again.outcome == IMPORTED and desk.store.count() == 1


def _new_request(live: LiveServer, key):  # type: ignore[no-untyped-def]
    with DeskClient(live.url, live.desk_token) as client:
        return client.create_request((Method.WA,), encode_public_key(key.public_key()))


def _post(live: LiveServer, link: str, body: bytes) -> httpx.Response:
    token = link.split("/s/")[1].split("#")[0]
    return httpx.post(f"{live.url}/v1/submit/{token}", content=body,
                      headers={"Content-Type": "application/octet-stream"})


@pytest.mark.parametrize("body", [
    b"KYCENV\0\1\x03\xe8" + b"[" * 1000 + b"x" * 100,  # U1 in the header
    b"KYCENV\0\1\x00\x10" + b"1e999" + b" " * 11 + b"x" * 100,
])
def test_endpoint_answers_400_for_a_hostile_envelope_header(open_server, office_key, body):
    created = _new_request(open_server, office_key)
    response = _post(open_server, created.link, body)
    assert response.status_code == 400 and response.json()["error"] == "malformed_envelope"
    assert open_server.store.counts()["submissions"] == 0


def test_endpoint_answers_400_even_when_the_reader_has_a_bug(open_server, office_key, monkeypatch):
    from kyc_desk.sync.server import app

    monkeypatch.setattr(app, "check_structure", _bug)
    created = _new_request(open_server, office_key)
    sub = build_submission(request_id=created.request_id, method=Method.WA, document=None,
                           parts=jpki_parts(b"\x01" * 256, b"\x30" * 300))
    response = _post(open_server, created.link, seal(sub, office_key.public_key()))
    assert response.status_code == 400 and response.json()["error"] == "malformed_envelope"
    assert "山田" not in response.text
