"""Hostile clients against a live endpoint on loopback (``kyc-desk sync-server serve`` in its own process).

Each case is bounded in count and time and asserts three things: the status (or the closed connection)
the misbehaving client gets, the server's resident memory, and that a genuine upload and pull still work
while it goes on and after. Timeouts are configured short here (a second or two) so the cases assert
behaviour without waiting long; no assertion is about speed.
"""

from __future__ import annotations

import select
import socket
import struct
import time
from collections.abc import Iterator

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import x25519

from kyc_desk.sync.client import DeskClient
from kyc_desk.sync.envelope import encode_public_key, seal
from kyc_desk.sync.envelope_header import MIN_SEALED_BYTES, EnvelopeHeader
from kyc_desk.sync.format import Method, build_submission
from kyc_desk.sync.submitter import jpki_parts

from .endpoint_process import Endpoint, closed_by_server, raw_request_head, read_status, run_endpoint

pytestmark = pytest.mark.slow

MIB = 1024 * 1024
#: The memory allowance over the idle figure: 100 MB.
ALLOWANCE = 100 * 1000 * 1000
#: Short timeouts for the suite: headers 1 s, keep-alive 1 s, body idle 2 s, rate rule from 1 s over 1 s.
SHORT = ("--header-timeout", "1", "--keep-alive-timeout", "1", "--body-timeout", "2", "--body-grace", "1",
         "--body-window", "1", "--min-upload-rate", "16")
KEY = x25519.X25519PrivateKey.generate()


def _envelope(request_id: str) -> bytes:
    sub = build_submission(request_id=request_id, method=Method.WA, document=None,
                           parts=jpki_parts(b"\x01" * 256, b"\x30" * 300))
    return seal(sub, KEY.public_key())


def _request(ep: Endpoint, headers: dict[str, str] | None = None) -> tuple[str, str, str]:
    """A new request: (request id, link, link token)."""
    with DeskClient(ep.url, ep.desk_token) as desk:
        created = desk.create_request((Method.WA,), encode_public_key(KEY.public_key()))
    token = created.link.split("/s/")[1].split("#")[0]
    return created.request_id, created.link, token


def genuine_round_trip(ep: Endpoint, forwarded_for: str | None = None) -> None:
    """A real client uploads and the desk pulls and confirms it: the endpoint still serves its purpose."""
    request_id, _link, token = _request(ep)
    headers = {"Content-Type": "application/octet-stream"}
    if forwarded_for:
        headers["X-Forwarded-For"] = forwarded_for
    envelope = _envelope(request_id)
    response = httpx.post(f"{ep.url}/v1/submit/{token}", content=envelope, headers=headers, timeout=60)
    assert response.status_code == 201, response.text
    sid = response.json()["submission_id"]
    with DeskClient(ep.url, ep.desk_token) as desk:
        assert desk.download(sid) == envelope
        desk.confirm(sid)


def _rss_ok(ep: Endpoint, idle: int) -> None:
    assert ep.rss_bytes() < idle + ALLOWANCE, (ep.rss_bytes(), idle)


@pytest.fixture
def endpoint(tmp_path) -> Iterator[Endpoint]:
    """Limits on, short timeouts."""
    with run_endpoint(tmp_path, *SHORT) as ep:
        genuine_round_trip(ep)  # warm: the idle figure includes a served round trip
        yield ep


@pytest.fixture
def open_endpoint(tmp_path) -> Iterator[Endpoint]:
    """Rate limits off (many uploads from one address), short timeouts."""
    with run_endpoint(tmp_path, *SHORT, "--no-rate-limits") as ep:
        genuine_round_trip(ep)
        yield ep


def _connect(ep: Endpoint) -> socket.socket:
    host, port = ep.url.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=10)


