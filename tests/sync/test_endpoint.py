"""The endpoint over real HTTP on loopback: the request → upload → pull → confirm cycle, and every refusal."""

from __future__ import annotations

import datetime as dt
import time

import httpx
import pytest

from kyc_desk.sync.client import DeskClient, LinkClient
from kyc_desk.sync.envelope import encode_public_key, seal
from kyc_desk.sync.errors import LinkInvalid, MethodNotAllowed, SyncRejected
from kyc_desk.sync.format import Method, build_submission
from kyc_desk.sync.submitter import jpki_parts

from .conftest import LiveServer, serve

JST = dt.timezone(dt.timedelta(hours=9))


def wa_envelope(request_id: str, key) -> bytes:
    sub = build_submission(request_id=request_id, method=Method.WA, document=None,
                           parts=jpki_parts(b"\x01" * 256, b"\x30" * 300))
    return seal(sub, key.public_key())


def new_request(live: LiveServer, key, methods=(Method.WA,), **kw):
    with DeskClient(live.url, live.desk_token) as desk:
        return desk.create_request(methods, encode_public_key(key.public_key()), **kw)


def post(live: LiveServer, link: str, body: bytes, content_type: str = "application/octet-stream"):
    token = link.split("/s/")[1].split("#")[0]
    return httpx.post(f"{live.url}/v1/submit/{token}", content=body, headers={"Content-Type": content_type})


def test_full_cycle_leaves_nothing_behind(open_server, office_key):
    created = new_request(open_server, office_key)
    assert created.link.startswith(open_server.url + "/s/") and "#k=" in created.link
    with LinkClient(created.link) as phone:
        info = phone.info()
        assert info.request_id == created.request_id and info.challenge == created.challenge
        first = phone.upload(wa_envelope(info.request_id, office_key))
        # until a desk downloads it, the client may replace its submission (the last upload wins)
        last = wa_envelope(info.request_id, office_key)
        submission_id = phone.upload(last)
        assert submission_id == first
    with DeskClient(open_server.url, open_server.desk_token) as desk:
        [pending] = desk.pending()
        assert (pending.submission_id, pending.request_id, pending.method) == (
            submission_id, created.request_id, Method.WA)
        envelope = desk.download(submission_id)
        assert envelope == last and len(envelope) == pending.size
        with LinkClient(created.link) as phone:  # downloaded: the link is closed
            with pytest.raises(LinkInvalid):
                phone.upload(wa_envelope(info.request_id, office_key))
            with pytest.raises(LinkInvalid):
                phone.info()
        desk.confirm(submission_id)
        desk.confirm(submission_id)  # idempotent: a desk that crashed after confirming may confirm again
        assert desk.pending() == []
        with pytest.raises(SyncRejected) as info:
            desk.download(submission_id)
        assert info.value.status == 404
        assert desk.request_status(created.request_id)["status"] == "claimed"
    assert open_server.store.counts()["submissions"] == 0


def test_desk_token_is_required_and_offices_are_kept_apart(open_server, office_key):
    created = new_request(open_server, office_key)
    with LinkClient(created.link) as phone:
        sid = phone.upload(wa_envelope(created.request_id, office_key))
    assert httpx.get(f"{open_server.url}/v1/submissions").status_code == 401
    assert httpx.get(f"{open_server.url}/v1/submissions", headers={"Authorization": "Bearer nope"}).status_code == 401
    other = open_server.add_desk(office="office-b")
    with DeskClient(open_server.url, other) as stranger:
        assert stranger.pending() == []
        with pytest.raises(SyncRejected) as info:
            stranger.download(sid)
        assert info.value.status == 404
        with pytest.raises(SyncRejected):
            stranger.confirm(sid)
    assert open_server.store.counts()["submissions"] == 1
    assert open_server.store.desk_by_token(open_server.desk_token) is not None
    # tokens are stored hashed: the token itself is nowhere in the database
    with open_server.store.engine.connect() as conn:
        hashes = [r[0] for r in conn.exec_driver_sql("SELECT token_hash FROM desks")]
    assert open_server.desk_token not in hashes and len(hashes) == 2


@pytest.mark.parametrize(
    ("mutate", "status", "code"),
    [
        (lambda env, key, req: b"garbage" * 10, 400, "malformed_envelope"),
        (lambda env, key, req: env[:40], 400, "malformed_envelope"),
        (lambda env, key, req: wa_envelope("Someone_else_request1", key), 422, "request_mismatch"),
        (lambda env, key, req: wa_envelope(req, _other_key()), 422, "wrong_key"),
    ],
)
def test_bad_uploads_are_refused_and_leave_no_trace(open_server, office_key, mutate, status, code):
    created = new_request(open_server, office_key)
    env = wa_envelope(created.request_id, office_key)
    response = post(open_server, created.link, mutate(env, office_key, created.request_id))
    assert response.status_code == status and response.json()["error"] == code
    assert open_server.store.counts()["submissions"] == 0
    # the link is still open: the client can send a correct submission afterwards
    assert post(open_server, created.link, env).status_code == 201