def test_slow_headers_are_cut_off(endpoint):
    idle = endpoint.rss_bytes()
    socks = [_connect(endpoint) for _ in range(50)]
    for s in socks:
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")  # and never the rest
    genuine_round_trip(endpoint)  # during
    assert all(closed_by_server(s, timeout=30) for s in socks)
    silent = _connect(endpoint)  # connects and says nothing at all
    assert closed_by_server(silent, timeout=30)
    for s in [*socks, silent]:
        s.close()
    _rss_ok(endpoint, idle)
    genuine_round_trip(endpoint)  # after


def test_a_body_sent_too_slowly_gets_408(endpoint):
    idle = endpoint.rss_bytes()
    request_id, _link, token = _request(endpoint)
    s = _connect(endpoint)
    s.sendall(raw_request_head("POST", f"/v1/submit/{token}", {
        "Content-Type": "application/octet-stream", "Content-Length": "100000"}))
    deadline = time.monotonic() + 30
    try:
        # one byte every 0.2 s (far below 16 KiB/s), until the server answers
        while time.monotonic() < deadline and not select.select([s], [], [], 0.2)[0]:
            s.sendall(b"K")
    except (BrokenPipeError, ConnectionResetError):
        pass
    status = read_status(s)
    s.close()
    assert status == 408
    _rss_ok(endpoint, idle)
    # the slow client used no upload: its link still takes the real submission
    response = httpx.post(f"{endpoint.url}/v1/submit/{token}", content=_envelope(request_id),
                          headers={"Content-Type": "application/octet-stream"})
    assert response.status_code == 201
    genuine_round_trip(endpoint)


def test_a_stalled_body_is_dropped(endpoint):
    idle = endpoint.rss_bytes()
    _request_id, _link, token = _request(endpoint)
    s = _connect(endpoint)
    s.sendall(raw_request_head("POST", f"/v1/submit/{token}", {
        "Content-Type": "application/octet-stream", "Content-Length": "100000"}) + b"KYCENV")
    assert read_status(s) == 408  # nothing more for longer than the idle limit
    s.close()
    assert list((endpoint.data_folder / "spool").iterdir()) == []
    _rss_ok(endpoint, idle)
    genuine_round_trip(endpoint)


@pytest.mark.timeout(600)
def test_stalled_partial_uploads_keep_memory_flat(tmp_path):
    """100 uploads that declare 12 MiB, send 8 MiB and stall: the bodies go to disk, not memory."""
    patient = ("--no-rate-limits", "--body-timeout", "300", "--body-grace", "300")
    with run_endpoint(tmp_path, *patient) as ep:
        genuine_round_trip(ep)
        idle = ep.rss_bytes()
        requests = [_request(ep) for _ in range(100)]
        socks = []
        for request_id, _link, token in requests:
            s = _connect(ep)
            start = _header_bytes(request_id)  # a valid envelope start, so the upload is accepted so far
            s.sendall(raw_request_head("POST", f"/v1/submit/{token}", {
                "Content-Type": "application/octet-stream", "Content-Length": str(12 * MIB)}) + start)
            socks.append(s)
        chunk = b"\0" * MIB
        for _ in range(8):  # 8 MiB each, round robin, so that all 100 are in progress at once
            for s in socks:
                s.sendall(chunk)
        deadline = time.monotonic() + 120
        while sum(f.stat().st_size for f in (ep.data_folder / "spool").iterdir()) < 100 * 8 * MIB:
            assert time.monotonic() < deadline, "the server did not take the bodies in"
            time.sleep(0.2)
        peak = ep.rss_bytes()
        print(f"endpoint RSS idle {idle / MIB:.0f} MiB, with 100 stalled 8 MiB uploads {peak / MIB:.0f} MiB")
        genuine_round_trip(ep)  # during: 100 stalled uploads are held open
        assert peak < idle + ALLOWANCE, (peak, idle)
        for s in socks:
            s.close()
        deadline = time.monotonic() + 60
        while list((ep.data_folder / "spool").iterdir()):  # each abandoned spool file is deleted
            assert time.monotonic() < deadline, "spool files were left behind"
            time.sleep(0.2)
        _rss_ok(ep, idle)
        genuine_round_trip(ep)


def test_disconnects_are_one_line_each_and_leave_nothing(open_endpoint):
    ep = open_endpoint
    idle = ep.rss_bytes()
    for _ in range(10):
        rid, _link, token = _request(ep)
        s = _connect(ep)
        s.sendall(raw_request_head("POST", f"/v1/submit/{token}", {
            "Content-Type": "application/octet-stream", "Content-Length": str(MIB)})
            + _header_bytes(rid) + b"\0" * (MIB // 2))
        s.close()
    deadline = time.monotonic() + 30
    while ep.log_text().count("client disconnected") < 10:
        assert time.monotonic() < deadline, ep.log_text()
        time.sleep(0.1)
    log = ep.log_text()
    assert "Traceback" not in log and "ClientDisconnect" not in log
    assert list((ep.data_folder / "spool").iterdir()) == [] and list((ep.data_folder / "envelopes").iterdir()) == []
    _rss_ok(ep, idle)
    genuine_round_trip(ep)


def test_forged_forwarded_headers_are_ignored_without_a_trusted_proxy(endpoint):
    idle = endpoint.rss_bytes()
    statuses = [
        httpx.get(f"{endpoint.url}/v1/submit/{'x' * 41}{i:02d}", headers={"X-Forwarded-For": f"198.51.100.{i}"}
                  ).status_code
        for i in range(40)
    ]
    # one address (the socket's) for all: 20 unknown links, then refused whatever the header says
    assert statuses[:20] == [404] * 20 and set(statuses[20:]) == {429}
    _rss_ok(endpoint, idle)
    # the desk is not locked out by link traffic from its own address
    with DeskClient(endpoint.url, endpoint.desk_token) as desk:
        assert desk.pending() == []


def test_lockout_attempts_never_lock_the_desk_or_other_clients_out(tmp_path):
    with run_endpoint(tmp_path, *SHORT, "--trusted-proxy", "127.0.0.0/8") as ep:
        genuine_round_trip(ep)
        idle = ep.rss_bytes()
        attacker = {"X-Forwarded-For": "203.0.113.9"}
        bad = [httpx.get(f"{ep.url}/v1/submissions", headers={**attacker, "Authorization": f"Bearer kd_{i:043d}"}
                         ).status_code for i in range(25)]
        assert bad[:20] == [401] * 20 and set(bad[20:]) == {429}
        # the same bad token from elsewhere is still refused: failures count per token prefix too
        again = httpx.get(f"{ep.url}/v1/submissions", headers={"X-Forwarded-For": "192.0.2.1",
                                                               "Authorization": f"Bearer kd_{0:043d}"})
        assert again.status_code == 429
        links = [httpx.get(f"{ep.url}/v1/submit/{'y' * 41}{i:02d}", headers=attacker).status_code for i in range(25)]
        assert links[:20] == [404] * 20 and set(links[20:]) == {429}
        # the office's desk, from the attacker's very address, and a genuine client elsewhere still work
        mine = httpx.get(f"{ep.url}/v1/submissions", headers={**attacker, "Authorization": f"Bearer {ep.desk_token}"})
        assert mine.status_code == 200
        genuine_round_trip(ep, forwarded_for="198.51.100.7")
        # forged hops left of the proxy's own entry do not help: the nearest untrusted address counts
        forged = httpx.get(f"{ep.url}/v1/submit/{'z' * 43}",
                           headers={"X-Forwarded-For": "10.9.9.9, 203.0.113.9"})
        assert forged.status_code == 429
        _rss_ok(ep, idle)


def test_a_link_takes_three_uploads_then_closes(open_endpoint):
    ep = open_endpoint
    idle = ep.rss_bytes()
    request_id, _link, token = _request(ep)
    url = f"{ep.url}/v1/submit/{token}"
    headers = {"Content-Type": "application/octet-stream"}
    bodies = [_envelope(request_id) for _ in range(4)]
    answers = [httpx.post(url, content=body, headers=headers) for body in bodies]
    assert [a.status_code for a in answers] == [201, 201, 201, 409]
    assert [a.json().get("uploads_left") for a in answers[:3]] == [2, 1, 0]
    assert len({a.json()["submission_id"] for a in answers[:3]}) == 1
    assert len(list((ep.data_folder / "envelopes").iterdir())) == 1  # replaced files are deleted
    with DeskClient(ep.url, ep.desk_token) as desk:  # the desk gets the last upload
        sid = answers[2].json()["submission_id"]
        assert desk.download(sid) == bodies[2]
        desk.confirm(sid)
    _rss_ok(ep, idle)
    genuine_round_trip(ep)


def _header_bytes(request_id: str) -> bytes:
    from kyc_desk.sync.envelope import key_id_of

    header = EnvelopeHeader(request_id, Method.WA, key_id_of(KEY.public_key())).to_bytes()
    return struct.pack(">6sHH", b"KYCENV", 1, len(header)) + header


@pytest.mark.parametrize(("broken", "code"), [
    (lambda rid: _header_bytes(rid) + b"\0" * 60, "malformed_envelope"),  # header + 60 bytes: no room for a submission
    (lambda rid: _header_bytes(rid)[:30], "malformed_envelope"),  # truncated header
    (lambda rid: _header_bytes(rid).replace(b"KYCENV\x00\x01", b"KYCENV\x00\x02") + b"\0" * 4096, "malformed_envelope"),
    (lambda rid: _header_bytes(rid).replace(b'"v":1', b'"v":2') + b"\0" * 4096, "malformed_envelope"),
    (lambda rid: b"\0" * 4096, "malformed_envelope"),
])
def test_broken_envelopes_do_not_burn_the_link(endpoint, broken, code):
    idle = endpoint.rss_bytes()
    request_id, _link, token = _request(endpoint)
    url = f"{endpoint.url}/v1/submit/{token}"
    headers = {"Content-Type": "application/octet-stream"}
    refused = httpx.post(url, content=broken(request_id), headers=headers)
    assert (refused.status_code, refused.json()["error"]) == (400, code)
    accepted = httpx.post(url, content=_envelope(request_id), headers=headers)
    assert accepted.status_code == 201
    _rss_ok(endpoint, idle)
    genuine_round_trip(endpoint)


def test_the_smallest_real_submission_is_above_the_structural_minimum():
    sub = build_submission(request_id="A" * 16, method=Method.WA, document=None, parts=jpki_parts(b"\x01", b"\x30"))
    envelope = seal(sub, KEY.public_key())
    assert len(envelope) - len(_header_bytes("A" * 16)) > MIN_SEALED_BYTES


def test_over_the_per_link_cap_uploads_get_503(tmp_path):
    patient = ("--no-rate-limits", "--body-timeout", "300", "--body-grace", "300")  # the holders wait
    with run_endpoint(tmp_path, *patient) as ep:
        _over_the_cap(ep)


def _over_the_cap(ep: Endpoint) -> None:
    idle = ep.rss_bytes()
    rid, _link, token = _request(ep)
    head = raw_request_head("POST", f"/v1/submit/{token}", {
        "Content-Type": "application/octet-stream", "Content-Length": str(MIB)})
    holders = [_connect(ep) for _ in range(2)]
    for s in holders:
        s.sendall(head + _header_bytes(rid))
    deadline = time.monotonic() + 30
    while len(list((ep.data_folder / "spool").iterdir())) < 2:  # both uploads are in progress
        assert time.monotonic() < deadline
        time.sleep(0.05)
    third = _connect(ep)
    third.sendall(head)
    status = read_status(third)
    third.close()
    for s in holders:
        s.close()
    assert status == 503
    _rss_ok(ep, idle)
    genuine_round_trip(ep)