def _other_key():
    from cryptography.hazmat.primitives.asymmetric import x25519

    return x25519.X25519PrivateKey.generate()


def test_wrong_content_type_and_oversize(tmp_path, office_key):
    from kyc_desk.sync.server import Limits, ServerConfig

    config = ServerConfig(database_url=f"sqlite:///{tmp_path / 'e.db'}", limits=Limits.off(max_upload_bytes=1000))
    with serve(config) as live:
        created = new_request(live, office_key)
        env = wa_envelope(created.request_id, office_key)
        assert len(env) > 1000
        assert post(live, created.link, env, "text/plain").status_code == 415
        tooo = post(live, created.link, env)
        assert tooo.status_code == 413 and tooo.json()["error"] == "too_large"
        assert live.store.counts()["submissions"] == 0


def test_method_outside_the_request_is_refused(open_server, office_key):
    created = new_request(open_server, office_key, methods=(Method.HE,))
    response = post(open_server, created.link, wa_envelope(created.request_id, office_key))
    assert response.status_code == 422 and response.json()["error"] == "method_not_allowed"


def test_expired_links_are_gone_and_purged(open_server, office_key):
    created = new_request(open_server, office_key, expires_in_minutes=10)
    with LinkClient(created.link) as phone:
        phone.upload(wa_envelope(created.request_id, office_key))
    late = new_request(open_server, office_key, expires_in_minutes=10)
    open_server.config.clock = lambda: time.time() + 11 * 60
    assert post(open_server, late.link, wa_envelope(late.request_id, office_key)).status_code == 410
    assert open_server.store.counts()["submissions"] == 1
    now = int(open_server.config.clock())
    # a submitted request the desk has not pulled yet survives its expiry for the grace period
    assert open_server.store.purge(now, keep_claimed_seconds=0, keep_unclaimed_seconds=3600) == (0, 1)
    assert open_server.store.counts()["submissions"] == 1
    subs, reqs = open_server.store.purge(now + 3600, keep_claimed_seconds=0, keep_unclaimed_seconds=3600)
    assert (subs, reqs) == (1, 1)
    assert open_server.store.counts()["submissions"] == 0 and open_server.store.counts()["requests"] == 0


def _at(day: dt.datetime) -> float:
    return day.timestamp()


def test_ho_is_refused_for_requests_from_2027_04_01(open_server, office_key):
    open_server.config.clock = lambda: _at(dt.datetime(2027, 4, 1, 0, 5, tzinfo=JST))
    with pytest.raises(MethodNotAllowed):
        new_request(open_server, office_key, methods=(Method.HO, Method.HE))
    assert new_request(open_server, office_key, methods=(Method.HE, Method.WA)).methods == (Method.HE, Method.WA)
    open_server.config.clock = lambda: _at(dt.datetime(2027, 3, 31, 23, 55, tzinfo=JST))
    assert Method.HO in new_request(open_server, office_key, methods=(Method.HO,)).methods


def test_ho_upload_after_the_deadline_is_refused_even_for_an_earlier_request(open_server, office_key, selfie_frames):
    from kyc_desk.sync.format import DocumentKind
    from kyc_desk.sync.submitter import document_parts, selfie_parts

    open_server.config.clock = lambda: _at(dt.datetime(2027, 3, 31, 12, 0, tzinfo=JST))
    created = new_request(open_server, office_key, methods=(Method.HO,))
    sub = build_submission(
        request_id=created.request_id, method=Method.HO, document=DocumentKind.DRIVER_LICENCE,
        parts=document_parts({"front": selfie_frames[0], "back": selfie_frames[1], "thickness": selfie_frames[2]})
        + selfie_parts(selfie_frames),
    )
    open_server.config.clock = lambda: _at(dt.datetime(2027, 4, 1, 9, 0, tzinfo=JST))
    response = post(open_server, created.link, seal(sub, office_key.public_key()))
    assert response.status_code == 422 and "2027-04-01" in response.json()["message"]
    assert open_server.store.counts()["submissions"] == 0


def test_link_calls_are_rate_limited(live_server, office_key):
    created = new_request(live_server, office_key)
    token = created.link.split("/s/")[1].split("#")[0]
    statuses = [httpx.get(f"{live_server.url}/v1/submit/{token}").status_code for _ in range(31)]
    assert statuses[:30] == [200] * 30 and statuses[30] == 429  # 30 a minute per address
    refused = httpx.get(f"{live_server.url}/v1/submit/{token}")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1


def test_guessing_links_is_rate_limited(live_server):
    statuses = [httpx.get(f"{live_server.url}/v1/submit/{'x' * 43}{i:02d}").status_code for i in range(10)]
    assert set(statuses) <= {404, 429} and statuses[0] == 404


def test_invalid_request_bodies(open_server, office_key):
    headers = {"Authorization": f"Bearer {open_server.desk_token}"}
    key = encode_public_key(office_key.public_key())
    cases = [
        ({"methods": [], "office_public_key": key}, "invalid_methods"),
        ({"methods": ["xx"], "office_public_key": key}, "invalid_methods"),
        ({"methods": ["he", "he"], "office_public_key": key}, "invalid_methods"),
        ({"methods": ["he"], "office_public_key": "short"}, "invalid_office_key"),
        ({"methods": ["he"], "office_public_key": key, "expires_in_minutes": 1}, "invalid_expiry"),
        ({"methods": ["he"], "office_public_key": key, "reference": "山田"}, "invalid_reference"),
        ({"methods": ["he"], "office_public_key": key, "liveness": "blink,blink"}, "invalid_liveness"),
        ({"methods": ["he"], "office_public_key": key, "liveness": "blink,turn_left,blink"}, "invalid_liveness"),
    ]
    for body, code in cases:
        response = httpx.post(f"{open_server.url}/v1/requests", json=body, headers=headers)
        assert (response.status_code, response.json()["error"]) == (400, code)
    assert open_server.store.counts()["requests"] == 0


@pytest.mark.postgres
def test_full_cycle_on_postgresql(postgres_url, office_key):
    from kyc_desk.sync.server import Limits, ServerConfig

    with serve(ServerConfig(database_url=postgres_url, limits=Limits.off())) as live:
        created = new_request(live, office_key)
        with LinkClient(created.link) as phone:
            sid = phone.upload(wa_envelope(created.request_id, office_key))
            assert phone.upload(wa_envelope(created.request_id, office_key)) == sid  # replaced
        with DeskClient(live.url, live.desk_token) as desk:
            assert [p.submission_id for p in desk.pending()] == [sid]
            assert len(desk.download(sid)) > 256
            with LinkClient(created.link) as phone, pytest.raises(LinkInvalid):
                phone.upload(wa_envelope(created.request_id, office_key))
            desk.confirm(sid)
            assert desk.pending() == []
        assert live.store.counts()["submissions"] == 0


def test_the_purge_timer_runs_in_the_server(tmp_path, office_key):
    from kyc_desk.sync.server import Limits, ServerConfig

    config = ServerConfig(database_url=f"sqlite:///{tmp_path / 'e.db'}", limits=Limits.off(),
                          purge_interval_seconds=0.1, keep_unclaimed_seconds=60, keep_claimed_seconds=60)
    with serve(config) as live:
        created = new_request(live, office_key, expires_in_minutes=10)
        with LinkClient(created.link) as phone:
            phone.upload(wa_envelope(created.request_id, office_key))
        time.sleep(0.5)
        assert live.store.counts()["submissions"] == 1  # not expired: kept
        live.config.clock = lambda: time.time() + 10 * 60 + 61
        deadline = time.monotonic() + 20
        while live.store.counts()["submissions"] or live.store.counts()["requests"]:
            assert time.monotonic() < deadline, "the purge timer did not delete the expired submission"
            time.sleep(0.1)


def test_the_link_opens_the_capture_page_without_using_it_up(open_server, office_key):
    created = new_request(open_server, office_key, methods=(Method.HE, Method.WA))
    page = httpx.get(created.link.split("#")[0])
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "オンライン本人確認" in page.text and created.request_id not in page.text
    with LinkClient(created.link) as phone:
        assert phone.info().request_id == created.request_id  # still open
    assert httpx.get(f"{open_server.url}/s/{'x' * 43}").status_code == 404


def test_an_upload_without_a_length_streams_and_counts(open_server, office_key):
    created = new_request(open_server, office_key)
    envelope = wa_envelope(created.request_id, office_key)
    token = created.link.split("/s/")[1].split("#")[0]

    def chunks():  # no Content-Length: chunked transfer encoding
        for i in range(0, len(envelope), 100):
            yield envelope[i:i + 100]

    response = httpx.post(f"{open_server.url}/v1/submit/{token}", content=chunks(),
                          headers={"Content-Type": "application/octet-stream"})
    assert response.status_code == 201 and response.json()["uploads_left"] == 2
    with DeskClient(open_server.url, open_server.desk_token) as desk:
        assert desk.download(response.json()["submission_id"]) == envelope


def test_a_wrong_header_is_refused_before_the_body_ends(open_server, office_key):
    """The endpoint judges the header from the first kilobyte: a client is told at once, not after 12 MiB."""
    import socket

    created = new_request(open_server, office_key)
    other = wa_envelope("Someone_else_request1", office_key)
    token = created.link.split("/s/")[1].split("#")[0]
    host, port = open_server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(f"POST /v1/submit/{token} HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
                     f"Content-Length: {10 * 1024 * 1024}\r\n\r\n".encode() + other[:2048])
        answer = b""
        while chunk := sock.recv(4096):  # the server answers and closes; the rest of the 10 MiB is never sent
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 422") and b"request_mismatch" in answer
    assert post(open_server, created.link, wa_envelope(created.request_id, office_key)).status_code == 201
